// The GPU stamp against its CPU twin (stamp_punctures_cpu) on the CI grid: bit for bit, in any order.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <random>
#include "engine/core/error.hpp"
#include "engine/sim/channel_stamp.hpp"
#include "engine/sim/stamp_pass.hpp"
#include "engine/sim/tissue_volume_gpu.hpp"
#include "engine/skin/region_profile.hpp"
#include "tests/gpu/gpu_test.hpp"
#include "tests/common/source_catalog.hpp"

namespace dermasim::test {
namespace {

TissueGrid ci_grid() { return make_tissue_grid(test::source_catalog().regions.find("cheek"), Quality::Ci); }

// Deterministic punctures of every kind the kinematics make: straight and tilted, shallow (epidermis only) and
// deep (bleeding), some hanging over the patch edge, a cluster on one spot so the cap at 1 is reached, and a
// few that stamp nothing (no depth, wholly off the patch).
PunctureList varied_punctures(unsigned seed, int count) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> pos(-0.3f, kPatchSizeMm + 0.3f), depth(0.05f, 2.5f),
        radius(0.02f, 0.06f), tilt(-0.4f, 0.4f);
    PunctureList list;
    for (int n = 0; n < count; ++n) {
        Puncture p;
        p.surface_mm = {pos(rng), pos(rng)};
        p.depth_mm = depth(rng);
        p.radius_mm = radius(rng);
        if (n % 3 == 0) p.tilt = {tilt(rng), tilt(rng)};
        p.needle = uint32_t(n);
        list.push_back(p);
    }
    for (int n = 0; n < 40; ++n) {  // a pile-up: open fraction hits the cap
        Puncture p;
        p.surface_mm = {10.1f, 10.1f};
        p.depth_mm = 1.2f;
        p.radius_mm = 0.2f;
        list.push_back(p);
    }
    Puncture none;
    none.surface_mm = {5, 5};
    list.push_back(none);  // no depth, no radius
    Puncture off;
    off.surface_mm = {-5, 30};
    off.depth_mm = 1;
    off.radius_mm = 0.05f;
    list.push_back(off);
    return list;
}

// A state that already holds some channels and blood, so resolve's add-and-cap is exercised too.
TissueState prior_state(const TissueGrid& grid) {
    TissueState s;
    s.grid = grid;
    for (auto& f : s.fields) f.assign(grid.voxel_count(), 0.0f);
    std::mt19937 rng(7);
    std::uniform_real_distribution<float> u(0.0f, 1.0f);
    for (std::size_t v = 0; v < grid.voxel_count(); v += 13) {
        s.field(Field::OpenChannel)[v] = u(rng) * 0.5f;
        s.field(Field::Blood)[v] = u(rng) * 0.5f;
        s.field(Field::Signal)[v] = u(rng);  // untouched by the stamp
    }
    return s;
}

struct Comparison {
    std::size_t differing = 0;
    float max_abs = 0;
};
Comparison compare(const std::vector<float>& a, const std::vector<float>& b) {
    Comparison c;
    for (std::size_t v = 0; v < a.size(); ++v)
        if (std::memcmp(&a[v], &b[v], sizeof(float)) != 0) {
            ++c.differing;
            c.max_abs = std::max(c.max_abs, std::abs(a[v] - b[v]));
        }
    return c;
}

TissueState stamp_on_gpu(const TissueState& start, const std::vector<PunctureList>& batches) {
    TissueVolumeGpu volume(gpu(), start.grid);
    volume.upload(start);
    StampPass pass(gpu(), volume);
    for (const auto& batch : batches) pass.run(batch);
    TissueState out;
    volume.download(out);
    return out;
}

class StampPassTest : public GpuTest {};

TEST_F(StampPassTest, VolumeRoundTripsEveryFieldUnchanged) {
    const TissueState start = prior_state(ci_grid());
    TissueVolumeGpu volume(gpu(), start.grid);
    volume.upload(start);
    TissueState back;
    volume.download(back);
    for (int f = 0; f < kFieldCount; ++f) EXPECT_EQ(back.fields[f], start.fields[f]) << kFieldKeys[f];
}

TEST_F(StampPassTest, GpuMatchesCpuTwinBitForBit) {
    const TissueState start = prior_state(ci_grid());
    const PunctureList punctures = varied_punctures(42, 600);
    TissueState cpu = start;
    stamp_punctures_cpu(cpu, punctures);
    const TissueState gpu_state = stamp_on_gpu(start, {punctures});

    std::size_t stamped = 0, capped = 0;
    for (std::size_t v = 0; v < cpu.grid.voxel_count(); ++v) {
        stamped += cpu.field(Field::OpenChannel)[v] != start.field(Field::OpenChannel)[v];
        capped += cpu.field(Field::OpenChannel)[v] == 1.0f;
    }
    ASSERT_GT(stamped, 1000u) << "the punctures should touch many voxels";
    ASSERT_GT(capped, 0u) << "the pile-up should reach the cap";
    for (Field f : {Field::OpenChannel, Field::Blood}) {
        const Comparison c = compare(gpu_state.field(f), cpu.field(f));
        EXPECT_EQ(c.differing, 0u) << kFieldKeys[int(f)] << ": max abs difference " << c.max_abs;
    }
    for (Field f : {Field::Signal, Field::Serum})
        EXPECT_EQ(gpu_state.field(f), start.field(f)) << kFieldKeys[int(f)] << " must not change";
}

TEST_F(StampPassTest, PunctureOrderDoesNotChangeOneBit) {
    const TissueState start = prior_state(ci_grid());
    PunctureList punctures = varied_punctures(9, 400);
    const TissueState forward = stamp_on_gpu(start, {punctures});
    std::reverse(punctures.begin(), punctures.end());
    std::shuffle(punctures.begin(), punctures.begin() + 200, std::mt19937(3));
    const TissueState shuffled = stamp_on_gpu(start, {punctures});
    EXPECT_EQ(forward.field(Field::OpenChannel), shuffled.field(Field::OpenChannel));
    EXPECT_EQ(forward.field(Field::Blood), shuffled.field(Field::Blood));
}

TEST_F(StampPassTest, SuccessiveBatchesMatchSuccessiveCpuStamps) {
    // Resolve must clear the accumulators: a second batch must not add the first one again.
    const TissueState start = prior_state(ci_grid());
    const PunctureList a = varied_punctures(1, 150), b = varied_punctures(2, 150);
    TissueState cpu = start;
    stamp_punctures_cpu(cpu, a);
    stamp_punctures_cpu(cpu, b);
    const TissueState gpu_state = stamp_on_gpu(start, {a, PunctureList{}, b});
    EXPECT_EQ(compare(gpu_state.field(Field::OpenChannel), cpu.field(Field::OpenChannel)).differing, 0u);
    EXPECT_EQ(compare(gpu_state.field(Field::Blood), cpu.field(Field::Blood)).differing, 0u);
}

TEST_F(StampPassTest, NonFinitePunctureIsAnError) {
    const TissueGrid grid = ci_grid();
    TissueVolumeGpu volume(gpu(), grid);
    StampPass pass(gpu(), volume);
    Puncture p;
    p.surface_mm = {std::nanf(""), 3};
    p.depth_mm = 1;
    p.radius_mm = 0.05f;
    EXPECT_THROW(pass.run({p}), Error);
}

TEST_F(StampPassTest, UploadOfAMismatchedFieldIsAnError) {
    TissueState s = prior_state(ci_grid());
    TissueVolumeGpu volume(gpu(), s.grid);
    s.field(Field::Blood).pop_back();
    EXPECT_THROW(volume.upload(s), Error);
}

}  // namespace
}  // namespace dermasim::test
