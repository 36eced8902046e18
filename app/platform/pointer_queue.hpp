#pragma once
// Presses and releases of the left button (or a finger: a touch screen reaches an X11 or Wayland window as this
// pointer) delivered one per frame, each with where it happened. Polling the button once a frame loses a tap
// shorter than a frame, and puts it where the pointer is by then; on lavapipe a frame can take longer than a
// tap, and a visitor at a kiosk taps PIN keys faster than that. The queue hands the app, frame by frame, the
// press at its own place and then the release, so no tap is lost or moved.
#include <deque>

#include <glm/vec2.hpp>

namespace dermasim::app {

struct PointerEvent {
    bool down;      // pressed (true) or released
    glm::vec2 at;   // window pixels
};

struct PointerState {
    bool down = false;
    glm::vec2 at{0.0f};
};

class PointerQueue {
public:
    static constexpr size_t kMaxQueued = 32;  // beyond this (a stuck frame), older events are dropped in pairs

    void push(const PointerEvent& event);
    // This frame's state: the oldest queued event if there is one, else the polled state unchanged.
    PointerState next_frame(const PointerState& polled);
    size_t queued() const { return events_.size(); }

private:
    std::deque<PointerEvent> events_;
};

}  // namespace dermasim::app
