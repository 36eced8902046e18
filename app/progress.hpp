#pragma once
// A one-line progress bar on a terminal (stderr); silent when stderr is not a terminal (logs, CI).
#include <cstdio>
#include <string>
#include <unistd.h>

namespace dermasim::app {

class ProgressBar {
public:
    explicit ProgressBar(std::string label) : label_(std::move(label)), tty_(isatty(STDERR_FILENO)) {}
    ~ProgressBar() { done(); }
    void update(double fraction) {
        int percent = int(fraction * 100.0 + 0.5);
        if (!tty_ || percent == last_) return;
        last_ = percent;
        int filled = percent * 30 / 100;
        std::fprintf(stderr, "\r%s [%.*s%*s] %3d%%", label_.c_str(), filled, "##############################",
                     30 - filled, "", percent);
        std::fflush(stderr);
    }
    void done() {
        if (tty_ && last_ >= 0) std::fprintf(stderr, "\n");
        last_ = -1;
    }

private:
    std::string label_;
    bool tty_;
    int last_ = -1;
};

}  // namespace dermasim::app
