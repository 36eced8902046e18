#pragma once
// Draws the background and the skin block (surface and cut faces) with dynamic rendering.
#include <array>
#include <vector>
#include "engine/render/frame_target.hpp"
#include "engine/render/scene_uniforms.hpp"
#include "engine/render/skin_view.hpp"
#include "engine/vk/buffer.hpp"
#include "engine/vk/handle.hpp"

namespace dermasim {
namespace vk { class Context; }

class SkinBlockPass {
public:
    SkinBlockPass(const vk::Context& context, int frame_slots);
    // Draws the background and the block inside the renderer's dynamic-rendering scope. slot < frame_slots.
    void draw(VkCommandBuffer cmd, int slot, VkExtent2D extent, const SkinView& view);
    static SceneUniforms uniforms_for(const SkinView& view, VkExtent2D extent);

private:
    const vk::Context& context_;
    vk::DescriptorSetLayout set_layout_;
    vk::DescriptorPool pool_;
    vk::PipelineLayout layout_;
    vk::Pipeline background_;
    vk::Pipeline block_;
    // Per frame slot, so the CPU can rewrite one while the GPU reads another.
    struct SlotResources {
        vk::Buffer uniforms;
        vk::Buffer channels, cell_start, cell_items;  // binned punctures (channel_bins.hpp)
        uint64_t channels_version = ~0ull;
        VkDescriptorSet set = VK_NULL_HANDLE;
    };
    void update_channels(SlotResources& slot, const SkinView& view);
    std::vector<SlotResources> slots_;
};

}  // namespace dermasim
