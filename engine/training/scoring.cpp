#include "engine/training/scoring.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "engine/core/error.hpp"
#include "engine/skin/region_profile.hpp"
#include "engine/tools/puncture_stats.hpp"
#include "engine/training/feedback.hpp"

// The scoring curves below are estimated: they turn a measurement into 0..100 so that the protocol's target
// scores 100 and a clear mistake scores near 0. Their targets (needle range, density, pressure limit, deepest
// layer, numbing wait) come from the lesson, whose values cite REFERENCE.md.
namespace dermasim {
namespace {

using Measured = std::pair<double, std::string>;  // score, what was measured
std::string format(const char* f, auto... args) {
    char line[320];
    std::snprintf(line, sizeof line, f, args...);
    return line;
}
double clamp100(double x) { return std::clamp(x, 0.0, 100.0); }

std::string join(const std::vector<std::string>& ids) {
    std::string s;
    for (const auto& id : ids) s += (s.empty() ? "" : ", ") + id;
    return s.empty() ? "none" : s;
}

// Treated: needles went into the treatment area. Passes that leave no puncture in it (rolled beside the patch)
// treat nothing, and must not score as a treatment.
bool treated(const TrainingOutcome& o) { return !o.script.strokes.empty() && !o.punctures.empty(); }

CriterionScore no_treatment(const char* tip);

CriterionScore skipped(std::string what) {
    CriterionScore c;
    c.score = 0;
    c.measured = "skipped: " + std::move(what);
    return c;
}

CriterionScore screening(const TrainingOutcome& o) {
    const Lesson& l = o.lesson;
    const auto& a = o.answers;
    if (!a.proceed || !a.contraindications) {
        auto c = skipped("no screening answers");
        c.tip = "Screen every client against the contraindication list before anything else.";
        return c;
    }
    CriterionScore c;
    const std::set<std::string> truth(l.contraindications.begin(), l.contraindications.end());
    const std::set<std::string> named(a.contraindications->begin(), a.contraindications->end());
    int found = 0, wrong = 0;
    for (const auto& id : named) (truth.count(id) ? found : wrong)++;
    const int missed = int(truth.size()) - found;
    // Passes made and then the client "turned away" (the flow's Back leads to screening) is a treatment.
    const bool went_ahead = *a.proceed || treated(o);
    c.measured = format("%s; named: %s; this client has: %s",
                        *a.proceed ? "proceeded" : went_ahead ? "treated, then turned the client away"
                                                              : "turned the client away",
                        join(*a.contraindications).c_str(), join(l.contraindications).c_str());
    if (went_ahead != l.should_treat()) {
        c.score = 0;
        c.tip = l.should_treat() ? "Nothing in this history rules treatment out: read it again before refusing."
                                 : "This client has a contraindication: turn them away and say why.";
        return c;
    }
    const int denominator = found + missed + wrong;
    c.score = denominator == 0 ? 100 : 100.0 * found / denominator;
    c.tip = missed ? "You missed a contraindication in the history: go through the list line by line."
            : wrong ? "You named something the history does not show: flag only what is there."
                    : "Good screening: keep reading every line of the intake form.";
    return c;
}

CriterionScore needle_choice(const TrainingOutcome& o) {
    if (!treated(o)) return no_treatment("Pick the needle from the chart's range for the region and indication.");
    const Protocol& p = o.lesson.protocol;
    CriterionScore c;
    const double mm = o.script.needle_mm;
    const bool device_ok = std::find(p.devices.begin(), p.devices.end(), o.script.device) != p.devices.end();
    const double off = mm < p.needle_mm.min ? p.needle_mm.min - mm : mm > p.needle_mm.max ? mm - p.needle_mm.max : 0;
    // Outside the chart's range fails the criterion (under 50, as the live "too long" warning says); half a
    // millimetre outside is a different treatment and scores 0 (estimated).
    c.score = clamp100((off > 1e-4 ? 50.0 - 100.0 * off : 100.0) - (device_ok ? 0 : 50));  // 1e-4: float lengths
    c.measured = format("%s %.2f mm; this lesson: %.2f-%.2f mm", std::string(device_key(o.script.device)).c_str(), mm,
                        p.needle_mm.min, p.needle_mm.max);
    c.tip = !device_ok ? "This region calls for another device: see the device step."
            : mm > p.needle_mm.max ? "Too long for this region and indication: pick from the chart's range."
            : mm < p.needle_mm.min ? "Too short to reach the layer this indication needs."
                                   : "Right needle for the region and indication.";
    return c;
}

CriterionScore numbing(const TrainingOutcome& o) {
    if (!treated(o)) return no_treatment("Decide on numbing: needles over 0.25 mm need it, shorter ones do not.");
    const Range& wait = o.lesson.protocol.numbing_minutes;
    const bool needed = o.script.needle_mm > kNumbingFreeNeedleMm;
    if (!o.answers.numbing_minutes) {
        auto c = skipped(needed ? "numbing not decided (needed for this needle)" : "numbing not decided");
        c.tip = "Decide on numbing: needles over 0.25 mm need it, shorter ones do not.";
        return c;
    }
    const double m = *o.answers.numbing_minutes;
    CriterionScore c;
    c.measured = format("%.0f min of numbing cream; %s", m,
                        needed ? format("needed for %.2f mm: %.0f-%.0f min", o.script.needle_mm, wait.min, wait.max).c_str()
                               : "not needed at 0.25 mm or shorter");
    if (!needed) {
        c.score = m == 0 ? 100 : 70;  // harmless but needless anaesthetic exposure
        c.tip = m == 0 ? "Right: short needles need no numbing." : "Needles of 0.25 mm or shorter need no numbing.";
    } else if (m < wait.min) {
        c.score = clamp100(100.0 * m / wait.min);
        c.tip = "Let the cream work its full time, or the client feels the needles.";
    } else if (m > wait.max) {
        // Anaesthetic toxicity grows with contact time (Sobanko 2012): lose 2 points a minute past the window.
        c.score = clamp100(100.0 - 2.0 * (m - wait.max));
        c.tip = "Remove the cream once it has worked: longer contact raises toxicity risk.";
    } else {
        c.score = 100;
        c.tip = "Right wait for the cream.";
    }
    return c;
}

CriterionScore no_treatment(const char* tip) {
    auto c = skipped("no pass treated the area");
    c.tip = tip;
    return c;
}

CriterionScore coverage(const TrainingOutcome& o, const CoverageGrid& g) {
    if (!treated(o)) return no_treatment("Cover the whole treatment area evenly.");
    CriterionScore c;
    // CV of 0.25 over 2 mm cells is as even as lifted, overlapping passes get; 1.0 is patchy (estimated).
    c.score = clamp100(100.0 * (1.0 - std::clamp((g.cv - 0.25) / 0.75, 0.0, 1.0)) * (1.0 - g.gap_share));
    c.measured = format("variation %.0f %% between 2 mm cells; %.0f %% gaps, %.0f %% over-treated", 100 * g.cv,
                        100 * g.gap_share, 100 * g.over_share);
    c.tip = g.gap_share > 0.05 ? "Gaps show on the heatmap: overlap your passes by a third."
            : g.cv > 0.5      ? "Uneven: keep the same speed and overlap on every pass."
                              : "Even coverage.";
    return c;
}

CriterionScore density(const TrainingOutcome& o, const CoverageGrid& g) {
    if (!treated(o)) return no_treatment("Make the passes the protocol asks for.");
    const Range& t = g.target;
    CriterionScore c;
    c.score = g.mean < t.min ? clamp100(100.0 * g.mean / t.min) : g.mean > t.max ? clamp100(100.0 * t.max / g.mean) : 100;
    c.measured = format("%.0f punctures/cm2; target %.0f-%.0f", g.mean, t.min, t.max);
    c.tip = g.mean < t.min ? "Too sparse: add passes." : g.mean > t.max ? "Too dense: fewer passes, or move faster."
                                                                     : "Density in the target range.";
    return c;
}

CriterionScore directions(const TrainingOutcome& o) {
    if (!treated(o)) return no_treatment("Roll horizontally, vertically and diagonally, lifting in between.");
    const auto done = directions_done(o.script);
    const RequiredDirections required = required_directions(done);
    const int n = required.count();
    CriterionScore c;
    c.score = 100.0 * n / 3.0;
    std::string which;
    for (int d = 0; d < 4; ++d)
        if (done[d]) which += (which.empty() ? "" : ", ") + format("%s %d", std::string(kPassDirectionNames[d]).c_str(), done[d]);
    c.measured = format("%d of 3 directions (strokes: %s)", n, which.empty() ? "none" : which.c_str());
    c.tip = n < 3 ? "Add " + required.missing() + " passes: horizontal, vertical and diagonal passes cross-hatch the skin."
                  : "All three directions.";
    return c;
}

CriterionScore pressure(const TrainingOutcome& o) {
    if (!treated(o)) return no_treatment("Keep a light, steady pressure.");
    const double limit = o.lesson.protocol.pressure_max;
    const PressureSummary s = pressure_summary(o.script, limit);
    CriterionScore c;
    // Heavy samples lose their share; a wobble beyond sd 0.08 loses 2.5 points per 0.01 (estimated).
    c.score = clamp100(100.0 * (1.0 - s.heavy_share) - 250.0 * std::max(0.0, s.sd - 0.08));
    c.measured = format("mean %.2f, sd %.2f; %.0f %% of the time above %.2f", s.mean, s.sd, 100 * s.heavy_share, limit);
    c.tip = s.heavy_share > kHeavyPressureShare ? (o.lesson.protocol.thin_skin_over_bone
                                      ? "Too heavy over thin skin on bone: tram-track risk. Let the needles do the work."
                                      : "Too heavy: the skin tents less and channels go deeper than planned.")
            : s.sd > 0.08 ? "Keep the pressure steady from pass to pass."
                          : "Steady, light pressure.";
    return c;
}

CriterionScore depth_safety(const TrainingOutcome& o) {
    if (!treated(o)) return no_treatment("Keep every channel above the lesson's deepest layer.");
    const Layer limit = o.lesson.protocol.deepest_layer;
    size_t too_deep = 0;
    double deepest = 0;
    for (const Puncture& p : o.punctures) {
        too_deep += deepest_layer_reached(o.region, p.depth_mm) > limit;
        deepest = std::max(deepest, double(p.depth_mm));
    }
    const double share = o.punctures.empty() ? 0 : double(too_deep) / o.punctures.size();
    CriterionScore c;
    // Every channel past the limit is a risk: half of them past it scores 0 (estimated).
    c.score = clamp100(100.0 * (1.0 - 2.0 * share));
    c.measured = format("%.0f %% of channels below the %s (deepest %.0f \xC2\xB5m, it ends at %.0f \xC2\xB5m)", 100 * share,
                        std::string(layer_name(limit)).c_str(), 1000 * deepest, 1000 * o.region.bottom_of_mm(limit));
    c.tip = share > 0 ? "Channels went deeper than this skin allows: shorter needle, lighter pressure."
                      : "Every channel stayed within safe depth.";
    return c;
}

CriterionScore aftercare(const TrainingOutcome& o) {
    if (!o.answers.aftercare) {
        auto c = skipped("no aftercare advice given");
        c.tip = "Always send the client home with aftercare advice.";
        return c;
    }
    int correct_total = 0, right = 0, wrong = 0;
    std::vector<std::string> missed;
    for (const AdviceChoice& a : o.lesson.aftercare) {
        const bool chosen = std::find(o.answers.aftercare->begin(), o.answers.aftercare->end(), a.id) !=
                            o.answers.aftercare->end();
        correct_total += a.correct;
        right += a.correct && chosen;
        wrong += !a.correct && chosen;
        if (a.correct && !chosen) missed.push_back(a.id);
    }
    CriterionScore c;
    c.score = clamp100(100.0 * (right - wrong) / std::max(1, correct_total));
    c.measured = format("%d of %d right pieces of advice, %d wrong; missed: %s", right, correct_total, wrong,
                        join(missed).c_str());
    c.tip = wrong ? "Some advice given harms fresh channels: check the aftercare explanation."
            : !missed.empty() ? "Advice missing: go through the aftercare list with the client."
                              : "Complete aftercare advice.";
    return c;
}

}  // namespace

const CriterionScore& TrainingScore::criterion(std::string_view id) const {
    for (const auto& c : criteria)
        if (c.id == id) return c;
    throw Error("no criterion '" + std::string(id) + "' in the score");
}

TrainingScore score_training(const Rubric& rubric, const TrainingOutcome& o) {
    const CoverageGrid grid = coverage_grid(o.punctures, o.area, o.lesson.protocol.density_per_cm2(o.script.device));
    // A client turned away is not treated: the session is scored on screening alone (rightly or wrongly).
    const bool turned_away = o.answers.proceed == false && !treated(o);
    std::map<std::string, CriterionScore> by_id = {
        {"screening", screening(o)},       {"needle_choice", needle_choice(o)},
        {"numbing", numbing(o)},           {"coverage_uniformity", coverage(o, grid)},
        {"density", density(o, grid)},     {"directions", directions(o)},
        {"pressure_consistency", pressure(o)}, {"depth_safety", depth_safety(o)},
        {"aftercare", aftercare(o)}};
    TrainingScore score;
    double sum = 0, weights = 0;
    bool critical_failed = false, any_failed = false;
    for (const RubricCriterion& r : rubric.criteria) {
        CriterionScore c = by_id.at(r.id);
        c.id = r.id;
        c.title = r.title;
        c.weight = r.weight;
        c.critical = r.critical;
        if (turned_away && r.id != "screening") {
            c.applicable = false;
            c.measured = "not applicable: the client was turned away";
            c.tip = "";
        }
        if (c.applicable && c.weight > 0) {  // weight 0 leaves a criterion out of the score (rubric.cpp)
            sum += c.weight * c.score;
            weights += c.weight;
            critical_failed = critical_failed || (c.critical && c.score < rubric.critical_fail_below);
            any_failed = any_failed || c.score < rubric.every_criterion_at_least;
        }
        score.criteria.push_back(std::move(c));
    }
    score.overall = weights > 0 ? sum / weights : 0;
    if (critical_failed && score.overall > rubric.critical_cap) {
        score.overall = rubric.critical_cap;
        score.capped = true;
    }
    // A pass is a treatment good on every count: a high mean must not hide a sparse or patchy one.
    score.passed = score.overall >= rubric.pass_mark && !any_failed;
    return score;
}

nlohmann::json to_json(const TrainingScore& s) {
    nlohmann::json criteria = nlohmann::json::object();
    for (const auto& c : s.criteria)
        criteria[c.id] = {{"title", c.title},           {"score", c.score},     {"weight", c.weight},
                          {"critical", c.critical},     {"applicable", c.applicable},
                          {"measured", c.measured},     {"tip", c.tip}};
    return {{"overall", s.overall}, {"passed", s.passed}, {"capped", s.capped}, {"criteria", criteria}};
}

}  // namespace dermasim
