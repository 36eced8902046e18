#pragma once
// Line plots as inline SVG (the debrief's healing curves, the trainee history): a vector picture any browser
// shows, with no plotting library and no script.
#include <string>
#include <string_view>
#include <vector>

namespace dermasim {

// Text made safe inside HTML and SVG.
std::string html_escape(std::string_view text);

// A line plot as inline SVG: x against one or more y series, with axes, ticks and a legend.
struct PlotSeries {
    std::string name;
    std::string colour;  // CSS colour
    std::vector<double> y;
};
std::string svg_line_plot(const std::string& title, const std::string& x_label, const std::string& y_label,
                          const std::vector<double>& x, const std::vector<PlotSeries>& series, int width = 520,
                          int height = 240);

}  // namespace dermasim
