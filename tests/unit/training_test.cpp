// Training: lessons and the rubric as validated data, the live feedback's measurements, and the scoring of an
// expert and a careless session (each criterion scored from what happened, never from elapsed time).
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "engine/core/error.hpp"
#include "engine/io/json_file.hpp"
#include "engine/io/html_report.hpp"
#include "engine/training/history.hpp"
#include "engine/training/xapi.hpp"
#include "training_support.hpp"
#include "tests/common/scratch_folder.hpp"

namespace dermasim {
namespace {

using test::lessons;
using test::rubric;

const Lesson& lesson(std::string_view id) { return find_lesson(lessons(), id); }

std::string read(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::filesystem::path scratch(const std::string& name) {
    return test::scratch_root() / name;
}

TEST(Lessons, TheSixLessonsShipAndValidate) {
    std::set<std::string> ids;
    for (const auto& l : lessons()) ids.insert(l.id);
    for (const char* id : {"forehead-fine-lines", "periorbital-crepey-skin", "cheek-acne-scars", "neck-texture",
                           "abdomen-stretch-marks", "client-to-turn-away"})
        EXPECT_TRUE(ids.count(id)) << id;
    EXPECT_FALSE(lesson("client-to-turn-away").should_treat());
    EXPECT_TRUE(lesson("forehead-fine-lines").should_treat());
    for (const auto& l : lessons())
        for (const auto& step : l.steps) EXPECT_FALSE(step.explanation.empty()) << l.id;
    // Sorted beginner to advanced.
    EXPECT_EQ(lessons().front().level, "beginner");
    EXPECT_EQ(lessons().back().level, "advanced");
}

nlohmann::json lesson_json() { return read_json_file(test::source_asset("lessons/forehead-fine-lines.json")); }

void expect_refused(const nlohmann::json& doc, const std::string& text) {
    try {
        parse_lesson(doc, "bad.json", test::source_catalog().regions);
        ADD_FAILURE() << "accepted; expected an error with: " << text;
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find(text), std::string::npos) << e.what();
        EXPECT_EQ(std::string(e.what()).rfind("bad.json: ", 0), 0u) << e.what();
    }
}

TEST(Lessons, EveryProblemNamesTheFieldAndTheFile) {
    auto doc = lesson_json();
    doc["client"].erase("age");
    expect_refused(doc, "client.age is missing");
    doc = lesson_json();
    doc["contraindications"]["present"] = {"vampirism"};
    expect_refused(doc, "names 'vampirism', which is not in contraindications.vocabulary");
    doc = lesson_json();
    doc["protocol"]["needle_mm"] = {1.0, 0.5};
    expect_refused(doc, "protocol.needle_mm = [1, 0.5] is not an increasing range");
    doc = lesson_json();
    doc["protocol"]["devices"] = {"pen"};  // the lesson opens on the pen at 0.3 mm, which a pen cannot be set to
    doc["protocol"]["needle_mm"] = {0.3, 0.6};
    expect_refused(doc, "protocol.needle_mm (the shortest, on protocol.devices[0]): needle_mm = 0.3 is not a multiple of 0.25 mm");
    doc = lesson_json();
    doc["client"]["region"] = "elbow";
    expect_refused(doc, "client.region unknown region 'elbow'");
    doc = lesson_json();
    doc["protocol"]["deepest_layer"] = "bone";
    expect_refused(doc, "'bone' is not a layer");
    doc = lesson_json();
    doc["steps"].erase("aftercare");
    expect_refused(doc, "steps.aftercare is missing");
    doc = lesson_json();
    doc["version"] = 7;
    expect_refused(doc, "written for a newer DermaSim");
    doc = lesson_json();
    doc["colour"] = "blue";
    expect_refused(doc, "colour is not a known field");
}

TEST(Lessons, TruncatedFileIsRefusedAndLeftAsItIs) {
    const std::string text = read(test::source_asset("lessons/forehead-fine-lines.json"));
    const auto file = scratch("forehead-fine-lines.json");
    std::ofstream(file) << text.substr(0, text.size() / 2);
    const std::string before = read(file);
    try {
        load_lesson(file, test::source_catalog().regions);
        ADD_FAILURE() << "a truncated lesson loaded";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("not valid JSON, the file may be truncated"), std::string::npos) << e.what();
    }
    EXPECT_EQ(read(file), before);
}

TEST(Rubric, NamesEveryCriterionWithAWeight) {
    const Rubric& r = rubric();
    EXPECT_EQ(r.criteria.size(), std::size(kCriterionIds));
    auto doc = read_json_file(test::source_asset("training/rubric.json"));
    doc["criteria"].erase(doc["criteria"].begin());
    EXPECT_THROW(parse_rubric(doc, "rubric.json"), Error);
    doc = read_json_file(test::source_asset("training/rubric.json"));
    doc["criteria"][0]["id"] = "charm";
    try {
        parse_rubric(doc, "rubric.json");
        ADD_FAILURE();
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("'charm' is not a criterion DermaSim can score"), std::string::npos);
    }
}

