// The GPU tally (heal_tally.comp) against its CPU twin (tally_tissue): what a timeline reads after every step
// instead of the volume.
#include <algorithm>
#include <cmath>
#include <limits>
#include "engine/sim/baseline.hpp"
#include "engine/sim/channel_stamp.hpp"
#include "engine/sim/gpu_stepper.hpp"
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
PunctureList cheek_treatment() {
    TreatmentPlanOptions plan;
    plan.needle_mm = 1.5f;
    return run_stroke_script(make_treatment_plan(plan), source_catalog().regions.find("cheek"));
}

TissueState varied_cheek(int nx, int ny) {
    const HealParameters& p = source_catalog().heal;
    TissueGrid grid = make_tissue_grid(source_catalog().regions.find("cheek"), Quality::Ci);
    grid.nx = nx, grid.ny = ny;
    TissueState s = make_baseline_state(grid, p.kernel);
    stamp_punctures_cpu(s, cheek_treatment());
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

// The layout a CPU driver gets, the one a GPU gets, and one where most segments and runs of columns are empty.
const TallyLayout kLayouts[] = {{1, 16}, {16, 256}, {1500, 3000}};

void expect_tally_matches(const TissueState& s, bool full, TallyLayout layout) {
    SCOPED_TRACE(testing::Message() << (full ? "full" : "a step's") << " tally, " << layout.segments
                                    << " segments, " << layout.column_runs << " runs of columns");
    TissueVolumeGpu volume(gpu(), s.grid);
    volume.upload(s);
    TallyPass pass(gpu(), volume, layout);
    const TissueTally on_gpu = pass.run(full), on_cpu = tally_tissue(s, full);
    ASSERT_EQ(on_gpu.slices.size(), on_cpu.slices.size());
    // A float sum of n positive values in blocks of 16 is within (n/16 + 16) roundings of the exact sum.
    const double slice = double(s.grid.nx) * s.grid.ny, roundings = slice / 16 + 16 + 2;
    const double rel = roundings * std::numeric_limits<float>::epsilon() / 2;
    std::size_t compared = 0;
    for (int k = 0; k < s.grid.nz; ++k)
        for (int t = 0; t < kTalliedCount; ++t) {
            const double g = on_gpu.at(k, static_cast<Tallied>(t)), c = on_cpu.at(k, static_cast<Tallied>(t));
            if (static_cast<Tallied>(t) == Tallied::Serum) {
                EXPECT_EQ(g, c) << "slice " << k << ": a maximum of floats is exact";
            } else {
                EXPECT_NEAR(g, c, rel * std::abs(c) + 1e-9) << "slice " << k << ", tallied " << t;
            }
            compared += c != 0;
        }
    EXPECT_GT(compared, std::size_t(s.grid.nz)) << "the tally should hold something to compare";
    EXPECT_NEAR(on_gpu.reddest_column, on_cpu.reddest_column, 1e-6 * on_cpu.reddest_column);  // 12 slices
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
    for (const TallyLayout& layout : kLayouts) {
        expect_tally_matches(s, true, layout);
        expect_tally_matches(s, false, layout);
    }
}

// 45 x 47 columns: slices are not a multiple of 4 voxels, so one voxel a texel.
TEST_F(TallyPassTest, MatchesTheCpuTwinWhereSlicesAreNotQuads) {
    const TissueState s = varied_cheek(45, 47);
    for (const TallyLayout& layout : kLayouts) {
        expect_tally_matches(s, true, layout);
        expect_tally_matches(s, false, layout);
    }
}

// The reddest column wherever it stands: the first, the last, and spread between, so that a pass that skipped
// some columns of a run would miss it in some of them.
TEST_F(TallyPassTest, FindsTheReddestColumnWhereverItStands) {
    for (auto [nx, ny] : {std::pair{48, 48}, std::pair{45, 47}}) {
        const TissueState s = varied_cheek(nx, ny);
        const auto [first, last] = papillary_slices(s.grid);
        const int columns = nx * ny;
        TissueVolumeGpu volume(gpu(), s.grid);
        std::vector<TallyPass> passes;
        passes.reserve(std::size(kLayouts));
        for (const TallyLayout& layout : kLayouts) passes.emplace_back(gpu(), volume, layout);
        for (int j = 0; j <= 7; ++j) {
            const int at = j * (columns - 1) / 7;
            TissueState red = s;
            for (int k = first; k < last; ++k) red.at(Field::Erythema, at % nx, at / nx, k) += 5.0f;
            volume.upload(red);
            const double expected = tally_tissue(red, false).reddest_column;
            for (std::size_t l = 0; l < passes.size(); ++l)
                EXPECT_NEAR(passes[l].run(false).reddest_column, expected, 1e-6 * expected)
                    << nx << " x " << ny << ", column " << at << ", layout " << l;
        }
    }
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

// The GPU stepper keeps the tally of the volume as it is: a step's, a full one asked for since, but never one
// from before a stamp (a later session's figures would start from the last one's).
TEST_F(TallyPassTest, TheGpuSteppersTallyFollowsStepsAndStamps) {
    const HealParameters& p = source_catalog().heal;
    const TissueGrid grid = make_tissue_grid(source_catalog().regions.find("cheek"), Quality::Ci);
    // The second session's needles go in half a millimetre from the first's: new channels, however long the
    // first have been closing.
    const PunctureList first = cheek_treatment();
    PunctureList second = first;
    for (Puncture& n : second) n.surface_mm += glm::vec2(0.5f, 0.0f);
    GpuStepper stepper(gpu(), make_baseline_state(grid, p.kernel), p.kernel,
                       [&](int session) { return session == 0 ? first : second; });
    auto open_mm3 = [&] { return healing_figures(stepper.tally(false), grid, p).open_channels_mm3; };
    auto expect_as_the_state = [&](bool full, const char* when) {
        const TissueTally on_gpu = stepper.tally(full), on_cpu = tally_tissue(stepper.state(), full);
        for (int k = 0; k < grid.nz; ++k)
            for (Tallied t : {Tallied::Open, Tallied::Erythema, Tallied::Collagen1}) {
                if (!full && t == Tallied::Collagen1) continue;
                EXPECT_NEAR(on_gpu.at(k, t), on_cpu.at(k, t), 2e-5 * std::abs(on_cpu.at(k, t)) + 1e-9)
                    << when << ", slice " << k << ", tallied " << int(t);
            }
    };
    stepper.stamp(0);
    expect_as_the_state(false, "after the first stamp");
    HealStepPlan plan = plan_heal_step(stepper.summarize(p.kernel), p.control, 0.0f, 0.0, 0.0);
    stepper.step(p.kernel, plan);
    expect_as_the_state(false, "after a step");
    expect_as_the_state(true, "a full tally after a step");
    expect_as_the_state(false, "a step's tally after the full one");
    const double open_before = open_mm3();
    stepper.stamp(1);
    EXPECT_GT(open_mm3(), 1.5 * open_before) << "the second session opens channels of its own";
    expect_as_the_state(false, "after the second stamp");
    expect_as_the_state(true, "a full tally after the second stamp");
}

}  // namespace
}  // namespace dermasim::test
