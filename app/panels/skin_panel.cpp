#include "app/panels/skin_panel.hpp"

#include <imgui.h>

namespace dermasim::app {

SkinIntent draw_skin_panel(const RegionTable& regions, const SkinView& view, float frame_ms, bool region_locked,
                           bool magnified, bool has_work) {
    SkinIntent intent;
    ImGui::SetNextWindowPos(ImVec2(ImGui::GetIO().DisplaySize.x - 330.0f, 12.0f), ImGuiCond_Always);
    ImGui::SetNextWindowSize(ImVec2(318.0f, 0.0f), ImGuiCond_Always);
    // On small windows the panel starts folded so the skin stays visible; its title bar unfolds it.
    ImGui::SetNextWindowCollapsed(ImGui::GetIO().DisplaySize.y < 600.0f, ImGuiCond_FirstUseEver);
    if (!ImGui::Begin("Skin", nullptr, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize)) {
        ImGui::End();
        return intent;
    }
    ImGui::BeginDisabled(region_locked);
    if (ImGui::BeginCombo("Region", view.region.name.c_str())) {
        for (const RegionProfile& r : regions.regions())
            if (ImGui::Selectable(r.name.c_str(), r.id == view.region.id) && r.id != view.region.id) intent.region = r.id;
        ImGui::EndCombo();
    }
    ImGui::EndDisabled();
    if (region_locked && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
        ImGui::SetTooltip("Go back to the treatment to change the region");
    int look = view.look == Look::Histology ? 1 : 0;
    bool changed = ImGui::RadioButton("Illustrated", &look, 0);
    ImGui::SameLine();
    changed |= ImGui::RadioButton("Histology (H&E)", &look, 1);
    if (changed) intent.look = look ? Look::Histology : Look::Illustrated;

    float cut = view.cut;
    if (ImGui::SliderFloat("Cut plane", &cut, 0.0f, 1.0f, "%.2f")) intent.cut = cut;
    ImGui::BeginDisabled(!has_work);
    intent.cut_to_work = ImGui::Button("Cut through the last pass");
    ImGui::EndDisabled();
    if (ImGui::Checkbox("Magnified cut (1.5 mm)", &magnified)) intent.magnified = magnified;
    bool annotations = view.annotations;
    if (ImGui::Checkbox("Ruler and labels", &annotations)) intent.annotations = annotations;
    if (ImGui::Button("Overview")) intent.camera = CameraPreset::Overview;
    ImGui::SameLine();
    if (ImGui::Button("Close-up of the cut")) intent.camera = CameraPreset::CloseUp;
    ImGui::TextDisabled("right-drag: orbit, wheel: zoom");

    ImGui::Separator();
    ImGui::Text("Layer thickness (%s)", view.region.name.c_str());
    int hovered = -1;
    for (int i = 0; i < kLayerCount; ++i) {
        const LayerThickness& t = view.region.layers[i];
        ImGui::Text("%-18s %7.0f \xC2\xB5m%s", std::string(kLayerNames[i]).c_str(), t.mm * 1000.0, t.estimated ? " *" : "");
        if (ImGui::IsItemHovered()) {
            hovered = i;
            // Sources are long: wrap the tooltip so it stays on screen.
            ImGui::BeginTooltip();
            ImGui::PushTextWrapPos(ImGui::GetFontSize() * 28.0f);
            ImGui::TextUnformatted(t.source.c_str());
            ImGui::PopTextWrapPos();
            ImGui::EndTooltip();
        }
    }
    if (hovered != view.highlight_layer) intent.highlight_layer = hovered;
    ImGui::TextDisabled("* estimated; hover a layer for its source");
    ImGui::Separator();
    ImGui::Text("Frame %.1f ms (%.0f fps)", frame_ms, frame_ms > 0 ? 1000.0f / frame_ms : 0.0f);
    ImGui::End();
    return intent;
}

}  // namespace dermasim::app