TEST(Feedback, DirectionsAndDragsFromTheStrokes) {
    Stroke across{{{0, {0, 10}, 0.5f}, {1, {20, 10}, 0.5f}}};
    Stroke down{{{0, {10, 0}, 0.5f}, {1, {10, 20}, 0.5f}}};
    Stroke diagonal{{{0, {0, 0}, 0.5f}, {1, {20, 20}, 0.5f}}};
    Stroke back_and_forth{{{0, {0, 10}, 0.5f}, {1, {15, 10}, 0.5f}, {2, {2, 10}, 0.5f}}};
    EXPECT_EQ(pass_direction(across), PassDirection::Horizontal);
    EXPECT_EQ(pass_direction(down), PassDirection::Vertical);
    EXPECT_EQ(pass_direction(diagonal), PassDirection::Diagonal);
    EXPECT_FALSE(dragged_without_lifting(across, DeviceKind::Roller));
    EXPECT_TRUE(dragged_without_lifting(back_and_forth, DeviceKind::Roller));
    EXPECT_FALSE(dragged_without_lifting(back_and_forth, DeviceKind::Pen));  // a pen glides freely
    StrokeScript s;
    s.strokes = {across, down};
    const RequiredDirections two = required_directions(directions_done(s));
    EXPECT_TRUE(two.horizontal);
    EXPECT_TRUE(two.vertical);
    EXPECT_FALSE(two.diagonal);
    EXPECT_EQ(two.count(), 2);
    EXPECT_EQ(two.missing(), "diagonal");
    s.strokes = {down, down};
    const RequiredDirections one = required_directions(directions_done(s));
    EXPECT_TRUE(one.vertical);
    EXPECT_FALSE(one.diagonal);
    EXPECT_EQ(one.missing(), "horizontal and diagonal");
    s.strokes = {diagonal};
    EXPECT_TRUE(required_directions(directions_done(s)).diagonal);
    // A roller dragged round a corner on the skin, from a horizontal start to a diagonal end: no direction done.
    Stroke corner{{{0, {0, 5}, 0.5f}, {1, {15, 5}, 0.5f}, {2, {15, 20}, 0.5f}}};
    ASSERT_TRUE(dragged_without_lifting(corner, DeviceKind::Roller));
    s.strokes = {corner};
    EXPECT_EQ(required_directions(directions_done(s)).count(), 0);
}

TEST(Feedback, WarningsNameWhatIsWrongInTheMoment) {
    const Lesson& eyelid = lesson("periorbital-crepey-skin");
    StrokeScript careless = test::one_direction(2.5f, 8, 0.9f);
    PunctureList punctures;
    test::score(eyelid, careless, {}, &punctures);
    const auto grid = coverage_grid(punctures, centred_treated_area(), eyelid.protocol.density_per_cm2(DeviceKind::Roller));
    std::set<std::string> ids;
    for (const auto& w : training_warnings(eyelid, careless, grid, 0.9f, false)) ids.insert(w.id);
    EXPECT_TRUE(ids.count("needle_too_long"));
    EXPECT_TRUE(ids.count("heavy_pressure_on_bone"));
    const StrokeScript expert = test::plan(DeviceKind::Roller, 0.25f, 12, 0.3f);
    test::score(eyelid, expert, {}, &punctures);
    const auto good = coverage_grid(punctures, centred_treated_area(), eyelid.protocol.density_per_cm2(DeviceKind::Roller));
    const auto none = training_warnings(eyelid, expert, good, 0.3f, true);
    EXPECT_TRUE(none.empty()) << none.front().message;
    // One slow pen glide over the same spot is over-treatment; a few passes are too sparse.
    const auto sparse = coverage_grid(PunctureList(10), centred_treated_area(), eyelid.protocol.density_per_cm2(DeviceKind::Roller));
    ids.clear();
    for (const auto& w : training_warnings(eyelid, expert, sparse, 0.3f, true)) ids.insert(w.id);
    EXPECT_TRUE(ids.count("too_sparse"));
}

