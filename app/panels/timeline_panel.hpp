#pragma once
// The healing timeline: play/pause, scrub from day 0 to the end, speed, what the cut shows, and plots of the
// main quantities. It reads the player and the timeline's state and returns what the user asked for.
#include <optional>

#include "app/healing_player.hpp"
#include "engine/render/skin_view.hpp"

namespace dermasim::app {

inline constexpr double kPlaybackSpeeds[] = {0.25, 1.0, 7.0, 30.0};  // simulated days per second

struct TimelineState {
    double day = 0;          // what is shown
    bool playing = true;
    int speed_index = 1;     // into kPlaybackSpeeds
    Overlay overlay = Overlay::Collagen;
};

struct TimelineIntent {
    std::optional<double> seek_day;
    std::optional<bool> playing;
    std::optional<int> speed_index;
    std::optional<Overlay> overlay;
    bool back_to_treatment = false;
};

// Moves the shown day on by dt seconds of presentation time at the chosen speed, never past what is simulated.
void advance_timeline(TimelineState& state, const HealingPlayer& player, double dt_s);
void apply(TimelineState& state, const TimelineIntent& intent, const HealingPlayer& player);

TimelineIntent draw_timeline_panel(const HealingPlayer& player, const TimelineState& state);

}  // namespace dermasim::app
