// The session record: a versioned JSON file that round-trips exactly, still reads old stroke scripts, and
// refuses damaged, future or hand-broken files with a message naming the file and the field.
#include <gtest/gtest.h>

#include <fstream>

#include "app_test_support.hpp"
#include "engine/core/error.hpp"
#include "engine/session/session_record.hpp"

using namespace dermasim;

namespace {

SessionRecord sample_session() {
    SessionRecord s;
    s.app_version = "0.1.0";
    s.tables_hash = "abc123";
    s.created_utc = "2026-11-30T10:00:00Z";
    s.region = "forehead";
    s.input.device = DeviceKind::Pen;
    s.input.needle_mm = 0.75f;
    s.input.pressure = 0.4f;
    s.input.strokes = {{{{0.0, {2.5f, 3.1f}, 0.5f}, {0.1000000001, {4.0f / 3.0f, 5.0f}, 0.7f}}},
                       {{{1.25, {9.0f, 9.5f}, 0.2f}, {1.5, {10.0f, 11.0f}, 0.3f}}}};
    s.aftercare = {true, "peptide", 3, 28};
    s.healing_days = 365.0;
    s.lesson = LessonRecord{"forehead-fine-lines", {{"proceed", true}, {"numbing_minutes", 30}}};
    return s;
}

std::string error_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const Error& e) {
        return e.what();
    }
    return "(no error)";
}

void write(const std::filesystem::path& p, const std::string& text) {
    std::ofstream(p) << text;
}

}  // namespace

TEST(SessionRecord, RoundTripsEveryFieldExactly) {
    const SessionRecord s = sample_session();
    auto file = test::fresh_dir("record") / "s.session.json";
    save_session(s, file);
    SessionRecord back = load_session(file);
    EXPECT_TRUE(back == s);
    // Floats and doubles come back bit for bit (what makes replays reproduce the punctures).
    EXPECT_EQ(back.input.strokes[0].points[1].t_s, 0.1000000001);
    EXPECT_EQ(back.input.strokes[0].points[1].pos_mm.x, 4.0f / 3.0f);
    EXPECT_EQ(to_json(back)["version"], kSessionVersion);
}

TEST(SessionRecord, AnOldStrokeScriptLoadsAsASessionOnTheGivenRegion) {
    SessionRecord s = load_session(DERMASIM_TEST_DATA_DIR "/strokes_crosshatch.json", "neck");
    EXPECT_EQ(s.region, "neck");
    EXPECT_EQ(s.mode, "sandbox");
    EXPECT_EQ(s.input.strokes.size(), 4u);
    StrokeScript script = load_stroke_script(DERMASIM_TEST_DATA_DIR "/strokes_crosshatch.json");
    EXPECT_EQ(s.input.strokes.back().points.back().t_s, script.strokes.back().points.back().t_s);
    EXPECT_EQ(s.input.needle_mm, script.needle_mm);
}

TEST(SessionRecord, DamagedFilesGetOneClearMessage) {
    auto dir = test::fresh_dir("bad");
    std::string good = to_json(sample_session()).dump(1);

    write(dir / "truncated.json", good.substr(0, good.size() / 2));
    EXPECT_NE(error_of([&] { load_session(dir / "truncated.json"); }).find("truncated.json: not valid JSON, the file may be truncated"),
              std::string::npos);

    nlohmann::json future = to_json(sample_session());
    future["version"] = 7;
    write(dir / "future.json", future.dump());
    EXPECT_NE(error_of([&] { load_session(dir / "future.json"); }).find("future.json: was written by a newer DermaSim (session version 7"),
              std::string::npos);

    nlohmann::json wrong = to_json(sample_session());
    wrong["aftercare"]["sessions"] = "two";
    write(dir / "wrong.json", wrong.dump());
    EXPECT_EQ(error_of([&] { load_session(dir / "wrong.json"); }), "wrong.json: aftercare.sessions is not a number");

    nlohmann::json typo = to_json(sample_session());
    typo["regoin"] = "neck";
    write(dir / "typo.json", typo.dump());
    EXPECT_EQ(error_of([&] { load_session(dir / "typo.json"); }), "typo.json: regoin is not a known field");

    nlohmann::json far = to_json(sample_session());
    far["strokes"][1]["points"][0][0] = 0.05;  // starts before the previous pass ended
    write(dir / "order.json", far.dump());
    EXPECT_NE(error_of([&] { load_session(dir / "order.json"); }).find("order.json: strokes[1].points[0]: stroke starts at 0.05 s"),
              std::string::npos);

    nlohmann::json lesson = to_json(sample_session());
    lesson["lesson"]["answers"] = 3;
    write(dir / "lesson.json", lesson.dump());
    EXPECT_EQ(error_of([&] { load_session(dir / "lesson.json"); }), "lesson.json: lesson.answers is not a JSON object");

    EXPECT_NE(error_of([&] { load_session(dir); }).find("is a folder"), std::string::npos);
    EXPECT_NE(error_of([&] { load_session(dir / "missing.json"); }).find("missing.json: cannot open it"), std::string::npos);
}

TEST(SessionRecord, ASessionJustBegunMayHoldNoPassButAScriptMustHoldOne) {
    SessionRecord s = sample_session();
    s.input.strokes.clear();
    auto file = test::fresh_dir("empty") / "empty.session.json";
    save_session(s, file);
    EXPECT_TRUE(load_session(file).input.strokes.empty());
    EXPECT_THROW(validate_stroke_script(s.input), Error);
}
