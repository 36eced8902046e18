#pragma once
// The explanatory layer over the 3D block: a millimetre depth ruler along the cut face's edge, a label for
// each skin layer with a leader line to it, and a legend with each layer's thickness. Drawn with Dear ImGui's
// draw lists, so window and headless images carry the same annotations.
#include <glm/mat4x4.hpp>
#include <vulkan/vulkan.h>
#include "engine/render/skin_view.hpp"

struct ImDrawList;

namespace dermasim {

void draw_annotations(ImDrawList* list, const SkinView& view, VkExtent2D extent);

// How far right and down the frame (pixels) the legends in its top-left corner reach, so that a layout can keep
// the block and its labels clear of them (0, 0 when there are none).
struct LegendsExtent {
    float right = 0.0f, bottom = 0.0f;
};
LegendsExtent annotation_legends_extent(const SkinView& view, VkExtent2D extent);

}  // namespace dermasim
