#include "engine/render/micro_view.hpp"

#include <algorithm>
#include <cmath>

#include "engine/render/skin_view.hpp"
#include "engine/skin/tissue_grid.hpp"

namespace dermasim {
namespace {

float axis_distance_to_plane(const Puncture& p, float plane_y) {
    float y0 = p.surface_mm.y, y1 = p.surface_mm.y + p.tilt.y * p.depth_mm;
    if ((y0 - plane_y) * (y1 - plane_y) <= 0.0f) return 0.0f;  // the axis crosses the plane
    return std::min(std::fabs(y0 - plane_y), std::fabs(y1 - plane_y));
}

// Patch x of the channel's axis half-way down: where it sits in the cut (tilt moves the tip sideways).
float mid_x(const Puncture& p) { return p.surface_mm.x + 0.5f * p.tilt.x * p.depth_mm; }

}  // namespace

bool channel_near_plane(const Puncture& p, float plane_y, float section_mm) {
    return p.depth_mm > 0.0f && axis_distance_to_plane(p, plane_y) <= section_mm;
}

std::optional<glm::vec2> densest_channels_on_cut(const PunctureList& punctures, float cut_patch_y_mm,
                                                 float width_mm, float section_mm) {
    std::vector<float> xs;
    for (const Puncture& p : punctures)
        if (channel_near_plane(p, cut_patch_y_mm, section_mm)) xs.push_back(mid_x(p));
    if (xs.empty()) return std::nullopt;
    std::sort(xs.begin(), xs.end());
    // Windows that start at a channel are enough: any best window can slide right until its left edge meets one.
    // Keep a margin of a tenth of the width so the chosen channels are not cut by the window's edges.
    const float margin = 0.1f * width_mm, inner = width_mm - 2.0f * margin;
    const float half_patch = 0.5f * kPatchSizeMm;
    int best = -1;
    float best_centre = 0.0f;
    for (std::size_t a = 0, b = 0; a < xs.size(); ++a) {
        while (b < xs.size() && xs[b] <= xs[a] + inner) ++b;
        int count = int(b - a);
        // Centre on the channels found, not on the window's left edge.
        float centre = 0.5f * (xs[a] + xs[b - 1]);
        centre = std::clamp(centre, 0.5f * width_mm, kPatchSizeMm - 0.5f * width_mm);
        if (count > best || (count == best && std::fabs(centre - half_patch) < std::fabs(best_centre - half_patch))) {
            best = count;
            best_centre = centre;
        }
    }
    return glm::vec2(best_centre, cut_patch_y_mm);
}

float micro_depth_mm(const SkinView& view) {
    const MicroView& micro = *view.micro;
    const RegionProfile& r = view.region;
    float deepest = 0.0f;
    if (view.punctures) {
        float plane = micro.centre_mm.y, x0 = micro.centre_mm.x - 0.5f * micro.width_mm,
              x1 = micro.centre_mm.x + 0.5f * micro.width_mm;
        for (const Puncture& p : *view.punctures) {
            float x = mid_x(p);
            if (x >= x0 && x <= x1 && channel_near_plane(p, plane)) deepest = std::max(deepest, p.depth_mm);
        }
    }
    float papillary = float(r.bottom_of_mm(Layer::PapillaryDermis));
    float fat_top = float(r.bottom_of_mm(Layer::ReticularDermis));
    // Below the tip: room for the collagen laid down around it. Above the fat: a glimpse of it at most.
    float wanted = std::max(deepest * 1.12f + 0.08f, papillary + 0.2f);
    return std::min(wanted, fat_top + std::min(0.25f, float(r.thickness_mm(Layer::Hypodermis))));
}

MicroLayout micro_layout(const SkinView& view, VkExtent2D frame) {
    const MicroView& micro = *view.micro;
    MicroLayout l;
    glm::vec4 rect = glm::clamp(micro.rect, glm::vec4(0.0f), glm::vec4(1.0f));
    int x = int(std::lround(rect.x * frame.width)), y = int(std::lround(rect.y * frame.height));
    int w = std::max(1, std::min(int(std::lround(rect.z * frame.width)), int(frame.width) - x));
    int h = std::max(1, std::min(int(std::lround(rect.w * frame.height)), int(frame.height) - y));
    l.rect = {{x, y}, {uint32_t(w), uint32_t(h)}};
    // A strip of air above the surface (a twentieth of the height) so the torn surface reads as an edge.
    float depth = micro_depth_mm(view);
    float air_fraction = 0.05f;
    l.mm_per_px = std::max(micro.width_mm / float(w), depth / ((1.0f - air_fraction) * float(h)));
    l.top_mm = -air_fraction * l.height_mm();
    l.x0_mm = micro.centre_mm.x - 0.5f * l.width_mm();
    l.plane_y_mm = micro.centre_mm.y;
    return l;
}

}  // namespace dermasim