TEST(Scoring, AnExpertSessionScoresHighOnEveryLesson) {
    for (const auto& l : lessons()) {
        if (!l.should_treat()) continue;
        const float needle = float(l.protocol.needle_mm.min);
        const float pressure = float(std::min(0.5, l.protocol.pressure_max - 0.1));
        const TrainingScore s = test::score(l, test::plan(l.protocol.devices.front(), needle, 16, pressure),
                                            test::expert_answers(l));
        EXPECT_GE(s.overall, 90) << l.id;
        EXPECT_TRUE(s.passed) << l.id;
        for (const auto& c : s.criteria) EXPECT_GE(c.score, 75) << l.id << " " << c.id << ": " << c.measured;
    }
}

TEST(Scoring, ACarelessSessionLosesExactlyWhatItBroke) {
    // Too long a needle on the eyelid, one direction, heavy pressure, screening skipped.
    const Lesson& eyelid = lesson("periorbital-crepey-skin");
    TrainingAnswers answers = test::expert_answers(eyelid, 2.5);
    answers.proceed.reset();
    answers.contraindications.reset();
    const TrainingScore s = test::score(eyelid, test::one_direction(2.5f, 12, 0.9f), answers);
    for (const char* broken : {"screening", "needle_choice", "directions", "pressure_consistency", "depth_safety"})
        EXPECT_LT(s.criterion(broken).score, 50) << broken << ": " << s.criterion(broken).measured;
    for (const char* kept : {"numbing", "coverage_uniformity", "density", "aftercare"})
        EXPECT_GE(s.criterion(kept).score, 75) << kept << ": " << s.criterion(kept).measured;
    EXPECT_LE(s.overall, rubric().critical_cap);
    EXPECT_FALSE(s.passed);
    EXPECT_NE(s.criterion("screening").measured.find("skipped"), std::string::npos);
    for (const auto& c : s.criteria) EXPECT_FALSE(c.tip.empty()) << c.id;
}

TEST(Scoring, ProceedingWithAClientToTurnAwayFailsScreening) {
    const Lesson& l = lesson("client-to-turn-away");
    TrainingAnswers answers = test::expert_answers(l);
    answers.proceed = true;
    const TrainingScore s = test::score(l, test::plan(DeviceKind::Roller, 1.0f, 12, 0.5f), answers);
    EXPECT_EQ(s.criterion("screening").score, 0);
    EXPECT_FALSE(s.passed);
    EXPECT_TRUE(s.capped);
    // Turning the client away, naming both contraindications, is the whole lesson.
    answers.proceed = false;
    const TrainingScore right = test::score(l, {}, answers);
    EXPECT_EQ(right.criterion("screening").score, 100);
    EXPECT_FALSE(right.criterion("density").applicable);
    EXPECT_TRUE(right.passed);
    // Turning away with only one of the two named scores in between.
    answers.contraindications = std::vector<std::string>{"active_acne"};
    EXPECT_EQ(test::score(l, {}, answers).criterion("screening").score, 50);
}

// The flow's Back leads from the passes to screening, where "Turn the client away" ends the session: the
// passes were made, so it scores as a treatment, not as a refusal.
TEST(Scoring, TreatingAndThenTurningAwayIsATreatment) {
    const Lesson& l = lesson("client-to-turn-away");
    TrainingAnswers answers = test::expert_answers(l);
    ASSERT_EQ(answers.proceed, false);
    const TrainingScore s = test::score(l, test::plan(DeviceKind::Roller, 1.0f, 12, 0.5f), answers);
    EXPECT_EQ(s.criterion("screening").score, 0) << s.criterion("screening").measured;
    EXPECT_NE(s.criterion("screening").measured.find("treated, then turned"), std::string::npos);
    EXPECT_TRUE(s.criterion("density").applicable);
    EXPECT_FALSE(s.passed);
}

