// Writes that failed silently or half way (issue 13): a PNG on a full disk gave exit 0 and a truncated file, a
// set of models was half replaced, an empty name said "cannot write '': Success".
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <gtest/gtest.h>

#include "engine/core/atomic_file.hpp"
#include "engine/core/error.hpp"
#include "tests/common/error_of.hpp"
#include "engine/io/png.hpp"
#include "tests/common/scratch_folder.hpp"

namespace dermasim {
namespace {

namespace fs = std::filesystem;

using test::error_of;

std::string contents(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// One folder per test: ctest runs the tests of this suite as parallel processes, and a folder they shared once
// held another test's PNG while this one checked that no temporary file was left behind.
fs::path scratch_dir() {
    return test::scratch_folder(::testing::UnitTest::GetInstance()->current_test_info()->name());
}

RgbaImage small_image() { return {4, 2, std::vector<uint8_t>(4 * 2 * 4, 200)}; }

TEST(SafeWrites, APngOnAFullDiskIsAnError) {
    if (!fs::exists("/dev/full")) GTEST_SKIP() << "no /dev/full";
    const std::string message = error_of([] { write_png("/dev/full", small_image()); });
    EXPECT_NE(message.find("cannot write '/dev/full'"), std::string::npos) << message;
    EXPECT_NE(message.find("No space left on device"), std::string::npos) << message;
}

TEST(SafeWrites, APngIsWholeAndReadsBack) {
    const fs::path file = scratch_dir() / "small.png";
    write_png(file, small_image());
    const RgbaImage back = read_png(file);
    EXPECT_EQ(back.width, 4u);
    EXPECT_EQ(back.pixels, small_image().pixels);
}

TEST(SafeWrites, AFailedFileOfASetReplacesNoneOfThem) {
    const fs::path dir = scratch_dir();
    { std::ofstream(dir / "roller.gltf") << "old roller"; }
    const std::string message = error_of([&] {
        write_files_atomically({{dir / "roller.gltf", "new roller"}, {dir / "missing" / "pen.gltf", "new pen"}});
    });
    EXPECT_NE(message.find("missing' does not exist"), std::string::npos) << message;
    EXPECT_EQ(contents(dir / "roller.gltf"), "old roller");
    for (const auto& entry : fs::directory_iterator(dir))
        EXPECT_EQ(entry.path().filename(), "roller.gltf") << "a temporary file was left behind";
    write_files_atomically({{dir / "roller.gltf", "new roller"}, {dir / "pen.gltf", "new pen"}});
    EXPECT_EQ(contents(dir / "roller.gltf"), "new roller");
    EXPECT_EQ(contents(dir / "pen.gltf"), "new pen");
}

TEST(SafeWrites, AnEmptyNameSaysSo) {
    EXPECT_NE(error_of([] { write_text_atomically("", "x"); }).find("no file name given"), std::string::npos);
    EXPECT_NE(error_of([] { write_png("", small_image()); }).find("no file name given"), std::string::npos);
}

}  // namespace
}  // namespace dermasim
