#pragma once
// A long export (the consultation's MP4) run as a child process of this same program ('dermasim simulate ...
// --video'), so the window stays responsive and the export uses the same, tested headless path. Its progress
// comes from the child's "progress" lines (DERMASIM_PROGRESS=lines); cancelling sends SIGTERM, on which the child
// removes its half-made video. Nothing here waits on the child in a frame: the window never freezes on it.
#include <string>
#include <sys/types.h>
#include <vector>

namespace dermasim::app {

class ExportJob {
public:
    ExportJob() = default;
    ~ExportJob();  // a running job is cancelled: given a few seconds to clean up, then killed
    ExportJob(const ExportJob&) = delete;
    ExportJob& operator=(const ExportJob&) = delete;

    void start(const std::vector<std::string>& args);  // arguments after the program name; Error if it cannot start
    void poll();    // reads progress; notices the end (call every frame)
    void cancel();  // asks the child to stop; poll() notices when it has

    bool running() const { return child_ > 0; }
    bool cancelling() const { return running() && cancelled_; }
    double progress() const { return progress_; }  // 0..1
    // After the end: "" when it succeeded, else the child's last message (or "cancelled").
    const std::string& error() const { return error_; }
    bool finished() const { return finished_; }
    void clear() { finished_ = false; error_.clear(); progress_ = 0; }  // the end was reported; ready for another

private:
    pid_t child_ = -1;
    int output_ = -1;  // the child's stderr
    std::string pending_, last_line_, error_;
    double progress_ = 0;
    bool finished_ = false, cancelled_ = false;

    void read_output();
    void ended(int status);
};

}  // namespace dermasim::app