// Turning away a client who should be treated is scored on screening alone, as a right refusal is.
TEST(Scoring, WronglyTurningAClientAwayScoresNothing) {
    const Lesson& l = lesson("forehead-fine-lines");
    TrainingAnswers answers = test::expert_answers(l);
    answers.proceed = false;
    const TrainingScore s = test::score(l, {}, answers);
    EXPECT_EQ(s.criterion("screening").score, 0);
    for (const auto& c : s.criteria) EXPECT_EQ(c.applicable, c.id == "screening") << c.id;
    EXPECT_EQ(s.overall, 0);
    EXPECT_FALSE(s.passed);
}

// Pen glides beside the patch (in the margin a stroke may use) leave no puncture in it: nothing was treated,
// whatever the strokes say.
TEST(Scoring, PassesThatMissThePatchTreatNothing) {
    const Lesson& l = lesson("forehead-fine-lines");
    StrokeScript beside = test::one_direction(0.5f, 12, 0.5f);
    beside.device = DeviceKind::Pen;
    for (auto& s : beside.strokes)
        for (auto& p : s.points) p.pos_mm.y = -8.0f;
    PunctureList punctures;
    const TrainingScore s = test::score(l, beside, test::expert_answers(l, 0.5), &punctures);
    ASSERT_TRUE(punctures.empty());
    for (const char* id : {"needle_choice", "numbing", "coverage_uniformity", "density", "directions",
                           "pressure_consistency", "depth_safety"})
        EXPECT_NE(s.criterion(id).measured.find("no pass treated the area"), std::string::npos) << id;
    EXPECT_FALSE(s.passed);
    EXPECT_LE(s.overall, rubric().critical_cap);
}

// The needle control moves in 0.25 mm steps: one step past the chart's range fails the criterion, as the live
// "needle too long" warning says.
TEST(Scoring, ANeedleOneStepOutsideTheRangeFails) {
    const Lesson& l = lesson("forehead-fine-lines");
    const float longest = float(l.protocol.needle_mm.max);
    const auto in_range = test::score(l, test::plan(DeviceKind::Roller, longest, 12, 0.5f), test::expert_answers(l, longest));
    EXPECT_EQ(in_range.criterion("needle_choice").score, 100);
    const auto step_out = test::score(l, test::plan(DeviceKind::Roller, longest + 0.25f, 12, 0.5f),
                                      test::expert_answers(l, longest + 0.25));
    EXPECT_LT(step_out.criterion("needle_choice").score, rubric().every_criterion_at_least);
    EXPECT_FALSE(step_out.passed);
}

// The finished session's pressure warning and the pressure criterion judge the same samples.
TEST(Scoring, TheFinishedPressureWarningAgreesWithTheScore) {
    const Lesson& eyelid = lesson("periorbital-crepey-skin");
    const double limit = eyelid.protocol.pressure_max;
    StrokeScript script = test::plan(DeviceKind::Roller, 0.25f, 12, float(limit - 0.1));
    // A third of the passes heavy, the mean still under the limit.
    for (size_t i = 0; i < script.strokes.size(); i += 3)
        for (auto& p : script.strokes[i].points) p.pressure = float(limit + 0.1);
    ASSERT_LT(pressure_summary(script, limit).mean, limit);
    PunctureList punctures;
    const TrainingScore s = test::score(eyelid, script, test::expert_answers(eyelid), &punctures);
    EXPECT_LT(s.criterion("pressure_consistency").score, 75);
    const auto grid = coverage_grid(punctures, centred_treated_area(), eyelid.protocol.density_per_cm2(DeviceKind::Roller));
    std::set<std::string> ids;
    for (const auto& w : training_warnings(eyelid, script, grid, script.pressure, true)) ids.insert(w.id);
    EXPECT_TRUE(ids.count("heavy_pressure_on_bone"));
}

// A criterion of weight 0 is out of the score: it neither counts nor fails the session.
TEST(Scoring, AWeightlessCriterionNeitherCountsNorFails) {
    const Lesson& l = lesson("forehead-fine-lines");
    Rubric r = rubric();
    for (auto& c : r.criteria)
        if (c.id == "aftercare") c.weight = 0;
    TrainingAnswers answers = test::expert_answers(l, 0.5);
    answers.aftercare.reset();
    const Catalog& catalog = test::source_catalog();
    const StrokeScript script = test::plan(DeviceKind::Roller, 0.5f, 16, 0.5f);
    const RegionProfile& region = catalog.regions.find(l.client.region);
    const PunctureList punctures = run_stroke_script(script, region, roller_for(script, catalog.roller),
                                                     pen_for(script, catalog.pen));
    const TrainingScore s = score_training(r, {l, region, script, punctures, answers});
    EXPECT_EQ(s.criterion("aftercare").score, 0);
    EXPECT_TRUE(s.passed) << s.overall;
}

