#pragma once
// Draws the magnified channel view (render/micro_view.hpp) into a kept picture (render/cached_layer.hpp) and
// copies it into its rectangle of the frame, over the block. One full-rectangle triangle; the fragment shader
// builds the picture from the packed fields and channels (render/micro_fields.hpp), so nothing is keyframed.
// The shader draws cells and fibres at micrometre scale for every pixel, the costliest picture the app makes
// (50-60 ms a frame at 1280x720 on lavapipe): it is drawn again only when the tissue, the channels, the look or
// the window change.
#include <memory>
#include <optional>
#include <string>
#include <vector>
#include <glm/vec4.hpp>
#include "engine/render/cached_layer.hpp"
#include "engine/render/look_pipelines.hpp"
#include "engine/render/micro_fields.hpp"
#include "engine/render/scene_uniforms.hpp"
#include "engine/render/skin_view.hpp"
#include "engine/sim/heal_kernel.hpp"
#include "engine/vk/buffer.hpp"
#include "engine/vk/handle.hpp"
#include "engine/vk/texel_buffer.hpp"

namespace dermasim {
namespace vk { class Context; }

struct MicroUniforms {  // mirrors shaders/micro_view.frag (std140: vec4 only)
    glm::vec4 window;   // patch x at the left edge (mm), depth at the top (mm), mm per pixel, border (px)
    glm::vec4 rect;     // the rectangle in frame pixels: x, y, width, height
    glm::vec4 counts;   // texels across, texels down, channels, profile samples per channel
    glm::vec4 extent;   // window width, height (mm), papillary top (mm), 1 when a tissue state is shown
};
static_assert(sizeof(MicroUniforms) == 4 * 16);

class MicroViewPass {
public:
    MicroViewPass(const vk::Context& context, int frame_slots, const kernel::HealParams& heal, VkFormat color_format);
    // view.micro must be set. Outside any rendering scope: draws the picture again when what it shows changed
    // (at moving_scale of its size while that keeps changing; see CachedLayer::plan).
    // Returns true when it drew a moving picture (CachedLayer::planned_moving).
    bool prepare(VkCommandBuffer cmd, int slot, VkExtent2D frame, const SkinView& view, float moving_scale);
    // Copies the last prepared picture into `frame_color` (TRANSFER_DST_OPTIMAL) at its rectangle.
    void composite(VkCommandBuffer cmd, VkImage frame_color) const;

private:
    struct Key {  // what the packed fields were made from
        const TissueState* tissue = nullptr;
        uint64_t tissue_version = 0;
        const PunctureList* punctures = nullptr;
        uint64_t punctures_version = 0;
        std::string region;
        float x0 = 0, top = 0, mm_per_px = 0, plane = 0;
        uint32_t width = 0, height = 0;
        bool operator==(const Key&) const = default;
    };
    struct PictureKey {  // what the picture was drawn from
        Key fields;
        Look look = Look::Illustrated;
        bool fills_frame = false;
        bool operator==(const PictureKey&) const = default;
    };
    void update_fields(int slot, const Key& key, const SkinView& view, const MicroLayout& layout);
    void draw(VkCommandBuffer cmd, int slot, VkExtent2D drawn, const SkinView& view, const MicroLayout& layout);

    const vk::Context& context_;
    kernel::HealParams heal_params_;
    VkFormat color_format_;
    vk::DescriptorSetLayout set_layout_;
    vk::DescriptorPool pool_;
    vk::PipelineLayout layout_;
    std::optional<LookPipelines> pipeline_;
    struct SlotResources {
        vk::Buffer scene, micro;                 // uniforms: SceneUniforms (layers, look), MicroUniforms
        // The packed fields (micro_fields.hpp), each of vec4 texels.
        vk::TexelBuffer texels{VK_FORMAT_R32G32B32A32_SFLOAT, 16}, channels{VK_FORMAT_R32G32B32A32_SFLOAT, 16},
            profiles{VK_FORMAT_R32G32B32A32_SFLOAT, 16}, bin_start{VK_FORMAT_R32_UINT, 4},
            bin_items{VK_FORMAT_R32_UINT, 4};
        std::optional<Key> key;                  // what they hold
        VkDescriptorSet set = VK_NULL_HANDLE;
    };
    std::vector<SlotResources> slots_;
    // Packed once per change and shared by the slots; the freshly stamped channels once per puncture list.
    std::optional<Key> packed_key_;
    MicroFields packed_;
    struct Fresh {
        const PunctureList* punctures = nullptr;
        uint64_t version = 0;
        int nx = 0, ny = 0, nz = 0;
        std::unique_ptr<TissueState> state;
    } fresh_;
    CachedLayer picture_;
    std::optional<PictureKey> picture_key_;
    VkRect2D rect_{};  // where the prepared picture goes in the frame
};

}  // namespace dermasim
