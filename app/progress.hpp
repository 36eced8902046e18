#pragma once
// A one-line progress bar on a terminal (stderr); silent when stderr is not a terminal (logs, CI), unless
// DERMASIM_PROGRESS=lines asks for one "progress LABEL N%" line per percent (read by the window when it runs an
// export as a child process).
#include <cstdio>
#include <cstdlib>
#include <string>
#include <unistd.h>

namespace dermasim::app {

class ProgressBar {
public:
    explicit ProgressBar(std::string label)
        : label_(std::move(label)), tty_(isatty(STDERR_FILENO)), lines_(lines_wanted()) {}
    ~ProgressBar() { done(); }
    void update(double fraction) {
        int percent = int(fraction * 100.0 + 0.5);
        if ((!tty_ && !lines_) || percent == last_) return;
        last_ = percent;
        if (lines_) {
            std::fprintf(stderr, "progress %s %d%%\n", label_.c_str(), percent);
            std::fflush(stderr);
            return;
        }
        int filled = percent * 30 / 100;
        std::fprintf(stderr, "\r%s [%.*s%*s] %3d%%", label_.c_str(), filled, "##############################",
                     30 - filled, "", percent);
        std::fflush(stderr);
    }
    void done() {
        if (tty_ && !lines_ && last_ >= 0) std::fprintf(stderr, "\n");
        last_ = -1;
    }

private:
    static bool lines_wanted() {
        const char* mode = std::getenv("DERMASIM_PROGRESS");
        return mode && std::string(mode) == "lines";
    }
    std::string label_;
    bool tty_, lines_;
    int last_ = -1;
};

}  // namespace dermasim::app
