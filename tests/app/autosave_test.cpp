// Nothing lost: autosave writes atomically, only when there is something new and the interval has passed,
// names never collide, and a failed save keeps the session and is retried.
#include <gtest/gtest.h>

#include <fstream>

#include "app_test_support.hpp"
#include "engine/core/atomic_file.hpp"
#include "engine/session/autosave.hpp"

using namespace dermasim;
namespace fs = std::filesystem;

namespace {
SessionRecord one_pass(const std::string& region = "cheek") {
    SessionRecord s;
    s.region = region;
    s.input.strokes = {{{{0.0, {1.0f, 1.0f}, 0.5f}, {0.5, {5.0f, 1.0f}, 0.5f}}}};
    return s;
}
size_t files_in(const fs::path& dir) {
    size_t n = 0;
    for (auto& e : fs::directory_iterator(dir)) n += e.is_regular_file();
    return n;
}
}  // namespace

TEST(Autosave, SavesNewWorkOncePerIntervalAndNothingWhenIdle) {
    auto dir = test::fresh_dir("interval");
    Autosaver saver(dir, {}, 3.0);
    SessionRecord s = one_pass();
    EXPECT_TRUE(saver.tick(s, 1, 10.0));
    ASSERT_FALSE(saver.path().empty());
    EXPECT_EQ(saver.path().parent_path(), dir);
    EXPECT_NE(saver.path().filename().string().find("_cheek_roller"), std::string::npos) << saver.path();
    EXPECT_FALSE(saver.tick(s, 1, 20.0)) << "nothing new";
    s.input.strokes.push_back({{{1.0, {2.0f, 2.0f}, 0.5f}, {1.5, {2.0f, 6.0f}, 0.5f}}});
    EXPECT_TRUE(saver.tick(s, 2, 21.0)) << "new work after an idle spell is saved at once";
    s.input.strokes.push_back({{{2.0, {3.0f, 2.0f}, 0.5f}, {2.5, {3.0f, 6.0f}, 0.5f}}});
    EXPECT_FALSE(saver.tick(s, 3, 22.0)) << "within the interval of the last save";
    EXPECT_TRUE(saver.unsaved(3));
    EXPECT_TRUE(saver.tick(s, 3, 24.0));
    EXPECT_EQ(load_session(saver.path()).input.strokes.size(), 3u);
    EXPECT_EQ(files_in(dir), 1u) << "the same session keeps its file";
}

TEST(Autosave, NamesNeverCollideAndANewSessionGetsANewFile) {
    auto dir = test::fresh_dir("names");
    Autosaver a(dir), b(dir);
    ASSERT_TRUE(a.flush(one_pass(), 1));
    ASSERT_TRUE(b.flush(one_pass(), 1));  // the same second, region and device
    EXPECT_NE(a.path(), b.path());
    EXPECT_NE(b.path().filename().string().find("-2.session.json"), std::string::npos) << b.path();
    a.start_new_file();
    ASSERT_TRUE(a.flush(one_pass("neck"), 1));
    EXPECT_EQ(files_in(dir), 3u);
    for (auto& e : fs::directory_iterator(dir)) EXPECT_NO_THROW(load_session(e.path())) << e.path();
}

TEST(Autosave, AGivenFileIsUsed) {
    auto file = test::fresh_dir("fixed") / "mine.json";
    Autosaver saver({}, file);
    ASSERT_TRUE(saver.flush(one_pass(), 4));
    EXPECT_EQ(saver.path(), file);
    EXPECT_EQ(load_session(file).region, "cheek");
}

TEST(Autosave, AGivenFileIsKeptWhenTheSessionStartsOverBeforeItsFirstSave) {
    // Training applies its lesson's region, device and needle, each starting the session over, before any pass.
    auto file = test::fresh_dir("fixed_before_save") / "mine.json";
    Autosaver saver({}, file);
    saver.start_new_file();
    saver.start_new_file();
    ASSERT_TRUE(saver.flush(one_pass(), 1));
    EXPECT_EQ(saver.path(), file);
    EXPECT_TRUE(fs::exists(file));
}

TEST(Autosave, AFailedSaveSaysWhyKeepsTheWorkUnsavedAndIsRetried) {
    auto dir = test::fresh_dir("fail");
    std::ofstream(dir / "blocker") << "a file where the sessions folder should be";
    Autosaver saver(dir / "blocker" / "sessions", {}, 3.0);
    EXPECT_FALSE(saver.tick(one_pass(), 1, 0.0));
    EXPECT_NE(saver.error().find("blocker/sessions"), std::string::npos) << saver.error();
    EXPECT_TRUE(saver.unsaved(1));
    fs::remove(dir / "blocker");  // the user frees the place
    EXPECT_FALSE(saver.tick(one_pass(), 1, 1.0)) << "retried at the next interval, not every frame";
    EXPECT_TRUE(saver.tick(one_pass(), 1, 3.5));
    EXPECT_TRUE(saver.error().empty());
    EXPECT_FALSE(saver.unsaved(1));
}

// The sessions folder removed while the app runs (a clean-up, a sync tool): the next save makes it again.
TEST(Autosave, AFolderRemovedSinceTheLastSaveIsMadeAgain) {
    auto dir = test::fresh_dir("folder_gone") / "sessions";
    Autosaver saver(dir, {}, 3.0);
    ASSERT_TRUE(saver.flush(one_pass(), 1));
    const fs::path file = saver.path();
    fs::remove_all(dir);
    SessionRecord more = one_pass();
    more.input.strokes.push_back({{{1.0, {2.0f, 2.0f}, 0.5f}, {1.5, {2.0f, 6.0f}, 0.5f}}});
    EXPECT_TRUE(saver.flush(more, 2)) << saver.error();
    EXPECT_EQ(saver.path(), file);
    EXPECT_EQ(load_session(file).input.strokes.size(), 2u);
}

TEST(AtomicFile, NewFilesTakeTheNextFreeNameAndLeaveNoTemporary) {
    auto dir = test::fresh_dir("newfile");
    EXPECT_EQ(write_new_file_atomically(dir, "x", ".json", "1").filename(), "x.json");
    EXPECT_EQ(write_new_file_atomically(dir, "x", ".json", "2").filename(), "x-2.json");
    EXPECT_EQ(files_in(dir), 2u);
}

TEST(Autosave, AGivenFileIsNeverReplacedByAnotherSessionOrIfItWasNotOurs) {
    auto dir = test::fresh_dir("fixed_then_new");
    Autosaver saver({}, dir / "mine.json");
    ASSERT_TRUE(saver.flush(one_pass("forehead"), 1));
    saver.start_new_file();  // the person started over on another region
    ASSERT_TRUE(saver.flush(one_pass("neck"), 1));
    EXPECT_NE(saver.path(), dir / "mine.json");
    EXPECT_EQ(saver.path().parent_path(), dir);
    EXPECT_EQ(load_session(dir / "mine.json").region, "forehead") << "the first session's file was replaced";

    // A file that appeared at the given path after the start-up check is someone else's: save beside it.
    std::ofstream(dir / "theirs.json") << "not ours";
    Autosaver late({}, dir / "theirs.json");
    ASSERT_TRUE(late.flush(one_pass(), 1));
    EXPECT_NE(late.path(), dir / "theirs.json");
    std::ifstream in(dir / "theirs.json");
    EXPECT_EQ(std::string(std::istreambuf_iterator<char>(in), {}), "not ours");
}
