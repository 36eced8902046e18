#pragma once
// Two frames in flight: each slot has its own command buffer, fence, acquire semaphore and offscreen target,
// so the CPU records frame N+1 while the GPU still draws frame N.
#include <array>
#include <chrono>
#include <functional>
#include <optional>
#include <vulkan/vulkan.h>

#include "app/platform/suboptimal_guard.hpp"
#include "engine/io/png.hpp"
#include "engine/render/frame_target.hpp"
#include "engine/render/renderer.hpp"
#include "engine/vk/handle.hpp"
#include "engine/vk/swapchain.hpp"

namespace dermasim::app {

inline constexpr int kFramesInFlight = 2;

class FrameLoop {
public:
    FrameLoop(const vk::Context& context, const Catalog& catalog, VkSurfaceKHR surface, VkExtent2D window_size);
    ~FrameLoop();
    FrameLoop(const FrameLoop&) = delete;
    FrameLoop& operator=(const FrameLoop&) = delete;

    Renderer& renderer() { return renderer_; }
    // Renders view + ImGui draw data and presents. Returns false if the frame was skipped (swapchain rebuilt).
    bool draw(const SkinView& view, ImDrawData* ui, VkExtent2D window_size);
    // The last presented frame's pixels (waits for the GPU).
    RgbaImage read_last_frame();

private:
    struct Slot {
        vk::CommandPool pool;
        VkCommandBuffer cmd = VK_NULL_HANDLE;
        vk::Fence done;
        vk::Semaphore acquired;
        FrameTarget target;
    };
    void resize(VkExtent2D window_size);

    const vk::Context& context_;
    vk::Swapchain swapchain_;
    Renderer renderer_;
    std::array<Slot, kFramesInFlight> slots_;
    int next_ = 0;
    int last_drawn_ = -1;     // the slot whose target holds the last frame presented; -1 after a rebuild
    bool rebuild_ = false;    // present said the swapchain no longer fits: rebuilt at the next draw
    SuboptimalGuard suboptimal_;
    // $DERMASIM_INJECT_DEVICE_LOST=S: the first frame S seconds after the loop began fails as a lost device.
    // Seconds, not a frame count: frames take 3 to 300 ms, so a count would fall before or after the work.
    std::optional<std::chrono::steady_clock::time_point> inject_device_lost_at_;
};

}  // namespace dermasim::app
