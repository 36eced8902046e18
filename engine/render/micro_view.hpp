#pragma once
// The magnified channel view: a close cut through a small window of tissue (about 1.5 mm wide, from just above the
// surface down past the deepest channel shown) at a scale where one 0.1 mm channel is tens of pixels wide. At true
// scale in the block a channel is a hairline; this is where closing, clot, cells and new fibres can be seen.
// What it draws comes from the simulated fields and the puncture list alone (render/micro_fields.hpp).
#include <optional>
#include <glm/vec2.hpp>
#include <glm/vec4.hpp>
#include <vulkan/vulkan.h>
#include "engine/tools/puncture.hpp"

namespace dermasim {

struct SkinView;

// Channels whose axis passes within this distance of the cut plane are shown in the magnified cut, drawn at their
// full width: a thick section, like the block's cut face (channel_bins.hpp), so a plane that misses a 50 µm channel
// by a few tens of µm still shows it (a histologist would step through serial sections to find it).
inline constexpr float kMicroSectionMm = 0.1f;

struct MicroView {
    // Patch coordinates (mm, 0..kPatchSizeMm): x along the cut line, y = the cut plane (SkinView::cut_z_mm()
    // + width_mm / 2). The window is centred on x; the plane is where fields and channels are sampled.
    glm::vec2 centre_mm{10.0f, 10.0f};
    float width_mm = 1.5f;  // at least this much tissue across; more when the frame is wider than the window
    // Where the view sits in the frame, normalised (x, y, w, h; origin top left). {0, 0, 1, 1}: alone, filling
    // the frame (the block is then not drawn at all).
    glm::vec4 rect{0.56f, 0.04f, 0.42f, 0.56f};

    bool fills_frame() const { return rect.x <= 0.0f && rect.y <= 0.0f && rect.z >= 1.0f && rect.w >= 1.0f; }
    static MicroView filling_frame(glm::vec2 centre_mm, float width_mm = 1.5f) {
        return {centre_mm, width_mm, glm::vec4(0.0f, 0.0f, 1.0f, 1.0f)};
    }
};

// The window of tissue the view shows in a frame: its pixels and the millimetres they cover. Square pixels: when
// the rectangle's shape differs from the window's, more tissue is shown (wider or deeper), never stretched.
struct MicroLayout {
    VkRect2D rect{};         // pixels of the frame
    float x0_mm = 0;         // patch x at the rectangle's left edge
    float top_mm = 0;        // depth (mm, positive down) at its top edge; negative: air above the skin
    float mm_per_px = 0;
    float plane_y_mm = 0;    // patch y of the cut plane
    float width_mm() const { return mm_per_px * rect.extent.width; }
    float height_mm() const { return mm_per_px * rect.extent.height; }
};

// How deep the window reaches: a bit below the deepest channel crossing it, at least through the papillary
// dermis and at most a little into the fat.
float micro_depth_mm(const SkinView& view);
MicroLayout micro_layout(const SkinView& view, VkExtent2D frame);

// True when the channel of `p` passes within section_mm of the plane at patch y = plane_y (over its whole depth).
bool channel_near_plane(const Puncture& p, float plane_y, float section_mm = kMicroSectionMm);

// Where to centre a magnified view on real channels: the patch point on the cut line (y = cut_patch_y_mm) whose
// window of width_mm holds the most channels passing within section_mm of the cut plane (ties: the one nearest
// the middle of the patch, so the choice is stable). nullopt when no channel is near the plane; the caller may
// then move the cut (for instance onto a puncture's y) and ask again.
std::optional<glm::vec2> densest_channels_on_cut(const PunctureList& punctures, float cut_patch_y_mm,
                                                 float width_mm = 1.5f, float section_mm = kMicroSectionMm);

}  // namespace dermasim
