#include "app/panels/timeline_panel.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

namespace dermasim::app {
namespace {

// Plots shrink on small windows so the skin stays visible.
float io_plot_height() { return ImGui::GetIO().DisplaySize.y < 600.0f ? 24.0f : 40.0f; }

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

void advance_timeline(TimelineState& state, const HealingPlayer& player, double dt_s) {
    const double computed = player.computed_days();
    if (state.playing) state.day = std::min(state.day + dt_s * kPlaybackSpeeds[state.speed_index], computed);
    if (state.day >= player.total_days() && computed >= player.total_days()) state.playing = false;
}

void apply(TimelineState& state, const TimelineIntent& intent, const HealingPlayer& player) {
    if (intent.playing) {
        if (*intent.playing && state.day >= player.total_days()) state.day = 0;  // play again from the start
        state.playing = *intent.playing;
    }
    if (intent.seek_day) {
        state.day = std::clamp(*intent.seek_day, 0.0, player.total_days());
        state.playing = false;
    }
    if (intent.speed_index) state.speed_index = std::clamp(*intent.speed_index, 0, int(std::size(kPlaybackSpeeds)) - 1);
    if (intent.overlay) state.overlay = *intent.overlay;
}

TimelineIntent draw_timeline_panel(const HealingPlayer& player, const TimelineState& state) {
    TimelineIntent intent;
    const double computed = player.computed_days();
    ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(12.0f, io.DisplaySize.y - 12.0f), ImGuiCond_Always, ImVec2(0, 1));
    // As wide as the treatment panel, so the block framed between the panels stays clear of it.
    ImGui::SetNextWindowSize(ImVec2(360.0f, 0.0f), ImGuiCond_Always);
    if (!ImGui::Begin("Healing", nullptr, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize)) {
        ImGui::End();
        return intent;
    }
    std::string why;
    if (player.failed(&why)) ImGui::TextColored(ImVec4(1, 0.4f, 0.4f, 1), "Simulation failed: %s", why.c_str());

    if (ImGui::Button(state.playing ? "Pause" : "Play")) intent.playing = !state.playing;
    ImGui::SameLine();
    ImGui::SetNextItemWidth(110);
    int speed = state.speed_index;
    if (ImGui::Combo("##speed", &speed, kSpeedNames, 4)) intent.speed_index = speed;
    ImGui::SameLine();
    ImGui::Text("%s", day_label(state.day).c_str());
    float day = float(state.day);
    ImGui::SetNextItemWidth(-1);
    if (ImGui::SliderFloat("##day", &day, 0.0f, float(player.total_days()), "day %.1f")) intent.seek_day = day;
    // Scrubbing past what is simulated shows the furthest simulated day, and says so.
    if (state.day > computed + 1e-6)
        ImGui::TextColored(ImVec4(0.95f, 0.8f, 0.4f, 1), "Day %.0f is not simulated yet: showing day %.1f", state.day,
                           computed);
    else if (computed < player.total_days())
        ImGui::TextDisabled("simulated to day %.0f of %.0f", computed, player.total_days());
    int overlay = static_cast<int>(state.overlay);
    const char* overlays[] = {"No overlay", "Collagen (III / I)", "Open channels", "Serum", "Inflammation"};
    ImGui::SetNextItemWidth(200);
    if (ImGui::Combo("Cut shows", &overlay, overlays, 5)) intent.overlay = static_cast<Overlay>(overlay);
    std::vector<HealingSample> curves = player.curves();
    // Show the curves up to the displayed day, so the plots move with the time-lapse.
    while (!curves.empty() && curves.back().day > state.day + 1e-6) curves.pop_back();
    plot("Redness", curves, &HealingSample::erythema, ImVec4(0.95f, 0.35f, 0.35f, 1), "");
    plot("Fibroblasts", curves, &HealingSample::fibroblasts_fold, ImVec4(0.55f, 0.75f, 0.95f, 1), "x resting");
    plot("Collagen III", curves, &HealingSample::collagen_III_pct_papillary, ImVec4(0.98f, 0.65f, 0.30f, 1), "% papillary");
    plot("Collagen I", curves, &HealingSample::collagen_I_pct_papillary, ImVec4(0.30f, 0.75f, 0.75f, 1), "% papillary");
    intent.back_to_treatment = ImGui::Button("Back to treatment");
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("Illustration of typical healing, not a prediction for one person.");
    ImGui::PopTextWrapPos();
    ImGui::End();
    return intent;
}

}  // namespace dermasim::app
