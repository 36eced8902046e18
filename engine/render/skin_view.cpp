#include "engine/render/skin_view.hpp"

#include <algorithm>
#include "engine/core/error.hpp"

namespace dermasim {

Look parse_look(const std::string& name) {
    if (name == "illustrated") return Look::Illustrated;
    if (name == "histology") return Look::Histology;
    throw Error("unknown look '" + name + "' (use illustrated or histology)");
}

const char* look_name(Look look) { return look == Look::Illustrated ? "illustrated" : "histology"; }

namespace {
constexpr const char* kOverlayNames[] = {"none", "collagen", "channels", "serum", "inflammation"};
}

Overlay parse_overlay(const std::string& name) {
    for (int i = 0; i < 5; ++i)
        if (name == kOverlayNames[i]) return static_cast<Overlay>(i);
    throw Error("unknown overlay '" + name + "' (use none, collagen, channels, serum or inflammation)");
}

const char* overlay_name(Overlay overlay) { return kOverlayNames[static_cast<int>(overlay)]; }

float SkinView::block_depth_mm() const {
    double fat = std::min<double>(fat_shown_mm, region.thickness_mm(Layer::Hypodermis));
    return float(region.bottom_of_mm(Layer::ReticularDermis) + fat);
}

float SkinView::cut_z_mm() const {
    float half = 0.5f * width_mm;
    return std::max(-half + (1.0f - cut) * width_mm, -half + 0.05f);  // cut 0 keeps the whole block
}

}  // namespace dermasim
