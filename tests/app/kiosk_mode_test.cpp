// The kiosk driven like its window, headless, on a fixed clock: a touch starts a try, a visitor's passes are
// gone after the idle time, the close request is refused without the PIN, and its configuration is checked.
#include <gtest/gtest.h>
#include <imgui.h>

#include <fstream>

#include "app/modes/kiosk_mode.hpp"
#include "app_test_support.hpp"
#include "engine/core/error.hpp"

using namespace dermasim;
using app::FrameInput;
using app::KioskMode;

namespace {

const std::filesystem::path kShipped = test::source_asset("kiosk");

// A configuration like the shipped one with these fields replaced (sessions named by absolute path).
std::filesystem::path write_config(const std::string& name, const std::string& fields) {
    auto dir = test::fresh_dir("kiosk_" + name);
    std::ofstream(dir / "kiosk.json") << "{" << fields << (fields.empty() ? "" : ",")
                                      << R"("attract": [{"session": ")" << (kShipped / "attract_cheek.json").string()
                                      << R"(", "speed": 50, "heal_days": 2}]})";
    return dir / "kiosk.json";
}

KioskMode& kiosk(test::AppRig& rig) { return dynamic_cast<KioskMode&>(rig.app->host().current()); }

void type(test::AppRig& rig, const std::string& text) {
    for (char c : text) {
        {
            UiContext::Activate active(rig.ui);
            ImGui::GetIO().AddInputCharacter(c);
        }
        rig.frame();
    }
}

