#pragma once
// The window's control panel: region, look, cut plane, camera, frame time.
#include "engine/render/skin_view.hpp"
#include "engine/skin/region_profile.hpp"

namespace dermasim::app {

struct PanelState {
    int region_index = 0;
    float frame_ms = 0;     // smoothed CPU frame time
    bool show_panel = true;
};

// Draws the panel and applies the user's changes to view.
void draw_skin_panel(const RegionTable& regions, PanelState& state, SkinView& view);

}  // namespace dermasim::app
