// The sandbox mode driven like a window, headless: one clock paces everything, work is autosaved, and nothing
// leaves the screen or the app without asking when it would be lost.
#include <gtest/gtest.h>

#include <cstring>
#include <fstream>

#include "app/modes/sandbox_mode.hpp"
#include "app/modes/training_mode.hpp"
#include "app_test_support.hpp"
#include "engine/core/error.hpp"

using namespace dermasim;
using app::FrameInput;
using app::SandboxMode;

namespace {

void roll_pass(test::AppRig& rig, glm::vec2 from, glm::vec2 to) { rig.roll_pass(from, to); }

SandboxMode& sandbox(test::AppRig& rig) { return *rig.app->sandbox(); }

}  // namespace

// `dermasim --zoom F` and `replay --zoom F`: the block is framed F times as far as the fit, and stays so
// when the window's size changes.
TEST(SandboxMode, TheStartZoomFramesTheBlockCloser) {
    test::AppRig fitted(test::fresh_dir("zoom_fitted"));
    const float fitted_mm = fitted.frame().camera.distance_mm;
    test::AppRig closer(test::fresh_dir("zoom_closer"));
    closer.services.start_zoom = 0.5f;
    closer.app.emplace(closer.services, "sandbox");
    EXPECT_NEAR(closer.frame().camera.distance_mm, 0.5f * fitted_mm, 1e-3f * fitted_mm);
    FrameInput resized;
    resized.window_size = {900.0f, 700.0f};
    EXPECT_NEAR(closer.frame(resized).camera.distance_mm, 0.5f * fitted.frame(resized).camera.distance_mm,
                1e-3f * fitted_mm);
}

TEST(SandboxMode, PressureKeysMoveAtARatePerSecondWhateverTheFrameRate) {
    for (double step : {0.1, 0.02}) {
        test::AppRig rig({}, step);
        const float start = sandbox(rig).treatment().pressure();
        FrameInput up;
        up.pressure_up = true;
        rig.frame();  // the first frame's step sets the pace
        for (int i = 0; i < int(std::lround(0.6 / step)); ++i) rig.frame(up);
        EXPECT_NEAR(sandbox(rig).treatment().pressure(), start + 0.6f * SandboxMode::kPressurePerSecond, 1e-4)
            << "frame step " << step;
    }
}

TEST(SandboxMode, AGamepadTriggerSetsThePressureWhileItIsHeld) {
    test::AppRig rig({});
    rig.frame();
    const float set = sandbox(rig).treatment().pressure();
    FrameInput held;
    for (float trigger : {0.8f, 0.3f}) {
        held.trigger = trigger;
        rig.frame(held);
        EXPECT_FLOAT_EQ(sandbox(rig).treatment().pressure(), trigger);
    }
    held.trigger = SandboxMode::kTriggerAtRest;  // the last sample of a slow release
    rig.frame(held);
    EXPECT_FLOAT_EQ(sandbox(rig).treatment().pressure(), set);
    rig.frame();  // no gamepad
    EXPECT_FLOAT_EQ(sandbox(rig).treatment().pressure(), set);
}

