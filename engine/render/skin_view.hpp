#pragma once
// What the renderer is asked to show: the region's skin block, how it looks, where it is cut, from where.
#include <string>
#include "engine/render/camera.hpp"
#include "engine/skin/region_profile.hpp"

namespace dermasim {

enum class Look { Illustrated, Histology };
Look parse_look(const std::string& name);  // "illustrated" | "histology"; throws Error otherwise
const char* look_name(Look look);

struct SkinView {
    RegionProfile region;
    Look look = Look::Illustrated;
    float cut = 0.5f;          // cut plane position across the block, 0 = front face .. 1 = back face
    float width_mm = 20.0f;    // the treated patch (kPatchSizeMm)
    float fat_shown_mm = 1.0f; // how much of the hypodermis the block shows below the dermis
    OrbitCamera camera = OrbitCamera::framing(20.0f, 2.5f, 0.0f);
    int highlight_layer = -1;  // a Layer to tint, or -1
    bool annotations = true;   // depth ruler and layer labels

    float block_depth_mm() const;  // dermis plus the fat shown
    float cut_z_mm() const;        // where the cut plane sits (world z; the block spans -width/2..+width/2)
    OrbitCamera default_camera() const { return OrbitCamera::framing(width_mm, block_depth_mm(), cut_z_mm()); }
};

}  // namespace dermasim
