#include "app/platform/frame_loop.hpp"

#include <malloc.h>

#include <cstdio>
#include <cstdlib>

#include "engine/core/error.hpp"
#include "engine/vk/buffer.hpp"
#include "engine/vk/commands.hpp"
#include "engine/vk/context.hpp"

namespace dermasim::app {
namespace {

// The renderer draws in the swapchain's colour order when it can. A blit between images of one size and order
// is a copy (lavapipe copies the memory); between the two orders it converts every pixel, which lavapipe does
// in a fragment shader: 5.5 ms of CPU a 1280x720 frame, a sixth of the idle sandbox's whole frame (measured
// with the frame copied instead, docs/PERFORMANCE.md).
VkFormat renderer_format(VkFormat swapchain) {
    return swapchain == VK_FORMAT_B8G8R8A8_UNORM || swapchain == VK_FORMAT_R8G8B8A8_UNORM ? swapchain : kColorFormat;
}

}  // namespace

FrameLoop::FrameLoop(const vk::Context& context, const Catalog& catalog, VkSurfaceKHR surface, VkExtent2D window_size)
    : context_(context), swapchain_(context, surface, window_size),
      renderer_(context, catalog, kFramesInFlight, renderer_format(swapchain_.format())) {
    if (const char* at = std::getenv("DERMASIM_INJECT_DEVICE_LOST"))
        inject_device_lost_at_ = std::chrono::steady_clock::now() +
                                 std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                     std::chrono::duration<double>(std::atof(at)));
    VkDevice device = context.device();
    for (Slot& slot : slots_) {
        VkCommandPoolCreateInfo pool{VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO};
        pool.flags = VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT;
        pool.queueFamilyIndex = context.queue_family();
        VkCommandPool p;
        VK_CHECK(vkCreateCommandPool(device, &pool, nullptr, &p));
        slot.pool = vk::CommandPool(device, p, vkDestroyCommandPool);
        VkCommandBufferAllocateInfo alloc{VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO};
        alloc.commandPool = slot.pool;
        alloc.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
        alloc.commandBufferCount = 1;
        VK_CHECK(vkAllocateCommandBuffers(device, &alloc, &slot.cmd));
        VkFenceCreateInfo fence{VK_STRUCTURE_TYPE_FENCE_CREATE_INFO, nullptr, VK_FENCE_CREATE_SIGNALED_BIT};
        VkFence f;
        VK_CHECK(vkCreateFence(device, &fence, nullptr, &f));
        slot.done = vk::Fence(device, f, vkDestroyFence);
        VkSemaphoreCreateInfo sem{VK_STRUCTURE_TYPE_SEMAPHORE_CREATE_INFO};
        VkSemaphore s;
        VK_CHECK(vkCreateSemaphore(device, &sem, nullptr, &s));
        slot.acquired = vk::Semaphore(device, s, vkDestroySemaphore);
        slot.target = renderer_.make_target(swapchain_.extent());
    }
}

FrameLoop::~FrameLoop() {
    // The slots' command buffers may still be running on the GPU, on every way out (an exception included):
    // nothing they use is destroyed before they finish. A lost device answers at once.
    context_.wait_idle_quietly();
}

void FrameLoop::resize(VkExtent2D window_size) {
    swapchain_.recreate(window_size);  // waits for the device to be idle
    for (Slot& slot : slots_) slot.target = renderer_.make_target(swapchain_.extent());
    last_drawn_ = -1;  // the new targets hold no frame yet
    rebuild_ = false;
    // lavapipe keeps images in ordinary heap memory. glibc holds on to what the old size's images freed, so a
    // window resized again and again (the soak's resize storms) grows in resident memory without leaking: the
    // soak with MALLOC_TRIM_THRESHOLD_=0 stays flat. Handing it back after each rebuild keeps a kiosk's
    // footprint where it started.
    malloc_trim(0);
    std::fprintf(stderr, "dermasim: swapchain rebuilt at %ux%u\n", swapchain_.extent().width,
                 swapchain_.extent().height);
}