TEST(Scoring, MissingAnswersScoreAsSkipped) {
    const Lesson& l = lesson("forehead-fine-lines");
    const TrainingScore s = test::score(l, test::plan(DeviceKind::Roller, 0.5f, 12, 0.5f), {});
    for (const char* skipped : {"screening", "numbing", "aftercare"}) {
        EXPECT_EQ(s.criterion(skipped).score, 0) << skipped;
        EXPECT_NE(s.criterion(skipped).measured.find("skipped"), std::string::npos) << skipped;
    }
    EXPECT_GE(s.criterion("density").score, 75);
}

TEST(Scoring, ElapsedTimeAloneChangesNoScore) {
    // The same punctures from the same passes, the passes recorded as taking twice as long: the same scores.
    const Lesson& l = lesson("forehead-fine-lines");
    StrokeScript fast = test::plan(DeviceKind::Roller, 0.5f, 12, 0.5f);
    StrokeScript slow = fast;
    for (auto& s : slow.strokes)
        for (auto& p : s.points) p.t_s *= 2;
    PunctureList punctures;
    const auto a = test::score(l, fast, test::expert_answers(l, 0.5), &punctures);
    const auto b = score_training(rubric(), {l, test::source_catalog().regions.find("forehead"), slow, punctures,
                                             test::expert_answers(l, 0.5)});
    for (size_t i = 0; i < a.criteria.size(); ++i) EXPECT_EQ(a.criteria[i].score, b.criteria[i].score) << a.criteria[i].id;
    EXPECT_EQ(a.overall, b.overall);
}

TEST(Scoring, DensityFollowsThePassesNotTheClock) {
    const Lesson& l = lesson("forehead-fine-lines");
    const auto few = test::score(l, test::plan(DeviceKind::Roller, 0.5f, 2, 0.5f), test::expert_answers(l, 0.5));
    EXPECT_LT(few.criterion("density").score, 50) << few.criterion("density").measured;
    const auto many = test::score(l, test::plan(DeviceKind::Roller, 0.5f, 40, 0.5f), test::expert_answers(l, 0.5));
    EXPECT_LT(many.criterion("density").score, 75) << many.criterion("density").measured;
}

TEST(Xapi, OneStatementPerStepAndPerResultWithStableIds) {
    const Lesson& l = lesson("forehead-fine-lines");
    const StrokeScript script = test::plan(DeviceKind::Roller, 0.5f, 12, 0.5f);
    const TrainingAnswers answers = test::expert_answers(l, 0.5);
    const TrainingScore s = test::score(l, script, answers);
    const auto steps = completed_steps(answers, script);
    EXPECT_EQ(steps.size(), size_t(kFlowStepCount));
    const XapiSession x{l, "expert", "session-1", "2026-11-30T05:00:00Z", steps, s};
    const auto statements = xapi_statements(x);
    ASSERT_EQ(statements.size(), steps.size() + s.criteria.size() + 1);
    std::set<std::string> ids;
    const std::regex uuid("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    for (const auto& st : statements) {
        EXPECT_TRUE(std::regex_match(st["id"].get<std::string>(), uuid)) << st["id"];
        ids.insert(st["id"]);
    }
    EXPECT_EQ(ids.size(), statements.size());
    EXPECT_EQ(statements.back()["verb"]["id"], "http://adlnet.gov/expapi/verbs/passed");
    EXPECT_DOUBLE_EQ(statements.back()["result"]["score"]["raw"].get<double>(), s.overall);
    EXPECT_EQ(xapi_statements(x), statements);  // the same session exports the same statements
}

