#pragma once
// Where tests write their files: one folder per test process under the system's temporary folder, removed when
// the process ends, so a run of the suite leaves nothing behind (DERMASIM_KEEP_TEST_FILES=1 keeps it, to look
// at). ctest runs every test as a process of its own, so tests running side by side never share a folder.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <system_error>

namespace dermasim::test {

inline const std::filesystem::path& scratch_root() {
    struct Root {
        const pid_t owner = getpid();
        const std::filesystem::path dir =
            std::filesystem::temp_directory_path() / ("dermasim_test_" + std::to_string(owner));
        Root() {
            std::filesystem::remove_all(dir);
            std::filesystem::create_directories(dir);
        }
        // Only by the process that made it: a forked child that exits must not take its parent's files.
        ~Root() {
            std::error_code ignored;
            if (getpid() == owner && !std::getenv("DERMASIM_KEEP_TEST_FILES")) std::filesystem::remove_all(dir, ignored);
        }
    };
    static const Root root;
    return root.dir;
}

// A fresh, empty folder `name` in the scratch root.
inline std::filesystem::path scratch_folder(const std::string& name) {
    const std::filesystem::path dir = scratch_root() / name;
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

}  // namespace dermasim::test
