#include "engine/io/html_report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace dermasim {
namespace {

std::string fmt(const char* f, double v) {
    char s[64];
    std::snprintf(s, sizeof s, f, v);
    return s;
}

// Blue (gap) - green (in the target range) - red (over-treated): the colour says where the density stands
// against the lesson's target, so the same map reads the same for every lesson.
std::string density_colour(double d, const Range& target) {
    auto mix = [](int a, int b, double t) { return int(a + (b - a) * std::clamp(t, 0.0, 1.0)); };
    int r, g, b;
    if (d < target.min) {
        const double t = d / target.min;
        r = mix(30, 90, t), g = mix(60, 190, t), b = mix(200, 120, t);
    } else if (d <= target.max) {
        r = 60, g = 170, b = 90;
    } else {
        const double t = (d - target.max) / target.max;  // twice the maximum is full red
        r = mix(220, 200, t), g = mix(170, 30, t), b = mix(60, 30, t);
    }
    char s[16];
    std::snprintf(s, sizeof s, "#%02x%02x%02x", r, g, b);
    return s;
}

std::string heatmap_svg(const CoverageGrid& g, const Range& target) {
    const int cell = 28, w = g.cols * cell, h = g.rows * cell;
    std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"heatmap\" width=\"" + std::to_string(w + 140) +
                      "\" height=\"" + std::to_string(h + 24) + "\" role=\"img\"><title>Coverage, punctures per cm2</title>";
    for (int j = 0; j < g.rows; ++j)
        for (int i = 0; i < g.cols; ++i) {
            const double d = g.at(i, j);
            // Row 0 is the patch's y = 0, drawn at the top as in the window's view from above.
            svg += "<rect x=\"" + std::to_string(i * cell) + "\" y=\"" + std::to_string(j * cell) + "\" width=\"" +
                   std::to_string(cell) + "\" height=\"" + std::to_string(cell) + "\" fill=\"" +
                   density_colour(d, target) + "\"><title>" + fmt("%.0f /cm2", d) + "</title></rect>";
            svg += "<text x=\"" + std::to_string(i * cell + cell / 2) + "\" y=\"" + std::to_string(j * cell + cell / 2 + 4) +
                   "\" font-size=\"9\" text-anchor=\"middle\" fill=\"#fff\">" + fmt("%.0f", d) + "</text>";
        }
    const std::string lx = std::to_string(w + 12);
    const struct { const char* label; double d; } keys[] = {
        {"gap", 0.25 * target.min}, {"below target", 0.75 * target.min}, {"in target", target.min},
        {"over", 1.5 * target.max}, {"over-treated", 2.1 * target.max}};
    for (int k = 0; k < 5; ++k) {
        const std::string y = std::to_string(10 + k * 20);
        svg += "<rect x=\"" + lx + "\" y=\"" + y + "\" width=\"14\" height=\"14\" fill=\"" + density_colour(keys[k].d, target) + "\"/>";
        svg += "<text x=\"" + std::to_string(w + 32) + "\" y=\"" + std::to_string(21 + k * 20) + "\" font-size=\"11\">" +
               keys[k].label + "</text>";
    }
    svg += "<text x=\"0\" y=\"" + std::to_string(h + 16) + "\" font-size=\"11\">" +
           html_escape(fmt("%.0f", g.cell_mm) + " mm cells; target " + fmt("%.0f", target.min) + "-" +
                       fmt("%.0f", target.max) + " punctures/cm2; mean " + fmt("%.0f", g.mean)) +
           "</text></svg>";
    return svg;
}

std::string image_tag(const RgbaImage& image, const std::string& alt) {
    return "<img class=\"view\" alt=\"" + html_escape(alt) + "\" width=\"" + std::to_string(image.width) + "\" src=\"data:image/png;base64," +
           base64(encode_png(image)) + "\">";
}

std::string healing_plots(const HealingMetrics& m) {
    std::vector<double> day, erythema, open, collagen, collagen3, collagen1, fibro;
    for (const auto& s : m.curves) {
        day.push_back(s.day);
        erythema.push_back(100 * s.erythema);
        open.push_back(s.open_channels_mm3);
        collagen.push_back(s.collagen_pct);
        collagen3.push_back(s.collagen_III_pct);
        collagen1.push_back(s.collagen_I_pct);
        fibro.push_back(s.fibroblasts_fold);
    }
    return svg_line_plot("Redness and open channels", "day", "% / mm3", day,
                         {{"redness (%)", "#c0392b", erythema}, {"open channels (mm3)", "#2c3e50", open}}) +
           svg_line_plot("New collagen", "day", "% change from baseline", day,
                         {{"collagen I+III", "#8e44ad", collagen}, {"collagen III", "#e67e22", collagen3},
                          {"collagen I", "#16a085", collagen1}}) +
           svg_line_plot("Fibroblasts", "day", "fold of resting", day, {{"fibroblasts", "#2980b9", fibro}});
}

}  // namespace

