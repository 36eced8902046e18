#pragma once
// The trainee history: every completed training session, one row each, in an embedded SQLite database
// (history.sqlite in the user's data folder). SQLite's own transactions keep it whole through a crash; a file
// that is not a DermaSim history is refused, never written to (but for the rollback of a write left unfinished
// by a crash, which any SQLite program that may write the file makes on opening it).
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

struct sqlite3;

namespace dermasim {

struct HistoryEntry {
    int64_t id = 0;
    std::string trainee;
    std::string lesson_id;
    std::string finished_utc;  // ISO 8601
    double overall = 0;
    bool passed = false;
    std::string criteria_json;  // {criterion: score, ...}
    std::string session_file;   // "" when the session was not saved
};

class TrainingHistory {
public:
    // Write: opens the database to add to it, creating it (and its schema) when missing. Read: opens an existing
    // one read-only and changes nothing: it lists a history on a read-only share, or one that another DermaSim
    // is writing to, without taking its write lock. The one exception: a write a crashed DermaSim left unfinished
    // (a hot journal) is rolled back first, where the file may be written. Error naming the file when it cannot
    // be opened or is not ours.
    enum class Access { Write, Read };
    explicit TrainingHistory(const std::filesystem::path& file, Access access = Access::Write);
    ~TrainingHistory();
    TrainingHistory(const TrainingHistory&) = delete;
    TrainingHistory& operator=(const TrainingHistory&) = delete;

    int64_t add(const HistoryEntry& entry);
    // Oldest first; trainee "" = everyone.
    std::vector<HistoryEntry> entries(const std::string& trainee = "") const;
    std::vector<std::string> trainees() const;
    const std::filesystem::path& file() const { return file_; }

private:
    void open(int flags);      // into db_; throws Error (db_ closed) if SQLite cannot
    bool hot_journal() const;  // whether a read-only connection meets a journal it may not roll back
    void exec(const char* sql) const;
    std::filesystem::path file_;
    sqlite3* db_ = nullptr;
    bool has_sessions_ = true;  // false: a file made empty and read before its first writer gave it the schema
};

// $XDG_DATA_HOME/dermasim/history.sqlite, or ~/.local/share/dermasim/history.sqlite: beside the sessions folder.
std::filesystem::path default_history_file();

}  // namespace dermasim
