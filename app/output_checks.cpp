#include "app/output_checks.hpp"

#include <unistd.h>

#include <utility>
#include <vector>

#include "engine/core/error.hpp"

namespace dermasim::app {
namespace fs = std::filesystem;

void check_output_file(const std::string& flag, const std::string& path) {
    std::error_code ec;
    fs::path folder = fs::path(path).parent_path();
    if (folder.empty()) folder = ".";
    if (path.empty()) throw Error(flag + " needs a file name");
    if (!fs::is_directory(folder, ec))
        throw Error("cannot write '" + path + "': folder '" + folder.string() + "' does not exist");
    if (fs::is_directory(path, ec)) throw Error(flag + " '" + path + "' is a folder, not a file");
    if (access(folder.c_str(), W_OK) != 0)
        throw Error("cannot write '" + path + "': folder '" + folder.string() + "' is not writable");
}

void check_distinct_files(std::initializer_list<NamedFile> files) {
    std::vector<std::pair<const NamedFile*, fs::path>> seen;
    for (const NamedFile& f : files) {
        if (!f.path || f.path->empty()) continue;
        std::error_code ec;
        fs::path canonical = fs::weakly_canonical(*f.path, ec);
        if (ec) canonical = fs::absolute(*f.path, ec).lexically_normal();
        for (const auto& [earlier, path] : seen)
            if (path == canonical)
                throw Error(f.what + " '" + *f.path + "' is the same file as " + earlier->what + " '" + *earlier->path +
                            "': choose another file for " + f.what);
        seen.emplace_back(&f, canonical);
    }
}

void check_frames_folder(const std::string& folder, double frames, const std::string& hint) {
    std::error_code ec;
    if (!fs::is_directory(folder, ec))
        throw Error("--frames '" + folder + "' is not an existing folder: create it first (mkdir -p '" + folder + "')");
    if (frames > double(kMaxFrames))
        throw Error("the run would write " + std::to_string(long(frames)) + " frames (at most " +
                    std::to_string(kMaxFrames) + "): " + hint);
}

}  // namespace dermasim::app
