#pragma once
// Outputs are checked before any work starts, so a run never fails after minutes of simulation on a path it
// could have refused at once.
#include <filesystem>
#include <initializer_list>
#include <optional>
#include <string>

namespace dermasim::app {

inline constexpr long kMaxFrames = 20000;  // a run that would write more frames is refused before it starts

// A file to be written: its folder exists and is writable, and it is not itself a folder.
void check_output_file(const std::string& flag, const std::string& path);
// A file a run reads or writes, named by its flag (or "the session" for a positional one); no path: not given.
struct NamedFile {
    std::string what;
    std::optional<std::string> path;
};
// Refuses two of these that name one file: an output written over the input it was made from (a recorded
// session replaced by its report), or two outputs over each other. List the inputs first.
void check_distinct_files(std::initializer_list<NamedFile> files);
// A folder for frames: it exists, holds no frames of an earlier run, and `frames` stays under kMaxFrames (hint:
// what to raise).
// A video alone (no folder) is held to the count only.
void check_frames_folder(const std::optional<std::string>& folder, double frames, const std::string& hint);

}  // namespace dermasim::app
