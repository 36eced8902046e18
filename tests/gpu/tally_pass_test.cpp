// The GPU tally (heal_tally.comp) against its CPU twin (tally_tissue): what a timeline reads after every step
// instead of the volume.
#include <algorithm>
#include <cmath>
#include "engine/sim/baseline.hpp"
#include "engine/sim/channel_stamp.hpp"
#include "engine/sim/healing_metrics.hpp"
#include "engine/sim/tally_pass.hpp"
#include "engine/sim/tissue_tally.hpp"
#include "engine/skin/region_profile.hpp"
#include "engine/tools/stroke_script.hpp"
#include "engine/tools/treatment_plan.hpp"
#include "tests/common/source_catalog.hpp"
#include "tests/gpu/gpu_test.hpp"

namespace dermasim::test {
namespace {

// The cheek after a 1.5 mm roller treatment, with every field varied from voxel to voxel (a hash of its index,
// a different one per field), so a sum taken over the wrong field, slice or columns cannot come out the same.
TissueState varied_cheek(int nx, int ny) {
    const HealParameters& p = source_catalog().heal;
    const RegionProfile cheek = source_catalog().regions.find("cheek");
    TissueGrid grid = make_tissue_grid(cheek, Quality::Ci);
    grid.nx = nx, grid.ny = ny;
    TissueState s = make_baseline_state(grid, p.kernel);
    TreatmentPlanOptions plan;
    plan.needle_mm = 1.5f;
    stamp_punctures_cpu(s, run_stroke_script(make_treatment_plan(plan), cheek));
    for (int f = 0; f < kFieldCount; ++f) {
        if (static_cast<Field>(f) == Field::OpenChannel) continue;  // the stamp's channels
        std::vector<float>& v = s.fields[f];
        for (std::size_t n = 0; n < v.size(); ++n) {
            const uint32_t h = uint32_t(n) * 2654435761u ^ uint32_t(f + 1) * 40503u;
            v[n] += 0.5f * float(h >> 8) / float(1 << 24);
        }
    }
    // One red column and one deep spot of serum, where the maxima must be found.
    const auto [first, last] = papillary_slices(grid);
    for (int k = first; k < last; ++k) s.at(Field::Erythema, nx - 2, ny / 3, k) += 3.0f;
    s.at(Field::Serum, nx / 2, 1, grid.nz - 7) = 4.0f;
    return s;
}

class TallyPassTest : public GpuTest {};

void expect_tally_matches(const TissueState& s, bool full) {
    TissueVolumeGpu volume(gpu(), s.grid);
    volume.upload(s);
    TallyPass pass(gpu(), volume);
    const TissueTally on_gpu = pass.run(full), on_cpu = tally_tissue(s, full);
    ASSERT_EQ(on_gpu.slices.size(), on_cpu.slices.size());
    EXPECT_EQ(on_gpu.full, full);
    std::size_t compared = 0;
    for (int k = 0; k < s.grid.nz; ++k)
        for (int t = 0; t < kTalliedCount; ++t) {
            const double g = on_gpu.at(k, static_cast<Tallied>(t)), c = on_cpu.at(k, static_cast<Tallied>(t));
            if (static_cast<Tallied>(t) == Tallied::Serum) {
                EXPECT_EQ(g, c) << "slice " << k << ": a maximum of floats is exact";
            } else {
                // Sums of ~2300 floats near 1, in blocks on the GPU, in double here.
                EXPECT_NEAR(g, c, 2e-6 * std::abs(c) + 1e-9) << "slice " << k << ", tallied " << t;
            }
            compared += c != 0;
        }
    EXPECT_GT(compared, std::size_t(s.grid.nz)) << "the tally should hold something to compare";
    EXPECT_NEAR(on_gpu.reddest_column, on_cpu.reddest_column, 1e-6 * on_cpu.reddest_column);
    // The figures made of them agree as closely.
    const HealParameters& p = source_catalog().heal;
    const HealingSample fg = healing_figures(on_gpu, s.grid, p), fc = healing_figures(on_cpu, s.grid, p);
    EXPECT_NEAR(fg.open_channels_mm3, fc.open_channels_mm3, 1e-6 * fc.open_channels_mm3);
    EXPECT_EQ(fg.serum_depth_um, fc.serum_depth_um);
    EXPECT_NEAR(fg.collagen_pct, fc.collagen_pct, 1e-4);
    EXPECT_NEAR(fg.epidermis_pct, fc.epidermis_pct, 1e-4);
}

// On the CI grid the GPU reads four voxels a texel.
TEST_F(TallyPassTest, MatchesTheCpuTwinOnTheCiGrid) {
    const TissueState s = varied_cheek(48, 48);
    expect_tally_matches(s, true);
    expect_tally_matches(s, false);
}

// 45 x 47 columns: slices are not a multiple of 4 voxels, so one voxel a texel.
TEST_F(TallyPassTest, MatchesTheCpuTwinWhereSlicesAreNotQuads) {
    const TissueState s = varied_cheek(45, 47);
    expect_tally_matches(s, true);
    expect_tally_matches(s, false);
}

// A step's tally holds only what a step's observers need; the rest of the dermis's sums stay 0.
TEST_F(TallyPassTest, AStepsTallyHoldsOnlyWhatAStepNeeds) {
    const TissueState s = varied_cheek(48, 48);
    TissueVolumeGpu volume(gpu(), s.grid);
    volume.upload(s);
    TallyPass pass(gpu(), volume);
    const TissueTally partial = pass.run(false);
    for (int k = 0; k < s.grid.nz; ++k)
        for (int t = kTalliedEveryStep; t < kTalliedCount; ++t) EXPECT_EQ(partial.at(k, static_cast<Tallied>(t)), 0.0);
    EXPECT_GT(partial.reddest_column, 3.0 * (papillary_slices(s.grid).second - papillary_slices(s.grid).first));
}

}  // namespace
}  // namespace dermasim::test
