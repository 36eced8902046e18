#pragma once
// Frame time and resident memory while the window runs, for soak tests and anyone watching a kiosk: with
// $DERMASIM_FRAME_STATS=N, every N drawn frames (120 if N is not a number) one line on stderr gives the median
// frame time of those frames, the process's resident memory and the moving scale (dynamic resolution), so growth
// in any shows over hours.
#include <chrono>
#include <vector>

namespace dermasim::app {

class FrameStats {
public:
    FrameStats();
    void frame_drawn(float moving_scale);  // call once per presented frame, with the renderer's moving scale

private:
    long frames_per_line_ = 0;  // 0: off
    long frames_ = 0;
    std::chrono::steady_clock::time_point last_;
    std::vector<double> window_ms_;
};

}  // namespace dermasim::app
