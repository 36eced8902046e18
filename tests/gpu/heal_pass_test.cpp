// The GPU heal step against its CPU twin (heal_step) on the CI grid after a real roller treatment, and its
// determinism.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include "engine/core/error.hpp"
#include "engine/sim/baseline.hpp"
#include "engine/sim/channel_stamp.hpp"
#include "engine/sim/heal_bench.hpp"
#include "engine/sim/heal_line_solve.hpp"
#include "engine/sim/heal_pass.hpp"
#include "engine/sim/heal_params.hpp"
#include "engine/sim/heal_step.hpp"
#include "engine/sim/heal_time_step.hpp"
#include "engine/sim/stamp_pass.hpp"
#include "engine/sim/tissue_volume_gpu.hpp"
#include "engine/skin/region_profile.hpp"
#include "engine/tools/stroke_script.hpp"
#include "engine/tools/treatment_plan.hpp"
#include "engine/vk/commands.hpp"
#include "tests/gpu/gpu_test.hpp"
#include "tests/common/source_catalog.hpp"

namespace dermasim::test {
namespace {

// A 4-pass 1.5 mm roller treatment of the cheek.
PunctureList roller_treatment() {
    TreatmentPlanOptions plan;
    plan.needle_mm = 1.5f;
    return run_stroke_script(make_treatment_plan(plan), test::source_catalog().regions.find("cheek"));
}

// The untreated cheek on the CI grid.
TissueState untreated_cheek(const kernel::HealParams& params) {
    const RegionProfile cheek = test::source_catalog().regions.find("cheek");
    return make_baseline_state(make_tissue_grid(cheek, Quality::Ci), params);
}

// The cheek right after the treatment, stamped by the CPU twin.
TissueState treated_cheek(const kernel::HealParams& params) {
    TissueState s = untreated_cheek(params);
    stamp_punctures_cpu(s, roller_treatment());
    return s;
}

// The same on 45 x 47 columns: nx is not a multiple of 4, so no line goes four at a time, and the voxel count
// is odd.
TissueState narrow_treated_cheek(const kernel::HealParams& params) {
    TissueGrid grid = untreated_cheek(params).grid;
    grid.nx = 45;
    grid.ny = 47;
    TissueState s = make_baseline_state(grid, params);
    stamp_punctures_cpu(s, roller_treatment());
    return s;
}

// Largest |gpu - cpu| / max(|cpu|, floor) over the field: relative where the value is meaningful, absolute
// (scaled by 1/floor) where it has decayed to nothing.
float max_relative_difference(const std::vector<float>& gpu_values, const std::vector<float>& cpu_values,
                              float floor) {
    float worst = 0;
    for (std::size_t v = 0; v < cpu_values.size(); ++v)
        worst = std::max(worst, std::abs(gpu_values[v] - cpu_values[v]) / std::max(std::abs(cpu_values[v]), floor));
    return worst;
}

// The steps a timeline takes from the treatment, with serum on the skin so every line solve runs.
std::vector<HealStepPlan> first_steps(const TissueState& start, const HealParameters& params, int count) {
    std::vector<HealStepPlan> plans;
    TissueState s = start;
    double prev = 0;
    for (int n = 0; n < count; ++n) {
        HealStepPlan plan = plan_heal_step(summarize(s, params.kernel), params.control, 1.0f, prev, 0.0);
        plan.diffuse_fibroblasts = true;  // exercise every solve even before fibroblasts move
        heal_step(s, params.kernel, plan);
        prev = plan.dt_s;
        plans.push_back(plan);
    }
    return plans;
}

// Uploads `start`, stamps `punctures` on the GPU (none: nothing), runs the plans in one submission. `apart`, if
// given, is set to whether the reaction took the slices outside the dermis apart.
TissueState heal_on_gpu(const TissueState& start, const kernel::HealParams& params,
                        const std::vector<HealStepPlan>& plans, const PunctureList& punctures = {},
                        bool* apart = nullptr, HealPass::Lines lines = HealPass::Lines::QuadsWherePossible) {
    TissueVolumeGpu volume(gpu(), start.grid);
    volume.upload(start);
    if (!punctures.empty()) StampPass(gpu(), volume).run(punctures);
    HealPass pass(gpu(), volume, params, lines);
    if (apart) *apart = pass.reacts_outside_dermis_apart();
    vk::OneShotCommands commands(gpu());
    commands.run([&](VkCommandBuffer cmd) {
        for (const auto& plan : plans) pass.record_step(cmd, plan);
    });
    TissueState out;
    volume.download(out);
    return out;
}

class HealPassTest : public GpuTest {};

constexpr float kRelativeFloor = 1e-4f;   // fields are normalised to ~1; below this a difference counts absolutely
// Measured on lavapipe (Mesa 22.3, x86-64): at most 3.7e-5 after 12 steps (capillaries, serum); the CPU's and
// the GPU's exp() differ in the last bits, everything else (stamp, line solves, summary) is the same float math.
constexpr float kAllowedRelative = 3e-4f;

TEST_F(HealPassTest, StampThenStepsMatchTheCpuTwinOnTheCiGrid) {
    const HealParameters params = test::source_catalog().heal;
    const TissueState start = treated_cheek(params.kernel);
    const std::vector<HealStepPlan> plans = first_steps(start, params, 12);
    TissueState cpu = start;
    for (const auto& plan : plans) heal_step(cpu, params.kernel, plan);
    // The GPU side stamps on the GPU too where that is bit-exact with the CPU stamp (stamp_pass_test.cpp). Where
    // the driver's float math is not the CPU's, a stamped voxel may differ by a fixed-point unit (1.5e-5), which
    // is 2.6 % of the small values at a channel's edge (an NVIDIA H200): there both start from the CPU's stamp,
    // and the steps alone are compared.
    const TissueState gpu_state = float_math_as_cpu()
                                      ? heal_on_gpu(untreated_cheek(params.kernel), params.kernel, plans, roller_treatment())
                                      : heal_on_gpu(start, params.kernel, plans);

    for (Field f : {Field::OpenChannel, Field::Signal, Field::Serum})
        ASSERT_NE(cpu.field(f), start.field(f)) << kFieldKeys[int(f)] << " should change in these steps";
    for (int f = 0; f < kFieldCount; ++f) {
        const float rel = max_relative_difference(gpu_state.fields[f], cpu.fields[f], kRelativeFloor);
        std::size_t identical = 0;
        for (std::size_t v = 0; v < cpu.fields[f].size(); ++v)
            identical += std::memcmp(&gpu_state.fields[f][v], &cpu.fields[f][v], sizeof(float)) == 0;
        std::printf("  %-13s max relative difference %.3g, bit-identical voxels %.2f %%\n",
                    std::string(kFieldKeys[f]).c_str(), rel, 100.0 * identical / cpu.fields[f].size());
        EXPECT_LE(rel, kAllowedRelative) << kFieldKeys[f];
    }
}

// The y and depth lines go four at a time where nx is a multiple of 4 (every preset's; heal_pass.cpp,
// solved_in_quads), one at a time elsewhere: the CI grid cut to 45 x 47 columns takes that path, and must match
// the CPU twin as closely.
TEST_F(HealPassTest, StepsMatchTheCpuTwinWhereLinesCannotGoFourAtATime) {
    const HealParameters params = test::source_catalog().heal;
    const TissueState start = narrow_treated_cheek(params.kernel);
    const std::vector<HealStepPlan> plans = first_steps(start, params, 6);
    TissueState cpu = start;
    for (const auto& plan : plans) heal_step(cpu, params.kernel, plan);
    const TissueState gpu_state = heal_on_gpu(start, params.kernel, plans);
    ASSERT_NE(cpu.field(Field::Signal), start.field(Field::Signal));
    for (int f = 0; f < kFieldCount; ++f)
        EXPECT_LE(max_relative_difference(gpu_state.fields[f], cpu.fields[f], kRelativeFloor), kAllowedRelative)
            << kFieldKeys[f];
}

// The reaction outside the dermis reads and writes only the fields that change there, where the dermis's own
// fields are zero outside it (every state the model makes). It must give what the whole reaction gives, to the
// bit: the same state with one voxel of redness in the epidermis (nothing but the summary reads it there) takes
// the whole reaction, which fades it, and every other value must come out the same. On the CI grid (four voxels a texel) and on
// 45 x 47 columns (one voxel a texel, an odd voxel count), with serum on the skin so it changes outside the
// dermis too.
TEST_F(HealPassTest, ReactionOutsideTheDermisGivesWhatTheWholeReactionGives) {
    const HealParameters params = test::source_catalog().heal;
    for (const TissueState& start : {treated_cheek(params.kernel), narrow_treated_cheek(params.kernel)}) {
        SCOPED_TRACE("grid " + std::to_string(start.grid.nx) + " columns");
        std::vector<HealStepPlan> plans = first_steps(start, params, 6);
        for (HealStepPlan& plan : plans) plan.diffuse_serum = true, plan.serum_surface = 1.0f;
        TissueState marked = start;
        const std::size_t mark = marked.grid.index(5, 5, 1);
        ASSERT_FALSE(kernel::heal_is_dermis(static_cast<int>(marked.grid.layer_at(1))));
        marked.field(Field::Erythema)[mark] = 0.5f;
        {  // a -0 is not left alone: the whole reaction writes +0 there
            TissueState signed_zero = start;
            signed_zero.field(Field::Collagen3)[mark] = -0.0f;
            TissueVolumeGpu volume(gpu(), start.grid);
            volume.upload(start);
            EXPECT_TRUE(volume.dermis_fields_confined());
            volume.upload(signed_zero);
            EXPECT_FALSE(volume.dermis_fields_confined());
        }
        bool apart = false, marked_apart = true;
        const TissueState split = heal_on_gpu(start, params.kernel, plans, {}, &apart);
        const TissueState whole = heal_on_gpu(marked, params.kernel, plans, {}, &marked_apart);
        ASSERT_TRUE(apart);
        ASSERT_FALSE(marked_apart);
        ASSERT_NE(split.field(Field::Serum), start.field(Field::Serum));
        EXPECT_LT(whole.field(Field::Erythema)[mark], 0.49f) << "the whole reaction left the marked voxel alone";
        for (int f = 0; f < kFieldCount; ++f) {
            std::vector<float> expected = whole.fields[f];
            if (static_cast<Field>(f) == Field::Erythema) expected[mark] = split.fields[f][mark];
            EXPECT_EQ(std::memcmp(split.fields[f].data(), expected.data(), expected.size() * sizeof(float)), 0)
                << kFieldKeys[f];
        }
    }
}

TEST_F(HealPassTest, TwoGpuRunsAreBitIdentical) {
    const HealParameters params = test::source_catalog().heal;
    const TissueState start = treated_cheek(params.kernel);
    const std::vector<HealStepPlan> plans = first_steps(start, params, 6);
    const TissueState a = heal_on_gpu(start, params.kernel, plans);
    const TissueState b = heal_on_gpu(start, params.kernel, plans);
    for (int f = 0; f < kFieldCount; ++f)
        EXPECT_EQ(std::memcmp(a.fields[f].data(), b.fields[f].data(), a.fields[f].size() * sizeof(float)), 0)
            << kFieldKeys[f];
}

// Maxima are exact whatever the order of the reduction: the same state gives the same summary, bit for bit.
// `exact`: the activation too, which the GPU computes from the largest density. The maxima are the fields' own
// values, alike on any driver; the activation is a ratio, which a GPU may divide with Vulkan's precision (2.5
// units in the last place) instead of IEEE's.
void expect_same_summary(const StateSummary& a, const StateSummary& b, bool exact = true) {
    EXPECT_EQ(a.open, b.open);
    EXPECT_EQ(a.blood, b.blood);
    EXPECT_EQ(a.signal, b.signal);
    EXPECT_EQ(a.erythema, b.erythema);
    if (exact) {
        EXPECT_EQ(a.activation, b.activation);
    } else {
        EXPECT_NEAR(a.activation, b.activation, 8 * std::numeric_limits<float>::epsilon() * std::abs(b.activation));
    }
    EXPECT_EQ(a.serum, b.serum);
}

// On the CI grid, and on a grid of 45 x 47 columns, whose voxel count is odd and whose largest serum sits in
// its very last voxel (the reduction's strides must reach it).
TEST_F(HealPassTest, SummaryMatchesTheCpuSummary) {
    const HealParameters params = test::source_catalog().heal;
    TissueState ci = treated_cheek(params.kernel);
    ci.field(Field::Fibroblasts)[ci.grid.index(3, 4, 40)] = 0.9f;  // activation in the dermis
    ci.field(Field::Serum)[ci.grid.index(7, 1, 2)] = 0.25f;
    ci.field(Field::Erythema)[ci.grid.index(1, 1, 6)] = 0.5f;
    TissueState narrow = narrow_treated_cheek(params.kernel);
    narrow.field(Field::Fibroblasts)[narrow.grid.index(3, 4, 40)] = 0.9f;
    narrow.field(Field::Serum).back() = 0.25f;
    ASSERT_EQ(narrow.grid.voxel_count() % 4, 1u);
    for (const TissueState* s : {&ci, &narrow}) {
        TissueVolumeGpu volume(gpu(), s->grid);
        volume.upload(*s);
        HealPass pass(gpu(), volume, params.kernel);
        const StateSummary g = pass.summarize(), c = summarize(*s, params.kernel);
        EXPECT_GT(c.open, 0.0f);
        EXPECT_GT(c.activation, 0.0f);
        EXPECT_EQ(c.serum, 0.25f);
        expect_same_summary(g, c, float_math_as_cpu());
    }
}

// A step that takes the summary of what it leaves (the reaction for the fields it finishes, the last line solves
// for the fibroblasts and the serum) gives exactly what the summary pass gives afterwards, whichever fields the
// plan diffuses; on the CI grid (depth lines in quads) and on 45 x 47 columns (one line an invocation, an odd
// voxel count). The point sources of fibroblasts and serum are spread by a 12 h step, so a maximum taken before
// their line solves would be too high. Each grid once as the model leaves it (the reaction outside the dermis
// taken apart), once with fibroblasts in the epidermis (the whole reaction), where the summary counts none: a
// maximum over the wrong depths would take them.
TEST_F(HealPassTest, StepTakesTheSummaryOfWhatItLeaves) {
    const HealParameters params = test::source_catalog().heal;
    TissueState ci = treated_cheek(params.kernel), narrow = narrow_treated_cheek(params.kernel);
    for (TissueState* s : {&ci, &narrow}) {
        s->field(Field::Fibroblasts)[s->grid.index(3, 4, 40)] = 0.9f;
        s->field(Field::Serum)[s->grid.index(7, 1, 2)] = 0.25f;
        ASSERT_FALSE(kernel::heal_is_dermis(static_cast<int>(s->grid.layer_at(1))));
    }
    TissueState ci_epidermal = ci, narrow_epidermal = narrow;
    for (TissueState* s : {&ci_epidermal, &narrow_epidermal})
        s->field(Field::Fibroblasts)[s->grid.index(5, 5, 1)] = 0.95f;
    for (const TissueState* s : {&ci, &narrow, &ci_epidermal, &narrow_epidermal}) {
        for (int variant = 0; variant < 4; ++variant) {
            HealStepPlan plan;
            plan.dt_s = 12 * 3600.0;
            plan.diffuse_signal = true;
            plan.diffuse_fibroblasts = variant == 0 || variant == 2;
            plan.diffuse_serum = variant == 0 || variant == 3;
            plan.serum_surface = variant == 0 ? 1.0f : 0.0f;
            SCOPED_TRACE("grid " + std::to_string(s->grid.nx) + " columns, variant " + std::to_string(variant));
            TissueVolumeGpu volume(gpu(), s->grid);
            volume.upload(*s);
            HealPass pass(gpu(), volume, params.kernel);
            EXPECT_EQ(pass.reacts_outside_dermis_apart(), s == &ci || s == &narrow);
            vk::OneShotCommands(gpu()).run([&](VkCommandBuffer cmd) { pass.record_step_with_summary(cmd, plan); });
            const StateSummary taken = pass.read_summary(), after = pass.summarize();
            EXPECT_GT(after.activation, 0.0f);
            EXPECT_GT(after.serum, 0.0f);
            EXPECT_GT(after.erythema, 0.0f);
            expect_same_summary(taken, after);
        }
    }
}

// The y and depth lines one an invocation (as a GPU may want them) give what four neighbours an invocation give,
// bit for bit: the same arithmetic in the same order.
TEST_F(HealPassTest, LinesOneAtATimeGiveWhatLinesInQuadsGive) {
    const HealParameters params = test::source_catalog().heal;
    const TissueState start = treated_cheek(params.kernel);
    ASSERT_EQ(start.grid.nx % 4, 0) << "the CI grid's lines go four at a time by default";
    const std::vector<HealStepPlan> plans = first_steps(start, params, 4);
    const TissueState quads = heal_on_gpu(start, params.kernel, plans);
    const TissueState single =
        heal_on_gpu(start, params.kernel, plans, {}, nullptr, HealPass::Lines::Single);
    for (int f = 0; f < kFieldCount; ++f) EXPECT_EQ(single.fields[f], quads.fields[f]) << kFieldKeys[f];
    EXPECT_NE(quads.field(Field::Serum), start.field(Field::Serum)) << "the serum's lines should have run";
}

TEST_F(HealPassTest, BadStepIsAnError) {
    const HealParameters params = test::source_catalog().heal;
    const TissueState s = treated_cheek(params.kernel);
    TissueVolumeGpu volume(gpu(), s.grid);
    HealPass pass(gpu(), volume, params.kernel);
    HealStepPlan plan;
    plan.dt_s = std::nan("");
    EXPECT_THROW(pass.run_step(plan), Error);
    plan.dt_s = 60;
    plan.serum_surface = 2;
    EXPECT_THROW(pass.run_step(plan), Error);
}

TEST_F(HealPassTest, BenchReportsConsistentFigures) {
    HealBenchOptions options;
    options.gpu_steps = 2;
    options.cpu_steps = 1;
    options.copy_mib = 8;
    options.copy_repeats = 2;
    options.run_days = 0;
    const HealBenchResult r = run_heal_bench(gpu(), test::source_catalog(), options);
    EXPECT_EQ(r.voxels, untreated_cheek(test::source_catalog().heal.kernel).grid.voxel_count());
    EXPECT_GT(r.gpu_voxel_steps_per_s, 0);
    EXPECT_GT(r.cpu_voxel_steps_per_s, 0);
    EXPECT_GT(r.copy_transfer_gb_s, 0);
    EXPECT_GT(r.copy_shader_gb_s, 0);
    EXPECT_EQ(r.copy_gb_s, std::max(r.copy_transfer_gb_s, r.copy_shader_gb_s)) << "the faster copy is the ceiling";
    EXPECT_NEAR(r.gpu_step_gb_s, r.gpu_voxel_steps_per_s * r.bytes_per_voxel_step / 1e9, 1e-9 * r.gpu_step_gb_s);
    EXPECT_NEAR(r.fraction_of_copy, r.gpu_step_gb_s / r.copy_gb_s, 1e-12);
    EXPECT_EQ(r.diffusing_fields, 3) << "the bench times the heaviest step: every field line-solved";
    EXPECT_DOUBLE_EQ(r.gpu_field_voxel_updates_per_s, 3 * r.gpu_voxel_steps_per_s);
    // The fibroblasts' lines are solved in the cheek's dermis only: fewer solved than whole fields.
    const TissueGrid grid = untreated_cheek(test::source_catalog().heal.kernel).grid;
    const double dermis = diffusing_fraction(grid, kernel::HEAL_DIFFUSE_FIBROBLASTS);
    EXPECT_GT(dermis, 0.3);
    EXPECT_LT(dermis, 0.9);
    EXPECT_NEAR(r.gpu_solved_field_voxel_updates_per_s, (2 + dermis) * r.gpu_voxel_steps_per_s,
                1e-12 * r.gpu_field_voxel_updates_per_s);
    // The reaction (12 fields in and out in the dermis, 4 outside) plus three line-solved fields, the serum also
    // reading the open fraction.
    HealStepPlan all;
    all.diffuse_signal = all.diffuse_fibroblasts = all.diffuse_serum = true;
    HealStepPlan react_only = all;
    react_only.diffuse_signal = react_only.diffuse_fibroblasts = react_only.diffuse_serum = false;
    EXPECT_EQ(r.bytes_per_voxel_step, HealPass::bytes_per_voxel(all, grid));
    // 12 fields in and out in the dermis, 4 outside it; the signal copied (in, out) before its solves and read
    // again by the reaction.
    const double reaction = 4.0 * (2 * (12 * dermis + 4 * (1 - dermis)) + 3);
    EXPECT_DOUBLE_EQ(HealPass::bytes_per_voxel(react_only, grid), reaction);
    // Each field's three axes from the elimination table move 3 x 16 bytes a voxel, the fibroblasts' in the
    // dermis only; the signal's x lines also read the open channels and the blood.
    HealStepPlan fibroblasts_only = react_only;
    fibroblasts_only.diffuse_fibroblasts = true;
    EXPECT_DOUBLE_EQ(HealPass::bytes_per_voxel(fibroblasts_only, grid), reaction + 48.0 * dermis);
    const nlohmann::json j = to_json(r);
    EXPECT_EQ(j.at("voxels").get<std::size_t>(), r.voxels);
    EXPECT_DOUBLE_EQ(j.at("heal_step").at("gpu_voxel_steps_per_s").get<double>(), r.gpu_voxel_steps_per_s);
    EXPECT_TRUE(j.at("single_session_run").contains("gpu_wall_s"));
    EXPECT_TRUE(j.at("protocol").contains("gpu_wall_s"));
    EXPECT_DOUBLE_EQ(j.at("heal_step").at("gpu_field_voxel_updates_per_s").get<double>(),
                     r.gpu_field_voxel_updates_per_s);
    // Where the step's time goes: every phase was timed.
    EXPECT_GT(r.reaction_ms, 0);
    const auto& phases = j.at("heal_step").at("phase_ms");
    EXPECT_DOUBLE_EQ(phases.at("reaction").get<double>(), r.reaction_ms);
    EXPECT_DOUBLE_EQ(phases.at("serum_line_solves").get<double>(), r.line_solve_ms[2]);
    // The summary a step takes is a difference of two timings, within the noise of a shared machine (>= 0);
    // the summary pass of its own was timed.
    EXPECT_GE(r.summary_ms, 0);
    EXPECT_GT(r.summary_pass_ms, 0);
    EXPECT_DOUBLE_EQ(phases.at("summary").get<double>(), r.summary_ms);
    EXPECT_DOUBLE_EQ(phases.at("summary_pass").get<double>(), r.summary_pass_ms);
    // The observers' tallies were timed, each as a pass of its own.
    EXPECT_GT(r.tally_ms, 0);
    EXPECT_GT(r.full_tally_ms, 0);
    EXPECT_DOUBLE_EQ(phases.at("tally_pass").get<double>(), r.tally_ms);
    EXPECT_DOUBLE_EQ(phases.at("full_tally_pass").get<double>(), r.full_tally_ms);
}

TEST_F(HealPassTest, BenchRejectsBadOptions) {
    HealBenchOptions options;
    options.gpu_steps = 0;
    EXPECT_THROW(run_heal_bench(gpu(), test::source_catalog(), options), Error);
}

// The full bench on the CI preset (slow: a 180-day run on GPU and CPU). Run with --gtest_also_run_disabled_tests.
TEST_F(HealPassTest, DISABLED_FullBenchOnTheCiPreset) {
    HealBenchOptions options;
    options.protocol_sessions = 5;  // as `dermasim bench` by default
    std::printf("%s\n", to_json(run_heal_bench(gpu(), test::source_catalog(), options)).dump(2).c_str());
}

}  // namespace
}  // namespace dermasim::test
