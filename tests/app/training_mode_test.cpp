// The training mode driven as the panels drive it (intents), through App frames, without a window: the whole
// flow, the live feedback, the saved session with its lesson and answers, its score reproduced from the file,
// the history row, and the client turned away.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "app/modes/training_mode.hpp"
#include "app_test_support.hpp"
#include "engine/tools/treatment_plan.hpp"
#include "engine/training/history.hpp"

namespace dermasim::app {
namespace {

using test::AppRig;

// The history goes in the test's folder, set before the mode is made.
std::filesystem::path with_history_in(std::filesystem::path folder) {
    setenv("XDG_DATA_HOME", folder.c_str(), 1);
    return folder;
}

struct TrainingRig {
    explicit TrainingRig(const std::string& name)
        : folder(with_history_in(test::fresh_dir(name))), rig(folder / "sessions", 0.1, "training", "forehead") {
        rig.frame();
    }
    TrainingMode& mode() { return *rig.app->training(); }
    void apply(const TrainingIntent& i) {
        mode().apply(i);
        rig.frame();
    }
    void leave_for_the_start_screen() {
        TrainingIntent leave;
        leave.modes = true;
        apply(leave);
    }
    std::filesystem::path folder;
    AppRig rig;
};

TrainingIntent lesson(const std::string& id) {
    TrainingIntent i;
    i.trainee = "tester";
    i.lesson = id;
    return i;
}

TEST(TrainingMode, AnExpertRunsTheWholeFlowAndItIsSavedScoredAndRecorded) {
    TrainingRig t("training_expert");
    ASSERT_NE(t.rig.app->training(), nullptr);
    EXPECT_TRUE(t.mode().load_error().empty()) << t.mode().load_error();
    t.apply(lesson("forehead-fine-lines"));
    EXPECT_EQ(t.mode().step(), FlowStep::Screening);
    EXPECT_EQ(t.mode().sandbox().treatment().region().id, "forehead");

    TrainingIntent screening;
    screening.contraindications = std::vector<std::string>{};
    screening.proceed = true;
    t.apply(screening);
    EXPECT_EQ(t.mode().step(), FlowStep::Device);
    TrainingIntent device;
    device.needle_mm = 0.5f;
    device.next = true;
    t.apply(device);
    TrainingIntent numbing;
    numbing.numbing_minutes = 45;
    numbing.next = true;
    t.apply(numbing);
    TrainingIntent prep;
    prep.skin_prepared = true;
    prep.next = true;
    t.apply(prep);
    ASSERT_EQ(t.mode().step(), FlowStep::Passes);

    // The passes: an expert's 12 lifted passes, fed through the sandbox's input path as if rolled by hand.
    TreatmentPlanOptions plan;
    plan.needle_mm = 0.5f;
    plan.passes = 12;
    SessionRecord passes;
    passes.region = "forehead";
    passes.input = make_treatment_plan(plan, test::catalog().roller, test::catalog().pen);
    t.mode().sandbox().start_replay(passes, 50.0, 0.0);
    for (int i = 0; i < 200 && t.mode().sandbox().state() == SandboxMode::State::Replaying; ++i) t.rig.frame();
    ASSERT_EQ(t.mode().sandbox().treatment().passes(), int(passes.input.strokes.size()));  // a stroke per lift
    const LiveFeedback live = t.mode().live_feedback();
    EXPECT_EQ(required_directions(live.directions).count(), 3);
    EXPECT_GT(live.coverage.mean, live.coverage.target.min);
    EXPECT_TRUE(live.warnings.empty()) << live.warnings.front().message;

    TrainingIntent done;
    done.next = true;
    t.apply(done);
    TrainingIntent serum;
    serum.serum = "hyaluronic_acid";
    serum.next = true;
    t.apply(serum);
    ASSERT_EQ(t.mode().step(), FlowStep::Aftercare);
    TrainingIntent aftercare;
    aftercare.aftercare = std::vector<std::string>{"sunscreen", "gentle_care", "no_makeup", "no_actives", "expect_redness"};
    aftercare.finish = true;
    t.apply(aftercare);

    ASSERT_EQ(t.mode().screen(), TrainingMode::Screen::Results);
    const ScoredSession& result = *t.mode().result();
    EXPECT_GE(result.score.overall, 85);
    EXPECT_TRUE(result.score.passed);

    // Saved with its lesson and answers; scoring the file again gives the same scores.
    ASSERT_FALSE(result.session_file.empty()) << t.mode().status();
    const SessionRecord saved = load_session(result.session_file);
    EXPECT_EQ(saved.mode, "training");
    ASSERT_TRUE(saved.lesson);
    EXPECT_EQ(saved.lesson->id, "forehead-fine-lines");
    EXPECT_EQ(saved.lesson->answers["aftercare"].size(), 5u);
    const TrainingAssets assets = load_training_assets(test::catalog());
    const Lesson& l = find_lesson(assets.lessons, "forehead-fine-lines");
    const PunctureList again = run_stroke_script(saved.input, test::catalog().regions.find("forehead"),
                                                 roller_for(saved.input, test::catalog().roller),
                                                 pen_for(saved.input, test::catalog().pen));
    const ScoredSession rescored = score_session(assets, test::catalog(), l, saved.input, again,
                                                 parse_answers(saved.lesson->answers, "saved", l));
    EXPECT_EQ(to_json(rescored.score), to_json(result.score));

    // In the history, and exported.
    const auto entries = TrainingHistory(default_history_file()).entries("tester");
    ASSERT_EQ(entries.size(), 1u);
    EXPECT_DOUBLE_EQ(entries[0].overall, result.score.overall);
    TrainingIntent xapi;
    xapi.export_xapi = true;
    t.apply(xapi);
    TrainingIntent html;
    html.export_html = true;
    t.apply(html);
    const std::string stem = result.session_file.substr(0, result.session_file.size() - 13);
    EXPECT_TRUE(std::filesystem::exists(stem + ".xapi.json")) << t.mode().status();
    EXPECT_TRUE(std::filesystem::exists(stem + ".debrief.html")) << t.mode().status();
    TrainingIntent history;
    history.history = true;
    t.apply(history);
    EXPECT_EQ(t.mode().screen(), TrainingMode::Screen::History);
}

TEST(TrainingMode, TurningTheClientAwayEndsTheSessionAtScreening) {
    TrainingRig t("training_turn_away");
    t.apply(lesson("client-to-turn-away"));
    TrainingIntent screening;
    screening.contraindications = std::vector<std::string>{"recent_isotretinoin", "active_acne"};
    screening.proceed = false;
    t.apply(screening);
    ASSERT_EQ(t.mode().screen(), TrainingMode::Screen::Results);
    const auto& score = t.mode().result()->score;
    EXPECT_EQ(score.criterion("screening").score, 100);
    EXPECT_FALSE(score.criterion("depth_safety").applicable);
    EXPECT_TRUE(score.passed);
    // Still a session file, with no pass and the answers.
    const SessionRecord saved = load_session(t.mode().result()->session_file);
    EXPECT_TRUE(saved.input.strokes.empty());
    EXPECT_EQ(saved.lesson->answers["proceed"], false);
    // "Another lesson" opens a fresh mode; the trainee's name typed comes with it.
    TrainingIntent again;
    again.restart = true;
    t.apply(again);
    EXPECT_EQ(t.mode().screen(), TrainingMode::Screen::Lessons);
    EXPECT_EQ(t.mode().trainee(), "tester");
}

// Answers are autosaved from the session's first pass on; leaving before it (a quit, another mode, SIGTERM)
// saves them with no pass, and asks nothing.
TEST(TrainingMode, AnswersBeforeTheFirstPassAreSavedOnLeaving) {
    TrainingRig t("training_leave_answers");
    t.apply(lesson("forehead-fine-lines"));
    EXPECT_EQ(t.mode().prepare_to_leave(), "") << "nothing answered yet";
    EXPECT_TRUE(t.mode().sandbox().autosaver().path().empty()) << "nothing answered: no file";
    TrainingIntent screening;
    screening.contraindications = std::vector<std::string>{"pregnancy"};
    screening.proceed = true;
    t.apply(screening);
    EXPECT_TRUE(t.mode().sandbox().autosaver().path().empty()) << "choosing the device and needle comes next";
    EXPECT_EQ(t.mode().prepare_to_leave(), "");
    const std::filesystem::path file = t.mode().sandbox().autosaver().path();
    ASSERT_FALSE(file.empty());
    const SessionRecord saved = load_session(file);
    EXPECT_TRUE(saved.input.strokes.empty());
    ASSERT_TRUE(saved.lesson.has_value());
    EXPECT_EQ(saved.lesson->id, "forehead-fine-lines");
    EXPECT_EQ(saved.lesson->answers["proceed"], true);
    EXPECT_EQ(saved.lesson->answers["contraindications"][0], "pregnancy");
    t.leave_for_the_start_screen();
    EXPECT_EQ(t.rig.app->training(), nullptr) << "the answers are saved: nothing to ask";
}

// A save that fails says so, and then the app asks before leaving.
TEST(TrainingMode, AnswersThatCannotBeSavedAreNotLeftWithoutAsking) {
    TrainingRig t("training_leave_unsaved");
    t.apply(lesson("forehead-fine-lines"));
    TrainingIntent screening;
    screening.contraindications = std::vector<std::string>{};
    screening.proceed = true;
    t.apply(screening);
    std::filesystem::remove_all(t.folder / "sessions");
    std::ofstream(t.folder / "sessions") << "a file where the sessions' folder was";
    EXPECT_NE(t.mode().prepare_to_leave().find("answers could not be saved"), std::string::npos);
    t.leave_for_the_start_screen();
    EXPECT_NE(t.rig.app->training(), nullptr) << "the app asked instead of leaving";
}

TEST(TrainingMode, TheSkinTakesNoPassOutsideThePassesStep) {
    TrainingRig t("training_no_roll");
    t.apply(lesson("forehead-fine-lines"));
    const SkinView& view = t.rig.frame();
    const glm::vec2 a = t.rig.pixel_on_skin(view, {4, 10}), b = t.rig.pixel_on_skin(view, {16, 10});
    FrameInput input;
    input.window_size = {1280, 720};
    input.left = true;
    for (int k = 0; k <= 10; ++k) {
        input.cursor = a + (b - a) * (k / 10.0f);
        t.rig.frame(input);
    }
    EXPECT_EQ(t.mode().sandbox().treatment().passes(), 0);  // still screening: the hand is not on the skin
}

}  // namespace
}  // namespace dermasim::app
