#pragma once
// The before/after divider over a split view (SkinView::before_after_split): a line across the picture with a
// large round handle (a finger can take it on a touch screen) and a label on each side. Headless pictures draw
// it the same way, without the dragging.
#include <string>
#include "engine/render/annotations.hpp"

namespace dermasim::app {

struct BeforeAfterDivider {
    float split = 0.5f;     // fraction of the width: left of it "before", right of it "after"
    bool dragging = false;  // a press on the line or handle moves it until released
};

// "3 days", "6 weeks", "4 months": how long after the first session, as a client would say it. Whole weeks
// gone, so that "after 4 weeks" is the list of what to expect's "Week 5" (its weeks count from 1).
std::string when_words(double day);

// Draws over everything else this frame. interactive: a press near the line (not on a panel) drags it. The
// labels stand near the top of the picture, or under the top-left legends (`legends`) where the "before" one
// would reach into them.
void draw_before_after(BeforeAfterDivider& divider, const std::string& before, const std::string& after,
                       bool interactive, LegendsExtent legends);

}  // namespace dermasim::app
