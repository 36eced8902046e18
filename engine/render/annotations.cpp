#include "engine/render/annotations.hpp"

#include <imgui.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>
#include <glm/vec4.hpp>

#include "engine/render/field_volume.hpp"
#include "engine/render/micro_annotations.hpp"
#include "engine/render/skin_block_pass.hpp"

namespace dermasim {
namespace {

struct Projector {
    glm::mat4 view_proj;
    VkExtent2D extent;
    bool visible(glm::vec3 p) const { return (view_proj * glm::vec4(p, 1.0f)).w > 0.0f; }
    ImVec2 operator()(glm::vec3 p) const {
        glm::vec4 clip = view_proj * glm::vec4(p, 1.0f);
        float w = std::max(clip.w, 1e-4f);
        return {(clip.x / w * 0.5f + 0.5f) * extent.width, (clip.y / w * 0.5f + 0.5f) * extent.height};
    }
};

// Swatches for the legend, one set per look, close to the shader's colours (sRGB).
constexpr std::array<ImU32, kLayerCount> kIllustratedSwatch = {
    IM_COL32(245, 228, 200, 255), IM_COL32(238, 180, 155, 255), IM_COL32(250, 200, 198, 255),
    IM_COL32(228, 160, 156, 255), IM_COL32(255, 236, 160, 255)};
constexpr std::array<ImU32, kLayerCount> kHistologySwatch = {  // H&E: eosin pinks, haematoxylin-dotted epidermis, fat left white
    IM_COL32(232, 176, 214, 255), IM_COL32(214, 150, 200, 255), IM_COL32(250, 212, 226, 255),
    IM_COL32(240, 160, 196, 255), IM_COL32(250, 246, 248, 255)};
const std::array<ImU32, kLayerCount>& swatches(Look look) {
    return look == Look::Histology ? kHistologySwatch : kIllustratedSwatch;
}
constexpr ImU32 kText = IM_COL32(235, 238, 242, 255);
constexpr ImU32 kDim = IM_COL32(180, 186, 196, 255);
constexpr ImU32 kShadow = IM_COL32(0, 0, 0, 160);

// Annotation text scales with the image so small renders stay readable and uncluttered.
float g_text_px = 15.0f;

ImVec2 text_size(const char* s) { return ImGui::GetFont()->CalcTextSizeA(g_text_px, 1e6f, 0.0f, s); }
float line_height() { return g_text_px * 1.2f; }

void text(ImDrawList* list, ImVec2 at, ImU32 colour, const char* s) {
    list->AddText(ImGui::GetFont(), g_text_px, ImVec2(at.x + 1, at.y + 1), kShadow, s);
    list->AddText(ImGui::GetFont(), g_text_px, at, colour, s);
}

void draw_ruler(ImDrawList* list, const Projector& project, glm::vec3 top, float depth_mm) {
    ImVec2 a = project(top), b = project(top - glm::vec3(0, depth_mm, 0));
    float px_per_mm = std::hypot(b.x - a.x, b.y - a.y) / depth_mm;
    ImVec2 offset(-10.0f, 0.0f);
    list->AddLine(ImVec2(a.x + offset.x, a.y), ImVec2(b.x + offset.x, b.y), kText, 1.5f);
    // Finest tick spacing that stays at least 4 px apart.
    float step = px_per_mm * 0.1f >= 4.0f ? 0.1f : (px_per_mm * 0.5f >= 4.0f ? 0.5f : 1.0f);
    float label_every = px_per_mm >= 60.0f ? 0.5f : 1.0f;
    int ticks = int(std::floor(depth_mm / step + 1e-3f));
    for (int i = 0; i <= ticks; ++i) {
        float d = i * step;
        ImVec2 p = project(top - glm::vec3(0, d, 0));
        bool major = std::fabs(std::remainder(d, label_every)) < 1e-3f;
        bool mid = std::fabs(std::remainder(d, 0.5f)) < 1e-3f;
        float len = major ? 9.0f : (mid ? 6.0f : 3.5f);
        list->AddLine(ImVec2(p.x + offset.x - len, p.y), ImVec2(p.x + offset.x, p.y), kText, 1.0f);
        if (major) {
            char s[16];
            std::snprintf(s, sizeof s, d == 0.0f ? "0 mm" : "%.1f", d);
            ImVec2 size = text_size(s);
            text(list, ImVec2(p.x + offset.x - len - 4 - size.x, p.y - size.y * 0.5f), kText, s);
        }
    }
}

// Where the layer labels stand (window pixels), for the notes that must keep clear of them; empty when none.
struct LabelColumn {
    float left = 1e9f, top = 1e9f, bottom = -1e9f;
};

LabelColumn draw_layer_labels(ImDrawList* list, const Projector& project, const SkinView& view, float left_x,
                              float cut_z, float block_depth) {
    // Anchor the labels about two thirds of the way along the cut face as seen (within the image), so they sit
    // on the block whatever the camera and leave room to their right; they stack there on dark pills.
    float seen_lo = 1e9f, seen_hi = -1e9f;
    for (float f : {0.0f, 1.0f}) {
        glm::vec3 end(left_x + f * view.width_mm, -0.5f * block_depth, cut_z);
        if (!project.visible(end)) continue;
        seen_lo = std::min(seen_lo, project(end).x);
        seen_hi = std::max(seen_hi, project(end).x);
    }
    seen_lo = std::max(seen_lo, 0.0f);
    seen_hi = std::min(seen_hi, 0.8f * project.extent.width);
    float goal = seen_lo < seen_hi ? seen_lo + 0.62f * (seen_hi - seen_lo) : 0.55f * project.extent.width;
    // Beside a magnified inset the labels end before it: they would otherwise cover its left edge.
    if (view.micro) {
        float widest = 0;
        for (int i = 0; i < kLayerCount; ++i)
            widest = std::max(widest, text_size(std::string(layer_name(static_cast<Layer>(i), view.plain_words)).c_str()).x);
        const float inset_left = view.micro->rect.x * float(project.extent.width);
        goal = std::max(std::min(goal, inset_left - 4.0f * g_text_px - widest - 16.0f), seen_lo);
    }
    float best_x = left_x + 0.3f * view.width_mm, best_err = 1e9f;
    for (int i = 0; i <= 40; ++i) {
        float x = left_x + view.width_mm * (0.03f + 0.94f * i / 40.0f);
        glm::vec3 p(x, -0.5f * block_depth, cut_z);
        if (!project.visible(p)) continue;
        float err = std::fabs(project(p).x - goal);
        if (err < best_err) { best_err = err; best_x = x; }
    }
    const RegionProfile& r = view.region;
    float line_h = line_height() + 4.0f;
    float last_y = -1e9f;
    LabelColumn column;
    for (int i = 0; i < kLayerCount; ++i) {
        Layer layer = static_cast<Layer>(i);
        float top = float(r.top_of_mm(layer));
        float bottom = std::min(float(r.bottom_of_mm(layer)), block_depth);
        if (top >= block_depth) break;
        glm::vec3 anchor3(best_x, -0.5f * (top + bottom), cut_z);
        if (!project.visible(anchor3)) continue;
        ImVec2 anchor = project(anchor3);
        float y = std::max(anchor.y - line_h * 0.5f, last_y + line_h);  // keep thin layers' labels apart
        last_y = y;
        std::string name(layer_name(layer, view.plain_words));
        ImVec2 size = text_size(name.c_str());
        ImVec2 label(anchor.x + 4.0f * g_text_px, y + 3.0f);
        list->AddLine(anchor, ImVec2(label.x - 6.0f, y + line_h * 0.5f), kText, 1.0f);
        list->AddCircleFilled(anchor, 2.5f, kText);
        list->AddRectFilled(ImVec2(label.x - 6.0f, y), ImVec2(label.x + size.x + 6.0f, y + line_h - 1.0f),
                            IM_COL32(20, 22, 26, 190), 4.0f);
        column.left = std::min(column.left, label.x - 6.0f);
        column.top = std::min(column.top, y);
        column.bottom = std::max(column.bottom, y + line_h);
        list->AddRectFilled(ImVec2(label.x - 6.0f, y), ImVec2(label.x - 2.0f, y + line_h - 1.0f), swatches(view.look)[i], 2.0f);
        text(list, ImVec2(label.x + 2.0f, y + 2.0f), kText, name.c_str());
    }
    return column;
}

// The legends' rows (their heights are all a layout needs to keep clear of them).
float legend_line_height() { return line_height() + 2.0f; }
float layer_legend_bottom(const SkinView& view) {
    if (!view.layer_legend) return 0.0f;
    return g_text_px * 0.8f + legend_line_height() * (kLayerCount + 1) + 0.5f * g_text_px;
}
float overlay_legend_height(const SkinView& view) {
    const OverlayStyle& style = overlay_style(view.overlay);
    if (!view.tissue || style.quantity_count == 0) return 0.0f;
    const float line_h = legend_line_height(), row_h = line_h * 2.0f + 0.7f * g_text_px + 2.0f;
    return line_h + row_h * float(style.quantity_count) + line_h;
}
float text_px_for(VkExtent2D extent) { return std::clamp(15.0f * float(extent.height) / 720.0f, 9.0f, 30.0f); }

// The layer legend's lines: a title and a row per layer, and the width they take.
struct LayerLegendText {
    char title[128];
    char rows[kLayerCount][96];
    float width = 0.0f;
};
LayerLegendText layer_legend_text(const SkinView& view) {
    const RegionProfile& r = view.region;
    LayerLegendText t;
    std::snprintf(t.title, sizeof t.title, "%s skin, %s", r.name_for(view.plain_words).c_str(),
                  view.look == Look::Histology ? "histology (H&E-like)" : "illustrated");
    t.width = text_size(t.title).x;
    for (int i = 0; i < kLayerCount; ++i) {
        Layer layer = static_cast<Layer>(i);
        double mm = r.thickness_mm(layer);
        std::string name(layer_name(layer, view.plain_words));
        if (mm < 1.0 && view.plain_words) std::snprintf(t.rows[i], sizeof t.rows[i], "%s  %.2g mm", name.c_str(), mm);
        else if (mm < 1.0) std::snprintf(t.rows[i], sizeof t.rows[i], "%s  %.0f \xC2\xB5m", name.c_str(), mm * 1000.0);
        else std::snprintf(t.rows[i], sizeof t.rows[i], "%s  %.1f mm", name.c_str(), mm);
        // The block shows only the top of the fat: say how much of it the picture leaves out.
        const double shown = view.block_depth_mm() - r.bottom_of_mm(Layer::ReticularDermis);
        if (layer == Layer::Hypodermis && mm > shown + 0.05)
            std::snprintf(t.rows[i], sizeof t.rows[i], "%s  %.1f mm (top %.1f mm shown)", name.c_str(), mm, shown);
        t.width = std::max(t.width, text_size(t.rows[i]).x + 1.4f * g_text_px);
    }
    return t;
}

// Top left; returns where it ends (y) so the overlay legend can sit under it.
float draw_legend(ImDrawList* list, const SkinView& view) {
    if (!view.layer_legend) return 0.0f;
    const LayerLegendText t = layer_legend_text(view);
    float line_h = legend_line_height();
    ImVec2 origin(g_text_px, g_text_px * 0.8f);
    float pad = 0.5f * g_text_px;
    list->AddRectFilled(ImVec2(origin.x - pad, origin.y - pad),
                        ImVec2(origin.x + t.width + pad, origin.y + line_h * (kLayerCount + 1) + pad),
                        IM_COL32(0, 0, 0, 110), pad);
    text(list, origin, kText, t.title);
    for (int i = 0; i < kLayerCount; ++i) {
        ImVec2 row(origin.x, origin.y + line_h * (i + 1));
        float box = 0.8f * g_text_px;
        list->AddRectFilled(ImVec2(row.x, row.y + 0.2f * g_text_px), ImVec2(row.x + box, row.y + 0.2f * g_text_px + box),
                            swatches(view.look)[i], 2.0f);
        text(list, ImVec2(row.x + 1.4f * g_text_px, row.y), view.region.layers[i].estimated ? kDim : kText, t.rows[i]);
    }
    return layer_legend_bottom(view);
}

// The shader writes sRGB-encoded values to a UNORM target; ImGui colours go there as they are.
ImU32 srgb_colour(glm::vec3 linear) {
    auto encode = [](float c) {
        c = std::clamp(c, 0.0f, 1.0f);
        float s = c <= 0.0031308f ? c * 12.92f : 1.055f * std::pow(c, 1.0f / 2.4f) - 0.055f;
        return int(std::lround(s * 255.0f));
    };
    return IM_COL32(encode(linear.r), encode(linear.g), encode(linear.b), 255);
}

// The overlay legend's lines: a heading, the ends and middle of its log scale, and the unit per quantity, and
// the width they take with the surface's row.
struct OverlayLegendText {
    struct Row { std::string heading, lo, mid, hi, unit; };
    std::vector<Row> rows;
    float width = 0.0f;
};
constexpr const char* kSurfaceRow = "skin surface: redness";
float overlay_bar_width() { return 9.0f * g_text_px; }
// The overlay's title; in plain words without its scale's description ("(log scale; ...)").
std::string overlay_title(const SkinView& view) {
    const std::string title = overlay_style(view.overlay).title;
    return view.plain_words ? title.substr(0, title.find(" (")) : title;
}
OverlayLegendText overlay_legend_text(const SkinView& view) {
    const OverlayStyle& style = overlay_style(view.overlay);
    const float pad = 0.5f * g_text_px, bar_w = overlay_bar_width();
    OverlayLegendText t;
    t.width = std::max(text_size(overlay_title(view).c_str()).x, bar_w);
    for (int q = 0; q < style.quantity_count; ++q) {
        const OverlayQuantity& quantity = style.quantities[q];
        OverlayLegendText::Row row;
        row.heading = view.plain_words ? std::string(quantity.meaning) : std::string(quantity.name) + ": " + quantity.meaning;
        // Log scale: the ends and their geometric mean.
        const char* sign = view.overlay == Overlay::Collagen ? "+" : "";
        auto label = [&](double v) {
            char buf[32];
            std::snprintf(buf, sizeof buf, v >= 10.0 ? "%s%.0f" : "%s%.2g", sign, v);
            return std::string(buf);
        };
        // Plain words: the ramp reads from less to more. Figures such as "+50 % more than untreated skin" read as
        // a promise to a client, though they are the scale's ends, not anyone's result.
        row.lo = view.plain_words ? "less" : label(quantity.lowest);
        row.mid = view.plain_words ? "" : label(std::sqrt(double(quantity.lowest) * quantity.full_scale));
        row.hi = view.plain_words ? "more" : label(quantity.full_scale);
        row.unit = view.plain_words ? "" : quantity.unit;
        t.width = std::max({t.width, text_size(row.heading.c_str()).x, bar_w + pad + text_size(row.unit.c_str()).x});
        t.rows.push_back(row);
    }
    t.width = std::max(t.width, 1.4f * g_text_px + text_size(kSurfaceRow).x);
    return t;
}

// Under the layer legend (the window's panels take the right side): what the overlay's colours mean, a ramp per
// quantity with its scale and unit, and the surface's red.
void draw_overlay_legend(ImDrawList* list, const SkinView& view, float top) {
    const OverlayStyle& style = overlay_style(view.overlay);
    const float height = overlay_legend_height(view);
    if (height == 0.0f) return;
    const float line_h = legend_line_height(), pad = 0.5f * g_text_px, bar_h = 0.7f * g_text_px;
    const float bar_w = overlay_bar_width();
    const OverlayLegendText t = overlay_legend_text(view);
    const float row_h = line_h * 2.0f + bar_h + 2.0f;
    ImVec2 origin(g_text_px, top + g_text_px);
    list->AddRectFilled(ImVec2(origin.x - pad, origin.y - pad), ImVec2(origin.x + t.width + pad, origin.y + height + pad),
                        IM_COL32(0, 0, 0, 110), pad);
    text(list, origin, kText, overlay_title(view).c_str());
    for (size_t q = 0; q < t.rows.size(); ++q) {
        const OverlayLegendText::Row& row = t.rows[q];
        const auto& ramp = style.quantities[q].ramp;
        float y = origin.y + line_h + row_h * q;
        text(list, ImVec2(origin.x, y), kText, row.heading.c_str());
        ImVec2 bar(origin.x, y + line_h);
        float half = 0.5f * bar_w;
        ImU32 c0 = srgb_colour(ramp[0]), c1 = srgb_colour(ramp[1]), c2 = srgb_colour(ramp[2]);
        list->AddRectFilledMultiColor(bar, ImVec2(bar.x + half, bar.y + bar_h), c0, c1, c1, c0);
        list->AddRectFilledMultiColor(ImVec2(bar.x + half, bar.y), ImVec2(bar.x + bar_w, bar.y + bar_h), c1, c2, c2, c1);
        text(list, ImVec2(bar.x + bar_w + pad, bar.y + 0.5f * bar_h - 0.5f * g_text_px), kDim, row.unit.c_str());
        float label_y = bar.y + bar_h + 1.0f;
        text(list, ImVec2(bar.x, label_y), kText, row.lo.c_str());
        text(list, ImVec2(bar.x + half - 0.5f * text_size(row.mid.c_str()).x, label_y), kText, row.mid.c_str());
        text(list, ImVec2(bar.x + bar_w - text_size(row.hi.c_str()).x, label_y), kText, row.hi.c_str());
    }
    float y = origin.y + line_h + row_h * t.rows.size();
    float box = 0.8f * g_text_px;
    list->AddRectFilled(ImVec2(origin.x, y + 0.2f * g_text_px), ImVec2(origin.x + box, y + 0.2f * g_text_px + box),
                        srgb_colour(kErythemaColour), 2.0f);
    text(list, ImVec2(origin.x + 1.4f * g_text_px, y), kText, kSurfaceRow);
}

// Where the fat is cut off: a wavy "break" line along the bottom edge of the cut face, and a note at its end,
// so nobody reads the block's bottom as the bottom of the skin.
void draw_fat_break(ImDrawList* list, const Projector& project, const SkinView& view, float left_x, float right_x,
                    float cut_z, float depth, const LabelColumn& labels) {
    const double fat = view.region.thickness_mm(Layer::Hypodermis);
    const double shown = depth - view.region.bottom_of_mm(Layer::ReticularDermis);
    if (fat <= shown + 0.05) return;
    std::vector<ImVec2> points;
    const int n = 240;
    for (int i = 0; i <= n; ++i) {
        float x = left_x + (right_x - left_x) * float(i) / n;
        float wave = 0.025f * depth * std::sin(float(i) * 0.55f);
        glm::vec3 p(x, -depth * 0.965f + wave, cut_z);
        if (!project.visible(p)) return;
        points.push_back(project(p));
    }
    list->AddPolyline(points.data(), int(points.size()), IM_COL32(60, 60, 70, 200), 0, 1.5f);
    char note[64];
    std::snprintf(note, sizeof note, "fat continues (%.1f mm in all)", fat);
    // Under the block's front-left corner, beside the ruler's deep end; on a small block (the consultation's,
    // beside its magnified cut) the layer labels come down that far, so the note ends before them.
    const ImVec2 corner = project(glm::vec3(left_x, -depth, cut_z));
    const ImVec2 size = text_size(note);
    ImVec2 at(corner.x + 0.5f * g_text_px, corner.y + 0.4f * g_text_px);
    if (at.y < labels.bottom && at.y + size.y > labels.top && at.x + size.x > labels.left - 0.5f * g_text_px)
        at.x = std::max(labels.left - 0.5f * g_text_px - size.x, 0.0f);
    text(list, at, kDim, note);
}

// The caption's band along the bottom: its line, the notice's above it, and half a text height around each.
float caption_band_height(const SkinView& view) {
    if (!view.caption) return 0.0f;
    return (view.caption->notice.empty() ? 2.0f : 3.6f) * g_text_px;
}

// The frame's caption: a line on a dark band along the bottom, readable in any image a frame is cut into, and
// the notice in a dimmer line above it.
void draw_caption(ImDrawList* list, const SkinView& view, VkExtent2D extent) {
    if (!view.caption) return;
    const float width = float(extent.width), height = float(extent.height);
    list->AddRectFilled(ImVec2(0.0f, height - caption_band_height(view)), ImVec2(width, height), IM_COL32(14, 15, 17, 235));
    const std::string line = caption_text(*view.caption, view.region.name_for(view.plain_words));
    const float line_y = height - 1.5f * g_text_px;
    text(list, ImVec2(0.5f * (width - text_size(line.c_str()).x), line_y), kText, line.c_str());
    const char* notice = view.caption->notice.c_str();
    if (*notice) text(list, ImVec2(0.5f * (width - text_size(notice).x), line_y - 1.6f * g_text_px), kDim, notice);
}

}  // namespace

void draw_annotations(ImDrawList* list, const SkinView& view, VkExtent2D extent) {
    if (!view.annotations) {
        if (view.micro && view.micro_key) draw_micro_annotations(list, view, extent);
        return;
    }
    // The magnified view alone: the block's ruler and labels have nothing to point at.
    g_text_px = text_px_for(extent);
    if (view.micro && view.micro->fills_frame()) {
        // The scale bar stands above the caption band.
        draw_micro_annotations(list, view, extent, view.caption ? caption_band_height(view) + 0.2f * g_text_px : 0.0f);
        draw_caption(list, view, extent);
        return;
    }
    SceneUniforms u = SkinBlockPass::uniforms_for(view, extent);
    Projector project{u.view_proj, extent};
    float depth = -u.block_min.y;
    glm::vec3 front_left_top(u.block_min.x, 0.0f, u.block_max.z);
    if (project.visible(front_left_top)) draw_ruler(list, project, front_left_top, depth);
    const LabelColumn labels = draw_layer_labels(list, project, view, u.block_min.x, u.block_max.z, depth);
    draw_fat_break(list, project, view, u.block_min.x, u.block_max.x, u.block_max.z, depth, labels);
    draw_caption(list, view, extent);
    float legend_bottom = draw_legend(list, view);
    draw_overlay_legend(list, view, legend_bottom);
    if (view.micro) draw_micro_annotations(list, view, extent);
}

LegendsExtent annotation_legends_extent(const SkinView& view, VkExtent2D extent) {
    g_text_px = text_px_for(extent);
    const float overlay = overlay_legend_height(view);
    // Both legends start a text height from the left edge and pad their boxes by half of one; the overlay's
    // starts a text height below the layer legend.
    const float pad = 0.5f * g_text_px;
    LegendsExtent e;
    if (view.layer_legend) e.right = g_text_px + layer_legend_text(view).width + pad;
    if (overlay > 0.0f) e.right = std::max(e.right, g_text_px + overlay_legend_text(view).width + pad);
    e.bottom = layer_legend_bottom(view) + (overlay > 0.0f ? g_text_px + overlay + pad : 0.0f);
    return e;
}

}  // namespace dermasim