TEST(History, KeepsSessionsAcrossOpeningsAndRefusesAForeignFile) {
    const auto file = scratch("history.sqlite");
    std::filesystem::remove(file);
    {
        TrainingHistory h(file);
        h.add({0, "ana", "forehead-fine-lines", "2026-11-30T05:00:00Z", 55, false, "{}", ""});
        h.add({0, "ben", "forehead-fine-lines", "2026-11-30T05:01:00Z", 80, true, "{}", ""});
        h.add({0, "ana", "neck-texture", "2026-11-30T05:02:00Z", 91, true, "{}", ""});
    }
    TrainingHistory h(file);
    const auto ana = h.entries("ana");
    ASSERT_EQ(ana.size(), 2u);
    EXPECT_EQ(ana[0].overall, 55);
    EXPECT_EQ(ana[1].lesson_id, "neck-texture");
    EXPECT_EQ(h.entries().size(), 3u);
    EXPECT_EQ(h.trainees(), (std::vector<std::string>{"ana", "ben"}));

    const auto foreign = scratch("notes.sqlite");
    std::ofstream(foreign) << "my notes, not a database\n";
    try {
        TrainingHistory bad(foreign);
        ADD_FAILURE() << "a text file opened as a history";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("is not a DermaSim training history"), std::string::npos) << e.what();
    }
    EXPECT_EQ(read(foreign), "my notes, not a database\n");
}

// Listing the history (dermasim history, the training mode's history screen) reads it and changes nothing.
TEST(History, ReadAccessChangesNothing) {
    const auto file = scratch("read_history.sqlite");
    std::filesystem::remove(file);
    TrainingHistory(file).add({0, "ana", "forehead-fine-lines", "2026-11-30T05:00:00Z", 55, false, "{}", ""});
    const std::string bytes = read(file);
    {
        const TrainingHistory h(file, TrainingHistory::Access::Read);
        ASSERT_EQ(h.entries().size(), 1u);
        EXPECT_EQ(h.trainees(), (std::vector<std::string>{"ana"}));
    }
    EXPECT_EQ(read(file), bytes);

    const auto empty = scratch("empty_history.sqlite");  // made, not yet given its schema by its first writer
    std::ofstream{empty};
    EXPECT_TRUE(TrainingHistory(empty, TrainingHistory::Access::Read).entries().empty());
    EXPECT_EQ(std::filesystem::file_size(empty), 0u);

    const auto missing = scratch("no_history.sqlite");
    std::filesystem::remove(missing);
    try {
        TrainingHistory h(missing, TrainingHistory::Access::Read);
        ADD_FAILURE() << "a missing history opened for reading";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("cannot open the training history"), std::string::npos) << e.what();
    }
    EXPECT_FALSE(std::filesystem::exists(missing));
}

