#pragma once
// The image one frame is composed in (read back to PNG or blitted to the window): the renderer's kept pictures
// (render/cached_layer.hpp) are copied into it and Dear ImGui draws on top.
#include <vulkan/vulkan.h>
#include "engine/vk/handle.hpp"
#include "engine/vk/image.hpp"

namespace dermasim {

// The colour format of a renderer's images where no window chooses one (headless frames, PNGs). The shaders
// encode sRGB themselves, so any 8-bit UNORM order will do: the window's renderer uses its swapchain's
// (app/platform/frame_loop.cpp says why).
inline constexpr VkFormat kColorFormat = VK_FORMAT_R8G8B8A8_UNORM;
inline constexpr VkFormat kDepthFormat = VK_FORMAT_D32_SFLOAT;

struct FrameTarget {
    vk::Image color;  // R8G8B8A8_UNORM or B8G8R8A8_UNORM
    vk::Framebuffer ui_framebuffer;  // for the Dear ImGui render pass on top of the scene

    VkExtent2D extent() const { return color.extent(); }
};

struct RgbaImage;
namespace vk { class Buffer; }

// Records the copy of the target's colour image (in TRANSFER_SRC_OPTIMAL, as Renderer::record leaves it) into
// `readback` (Readback memory of at least width * height * 4 bytes) and makes the copy visible to the host.
void record_color_readback(VkCommandBuffer cmd, const FrameTarget& target, const vk::Buffer& readback);
// Once those commands have completed: the target's pixels held in `readback`, in RGBA order.
RgbaImage image_from_readback(const vk::Buffer& readback, const FrameTarget& target);

}  // namespace dermasim
