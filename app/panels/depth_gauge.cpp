#include "app/panels/depth_gauge.hpp"

#include <imgui.h>

#include <algorithm>

namespace dermasim::app {

void draw_depth_gauge(const RegionProfile& region, float depth_mm, float needle_mm, float limit_mm) {
    const ImU32 colours[kLayerCount] = {IM_COL32(245, 228, 200, 255), IM_COL32(238, 180, 155, 255),
                                        IM_COL32(250, 200, 198, 255), IM_COL32(228, 160, 156, 255),
                                        IM_COL32(255, 236, 160, 255)};
    float shown = std::max(needle_mm, float(region.bottom_of_mm(Layer::ReticularDermis))) * 1.15f;
    ImVec2 origin = ImGui::GetCursorScreenPos();
    float width = ImGui::GetContentRegionAvail().x, height = 70.0f;
    ImDrawList* list = ImGui::GetWindowDrawList();
    for (int i = 0; i < kLayerCount; ++i) {
        Layer l = static_cast<Layer>(i);
        float top = float(region.top_of_mm(l)) / shown, bottom = std::min(1.0f, float(region.bottom_of_mm(l)) / shown);
        if (top >= 1.0f) break;
        list->AddRectFilled(ImVec2(origin.x, origin.y + top * height), ImVec2(origin.x + width, origin.y + bottom * height),
                            colours[i]);
    }
    float y_needle = origin.y + std::min(1.0f, needle_mm / shown) * height;
    float y_depth = origin.y + std::min(1.0f, depth_mm / shown) * height;
    float x = origin.x + width * 0.5f;
    list->AddLine(ImVec2(x, origin.y), ImVec2(x, y_needle), IM_COL32(120, 120, 130, 200), 1.0f);  // nominal length
    list->AddLine(ImVec2(x, origin.y), ImVec2(x, y_depth), IM_COL32(40, 40, 48, 255), 3.0f);     // expected channel
    list->AddText(ImVec2(x + 6, y_depth - 8), IM_COL32(20, 20, 20, 255), "channel");
    if (limit_mm > 0) {  // the deepest a channel may go in this lesson
        const float y_limit = origin.y + std::min(1.0f, limit_mm / shown) * height;
        list->AddLine(ImVec2(origin.x, y_limit), ImVec2(origin.x + width, y_limit), IM_COL32(200, 30, 30, 255), 2.0f);
        list->AddText(ImVec2(origin.x + 4, y_limit - 14), IM_COL32(200, 30, 30, 255), "limit");
    }
    ImGui::Dummy(ImVec2(width, height + 4));
}

}  // namespace dermasim::app
