#include "engine/render/skin_block_pass.hpp"

#include <cstring>
#include <glm/geometric.hpp>

#include "engine/core/error.hpp"
#include "engine/vk/context.hpp"
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

SkinBlockPass::SkinBlockPass(const vk::Context& context, int frame_slots) : context_(context) {
    VkDevice device = context.device();
    const vk::Binding bindings[] = {
        {0, VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT}};
    set_layout_ = vk::make_set_layout(device, bindings);
    VkDescriptorSetLayout set_layout = set_layout_;
    layout_ = vk::make_pipeline_layout(device, {&set_layout, 1}, 0, 0);

    vk::GraphicsPipelineDesc desc;
    desc.layout = layout_;
    desc.color_format = kColorFormat;
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
    block_ = vk::make_graphics_pipeline(device, desc);

    VkDescriptorPoolSize size{VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, uint32_t(frame_slots)};
    VkDescriptorPoolCreateInfo pool{VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO};
    pool.maxSets = uint32_t(frame_slots);
    pool.poolSizeCount = 1;
    pool.pPoolSizes = &size;
    VkDescriptorPool pool_handle;
    VK_CHECK(vkCreateDescriptorPool(device, &pool, nullptr, &pool_handle));
    pool_ = vk::DescriptorPool(device, pool_handle, vkDestroyDescriptorPool);

    for (int i = 0; i < frame_slots; ++i) {
        uniforms_.emplace_back(context, sizeof(SceneUniforms), VK_BUFFER_USAGE_UNIFORM_BUFFER_BIT,
                               vk::MemoryUse::Upload);
        VkDescriptorSetAllocateInfo alloc{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO};
        alloc.descriptorPool = pool_;
        alloc.descriptorSetCount = 1;
        alloc.pSetLayouts = &set_layout;
        VkDescriptorSet set;
        VK_CHECK(vkAllocateDescriptorSets(device, &alloc, &set));
        VkDescriptorBufferInfo buffer{uniforms_.back(), 0, sizeof(SceneUniforms)};
        VkWriteDescriptorSet write{VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET};
        write.dstSet = set;
        write.dstBinding = 0;
        write.descriptorCount = 1;
        write.descriptorType = VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER;
        write.pBufferInfo = &buffer;
        vkUpdateDescriptorSets(device, 1, &write, 0, nullptr);
        sets_.push_back(set);
    }
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
                       float(view.highlight_layer), 0.0f);
    return u;
}

void SkinBlockPass::record(VkCommandBuffer cmd, int slot, const FrameTarget& target, const SkinView& view) {
    SceneUniforms u = uniforms_for(view, target.extent());
    std::memcpy(uniforms_[slot].mapped(), &u, sizeof u);

    VkRenderingAttachmentInfo color{VK_STRUCTURE_TYPE_RENDERING_ATTACHMENT_INFO};
    color.imageView = target.color.view();
    color.imageLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
    color.loadOp = VK_ATTACHMENT_LOAD_OP_CLEAR;
    color.storeOp = VK_ATTACHMENT_STORE_OP_STORE;
    color.clearValue.color = {{0.1f, 0.1f, 0.12f, 1.0f}};
    VkRenderingAttachmentInfo depth{VK_STRUCTURE_TYPE_RENDERING_ATTACHMENT_INFO};
    depth.imageView = target.depth.view();
    depth.imageLayout = VK_IMAGE_LAYOUT_DEPTH_ATTACHMENT_OPTIMAL;
    depth.loadOp = VK_ATTACHMENT_LOAD_OP_CLEAR;
    depth.storeOp = VK_ATTACHMENT_STORE_OP_DONT_CARE;
    depth.clearValue.depthStencil = {1.0f, 0};
    VkRenderingInfo rendering{VK_STRUCTURE_TYPE_RENDERING_INFO};
    rendering.renderArea = {{0, 0}, target.extent()};
    rendering.layerCount = 1;
    rendering.colorAttachmentCount = 1;
    rendering.pColorAttachments = &color;
    rendering.pDepthAttachment = &depth;
    vkCmdBeginRendering(cmd, &rendering);

    VkViewport viewport{0, 0, float(target.extent().width), float(target.extent().height), 0, 1};
    VkRect2D scissor{{0, 0}, target.extent()};
    vkCmdSetViewport(cmd, 0, 1, &viewport);
    vkCmdSetScissor(cmd, 0, 1, &scissor);
    vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, layout_, 0, 1, &sets_[slot], 0, nullptr);
    vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, background_);
    vkCmdDraw(cmd, 3, 1, 0, 0);
    vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, block_);
    vkCmdDraw(cmd, 36, 1, 0, 0);
    vkCmdEndRendering(cmd);
}

}  // namespace dermasim
