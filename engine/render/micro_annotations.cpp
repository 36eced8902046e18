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

void draw_micro_annotations(ImDrawList* list, const SkinView& view, VkExtent2D extent) {
    MicroLayout l = micro_layout(view, extent);
    float text_px = std::clamp(15.0f * float(l.rect.extent.height) / 420.0f, 9.0f, 24.0f);
    int um = micro_scale_bar_um(1000.0f * l.width_mm());
    float bar_px = um / 1000.0f / l.mm_per_px;
    char label[32];
    if (um >= 1000)
        std::snprintf(label, sizeof label, "%d mm", um / 1000);
    else
        std::snprintf(label, sizeof label, "%d \xC2\xB5m", um);  // UTF-8 micro sign
    ImVec2 size = ImGui::GetFont()->CalcTextSizeA(text_px, 1e6f, 0.0f, label);
    float pad = std::max(4.0f, 0.4f * text_px);
    // Bottom left of the view, on a dark pill so it reads over any tissue.
    ImVec2 origin(l.rect.offset.x + 2.0f * pad, l.rect.offset.y + l.rect.extent.height - 2.0f * pad);
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
}

}  // namespace dermasim
