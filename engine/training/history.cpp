#include "engine/training/history.hpp"

#include <sqlite3.h>

#include "engine/core/error.hpp"
#include "engine/session/autosave.hpp"

namespace dermasim {
namespace {

// One prepared statement, finalized on every path.
class Statement {
public:
    Statement(sqlite3* db, const char* sql, const std::filesystem::path& file) : file_(file) {
        if (sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) != SQLITE_OK)
            throw Error(file.string() + ": " + sqlite3_errmsg(db));
    }
    ~Statement() { sqlite3_finalize(stmt_); }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    void bind(int i, const std::string& text) { sqlite3_bind_text(stmt_, i, text.c_str(), -1, SQLITE_TRANSIENT); }
    void bind(int i, double v) { sqlite3_bind_double(stmt_, i, v); }
    void bind(int i, int v) { sqlite3_bind_int(stmt_, i, v); }
    bool step() {
        const int rc = sqlite3_step(stmt_);
        if (rc == SQLITE_ROW) return true;
        if (rc == SQLITE_DONE) return false;
        throw Error(file_.string() + ": " + sqlite3_errmsg(sqlite3_db_handle(stmt_)));
    }
    std::string text(int col) const {
        const auto* t = sqlite3_column_text(stmt_, col);
        return t ? reinterpret_cast<const char*>(t) : "";
    }
    double number(int col) const { return sqlite3_column_double(stmt_, col); }
    int64_t integer(int col) const { return sqlite3_column_int64(stmt_, col); }

private:
    sqlite3_stmt* stmt_ = nullptr;
    std::filesystem::path file_;
};

constexpr int kSchemaVersion = 1;
// application_id marks the file as a DermaSim history ("DSHI"), so another SQLite file is refused.
constexpr int kApplicationId = 0x44534849;
constexpr const char* kNotAHistory =
    ": is not a DermaSim training history (left as it is; move it aside to start a new history)";

}  // namespace

TrainingHistory::TrainingHistory(const std::filesystem::path& file, Access access) : file_(file) {
    std::error_code ec;
    const bool write = access == Access::Write;
    if (write && file.has_parent_path()) std::filesystem::create_directories(file.parent_path(), ec);
    const bool existed = std::filesystem::exists(file, ec);
    open(write ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READONLY);
    if (!write && hot_journal()) {
        // A DermaSim stopped while it wrote (power lost, killed) and left its journal: SQLite rolls the unfinished
        // write back when a connection that may write first reads, and a read-only one refuses the file until
        // then. Rolling back restores what was last saved, which is what a reader should see anyway (and what any
        // SQLite program that may write does on opening it). Then read-only again, as asked.
        sqlite3_close(db_);
        open(SQLITE_OPEN_READWRITE);
        const bool still_hot = hot_journal();  // SQLite opened it read-only after all: the file may not be written
        sqlite3_close(db_);
        if (still_hot)
            throw Error(file.string() + ": cannot read the training history: a DermaSim stopped while it wrote it, "
                        "and only a user who may write the file, where it is writable, can undo that unfinished "
                        "write (open it once as that user)");
        open(SQLITE_OPEN_READONLY);
    }
    try {
        sqlite3_busy_timeout(db_, 2000);  // another DermaSim writing: wait rather than fail
        int app_id = 0, version = 0;
        {
            Statement s(db_, "PRAGMA application_id", file_);
            if (s.step()) app_id = int(s.integer(0));
        }
        {
            Statement s(db_, "PRAGMA user_version", file_);
            if (s.step()) version = int(s.integer(0));
        }
        if (existed && std::filesystem::file_size(file, ec) > 0 && app_id != kApplicationId)
            throw Error(file.string() + kNotAHistory);
        if (version > kSchemaVersion)
            throw Error(file.string() + ": was written by a newer DermaSim (history version " + std::to_string(version) + ")");
        if (!write) {
            has_sessions_ = app_id == kApplicationId;
            return;
        }
        // The schema and the marks appear together or not at all: a crash between them, or two DermaSims making
        // the file at once, would otherwise leave a file without the mark, refused from then on.
        exec("BEGIN IMMEDIATE");
        exec("CREATE TABLE IF NOT EXISTS sessions ("
             " id INTEGER PRIMARY KEY, trainee TEXT NOT NULL, lesson TEXT NOT NULL, finished TEXT NOT NULL,"
             " overall REAL NOT NULL, passed INTEGER NOT NULL, criteria TEXT NOT NULL, session_file TEXT NOT NULL)");
        exec(("PRAGMA application_id = " + std::to_string(kApplicationId)).c_str());
        exec(("PRAGMA user_version = " + std::to_string(kSchemaVersion)).c_str());
        exec("COMMIT");
    } catch (const Error& e) {
        sqlite3_close(db_);
        // SQLite reports a damaged or foreign file as "file is not a database": say what the file was for.
        throw Error(std::string(e.what()).find("not a database") != std::string::npos
                        ? file.string() + kNotAHistory
                        : e.what());
    }
}

TrainingHistory::~TrainingHistory() { sqlite3_close(db_); }

void TrainingHistory::open(int flags) {
    if (sqlite3_open_v2(file_.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
        std::string why = db_ ? sqlite3_errmsg(db_) : "out of memory";
        sqlite3_close(db_);
        throw Error(file_.string() + ": cannot open the training history (" + why + ")");
    }
}

bool TrainingHistory::hot_journal() const {
    // The first read of a read-only connection meets the journal, if there is one.
    const int rc = sqlite3_exec(db_, "PRAGMA schema_version", nullptr, nullptr, nullptr);
    return rc != SQLITE_OK && sqlite3_extended_errcode(db_) == SQLITE_READONLY_ROLLBACK;
}

void TrainingHistory::exec(const char* sql) const {
    char* message = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &message) != SQLITE_OK) {
        std::string why = message ? message : "unknown error";
        sqlite3_free(message);
        throw Error(file_.string() + ": " + why);
    }
}

int64_t TrainingHistory::add(const HistoryEntry& e) {
    Statement s(db_, "INSERT INTO sessions (trainee, lesson, finished, overall, passed, criteria, session_file)"
                     " VALUES (?, ?, ?, ?, ?, ?, ?)", file_);
    s.bind(1, e.trainee);
    s.bind(2, e.lesson_id);
    s.bind(3, e.finished_utc);
    s.bind(4, e.overall);
    s.bind(5, e.passed ? 1 : 0);
    s.bind(6, e.criteria_json);
    s.bind(7, e.session_file);
    s.step();
    return sqlite3_last_insert_rowid(db_);
}

std::vector<HistoryEntry> TrainingHistory::entries(const std::string& trainee) const {
    if (!has_sessions_) return {};
    Statement s(db_, "SELECT id, trainee, lesson, finished, overall, passed, criteria, session_file FROM sessions"
                     " WHERE ?1 = '' OR trainee = ?1 ORDER BY finished, id", file_);
    s.bind(1, trainee);
    std::vector<HistoryEntry> out;
    while (s.step())
        out.push_back({s.integer(0), s.text(1), s.text(2), s.text(3), s.number(4), s.integer(5) != 0, s.text(6), s.text(7)});
    return out;
}

std::vector<std::string> TrainingHistory::trainees() const {
    if (!has_sessions_) return {};
    Statement s(db_, "SELECT DISTINCT trainee FROM sessions ORDER BY trainee", file_);
    std::vector<std::string> out;
    while (s.step()) out.push_back(s.text(0));
    return out;
}

std::filesystem::path default_history_file() {
    return default_session_folder().parent_path() / "history.sqlite";  // beside the sessions it lists
}

}  // namespace dermasim
