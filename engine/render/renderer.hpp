#pragma once
// One renderer for window and headless runs: it composes a frame in its own offscreen FrameTarget (the scene -
// background, block and device -, the magnified cut over it, then Dear ImGui on top) and leaves the colour image
// ready to be copied: TRANSFER_SRC_OPTIMAL, writes visible to transfers. The window blits it to the swapchain; a
// headless run copies it to a buffer and writes a PNG. The scene and the magnified cut are kept pictures
// (render/cached_layer.hpp), drawn again only when what they show changes.
#include <memory>
#include <optional>
#include <string>
#include <vulkan/vulkan.h>
#include "engine/render/cached_layer.hpp"
#include "engine/render/device_pass.hpp"
#include "engine/render/field_volume.hpp"
#include "engine/render/frame_target.hpp"
#include "engine/render/micro_view_pass.hpp"
#include "engine/render/moving_picture_timer.hpp"
#include "engine/render/skin_block_pass.hpp"
#include "engine/render/skin_view.hpp"
#include "engine/render/ui_context.hpp"
#include "engine/render/ui_overlay.hpp"

struct ImDrawData;

namespace dermasim {
namespace vk { class Context; }
struct Catalog;

class Renderer {
public:
    // The catalogue gives the device models and the healing parameters; it must outlive the renderer.
    // color_format: of every colour image it draws, its targets' included (render/frame_target.hpp).
    Renderer(const vk::Context& context, const Catalog& catalog, int frame_slots, VkFormat color_format = kColorFormat);

    FrameTarget make_target(VkExtent2D extent) const;
    UiOverlay& ui() { return ui_; }
    // This renderer's own ImGui context: build its frames (NewFrame .. Render) inside a UiContext::Activate.
    UiContext& ui_context() { return ui_context_; }

    // Records one frame. The target must not be in use by the GPU (the caller waited on its slot's fence).
    void record(VkCommandBuffer cmd, int slot, FrameTarget& target, const SkinView& view, ImDrawData* ui);

    // While the scene or the magnified cut moves (changed this frame and the last), draw it at this fraction of
    // the frame's size and scale it up; still pictures are always drawn at full size. 1 (the default, and what
    // headless runs keep): always full size. The window lowers it on a CPU driver (--render-scale).
    void set_moving_scale(float scale);
    float moving_scale() const { return moving_scale_; }
    // Whether the last recorded frame drew a picture at the moving scale: its time is what the scale controls
    // (render/moving_scale_control.hpp).
    bool drew_moving() const { return drew_moving_; }
    // From now on, time the pictures drawn at the moving scale on the GPU: the part of a frame's time the scale
    // acts on (render/moving_picture_timer.hpp). Returns whether the device can (it writes timestamps).
    bool time_moving_pictures();
    // That time for an earlier frame (the last one this frame's slot drew), when it drew moving pictures.
    std::optional<MovingPictureTimer::Measured> measured_moving() const { return measured_moving_; }

private:
    // Everything the scene's picture is drawn from: the same key, the same picture.
    struct SceneKey {
        SceneUniforms scene{};   // camera, block, layers, look, highlight, openness, before/after split
        FieldUniforms fields{};  // overlay ramps, redness colour
        const TissueState* tissue = nullptr;
        uint64_t tissue_version = 0;
        Overlay overlay = Overlay::None;
        const PunctureList* punctures = nullptr;
        uint64_t punctures_version = 0;
        std::optional<DevicePose> device;
        std::string region;
        bool operator==(const SceneKey& o) const;
    };
    void draw_scene(VkCommandBuffer cmd, int slot, VkExtent2D extent, const SkinView& view);

    const vk::Context& context_;
    const Catalog& catalog_;
    int frame_slots_;
    VkFormat color_format_;
    SkinBlockPass skin_;
    MicroViewPass micro_;
    UiContext ui_context_;  // before ui_: the Vulkan backend lives in this context and must go first
    UiOverlay ui_;
    std::unique_ptr<DevicePass> devices_;  // made on the first frame that shows a device (uploads the models)
    CachedLayer scene_;
    std::optional<SceneKey> scene_key_;    // what scene_ holds
    std::optional<MovingPictureTimer> timer_;  // made by time_moving_pictures
    float moving_scale_ = 1.0f;
    bool drew_moving_ = false;
    std::optional<MovingPictureTimer::Measured> measured_moving_;
};

}  // namespace dermasim
