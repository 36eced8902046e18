#include "app/skin_panel.hpp"

#include <imgui.h>

namespace dermasim::app {

void draw_skin_panel(const RegionTable& regions, PanelState& state, SkinView& view) {
    if (!state.show_panel) return;
    ImGui::SetNextWindowPos(ImVec2(ImGui::GetIO().DisplaySize.x - 330.0f, 12.0f), ImGuiCond_Always);
    ImGui::SetNextWindowSize(ImVec2(318.0f, 0.0f), ImGuiCond_Always);
    // On small windows the panel starts folded so the skin stays visible; its title bar unfolds it.
    ImGui::SetNextWindowCollapsed(ImGui::GetIO().DisplaySize.y < 600.0f, ImGuiCond_FirstUseEver);
    ImGui::Begin("Skin", nullptr, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize);

    const auto& list = regions.regions();
    if (ImGui::BeginCombo("Region", list[state.region_index].name.c_str())) {
        for (int i = 0; i < int(list.size()); ++i) {
            if (ImGui::Selectable(list[i].name.c_str(), i == state.region_index)) {
                state.region_index = i;
                view.region = list[i];
            }
        }
        ImGui::EndCombo();
    }
    int look = view.look == Look::Histology ? 1 : 0;
    ImGui::RadioButton("Illustrated", &look, 0);
    ImGui::SameLine();
    ImGui::RadioButton("Histology (H&E)", &look, 1);
    view.look = look ? Look::Histology : Look::Illustrated;

    ImGui::SliderFloat("Cut plane", &view.cut, 0.0f, 1.0f, "%.2f");
    ImGui::Checkbox("Ruler and labels", &view.annotations);
    if (ImGui::Button("Overview")) view.camera = OrbitCamera::overview(view.width_mm, view.block_depth_mm());
    ImGui::SameLine();
    if (ImGui::Button("Close-up of the cut")) view.camera = view.default_camera();
    ImGui::TextDisabled("right-drag: orbit, wheel: zoom");

    ImGui::Separator();
    ImGui::Text("Layer thickness (%s)", view.region.name.c_str());
    for (int i = 0; i < kLayerCount; ++i) {
        const LayerThickness& t = view.region.layers[i];
        bool hovered = false;
        ImGui::Text("%-18s %7.0f um%s", std::string(kLayerNames[i]).c_str(), t.mm * 1000.0, t.estimated ? " *" : "");
        hovered = ImGui::IsItemHovered();
        if (hovered) {
            view.highlight_layer = i;
            ImGui::SetTooltip("%s", t.source.c_str());
        } else if (view.highlight_layer == i) {
            view.highlight_layer = -1;
        }
    }
    ImGui::TextDisabled("* estimated; hover a layer for its source");
    ImGui::Separator();
    ImGui::Text("Frame %.1f ms (%.0f fps)", state.frame_ms, state.frame_ms > 0 ? 1000.0f / state.frame_ms : 0.0f);
    ImGui::End();
}

}  // namespace dermasim::app
