#include "engine/render/skin_view.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>
#include "engine/core/error.hpp"

namespace dermasim {

Look parse_look(const std::string& name) {
    if (name == "illustrated") return Look::Illustrated;
    if (name == "histology") return Look::Histology;
    throw Error("unknown look '" + name + "' (use illustrated or histology)");
}

const char* look_name(Look look) { return look == Look::Illustrated ? "illustrated" : "histology"; }

namespace {
constexpr const char* kOverlayNames[] = {"none", "collagen", "channels", "serum", "inflammation"};
}

Overlay parse_overlay(const std::string& name) {
    for (int i = 0; i < 5; ++i)
        if (name == kOverlayNames[i]) return static_cast<Overlay>(i);
    throw Error("unknown overlay '" + name + "' (use none, collagen, channels, serum or inflammation)");
}

const char* overlay_name(Overlay overlay) { return kOverlayNames[static_cast<int>(overlay)]; }

float SkinView::block_depth_mm() const {
    double fat = std::min<double>(fat_shown_mm, region.thickness_mm(Layer::Hypodermis));
    return float(region.bottom_of_mm(Layer::ReticularDermis) + fat);
}

float SkinView::cut_z_mm() const {
    float half = 0.5f * width_mm;
    return std::max(-half + (1.0f - cut) * width_mm, -half + 0.05f);  // cut 0 keeps the whole block
}

}  // namespace dermasim

namespace dermasim {

std::string caption_text(const FrameCaption& c, const std::string& region_name) {
    char when[96];
    const double since = c.day - c.session_day;  // time since the latest session
    const int hours = int(std::lround(since * 24.0));
    if (c.day < 0)  // during the treatment: the note says what is happening
        std::snprintf(when, sizeof when, "Treatment, session %d", c.session);
    else if (hours < 24)
        std::snprintf(when, sizeof when, "Day %.0f: %d h after session %d", std::floor(c.day), hours, c.session);
    else if (since < 3.0)
        std::snprintf(when, sizeof when, "Day %.0f: %d day%s %d h after session %d", std::floor(c.day), hours / 24, hours / 24 == 1 ? "" : "s",
                      hours % 24, c.session);
    else
        std::snprintf(when, sizeof when, "Day %.0f: %.0f days after session %d", std::floor(c.day), std::floor(since),
                      c.session);
    std::string text = when;
    if (c.sessions > 1) text += " of " + std::to_string(c.sessions);
    text += "  |  " + region_name + "  |  " + c.device;
    if (!c.note.empty()) text += "  |  " + c.note;
    return text;
}

FrameCaption healing_caption(double day, int sessions, double interval_days, std::string device) {
    FrameCaption c;
    c.day = day;
    c.sessions = sessions;
    c.session = sessions > 1 ? std::min(sessions, 1 + int(std::floor(day / interval_days + 1e-9))) : 1;
    c.session_day = (c.session - 1) * interval_days;
    c.device = std::move(device);
    c.notice = kIllustrationNotice;
    return c;
}

float cut_through_channels(const PunctureList& punctures, size_t first, float width_mm, float fallback) {
    if (first >= punctures.size()) return fallback;
    // Channels are a tenth of a millimetre wide: find the 0.1 mm row across the patch that holds the most entry
    // points, and put the plane through their mean, so it cuts through them rather than beside them.
    constexpr float kRow = 0.1f;
    const int rows = int(std::ceil(width_mm / kRow));
    std::vector<int> count(size_t(rows), 0);
    for (size_t i = first; i < punctures.size(); ++i)
        ++count[size_t(std::clamp(int(punctures[i].surface_mm.y / kRow), 0, rows - 1))];
    // Among rows nearly as dense as the densest, the one nearest the middle: the block keeps half its depth in
    // view instead of a sliver at its back.
    const auto densest = std::max_element(count.begin(), count.end());
    const int most = *densest;
    int best = int(densest - count.begin());
    for (int r = 0; r < rows; ++r)
        if (count[size_t(r)] * 5 >= most * 4 && std::abs(r - rows / 2) < std::abs(best - rows / 2)) best = r;
    double sum = 0;
    for (size_t i = first; i < punctures.size(); ++i)
        if (std::clamp(int(punctures[i].surface_mm.y / kRow), 0, rows - 1) == best) sum += punctures[i].surface_mm.y;
    const float y = float(sum / count[size_t(best)]);
    // cut 0 keeps the whole block; the plane sits at patch y = (1 - cut) * width (SkinView::cut_z_mm).
    return std::clamp(1.0f - y / width_mm, 0.0f, 1.0f);
}

MicroView micro_on_channels(const SkinView& view, const PunctureList& punctures, glm::vec4 rect) {
    const float plane_y = view.cut_z_mm() + 0.5f * view.width_mm;
    MicroView micro;
    micro.rect = rect;
    micro.centre_mm = glm::vec2(0.5f * view.width_mm, plane_y);
    if (auto centre = densest_channels_on_cut(punctures, plane_y)) micro.centre_mm = *centre;
    return micro;
}

std::string device_label(bool pen, float needle_mm) {
    char s[48];
    std::snprintf(s, sizeof s, "%s %.2f mm", pen ? "pen" : "dermaroller", needle_mm);
    return s;
}

void SkinView::fit_camera(float aspect, glm::vec4 area, float zoom) {
    camera = OrbitCamera::fitted(width_mm, block_depth_mm(), cut_z_mm(), aspect, area, camera.yaw_deg, camera.pitch_deg);
    camera.distance_mm *= zoom;
}

}  // namespace dermasim
