#pragma once
// Nothing lost: the open session is saved atomically every few seconds while there is new input, and on
// demand (exit, before switching). Sessions go to the per-user data folder (XDG) under readable names that
// never collide, or to a file the user named. A failed save keeps the session in memory, says why, and is
// tried again at the next interval.
#include <cstdint>
#include <filesystem>
#include <string>

#include "engine/session/session_record.hpp"

namespace dermasim {

// $XDG_DATA_HOME/dermasim/sessions, else $HOME/.local/share/dermasim/sessions (not created here).
std::filesystem::path default_session_folder();
// "2026-11-30_140322_forehead_roller": when it began (local time), where, with what.
std::string session_file_stem(const SessionRecord& session);

class Autosaver {
public:
    // folder: new sessions get a fresh name there. file: if given, every save goes to that file instead.
    explicit Autosaver(std::filesystem::path folder, std::filesystem::path file = {}, double interval_s = 3.0);

    // Saves if revision is newer than the last saved one and interval_s has passed since the last attempt.
    // Returns true when it wrote.
    bool tick(const SessionRecord& session, uint64_t revision, double now_s);
    // Saves now if anything is unsaved; returns false (with error()) if the save failed.
    bool flush(const SessionRecord& session, uint64_t revision);
    // This revision is already on disk elsewhere (a replayed file): nothing to save until it changes.
    void mark_saved(uint64_t revision) { saved_revision_ = revision; }
    // The next save starts a new file (a new session began). Earlier files are left as they are.
    void start_new_file();

    bool unsaved(uint64_t revision) const { return revision != saved_revision_; }
    const std::filesystem::path& path() const { return path_; }  // empty until the first save, or the named file
    bool written() const { return written_; }                    // this session is in its file
    const std::string& error() const { return error_; }          // the last save's failure, "" after a success

private:
    bool save(const SessionRecord& session, uint64_t revision);

    std::filesystem::path folder_, fixed_file_, path_;
    double interval_s_;
    double last_attempt_s_ = -1e300;
    uint64_t saved_revision_ = 0;  // revision 0 is "nothing to save"
    bool written_ = false;         // path_ is a file this saver wrote (so it may replace it)
    std::string error_;
};

}  // namespace dermasim