// A DermaSim that stopped while it wrote (power lost, killed) leaves the history with a hot journal: SQLite's
// record of the pages it was changing. Reading the history must roll that back (the entry that was being written
// was never saved), not refuse the file: an instructor listing the history after a crash gets the saved sessions.
// `copy`: a history of one session ("ana") as a DermaSim killed in the middle of adding a second would leave it,
// with its journal beside it.
void history_left_mid_write(const std::filesystem::path& copy) {
    const auto file = scratch("writer_" + copy.filename().string());
    for (const auto& f : {file, copy}) {
        std::filesystem::remove(f);
        std::filesystem::remove(f.string() + "-journal");
    }
    TrainingHistory(file).add({0, "ana", "forehead-fine-lines", "2026-11-30T05:00:00Z", 55, false, "{}", ""});
    // A writer in the middle of its transaction, its files copied as a crash would leave them. Unsynced (as
    // SQLite leaves a journal it has not yet synced, its header is zero and it would not count as hot).
    sqlite3* writer = nullptr;
    ASSERT_EQ(sqlite3_open(file.c_str(), &writer), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(writer,
                           "PRAGMA synchronous = OFF; PRAGMA cache_size = 1; BEGIN IMMEDIATE;"
                           " INSERT INTO sessions (trainee, lesson, finished, overall, passed, criteria, session_file)"
                           " VALUES ('ben', 'neck-texture', '2026-11-30T06:00:00Z', 70, 1, '{}', '')",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    ASSERT_TRUE(std::filesystem::exists(file.string() + "-journal"));
    std::filesystem::copy_file(file, copy);
    std::filesystem::copy_file(file.string() + "-journal", copy.string() + "-journal");
    sqlite3_exec(writer, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close(writer);
}

TEST(History, ReadingAHistoryLeftMidWriteRollsTheUnfinishedWriteBack) {
    const auto copy = scratch("crashed_copy.sqlite");
    history_left_mid_write(copy);
    TrainingHistory h(copy, TrainingHistory::Access::Read);
    const auto entries = h.entries();
    ASSERT_EQ(entries.size(), 1u);
    EXPECT_EQ(entries[0].trainee, "ana");
    EXPECT_FALSE(std::filesystem::exists(copy.string() + "-journal")) << "the unfinished write was not rolled back";
    // Read-only again after the rollback.
    EXPECT_THROW(h.add({0, "cy", "neck-texture", "2026-11-30T07:00:00Z", 60, true, "{}", ""}), Error);
    EXPECT_EQ(h.entries().size(), 1u);
}

// While it lives, the process acts as user `nobody` where it runs as root (who may write any file); the real and
// saved user stay root, so the destructor can take root back.
class ActAsNobody {
public:
    ActAsNobody() {
        if (geteuid() == 0) acting_ = setresuid(uid_t(-1), kNobody, uid_t(-1)) == 0;
    }
    ~ActAsNobody() {
        if (acting_) (void)setresuid(uid_t(-1), 0, uid_t(-1));
    }
    bool ok() const { return geteuid() != 0; }

private:
    static constexpr uid_t kNobody = 65534;
    bool acting_ = false;
};

TEST(History, AReaderWhoMayNotWriteAHistoryLeftMidWriteIsToldWhoCan) {
    const auto copy = scratch("crashed_read_only.sqlite");
    history_left_mid_write(copy);
    namespace fs = std::filesystem;
    fs::permissions(copy, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
    std::string message;
    {
        ActAsNobody nobody;
        ASSERT_TRUE(nobody.ok()) << "could not give up root's right to write any file";
        try {
            TrainingHistory h(copy, TrainingHistory::Access::Read);
        } catch (const Error& e) {
            message = e.what();
        }
    }
    EXPECT_NE(message.find(copy.string() + ": cannot read the training history"), std::string::npos) << message;
    EXPECT_NE(message.find("only a user who may write the file"), std::string::npos) << message;
    EXPECT_TRUE(fs::exists(copy.string() + "-journal")) << "the journal is what restores the file: it must stay";
    // Whoever may write it gets the last saved history back.
    fs::permissions(copy, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::add);
    EXPECT_EQ(TrainingHistory(copy, TrainingHistory::Access::Read).entries().size(), 1u);
}

TEST(Debrief, HoldsTheRubricHeatmapPicturesAndCurves) {
    const Lesson& l = lesson("forehead-fine-lines");
    PunctureList punctures;
    const StrokeScript script = test::plan(DeviceKind::Roller, 0.5f, 12, 0.5f);
    const TrainingScore s = test::score(l, script, test::expert_answers(l, 0.5), &punctures);
    const CoverageGrid grid = coverage_grid(punctures, centred_treated_area(), l.protocol.density_per_cm2(DeviceKind::Roller));
    RgbaImage image{2, 2, std::vector<uint8_t>(16, 200)};
    HealingMetrics healing;
    healing.curves = {{0, 1, 0.5}, {1, 0.5, 0.8}, {2, 0.1, 0.4}};
    const std::string html = debrief_html({l, "expert", "2026-11-30T05:00:00Z", "", "roller 0.50 mm", s, grid, {},
                                           {"Screening"}, image, image, healing});
    EXPECT_NE(html.find("<table id=\"rubric\">"), std::string::npos);
    for (const auto& c : s.criteria) EXPECT_NE(html.find(c.title), std::string::npos) << c.id;
    EXPECT_NE(html.find("class=\"heatmap\""), std::string::npos);
    size_t images = 0;
    for (size_t at = html.find("data:image/png;base64,iVBOR"); at != std::string::npos;
         at = html.find("data:image/png;base64,iVBOR", at + 1))
        ++images;
    EXPECT_EQ(images, 2u);
    EXPECT_NE(html.find("<polyline"), std::string::npos);
    EXPECT_EQ(html.find("http://"), html.find("http://www.w3.org/2000/svg"));  // nothing fetched from outside
    EXPECT_EQ(base64({'M', 'a', 'n'}), "TWFu");
    EXPECT_EQ(base64({'M', 'a'}), "TWE=");
}

}  // namespace
}  // namespace dermasim
