#include "engine/render/micro_view_pass.hpp"

#include <algorithm>
#include <cstring>

#include "engine/render/frame_target.hpp"
#include "engine/vk/context.hpp"
#include "engine/vk/descriptors.hpp"
#include "engine/vk/pipeline.hpp"

namespace dermasim {
namespace {
const uint32_t kMicroVert[] = {
#include "micro_view.vert.spv.inc"
};
const uint32_t kMicroFrag[] = {
#include "micro_view.frag.spv.inc"
};
}  // namespace

MicroViewPass::MicroViewPass(const vk::Context& context, int frame_slots, const kernel::HealParams& heal,
                             VkFormat color_format)
    : context_(context), heal_params_(heal), color_format_(color_format) {
    VkDevice device = context.device();
    const vk::Binding bindings[] = {{0, VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, VK_SHADER_STAGE_FRAGMENT_BIT},
                                    {1, VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, VK_SHADER_STAGE_FRAGMENT_BIT},
                                    {2, VK_DESCRIPTOR_TYPE_UNIFORM_TEXEL_BUFFER, VK_SHADER_STAGE_FRAGMENT_BIT},
                                    {3, VK_DESCRIPTOR_TYPE_UNIFORM_TEXEL_BUFFER, VK_SHADER_STAGE_FRAGMENT_BIT},
                                    {4, VK_DESCRIPTOR_TYPE_UNIFORM_TEXEL_BUFFER, VK_SHADER_STAGE_FRAGMENT_BIT},
                                    {5, VK_DESCRIPTOR_TYPE_UNIFORM_TEXEL_BUFFER, VK_SHADER_STAGE_FRAGMENT_BIT},
                                    {6, VK_DESCRIPTOR_TYPE_UNIFORM_TEXEL_BUFFER, VK_SHADER_STAGE_FRAGMENT_BIT}};
    set_layout_ = vk::make_set_layout(device, bindings);
    VkDescriptorSetLayout set_layout = set_layout_;
    layout_ = vk::make_pipeline_layout(device, {&set_layout, 1}, 0, 0);

    vk::GraphicsPipelineDesc desc;
    desc.layout = layout_;
    desc.color_format = color_format;
    desc.depth_format = VK_FORMAT_UNDEFINED;  // drawn into its own picture, which has no depth
    desc.vertex = kMicroVert;
    desc.fragment = kMicroFrag;
    desc.cull = VK_CULL_MODE_NONE;
    desc.depth_test = false;
    desc.depth_write = false;
    pipeline_.emplace(device, desc);

    const VkDescriptorPoolSize sizes[] = {{VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, uint32_t(2 * frame_slots)},
                                           {VK_DESCRIPTOR_TYPE_UNIFORM_TEXEL_BUFFER, uint32_t(5 * frame_slots)}};
    pool_ = vk::make_descriptor_pool(device, uint32_t(frame_slots), sizes);
    slots_.resize(frame_slots);
    for (SlotResources& slot : slots_) {
        slot.scene = vk::Buffer(context, sizeof(SceneUniforms), VK_BUFFER_USAGE_UNIFORM_BUFFER_BIT, vk::MemoryUse::Upload);
        slot.micro = vk::Buffer(context, sizeof(MicroUniforms), VK_BUFFER_USAGE_UNIFORM_BUFFER_BIT, vk::MemoryUse::Upload);
        slot.set = vk::allocate_set(device, pool_, set_layout);
        const VkBuffer uniforms[2] = {slot.scene, slot.micro};
        vk::write_buffers(device, slot.set, 0, VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, uniforms);
    }
}

void MicroViewPass::update_fields(int slot_index, const Key& key, const SkinView& view, const MicroLayout& layout) {
    SlotResources& slot = slots_[slot_index];
    if (slot.key && *slot.key == key) return;
    if (!packed_key_ || !(*packed_key_ == key)) {
        static const PunctureList kNone;
        const PunctureList& punctures = view.punctures ? *view.punctures : kNone;
        const TissueState* fresh = nullptr;
        if (view.tissue) {
            const TissueGrid& g = view.tissue->grid;
            if (!fresh_.state || fresh_.punctures != key.punctures || fresh_.version != key.punctures_version ||
                fresh_.nx != g.nx || fresh_.ny != g.ny || fresh_.nz != g.nz)
                fresh_ = {key.punctures, key.punctures_version, g.nx, g.ny, g.nz,
                          std::make_unique<TissueState>(make_fresh_channels(g, punctures))};
            fresh = fresh_.state.get();
        }
        packed_ = pack_micro_fields(view.tissue.get(), fresh, punctures, layout, view.region, heal_params_);
        packed_key_ = key;
    }
    // The slot's previous frame has finished (frame slots), so its buffers may be overwritten.
    slot.texels.upload(context_, packed_.texels.data(), packed_.texels.size() * sizeof(MicroTexel));
    slot.channels.upload(context_, packed_.channels.data(), packed_.channels.size() * sizeof(MicroChannel));
    slot.profiles.upload(context_, packed_.profiles.data(), packed_.profiles.size() * sizeof(glm::vec4));
    slot.bin_start.upload(context_, packed_.bin_start.data(), packed_.bin_start.size() * sizeof(uint32_t));
    slot.bin_items.upload(context_, packed_.bin_items.data(), packed_.bin_items.size() * sizeof(uint32_t));
    slot.texels.bind(context_.device(), slot.set, 2);
    slot.channels.bind(context_.device(), slot.set, 3);
    slot.profiles.bind(context_.device(), slot.set, 4);
    slot.bin_start.bind(context_.device(), slot.set, 5);
    slot.bin_items.bind(context_.device(), slot.set, 6);
    slot.key = key;
}

bool MicroViewPass::prepare(VkCommandBuffer cmd, int slot, VkExtent2D frame, const SkinView& view,
                            float moving_scale) {
    const MicroLayout layout = micro_layout(view, frame);
    Key key{view.tissue.get(), view.tissue ? view.tissue_version : 0, view.punctures.get(),
            view.punctures ? view.punctures_version : 0, view.region.id, layout.x0_mm, layout.top_mm,
            layout.mm_per_px, layout.plane_y_mm, layout.rect.extent.width, layout.rect.extent.height};
    PictureKey picture{key, view.look, view.micro->fills_frame()};
    rect_ = layout.rect;
    picture_.ensure(context_, frame, color_format_, false);
    const auto drawn =
        picture_.plan(!picture_key_ || !(*picture_key_ == picture), layout.rect.extent, moving_scale, view.animating);
    if (!drawn) return false;
    update_fields(slot, key, view, layout);
    draw(cmd, slot, *drawn, view, layout);
    picture_key_ = picture;
    return picture_.planned_moving();
}

void MicroViewPass::composite(VkCommandBuffer cmd, VkImage frame_color) const {
    picture_.copy_to(cmd, frame_color, rect_);
}

void MicroViewPass::draw(VkCommandBuffer cmd, int slot_index, VkExtent2D drawn, const SkinView& view,
                         const MicroLayout& layout) {
    SlotResources& slot = slots_[slot_index];
    // The tissue look helpers (shaders/common/tissue_look.glsl) read the layers and the look from SceneUniforms.
    const RegionProfile& r = view.region;
    SceneUniforms scene{};
    scene.layer_bottom = glm::vec4(r.bottom_of_mm(Layer::StratumCorneum), r.bottom_of_mm(Layer::ViableEpidermis),
                                   r.bottom_of_mm(Layer::PapillaryDermis), r.bottom_of_mm(Layer::ReticularDermis));
    scene.look = glm::vec4(view.look == Look::Histology ? 1.0f : 0.0f, r.bottom_of_mm(Layer::Hypodermis), -1.0f, 1.0f);
    std::memcpy(slot.scene.mapped(), &scene, sizeof scene);
    // The picture is drawn at the top-left of its layer, `scale` of the rectangle's size: millimetres per pixel
    // and the border grow as it shrinks, so the same window of tissue fills it.
    const float scale = float(drawn.width) / float(std::max(layout.rect.extent.width, 1u));
    MicroUniforms u{};
    u.window = glm::vec4(layout.x0_mm, layout.top_mm, layout.mm_per_px / scale,
                         view.micro->fills_frame() ? 0.0f : 2.0f * scale);
    u.rect = glm::vec4(0.0f, 0.0f, float(drawn.width), float(drawn.height));
    u.counts = glm::vec4(kMicroTexelsX, kMicroTexelsY, float(packed_.channels.size()), kMicroProfileSamples);
    u.extent = glm::vec4(layout.width_mm(), layout.height_mm(), r.top_of_mm(Layer::PapillaryDermis),
                         view.tissue ? 1.0f : 0.0f);
    std::memcpy(slot.micro.mapped(), &u, sizeof u);

    picture_.begin(cmd, drawn, {{0.0f, 0.0f, 0.0f, 1.0f}});
    vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, layout_, 0, 1, &slot.set, 0, nullptr);
    vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, pipeline_->get(view.look));
    vkCmdDraw(cmd, 3, 1, 0, 0);
    picture_.end(cmd);
}

}  // namespace dermasim
