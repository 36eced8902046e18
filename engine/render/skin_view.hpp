#pragma once
// What the renderer is asked to show: the region's skin block, how it looks, where it is cut, from where.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <glm/vec3.hpp>
#include <glm/vec4.hpp>
#include "engine/render/camera.hpp"
#include "engine/render/micro_view.hpp"
#include "engine/sim/tissue_state.hpp"
#include "engine/skin/region_profile.hpp"
#include "engine/tools/puncture.hpp"

namespace dermasim {

enum class Look { Illustrated, Histology };
Look parse_look(const std::string& name);  // "illustrated" | "histology"; throws Error otherwise
const char* look_name(Look look);

// What the cut faces are tinted with when a simulated tissue is shown (render/field_volume.hpp has the colours).
enum class Overlay { None, Collagen, Channels, Serum, Inflammation };
Overlay parse_overlay(const std::string& name);  // "none" | "collagen" | "channels" | "serum" | "inflammation"
const char* overlay_name(Overlay overlay);

// Where a hand-held device stands, for drawing (render/device_pass.hpp). World axes: mm, skin surface y = 0,
// x/z across the block. heading_rad turns the device about +y; at 0 the roller rolls forward along +z.
struct DevicePose {
    enum Kind { Roller, Pen } kind = Roller;
    glm::vec3 position_mm{0.0f};  // the surface point under the drum's contact line / the pen's cartridge centre
    float heading_rad = 0.0f;
    float drum_angle_rad = 0.0f;  // roller: drum turned by this about its axis (RollerKinematics::drum_angle_rad)
    float lift_mm = 0.0f;         // above resting: roller drum surface / pen cartridge face, over the surface
    // Ghosted: the body (drum, handle, pen) drawn see-through with bright edges and the needles solid, so the
    // skin under the device, the channels being made and the cut stay visible while treating.
    bool ghost = false;
    bool operator==(const DevicePose&) const = default;
};

// What a frame of a time-lapse or replay says about itself, drawn as a line at the bottom of the image.
struct FrameCaption {
    double day = 0;            // since the first session; negative: during the treatment
    int session = 1;           // the latest session so far (1-based) ...
    int sessions = 1;          // ... of this many
    double session_day = 0;    // day of the first session of the latest one
    std::string device;        // "dermaroller 1.50 mm", "pen 0.75 mm"
    std::string note;          // anything else worth saying ("passes", "after 3 passes"), may be empty
    std::string notice;        // a line of its own above the caption (what a healing picture is), may be empty
};
// What every picture of healing says of itself, wherever it is taken: the model shows how skin heals in general.
inline constexpr const char* kIllustrationNotice = "An illustration of healing, not a prediction of anyone's result";
std::string caption_text(const FrameCaption& caption, const std::string& region_name);
// The caption of a healing frame at `day` of a protocol of `sessions` sessions `interval_days` apart, with the
// illustration notice.
FrameCaption healing_caption(double day, int sessions, double interval_days, std::string device);
// The cut position (SkinView::cut) whose plane passes through the densest row of channels among punctures
// [first, end): where the work can be seen. fallback when there are none.
float cut_through_channels(const PunctureList& punctures, size_t first, float width_mm, float fallback);
// A magnified view in `rect` (see MicroView) on the channels the current cut passes through, or mid-patch
// when it meets none.
MicroView micro_on_channels(const SkinView& view, const PunctureList& punctures, glm::vec4 rect);
// "dermaroller 1.50 mm" / "pen 0.75 mm"
std::string device_label(bool pen, float needle_mm);

struct SkinView {
    RegionProfile region;
    Look look = Look::Illustrated;
    float cut = 0.5f;          // cut plane position across the block, 0 = front face .. 1 = back face
    float width_mm = 20.0f;    // the treated patch (kPatchSizeMm)
    float fat_shown_mm = 1.0f; // how much of the hypodermis the block shows below the dermis
    OrbitCamera camera = OrbitCamera::framing(20.0f, 2.5f, 0.0f);
    int highlight_layer = -1;  // a Layer to tint, or -1
    bool annotations = true;   // depth ruler and layer labels
    bool layer_legend = true;  // with the annotations: the top-left legend of the layers' thicknesses
    // With the annotations off, the magnified cut's key and scale bar all the same: the kiosk shows no labels,
    // but a visitor still needs to know what the red dots and the orange fibres are.
    bool micro_key = false;
    // Words for a client or a visitor, not a practitioner: the layers' everyday names, keys without figures or
    // scales, millimetres not micrometres (the consultation, the kiosk, --plain-words).
    bool plain_words = false;
    std::optional<DevicePose> device;  // the roller or pen to draw over the block, if any
    std::shared_ptr<const PunctureList> punctures;  // needle channels to show (null: none)
    uint64_t punctures_version = 0;  // bump whenever *punctures changes, so the GPU copy is refreshed
    float channel_openness = 1.0f;   // 1: freshly open .. 0: closed (healing)
    // The simulated tissue (null: untreated look only). While given, the surface reddens with its erythema and
    // the cut faces show `overlay`. Its grid spans the patch: patch x, y = world x, z + width_mm / 2.
    std::shared_ptr<const TissueState> tissue;
    uint64_t tissue_version = 0;     // bump whenever *tissue changes, so the GPU copy is refreshed
    Overlay overlay = Overlay::None;
    std::optional<FrameCaption> caption;  // frames that tell their story (headless time-lapses and replays)
    // The magnified channel view (render/micro_view.hpp), drawn over the block in its rectangle, or alone filling
    // the frame. Its plane is micro->centre_mm.y; the picker densest_channels_on_cut() centres it on channels.
    std::optional<MicroView> micro;
    // Before and after in one picture: left of this fraction of the width the block is drawn untreated, right of
    // it as `tissue` and `punctures` say. None: no split.
    std::optional<float> before_after_split;
    // Part of a playing time-lapse or replay: pictures that change are drawn at the renderer's moving scale
    // (Renderer::set_moving_scale) from the first change, and drawn sharp once the animation stops.
    bool animating = false;

    float block_depth_mm() const;  // dermis plus the fat shown
    // Points the camera (keeping its yaw and pitch) so the whole block fits inside `area` (x0, y0, x1, y1 as
    // fractions of an image of this aspect: what panels and legends leave free), then applies `zoom`.
    void fit_camera(float aspect, glm::vec4 area, float zoom = 1.0f);
    float cut_z_mm() const;        // where the cut plane sits (world z; the block spans -width/2..+width/2)
    OrbitCamera default_camera() const { return OrbitCamera::framing(width_mm, block_depth_mm(), cut_z_mm()); }
};

}  // namespace dermasim
