#include "app/modes/start_screen.hpp"

#include <imgui.h>

#include <algorithm>
#include <string>

namespace dermasim::app {

void StartScreen::frame(const FrameInput&, double dt_s, SkinView& view) {
    turn_deg_ += float(dt_s) * 6.0f;  // degrees per second, from the one clock
    view.camera = OrbitCamera::overview(view.width_mm, view.block_depth_mm());
    view.camera.yaw_deg += turn_deg_;
    view.camera.target.y -= 0.45f * view.width_mm;  // the block in the upper half, above the modes
    view.device.reset();
    view.annotations = false;

    ImGuiIO& io = ImGui::GetIO();
    const float width = std::min(560.0f, io.DisplaySize.x - 24.0f);
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x * 0.5f, io.DisplaySize.y - 16.0f), ImGuiCond_Always, ImVec2(0.5f, 1.0f));
    ImGui::SetNextWindowSize(ImVec2(width, 0.0f), ImGuiCond_Always);
    ImGui::Begin("DermaSim", nullptr, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted("Micro-needling on layered skin, in 3D. Choose what to do:");
    ImGui::Spacing();
    for (const ModeInfo& mode : kModes) {
        ImGui::Separator();
        ImGui::BeginDisabled(!mode.available);
        std::string label = std::string(mode.name);
        label[0] = char(std::toupper(static_cast<unsigned char>(label[0])));
        if (ImGui::Button(label.c_str(), ImVec2(110.0f, 0.0f))) switch_request = std::string(mode.name);
        ImGui::EndDisabled();
        ImGui::SameLine();
        if (mode.available) ImGui::TextUnformatted(std::string(mode.summary).c_str());
        else ImGui::TextDisabled("%s (not in this version yet)", std::string(mode.summary).c_str());
    }
    ImGui::Separator();
    ImGui::TextDisabled("Pick a mode at start with 'dermasim --mode NAME'.");
    ImGui::PopTextWrapPos();
    ImGui::End();
}

}  // namespace dermasim::app
