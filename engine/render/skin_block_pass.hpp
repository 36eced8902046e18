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
    // Records the scene into target (colour and depth in attachment layouts). slot < frame_slots.
    void record(VkCommandBuffer cmd, int slot, const FrameTarget& target, const SkinView& view);
    static SceneUniforms uniforms_for(const SkinView& view, VkExtent2D extent);

private:
    const vk::Context& context_;
    vk::DescriptorSetLayout set_layout_;
    vk::DescriptorPool pool_;
    vk::PipelineLayout layout_;
    vk::Pipeline background_;
    vk::Pipeline block_;
    std::vector<vk::Buffer> uniforms_;       // one per frame slot: written by the CPU while others are in flight
    std::vector<VkDescriptorSet> sets_;
};

}  // namespace dermasim
