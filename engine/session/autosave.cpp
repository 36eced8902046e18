#include "engine/session/autosave.hpp"

#include <cctype>
#include <cstdlib>
#include <ctime>

#include "engine/core/atomic_file.hpp"
#include "engine/core/error.hpp"

namespace dermasim {
namespace fs = std::filesystem;

fs::path default_session_folder() {
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg == '/') return fs::path(xdg) / "dermasim" / "sessions";
    const char* home = std::getenv("HOME");
    if (!home || !*home) throw Error("cannot find a folder for sessions: neither XDG_DATA_HOME nor HOME is set");
    return fs::path(home) / ".local" / "share" / "dermasim" / "sessions";
}

std::string session_file_stem(const SessionRecord& session) {
    std::time_t now = std::time(nullptr);
    std::tm tm{};
    localtime_r(&now, &tm);
    char when[32];
    std::strftime(when, sizeof when, "%Y-%m-%d_%H%M%S", &tm);
    // Region ids come from our own table, but a hand-edited session could hold anything: keep names tame.
    std::string region;
    for (char c : session.region) region += (std::isalnum(static_cast<unsigned char>(c)) || c == '-') ? c : '_';
    return std::string(when) + "_" + region + "_" + std::string(device_key(session.input.device));
}

Autosaver::Autosaver(fs::path folder, fs::path file, double interval_s)
    : folder_(std::move(folder)), fixed_file_(std::move(file)), path_(fixed_file_), interval_s_(interval_s) {}

bool Autosaver::tick(const SessionRecord& session, uint64_t revision, double now_s) {
    if (!unsaved(revision) || now_s - last_attempt_s_ < interval_s_) return false;
    last_attempt_s_ = now_s;
    return save(session, revision);
}

bool Autosaver::flush(const SessionRecord& session, uint64_t revision) {
    return !unsaved(revision) || save(session, revision);
}

void Autosaver::start_new_file() {
    // Once the named file holds a session, later sessions get fresh names beside it. Until then (a region, device
    // or lesson chosen before the first pass), the named file is still the one to write.
    if (!fixed_file_.empty() && written_) {
        folder_ = fixed_file_.has_parent_path() ? fixed_file_.parent_path() : fs::path(".");
        fixed_file_.clear();
    }
    path_ = fixed_file_;
    written_ = false;
    saved_revision_ = 0;
    error_.clear();
}

bool Autosaver::save(const SessionRecord& session, uint64_t revision) {
    try {
        const std::string text = to_json(session).dump(1) + "\n";
        if (!path_.empty() && !written_ && fs::exists(path_)) {
            // A file this saver did not write (someone else's, or one left since the check at start): keep it,
            // and save beside it under a fresh name.
            folder_ = path_.has_parent_path() ? path_.parent_path() : fs::path(".");
            path_.clear();
        }
        if (!path_.empty()) {
            // The folder may have gone since the last save (cleaned up while the app ran): make it again, or
            // every later save fails and leaving can only lose the session.
            std::error_code ec;
            if (path_.has_parent_path()) fs::create_directories(path_.parent_path(), ec);
            write_text_atomically(path_, text);
        } else {
            std::error_code ec;
            fs::create_directories(folder_, ec);
            if (ec) throw Error("cannot create the session folder '" + folder_.string() + "': " + ec.message());
            path_ = write_new_file_atomically(folder_, session_file_stem(session), ".session.json", text);
        }
        written_ = true;
        saved_revision_ = revision;
        error_.clear();
        return true;
    } catch (const std::exception& e) {  // a save must never take the session down with it
        error_ = e.what();
        return false;
    }
}

}  // namespace dermasim
