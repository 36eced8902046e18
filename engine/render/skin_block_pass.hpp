#pragma once
// Draws the background and the skin block (surface and cut faces) with dynamic rendering.
#include <array>
#include <optional>
#include <vector>
#include "engine/render/field_volume.hpp"
#include "engine/render/frame_target.hpp"
#include "engine/render/look_pipelines.hpp"
#include "engine/render/scene_uniforms.hpp"
#include "engine/render/skin_view.hpp"
#include "engine/sim/heal_kernel.hpp"
#include "engine/vk/buffer.hpp"
#include "engine/vk/handle.hpp"
#include "engine/vk/texel_buffer.hpp"

namespace dermasim {
namespace vk { class Context; }

class SkinBlockPass {
public:
    // heal: the healing kernel's parameters, for the untreated collagen the overlays compare against.
    SkinBlockPass(const vk::Context& context, int frame_slots, const kernel::HealParams& heal, VkFormat color_format);
    // Draws the background and the block inside the renderer's dynamic-rendering scope. slot < frame_slots.
    void draw(VkCommandBuffer cmd, int slot, VkExtent2D extent, const SkinView& view);
    static SceneUniforms uniforms_for(const SkinView& view, VkExtent2D extent);

private:
    const vk::Context& context_;
    vk::DescriptorSetLayout set_layout_;
    vk::DescriptorPool pool_;
    vk::PipelineLayout layout_;
    vk::Pipeline background_;
    std::optional<LookPipelines> surface_, cut_faces_;  // the block's top face, and its other faces
    // Per frame slot, so the CPU can rewrite one while the GPU reads another.
    struct SlotResources {
        vk::Buffer uniforms;
        // Binned punctures (channel_bins.hpp): two vec4 texels per channel, uint cell starts and items.
        vk::TexelBuffer channels{VK_FORMAT_R32G32B32A32_SFLOAT, 16}, cell_start{VK_FORMAT_R32_UINT, 4},
            cell_items{VK_FORMAT_R32_UINT, 4};
        uint64_t channels_version = ~0ull;
        vk::Buffer field_uniforms;                   // field_volume.hpp FieldUniforms
        // The packed tissue (one texel while none): vec2 per voxel, float per column.
        vk::TexelBuffer overlay{VK_FORMAT_R32G32_SFLOAT, 8}, surface_erythema{VK_FORMAT_R32_SFLOAT, 4};
        const TissueState* tissue = nullptr;         // what the buffers hold: tissue, version, overlay
        uint64_t tissue_version = 0;
        Overlay overlay_kind = Overlay::None;
        bool tissue_written = false;
        VkDescriptorSet set = VK_NULL_HANDLE;
    };
    void update_channels(SlotResources& slot, const SkinView& view);
    void update_tissue(SlotResources& slot, const SkinView& view);
    kernel::HealParams heal_params_;  // for the untreated collagen
    struct Packed {
        bool valid = false;
        const TissueState* tissue = nullptr;
        uint64_t version = 0;
        Overlay overlay = Overlay::None;
        FieldVolume volume;
    } packed_;
    std::vector<SlotResources> slots_;
};

}  // namespace dermasim