TEST(SandboxMode, MouseDragsOnTheSkinArePassesAndAreAutosaved) {
    auto dir = test::fresh_dir("sandbox_autosave");
    test::AppRig rig(dir, 0.1, "sandbox", "forehead");
    roll_pass(rig, {3, 12}, {17, 12});
    ASSERT_EQ(sandbox(rig).treatment().passes(), 1);
    EXPECT_GT(sandbox(rig).treatment().punctures()->size(), 10u);
    for (int i = 0; i < 40; ++i) rig.frame();  // a few seconds later
    ASSERT_FALSE(sandbox(rig).autosaver().path().empty());
    SessionRecord saved = load_session(sandbox(rig).autosaver().path());
    EXPECT_EQ(saved.region, "forehead");
    EXPECT_EQ(saved.input.strokes.size(), 1u);
    EXPECT_EQ(saved.tables_hash, test::catalog().tables_hash);
    // Replaying the saved file gives the punctures the mouse made.
    PunctureList replayed = run_stroke_script(saved.input, test::catalog().regions.find("forehead"),
                                              test::catalog().roller, test::catalog().pen);
    const PunctureList& live = *sandbox(rig).treatment().punctures();
    ASSERT_EQ(replayed.size(), live.size());
    for (size_t i = 0; i < live.size(); ++i)
        ASSERT_EQ(std::memcmp(&replayed[i], &live[i], sizeof(Puncture)), 0) << "puncture " << i << " differs";
    // ctrl+Z takes the pass back, and that too is saved.
    FrameInput undo;
    undo.undo = true;
    rig.frame(undo);
    EXPECT_EQ(sandbox(rig).treatment().passes(), 0);
    for (int i = 0; i < 40; ++i) rig.frame();
    EXPECT_TRUE(load_session(sandbox(rig).autosaver().path()).input.strokes.empty());
}

// With frames slower than the hand, the press and the release (each where it happened: pointer_queue.hpp) can
// come a frame apart; the way between them is the pass, not a tap to drop.
TEST(SandboxMode, APassWhosePressAndReleaseComeAFrameApartIsKept) {
    test::AppRig rig({}, 0.5, "sandbox", "forehead");
    const SkinView snapshot = rig.frame();
    FrameInput press, release;
    press.cursor = rig.pixel_on_skin(snapshot, {3, 12});
    press.left = true;
    release.cursor = rig.pixel_on_skin(snapshot, {17, 12});
    rig.frame(press);
    rig.frame(release);
    ASSERT_EQ(sandbox(rig).treatment().passes(), 1);
    EXPECT_GT(sandbox(rig).treatment().punctures()->size(), 10u);
    EXPECT_FALSE(sandbox(rig).treatment().down());
}

// Esc answers the question as Cancel does. ImGui 1.86 takes keys by the backend's codes, mapped here as the
// GLFW backend maps them (GLFW_KEY_ESCAPE is 256).
TEST(SandboxMode, EscapeCancelsTheQuestion) {
    test::AppRig rig(test::fresh_dir("sandbox_escape"));
    roll_pass(rig, {3, 12}, {17, 12});
    app::SkinIntent to_neck;
    to_neck.region = "neck";
    sandbox(rig).apply(to_neck);
    rig.frame();
    ASSERT_TRUE(sandbox(rig).dialog().open());
    {
        UiContext::Activate active(rig.ui);
        ImGui::GetIO().KeyMap[ImGuiKey_Escape] = 256;
        ImGui::GetIO().KeysDown[256] = true;
    }
    rig.frame();
    EXPECT_FALSE(sandbox(rig).dialog().open());
    EXPECT_EQ(sandbox(rig).treatment().passes(), 1) << "cancel keeps the work";
    EXPECT_EQ(sandbox(rig).treatment().region().id, "cheek");
}

TEST(SandboxMode, ChangingRegionWithPassesAsksFirst) {
    auto dir = test::fresh_dir("sandbox_ask");
    test::AppRig rig(dir);
    roll_pass(rig, {3, 12}, {17, 12});
    ASSERT_EQ(sandbox(rig).treatment().passes(), 1);
    app::SkinIntent to_neck;
    to_neck.region = "neck";
    sandbox(rig).apply(to_neck);
    ASSERT_TRUE(sandbox(rig).dialog().open());
    EXPECT_NE(sandbox(rig).dialog().detail().find("are saved in " + dir.string()), std::string::npos)
        << sandbox(rig).dialog().detail();
    sandbox(rig).dialog().answer(false);
    EXPECT_EQ(sandbox(rig).treatment().passes(), 1) << "cancel keeps the work";
    EXPECT_EQ(sandbox(rig).treatment().region().id, "cheek");
    const auto first_file = sandbox(rig).autosaver().path();

    sandbox(rig).apply(to_neck);
    sandbox(rig).dialog().answer(true);
    EXPECT_EQ(sandbox(rig).treatment().passes(), 0);
    EXPECT_EQ(sandbox(rig).treatment().region().id, "neck");
    EXPECT_EQ(rig.frame().region.id, "neck") << "the block shows the new region";
    roll_pass(rig, {3, 8}, {17, 8});
    for (int i = 0; i < 40; ++i) rig.frame();
    EXPECT_NE(sandbox(rig).autosaver().path(), first_file) << "a new session gets a new file";
    EXPECT_EQ(load_session(first_file).region, "cheek") << "the old session is left as it was";

    // Device and clear ask too; an empty screen does not.
    app::TreatmentIntent pen;
    pen.device = DeviceKind::Pen;
    sandbox(rig).apply(pen);
    EXPECT_TRUE(sandbox(rig).dialog().open());
    sandbox(rig).dialog().answer(true);
    EXPECT_EQ(sandbox(rig).treatment().device(), DeviceKind::Pen);
    app::TreatmentIntent clear;
    clear.clear = true;
    sandbox(rig).apply(clear);
    EXPECT_FALSE(sandbox(rig).dialog().open());
}

