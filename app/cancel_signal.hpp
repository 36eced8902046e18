#pragma once
// Long headless work (a video export) stops cleanly on ctrl+C or SIGTERM: while one of these lives, the signals
// only set a flag that the work checks between frames, so it can remove what it had half written and say so.
#include <csignal>

namespace dermasim::app {

class CancelOnSignal {
public:
    CancelOnSignal() {
        flag() = 0;
        previous_int_ = std::signal(SIGINT, on_signal);
        previous_term_ = std::signal(SIGTERM, on_signal);
        // The window that started an export may be gone (quit right after cancelling it): a progress line written
        // to its closed pipe must not kill the export before it has removed its half-made video.
        previous_pipe_ = std::signal(SIGPIPE, SIG_IGN);
    }
    ~CancelOnSignal() {
        std::signal(SIGINT, previous_int_);
        std::signal(SIGTERM, previous_term_);
        std::signal(SIGPIPE, previous_pipe_);
    }
    CancelOnSignal(const CancelOnSignal&) = delete;
    CancelOnSignal& operator=(const CancelOnSignal&) = delete;
    bool requested() const { return flag() != 0; }

private:
    static volatile std::sig_atomic_t& flag() {
        static volatile std::sig_atomic_t cancelled = 0;
        return cancelled;
    }
    static void on_signal(int) { flag() = 1; }
    void (*previous_int_)(int);
    void (*previous_term_)(int);
    void (*previous_pipe_)(int);
};

}  // namespace dermasim::app
