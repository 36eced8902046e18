#include "engine/sim/tally_pass.hpp"

#include <algorithm>
#include "engine/core/error.hpp"
#include "engine/vk/commands.hpp"
#include "engine/vk/context.hpp"
#include "engine/vk/descriptors.hpp"
#include "engine/vk/pipeline.hpp"

namespace dermasim {
namespace {

const uint32_t kTallySpv[] = {
#include "heal_tally.comp.spv.inc"
};
const uint32_t kTallyQuadsSpv[] = {
#include "heal_tally_quads.comp.spv.inc"
};

constexpr uint32_t kLocalSize = 32;  // heal_tally_main.glsl
static_assert(kTalliedCount == 10, "heal_tally_main.glsl's TALLIED and sums[] follow Tallied");
// shaders/sim/heal_tally_main.glsl's bindings: partials 0; fields and layer table as texels 15 and 16
// (sim/heal_texels.glsl); the fields four voxels a texel 18.
constexpr uint32_t kPartialsBinding = 0, kFieldTexelsBinding = 15, kLayerTexelsBinding = 16, kFieldQuadsBinding = 18;

struct TallyPush {
    uint32_t slice_items, nz, segments, column_runs;
    int32_t papillary_from, papillary_to;
    uint32_t full;
};

uint32_t ceil_div(uint32_t a, uint32_t b) { return (a + b - 1) / b; }

}  // namespace

TallyLayout TallyLayout::for_device(const vk::Context& context) {
    return context.info().type == "CPU" ? TallyLayout{1, 16} : TallyLayout{16, 256};
}

TallyPass::TallyPass(const vk::Context& context, const TissueVolumeGpu& volume)
    : TallyPass(context, volume, TallyLayout::for_device(context)) {}

TallyPass::TallyPass(const vk::Context& context, const TissueVolumeGpu& volume, TallyLayout layout)
    : context_(context), volume_(volume), layout_(layout) {
    if (layout.segments == 0 || layout.column_runs == 0)
        throw Error("tissue tally: a layout needs at least one segment a slice and one run of columns");
    VkDevice device = context.device();
    const TissueGrid& g = volume.grid();
    const uint32_t slice_voxels = static_cast<uint32_t>(g.nx * g.ny);
    papillary_ = papillary_slices(g);
    quads_ = slice_voxels % 4 == 0;
    slice_items_ = quads_ ? slice_voxels / 4 : slice_voxels;
    const std::size_t partials = std::size_t(g.nz) * layout.segments * kTalliedCount + layout.column_runs;
    partials_ = vk::Buffer(context, partials * sizeof(float),
                           VK_BUFFER_USAGE_STORAGE_BUFFER_BIT | VK_BUFFER_USAGE_TRANSFER_SRC_BIT, vk::MemoryUse::Device);
    readback_ = vk::Buffer(context, partials * sizeof(float), VK_BUFFER_USAGE_TRANSFER_DST_BIT, vk::MemoryUse::Readback);

    std::vector<vk::Binding> bindings = {
        {kPartialsBinding, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, VK_SHADER_STAGE_COMPUTE_BIT},
        {kFieldTexelsBinding, VK_DESCRIPTOR_TYPE_UNIFORM_TEXEL_BUFFER, VK_SHADER_STAGE_COMPUTE_BIT, kFieldCount},
        {kLayerTexelsBinding, VK_DESCRIPTOR_TYPE_UNIFORM_TEXEL_BUFFER, VK_SHADER_STAGE_COMPUTE_BIT}};
    if (quads_)
        bindings.push_back(
            {kFieldQuadsBinding, VK_DESCRIPTOR_TYPE_UNIFORM_TEXEL_BUFFER, VK_SHADER_STAGE_COMPUTE_BIT, kFieldCount});
    set_layout_ = vk::make_set_layout(device, bindings);
    VkDescriptorSetLayout set_layout = set_layout_;
    pipeline_layout_ =
        vk::make_pipeline_layout(device, {&set_layout, 1}, sizeof(TallyPush), VK_SHADER_STAGE_COMPUTE_BIT);
    pipeline_ = quads_ ? make_sim_pipeline(device, kTallyQuadsSpv, pipeline_layout_)
                       : make_sim_pipeline(device, kTallySpv, pipeline_layout_);

    std::vector<VkDescriptorPoolSize> sizes;
    vk::add_pool_sizes(sizes, bindings);
    pool_ = vk::make_descriptor_pool(device, 1, sizes);
    set_ = vk::allocate_set(device, pool_, set_layout);
    const VkBuffer partials_buffer = partials_;
    vk::write_buffers(device, set_, kPartialsBinding, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, {&partials_buffer, 1});
    vk::write_texel_buffers(device, set_, kFieldTexelsBinding, VK_DESCRIPTOR_TYPE_UNIFORM_TEXEL_BUFFER,
                            volume.every_field_texels());
    const VkBufferView layers = volume.layer_texels();
    vk::write_texel_buffers(device, set_, kLayerTexelsBinding, VK_DESCRIPTOR_TYPE_UNIFORM_TEXEL_BUFFER, {&layers, 1});
    if (quads_)
        vk::write_texel_buffers(device, set_, kFieldQuadsBinding, VK_DESCRIPTOR_TYPE_UNIFORM_TEXEL_BUFFER,
                                volume.every_field_quads());
}

// The host reads the result only after waiting for the submission, before the next one is submitted.
void TallyPass::record(VkCommandBuffer cmd, bool full) {
    const TissueGrid& g = volume_.grid();
    record_sim_barrier(cmd);  // after the simulation's last writes to the fields
    const uint32_t nz = static_cast<uint32_t>(g.nz);
    const TallyPush push{slice_items_, nz, layout_.segments, layout_.column_runs, papillary_.first,
                         papillary_.second, full ? 1u : 0u};
    vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_COMPUTE, pipeline_);
    vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_COMPUTE, pipeline_layout_, 0, 1, &set_, 0, nullptr);
    vkCmdPushConstants(cmd, pipeline_layout_, VK_SHADER_STAGE_COMPUTE_BIT, 0, sizeof(push), &push);
    vkCmdDispatch(cmd, ceil_div(nz * layout_.segments + layout_.column_runs, kLocalSize), 1, 1);
    vk::buffer_barrier(cmd, partials_, vk::access::ComputeReadWrite, vk::access::TransferRead);
    const VkBufferCopy all{0, 0, partials_.size()};
    vkCmdCopyBuffer(cmd, partials_, readback_, 1, &all);
    vk::buffer_barrier(cmd, readback_, vk::access::TransferWrite, vk::access::HostRead);
    full_ = full;
}

TissueTally TallyPass::read() const {
    readback_.invalidate();
    const float* partials = static_cast<const float*>(readback_.mapped());
    const int nz = volume_.grid().nz;
    TissueTally t;
    t.full = full_;
    t.slices.assign(std::size_t(nz) * kTalliedCount, 0.0);
    for (int k = 0; k < nz; ++k)
        for (uint32_t s = 0; s < layout_.segments; ++s)
            for (int f = 0; f < kTalliedCount; ++f) {
                const float v = partials[(std::size_t(k) * layout_.segments + s) * kTalliedCount + f];
                double& out = t.slices[std::size_t(k) * kTalliedCount + f];
                out = static_cast<Tallied>(f) == Tallied::Serum ? std::max(out, double(v)) : out + v;
            }
    const float* runs = partials + std::size_t(nz) * layout_.segments * kTalliedCount;
    for (uint32_t r = 0; r < layout_.column_runs; ++r) t.reddest_column = std::max(t.reddest_column, double(runs[r]));
    return t;
}

TissueTally TallyPass::run(bool full) {
    vk::OneShotCommands(context_).run([&](VkCommandBuffer cmd) { record(cmd, full); });
    return read();
}

}  // namespace dermasim
