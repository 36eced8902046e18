#include "app/timeline_panel.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

namespace dermasim::app {
namespace {

// Plots shrink on small windows so the skin stays visible.
float io_plot_height() { return ImGui::GetIO().DisplaySize.y < 600.0f ? 24.0f : 40.0f; }

constexpr float kSpeeds[] = {0.25f, 1.0f, 7.0f, 30.0f};
constexpr const char* kSpeedNames[] = {"6 h/s", "1 day/s", "1 week/s", "1 month/s"};

std::string day_label(double day) {
    char s[64];
    if (day < 2.0) std::snprintf(s, sizeof s, "%.0f hours", day * 24.0);
    else if (day < 28.0) std::snprintf(s, sizeof s, "day %.1f", day);
    else std::snprintf(s, sizeof s, "week %.0f (day %.0f)", day / 7.0, day);
    return s;
}

void plot(const char* label, const std::vector<HealingSample>& curves, double HealingSample::*field, ImVec4 colour,
          const char* unit) {
    std::vector<float> values;
    values.reserve(curves.size());
    for (const auto& c : curves) values.push_back(float(c.*field));
    char overlay[96];
    std::snprintf(overlay, sizeof overlay, "%s %.2f %s", label, values.empty() ? 0.0 : values.back(), unit);
    ImGui::PushStyleColor(ImGuiCol_PlotLines, colour);
    ImGui::PushID(label);
    ImGui::PlotLines("##plot", values.data(), int(values.size()), 0, overlay, FLT_MAX, FLT_MAX,
                     ImVec2(ImGui::GetContentRegionAvail().x, io_plot_height()));
    ImGui::PopID();
    ImGui::PopStyleColor();
}

}  // namespace

void draw_timeline_panel(const HealingPlayer& player, TimelineState& state, double frame_seconds) {
    const double computed = player.computed_days();
    if (state.playing) state.day = std::min(state.day + frame_seconds * kSpeeds[state.speed_index], computed);
    if (state.day >= player.total_days() && computed >= player.total_days()) state.playing = false;

    ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(12.0f, io.DisplaySize.y - 12.0f), ImGuiCond_Always, ImVec2(0, 1));
    ImGui::SetNextWindowSize(ImVec2(std::clamp(io.DisplaySize.x * 0.42f, 320.0f, 520.0f), 0.0f), ImGuiCond_Always);
    ImGui::Begin("Healing", nullptr, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize);
    std::string why;
    if (player.failed(&why)) ImGui::TextColored(ImVec4(1, 0.4f, 0.4f, 1), "Simulation failed: %s", why.c_str());

    if (ImGui::Button(state.playing ? "Pause" : "Play")) {
        if (!state.playing && state.day >= player.total_days()) state.day = 0;
        state.playing = !state.playing;
    }
    ImGui::SameLine();
    ImGui::SetNextItemWidth(110);
    ImGui::Combo("##speed", &state.speed_index, kSpeedNames, 4);
    ImGui::SameLine();
    ImGui::Text("%s", day_label(state.day).c_str());
    ImGui::SameLine();
    if (computed < player.total_days()) ImGui::TextDisabled("(simulated to day %.0f of %.0f)", computed, player.total_days());
    float day = float(state.day);
    ImGui::SetNextItemWidth(-1);
    if (ImGui::SliderFloat("##day", &day, 0.0f, float(player.total_days()), "day %.1f")) {
        state.day = std::min(double(day), computed);
        state.playing = false;
    }
    int overlay = static_cast<int>(state.overlay);
    const char* overlays[] = {"No overlay", "Collagen (III / I)", "Open channels", "Serum", "Inflammation"};
    ImGui::SetNextItemWidth(200);
    ImGui::Combo("Cut shows", &overlay, overlays, 5);
    state.overlay = static_cast<Overlay>(overlay);
    std::vector<HealingSample> curves = player.curves();
    // Show the curves up to the displayed day, so the plots move with the time-lapse.
    while (!curves.empty() && curves.back().day > state.day + 1e-6) curves.pop_back();
    plot("Redness", curves, &HealingSample::erythema, ImVec4(0.95f, 0.35f, 0.35f, 1), "");
    plot("Fibroblasts", curves, &HealingSample::fibroblasts_fold, ImVec4(0.55f, 0.75f, 0.95f, 1), "x resting");
    plot("Collagen III", curves, &HealingSample::collagen_III_pct_papillary, ImVec4(0.98f, 0.65f, 0.30f, 1), "% papillary");
    plot("Collagen I", curves, &HealingSample::collagen_I_pct_papillary, ImVec4(0.30f, 0.75f, 0.75f, 1), "% papillary");
    state.close_requested = ImGui::Button("Back to treatment");
    ImGui::SameLine();
    ImGui::TextDisabled("Illustration of typical healing, not a prediction for one person.");
    ImGui::End();
}

}  // namespace dermasim::app
