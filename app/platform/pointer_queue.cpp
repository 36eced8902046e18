#include "app/platform/pointer_queue.hpp"

namespace dermasim::app {

void PointerQueue::push(const PointerEvent& event) {
    events_.push_back(event);
    // Drop a whole press-release pair, so what is left still alternates as the button did.
    while (events_.size() > kMaxQueued) {
        events_.pop_front();
        events_.pop_front();
    }
}

PointerState PointerQueue::next_frame(const PointerState& polled) {
    if (events_.empty()) return polled;
    const PointerEvent event = events_.front();
    events_.pop_front();
    return {event.down, event.at};
}

}  // namespace dermasim::app