std::string config_error(const std::string& fields) {
    try {
        app::load_kiosk_config(write_config("bad", fields), test::catalog());
    } catch (const Error& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST(KioskMode, ATouchStartsATryAndIdleTimeClearsTheVisitorsWork) {
    test::AppRig rig({}, 0.1, "kiosk", "cheek", write_config("idle", R"("pin": "1357", "idle_seconds": 3)"));
    for (int i = 0; i < 5; ++i) rig.frame();
    ASSERT_EQ(kiosk(rig).state(), KioskMode::State::Attract);
    FrameInput touch;
    touch.cursor = glm::vec2(640, 400);
    touch.left = true;
    rig.frame(touch);
    rig.frame();
    ASSERT_EQ(kiosk(rig).state(), KioskMode::State::Try);
    rig.roll_pass({2, 8}, {18, 8});
    rig.roll_pass({2, 12}, {18, 12});
    EXPECT_EQ(kiosk(rig).visitor_passes(), 2);
    // Two and a half seconds alone: still the visitor's.
    for (int i = 0; i < 25; ++i) rig.frame();
    EXPECT_EQ(kiosk(rig).state(), KioskMode::State::Try);
    EXPECT_EQ(kiosk(rig).visitor_passes(), 2);
    for (int i = 0; i < 10; ++i) rig.frame();
    EXPECT_EQ(kiosk(rig).state(), KioskMode::State::Attract);
    EXPECT_EQ(kiosk(rig).visitor_passes(), 0);
}

TEST(KioskMode, ATryEndsOnTimeWithAScoreAndHealing) {
    test::AppRig rig({}, 0.1, "kiosk", "cheek", write_config("try", R"("pin": "1357", "try_seconds": 5)"));
    FrameInput touch;
    touch.cursor = glm::vec2(640, 400);
    touch.left = true;
    rig.frame(touch);
    rig.frame();
    rig.roll_pass({2, 10}, {18, 10});
    for (int i = 0; i < 40 && kiosk(rig).state() == KioskMode::State::Try; ++i) rig.frame(FrameInput{{1280, 720}, glm::vec2(640, 300 + i % 2)});
    EXPECT_EQ(kiosk(rig).state(), KioskMode::State::Result);
    // The result in a visitor's words: no labels, but the magnified cut and its key (what the red dots are).
    const SkinView& view = rig.frame();
    EXPECT_FALSE(view.annotations);
    EXPECT_TRUE(view.plain_words);
    EXPECT_TRUE(view.micro.has_value());
    EXPECT_TRUE(view.micro_key);
}

// Something leaning on the touchscreen keeps every frame "touched": the try ends on time, and the result after
// it ends too, back to the attract loop.
TEST(KioskMode, AScreenPressedForGoodStillReturnsToTheAttractLoop) {
    test::AppRig rig({}, 0.5, "kiosk", "cheek",
                     write_config("held", R"("pin": "1357", "try_seconds": 5, "idle_seconds": 10)"));
    FrameInput held;
    held.cursor = glm::vec2(640, 400);
    held.left = true;
    rig.frame(held);
    ASSERT_EQ(kiosk(rig).state(), KioskMode::State::Try);
    int frames = 0;
    for (; frames < 200 && kiosk(rig).state() != KioskMode::State::Attract; ++frames) rig.frame(held);
    EXPECT_EQ(kiosk(rig).state(), KioskMode::State::Attract);
    EXPECT_GE(frames * 0.5, 5.0 + 5.0 + 10.0 - 1.0) << "the result is shown for a try and an idle time";
}

TEST(KioskMode, TheCloseRequestIsRefusedWithoutThePin) {
    test::AppRig rig({}, 0.1, "kiosk", "cheek", write_config("pin", R"("pin": "1357")"));
    rig.frame();
    FrameInput close;
    close.close_requested = true;
    rig.frame(close);
    EXPECT_FALSE(rig.app->quit());
    EXPECT_TRUE(kiosk(rig).pin_pad_open());
    type(rig, "1111");
    EXPECT_FALSE(rig.app->quit());
    type(rig, "1357");
    EXPECT_TRUE(rig.app->quit());
}

// The staff's keys open the PIN pad, they do not leave; three wrong PINs lock the pad for 30 s.
TEST(KioskMode, ExitKeysAskForThePinAndGuessingIsSlowedDown) {
    test::AppRig rig({}, 0.5, "kiosk", "cheek", write_config("pin_lock", R"("pin": "1357", "idle_seconds": 120)"));
    rig.frame();
    {
        UiContext::Activate active(rig.ui);
        ImGuiIO& io = ImGui::GetIO();
        io.KeyCtrl = io.KeyAlt = true;
        io.KeysDown['Q'] = true;
    }
    rig.frame();
    EXPECT_FALSE(rig.app->quit());
    ASSERT_TRUE(kiosk(rig).pin_pad_open());
    {
        UiContext::Activate active(rig.ui);
        ImGuiIO& io = ImGui::GetIO();
        io.KeyCtrl = io.KeyAlt = io.KeysDown['Q'] = false;
    }
    type(rig, "1111");
    type(rig, "2222");
    type(rig, "3333");
    type(rig, "1357");
    EXPECT_FALSE(rig.app->quit()) << "the right PIN while the pad is locked";
    for (int i = 0; i < 62; ++i) rig.frame();  // 31 s
    type(rig, "1357");
    EXPECT_TRUE(rig.app->quit());
}

// Left open in the attract loop (no try to end), the PIN pad closes after the idle time; opened on a stand
// nobody has touched for longer, it stays open for the staff who asked for it.
TEST(KioskMode, APinPadLeftOpenCloses) {
    test::AppRig rig({}, 0.5, "kiosk", "cheek", write_config("pin_idle", R"("pin": "1357", "idle_seconds": 5)"));
    for (int i = 0; i < 20; ++i) rig.frame();  // 10 s untouched
    FrameInput close;
    close.close_requested = true;
    rig.frame(close);
    ASSERT_TRUE(kiosk(rig).pin_pad_open());
    ASSERT_EQ(kiosk(rig).state(), KioskMode::State::Attract);
    for (int i = 0; i < 12; ++i) rig.frame();
    EXPECT_FALSE(kiosk(rig).pin_pad_open());
}

TEST(KioskConfig, TheShippedConfigurationLoads) {
    const app::KioskConfig c = app::load_kiosk_config(kShipped / "kiosk.json", test::catalog());
    EXPECT_EQ(c.attract.size(), 2u);
    EXPECT_FALSE(c.fullscreen) << "the shipped PIN is public: the shipped kiosk is a try-out in a window";
    EXPECT_EQ(c.pin, app::kShippedKioskPin);
    EXPECT_GT(c.attract[0].session.input.strokes.size(), 0u);
}

TEST(KioskConfig, MistakesAreNamedWithTheirField) {
    EXPECT_NE(config_error(R"("pin": "12")").find("pin must be 4 to 8 digits"), std::string::npos);
    EXPECT_NE(config_error(R"("pin": 2468)").find("pin must be a string"), std::string::npos);
    EXPECT_NE(config_error(R"("pin": "1357", "idle_seconds": 0)").find("idle_seconds = 0 is out of range"), std::string::npos);
    EXPECT_NE(config_error(R"("pin": "1357", "colour": "red")").find("colour is not a known field"), std::string::npos);
    EXPECT_NE(config_error(R"("pin": "1357", "exit_key": "F1")").find("exit_key must be one letter"), std::string::npos);
    EXPECT_NE(config_error(R"("pin": "1357", "exit_key": "z")").find("exit_key must not be W, S or Z"), std::string::npos);
    EXPECT_NE(config_error("").find("pin is missing"), std::string::npos);
    EXPECT_NE(config_error(R"("pin": "2468", "fullscreen": true)").find("pin is the shipped one"), std::string::npos);
    EXPECT_NE(config_error(R"("pin": "2468")").find("pin is the shipped one"), std::string::npos) << "fullscreen by default";
    EXPECT_EQ(config_error(R"("pin": "2468", "fullscreen": false)"), "");
    auto dir = test::fresh_dir("kiosk_missing_session");
    std::ofstream(dir / "kiosk.json") << R"({"pin": "1357", "attract": [{"session": "nowhere.json"}]})";
    try {
        app::load_kiosk_config(dir / "kiosk.json", test::catalog());
        FAIL();
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("attract[0].session"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("nowhere.json"), std::string::npos) << e.what();
    }
}