std::string base64(const std::vector<uint8_t>& bytes) {
    static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    for (size_t i = 0; i < bytes.size(); i += 3) {
        const uint32_t n = uint32_t(bytes[i]) << 16 | (i + 1 < bytes.size() ? uint32_t(bytes[i + 1]) << 8 : 0) |
                           (i + 2 < bytes.size() ? bytes[i + 2] : 0);
        out += kAlphabet[n >> 18 & 63];
        out += kAlphabet[n >> 12 & 63];
        out += i + 1 < bytes.size() ? kAlphabet[n >> 6 & 63] : '=';
        out += i + 2 < bytes.size() ? kAlphabet[n & 63] : '=';
    }
    return out;
}

std::string debrief_html(const DebriefReport& r) {
    const TrainingScore& s = r.score;
    std::string h = R"(<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>DermaSim debrief</title>
<style>
body{font-family:'DejaVu Sans',sans-serif;margin:24px;color:#222;max-width:1100px}
h1{margin:0 0 4px}h2{margin-top:28px;border-bottom:1px solid #ccc}
.score{font-size:40px;font-weight:bold}.pass{color:#1e8449}.fail{color:#b03a2e}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f0f0f0}td.num{text-align:right;white-space:nowrap}.low{background:#fdecea}.na{color:#888}
.warn{color:#b03a2e}.views img{max-width:100%;border:1px solid #ccc;margin:4px}.plot{margin:6px;border:1px solid #eee}
</style></head><body>
)";
    h += "<h1>" + html_escape(r.lesson.title) + "</h1>";
    h += "<p>" + html_escape(r.trainee.empty() ? "Anonymous trainee" : r.trainee) + " &middot; " + html_escape(r.finished_utc) +
         " &middot; lesson <code>" + html_escape(r.lesson.id) + "</code> (" + html_escape(r.lesson.level) + ")" +
         (r.session_file.empty() ? "" : " &middot; session <code>" + html_escape(r.session_file) + "</code>") + "</p>";
    h += "<p>Client: " + html_escape(r.lesson.client.name) + ", " + std::to_string(r.lesson.client.age) + ", " +
         html_escape(r.lesson.client.skin_type) + "; " + html_escape(r.lesson.client.region) + ", " +
         html_escape(r.lesson.client.indication) + ". Treatment: " + html_escape(r.treatment) + ".</p>";
    h += std::string("<p><span class=\"score ") + (s.passed ? "pass" : "fail") + "\" id=\"overall\">" +
         fmt("%.0f", s.overall) + "</span> / 100 &nbsp; " + (s.passed ? "passed" : "not passed") +
         (s.capped ? " (capped: a critical criterion failed)" : "") + "</p>";

    h += "<h2>Rubric</h2><table id=\"rubric\"><tr><th>Criterion</th><th>Score</th><th>Weight</th><th>Measured</th><th>Tip</th></tr>";
    for (const auto& c : s.criteria) {
        const std::string cls = !c.applicable ? "na" : c.score < 50 ? "low" : "";
        h += "<tr class=\"" + cls + "\"><td>" + html_escape(c.title) + (c.critical ? " *" : "") + "</td><td class=\"num\">" +
             (c.applicable ? fmt("%.0f", c.score) : "n/a") + "</td><td class=\"num\">" + fmt("%g", c.weight) + "</td><td>" +
             html_escape(c.measured) + "</td><td>" + html_escape(c.tip) + "</td></tr>";
    }
    h += "</table><p>* critical: scoring under the rubric's threshold caps the overall score.</p>";

    if (!r.warnings.empty()) {
        h += "<h2>Warnings</h2><ul>";
        for (const auto& w : r.warnings) h += "<li class=\"warn\"><b>" + html_escape(w.id) + "</b>: " + html_escape(w.message) + "</li>";
        h += "</ul>";
    }
    h += "<h2>Coverage</h2>" + heatmap_svg(r.coverage, r.coverage.target);
    if (r.cut_image || r.micro_image) {
        h += "<h2>The cut and the magnified view</h2><div class=\"views\">";
        if (r.cut_image) h += image_tag(*r.cut_image, "The skin block cut through the channels");
        if (r.micro_image) h += image_tag(*r.micro_image, "Magnified cut through the channels");
        h += "</div>";
    }
    if (r.healing && !r.healing->curves.empty()) h += "<h2>Healing</h2><div>" + healing_plots(*r.healing) + "</div>";

    h += "<h2>Steps</h2><ol>";
    for (int i = 0; i < kFlowStepCount; ++i) {
        const std::string name(kFlowStepNames[i]);
        const bool done = std::find(r.steps_done.begin(), r.steps_done.end(), name) != r.steps_done.end();
        h += "<li>" + html_escape(name) + (done ? "" : " <i>(skipped)</i>") + ": " +
             html_escape(r.lesson.steps[i].explanation) + "</li>";
    }
    h += "</ol>";
    // Every embedded picture must have decoded: a broken one is reported on the console (the test's check).
    h += R"(<script>
window.addEventListener('load', () => {
  const broken = [...document.images].filter(i => !i.complete || i.naturalWidth === 0);
  if (broken.length) console.error('debrief: ' + broken.length + ' picture(s) did not decode');
  document.body.dataset.checked = broken.length ? 'broken' : 'ok';
});
</script>
</body></html>
)";
    return h;
}

}  // namespace dermasim