TEST(SandboxMode, TheRegionCannotChangeUnderATimeLapse) {
    test::AppRig rig({});
    roll_pass(rig, {3, 12}, {17, 12});
    app::TreatmentIntent heal;
    heal.heal = true;
    sandbox(rig).apply(heal);
    ASSERT_EQ(sandbox(rig).state(), SandboxMode::State::Healing);
    app::SkinIntent to_neck;
    to_neck.region = "neck";
    sandbox(rig).apply(to_neck);
    EXPECT_EQ(rig.frame().region.id, "cheek");
    EXPECT_FALSE(sandbox(rig).dialog().open());
}

TEST(ModeHost, QuittingWithSavedWorkIsImmediateAndWithUnsavableWorkAsks) {
    auto dir = test::fresh_dir("quit");
    {
        test::AppRig rig(dir);
        roll_pass(rig, {3, 12}, {17, 12});
        FrameInput close;
        close.close_requested = true;
        rig.frame(close);
        EXPECT_TRUE(rig.app->quit()) << "the session was saved on the way out";
        ASSERT_FALSE(sandbox(rig).autosaver().path().empty());
        EXPECT_EQ(load_session(sandbox(rig).autosaver().path()).input.strokes.size(), 1u);
    }
    std::ofstream(dir / "blocker") << "x";
    test::AppRig rig(dir / "blocker" / "sessions");
    roll_pass(rig, {3, 12}, {17, 12});
    FrameInput close;
    close.close_requested = true;
    rig.frame(close);
    EXPECT_FALSE(rig.app->quit());
    ASSERT_TRUE(rig.app->host().dialog().open());
    EXPECT_NE(rig.app->host().dialog().detail().find("could not be saved"), std::string::npos);
    rig.app->host().dialog().answer(false);
    EXPECT_FALSE(rig.app->quit());
    EXPECT_EQ(sandbox(rig).treatment().passes(), 1) << "the work stays in memory";
}

TEST(ModeHost, ModesAreChosenByNameAndTheStartScreenLeadsIntoThem) {
    EXPECT_NO_THROW(app::check_mode_name("sandbox"));
    EXPECT_NO_THROW(app::check_mode_name("training"));
    EXPECT_NO_THROW(app::check_mode_name("consult"));
    EXPECT_NO_THROW(app::check_mode_name("kiosk"));
    try {
        app::check_mode_name("party");
        FAIL();
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("unknown mode 'party' (known: sandbox, training, consult, kiosk)"),
                  std::string::npos);
    }
    test::AppRig rig({}, 0.1, "start");
    EXPECT_EQ(rig.app->sandbox(), nullptr);
    rig.frame();
    rig.app->host().switch_to("sandbox");
    ASSERT_NE(rig.app->sandbox(), nullptr);
    rig.frame();
    rig.app->host().switch_to("training");
    ASSERT_NE(rig.app->training(), nullptr);
    rig.frame();
}

