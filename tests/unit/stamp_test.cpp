// Stamping channels into the tissue volume (CPU twin of the GPU pass): the stamped volume is the cone's,
// a channel stays in its voxel column, blood only where the dermis is reached, and the fixed-point
// accumulation makes the result independent of the order of the punctures.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numbers>
#include <random>
#include "engine/core/error.hpp"
#include "engine/sim/channel_stamp.hpp"

using namespace dermasim;

namespace {
// A 2 x 2 mm, 1.2 mm deep block of cheek skin built by hand: 0.1 mm voxels across, 0.02 mm deep.
TissueState block(float dx = 0.1f, float dz = 0.02f) {
    TissueState s;
    s.grid.nx = s.grid.ny = int(std::lround(2.0f / dx));
    s.grid.nz = int(std::lround(1.2f / dz));
    s.grid.dx_mm = s.grid.dy_mm = dx;
    s.grid.dz_mm = dz;
    const double bottoms[] = {0.0147, 0.0461, 0.2471, 1.0511};
    for (int k = 0; k < s.grid.nz; ++k) {
        const double z = (k + 0.5) * dz;
        int l = 0;
        while (l < 4 && z > bottoms[l]) ++l;
        s.grid.layer_of_slice.push_back(Layer(l));
    }
    return s;
}

Puncture channel(glm::vec2 at, float depth, float radius = 0.025f, glm::vec2 tilt = glm::vec2(0)) {
    Puncture p;
    p.surface_mm = at;
    p.depth_mm = depth;
    p.radius_mm = radius;
    p.tilt = tilt;
    return p;
}

double stamped_volume_mm3(const TissueState& s, Field f = Field::OpenChannel) {
    double sum = 0;
    for (float v : s.field(f)) sum += v;
    return sum * s.grid.dx_mm * s.grid.dy_mm * s.grid.dz_mm;
}

double cone_volume(const Puncture& p) { return std::numbers::pi * p.radius_mm * p.radius_mm * p.depth_mm / 3.0; }
}  // namespace

TEST(Stamp, StampedVolumeIsTheConeVolume) {
    // Channels inside one column, across column edges, tilted, and ending mid-slice.
    const Puncture cases[] = {channel({1.03f, 0.97f}, 0.4f), channel({1.0f, 1.0f}, 0.35f),
                              channel({0.51f, 1.49f}, 0.87f, 0.03f, {-0.3f, 0.1f}), channel({1.2f, 0.3f}, 0.113f)};
    for (const Puncture& p : cases) {
        TissueState s = block();
        stamp_punctures_cpu(s, {p});
        EXPECT_NEAR(stamped_volume_mm3(s), cone_volume(p), 0.01 * cone_volume(p)) << p.surface_mm.x;
    }
    // A coarse grid (voxels as deep as the channel) still conserves the volume.
    TissueState coarse = block(0.25f, 0.1f);
    const Puncture p = channel({1.1f, 0.9f}, 0.45f, 0.025f, {0.2f, 0});
    stamp_punctures_cpu(coarse, {p});
    EXPECT_NEAR(stamped_volume_mm3(coarse), cone_volume(p), 0.02 * cone_volume(p));
}

TEST(Stamp, StraightChannelStaysInItsColumnAndAboveItsTip) {
    TissueState s = block();
    const Puncture p = channel({1.04f, 0.55f}, 0.5f);
    stamp_punctures_cpu(s, {p});
    const int ci = int(p.surface_mm.x / s.grid.dx_mm), cj = int(p.surface_mm.y / s.grid.dy_mm);
    const int k_tip = int(std::floor(p.depth_mm / s.grid.dz_mm));
    int touched = 0;
    for (int k = 0; k < s.grid.nz; ++k)
        for (int j = 0; j < s.grid.ny; ++j)
            for (int i = 0; i < s.grid.nx; ++i) {
                const float v = s.at(Field::OpenChannel, i, j, k);
                if (v == 0) continue;
                ++touched;
                EXPECT_EQ(i, ci);
                EXPECT_EQ(j, cj);
                EXPECT_LE(k, k_tip);
            }
    EXPECT_GE(touched, k_tip);  // every slice down to the tip
    // Narrowing: the top slice holds more channel than one near the tip.
    EXPECT_GT(s.at(Field::OpenChannel, ci, cj, 0), s.at(Field::OpenChannel, ci, cj, k_tip - 2));
}

