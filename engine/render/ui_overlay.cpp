#include "engine/render/ui_overlay.hpp"

#include <imgui.h>
#include <imgui_impl_vulkan.h>

#include "engine/core/error.hpp"
#include "engine/vk/commands.hpp"
#include "engine/vk/context.hpp"
#include "engine/vk/descriptors.hpp"

namespace dermasim {
namespace {
void check_imgui_vk(VkResult result) {
    if (result != VK_SUCCESS) throw Error("Dear ImGui Vulkan backend", result, __FILE__, __LINE__);
}
}  // namespace

UiOverlay::UiOverlay(const vk::Context& context, const UiContext& ui, int frame_slots, VkFormat color_format)
    : context_(context), ui_(ui) {
    VkDevice device = context.device();
    // ImGui 1.86 needs a VkRenderPass. It loads what the scene pass drew and leaves the image as an attachment;
    // the dependencies make the scene's writes visible and order them before ours.
    VkAttachmentDescription color{};
    color.format = color_format;
    color.samples = VK_SAMPLE_COUNT_1_BIT;
    color.loadOp = VK_ATTACHMENT_LOAD_OP_LOAD;
    color.storeOp = VK_ATTACHMENT_STORE_OP_STORE;
    color.stencilLoadOp = VK_ATTACHMENT_LOAD_OP_DONT_CARE;
    color.stencilStoreOp = VK_ATTACHMENT_STORE_OP_DONT_CARE;
    color.initialLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
    color.finalLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
    VkAttachmentReference ref{0, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL};
    VkSubpassDescription subpass{};
    subpass.pipelineBindPoint = VK_PIPELINE_BIND_POINT_GRAPHICS;
    subpass.colorAttachmentCount = 1;
    subpass.pColorAttachments = &ref;
    VkSubpassDependency deps[2] = {};
    deps[0].srcSubpass = VK_SUBPASS_EXTERNAL;
    deps[0].dstSubpass = 0;
    deps[0].srcStageMask = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT;
    deps[0].dstStageMask = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT;
    deps[0].srcAccessMask = VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
    deps[0].dstAccessMask = VK_ACCESS_COLOR_ATTACHMENT_READ_BIT | VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
    deps[1].srcSubpass = 0;
    deps[1].dstSubpass = VK_SUBPASS_EXTERNAL;
    deps[1].srcStageMask = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT;
    deps[1].dstStageMask = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT;
    deps[1].srcAccessMask = VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
    deps[1].dstAccessMask = VK_ACCESS_COLOR_ATTACHMENT_READ_BIT | VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
    VkRenderPassCreateInfo info{VK_STRUCTURE_TYPE_RENDER_PASS_CREATE_INFO};
    info.attachmentCount = 1;
    info.pAttachments = &color;
    info.subpassCount = 1;
    info.pSubpasses = &subpass;
    info.dependencyCount = 2;
    info.pDependencies = deps;
    VkRenderPass pass;
    VK_CHECK(vkCreateRenderPass(device, &info, nullptr, &pass));
    render_pass_ = vk::RenderPass(device, pass, vkDestroyRenderPass);

    const VkDescriptorPoolSize size{VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 4};
    pool_ = vk::make_descriptor_pool(device, 4, {&size, 1}, VK_DESCRIPTOR_POOL_CREATE_FREE_DESCRIPTOR_SET_BIT);

    UiContext::Activate active(ui_);
    ImGui_ImplVulkan_InitInfo init{};
    init.Instance = context.instance();
    init.PhysicalDevice = context.physical_device();
    init.Device = device;
    init.QueueFamily = context.queue_family();
    init.Queue = context.queue();
    init.DescriptorPool = pool_;
    init.MinImageCount = 2;
    init.ImageCount = uint32_t(frame_slots < 2 ? 2 : frame_slots);  // vertex buffers rotate per frame slot
    init.MSAASamples = VK_SAMPLE_COUNT_1_BIT;
    init.CheckVkResultFn = check_imgui_vk;
    try {
        if (!ImGui_ImplVulkan_Init(&init, render_pass_)) throw Error("Dear ImGui's Vulkan backend failed to start");
        vk::OneShotCommands commands(context);
        commands.run([](VkCommandBuffer cmd) { ImGui_ImplVulkan_CreateFontsTexture(cmd); });
        ImGui_ImplVulkan_DestroyFontUploadObjects();
    } catch (...) {
        // The destructor does not run for a constructor that throws: the backend's objects go now, before the
        // device they were made on.
        context.wait_idle_quietly();
        if (ImGui::GetIO().BackendRendererUserData) ImGui_ImplVulkan_Shutdown();  // Init got far enough to need it
        throw;
    }
}

UiOverlay::~UiOverlay() {
    context_.wait_idle_quietly();
    UiContext::Activate active(ui_);
    ImGui_ImplVulkan_Shutdown();
}

void UiOverlay::begin_frame() {
    UiContext::Activate active(ui_);
    ImGui_ImplVulkan_NewFrame();
}

void UiOverlay::make_framebuffer(FrameTarget& target) const {
    VkImageView view = target.color.view();
    VkFramebufferCreateInfo info{VK_STRUCTURE_TYPE_FRAMEBUFFER_CREATE_INFO};
    info.renderPass = render_pass_;
    info.attachmentCount = 1;
    info.pAttachments = &view;
    info.width = target.extent().width;
    info.height = target.extent().height;
    info.layers = 1;
    VkFramebuffer fb;
    VK_CHECK(vkCreateFramebuffer(context_.device(), &info, nullptr, &fb));
    target.ui_framebuffer = vk::Framebuffer(context_.device(), fb, vkDestroyFramebuffer);
}

void UiOverlay::record(VkCommandBuffer cmd, const FrameTarget& target, ImDrawData* draw_data) const {
    VkRenderPassBeginInfo begin{VK_STRUCTURE_TYPE_RENDER_PASS_BEGIN_INFO};
    begin.renderPass = render_pass_;
    begin.framebuffer = target.ui_framebuffer;
    begin.renderArea = {{0, 0}, target.extent()};
    vkCmdBeginRenderPass(cmd, &begin, VK_SUBPASS_CONTENTS_INLINE);
    if (draw_data) {
        UiContext::Activate active(ui_);
        ImGui_ImplVulkan_RenderDrawData(draw_data, cmd);
    }
    vkCmdEndRenderPass(cmd);
}

}  // namespace dermasim
