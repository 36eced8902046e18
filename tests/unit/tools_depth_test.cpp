// Needle depth model: tenting makes channels shallower than needles, firmer pressure goes deeper, the numbers
// follow Kalluri 2011 and Donnelly (REFERENCE.md §2), and nothing goes deeper than the needle.
#include <gtest/gtest.h>

#include <cmath>
#include "engine/core/error.hpp"
#include "engine/tools/needle_depth.hpp"

using namespace dermasim;

namespace {
RegionProfile region_with_fat(double fat_mm) {
    RegionProfile r;
    r.id = "test";
    const double mm[kLayerCount] = {0.015, 0.031, 0.2, 0.8, fat_mm};
    for (int l = 0; l < kLayerCount; ++l) r.layers[l].mm = mm[l];
    return r;
}
}  // namespace

TEST(ToolsDepth, PenetrationRisesWithPressure) {
    for (DeviceKind device : {DeviceKind::Roller, DeviceKind::Pen}) {
        float previous = 0;
        for (float p = 0.05f; p <= 1.0f; p += 0.05f) {
            const float f = penetration_fraction(device, p);
            EXPECT_GT(f, previous) << "pressure " << p;
            EXPECT_LT(f, 1.0f);
            previous = f;
        }
    }
}

TEST(ToolsDepth, AnchoredToKalluriAndDonnelly) {
    for (DeviceKind device : {DeviceKind::Roller, DeviceKind::Pen})
        EXPECT_NEAR(penetration_fraction(device, 0.0f), 152.5f / 770.0f, 1e-4f);  // lower bound, rat skin
    // A pen stamps perpendicularly like Donnelly's pressed array: human in vivo, normal pressure.
    EXPECT_NEAR(penetration_fraction(DeviceKind::Pen, 0.5f), 460.0f / 600.0f, 1e-3f);
    // A roller enters at an angle and tents more: between the two measurements.
    EXPECT_NEAR(penetration_fraction(DeviceKind::Roller, 0.5f), 0.5f * (152.5f / 770.0f + 460.0f / 600.0f), 1e-3f);
    EXPECT_LT(penetration_fraction(DeviceKind::Roller, 1.0f), penetration_fraction(DeviceKind::Pen, 1.0f));
    // At the 5 mm reference fat, a 600 um pen needle at normal pressure makes Donnelly's ~460 um channel.
    NeedleSpec n;
    n.length_mm = 0.6f;
    NeedleDepthModel model(DeviceKind::Pen, n, region_with_fat(5.0));
    EXPECT_NEAR(model.mean_depth_mm(0.5f), 0.46f, 0.005f);
}

TEST(ToolsDepth, NeverDeeperThanTheNeedleAndZeroWithoutPressure) {
    for (float len : {0.25f, 0.5f, 1.0f, 2.0f, 3.0f}) {
        NeedleSpec n;
        n.length_mm = len;
        for (double fat : {0.5, 2.0, 15.0}) {
            NeedleDepthModel model(DeviceKind::Roller, n, region_with_fat(fat));
            EXPECT_EQ(model.channel(0.0f, 3, 1.0).depth_mm, 0.0f);
            for (std::uint32_t id = 0; id < 500; ++id) {
                const ChannelShape c = model.channel(1.0f, id, 0.01 * id);
                EXPECT_GT(c.depth_mm, 0.0f);
                EXPECT_LE(c.depth_mm, len);
            }
        }
    }
}

TEST(ToolsDepth, ThinFatOverBoneTentsLessThanAThickPad) {
    NeedleSpec n;
    n.length_mm = 1.0f;
    EXPECT_GT(NeedleDepthModel(DeviceKind::Roller, n, region_with_fat(0.5)).mean_depth_mm(0.5f),
              NeedleDepthModel(DeviceKind::Roller, n, region_with_fat(15.0)).mean_depth_mm(0.5f));
}

TEST(ToolsDepth, ChannelRadiusFollowsKalluriWidthRatio) {
    NeedleSpec n;
    n.base_diameter_mm = 0.14f;  // Kalluri's needle base
    const ChannelShape c = NeedleDepthModel(DeviceKind::Roller, n, region_with_fat(5.0)).channel(0.5f, 0, 0.0);
    EXPECT_NEAR(2 * c.radius_mm, 0.0707f, 1e-4f);
}

TEST(ToolsDepth, PerNeedleSpreadIsDeterministicAndMatchesKalluriSd) {
    EXPECT_EQ(needle_jitter(17, 2.5), needle_jitter(17, 2.5));
    EXPECT_NE(needle_jitter(17, 2.5), needle_jitter(18, 2.5));
    double sum = 0, sum2 = 0;
    const int n = 20000;
    for (int i = 0; i < n; ++i) {
        const double j = needle_jitter(std::uint32_t(i % 192), 0.001 * i);
        EXPECT_GE(j, -1.0);
        EXPECT_LE(j, 1.0);
        sum += j;
        sum2 += j * j;
    }
    const double mean = sum / n, sd = std::sqrt(sum2 / n - mean * mean) * kDepthSpread;
    EXPECT_NEAR(mean, 0.0, 0.02);
    EXPECT_NEAR(sd, 9.6 / 152.5, 0.005);  // Kalluri: 152.5 +- 9.6 um
}

TEST(ToolsDepth, BadPressureIsAnError) {
    EXPECT_THROW(penetration_fraction(DeviceKind::Roller, std::nanf("")), Error);
    EXPECT_THROW(penetration_fraction(DeviceKind::Pen, -0.1f), Error);
    EXPECT_THROW(penetration_fraction(DeviceKind::Roller, 1.5f), Error);
}
