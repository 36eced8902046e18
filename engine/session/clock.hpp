#pragma once
// The one clock the app runs on. Simulated and presentation time both come from it: the window injects real
// time, headless runs and tests a fixed step, so a replayed or scripted run sees exactly the same times.
#include <chrono>

namespace dermasim {

class Clock {
public:
    virtual ~Clock() = default;
    virtual double now_s() const = 0;  // seconds since the clock started
};

// Real time (the window).
class SteadyClock final : public Clock {
public:
    double now_s() const override {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    }

private:
    std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

// Time that moves only when told to (headless runs, tests): the same steps give the same times.
class FixedStepClock final : public Clock {
public:
    explicit FixedStepClock(double step_s) : step_s_(step_s) {}
    double now_s() const override { return double(ticks_) * step_s_; }  // no accumulated rounding
    void tick() { ++ticks_; }
    double step_s() const { return step_s_; }

private:
    double step_s_;
    long long ticks_ = 0;
};

}  // namespace dermasim
