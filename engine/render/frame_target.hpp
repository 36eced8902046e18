#pragma once
// The image one frame is composed in (read back to PNG or blitted to the window): the renderer's kept pictures
// (render/cached_layer.hpp) are copied into it and Dear ImGui draws on top.
#include <vulkan/vulkan.h>
#include "engine/vk/handle.hpp"
#include "engine/vk/image.hpp"

namespace dermasim {

inline constexpr VkFormat kColorFormat = VK_FORMAT_R8G8B8A8_UNORM;  // shaders encode sRGB themselves
inline constexpr VkFormat kDepthFormat = VK_FORMAT_D32_SFLOAT;

struct FrameTarget {
    vk::Image color;
    vk::Framebuffer ui_framebuffer;  // for the Dear ImGui render pass on top of the scene

    VkExtent2D extent() const { return color.extent(); }
};

struct RgbaImage;
namespace vk { class Buffer; }

// Records the copy of the target's colour image (in TRANSFER_SRC_OPTIMAL, as Renderer::record leaves it) into
// `readback` (Readback memory of at least width * height * 4 bytes) and makes the copy visible to the host.
void record_color_readback(VkCommandBuffer cmd, const FrameTarget& target, const vk::Buffer& readback);
// Once those commands have completed: the pixels held in `readback`, an image of `extent`.
RgbaImage image_from_readback(const vk::Buffer& readback, VkExtent2D extent);

}  // namespace dermasim