TEST(Stamp, TiltedChannelFollowsItsDrift) {
    TissueState s = block();
    const Puncture p = channel({0.55f, 1.05f}, 0.8f, 0.025f, {1.0f, 0.0f});  // drifts 0.8 mm in x
    stamp_punctures_cpu(s, {p});
    for (int k = 0; k < int(p.depth_mm / s.grid.dz_mm) - 1; ++k) {
        const float x = p.surface_mm.x + p.tilt.x * (k + 0.5f) * s.grid.dz_mm;
        EXPECT_GT(s.at(Field::OpenChannel, int(x / s.grid.dx_mm), 10, k), 0.0f) << "slice " << k;
        EXPECT_EQ(s.at(Field::OpenChannel, int(p.surface_mm.x / s.grid.dx_mm) - 1, 10, k), 0.0f);
    }
}

TEST(Stamp, BloodOnlyWhereTheChannelReachesThePapillaryDermis) {
    TissueState shallow = block();
    stamp_punctures_cpu(shallow, {channel({1.0f, 1.0f}, 0.04f)});  // ends in the viable epidermis
    EXPECT_GT(stamped_volume_mm3(shallow), 0.0);
    EXPECT_EQ(stamped_volume_mm3(shallow, Field::Blood), 0.0);

    TissueState deep = block();
    stamp_punctures_cpu(deep, {channel({1.0f, 1.0f}, 0.6f)});
    for (int k = 0; k < deep.grid.nz; ++k) {
        const bool dermis = int(deep.grid.layer_at(k)) >= int(Layer::PapillaryDermis);
        for (int j = 9; j <= 10; ++j)
            for (int i = 9; i <= 10; ++i) {
                const float open = deep.at(Field::OpenChannel, i, j, k), blood = deep.at(Field::Blood, i, j, k);
                EXPECT_EQ(blood, dermis ? open : 0.0f) << "slice " << k;
            }
    }
    EXPECT_GT(stamped_volume_mm3(deep, Field::Blood), 0.0);
}

TEST(Stamp, OrderOfPuncturesDoesNotChangeOneBit) {
    std::mt19937 rng(1234);
    std::uniform_real_distribution<float> pos(-0.1f, 2.1f), depth(0.05f, 1.3f), tilt(-0.3f, 0.3f);
    PunctureList list;
    for (int n = 0; n < 400; ++n) list.push_back(channel({pos(rng), pos(rng)}, depth(rng), 0.025f, {tilt(rng), tilt(rng)}));
    // Many channels through a few voxels too, so rounding would show if sums were float.
    for (int n = 0; n < 50; ++n) list.push_back(channel({1.05f + 0.001f * n, 1.05f}, 0.3f + 0.01f * n));
    TissueState a = block(), b = block();
    stamp_punctures_cpu(a, list);
    std::shuffle(list.begin(), list.end(), rng);
    stamp_punctures_cpu(b, list);
    for (Field f : {Field::OpenChannel, Field::Blood}) {
        ASSERT_EQ(a.field(f).size(), b.field(f).size());
        EXPECT_EQ(std::memcmp(a.field(f).data(), b.field(f).data(), a.field(f).size() * sizeof(float)), 0);
    }
    EXPECT_GT(stamped_volume_mm3(a), 0.0);
}

TEST(Stamp, OpenFractionIsCappedAtOne) {
    TissueState s = block();
    PunctureList many(2000, channel({1.05f, 1.05f}, 0.3f, 0.05f));
    stamp_punctures_cpu(s, many);
    const float top = s.at(Field::OpenChannel, 10, 10, 0);
    EXPECT_EQ(top, 1.0f);
    for (float v : s.field(Field::OpenChannel)) EXPECT_LE(v, 1.0f);
}

TEST(Stamp, FootprintCoversTheChannelAndIsClampedToTheGrid) {
    TissueState s = block();
    const StampFootprint f = stamp_footprint(s.grid, channel({1.05f, 1.05f}, 0.5f, 0.025f, {0.2f, 0}));
    EXPECT_EQ(f.i0, 10);
    EXPECT_EQ(f.i1, 11);  // the tip drifts 0.1 mm into the next column
    EXPECT_EQ(f.j0, 10);
    EXPECT_EQ(f.j1, 10);
    EXPECT_EQ(f.k1, 25);
    EXPECT_TRUE(stamp_footprint(s.grid, channel({5.0f, 5.0f}, 0.5f)).empty());
    const StampFootprint deep = stamp_footprint(s.grid, channel({0.0f, 0.0f}, 3.0f));
    EXPECT_EQ(deep.k1, s.grid.nz - 1);
    EXPECT_EQ(deep.i0, 0);
}

TEST(Stamp, WrongFieldSizeIsAnError) {
    TissueState s = block();
    s.field(Field::OpenChannel).assign(7, 0.0f);
    EXPECT_THROW(stamp_punctures_cpu(s, {channel({1, 1}, 0.3f)}), Error);
}
