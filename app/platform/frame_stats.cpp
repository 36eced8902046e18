#include "app/platform/frame_stats.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace dermasim::app {
namespace {

double resident_mb() {
    long pages_total = 0, pages_resident = 0;
    if (FILE* f = std::fopen("/proc/self/statm", "r")) {
        if (std::fscanf(f, "%ld %ld", &pages_total, &pages_resident) != 2) pages_resident = 0;
        std::fclose(f);
    }
    return double(pages_resident) * double(sysconf(_SC_PAGESIZE)) / (1024.0 * 1024.0);
}

}  // namespace

FrameStats::FrameStats() : last_(std::chrono::steady_clock::now()) {
    if (const char* every = std::getenv("DERMASIM_FRAME_STATS")) frames_per_line_ = std::atol(every) > 0 ? std::atol(every) : 120;
}

void FrameStats::frame_drawn(float moving_scale) {
    if (frames_per_line_ == 0) return;
    const auto now = std::chrono::steady_clock::now();
    window_ms_.push_back(std::chrono::duration<double, std::milli>(now - last_).count());
    last_ = now;
    if (++frames_ % frames_per_line_ != 0) return;
    std::nth_element(window_ms_.begin(), window_ms_.begin() + long(window_ms_.size() / 2), window_ms_.end());
    std::fprintf(stderr, "dermasim: frames %ld: median %.2f ms, resident %.1f MB, moving scale %.2f\n", frames_,
                 window_ms_[window_ms_.size() / 2], resident_mb(), moving_scale);
    window_ms_.clear();
}

}  // namespace dermasim::app
