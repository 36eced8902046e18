#pragma once
// Headless rendering: one frame of a SkinView into an image in memory, without any window system.
#include <vulkan/vulkan.h>
#include "engine/io/png.hpp"
#include "engine/render/skin_view.hpp"

namespace dermasim {
namespace vk { class Context; }

RgbaImage render_offscreen(const vk::Context& context, const SkinView& view, VkExtent2D size);

}  // namespace dermasim
