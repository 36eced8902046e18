#include "app/modes/what_to_expect.hpp"

#include <algorithm>
#include <cmath>

namespace dermasim::app {
namespace {

// Bands of the erythema curve relative to its peak, in words a client uses.
std::string redness_words(double fraction) {
    if (fraction > 0.5) return "red and warm at first, like a mild sunburn";  // the week's worst, not all week
    if (fraction > 0.15) return "slightly pink";
    if (fraction > 0.03) return "a faint pinkness";
    return "";
}

}  // namespace

std::vector<ExpectRow> what_to_expect(const std::vector<HealingSample>& curves, int sessions, double interval_days,
                                      int weeks) {
    std::vector<ExpectRow> rows;
    if (curves.empty()) return rows;
    double peak_redness = 0, final_collagen = 0;
    for (const HealingSample& s : curves) peak_redness = std::max(peak_redness, s.erythema);
    // Results are judged against the gain the whole run reaches, so "half way" means half of what is coming.
    final_collagen = curves.back().collagen_pct_papillary;
    bool results_said = false;
    for (int week = 1; week <= weeks; ++week) {
        const double from = 7.0 * (week - 1), to = 7.0 * week;
        if (curves.back().day < to - 1e-6) break;  // not simulated that far yet
        double redness = 0, collagen_end = 0, collagen_start = 0;
        bool first = true;
        for (const HealingSample& s : curves) {
            if (s.day < from - 1e-9 || s.day >= to) continue;
            redness = std::max(redness, s.erythema);
            if (first) collagen_start = s.collagen_pct_papillary;
            first = false;
            collagen_end = s.collagen_pct_papillary;
        }
        std::string text;
        int session = -1;
        for (int k = 0; k < sessions; ++k)
            if (k * interval_days >= from - 1e-9 && k * interval_days < to) session = k + 1;
        if (session == 1) text = "Session 1. Pressure and movement are felt; some discomfort is common. ";
        else if (session > 1) text = "Session " + std::to_string(session) + ". ";  // felt as the first was
        const std::string red = peak_redness > 0 ? redness_words(redness / peak_redness) : "";
        if (!red.empty()) text += "Skin " + red + ". ";
        if (final_collagen > 0.5) {
            const double share = std::clamp(collagen_end / final_collagen, 0.0, 1.5);
            if (share >= 0.5 && !results_said) {
                text += "In the illustration, about half of the new collagen is in place by now; any visible change "
                        "comes gradually.";
                results_said = true;
            } else if (collagen_end > collagen_start + 0.01 * final_collagen) {
                text += share < 0.1 ? "Repair is under way below the surface; nothing to see yet."
                                    : "New collagen builds up below the surface.";
            } else if (share >= 0.5) {
                text += "The new collagen matures and firms.";
            } else {
                text += "Nothing to see yet.";
            }
        } else {
            text += "The illustration shows little new collagen with this course.";
        }
        if (!rows.empty() && rows.back().text == text && rows.back().last_week == week - 1) rows.back().last_week = week;
        else rows.push_back({week, week, text});
    }
    return rows;
}

std::string week_range(const ExpectRow& row) {
    if (row.first_week == row.last_week) return "Week " + std::to_string(row.first_week);
    return "Weeks " + std::to_string(row.first_week) + "-" + std::to_string(row.last_week);
}

}  // namespace dermasim::app
