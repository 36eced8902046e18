// Taps shorter than a frame, and several taps within one frame, each reach the app at their own place
// (app/platform/pointer_queue): what a kiosk's touch screen and a slow frame need.
#include <gtest/gtest.h>

#include "app/platform/pointer_queue.hpp"

namespace dermasim::app {
namespace {

TEST(PointerQueue, NothingQueuedPassesThePolledStateThrough) {
    PointerQueue queue;
    const PointerState polled{true, {12.0f, 34.0f}};
    const PointerState got = queue.next_frame(polled);
    EXPECT_TRUE(got.down);
    EXPECT_EQ(got.at, polled.at);
}

TEST(PointerQueue, ATapWithinOneFrameIsAPressFrameThenAReleaseFrame) {
    PointerQueue queue;
    queue.push({true, {100.0f, 200.0f}});
    queue.push({false, {100.0f, 200.0f}});
    const PointerState released_by_now{false, {900.0f, 50.0f}};  // the poll sees neither the press nor the place
    PointerState frame = queue.next_frame(released_by_now);
    EXPECT_TRUE(frame.down);
    EXPECT_EQ(frame.at, glm::vec2(100.0f, 200.0f));
    frame = queue.next_frame(released_by_now);
    EXPECT_FALSE(frame.down);
    EXPECT_EQ(frame.at, glm::vec2(100.0f, 200.0f));
    frame = queue.next_frame(released_by_now);
    EXPECT_EQ(frame.at, released_by_now.at);
}

TEST(PointerQueue, TwoTapsInOneFrameKeepTheirOwnPlaces) {
    PointerQueue queue;
    for (glm::vec2 at : {glm::vec2(10.0f, 10.0f), glm::vec2(300.0f, 40.0f)}) {
        queue.push({true, at});
        queue.push({false, at});
    }
    const PointerState polled{false, {0.0f, 0.0f}};
    const bool downs[] = {true, false, true, false};
    const float xs[] = {10.0f, 10.0f, 300.0f, 300.0f};
    for (int i = 0; i < 4; ++i) {
        const PointerState frame = queue.next_frame(polled);
        EXPECT_EQ(frame.down, downs[i]) << "frame " << i;
        EXPECT_EQ(frame.at.x, xs[i]) << "frame " << i;
    }
    EXPECT_EQ(queue.queued(), 0u);
}

TEST(PointerQueue, AStuckFrameDropsOldTapsWholeAndKeepsTheOrder) {
    PointerQueue queue;
    for (int i = 0; i < 40; ++i) {
        queue.push({true, {float(i), 0.0f}});
        queue.push({false, {float(i), 0.0f}});
    }
    EXPECT_LE(queue.queued(), PointerQueue::kMaxQueued);
    const PointerState first = queue.next_frame({});
    EXPECT_TRUE(first.down);                  // still a press first
    EXPECT_EQ(first.at.x, 40.0f - float(PointerQueue::kMaxQueued / 2));  // the newest taps kept
}

}  // namespace
}  // namespace dermasim::app
