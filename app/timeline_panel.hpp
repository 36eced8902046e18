#pragma once
// The healing timeline: play/pause, scrub from day 0 to the end, speed, and plots of the main quantities.
#include "app/healing_player.hpp"
#include "engine/render/skin_view.hpp"

namespace dermasim::app {

struct TimelineState {
    double day = 0;          // what is shown
    bool playing = true;
    int speed_index = 1;     // into kSpeeds (simulated days per second)
    bool close_requested = false;
    Overlay overlay = Overlay::Collagen;
};

void draw_timeline_panel(const HealingPlayer& player, TimelineState& state, double frame_seconds);

}  // namespace dermasim::app
