// The simulated tissue drawn on the block: surface redness from the papillary erythema, field overlays on the cut
// faces, and the packing that feeds them. Hand-made states (baseline plus one raised region) so each property
// is checked where the change was made and nowhere else.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "engine/core/error.hpp"
#include "engine/render/field_volume.hpp"
#include "engine/render/offscreen.hpp"
#include "engine/render/skin_block_pass.hpp"
#include "engine/sim/baseline.hpp"
#include "engine/sim/compact_tissue.hpp"
#include "engine/sim/heal_params.hpp"
#include "engine/skin/region_profile.hpp"
#include "tests/gpu/golden.hpp"
#include "tests/gpu/gpu_test.hpp"
#include "tests/common/source_catalog.hpp"

namespace dermasim::test {
namespace {

constexpr VkExtent2D kSize{480, 270};

const RegionProfile& cheek() {
    static const RegionProfile region = test::source_catalog().regions.find("cheek");
    return region;
}

TissueState baseline_cheek() {
    static const TissueState state =
        make_baseline_state(make_tissue_grid(cheek(), Quality::Ci), test::source_catalog().heal.kernel);
    return state;
}

// Sets `field` to `value` in the columns whose patch x lies in [x0, x1) mm and patch y in [y0, y1) mm, over the
// papillary slices or over every dermal slice.
void raise(TissueState& s, Field field, float value, float x0, float x1, float y0, float y1, bool papillary_only) {
    const TissueGrid& g = s.grid;
    for (int k = 0; k < g.nz; ++k) {
        Layer layer = g.layer_at(k);
        bool dermis = layer == Layer::PapillaryDermis || layer == Layer::ReticularDermis;
        if (papillary_only ? layer != Layer::PapillaryDermis : !dermis) continue;
        for (int j = 0; j < g.ny; ++j)
            for (int i = 0; i < g.nx; ++i) {
                float x = (i + 0.5f) * g.dx_mm, y = (j + 0.5f) * g.dy_mm;
                if (x >= x0 && x < x1 && y >= y0 && y < y1) s.at(field, i, j, k) = value;
            }
    }
}

SkinView view_with(std::shared_ptr<const TissueState> tissue, Overlay overlay, bool annotations = false) {
    SkinView view;
    view.region = cheek();
    view.annotations = annotations;
    view.camera = view.default_camera();
    view.tissue = std::move(tissue);
    view.tissue_version = 1;
    view.overlay = overlay;
    return view;
}

glm::ivec2 screen_of(const SkinView& view, glm::vec3 world) {
    SceneUniforms u = SkinBlockPass::uniforms_for(view, kSize);
    glm::vec4 c = u.view_proj * glm::vec4(world, 1.0f);
    return {int((c.x / c.w * 0.5f + 0.5f) * kSize.width), int((c.y / c.w * 0.5f + 0.5f) * kSize.height)};
}

glm::vec3 mean_rgb(const RgbaImage& img, glm::ivec2 c, int r = 2) {
    glm::vec3 sum(0);
    int n = 0;
    for (int y = c.y - r; y <= c.y + r; ++y)
        for (int x = c.x - r; x <= c.x + r; ++x) {
            const uint8_t* p = &img.pixels[(size_t(y) * img.width + x) * 4];
            sum += glm::vec3(p[0], p[1], p[2]);
            ++n;
        }
    return sum / float(n);
}

float redness(glm::vec3 c) { return c.r - 0.5f * (c.g + c.b); }

// World point on the cut face at patch x and depth (mm).
glm::vec3 on_cut(const SkinView& view, float patch_x, float depth) {
    return {patch_x - 0.5f * view.width_mm, -depth, view.cut_z_mm()};
}

float reticular_mid() {
    return 0.5f * float(cheek().top_of_mm(Layer::ReticularDermis) + cheek().bottom_of_mm(Layer::ReticularDermis));
}

class OverlayRender : public GpuTest {};

TEST_F(OverlayRender, SurfaceReddensAboveRaisedErythemaOnly) {
    auto tissue = std::make_shared<TissueState>(baseline_cheek());
    raise(*tissue, Field::Erythema, 0.9f, 2.0f, 8.0f, 0.0f, 8.0f, true);  // patch x 2..8, y 0..8 (back half)
    SkinView plain = view_with(nullptr, Overlay::None);
    SkinView red = view_with(tissue, Overlay::None);
    RgbaImage a = render_offscreen(gpu(), test::source_catalog(), plain, kSize), b = render_offscreen(gpu(), test::source_catalog(), red, kSize);
    // Surface points: patch (5, 4) over the raised region, patch (15, 4) beside it, world z = patch y - 10.
    glm::ivec2 over = screen_of(red, {-5.0f, 0.0f, -6.0f}), beside = screen_of(red, {5.0f, 0.0f, -6.0f});
    float gain_over = redness(mean_rgb(b, over)) - redness(mean_rgb(a, over));
    glm::vec3 diff_beside = mean_rgb(b, beside) - mean_rgb(a, beside);
    EXPECT_GT(gain_over, 25.0f) << "the surface over raised erythema should redden";
    EXPECT_LT(glm::length(diff_beside), 1.0f) << "the surface beside it should not change";
}

TEST_F(OverlayRender, SurfaceRednessFadesWithErythema) {
    auto strong = std::make_shared<TissueState>(baseline_cheek());
    auto faint = std::make_shared<TissueState>(baseline_cheek());
    raise(*strong, Field::Erythema, 0.9f, 0.0f, 20.0f, 0.0f, 20.0f, true);
    raise(*faint, Field::Erythema, 0.2f, 0.0f, 20.0f, 0.0f, 20.0f, true);
    SkinView view = view_with(strong, Overlay::None);
    glm::ivec2 p = screen_of(view, {0.0f, 0.0f, -5.0f});
    float r_strong = redness(mean_rgb(render_offscreen(gpu(), test::source_catalog(), view, kSize), p));
    float r_faint = redness(mean_rgb(render_offscreen(gpu(), test::source_catalog(), view_with(faint, Overlay::None), kSize), p));
    float r_none = redness(mean_rgb(render_offscreen(gpu(), test::source_catalog(), view_with(nullptr, Overlay::None), kSize), p));
    EXPECT_GT(r_strong, r_faint + 10.0f);
    EXPECT_GT(r_faint, r_none + 2.0f);
}

TEST_F(OverlayRender, CollagenOverlayColoursTheCutWhereCollagenWasRaised) {
    // Collagen III raised in patch x 3..7, collagen I in x 13..17, through the whole y range (the cut crosses both).
    const kernel::HealParams params = test::source_catalog().heal.kernel;
    auto tissue = std::make_shared<TissueState>(baseline_cheek());
    float c3 = params.collagen3_reticular + 0.3f, c1 = params.collagen1_reticular + 0.3f;
    raise(*tissue, Field::Collagen3, c3, 3.0f, 7.0f, 0.0f, 20.0f, false);
    raise(*tissue, Field::Collagen1, c1, 13.0f, 17.0f, 0.0f, 20.0f, false);
    SkinView with = view_with(tissue, Overlay::Collagen), without = view_with(nullptr, Overlay::Collagen);
    RgbaImage a = render_offscreen(gpu(), test::source_catalog(), without, kSize), b = render_offscreen(gpu(), test::source_catalog(), with, kSize);
    float d = reticular_mid();
    glm::ivec2 p3 = screen_of(with, on_cut(with, 5.0f, d)), p1 = screen_of(with, on_cut(with, 15.0f, d));
    glm::ivec2 untouched = screen_of(with, on_cut(with, 10.0f, d));
    glm::vec3 iii = mean_rgb(b, p3) - mean_rgb(a, p3), i = mean_rgb(b, p1) - mean_rgb(a, p1);
    // Collagen III: warm orange (green up against blue); collagen I: blue-teal (blue up, red down).
    EXPECT_GT(iii.g - iii.b, 20.0f) << "collagen III gain should tint orange";
    EXPECT_GT(i.b - i.r, 40.0f) << "collagen I gain should tint blue-teal";
    EXPECT_LT(glm::length(mean_rgb(b, untouched) - mean_rgb(a, untouched)), 1.0f) << "untreated cut should not change";
}

// Four weeks after a roller, young and mature collagen lie side by side in every voxel. Their colours, orange
// and teal, are complementary: averaged, they made a grey wash that took colour out of the cut, and the treated
// dermis looked untreated. Where both are raised alike, the cut must be more colourful than untreated, not less.
TEST_F(OverlayRender, CollagenWhereYoungAndMatureMeetKeepsItsColour) {
    const kernel::HealParams params = test::source_catalog().heal.kernel;
    auto tissue = std::make_shared<TissueState>(baseline_cheek());
    raise(*tissue, Field::Collagen3, params.collagen3_reticular + 0.15f, 3.0f, 7.0f, 0.0f, 20.0f, false);
    raise(*tissue, Field::Collagen1, params.collagen1_reticular + 0.15f, 3.0f, 7.0f, 0.0f, 20.0f, false);
    SkinView with = view_with(tissue, Overlay::Collagen);
    RgbaImage image = render_offscreen(gpu(), test::source_catalog(), with, kSize);
    float d = reticular_mid();
    auto saturation = [](glm::vec3 c) { return std::max({c.r, c.g, c.b}) - std::min({c.r, c.g, c.b}); };
    float treated = saturation(mean_rgb(image, screen_of(with, on_cut(with, 5.0f, d))));
    float untreated = saturation(mean_rgb(image, screen_of(with, on_cut(with, 10.0f, d))));
    EXPECT_GT(treated, untreated + 20.0f) << "saturation " << treated << " where both were raised, " << untreated
                                      << " untreated: young and mature collagen together should tint the cut, not grey it";
}

TEST_F(OverlayRender, NoOverlayWithTissueMatchesNoTissue) {
    // Without erythema the surface has nothing to show, and overlay None leaves the cut as it was.
    auto tissue = std::make_shared<TissueState>(baseline_cheek());
    raise(*tissue, Field::Collagen3, 1.0f, 3.0f, 17.0f, 0.0f, 20.0f, false);
    raise(*tissue, Field::OpenChannel, 0.5f, 3.0f, 17.0f, 0.0f, 20.0f, false);
    RgbaImage a = render_offscreen(gpu(), test::source_catalog(), view_with(nullptr, Overlay::None, true), kSize);
    RgbaImage b = render_offscreen(gpu(), test::source_catalog(), view_with(tissue, Overlay::None, true), kSize);
    ImageDiff diff = compare_images(a, b, 0);
    EXPECT_EQ(diff.fraction_off, 0.0) << "max delta " << diff.max_delta;
}

TEST_F(OverlayRender, ChangingOverlayOrTissueVersionRedraws) {
    // One renderer across frames (one at a time: it owns the UI backend): the packed copy must follow the overlay
    // and the tissue's version, with the same tissue object throughout.
    auto tissue = std::make_shared<TissueState>(baseline_cheek());
    raise(*tissue, Field::OpenChannel, 0.05f, 3.0f, 17.0f, 0.0f, 20.0f, false);
    OffscreenRenderer renderer(gpu(), test::source_catalog(), kSize);
    SkinView view = view_with(tissue, Overlay::Channels);
    RgbaImage channels = renderer.render(view);
    view.overlay = Overlay::Serum;  // no serum in this tissue yet: the cut looks untreated
    RgbaImage no_serum = renderer.render(view);
    tissue->field(Field::Serum).assign(tissue->grid.voxel_count(), 0.4f);
    view.tissue_version = 2;
    RgbaImage serum = renderer.render(view);
    RgbaImage plain = renderer.render(view_with(nullptr, Overlay::None));
    EXPECT_GT(compare_images(channels, no_serum).fraction_off, 0.02);
    EXPECT_EQ(compare_images(no_serum, plain, 0).fraction_off, 0.0);
    EXPECT_GT(compare_images(serum, plain).fraction_off, 0.05) << "new version: serum shows";
}

// A tissue as a real treatment leaves it: inflammation around channels, new collagen beneath.
std::shared_ptr<TissueState> treated_cheek() {
    auto tissue = std::make_shared<TissueState>(baseline_cheek());
    const TissueGrid& g = tissue->grid;
    for (int k = 0; k < g.nz; ++k) {
        float depth = (k + 0.5f) * g.dz_mm;
        Layer layer = g.layer_at(k);
        for (int j = 0; j < g.ny; ++j)
            for (int i = 0; i < g.nx; ++i) {
                // A treated spot left of centre, where the default camera sees the cut face best.
                float x = (i + 0.5f) * g.dx_mm - 6.0f, y = (j + 0.5f) * g.dy_mm - 8.0f;
                float near = std::exp(-(x * x + y * y) / 12.0f);
                float shallow = std::exp(-depth / 0.8f);
                tissue->at(Field::Signal, i, j, k) = 1.5f * near * shallow;
                if (i % 4 == 0 && depth < 1.0f && layer != Layer::Hypodermis)
                    tissue->at(Field::Blood, i, j, k) = 0.05f * near;
                if (layer == Layer::PapillaryDermis) tissue->at(Field::Erythema, i, j, k) = 0.8f * near;
                if (layer == Layer::PapillaryDermis || layer == Layer::ReticularDermis) {
                    // Young collagen III near the surface, mature collagen I deeper down.
                    tissue->at(Field::Collagen3, i, j, k) += 0.25f * near * std::exp(-depth / 0.3f);
                    tissue->at(Field::Collagen1, i, j, k) += 0.15f * near * std::clamp(depth / 0.4f - 1.0f, 0.0f, 1.0f);
                }
            }
    }
    return tissue;
}

TEST_F(OverlayRender, CollagenMatchesGolden) {
    RgbaImage image = render_offscreen(gpu(), test::source_catalog(), view_with(treated_cheek(), Overlay::Collagen, true), kSize);
    EXPECT_EQ(check_golden("overlay_collagen", image), "");
}

TEST_F(OverlayRender, InflammationMatchesGolden) {
    RgbaImage image = render_offscreen(gpu(), test::source_catalog(), view_with(treated_cheek(), Overlay::Inflammation, true), kSize);
    EXPECT_EQ(check_golden("overlay_inflammation", image), "");
}

// The time-lapse keeps its snapshots in half precision (CompactTissue). Drawn, they must look as the float state
// does: the treated spot's gains fall off smoothly through every decade of each overlay's logarithmic scale.
TEST_F(OverlayRender, HalfPrecisionSnapshotsDrawAsTheFloatState) {
    const auto floats = treated_cheek();
    const auto halves =
        std::make_shared<const TissueState>(CompactTissue(*floats, test::source_catalog().heal.kernel).expand());
    for (Overlay overlay : {Overlay::Collagen, Overlay::Inflammation, Overlay::None}) {
        RgbaImage a = render_offscreen(gpu(), test::source_catalog(), view_with(floats, overlay, true), kSize);
        RgbaImage b = render_offscreen(gpu(), test::source_catalog(), view_with(halves, overlay, true), kSize);
        const ImageDiff d = compare_images(a, b, 1);
        EXPECT_EQ(d.fraction_off, 0.0) << overlay_name(overlay) << ": pixels off by more than 1/255";
    }
}

TEST(OverlayPacking, CollagenIsChangeFromEachLayersBaseline) {
    const kernel::HealParams params = test::source_catalog().heal.kernel;
    TissueState s = baseline_cheek();
    FieldVolume untreated = pack_field_volume(s, Overlay::Collagen, params);
    for (glm::vec2 v : untreated.overlay) ASSERT_EQ(v, glm::vec2(0.0f));
    // +15 % of the papillary total in collagen III, shown where 15 % sits on collagen III's colour scale.
    int k = 0;
    while (s.grid.layer_at(k) != Layer::PapillaryDermis) ++k;
    float total = params.collagen3_papillary + params.collagen1_papillary;
    s.at(Field::Collagen3, 4, 5, k) += 0.15f * total;
    FieldVolume raised = pack_field_volume(s, Overlay::Collagen, params);
    glm::vec2 v = raised.overlay[s.grid.index(4, 5, k)];
    const OverlayQuantity& c3 = overlay_style(Overlay::Collagen).quantities[0];
    EXPECT_NEAR(v.x, overlay_fraction(c3, 15.0f), 1e-4f);
    EXPECT_GT(v.x, 0.1f);
    EXPECT_EQ(v.y, 0.0f);
}

TEST(OverlayPacking, ColourScaleIsLogarithmicBetweenItsEnds) {
    const OverlayQuantity& q = overlay_style(Overlay::Serum).quantities[0];
    EXPECT_EQ(overlay_fraction(q, 0.0f), 0.0f);
    EXPECT_EQ(overlay_fraction(q, q.lowest), 0.0f);
    EXPECT_NEAR(overlay_fraction(q, std::sqrt(q.lowest * q.full_scale)), 0.5f, 1e-5f);
    EXPECT_EQ(overlay_fraction(q, q.full_scale), 1.0f);
    EXPECT_EQ(overlay_fraction(q, 10.0f * q.full_scale), 1.0f);
}

TEST(OverlayPacking, SurfaceTakesTheStrongestPapillarySlice) {
    TissueState s = baseline_cheek();
    int papillary = -1, reticular = -1;
    for (int k = 0; k < s.grid.nz; ++k) {
        if (s.grid.layer_at(k) == Layer::PapillaryDermis) papillary = k;
        if (s.grid.layer_at(k) == Layer::ReticularDermis && reticular < 0) reticular = k;
    }
    ASSERT_GE(papillary, 0);
    s.at(Field::Erythema, 7, 3, papillary) = 0.6f;
    s.at(Field::Erythema, 8, 3, reticular) = 0.9f;  // outside the papillary dermis: not redness
    FieldVolume v = pack_field_volume(s, Overlay::None, test::source_catalog().heal.kernel);
    EXPECT_FLOAT_EQ(v.surface_erythema[3 * s.grid.nx + 7], 0.6f);
    EXPECT_FLOAT_EQ(v.surface_erythema[3 * s.grid.nx + 8], 0.0f);
    EXPECT_TRUE(v.overlay.empty());
}

TEST(OverlayPacking, RejectsBrokenStates) {
    const kernel::HealParams params = test::source_catalog().heal.kernel;
    TissueState s = baseline_cheek();
    s.at(Field::Serum, 1, 2, 3) = std::numeric_limits<float>::quiet_NaN();
    EXPECT_THROW(pack_field_volume(s, Overlay::Serum, params), Error);
    TissueState short_field = baseline_cheek();
    short_field.field(Field::Blood).pop_back();
    EXPECT_THROW(pack_field_volume(short_field, Overlay::None, params), Error);
}

TEST(OverlayNames, ParseAndNameRoundTrip) {
    for (Overlay o : {Overlay::None, Overlay::Collagen, Overlay::Channels, Overlay::Serum, Overlay::Inflammation})
        EXPECT_EQ(parse_overlay(overlay_name(o)), o);
    EXPECT_THROW(parse_overlay("collagen3"), Error);
}

}  // namespace
}  // namespace dermasim::test
