// The whole treatment on the GPU passes against the same treatment on their CPU twins (run_treatment with and
// without a Vulkan context): what a user reads in the report must not depend on --cpu.
#include <algorithm>
#include <cmath>
#include "engine/sim/treatment_sim.hpp"
#include "engine/skin/region_profile.hpp"
#include "engine/tools/treatment_plan.hpp"
#include "tests/gpu/gpu_test.hpp"
#include "tests/common/source_catalog.hpp"

namespace dermasim::test {
namespace {

// A short light treatment of the cheek: 0.5 mm roller, 4 passes, 3 days of healing.
TreatmentRequest short_treatment() {
    TreatmentPlanOptions plan;
    plan.needle_mm = 0.5f;
    plan.passes = 4;
    TreatmentRequest request;
    request.region = test::source_catalog().regions.find("cheek");
    request.script = make_treatment_plan(plan);
    request.quality = Quality::Ci;
    request.days = 3;
    return request;
}

// |a - b| relative to |b|, with a floor so values that have decayed to almost nothing compare absolutely.
double relative_difference(double a, double b, double floor) {
    return std::abs(a - b) / std::max(std::abs(b), floor);
}

// Tolerances: the heal shader's exp() (lavapipe's) and libm's differ in the last bits, and the timeline's
// adaptive steps then drift a little apart; 2 % on event times and 1 % on the curves is well inside what a
// reader of the report could tell apart, and far below any effect of the model's inputs.
constexpr double kTimeTolerance = 0.02;
constexpr double kCurveTolerance = 0.01;

class TreatmentGpu : public GpuTest {};

TEST_F(TreatmentGpu, GpuPassesGiveTheCpuTwinsReport) {
    const TreatmentRequest request = short_treatment();
    const TreatmentResult on_gpu = run_treatment(test::source_catalog(), request, {}, &gpu());
    const TreatmentResult on_cpu = run_treatment(test::source_catalog(), request);

    // Punctures come from the same kinematics: the stats are identical.
    ASSERT_GT(on_cpu.stats.count, 0u);
    EXPECT_EQ(on_gpu.stats.count, on_cpu.stats.count);
    EXPECT_EQ(on_gpu.stats.density_per_cm2, on_cpu.stats.density_per_cm2);
    EXPECT_EQ(on_gpu.stats.density_cv, on_cpu.stats.density_cv);
    EXPECT_EQ(on_gpu.stats.depth_um.mean, on_cpu.stats.depth_um.mean);
    EXPECT_EQ(on_gpu.stats.depth_um.p95, on_cpu.stats.depth_um.p95);
    EXPECT_EQ(on_gpu.stats.depth_um.max, on_cpu.stats.depth_um.max);
    EXPECT_EQ(on_gpu.stats.deepest_layer, on_cpu.stats.deepest_layer);
    EXPECT_EQ(on_gpu.stats.bleeding_points, on_cpu.stats.bleeding_points);

    ASSERT_TRUE(on_gpu.healing && on_cpu.healing);
    const HealingMetrics &g = *on_gpu.healing, &c = *on_cpu.healing;
    ASSERT_GT(c.channel_closure_h, 0.0);
    ASSERT_GT(c.erythema_peak_h, 0.0);
    EXPECT_LT(relative_difference(g.channel_closure_h, c.channel_closure_h, 0.1), kTimeTolerance)
        << "closure " << g.channel_closure_h << " h on the GPU, " << c.channel_closure_h << " h on the CPU";
    EXPECT_LT(relative_difference(g.erythema_peak_h, c.erythema_peak_h, 0.1), kTimeTolerance)
        << "erythema peak " << g.erythema_peak_h << " h on the GPU, " << c.erythema_peak_h << " h on the CPU";

    ASSERT_EQ(g.curves.size(), c.curves.size());
    const HealingSample &ge = g.curves.back(), &ce = c.curves.back();
    EXPECT_EQ(ge.day, ce.day);
    // Floors (1e-4 % collagen, 1e-5 erythema) only keep a value that is ~0 from dividing by nothing; after 3 days
    // collagen I has changed by ~6e-4 % and collagen III by ~0.2 %, so every comparison here is relative.
    EXPECT_LT(relative_difference(ge.collagen_pct, ce.collagen_pct, 1e-4), kCurveTolerance)
        << ge.collagen_pct << " vs " << ce.collagen_pct;
    EXPECT_LT(relative_difference(ge.collagen_I_pct, ce.collagen_I_pct, 1e-4), kCurveTolerance)
        << ge.collagen_I_pct << " vs " << ce.collagen_I_pct;
    EXPECT_LT(relative_difference(ge.collagen_III_pct, ce.collagen_III_pct, 1e-4), kCurveTolerance)
        << ge.collagen_III_pct << " vs " << ce.collagen_III_pct;
    EXPECT_LT(relative_difference(ge.collagen_pct_papillary, ce.collagen_pct_papillary, 1e-4), kCurveTolerance)
        << ge.collagen_pct_papillary << " vs " << ce.collagen_pct_papillary;
    EXPECT_LT(relative_difference(ge.erythema, ce.erythema, 1e-5), kCurveTolerance)
        << ge.erythema << " vs " << ce.erythema;
    // And along the way: the erythema curve's peak sample.
    auto peak = [](const HealingMetrics& m) {
        double e = 0;
        for (const HealingSample& s : m.curves) e = std::max(e, s.erythema);
        return e;
    };
    EXPECT_LT(relative_difference(peak(g), peak(c), 1e-5), kCurveTolerance) << peak(g) << " vs " << peak(c);
}

}  // namespace
}  // namespace dermasim::test
