#pragma once
// The skin panel: region, look, cut plane, camera, layer thicknesses with their sources, frame time.
// It reads the view and returns what the user asked for; the mode decides what to do with it.
#include <optional>
#include <string>

#include "engine/render/skin_view.hpp"
#include "engine/skin/region_profile.hpp"

namespace dermasim::app {

enum class CameraPreset { Overview, CloseUp };

struct SkinIntent {
    std::optional<std::string> region;  // a region id
    std::optional<Look> look;
    std::optional<float> cut;
    std::optional<bool> annotations;
    std::optional<CameraPreset> camera;
    std::optional<int> highlight_layer;  // a Layer, or -1
    bool cut_to_work = false;            // put the cut plane through the last pass's channels
    std::optional<bool> magnified;       // show the magnified cut
};

// region_locked: the region is part of work on screen that cannot change now (a time-lapse plays).
// has_work: there are channels to put the cut through.
SkinIntent draw_skin_panel(const RegionTable& regions, const SkinView& view, float frame_ms, bool region_locked,
                           bool magnified, bool has_work);

}  // namespace dermasim::app
