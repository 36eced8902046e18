#pragma once
// A visitor's try, scored for a trade-show crowd: how much of the patch the roller covered and how evenly,
// as one to five stars and a friendly sentence. Computed from the punctures the try made.
#include <string>

#include "engine/tools/puncture.hpp"

namespace dermasim::app {

struct TryScore {
    double coverage = 0;  // share of the patch's 2 mm cells with at least one channel, 0..1
    double evenness = 0;  // 1 / (1 + coefficient of variation of channels per covered cell), 0..1
    int stars = 1;        // 1..5
    std::string message;
};

TryScore score_try(const PunctureList& punctures, float patch_mm);

}  // namespace dermasim::app
