// The GPU stamp against its CPU twin (stamp_punctures_cpu) on the CI grid: bit for bit where the driver's float
// math is the CPU's (lavapipe), within the fixed point's rounding elsewhere; in any order, bit for bit.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <random>
#include <string_view>
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

constexpr float kFixedOne = 65536.0f;  // sim/stamp_kernel.glsl: kStampFixedOne

// How many punctures' footprints hold each voxel: how many fixed-point roundings went into its value.
std::vector<uint32_t> roundings(const TissueGrid& grid, const std::vector<PunctureList>& batches) {
    std::vector<uint32_t> count(grid.voxel_count(), 0u);
    for (const PunctureList& batch : batches)
        for (const Puncture& p : batch) {
            const StampFootprint f = stamp_footprint(grid, p);
            if (f.empty()) continue;
            for (int k = f.k0; k <= f.k1; ++k)
                for (int j = f.j0; j <= f.j1; ++j)
                    for (int i = f.i0; i <= f.i1; ++i) ++count[grid.index(i, j, k)];
        }
    return count;
}

// The GPU's stamped field against the CPU twin's. Each puncture adds round(fraction x 65536) to a voxel: where a
// driver's division or fused multiply-add moves a fraction by a few units in the last place across a rounding
// boundary, that amount moves by one unit. So a voxel may differ by one unit (1/65536) per rounding it went
// through, and by nothing more (the resolve's add is exact to a unit in the last place of 1); where the float
// math is the CPU's, not at all.
void expect_stamped_alike(const std::vector<float>& gpu_field, const std::vector<float>& cpu_field,
                          const std::vector<uint32_t>& roundings, std::string_view name) {
    std::size_t differing = 0, beyond = 0;
    float max_abs = 0;
    for (std::size_t v = 0; v < cpu_field.size(); ++v) {
        if (std::memcmp(&gpu_field[v], &cpu_field[v], sizeof(float)) == 0) continue;
        const float difference = std::abs(gpu_field[v] - cpu_field[v]);
        ++differing;
        max_abs = std::max(max_abs, difference);
        beyond += difference > float(roundings[v]) / kFixedOne + 1e-6f;
    }
    EXPECT_EQ(beyond, 0u) << name << ": " << beyond << " voxels differ by more than a unit per rounding";
    if (float_math_as_cpu()) {
        EXPECT_EQ(differing, 0u) << name << ": max abs difference " << max_abs;
    }
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

TEST_F(StampPassTest, GpuMatchesCpuTwin) {
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
    const std::vector<uint32_t> counts = roundings(start.grid, {punctures});
    for (Field f : {Field::OpenChannel, Field::Blood})
        expect_stamped_alike(gpu_state.field(f), cpu.field(f), counts, kFieldKeys[int(f)]);
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
    const std::vector<uint32_t> counts = roundings(start.grid, {a, b});
    for (Field f : {Field::OpenChannel, Field::Blood})
        expect_stamped_alike(gpu_state.field(f), cpu.field(f), counts, kFieldKeys[int(f)]);
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
