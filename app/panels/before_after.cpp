#include "app/panels/before_after.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace dermasim::app {
namespace {

constexpr float kHandleRadius = 26.0f;  // px: about a fingertip
constexpr float kGrabDistance = 36.0f;  // a press this close to the line takes it

constexpr float kLabelGap = 14.0f;  // px from the line to a label's text
constexpr float kLabelPad = 8.0f;   // px left and right of a label's text, its box
constexpr float kLabelPadY = 4.0f;  // px above and below it

float label_size_px() { return ImGui::GetFontSize() * 1.4f; }
ImVec2 label_extent(const std::string& text) {
    return ImGui::GetFont()->CalcTextSizeA(label_size_px(), FLT_MAX, 0.0f, text.c_str());
}

void label(ImDrawList* draw, ImVec2 at, const std::string& text, bool right_aligned) {
    const ImVec2 extent = label_extent(text);
    ImVec2 pos(right_aligned ? at.x - extent.x - kLabelGap : at.x + kLabelGap, at.y);
    draw->AddRectFilled(ImVec2(pos.x - kLabelPad, pos.y - kLabelPadY),
                        ImVec2(pos.x + extent.x + kLabelPad, pos.y + extent.y + kLabelPadY),
                        IM_COL32(20, 22, 28, 210), 6.0f);
    draw->AddText(ImGui::GetFont(), label_size_px(), pos, IM_COL32(245, 245, 245, 255), text.c_str());
}

}  // namespace

std::string when_words(double day) {
    auto count = [](double n, const char* unit) {
        const long whole = long(n);
        return std::to_string(whole) + " " + unit + (whole == 1 ? "" : "s");
    };
    if (day * 24.0 < 1.0) return "less than an hour";
    if (day < 1.0) return count(std::floor(day * 24.0), "hour");
    if (day < 14.0) return count(std::floor(day), "day");
    if (day < 91.0) return count(std::floor(day / 7.0), "week");
    return count(std::floor(day / 30.4 + 0.02), "month");  // day 182 (5.99) is 6 months, as "six months" says
}

void draw_before_after(BeforeAfterDivider& divider, const std::string& before, const std::string& after,
                       bool interactive, LegendsExtent legends) {
    ImGuiIO& io = ImGui::GetIO();
    const float width = io.DisplaySize.x, height = io.DisplaySize.y;
    if (interactive) {
        const float x = divider.split * width;
        if (ImGui::IsMouseClicked(ImGuiMouseButton_Left) && !io.WantCaptureMouse &&
            std::fabs(io.MousePos.x - x) < kGrabDistance)
            divider.dragging = true;
        if (!ImGui::IsMouseDown(ImGuiMouseButton_Left)) divider.dragging = false;
        if (divider.dragging) divider.split = std::clamp(io.MousePos.x / std::max(width, 1.0f), 0.05f, 0.95f);
    }
    const float x = std::round(divider.split * width);
    ImDrawList* draw = ImGui::GetBackgroundDrawList();  // under the panels, over the scene
    draw->AddLine(ImVec2(x, 0), ImVec2(x, height), IM_COL32(20, 20, 20, 160), 5.0f);
    draw->AddLine(ImVec2(x, 0), ImVec2(x, height), IM_COL32(255, 255, 255, 235), 2.0f);
    const ImVec2 centre(x, height * 0.5f);
    draw->AddCircleFilled(centre, kHandleRadius, IM_COL32(255, 255, 255, divider.dragging ? 255 : 220));
    draw->AddCircle(centre, kHandleRadius, IM_COL32(30, 30, 30, 200), 0, 2.0f);
    // Arrows on the handle say it moves sideways.
    const ImU32 ink = IM_COL32(40, 40, 40, 255);
    draw->AddTriangleFilled(ImVec2(x - 18, centre.y), ImVec2(x - 6, centre.y - 9), ImVec2(x - 6, centre.y + 9), ink);
    draw->AddTriangleFilled(ImVec2(x + 18, centre.y), ImVec2(x + 6, centre.y - 9), ImVec2(x + 6, centre.y + 9), ink);
    // Both labels at one height: near the top, unless "before" would reach into the legends' column there.
    float y = height * 0.12f;
    const float before_left = x - label_extent(before).x - kLabelGap - kLabelPad;
    if (before_left < legends.right + kLabelPad && y - kLabelPadY < legends.bottom) y = legends.bottom + kLabelPad;
    label(draw, ImVec2(x, y), before, true);
    label(draw, ImVec2(x, y), after, false);
}

}  // namespace dermasim::app
