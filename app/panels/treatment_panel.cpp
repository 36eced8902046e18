#include "app/panels/treatment_panel.hpp"

#include <imgui.h>

#include <cmath>
#include <cstdio>
#include "engine/tools/bleeding.hpp"

#include "engine/tools/device_limits.hpp"

#include "app/panels/depth_gauge.hpp"

namespace dermasim::app {
namespace {

const char* direction_name(glm::vec2 d) {
    float deg = std::fmod(std::atan2(d.y, d.x) * 57.2958f + 360.0f, 180.0f);
    if (deg < 22.5f || deg >= 157.5f) return "horizontal";
    if (deg < 67.5f) return "diagonal /";
    if (deg < 112.5f) return "vertical";
    return "diagonal \\";
}

}  // namespace

TreatmentIntent draw_treatment_panel(const TreatmentController& treatment, const Aftercare& aftercare,
                                     const std::vector<std::string>& serums, const std::string& save_status,
                                     bool save_failed) {
    TreatmentIntent intent;
    const RegionProfile& region = treatment.region();
    ImGui::SetNextWindowPos(ImVec2(12.0f, ImGui::GetIO().DisplaySize.y - 12.0f), ImGuiCond_Always, ImVec2(0, 1));
    ImGui::SetNextWindowSize(ImVec2(360.0f, 0.0f), ImGuiCond_Always);
    if (!ImGui::Begin("Treatment", nullptr, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize)) {
        ImGui::End();
        return intent;
    }

    int device = treatment.device() == DeviceKind::Roller ? 0 : 1;
    bool device_changed = ImGui::RadioButton("Dermaroller", &device, 0);
    ImGui::SameLine();
    device_changed |= ImGui::RadioButton("Pen", &device, 1);
    if (device_changed) intent.device = device == 0 ? DeviceKind::Roller : DeviceKind::Pen;

    // Needle lengths in the 0.25 mm steps devices are sold in, within each device's own range (a roller's needles
    // go to 3 mm, a pen's depth to 2.5 mm and down to 0).
    int steps = int(std::lround(treatment.needle_mm() / 0.25f));
    const bool pen = device == 1;
    const int most = int(std::lround((pen ? kPenDepthMaxMm : kRollerNeedleMaxMm) / 0.25f));
    if (ImGui::SliderInt(pen ? "Depth" : "Needle", &steps, pen ? 0 : 1, most, "")) intent.needle_mm = steps * 0.25f;
    ImGui::SameLine(0, 0);
    ImGui::Text(" %.2f mm", steps * 0.25f);

    float pressure = treatment.pressure();
    if (ImGui::SliderFloat("Pressure", &pressure, 0.0f, 1.0f,
                           pressure < 0.3f ? "light %.2f" : pressure < 0.7f ? "normal %.2f" : "firm %.2f"))
        intent.pressure = pressure;

    float depth = treatment.expected_depth_mm();
    Layer reached = region.layer_at_depth(depth);
    ImGui::Text("Channel depth ~%.0f \xC2\xB5m: %s", depth * 1000.0f, std::string(layer_name(reached)).c_str());
    const double bleeding = bleeding_probability(region, depth);
    if (bleeding >= 0.5)
        ImGui::TextColored(ImVec4(0.95f, 0.45f, 0.45f, 1), "reaches the capillary plexus: pinpoint bleeding");
    else if (bleeding > 0.05)
        ImGui::TextColored(ImVec4(0.95f, 0.65f, 0.45f, 1), "into the capillary loops: a few points may bleed");
    draw_depth_gauge(region, depth, treatment.needle_mm());

    const StrokeStats& s = treatment.stats();
    ImGui::Separator();
    ImGui::Text("Passes %d   %s   %.0f mm/s", treatment.passes(), s.down ? direction_name(s.direction) : "lifted",
                s.speed_mm_s);
    size_t count = treatment.punctures()->size();
    ImGui::Text("Punctures %zu  (%.0f per cm2 over the patch)", count,
                double(count) / (kPatchSizeMm * kPatchSizeMm / 100.0));
    ImGui::PushTextWrapPos(0.0f);  // hints wrap at the panel's edge instead of running off it
    ImGui::TextDisabled("left-drag on the skin: %s; W/S or shift+wheel: pressure; ctrl+Z: undo a pass",
                        pen ? "glide" : "roll");
    ImGui::PopTextWrapPos();
    ImGui::Separator();
    Aftercare next = aftercare;
    bool aftercare_changed = ImGui::Checkbox("Cover the skin afterwards", &next.occluded);
    ImGui::SetNextItemWidth(150);
    if (ImGui::BeginCombo("Serum", next.serum.empty() ? "none" : next.serum.c_str())) {
        if (ImGui::Selectable("none", next.serum.empty())) next.serum.clear(), aftercare_changed = true;
        for (const std::string& name : serums)
            if (ImGui::Selectable(name.c_str(), next.serum == name)) next.serum = name, aftercare_changed = true;
        ImGui::EndCombo();
    }
    ImGui::SetNextItemWidth(100);
    aftercare_changed |= ImGui::SliderInt("Sessions", &next.sessions, 1, 6);
    if (next.sessions > 1) {
        ImGui::SameLine();
        ImGui::SetNextItemWidth(90);
        int interval = int(next.interval_days);
        if (ImGui::SliderInt("days apart", &interval, 14, 56)) next.interval_days = interval, aftercare_changed = true;
    }
    if (aftercare_changed) intent.aftercare = next;
    const bool empty = treatment.recording().strokes.empty();
    ImGui::BeginDisabled(empty);
    intent.clear = ImGui::Button("Clear");
    ImGui::SameLine();
    intent.undo = ImGui::Button("Undo pass");
    ImGui::SameLine();
    intent.heal = ImGui::Button("Heal >");
    ImGui::EndDisabled();
    if (!save_status.empty()) {
        ImGui::PushTextWrapPos(0.0f);
        if (save_failed) ImGui::TextColored(ImVec4(1.0f, 0.45f, 0.4f, 1), "%s", save_status.c_str());
        else ImGui::TextDisabled("%s", save_status.c_str());
        ImGui::PopTextWrapPos();
    }
    ImGui::End();
    return intent;
}

}  // namespace dermasim::app
