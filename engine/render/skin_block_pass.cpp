#include "engine/render/skin_block_pass.hpp"

#include <algorithm>
#include <cstring>
#include <glm/geometric.hpp>

#include "engine/core/error.hpp"
#include "engine/render/channel_bins.hpp"
#include "engine/render/field_volume.hpp"
#include "engine/vk/context.hpp"
#include "engine/vk/descriptors.hpp"
#include "engine/vk/pipeline.hpp"

namespace dermasim {
namespace {
const uint32_t kBackgroundVert[] = {
#include "background.vert.spv.inc"
};
const uint32_t kBackgroundFrag[] = {
#include "background.frag.spv.inc"
};
const uint32_t kSkinBlockVert[] = {
#include "skin_block.vert.spv.inc"
};
const uint32_t kSkinBlockFrag[] = {
#include "skin_block.frag.spv.inc"
};
}  // namespace

SkinBlockPass::SkinBlockPass(const vk::Context& context, int frame_slots, const kernel::HealParams& heal,
                             VkFormat color_format)
    : context_(context), heal_params_(heal) {
    VkDevice device = context.device();
    const vk::Binding bindings[] = {
        {0, VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT},
        {1, VK_DESCRIPTOR_TYPE_UNIFORM_TEXEL_BUFFER, VK_SHADER_STAGE_FRAGMENT_BIT},
        {2, VK_DESCRIPTOR_TYPE_UNIFORM_TEXEL_BUFFER, VK_SHADER_STAGE_FRAGMENT_BIT},
        {3, VK_DESCRIPTOR_TYPE_UNIFORM_TEXEL_BUFFER, VK_SHADER_STAGE_FRAGMENT_BIT},
        {4, VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, VK_SHADER_STAGE_FRAGMENT_BIT},
        {5, VK_DESCRIPTOR_TYPE_UNIFORM_TEXEL_BUFFER, VK_SHADER_STAGE_FRAGMENT_BIT},
        {6, VK_DESCRIPTOR_TYPE_UNIFORM_TEXEL_BUFFER, VK_SHADER_STAGE_FRAGMENT_BIT}};
    set_layout_ = vk::make_set_layout(device, bindings);
    VkDescriptorSetLayout set_layout = set_layout_;
    layout_ = vk::make_pipeline_layout(device, {&set_layout, 1}, 0, 0);

    vk::GraphicsPipelineDesc desc;
    desc.layout = layout_;
    desc.color_format = color_format;
    desc.depth_format = kDepthFormat;
    desc.vertex = kBackgroundVert;
    desc.fragment = kBackgroundFrag;
    desc.cull = VK_CULL_MODE_NONE;
    desc.depth_write = false;
    background_ = vk::make_graphics_pipeline(device, desc);
    desc.vertex = kSkinBlockVert;
    desc.fragment = kSkinBlockFrag;
    desc.cull = VK_CULL_MODE_BACK_BIT;
    desc.depth_write = true;
    // The top face and the cut faces are drawn with a pipeline each: lavapipe runs both sides of a branch, so in
    // one pipeline every pixel paid for the surface's relief and the tissue's section together.
    surface_.emplace(device, desc, true);
    cut_faces_.emplace(device, desc, false);

    const VkDescriptorPoolSize sizes[] = {{VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, uint32_t(2 * frame_slots)},
                                           {VK_DESCRIPTOR_TYPE_UNIFORM_TEXEL_BUFFER, uint32_t(5 * frame_slots)}};
    pool_ = vk::make_descriptor_pool(device, uint32_t(frame_slots), sizes);

    slots_.resize(frame_slots);
    for (SlotResources& slot : slots_) {
        slot.uniforms = vk::Buffer(context, sizeof(SceneUniforms), VK_BUFFER_USAGE_UNIFORM_BUFFER_BIT,
                                   vk::MemoryUse::Upload);
        slot.set = vk::allocate_set(device, pool_, set_layout);
        slot.field_uniforms = vk::Buffer(context, sizeof(FieldUniforms), VK_BUFFER_USAGE_UNIFORM_BUFFER_BIT,
                                         vk::MemoryUse::Upload);
        // Each buffer is exactly its uniform block, so whole-buffer ranges are the blocks.
        const VkBuffer scene = slot.uniforms, fields = slot.field_uniforms;
        vk::write_buffers(device, slot.set, 0, VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, {&scene, 1});
        vk::write_buffers(device, slot.set, 4, VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, {&fields, 1});
    }
}

// The slot's previous frame has finished (frame slots), so its buffers may be overwritten.
void SkinBlockPass::update_tissue(SlotResources& slot, const SkinView& view) {
    const TissueState* tissue = view.tissue.get();
    if (slot.tissue_written && slot.tissue == tissue && slot.tissue_version == view.tissue_version &&
        slot.overlay_kind == view.overlay)
        return;
    // Packed once per change and shared by the slots (each still needs its own copy on the GPU).
    if (!packed_.valid || packed_.tissue != tissue || packed_.version != view.tissue_version ||
        packed_.overlay != view.overlay) {
        FieldVolume volume;
        if (tissue) volume = pack_field_volume(*tissue, view.overlay, heal_params_);
        packed_ = {true, tissue, view.tissue_version, view.overlay, std::move(volume)};
    }
    const FieldVolume& volume = packed_.volume;
    slot.overlay.upload(context_, volume.overlay.data(), volume.overlay.size() * sizeof(glm::vec2));
    slot.surface_erythema.upload(context_, volume.surface_erythema.data(),
                                 volume.surface_erythema.size() * sizeof(float));
    slot.overlay.bind(context_.device(), slot.set, 5);
    slot.surface_erythema.bind(context_.device(), slot.set, 6);
    slot.tissue = tissue;
    slot.tissue_version = view.tissue_version;
    slot.overlay_kind = view.overlay;
    slot.tissue_written = true;
}

void SkinBlockPass::update_channels(SlotResources& slot, const SkinView& view) {
    if (slot.channels_version == view.punctures_version && slot.channels.view()) return;
    slot.channels_version = view.punctures_version;
    ChannelBins bins = bin_channels(view.punctures ? *view.punctures : PunctureList{}, view.region);
    slot.channels.upload(context_, bins.channels.data(), bins.channels.size() * sizeof(ChannelGpu));
    slot.cell_start.upload(context_, bins.cell_start.data(), bins.cell_start.size() * sizeof(uint32_t));
    slot.cell_items.upload(context_, bins.items.data(), bins.items.size() * sizeof(uint32_t));
    slot.channels.bind(context_.device(), slot.set, 1);
    slot.cell_start.bind(context_.device(), slot.set, 2);
    slot.cell_items.bind(context_.device(), slot.set, 3);
}

SceneUniforms SkinBlockPass::uniforms_for(const SkinView& view, VkExtent2D extent) {
    SceneUniforms u{};
    float aspect = float(extent.width) / float(std::max(extent.height, 1u));
    u.view_proj = view.camera.projection(aspect) * view.camera.view();
    u.camera_pos = glm::vec4(view.camera.eye(), 1.0f);
    u.light_dir = glm::vec4(glm::normalize(glm::vec3(0.45f, 0.85f, 0.55f)), 0.0f);
    float half = 0.5f * view.width_mm;
    u.block_min = glm::vec4(-half, -view.block_depth_mm(), -half, 0.0f);
    u.block_max = glm::vec4(half, 0.0f, view.cut_z_mm(), 0.0f);
    const RegionProfile& r = view.region;
    u.layer_bottom = glm::vec4(r.bottom_of_mm(Layer::StratumCorneum), r.bottom_of_mm(Layer::ViableEpidermis),
                               r.bottom_of_mm(Layer::PapillaryDermis), r.bottom_of_mm(Layer::ReticularDermis));
    u.look = glm::vec4(view.look == Look::Histology ? 1.0f : 0.0f, r.bottom_of_mm(Layer::Hypodermis),
                       float(view.highlight_layer), view.channel_openness);
    u.split = glm::vec4(view.before_after_split ? *view.before_after_split * float(extent.width) : -1.0f, 0, 0, 0);
    return u;
}

void SkinBlockPass::draw(VkCommandBuffer cmd, int slot, VkExtent2D extent, const SkinView& view) {
    SlotResources& resources = slots_[slot];
    SceneUniforms u = uniforms_for(view, extent);
    std::memcpy(resources.uniforms.mapped(), &u, sizeof u);
    FieldUniforms f = field_uniforms_for(view);
    std::memcpy(resources.field_uniforms.mapped(), &f, sizeof f);
    update_channels(resources, view);
    update_tissue(resources, view);
    vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, layout_, 0, 1, &resources.set, 0, nullptr);
    vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, background_);
    vkCmdDraw(cmd, 3, 1, 0, 0);
    vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, surface_->get(view.look));
    vkCmdDraw(cmd, 6, 1, 0, 0);  // face 0 of skin_block.vert: the top
    vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, cut_faces_->get(view.look));
    vkCmdDraw(cmd, 30, 1, 6, 0);
}

}  // namespace dermasim
