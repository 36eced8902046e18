// A session replayed reproduces the punctures bit for bit: live input recorded by the controller, the record
// saved and loaded, the sandbox's replay through the app frame, and the headless stroke-script path all agree.
#include <gtest/gtest.h>

#include <cstring>

#include "app/modes/sandbox_mode.hpp"
#include "app/treatment_controller.hpp"
#include "app_test_support.hpp"

using namespace dermasim;
using app::TreatmentController;

namespace {

void expect_identical(const PunctureList& a, const PunctureList& b) {
    ASSERT_EQ(a.size(), b.size());
    ASSERT_GT(a.size(), 0u);
    for (size_t i = 0; i < a.size(); ++i)
        ASSERT_EQ(std::memcmp(&a[i], &b[i], sizeof(Puncture)), 0) << "puncture " << i << " differs";
}

// A trainee's hand, sampled at an uneven frame rate (as a real window is), with pressure changing mid-pass.
void roll_by_hand(TreatmentController& c) {
    double t = 0.0;
    const glm::vec2 starts[] = {{-2.0f, 6.0f}, {7.0f, -3.0f}, {-1.0f, 15.0f}};
    const glm::vec2 dirs[] = {{1.0f, 0.0f}, {0.0f, 1.0f}, {0.7f, -0.7f}};
    for (int pass = 0; pass < 3; ++pass) {
        c.set_pressure(0.3f + 0.2f * pass);
        c.put_down(starts[pass], t);
        for (int i = 1; i <= 40; ++i) {
            t += 0.013 + 0.007 * ((i * 7919) % 5);  // 13..41 ms frames
            if (i == 20) c.set_pressure(c.pressure() + 0.15f);
            c.move(starts[pass] + dirs[pass] * (0.6f * float(i)), t);
        }
        c.lift();
        t += 0.4;
    }
}

// What the window would save of that hand's work on the forehead.
SessionRecord forehead_session(const TreatmentController& live) {
    SessionRecord record;
    record.region = "forehead";
    record.input = live.recording();
    return record;
}

TreatmentController controller(const std::string& region = "forehead") {
    return TreatmentController(test::catalog().regions.find(region), test::catalog().roller, test::catalog().pen);
}

}  // namespace

TEST(Replay, ARecordingLoadedAgainGivesTheSamePuncturesBitForBit) {
    TreatmentController live = controller();
    roll_by_hand(live);
    TreatmentController again = controller();
    again.load(live.recording());
    expect_identical(*live.punctures(), *again.punctures());
}

TEST(Replay, ASavedAndLoadedSessionReplaysTheSamePuncturesAsTheHeadlessPath) {
    TreatmentController live = controller();
    roll_by_hand(live);
    const SessionRecord record = forehead_session(live);
    auto file = test::fresh_dir("replay") / "s.session.json";
    save_session(record, file);
    SessionRecord loaded = load_session(file);
    // The stroke-script path that 'simulate --strokes' runs.
    PunctureList headless = run_stroke_script(loaded.input, test::catalog().regions.find(loaded.region),
                                              test::catalog().roller, test::catalog().pen);
    expect_identical(*live.punctures(), headless);
}

TEST(Replay, TheSandboxReplaysThroughTheAppFrameToTheSamePunctures) {
    TreatmentController live = controller();
    roll_by_hand(live);
    const SessionRecord record = forehead_session(live);

    test::AppRig rig({}, 0.05);  // no session folder: a replay keeps no file
    rig.app->sandbox()->start_replay(record, 2.0, 0.0);
    int frames = 0;
    while (rig.app->sandbox()->state() == app::SandboxMode::State::Replaying && frames < 1000) {
        const SkinView& view = rig.frame();
        ++frames;
        if (frames == 5) {
            EXPECT_TRUE(view.device.has_value()) << "the device is shown while the passes replay";
        }
    }
    // 3 passes of ~1.3 s plus gaps at 2x speed and 20 frames a second: about 40 frames, paced by the clock.
    EXPECT_GT(frames, 30);
    EXPECT_LT(frames, 60);
    EXPECT_EQ(rig.app->sandbox()->treatment().region().id, "forehead");
    expect_identical(*live.punctures(), *rig.app->sandbox()->treatment().punctures());
}

TEST(Replay, UndoTakesBackExactlyTheLastPass) {
    TreatmentController live = controller();
    roll_by_hand(live);
    StrokeScript two = live.recording();
    two.strokes.pop_back();
    TreatmentController reference = controller();
    reference.load(two);
    const uint64_t before = live.revision();
    live.undo_last_pass();
    EXPECT_EQ(live.passes(), 2);
    EXPECT_GT(live.revision(), before);
    expect_identical(*reference.punctures(), *live.punctures());
}
