#include "engine/io/svg_plot.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>


namespace dermasim {
namespace {

// A "nice" tick step (1, 2 or 5 times a power of ten) giving about five ticks over span.
double tick_step(double span) {
    const double raw = span / 5.0, p = std::pow(10.0, std::floor(std::log10(raw))), m = raw / p;
    return p * (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10);
}

std::string num(double v) {
    char s[32];
    std::snprintf(s, sizeof s, "%g", std::abs(v) < 1e-12 ? 0.0 : v);
    return s;
}

}  // namespace

std::string html_escape(std::string_view text) {
    std::string out;
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string svg_line_plot(const std::string& title, const std::string& x_label, const std::string& y_label,
                          const std::vector<double>& x, const std::vector<PlotSeries>& series, int width, int height) {
    const double left = 56, right = 12, top = 28, bottom = 40;
    const double pw = width - left - right, ph = height - top - bottom;
    double x0 = x.empty() ? 0 : *std::min_element(x.begin(), x.end());
    double x1 = x.empty() ? 1 : *std::max_element(x.begin(), x.end());
    double y0 = 0, y1 = 0;
    for (const auto& s : series)
        for (double v : s.y) y0 = std::min(y0, v), y1 = std::max(y1, v);
    if (x1 <= x0) x1 = x0 + 1;
    if (y1 <= y0) y1 = y0 + 1;
    const double ys = tick_step(y1 - y0), xs = tick_step(x1 - x0);
    y0 = std::floor(y0 / ys) * ys;
    y1 = std::ceil(y1 / ys) * ys;
    auto px = [&](double v) { return left + (v - x0) / (x1 - x0) * pw; };
    auto py = [&](double v) { return top + (1.0 - (v - y0) / (y1 - y0)) * ph; };
    std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"plot\" width=\"" + num(width) + "\" height=\"" +
                      num(height) + "\" viewBox=\"0 0 " + num(width) + " " + num(height) + "\" role=\"img\">";
    svg += "<title>" + html_escape(title) + "</title>";
    svg += "<text x=\"" + num(left) + "\" y=\"16\" font-size=\"13\" font-weight=\"bold\">" + html_escape(title) + "</text>";
    for (double v = y0; v <= y1 + 1e-9 * ys; v += ys) {
        svg += "<line x1=\"" + num(left) + "\" x2=\"" + num(left + pw) + "\" y1=\"" + num(py(v)) + "\" y2=\"" + num(py(v)) +
               "\" stroke=\"#ddd\"/>";
        svg += "<text x=\"" + num(left - 4) + "\" y=\"" + num(py(v) + 4) + "\" font-size=\"10\" text-anchor=\"end\">" +
               num(v) + "</text>";
    }
    for (double v = std::ceil(x0 / xs) * xs; v <= x1 + 1e-9 * xs; v += xs)
        svg += "<text x=\"" + num(px(v)) + "\" y=\"" + num(top + ph + 14) + "\" font-size=\"10\" text-anchor=\"middle\">" +
               num(v) + "</text>";
    svg += "<rect x=\"" + num(left) + "\" y=\"" + num(top) + "\" width=\"" + num(pw) + "\" height=\"" + num(ph) +
           "\" fill=\"none\" stroke=\"#888\"/>";
    svg += "<text x=\"" + num(left + pw / 2) + "\" y=\"" + num(height - 6) + "\" font-size=\"11\" text-anchor=\"middle\">" +
           html_escape(x_label) + "</text>";
    svg += "<text transform=\"translate(14," + num(top + ph / 2) + ") rotate(-90)\" font-size=\"11\" text-anchor=\"middle\">" +
           html_escape(y_label) + "</text>";
    double legend_x = left + 8;
    for (const auto& s : series) {
        std::string points;
        for (size_t i = 0; i < std::min(x.size(), s.y.size()); ++i) points += num(px(x[i])) + "," + num(py(s.y[i])) + " ";
        svg += "<polyline fill=\"none\" stroke-width=\"2\" stroke=\"" + s.colour + "\" points=\"" + points + "\"/>";
        if (x.size() == 1 || s.y.size() == 1)  // a single point: a dot, or nothing would show
            svg += "<circle r=\"3\" fill=\"" + s.colour + "\" cx=\"" + num(px(x[0])) + "\" cy=\"" + num(py(s.y[0])) + "\"/>";
        svg += "<rect x=\"" + num(legend_x) + "\" y=\"" + num(top + 6) + "\" width=\"10\" height=\"10\" fill=\"" + s.colour + "\"/>";
        svg += "<text x=\"" + num(legend_x + 14) + "\" y=\"" + num(top + 15) + "\" font-size=\"10\">" + html_escape(s.name) + "</text>";
        legend_x += 24 + 6.0 * s.name.size();
    }
    return svg + "</svg>";
}

}  // namespace dermasim