TEST(ModeHost, AModeThatCannotStartLeavesTheCurrentOneAndSaysWhy) {
    auto dir = test::fresh_dir("bad_mode");
    std::ofstream(dir / "kiosk.json") << "{\"pin\": 12";  // edited while the app ran, and left broken
    test::AppRig rig(dir, 0.1, "start", "cheek", dir / "kiosk.json");
    rig.frame();
    rig.app->host().switch_to("kiosk");
    EXPECT_EQ(rig.app->host().current().name(), "start");
    ASSERT_TRUE(rig.app->host().dialog().open());
    EXPECT_EQ(rig.app->host().dialog().question(), "Cannot open kiosk");
    EXPECT_NE(rig.app->host().dialog().detail().find("kiosk.json"), std::string::npos) << rig.app->host().dialog().detail();
    rig.frame();
    rig.app->host().dialog().answer(false);
    EXPECT_FALSE(rig.app->quit());
}

TEST(ModeHost, TheCloseButtonAsksNothingOverAModesOpenQuestion) {
    auto dir = test::fresh_dir("two_questions");
    std::ofstream(dir / "blocker") << "x";
    test::AppRig rig(dir / "blocker" / "sessions");
    roll_pass(rig, {3, 12}, {17, 12});  // unsavable: a file stands where the folder should be
    app::SkinIntent to_neck;
    to_neck.region = "neck";
    sandbox(rig).apply(to_neck);
    ASSERT_TRUE(sandbox(rig).dialog().open());
    FrameInput close;
    close.close_requested = true;
    rig.frame(close);
    EXPECT_FALSE(rig.app->host().dialog().open()) << "two modals at once fight over ImGui's popup stack";
    EXPECT_FALSE(rig.app->quit());
}

TEST(SandboxMode, ASessionNamedWithSessionIsTheOneSavedAfterSettingsChangedFirst) {
    // --session FILE: a region chosen, frames later a needle, then the passes: they go to FILE, and no empty
    // session is left in it or beside it.
    auto dir = test::fresh_dir("named_session");
    test::AppRig rig({}, 0.1, "sandbox", "cheek", {}, dir / "mine.session.json");
    rig.frame();
    app::SkinIntent to_neck;
    to_neck.region = "neck";
    sandbox(rig).apply(to_neck);
    for (int i = 0; i < 40; ++i) rig.frame();
    app::TreatmentIntent needle;
    needle.needle_mm = 1.0f;
    sandbox(rig).apply(needle);
    for (int i = 0; i < 40; ++i) rig.frame();
    roll_pass(rig, {3, 12}, {17, 12});
    ASSERT_TRUE(sandbox(rig).save_now());
    EXPECT_EQ(sandbox(rig).autosaver().path(), dir / "mine.session.json");
    EXPECT_EQ(load_session(dir / "mine.session.json").input.strokes.size(), 1u);
    size_t files = 0;
    for (const auto& e : std::filesystem::directory_iterator(dir)) files += e.is_regular_file();
    EXPECT_EQ(files, 1u);
}

TEST(SandboxMode, SwitchingDevicesKeepsTheNeedleSettingValid) {
    test::AppRig rig({});
    app::TreatmentIntent pen;
    pen.device = DeviceKind::Pen;
    sandbox(rig).apply(pen);
    app::TreatmentIntent zero;
    zero.needle_mm = 0.0f;  // a pen may be set to 0 mm; a roller has no such needle
    sandbox(rig).apply(zero);
    ASSERT_EQ(sandbox(rig).treatment().needle_mm(), 0.0f);
    app::TreatmentIntent roller;
    roller.device = DeviceKind::Roller;
    EXPECT_NO_THROW(sandbox(rig).apply(roller));
    EXPECT_EQ(sandbox(rig).treatment().device(), DeviceKind::Roller);
    EXPECT_EQ(sandbox(rig).treatment().needle_mm(), 0.25f);
    roll_pass(rig, {3, 12}, {17, 12});
    EXPECT_EQ(sandbox(rig).treatment().passes(), 1);
}
