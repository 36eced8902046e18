// The voxel grid over a patch of skin: preset sizes, how deep it reaches, and the layer of each depth slice.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "engine/core/error.hpp"
#include "engine/skin/region_profile.hpp"
#include "engine/skin/tissue_grid.hpp"
#include "tests/common/source_catalog.hpp"

using namespace dermasim;

namespace {

constexpr Quality kAllQualities[] = {Quality::Ci, Quality::Medium, Quality::High};

RegionProfile profile(double sc, double ve, double pd, double rd, double hy) {
    RegionProfile r;
    r.id = "test";
    const double mm[kLayerCount] = {sc, ve, pd, rd, hy};
    for (int i = 0; i < kLayerCount; ++i) r.layers[i].mm = mm[i];
    return r;
}

int count_slices(const TissueGrid& g, Layer l) { return int(std::count(g.layer_of_slice.begin(), g.layer_of_slice.end(), l)); }

}  // namespace

TEST(TissueGrid, PresetSizes) {
    struct Preset { Quality q; int n; float dz; };
    const RegionProfile r = profile(0.015, 0.05, 0.2, 0.8, 3.0);
    for (Preset p : {Preset{Quality::Ci, 48, 0.025f}, Preset{Quality::Medium, 128, 0.015f},
                     Preset{Quality::High, 256, 0.010f}}) {
        SCOPED_TRACE(p.n);
        const TissueGrid g = make_tissue_grid(r, p.q);
        EXPECT_EQ(g.nx, p.n);
        EXPECT_EQ(g.ny, p.n);
        EXPECT_FLOAT_EQ(g.dz_mm, p.dz);
        EXPECT_FLOAT_EQ(g.width_mm(), kPatchSizeMm);
        EXPECT_FLOAT_EQ(g.length_mm(), kPatchSizeMm);
        EXPECT_EQ(g.layer_of_slice.size(), std::size_t(g.nz));
        EXPECT_EQ(g.voxel_count(), std::size_t(p.n) * p.n * g.nz);
    }
}

// Depth = bottom of the reticular dermis + kFatMarginMm of fat (less if the fat is thinner), rounded up to slices.
TEST(TissueGrid, DepthCoversTheDermisPlusTheFatMarginForEveryRegion) {
    const RegionTable table = test::source_catalog().regions;
    for (const auto& r : table.regions())
        for (Quality q : kAllQualities) {
            SCOPED_TRACE(r.id);
            const TissueGrid g = make_tissue_grid(r, q);
            const double wanted =
                r.bottom_of_mm(Layer::ReticularDermis) + std::min<double>(kFatMarginMm, r.thickness_mm(Layer::Hypodermis));
            EXPECT_GE(g.depth_mm(), wanted - 1e-5);
            EXPECT_LT(g.depth_mm(), wanted + g.dz_mm);
            EXPECT_EQ(g.layer_at(g.nz - 1), Layer::Hypodermis);  // every table region has >= 0.5 mm of fat
        }
}

TEST(TissueGrid, ThinFatLimitsTheDepth) {
    // 1.07 mm of skin over 0.4 mm of fat: 1.47 mm / 0.025 mm = 58.8 -> 59 slices, not 1.07 + 1.0 mm.
    const TissueGrid g = make_tissue_grid(profile(0.02, 0.05, 0.2, 0.8, 0.4), Quality::Ci);
    EXPECT_EQ(g.nz, 59);
}

TEST(TissueGrid, AWholeNumberOfSlicesGainsNoExtraSlice) {
    // 1.0 mm of skin + 1.0 mm fat margin = 2.0 mm = exactly 80 slices of 0.025 mm (and 200 of 0.010 mm).
    const RegionProfile r = profile(0.02, 0.05, 0.18, 0.75, 5.0);
    EXPECT_EQ(make_tissue_grid(r, Quality::Ci).nz, 80);
    EXPECT_EQ(make_tissue_grid(r, Quality::High).nz, 200);
}

// Slice k holds the layer at its centre depth (k + 0.5) * dz. Counted by hand for dz = 0.025 mm:
// SC 0-0.02 (centre 0.0125), VE 0.02-0.07 (0.0375, 0.0625), papillary 0.07-0.27 (8 centres), reticular
// 0.27-1.07 (32), then fat to 2.07 mm -> 83 slices, 40 of fat.
TEST(TissueGrid, SliceLayerIsTheLayerAtTheSliceCentre) {
    const TissueGrid g = make_tissue_grid(profile(0.02, 0.05, 0.2, 0.8, 2.0), Quality::Ci);
    ASSERT_EQ(g.nz, 83);
    EXPECT_EQ(count_slices(g, Layer::StratumCorneum), 1);
    EXPECT_EQ(count_slices(g, Layer::ViableEpidermis), 2);
    EXPECT_EQ(count_slices(g, Layer::PapillaryDermis), 8);
    EXPECT_EQ(count_slices(g, Layer::ReticularDermis), 32);
    EXPECT_EQ(count_slices(g, Layer::Hypodermis), 40);
    EXPECT_EQ(g.layer_at(0), Layer::StratumCorneum);
    EXPECT_EQ(g.layer_at(3), Layer::PapillaryDermis);
    EXPECT_EQ(g.layer_at(11), Layer::ReticularDermis);
}

TEST(TissueGrid, SliceLayersNeverGoBackUp) {
    const RegionTable table = test::source_catalog().regions;
    for (const auto& r : table.regions())
        for (Quality q : kAllQualities) {
            SCOPED_TRACE(r.id);
            const TissueGrid g = make_tissue_grid(r, q);
            for (int k = 1; k < g.nz; ++k) ASSERT_LE(int(g.layer_at(k - 1)), int(g.layer_at(k))) << "slice " << k;
            // The dermis, where needles act, is always resolved.
            EXPECT_GT(count_slices(g, Layer::PapillaryDermis), 0);
            EXPECT_GT(count_slices(g, Layer::ReticularDermis), 0);
        }
}

TEST(TissueGrid, RejectsARegionWithoutSkin) {
    EXPECT_THROW(make_tissue_grid(profile(0, 0, 0, 0, 2.0), Quality::Ci), Error);
    EXPECT_THROW(make_tissue_grid(profile(0.02, -0.05, 0.2, 0.8, 2.0), Quality::Ci), Error);
}

TEST(Quality, ParsesThePresetNames) {
    EXPECT_EQ(parse_quality("ci"), Quality::Ci);
    EXPECT_EQ(parse_quality("medium"), Quality::Medium);
    EXPECT_EQ(parse_quality("high"), Quality::High);
}

TEST(Quality, UnknownNameThrowsListingTheValidOnes) {
    try {
        parse_quality("ultra");
        FAIL() << "parse_quality(\"ultra\") did not throw";
    } catch (const Error& e) {
        EXPECT_STREQ(e.what(), "unknown quality 'ultra' (valid: ci, medium, high)");
    }
    EXPECT_THROW(parse_quality("CI"), Error);
    EXPECT_THROW(parse_quality(""), Error);
}