bool FrameLoop::draw(const SkinView& view, ImDrawData* ui, VkExtent2D window_size) {
    using namespace vk::access;
    VkDevice device = context_.device();
    const bool resized = window_size.width != swapchain_.extent().width || window_size.height != swapchain_.extent().height;
    if (resized && !rebuild_) suboptimal_.forget();
    if (rebuild_ || resized) resize(window_size);
    Slot& slot = slots_[next_];
    // Fault injection for the tests of what a lost device does to the app (the real loss cannot be provoked).
    if (inject_device_lost_at_ && std::chrono::steady_clock::now() >= *inject_device_lost_at_)
        throw Error("vkQueueSubmit2 (injected by DERMASIM_INJECT_DEVICE_LOST)", VK_ERROR_DEVICE_LOST, __FILE__, __LINE__);
    VK_CHECK(vkWaitForFences(device, 1, slot.done.ptr(), VK_TRUE, UINT64_MAX));

    uint32_t image_index = 0;
    VkResult acquired = vkAcquireNextImageKHR(device, swapchain_.get(), UINT64_MAX, slot.acquired, VK_NULL_HANDLE,
                                              &image_index);
    if (acquired == VK_ERROR_OUT_OF_DATE_KHR) {
        suboptimal_.forget();
        resize(window_size);
        return false;
    }
    if (acquired != VK_SUCCESS && acquired != VK_SUBOPTIMAL_KHR)
        throw Error("vkAcquireNextImageKHR", acquired, __FILE__, __LINE__);
    VK_CHECK(vkResetCommandBuffer(slot.cmd, 0));
    VkCommandBufferBeginInfo begin{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
    begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
    VK_CHECK(vkBeginCommandBuffer(slot.cmd, &begin));
    renderer_.record(slot.cmd, next_, slot.target, view, ui);

    // The acquire semaphore is waited at the transfer stage; the layout change chains onto that wait.
    VkImage image = swapchain_.image(image_index);
    vk::image_barrier(slot.cmd, image, VK_IMAGE_ASPECT_COLOR_BIT, {VK_PIPELINE_STAGE_2_ALL_TRANSFER_BIT, 0},
                      TransferWrite, VK_IMAGE_LAYOUT_UNDEFINED, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL);
    VkExtent2D e = slot.target.extent();
    VkImageBlit blit{};
    blit.srcSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
    blit.srcOffsets[1] = {int32_t(e.width), int32_t(e.height), 1};
    blit.dstSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
    blit.dstOffsets[1] = {int32_t(swapchain_.extent().width), int32_t(swapchain_.extent().height), 1};
    vkCmdBlitImage(slot.cmd, slot.target.color.get(), VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, image,
                   VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1, &blit, VK_FILTER_NEAREST);
    vk::image_barrier(slot.cmd, image, VK_IMAGE_ASPECT_COLOR_BIT, TransferWrite, None,
                      VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, VK_IMAGE_LAYOUT_PRESENT_SRC_KHR);
    VK_CHECK(vkEndCommandBuffer(slot.cmd));

    VkSemaphoreSubmitInfo wait{VK_STRUCTURE_TYPE_SEMAPHORE_SUBMIT_INFO};
    wait.semaphore = slot.acquired;
    wait.stageMask = VK_PIPELINE_STAGE_2_ALL_TRANSFER_BIT;
    VkSemaphoreSubmitInfo signal{VK_STRUCTURE_TYPE_SEMAPHORE_SUBMIT_INFO};
    signal.semaphore = swapchain_.present_ready(image_index);
    signal.stageMask = VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT;
    VkCommandBufferSubmitInfo cmd{VK_STRUCTURE_TYPE_COMMAND_BUFFER_SUBMIT_INFO};
    cmd.commandBuffer = slot.cmd;
    VkSubmitInfo2 submit{VK_STRUCTURE_TYPE_SUBMIT_INFO_2};
    submit.waitSemaphoreInfoCount = 1;
    submit.pWaitSemaphoreInfos = &wait;
    submit.commandBufferInfoCount = 1;
    submit.pCommandBufferInfos = &cmd;
    submit.signalSemaphoreInfoCount = 1;
    submit.pSignalSemaphoreInfos = &signal;
    // Reset only now that the recording is done: had it thrown, the fence would stay signalled and the next wait
    // on this slot would not deadlock.
    VK_CHECK(vkResetFences(device, 1, slot.done.ptr()));
    context_.submit(submit, slot.done);

    VkSemaphore ready = swapchain_.present_ready(image_index);
    VkSwapchainKHR sc = swapchain_.get();
    VkPresentInfoKHR present{VK_STRUCTURE_TYPE_PRESENT_INFO_KHR};
    present.waitSemaphoreCount = 1;
    present.pWaitSemaphores = &ready;
    present.swapchainCount = 1;
    present.pSwapchains = &sc;
    present.pImageIndices = &image_index;
    VkResult presented = context_.present(present);
    last_drawn_ = next_;
    next_ = (next_ + 1) % kFramesInFlight;
    if (presented != VK_SUCCESS && presented != VK_SUBOPTIMAL_KHR && presented != VK_ERROR_OUT_OF_DATE_KHR)
        throw Error("vkQueuePresentKHR", presented, __FILE__, __LINE__);
    const bool was_kept = suboptimal_.kept();
    // At the next draw: the frame just presented stays readable for a picture saved now.
    if (suboptimal_.rebuild_after(presented, window_size)) rebuild_ = true;
    if (suboptimal_.kept() && !was_kept)
        std::fprintf(stderr, "dermasim: the swapchain is still suboptimal at %ux%u after a rebuild: presenting with it\n",
                     swapchain_.extent().width, swapchain_.extent().height);
    return true;
}

RgbaImage FrameLoop::read_last_frame() {
    if (last_drawn_ < 0) throw Error("no frame has been drawn yet");
    context_.wait_idle();
    const FrameTarget& target = slots_[last_drawn_].target;
    VkExtent2D e = target.extent();
    vk::Buffer readback(context_, VkDeviceSize(e.width) * e.height * 4, VK_BUFFER_USAGE_TRANSFER_DST_BIT,
                        vk::MemoryUse::Readback);
    vk::OneShotCommands commands(context_);
    commands.run([&](VkCommandBuffer cmd) { record_color_readback(cmd, target, readback); });
    return image_from_readback(readback, target);
}

}  // namespace dermasim::app
