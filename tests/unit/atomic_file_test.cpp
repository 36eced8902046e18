#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "engine/core/atomic_file.hpp"
#include "engine/core/error.hpp"
#include "tests/common/scratch_folder.hpp"

namespace fs = std::filesystem;
using namespace dermasim;

namespace {
fs::path temp_dir() {
    return dermasim::test::scratch_root();
}
std::string read(const fs::path& p) {
    std::ifstream in(p);
    return std::string(std::istreambuf_iterator<char>(in), {});
}
}  // namespace

TEST(AtomicFile, WritesAndReplacesWholeFiles) {
    fs::path file = temp_dir() / "report.json";
    write_text_atomically(file, "first");
    write_text_atomically(file, "second");
    EXPECT_EQ(read(file), "second");
    for (auto& entry : fs::directory_iterator(file.parent_path()))
        EXPECT_EQ(entry.path().filename().string().find(".tmp"), std::string::npos) << "temporary file left behind";
}

TEST(AtomicFile, FailedWriteKeepsTheOldFile) {
    fs::path file = temp_dir() / "keep.json";
    write_text_atomically(file, "old");
    EXPECT_THROW(write_atomically(file, [](const fs::path&) { throw Error("disk full"); }), Error);
    EXPECT_EQ(read(file), "old");
}

TEST(AtomicFile, MissingFolderIsAClearError) {
    try {
        write_text_atomically("/nonexistent-dermasim/x.json", "x");
        FAIL();
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("does not exist"), std::string::npos) << e.what();
    }
}

TEST(AtomicFile, ADeviceOrPipeIsWrittenInPlaceNotReplaced) {
    // Renaming a temporary file over /dev/null would replace the device (as root); a FIFO shows the same
    // safely, so the test never touches a real device.
    fs::path fifo = temp_dir() / "pipe";
    fs::remove(fifo);
    ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
    // A non-blocking reader first, so a regression fails instead of hanging.
    int fd = open(fifo.c_str(), O_RDONLY | O_NONBLOCK);
    ASSERT_GE(fd, 0);
    write_text_atomically(fifo, "through the pipe");
    char buf[64] = {};
    ssize_t n = ::read(fd, buf, sizeof buf - 1);
    close(fd);
    EXPECT_EQ(std::string(buf, n > 0 ? size_t(n) : 0), "through the pipe");
    EXPECT_TRUE(fs::is_fifo(fifo)) << "the pipe was replaced by a file";
}
