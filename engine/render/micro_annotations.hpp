#pragma once
// The magnified view's scale bar ("100 µm"), drawn with Dear ImGui's draw lists like the block's ruler so window
// and headless images carry the same annotation. The bar's length is a round number of micrometres chosen so it
// spans roughly a fifth of the view.
#include <vulkan/vulkan.h>

struct ImDrawList;

namespace dermasim {

struct SkinView;

// The bar's length in µm for a view `width_um` wide: 10, 20, 50, 100, 200, 500 or 1000.
int micro_scale_bar_um(float width_um);
// view.micro must be set.
void draw_micro_annotations(ImDrawList* list, const SkinView& view, VkExtent2D extent, float bottom_reserved_px = 0.0f);

}  // namespace dermasim
