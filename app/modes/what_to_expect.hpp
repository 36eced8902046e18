#pragma once
// The consultation's week-by-week "what to expect", read from a simulated course rather than written in
// advance: redness from the erythema curve (relative to its peak), when new collagen builds and when results
// can begin to show (relative to the collagen gained by the end of the run). When the model changes, the words
// follow its numbers.
#include <string>
#include <vector>

#include "engine/sim/healing_metrics.hpp"

namespace dermasim::app {

struct ExpectRow {
    int first_week = 1, last_week = 1;  // 1-based; weeks with the same words are merged
    std::string text;
};

// curves: the run's samples (day since the first session, ascending); sessions interval_days apart; weeks: how
// far to describe. Weeks the curves do not reach yet are left out (the run is still computing).
std::vector<ExpectRow> what_to_expect(const std::vector<HealingSample>& curves, int sessions, double interval_days,
                                      int weeks);
std::string week_range(const ExpectRow& row);  // "Week 3", "Weeks 5-8"

}  // namespace dermasim::app
