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

void check_frames_folder(const std::optional<std::string>& folder, double frames, const std::string& hint) {
    if (frames > double(kMaxFrames))
        throw Error("the run would write " + std::to_string(long(frames)) + " frames (at most " +
                    std::to_string(kMaxFrames) + "): " + hint);
    if (!folder) return;  // a video alone: no PNG is written
    std::error_code ec;
    if (!fs::is_directory(*folder, ec))
        throw Error("--frames '" + *folder + "' is not an existing folder: create it first (mkdir -p '" + *folder + "')");
    // Frames of an earlier run would be overwritten where their names match and mixed into the sequence where
    // they do not (the names carry the day): a video made from the folder would show both runs.
    std::string first;
    int held = 0;
    for (const fs::directory_entry& entry : fs::directory_iterator(*folder, ec)) {
        const std::string name = entry.path().filename().string();
        if (!name.starts_with("frame_") || !name.ends_with(".png")) continue;
        if (held++ == 0 || name < first) first = name;
    }
    if (held > 0)
        throw Error("--frames '" + *folder + "' already holds " +
                    (held == 1 ? "a frame" : std::to_string(held) + " frames") + " of an earlier run (" + first +
                    (held > 1 ? ", ..." : "") + "): choose an empty folder, or move them away first");
}

}  // namespace dermasim::app
