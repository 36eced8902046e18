#include "engine/render/micro_fields.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "engine/core/error.hpp"
#include "engine/render/field_volume.hpp"
#include "engine/sim/baseline.hpp"
#include "engine/sim/channel_stamp.hpp"
#include "engine/tools/bleeding.hpp"

namespace dermasim {
namespace {

// Trilinear sample of one field between voxel centres (clamped at the grid's edges).
struct GridSampler {
    const TissueState& t;
    float value(Field f, float x_mm, float y_mm, float depth_mm) const {
        return value(t.field(f), x_mm, y_mm, depth_mm);
    }
    float value(const std::vector<float>& v, float x_mm, float y_mm, float depth_mm) const {
        const TissueGrid& g = t.grid;
        float fx = std::clamp(x_mm / g.dx_mm - 0.5f, 0.0f, float(g.nx - 1));
        float fy = std::clamp(y_mm / g.dy_mm - 0.5f, 0.0f, float(g.ny - 1));
        float fz = std::clamp(depth_mm / g.dz_mm - 0.5f, 0.0f, float(g.nz - 1));
        int i = std::min(int(fx), g.nx - 2 < 0 ? 0 : g.nx - 2), j = std::min(int(fy), g.ny - 2 < 0 ? 0 : g.ny - 2),
            k = std::min(int(fz), g.nz - 2 < 0 ? 0 : g.nz - 2);
        int i1 = std::min(i + 1, g.nx - 1), j1 = std::min(j + 1, g.ny - 1), k1 = std::min(k + 1, g.nz - 1);
        float ax = fx - i, ay = fy - j, az = fz - k;
        auto at = [&](int a, int b, int c) { return v[g.index(a, b, c)]; };
        auto lerp = [](float a, float b, float s) { return a + (b - a) * s; };
        float c0 = lerp(lerp(at(i, j, k), at(i1, j, k), ax), lerp(at(i, j1, k), at(i1, j1, k), ax), ay);
        float c1 = lerp(lerp(at(i, j, k1), at(i1, j, k1), ax), lerp(at(i, j1, k1), at(i1, j1, k1), ax), ay);
        return lerp(c0, c1, az);
    }
    // Down the column of the voxel holding (x, y): channels are volume fractions of their own voxels, so
    // blending in a neighbour column would dilute them.
    float column(Field f, float x_mm, float y_mm, float depth_mm) const {
        const TissueGrid& g = t.grid;
        const std::vector<float>& v = t.field(f);
        int i = std::clamp(int(std::floor(x_mm / g.dx_mm)), 0, g.nx - 1);
        int j = std::clamp(int(std::floor(y_mm / g.dy_mm)), 0, g.ny - 1);
        float fz = std::clamp(depth_mm / g.dz_mm - 0.5f, 0.0f, float(g.nz - 1));
        int k = std::min(int(fz), std::max(g.nz - 2, 0)), k1 = std::min(k + 1, g.nz - 1);
        float az = fz - k;
        return v[g.index(i, j, k)] * (1.0f - az) + v[g.index(i, j, k1)] * az;
    }
};

void check_state(const TissueState& t, const char* what) {
    const TissueGrid& g = t.grid;
    if (g.nx <= 0 || g.ny <= 0 || g.nz <= 0)
        throw Error(std::string("magnified view: the ") + what + " has an empty grid");
    for (int f = 0; f < kFieldCount; ++f)
        if (!t.fields[f].empty() && t.fields[f].size() != g.voxel_count())
            throw Error(std::string("magnified view: the ") + what + "'s field '" + std::string(kFieldKeys[f]) +
                        "' has " + std::to_string(t.fields[f].size()) + " values for " +
                        std::to_string(g.voxel_count()) + " voxels");
}

float finite01(float v) { return std::isfinite(v) ? std::clamp(v, 0.0f, 1.0f) : 0.0f; }
float finite_pos(float v) { return std::isfinite(v) ? std::max(v, 0.0f) : 0.0f; }

MicroTexel texel_from(const kernel::VoxelState& v, Layer layer, const kernel::HealParams& params) {
    const OverlayStyle& collagen = overlay_style(Overlay::Collagen);
    const OverlayStyle& inflammation = overlay_style(Overlay::Inflammation);
    kernel::VoxelState base = baseline_of(layer, params);
    float total = base.collagen3 + base.collagen1;
    // New collagen as the block's collagen overlay counts it: the gain over this layer's untreated value, in % of
    // its untreated total, on the same log scale, so the two views agree on what is "a lot".
    float gain3 = total > 0.0f ? 100.0f * (v.collagen3 - base.collagen3) / total : 0.0f;
    float gain1 = total > 0.0f ? 100.0f * (v.collagen1 - base.collagen1) / total : 0.0f;
    MicroTexel t;
    t.cells = glm::vec4(overlay_fraction(inflammation.quantities[0], finite_pos(v.signal)), finite01(v.fibroblasts),
                        finite_pos(v.capillaries), finite01(v.blood));
    t.collagen = glm::vec4(finite_pos(v.collagen3), finite_pos(v.collagen1),
                           overlay_fraction(collagen.quantities[0], gain3),
                           overlay_fraction(collagen.quantities[1], gain1));
    return t;
}

float axis_distance(const Puncture& p, float plane_y) {
    float y0 = p.surface_mm.y, y1 = p.surface_mm.y + p.tilt.y * p.depth_mm;
    if ((y0 - plane_y) * (y1 - plane_y) <= 0.0f) return 0.0f;
    return std::min(std::fabs(y0 - plane_y), std::fabs(y1 - plane_y));
}

// Lists each channel in the window's columns (kMicroChannelBins across x0_mm .. x0_mm + width_mm) that it can
// show in: between its axis's x at the surface and at the tip, widened by its widest radius (it tapers to 4 µm at
// the tip, as the shader draws it) and kMicroChannelMarginMm, and a hair more for the shader's rounding.
void bin_micro_channels(MicroFields& out, float x0_mm, float width_mm) {
    std::vector<std::vector<uint32_t>> bins(kMicroChannelBins);
    const float per_bin = width_mm / kMicroChannelBins;
    for (std::size_t i = 0; i < out.channels.size(); ++i) {
        const glm::vec4& c = out.channels[i].pos_depth_radius;
        const float xa = c.x, xb = c.x + out.channels[i].tilt_bleed.x * c.z;
        const float reach = std::max(c.w, 0.004f) + kMicroChannelMarginMm + 1e-3f;
        const float lo = (std::min(xa, xb) - reach - x0_mm) / per_bin, hi = (std::max(xa, xb) + reach - x0_mm) / per_bin;
        if (!(hi >= 0.0f && lo < float(kMicroChannelBins))) continue;  // outside the window (or not finite)
        const int first = std::max(int(std::floor(lo)), 0), last = std::min(int(std::floor(hi)), kMicroChannelBins - 1);
        for (int b = first; b <= last; ++b) bins[std::size_t(b)].push_back(uint32_t(i));
    }
    out.bin_start.clear();
    out.bin_items.clear();
    for (const std::vector<uint32_t>& bin : bins) {
        out.bin_start.push_back(uint32_t(out.bin_items.size()));
        out.bin_items.insert(out.bin_items.end(), bin.begin(), bin.end());
    }
    out.bin_start.push_back(uint32_t(out.bin_items.size()));
}

}  // namespace

TissueState make_fresh_channels(const TissueGrid& grid, const PunctureList& punctures) {
    TissueState fresh;
    fresh.grid = grid;
    stamp_punctures_cpu(fresh, punctures);  // creates the (zero) fields it needs
    return fresh;
}

MicroFields pack_micro_fields(const TissueState* tissue, const TissueState* fresh, const PunctureList& punctures,
                              const MicroLayout& layout, const RegionProfile& region,
                              const kernel::HealParams& params) {
    if (tissue) {
        check_state(*tissue, "tissue");
        for (int f = 0; f < kFieldCount; ++f)
            if (tissue->fields[f].size() != tissue->grid.voxel_count())
                throw Error("magnified view: the tissue's field '" + std::string(kFieldKeys[f]) + "' is missing");
        if (!fresh) throw Error("magnified view: a tissue needs its freshly stamped channels");
        check_state(*fresh, "fresh channel state");
        if (fresh->grid.nx != tissue->grid.nx || fresh->grid.ny != tissue->grid.ny || fresh->grid.nz != tissue->grid.nz)
            throw Error("magnified view: the fresh channels were stamped on another grid than the tissue's");
    }
    // New collagen per voxel, before interpolating: its layer's untreated value differs across the papillary /
    // reticular boundary, and interpolating the raw fields across it would show a band of false "new" collagen.
    std::vector<float> gain3, gain1;
    if (tissue) {
        const TissueGrid& g = tissue->grid;
        const std::size_t slice = std::size_t(g.nx) * g.ny;
        gain3.resize(g.voxel_count());
        gain1.resize(g.voxel_count());
        const std::vector<float>& c3 = tissue->field(Field::Collagen3);
        const std::vector<float>& c1 = tissue->field(Field::Collagen1);
        for (int k = 0; k < g.nz; ++k) {
            kernel::VoxelState base = baseline_of(g.layer_at(k), params);
            float total = base.collagen3 + base.collagen1;
            for (std::size_t n = k * slice; n < (k + 1) * slice; ++n) {
                gain3[n] = total > 0.0f ? 100.0f * (c3[n] - base.collagen3) / total : 0.0f;
                gain1[n] = total > 0.0f ? 100.0f * (c1[n] - base.collagen1) / total : 0.0f;
            }
        }
    }
    MicroFields out;
    const float papillary_top = float(region.top_of_mm(Layer::PapillaryDermis));
    const float papillary_middle = papillary_top + 0.5f * float(region.thickness_mm(Layer::PapillaryDermis));
    const float viable_epidermis_mm = float(region.thickness_mm(Layer::ViableEpidermis));

    // The plane's fields over the window, at texel centres.
    out.texels.resize(std::size_t(kMicroTexelsX) * kMicroTexelsY);
    const float w_mm = layout.width_mm(), h_mm = layout.height_mm();
    for (int ty = 0; ty < kMicroTexelsY; ++ty) {
        float depth = layout.top_mm + (ty + 0.5f) / kMicroTexelsY * h_mm;
        Layer layer = region.layer_at_depth(std::max(depth, 0.0f));
        for (int tx = 0; tx < kMicroTexelsX; ++tx) {
            float x = layout.x0_mm + (tx + 0.5f) / kMicroTexelsX * w_mm;
            kernel::VoxelState v = baseline_of(layer, params);
            if (tissue) {
                GridSampler s{*tissue};
                float d = std::max(depth, 0.0f), y = layout.plane_y_mm;
                v.signal = s.value(Field::Signal, x, y, d);
                v.fibroblasts = s.value(Field::Fibroblasts, x, y, d);
                v.capillaries = s.value(Field::Capillaries, x, y, d);
                v.blood = s.value(Field::Blood, x, y, d);
                v.collagen3 = s.value(Field::Collagen3, x, y, d);
                v.collagen1 = s.value(Field::Collagen1, x, y, d);
            }
            MicroTexel t = texel_from(v, layer, params);
            if (tissue) {
                const OverlayStyle& collagen = overlay_style(Overlay::Collagen);
                GridSampler s{*tissue};
                float d = std::max(depth, 0.0f), y = layout.plane_y_mm;
                t.collagen.z = overlay_fraction(collagen.quantities[0], finite_pos(s.value(gain3, x, y, d)));
                t.collagen.w = overlay_fraction(collagen.quantities[1], finite_pos(s.value(gain1, x, y, d)));
            }
            // The epidermis over this column, thickened after sessions (kept in the papillary dermis below it).
            if (tissue)
                t.skin.x = viable_epidermis_mm *
                           finite_pos(GridSampler{*tissue}.value(Field::Epidermis, x, layout.plane_y_mm, papillary_middle));
            if (depth < 0.0f) t = MicroTexel{};  // air
            out.texels[std::size_t(ty) * kMicroTexelsX + tx] = t;
        }
    }

    // The channels crossing the window near the plane, nearest first.
    struct Candidate { float distance; std::size_t index; };
    std::vector<Candidate> near;
    const float x0 = layout.x0_mm, x1 = layout.x0_mm + w_mm;
    for (std::size_t n = 0; n < punctures.size(); ++n) {
        const Puncture& p = punctures[n];
        if (!channel_near_plane(p, layout.plane_y_mm)) continue;
        float xa = p.surface_mm.x, xb = p.surface_mm.x + p.tilt.x * p.depth_mm;
        if (std::max(xa, xb) + p.radius_mm < x0 || std::min(xa, xb) - p.radius_mm > x1) continue;
        near.push_back({axis_distance(p, layout.plane_y_mm), n});
    }
    std::stable_sort(near.begin(), near.end(), [](const Candidate& a, const Candidate& b) { return a.distance < b.distance; });
    if (near.size() > std::size_t(kMicroMaxChannels)) near.resize(kMicroMaxChannels);

    for (const Candidate& c : near) {
        const Puncture& p = punctures[c.index];
        // Blood only in the channels that tore a vessel; the rest are clear (a plain channel through the dermis).
        const bool bleeds = channel_bleeds(region, p);
        out.channels.push_back({glm::vec4(p.surface_mm.x, p.surface_mm.y - layout.plane_y_mm, p.depth_mm, p.radius_mm),
                                glm::vec4(p.tilt.x, p.tilt.y, bleeds ? 1.0f : 0.0f, 0.0f)});
        for (int s = 0; s < kMicroProfileSamples; ++s) {
            float d = (s + 0.5f) / kMicroProfileSamples * p.depth_mm;
            glm::vec4 profile(1.0f, bleeds && d > papillary_top ? 1.0f : 0.0f, 0.0f, 0.0f);  // fresh: open
            if (tissue) {
                float x = p.surface_mm.x + p.tilt.x * d, y = p.surface_mm.y + p.tilt.y * d;
                float made = GridSampler{*fresh}.column(Field::OpenChannel, x, y, d);
                GridSampler now{*tissue};
                profile.x = made > 1e-6f ? finite01(now.column(Field::OpenChannel, x, y, d) / made) : 0.0f;
                profile.y = bleeds && made > 1e-6f ? finite01(now.column(Field::Blood, x, y, d) / made) : 0.0f;
            }
            out.profiles.push_back(profile);
        }
    }
    bin_micro_channels(out, x0, w_mm);
    return out;
}

}  // namespace dermasim
