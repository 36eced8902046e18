#pragma once
// Scripted training sessions for the tests: an expert's and a careless trainee's, built from the same plan
// generator the headless commands use, scored the way 'dermasim score' scores them.
#include <algorithm>

#include "../common/source_catalog.hpp"
#include "engine/tools/treatment_plan.hpp"
#include "engine/training/feedback.hpp"
#include "engine/training/lesson.hpp"
#include "engine/training/scoring.hpp"

namespace dermasim::test {

inline const std::vector<Lesson>& lessons() {
    static const std::vector<Lesson> all = load_lessons(source_asset("lessons"), source_catalog().regions);
    return all;
}
inline const Rubric& rubric() {
    static const Rubric r = load_rubric(source_asset("training/rubric.json"));
    return r;
}

inline StrokeScript plan(DeviceKind device, float needle_mm, int passes, float pressure) {
    TreatmentPlanOptions o;
    o.device = device;
    o.needle_mm = needle_mm;
    o.passes = passes;
    o.pressure = pressure;
    return make_treatment_plan(o, source_catalog().roller, source_catalog().pen);
}

// `passes` horizontal passes of the roller across the whole patch, each a little lower than the last (a hand
// never retraces a line), rolled at the calm speed and lifted in between: all in one direction.
inline StrokeScript one_direction(float needle_mm, int passes, float pressure) {
    StrokeScript out;
    out.needle_mm = needle_mm;
    out.pressure = pressure;
    double t = 0;
    for (int k = 0; k < passes; ++k) {
        const float y = 10.0f + (float(k) - 0.5f * float(passes - 1)) * 0.15f;
        const double duration = 24.0 / kRollerSpeedMmS;
        out.strokes.push_back(Stroke{{{t, {-2.0f, y}, pressure}, {t + duration, {22.0f, y}, pressure}}});
        t += duration + kLiftSeconds;
    }
    return out;
}

// Numbing only where the needle needs it (over 0.25 mm, REFERENCE.md §7): the lesson's shortest needle by default.
inline TrainingAnswers expert_answers(const Lesson& lesson, double needle_mm = -1) {
    if (needle_mm < 0) needle_mm = lesson.protocol.needle_mm.min;
    TrainingAnswers a;
    a.trainee = "expert";
    a.proceed = lesson.should_treat();
    a.contraindications = lesson.contraindications;
    a.numbing_minutes = needle_mm > kNumbingFreeNeedleMm ? 45 : 0;
    a.skin_prepared = true;
    a.serum = "hyaluronic_acid";
    std::vector<std::string> advice;
    for (const auto& c : lesson.aftercare)
        if (c.correct) advice.push_back(c.id);
    a.aftercare = advice;
    return a;
}

inline TrainingScore score(const Lesson& lesson, const StrokeScript& script, const TrainingAnswers& answers,
                           PunctureList* punctures_out = nullptr) {
    const Catalog& catalog = source_catalog();
    const RegionProfile& region = catalog.regions.find(lesson.client.region);
    const PunctureList punctures = script.strokes.empty() ? PunctureList{}
                                   : run_stroke_script(script, region, roller_for(script, catalog.roller),
                                                       pen_for(script, catalog.pen));
    if (punctures_out) *punctures_out = punctures;
    return score_training(rubric(), {lesson, region, script, punctures, answers});
}

}  // namespace dermasim::test
