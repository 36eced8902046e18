#include "engine/render/micro_annotations.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "engine/render/micro_view.hpp"
#include "engine/render/skin_view.hpp"

namespace dermasim {

int micro_scale_bar_um(float width_um) {
    constexpr int kSteps[] = {10, 20, 50, 100, 200, 500, 1000};
    int best = kSteps[0];
    for (int s : kSteps)
        if (s <= 0.25f * width_um) best = s;
    return best;
}

void draw_micro_annotations(ImDrawList* list, const SkinView& view, VkExtent2D extent, float bottom_reserved_px) {
    MicroLayout l = micro_layout(view, extent);
    float text_px = std::clamp(15.0f * float(l.rect.extent.height) / 420.0f, 9.0f, 24.0f);
    int um = micro_scale_bar_um(1000.0f * l.width_mm());
    float bar_px = um / 1000.0f / l.mm_per_px;
    char label[32];
    if (um >= 1000)
        std::snprintf(label, sizeof label, "%d mm", um / 1000);
    else if (view.plain_words)
        std::snprintf(label, sizeof label, "%g mm", um / 1000.0);
    else
        std::snprintf(label, sizeof label, "%d \xC2\xB5m", um);  // UTF-8 micro sign
    ImVec2 size = ImGui::GetFont()->CalcTextSizeA(text_px, 1e6f, 0.0f, label);
    float pad = std::max(4.0f, 0.4f * text_px);
    // Bottom left of the view, on a dark pill so it reads over any tissue.
    ImVec2 origin(l.rect.offset.x + 2.0f * pad, l.rect.offset.y + l.rect.extent.height - 2.0f * pad - bottom_reserved_px);
    float box_w = std::max(bar_px, size.x) + 2.0f * pad;
    ImVec2 box_min(origin.x - pad, origin.y - size.y - 3.0f * pad), box_max(origin.x - pad + box_w, origin.y);
    list->AddRectFilled(box_min, box_max, IM_COL32(20, 22, 28, 190), 0.5f * pad);
    float bar_y = origin.y - pad;
    list->AddLine(ImVec2(origin.x, bar_y), ImVec2(origin.x + bar_px, bar_y), IM_COL32(245, 246, 248, 255), 3.0f);
    for (float end : {origin.x, origin.x + bar_px})
        list->AddLine(ImVec2(end, bar_y - 0.35f * pad - 2.0f), ImVec2(end, bar_y + 0.35f * pad + 1.0f),
                      IM_COL32(245, 246, 248, 255), 1.5f);
    list->AddText(ImGui::GetFont(), text_px, ImVec2(origin.x, bar_y - 0.6f * pad - size.y),
                  IM_COL32(245, 246, 248, 255), label);

    // What it is and what its colours mean, in words, along the top of the view.
    const bool he = view.look == Look::Histology;
    // Red is two things: the capillaries' red cells, there in healthy skin too (a third of 70 um sites in the
    // papillary dermis, more while new vessels grow), and blood spilled by the needles, gone within days. A key
    // that called every red dot bleeding told a client on day 30 that the skin was still bleeding.
    const char* key = view.plain_words
                           ? (he ? "Magnified, stained as in a laboratory: pink = collagen, purple dots = cells, "
                                   "red = tiny blood vessels, and in the first days pinpoint bleeding (normal)"
                                 : "Magnified: orange fibres = new young collagen, teal = mature collagen, blue cells "
                                   "= repair cells, red dots = tiny blood vessels, and in the first days pinpoint "
                                   "bleeding (normal)")
                       : he ? "Magnified cut (H&E): pink = collagen, purple dots = cell nuclei, red = capillaries' "
                              "red cells, blood and clot"
                            : "Magnified cut: orange fibres = new young collagen, teal = mature collagen, "
                              "blue cells = fibroblasts, red rings = capillaries, red = blood and clot";
    // Wrapped to the view's width rather than shrunk, so it stays readable in a small inset.
    const float key_px = std::max(11.0f, 0.85f * text_px);
    const float wrap = float(l.rect.extent.width) - 3.0f * pad;
    ImVec2 key_size = ImGui::GetFont()->CalcTextSizeA(key_px, 1e6f, wrap, key);
    ImVec2 key_at(l.rect.offset.x + pad, l.rect.offset.y + pad);
    list->AddRectFilled(ImVec2(key_at.x - 0.5f * pad, key_at.y - 0.3f * pad),
                        ImVec2(key_at.x + key_size.x + 0.5f * pad, key_at.y + key_size.y + 0.3f * pad),
                        IM_COL32(20, 22, 28, 190), 0.5f * pad);
    list->AddText(ImGui::GetFont(), key_px, key_at, IM_COL32(245, 246, 248, 255), key, nullptr, wrap);
    // A frame around an inset, so it reads as a window onto the block rather than part of it.
    if (!view.micro->fills_frame())
        list->AddRect(ImVec2(l.rect.offset.x, l.rect.offset.y),
                      ImVec2(l.rect.offset.x + l.rect.extent.width, l.rect.offset.y + l.rect.extent.height),
                      IM_COL32(235, 238, 242, 200), 0.0f, 0, 2.0f);
}

}  // namespace dermasim
