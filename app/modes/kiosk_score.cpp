#include "app/modes/kiosk_score.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace dermasim::app {

TryScore score_try(const PunctureList& punctures, float patch_mm) {
    constexpr float kCellMm = 2.0f;
    const int n = std::max(1, int(std::floor(patch_mm / kCellMm)));
    std::vector<int> counts(size_t(n * n), 0);
    for (const Puncture& p : punctures) {
        const int x = std::clamp(int(p.surface_mm.x / kCellMm), 0, n - 1);
        const int y = std::clamp(int(p.surface_mm.y / kCellMm), 0, n - 1);
        ++counts[size_t(y * n + x)];
    }
    TryScore s;
    double covered = 0, sum = 0, sum2 = 0;
    for (int c : counts)
        if (c > 0) {
            covered += 1;
            sum += c;
            sum2 += double(c) * c;
        }
    s.coverage = covered / double(counts.size());
    if (covered > 0) {
        const double mean = sum / covered;
        const double cv = std::sqrt(std::max(0.0, sum2 / covered - mean * mean)) / mean;
        s.evenness = 1.0 / (1.0 + cv);
    }
    s.stars = std::clamp(1 + int(std::lround(4.0 * s.coverage * s.evenness)), 1, 5);
    static const char* kMessages[] = {"A gentle start: roll over the whole square next time!",
                                      "Nice! Try covering more of the square.",
                                      "Good work: a good part of the square covered.",
                                      "Great rolling: even, over most of the square!",
                                      "Perfect: the whole square, evenly. A natural!"};
    s.message = kMessages[s.stars - 1];
    return s;
}

}  // namespace dermasim::app
