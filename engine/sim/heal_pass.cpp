#include "engine/sim/heal_pass.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <span>
#include "engine/core/error.hpp"
#include "engine/sim/heal_line_solve.hpp"
#include "engine/vk/context.hpp"
#include "engine/vk/descriptors.hpp"
#include "engine/vk/pipeline.hpp"

namespace dermasim {
namespace {

const uint32_t kReactSpv[] = {
#include "heal_react.comp.spv.inc"
};
const uint32_t kDiffuseSpv[] = {
#include "heal_diffuse.comp.spv.inc"
};
const uint32_t kReactQuadsSpv[] = {
#include "heal_react_quads.comp.spv.inc"
};
const uint32_t kSummarySpv[] = {
#include "heal_summary.comp.spv.inc"
};
const uint32_t kLineCoeffsSpv[] = {
#include "heal_line_coeffs.comp.spv.inc"
};

constexpr uint32_t kVoxelLocalSize = 256;  // heal_react.comp
constexpr uint32_t kSummaryLocalSize = 64;  // heal_summary.comp
constexpr std::size_t kSummaryVoxelsPerInvocation = 32;
constexpr uint32_t kLineLocalSize = 64;    // heal_diffuse.comp, heal_line_coeffs.comp
constexpr int kDiffusingFields = 3;  // kernel::HEAL_DIFFUSE_*
constexpr uint32_t kSummaryValues = 6;
constexpr uint32_t kVoxelParamsBinding = 11;  // heal_react.comp, heal_summary.comp
constexpr uint32_t kLineParamsBinding = 3;    // heal_diffuse.comp, heal_line_coeffs.comp
// Fields 0..9 bind at 0..9, then the layer table, parameters and summary (10..12); fields added later
// (macrophages) follow at 13.., so the summary shader's bindings did not move.
constexpr int kFirstLateField = static_cast<int>(Field::Macrophages);
constexpr uint32_t kVoxelBindings = kFieldCount + 3;
// Then the reads, as uniform texel buffers (shaders/sim/heal_texels.glsl): an array of every field, the layer table.
constexpr uint32_t kFieldTexelsBinding = 15, kLayerTexelsBinding = 16;
// And the signal as it was before the step's signal line solves (heal_react.comp reads both ends of the step).
constexpr uint32_t kSignalBeforeBinding = 17;
// The fields and that signal again, four voxels a texel (heal_react_quads.comp).
constexpr uint32_t kFieldQuadsBinding = 18, kSignalBeforeQuadsBinding = 19;
// Line solves: the field (read and written), open channels, layer table, parameters, scratch, elimination table
// (written by heal_line_coeffs.comp), then the field, the elimination table and the scratch again, read as texels,
// and the blood (with the open channels, the signal's sources); then the field again, four floats an element, as
// a storage buffer and as texels (lines solved four at a time); then the step chooser's summary; then the open
// channels and the blood four floats a texel (the signal's x lines solved four voxels at a time); then the
// scratch four floats an element, as a storage buffer and as texels (the serum's depth lines four at a time).
constexpr VkDescriptorType kLineBindingTypes[] = {
    VK_DESCRIPTOR_TYPE_STORAGE_BUFFER,       VK_DESCRIPTOR_TYPE_UNIFORM_TEXEL_BUFFER,
    VK_DESCRIPTOR_TYPE_UNIFORM_TEXEL_BUFFER, VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER,
    VK_DESCRIPTOR_TYPE_STORAGE_BUFFER,       VK_DESCRIPTOR_TYPE_STORAGE_BUFFER,
    VK_DESCRIPTOR_TYPE_UNIFORM_TEXEL_BUFFER, VK_DESCRIPTOR_TYPE_UNIFORM_TEXEL_BUFFER,
    VK_DESCRIPTOR_TYPE_UNIFORM_TEXEL_BUFFER, VK_DESCRIPTOR_TYPE_UNIFORM_TEXEL_BUFFER,
    VK_DESCRIPTOR_TYPE_STORAGE_BUFFER,       VK_DESCRIPTOR_TYPE_UNIFORM_TEXEL_BUFFER,
    VK_DESCRIPTOR_TYPE_STORAGE_BUFFER,       VK_DESCRIPTOR_TYPE_UNIFORM_TEXEL_BUFFER,
    VK_DESCRIPTOR_TYPE_UNIFORM_TEXEL_BUFFER, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER,
    VK_DESCRIPTOR_TYPE_UNIFORM_TEXEL_BUFFER};

struct VoxelPush {
    uint32_t voxel_count;
    uint32_t slice_voxels;
    uint32_t invocations;            // heal_summary.comp: in all, the stride of each over the grid
    float dt;                        // heal_react.comp, as the rest
    uint32_t voxels_per_invocation;
    uint32_t summary_mask;           // kSummary* bits
    // heal_react.comp: this dispatch's item j is the grid's item first_item + j, and gap_items further on from
    // j = gap_at (the slices outside the dermis are two runs, above and below it).
    uint32_t first_item = 0;
    uint32_t gap_at = ~0u;
    uint32_t gap_items = 0;
};

// heal_react.comp's summary_mask: take the summary; the fibroblasts, the serum are final after the reaction.
constexpr uint32_t kSummaryTake = 1, kSummaryFibroblasts = 2, kSummarySerum = 4;

struct LinePush {
    int32_t nx, ny, nz;
    int32_t axis;
    int32_t field;
    float dt;
    float h;
    float serum_surface;
    int32_t n_max;
    uint32_t invocations;
    int32_t lines_per_invocation;
    int32_t summary_from, summary_to;  // depths whose values the sweep keeps the maximum of (empty: none)
    int32_t slices_from, slices_to;    // the depths solved (diffusing_slices)
};

struct LineCoeffsPush {
    int32_t nx, ny, nz;
    int32_t n_max;
    float dt;
    float dx, dy, dz;
};

int longest_line(const TissueGrid& g) { return std::max({g.nx, g.ny, g.nz}); }

// Whether the passes can read and write four neighbouring voxels in x a texel: a row then starts at a whole
// texel, and the four share a slice (so a layer).
bool four_voxels_a_texel(const TissueGrid& g) { return g.nx % 4 == 0; }

Field field_of(int diffusing) {
    switch (diffusing) {
        case kernel::HEAL_DIFFUSE_SIGNAL: return Field::Signal;
        case kernel::HEAL_DIFFUSE_FIBROBLASTS: return Field::Fibroblasts;
        default: return Field::Serum;
    }
}

}  // namespace

HealPass::HealPass(const vk::Context& context, const TissueVolumeGpu& volume, const kernel::HealParams& params,
                   Lines lines)
    : context_(context), volume_(volume),
      line_quads_(lines == Lines::QuadsWherePossible && four_voxels_a_texel(volume.grid())) {
    VkDevice device = context.device();
    const std::size_t voxels = volume.grid().voxel_count();
    params_ = vk::Buffer(context, sizeof(kernel::HealParams), VK_BUFFER_USAGE_UNIFORM_BUFFER_BIT,
                         vk::MemoryUse::Upload);
    set_params(params);
    if (voxels * 2 * sizeof(float) > context.limits().maxStorageBufferRange)
        throw Error("heal pass: the line-solve scratch for " + std::to_string(voxels) +
                    " voxels exceeds this device's storage-buffer limit; choose a lower quality");
    scratch_ = vk::Buffer(context, voxels * 2 * sizeof(float),
                          VK_BUFFER_USAGE_STORAGE_BUFFER_BIT | VK_BUFFER_USAGE_UNIFORM_TEXEL_BUFFER_BIT,
                          vk::MemoryUse::Device);
    scratch_texels_ = vk::make_texel_view(device, scratch_, VK_FORMAT_R32G32_SFLOAT);
    scratch_quads_ = vk::make_texel_view(device, scratch_, VK_FORMAT_R32G32B32A32_SFLOAT);
    const std::size_t table_entries =
        std::size_t(kDiffusingFields) * 3 * kernel::HEAL_LAYER_COUNT * longest_line(volume.grid());
    line_table_ = vk::Buffer(context, table_entries * 4 * sizeof(float),
                             VK_BUFFER_USAGE_STORAGE_BUFFER_BIT | VK_BUFFER_USAGE_UNIFORM_TEXEL_BUFFER_BIT,
                             vk::MemoryUse::Device);
    line_table_texels_ = vk::make_texel_view(device, line_table_, VK_FORMAT_R32G32B32A32_SFLOAT);
    signal_before_ = vk::Buffer(context, voxels * sizeof(float),
                                VK_BUFFER_USAGE_TRANSFER_DST_BIT | VK_BUFFER_USAGE_UNIFORM_TEXEL_BUFFER_BIT,
                                vk::MemoryUse::Device);
    signal_before_texels_ = vk::make_texel_view(device, signal_before_, VK_FORMAT_R32_SFLOAT);
    signal_before_quads_ = vk::make_texel_view(device, signal_before_, VK_FORMAT_R32G32B32A32_SFLOAT);
    // The maxima are taken with atomics in device memory (on a discrete GPU, host memory would put every atomic
    // across the bus) and copied to host memory for reading.
    summary_ = vk::Buffer(context, kSummaryValues * sizeof(uint32_t),
                          VK_BUFFER_USAGE_STORAGE_BUFFER_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT |
                              VK_BUFFER_USAGE_TRANSFER_SRC_BIT,
                          vk::MemoryUse::Device);
    summary_readback_ = vk::Buffer(context, kSummaryValues * sizeof(uint32_t), VK_BUFFER_USAGE_TRANSFER_DST_BIT,
                                   vk::MemoryUse::Readback);
    // The dermis's depth slices, whose fibroblasts the summary keeps.
    const TissueGrid& g = volume.grid();
    dermis_ = dermis_run(g);
    // Voxels per reaction invocation. A step that takes the summary makes up to six atomics per invocation, so a
    // CPU driver reduces many voxels in registers first, as the summary pass does; and on lavapipe a workgroup
    // has a cost of its own (one voxel an invocation made the reaction twice as slow; 32 and 128 ran alike). A
    // GPU wants many invocations: four voxels each there (not measured on one yet). Where nx is a multiple of 4,
    // the reaction reads and writes four voxels a texel (heal_react_quads.comp), and an item is such a quad.
    cpu_driver_ = context.info().type == "CPU";
    react_in_quads_ = four_voxels_a_texel(g);
    react_items_per_invocation_ = cpu_driver_ ? uint32_t(kSummaryVoxelsPerInvocation) : 4u;
    if (react_in_quads_) react_items_per_invocation_ /= 4;

    // Voxel passes: fields 0..9, layer table 10, parameters 11 (a uniform buffer: lavapipe then loads them once
    // per workgroup instead of once per invocation, which cost more than the reaction's math), summary 12, fields
    // from 10 on at 13..., then the texel reads.
    std::vector<vk::Binding> voxel_bindings;
    for (uint32_t b = 0; b < kVoxelBindings; ++b)
        voxel_bindings.push_back({b, b == kVoxelParamsBinding ? VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER
                                                             : VK_DESCRIPTOR_TYPE_STORAGE_BUFFER,
                                  VK_SHADER_STAGE_COMPUTE_BIT});
    voxel_bindings.push_back({kFieldTexelsBinding, VK_DESCRIPTOR_TYPE_UNIFORM_TEXEL_BUFFER, VK_SHADER_STAGE_COMPUTE_BIT,
                              kFieldCount});
    voxel_bindings.push_back({kLayerTexelsBinding, VK_DESCRIPTOR_TYPE_UNIFORM_TEXEL_BUFFER, VK_SHADER_STAGE_COMPUTE_BIT});
    voxel_bindings.push_back({kSignalBeforeBinding, VK_DESCRIPTOR_TYPE_UNIFORM_TEXEL_BUFFER, VK_SHADER_STAGE_COMPUTE_BIT});
    voxel_bindings.push_back({kFieldQuadsBinding, VK_DESCRIPTOR_TYPE_UNIFORM_TEXEL_BUFFER, VK_SHADER_STAGE_COMPUTE_BIT,
                              kFieldCount});
    voxel_bindings.push_back(
        {kSignalBeforeQuadsBinding, VK_DESCRIPTOR_TYPE_UNIFORM_TEXEL_BUFFER, VK_SHADER_STAGE_COMPUTE_BIT});
    voxel_set_layout_ = vk::make_set_layout(device, voxel_bindings);
    std::vector<vk::Binding> line_bindings;
    for (uint32_t b = 0; b < std::size(kLineBindingTypes); ++b)
        line_bindings.push_back({b, kLineBindingTypes[b], VK_SHADER_STAGE_COMPUTE_BIT});
    line_set_layout_ = vk::make_set_layout(device, line_bindings);

    VkDescriptorSetLayout voxel_layout = voxel_set_layout_, line_layout = line_set_layout_;
    react_layout_ = vk::make_pipeline_layout(device, {&voxel_layout, 1}, sizeof(VoxelPush), VK_SHADER_STAGE_COMPUTE_BIT);
    summary_layout_ =
        vk::make_pipeline_layout(device, {&voxel_layout, 1}, sizeof(VoxelPush), VK_SHADER_STAGE_COMPUTE_BIT);
    diffuse_layout_ = vk::make_pipeline_layout(device, {&line_layout, 1}, sizeof(LinePush), VK_SHADER_STAGE_COMPUTE_BIT);
    line_coeffs_layout_ =
        vk::make_pipeline_layout(device, {&line_layout, 1}, sizeof(LineCoeffsPush), VK_SHADER_STAGE_COMPUTE_BIT);
    // The reaction: one pipeline for the dermis (or a whole grid whose dermis is not one run of slices), one for
    // the slices outside it, which reads and writes only the fields that change there (sim/heal_react_main.glsl).
    const std::span<const uint32_t> react_spv = react_in_quads_ ? std::span<const uint32_t>(kReactQuadsSpv)
                                                                : std::span<const uint32_t>(kReactSpv);
    react_ = make_sim_pipeline(device, react_spv, react_layout_);
    if (dermis_) {
        const VkBool32 outside_dermis = VK_TRUE;
        const VkSpecializationMapEntry entry{0, 0, sizeof(outside_dermis)};
        const VkSpecializationInfo specialization{1, &entry, sizeof(outside_dermis), &outside_dermis};
        react_outside_dermis_ = make_sim_pipeline(device, react_spv, react_layout_, &specialization);
    }
    summary_pipeline_ = make_sim_pipeline(device, kSummarySpv, summary_layout_);
    // heal_diffuse.comp's solves, each a pipeline of its own: which one is a specialization constant, not a push
    // constant, because lavapipe runs both sides of a branch, so one pipeline for all of them paid in every
    // dispatch for the code of the others. Made now (those this grid uses), so a bad shader fails at start.
    const VkBool32 quads = line_quads_;
    for (int field = 0; field < kDiffusingFields; ++field)
        for (int axis = 0; axis < 3; ++axis)
            for (int sweep = 0; sweep < 2; ++sweep) {
                const VkBool32 x_lines = axis == 0, per_voxel = kernel::heal_diffusivity_uses_open(field, axis == 2);
                vk::Pipeline& pipeline = diffuse_[sweep][x_lines][per_voxel];
                if (pipeline) continue;
                const uint32_t constants[4] = {uint32_t(sweep), quads, x_lines, per_voxel};
                const VkSpecializationMapEntry entries[4] = {{0, 0, 4}, {1, 4, 4}, {2, 8, 4}, {3, 12, 4}};
                const VkSpecializationInfo specialization{4, entries, sizeof constants, constants};
                pipeline = make_sim_pipeline(device, kDiffuseSpv, diffuse_layout_, &specialization);
            }
    line_coeffs_ = make_sim_pipeline(device, kLineCoeffsSpv, line_coeffs_layout_);

    std::vector<VkDescriptorPoolSize> pool_sizes;
    vk::add_pool_sizes(pool_sizes, voxel_bindings);
    vk::add_pool_sizes(pool_sizes, line_bindings, kDiffusingFields);
    pool_ = vk::make_descriptor_pool(device, 1 + kDiffusingFields, pool_sizes);
    voxel_set_ = vk::allocate_set(device, pool_, voxel_layout);
    std::vector<VkBuffer> voxel_buffers, late_fields;
    for (int f = 0; f < kFieldCount; ++f)
        (f < kFirstLateField ? voxel_buffers : late_fields).push_back(volume.field(static_cast<Field>(f)));
    voxel_buffers.push_back(volume.layer_table());
    vk::write_buffers(device, voxel_set_, 0, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, voxel_buffers);
    const VkBuffer params_buffer = params_;
    vk::write_buffers(device, voxel_set_, kVoxelParamsBinding, VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, {&params_buffer, 1});
    const VkBuffer summary_buffer = summary_;
    vk::write_buffers(device, voxel_set_, kVoxelParamsBinding + 1, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER,
                      {&summary_buffer, 1});
    vk::write_buffers(device, voxel_set_, kVoxelParamsBinding + 2, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, late_fields);
    vk::write_texel_buffers(device, voxel_set_, kFieldTexelsBinding, VK_DESCRIPTOR_TYPE_UNIFORM_TEXEL_BUFFER,
                            volume.every_field_texels());
    const VkBufferView layer_texels = volume.layer_texels(), table_texels = line_table_texels_,
                       scratch_texels = scratch_texels_, signal_before = signal_before_texels_;
    vk::write_texel_buffers(device, voxel_set_, kLayerTexelsBinding, VK_DESCRIPTOR_TYPE_UNIFORM_TEXEL_BUFFER,
                            {&layer_texels, 1});
    vk::write_texel_buffers(device, voxel_set_, kSignalBeforeBinding, VK_DESCRIPTOR_TYPE_UNIFORM_TEXEL_BUFFER,
                            {&signal_before, 1});
    vk::write_texel_buffers(device, voxel_set_, kFieldQuadsBinding, VK_DESCRIPTOR_TYPE_UNIFORM_TEXEL_BUFFER,
                            volume.every_field_quads());
    const VkBufferView signal_before_quads = signal_before_quads_;
    vk::write_texel_buffers(device, voxel_set_, kSignalBeforeQuadsBinding, VK_DESCRIPTOR_TYPE_UNIFORM_TEXEL_BUFFER,
                            {&signal_before_quads, 1});
    for (int d = 0; d < kDiffusingFields; ++d) {
        VkDescriptorSet set = line_sets_[d] = vk::allocate_set(device, pool_, line_layout);
        const VkBuffer field = volume.field(field_of(d)), scratch = scratch_, table = line_table_;
        const VkBufferView open = volume.field_texels(Field::OpenChannel), field_texels = volume.field_texels(field_of(d));
        auto texels = [&](uint32_t binding, VkBufferView view) {
            vk::write_texel_buffers(device, set, binding, VK_DESCRIPTOR_TYPE_UNIFORM_TEXEL_BUFFER, {&view, 1});
        };
        auto storage = [&](uint32_t binding, VkBuffer buffer) {
            vk::write_buffers(device, set, binding, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, {&buffer, 1});
        };
        storage(0, field);
        texels(1, open);
        texels(2, layer_texels);
        vk::write_buffers(device, set, kLineParamsBinding, VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, {&params_buffer, 1});
        storage(4, scratch);
        storage(5, table);
        texels(6, field_texels);
        texels(7, table_texels);
        texels(8, scratch_texels);
        texels(9, volume.field_texels(Field::Blood));
        storage(10, field);
        texels(11, volume.field_quads(field_of(d)));
        storage(12, summary_);
        texels(13, volume.field_quads(Field::OpenChannel));
        texels(14, volume.field_quads(Field::Blood));
        storage(15, scratch);
        texels(16, scratch_quads_);
    }
}

void HealPass::set_params(const kernel::HealParams& params) {
    std::memcpy(params_.mapped(), &params, sizeof(params));
    params_.flush();
}

void HealPass::record_step(VkCommandBuffer cmd, const HealStepPlan& plan) { record(cmd, plan, false); }

void HealPass::record_step_with_summary(VkCommandBuffer cmd, const HealStepPlan& plan) { record(cmd, plan, true); }

void HealPass::record(VkCommandBuffer cmd, const HealStepPlan& plan, bool summary) {
    if (!(plan.dt_s > 0) || !std::isfinite(plan.dt_s)) throw Error("heal pass: time step must be finite and > 0");
    if (!(plan.serum_surface >= 0 && plan.serum_surface <= 1))
        throw Error("heal pass: serum_surface must be within 0..1");
    const TissueGrid& g = volume_.grid();
    uint32_t summary_mask = 0;
    if (summary) {
        if (!dermis_)  // every grid make_tissue_grid builds is one run; a hand-made one may not be
            throw Error("heal pass: a step cannot take the summary of a grid whose dermis is not one run of "
                        "depth slices; use record_summary");
        summary_mask = kSummaryTake | (plan.diffuse_fibroblasts ? 0 : kSummaryFibroblasts) |
                       (plan.diffuse_serum ? 0 : kSummarySerum);
        record_summary_clear(cmd);
    }
    // The signal before its line solves, for the reaction (both ends of the step); beside it the line solves'
    // elimination tables, which read only the parameters and the layer table.
    record_sim_barrier(cmd);
    const VkBufferCopy signal_copy{0, 0, g.voxel_count() * sizeof(float)};
    vkCmdCopyBuffer(cmd, volume_.field(Field::Signal), signal_before_, 1, &signal_copy);
    if (plan.diffuse_signal || plan.diffuse_fibroblasts || plan.diffuse_serum) {
        const LineCoeffsPush coeffs{g.nx, g.ny, g.nz, longest_line(g), static_cast<float>(plan.dt_s),
                                    g.dx_mm, g.dy_mm, g.dz_mm};
        vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_COMPUTE, line_coeffs_);
        vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_COMPUTE, line_coeffs_layout_, 0, 1, &line_sets_[0], 0,
                                nullptr);
        vkCmdPushConstants(cmd, line_coeffs_layout_, VK_SHADER_STAGE_COMPUTE_BIT, 0, sizeof(coeffs), &coeffs);
        const uint32_t tables = kDiffusingFields * 3 * kernel::HEAL_LAYER_COUNT;
        vkCmdDispatch(cmd, (tables + kLineLocalSize - 1) / kLineLocalSize, 1, 1);
    }
    if (plan.diffuse_signal) record_diffusion(cmd, kernel::HEAL_DIFFUSE_SIGNAL, plan, false);
    record_sim_barrier(cmd);
    record_reaction(cmd, plan, summary_mask);
    if (plan.diffuse_fibroblasts) record_diffusion(cmd, kernel::HEAL_DIFFUSE_FIBROBLASTS, plan, summary);
    if (plan.diffuse_serum) record_diffusion(cmd, kernel::HEAL_DIFFUSE_SERUM, plan, summary);
    if (summary) record_summary_readback(cmd);
}

bool HealPass::reacts_outside_dermis_apart() const { return dermis_ && volume_.dermis_fields_confined(); }

// The reaction over the dermis's slices, then over those outside it (the pipeline that reads and writes only
// the fields that change there); over the whole grid in one dispatch where the dermis is not one run or the
// state's dermis fields were not confined to it.
void HealPass::record_reaction(VkCommandBuffer cmd, const HealStepPlan& plan, uint32_t summary_mask) {
    const TissueGrid& g = volume_.grid();
    const uint32_t slice_voxels = static_cast<uint32_t>(g.nx * g.ny);
    const uint32_t voxels_per_item = react_in_quads_ ? 4 : 1, slice_items = slice_voxels / voxels_per_item;
    vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_COMPUTE, react_layout_, 0, 1, &voxel_set_, 0, nullptr);
    const auto dispatch = [&](VkPipeline pipeline, uint32_t items, uint32_t first_item, uint32_t gap_at,
                              uint32_t gap_items) {
        if (items == 0) return;
        const VoxelPush push{items * voxels_per_item, slice_voxels, 0, static_cast<float>(plan.dt_s),
                             react_items_per_invocation_, summary_mask, first_item, gap_at, gap_items};
        const Dispatch2d groups =
            dispatch_for((items + react_items_per_invocation_ - 1) / react_items_per_invocation_, kVoxelLocalSize);
        vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_COMPUTE, pipeline);
        vkCmdPushConstants(cmd, react_layout_, VK_SHADER_STAGE_COMPUTE_BIT, 0, sizeof(push), &push);
        vkCmdDispatch(cmd, groups.groups_x, groups.groups_y, 1);
    };
    const uint32_t all_items = static_cast<uint32_t>(g.voxel_count() / voxels_per_item);
    if (!reacts_outside_dermis_apart()) {
        dispatch(react_, all_items, 0, ~0u, 0);
        return;
    }
    const uint32_t above = uint32_t(dermis_->first) * slice_items;
    const uint32_t dermis = uint32_t(dermis_->second - dermis_->first) * slice_items;
    dispatch(react_, dermis, above, ~0u, 0);
    // The two write different voxels of the same buffers, and both take the summary's maxima with atomics; the
    // barrier keeps that ordered for every validation layer (about 50 us on lavapipe).
    record_sim_barrier(cmd);
    dispatch(react_outside_dermis_, all_items - dermis, 0, above, dermis);
}

// Lines per heal_diffuse.comp invocation. A GPU gets one each. On lavapipe every workgroup costs about 6 us of
// its own, even with nothing to do: one workgroup row per slice (103 rows of 64 lanes, 12 of them busy)
// spent 1.2 ms of the x lines' 2 ms per field on the CI grid, one thread. So a CPU driver gets a few full
// workgroups per dispatch, enough to share among its threads.
uint32_t HealPass::lines_per_invocation(uint32_t solves) const {
    constexpr uint32_t kCpuWorkgroups = 16;
    return cpu_driver_ ? std::max<uint32_t>(1, solves / (kLineLocalSize * kCpuWorkgroups)) : 1;
}

VkPipeline HealPass::diffuse_pipeline(int field, int axis, int sweep) const {
    return diffuse_[sweep][axis == 0][kernel::heal_diffusivity_uses_open(field, axis == 2)];
}

void HealPass::record_diffusion(VkCommandBuffer cmd, int field, const HealStepPlan& plan, bool summary) {
    const TissueGrid& g = volume_.grid();
    vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_COMPUTE, diffuse_layout_, 0, 1, &line_sets_[field], 0,
                            nullptr);
    const auto [from, to] = diffusing_slices(g, field);
    const uint32_t lines[3] = {uint32_t((to - from) * g.ny), uint32_t((to - from) * g.nx), uint32_t(g.nx * g.ny)};
    const float h[3] = {g.dx_mm, g.dy_mm, g.dz_mm};
    for (int axis = 0; axis < 3; ++axis) {
        const int32_t quads = line_quads_ ? 1 : 0;  // y and depth lines four neighbours at a time
        const uint32_t solves = lines[axis] / (quads && axis != 0 ? 4 : 1);
        const uint32_t per_invocation = lines_per_invocation(solves);
        const uint32_t wanted = (solves + per_invocation - 1) / per_invocation;
        const uint32_t groups = (wanted + kLineLocalSize - 1) / kLineLocalSize;
        for (int sweep = 0; sweep < 2; ++sweep) {
            // Each sweep reads what the one before it (or the reaction) wrote; the forward sweep reuses the scratch.
            record_sim_barrier(cmd);
            LinePush push{g.nx, g.ny, g.nz, axis, field, static_cast<float>(plan.dt_s), h[axis],
                                axis == 2 ? plan.serum_surface : 0.0f, longest_line(g), groups * kLineLocalSize,
                                int32_t(per_invocation), 0, 0, from, to};
            if (summary && axis == 2 && sweep == 1) {  // the field's last write in the step
                push.summary_from = field == kernel::HEAL_DIFFUSE_FIBROBLASTS ? dermis_->first : 0;
                push.summary_to = field == kernel::HEAL_DIFFUSE_FIBROBLASTS ? dermis_->second : g.nz;
            }
            vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_COMPUTE, diffuse_pipeline(field, axis, sweep));
            vkCmdPushConstants(cmd, diffuse_layout_, VK_SHADER_STAGE_COMPUTE_BIT, 0, sizeof(push), &push);
            vkCmdDispatch(cmd, groups, 1, 1);
        }
    }
}

// The host reads a result only after waiting for its submission, before the next is submitted; the barrier is
// for a step or summary recorded earlier in the same command buffer.
void HealPass::record_summary_clear(VkCommandBuffer cmd) {
    record_sim_barrier(cmd);
    vkCmdFillBuffer(cmd, summary_, 0, VK_WHOLE_SIZE, 0u);
    vk::buffer_barrier(cmd, summary_, vk::access::TransferWrite, vk::access::ComputeReadWrite);
}

void HealPass::record_summary(VkCommandBuffer cmd) {
    const TissueGrid& g = volume_.grid();
    record_summary_clear(cmd);  // after the fields' last writes, too
    // Enough invocations to fill a GPU, each reducing ~kSummaryVoxelsPerInvocation voxels.
    const uint32_t groups = static_cast<uint32_t>(std::clamp<std::size_t>(
        g.voxel_count() / (kSummaryLocalSize * kSummaryVoxelsPerInvocation), 1, 65535));
    const VoxelPush push{static_cast<uint32_t>(g.voxel_count()), static_cast<uint32_t>(g.nx * g.ny),
                         groups * kSummaryLocalSize, 0.0f, 0, 0};  // the reaction's item mapping unused
    vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_COMPUTE, summary_pipeline_);
    vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_COMPUTE, summary_layout_, 0, 1, &voxel_set_, 0, nullptr);
    vkCmdPushConstants(cmd, summary_layout_, VK_SHADER_STAGE_COMPUTE_BIT, 0, sizeof(push), &push);
    vkCmdDispatch(cmd, groups, 1, 1);
    record_summary_readback(cmd);
}

void HealPass::record_summary_readback(VkCommandBuffer cmd) {
    vk::buffer_barrier(cmd, summary_, vk::access::ComputeReadWrite, vk::access::TransferRead);
    const VkBufferCopy all{0, 0, kSummaryValues * sizeof(uint32_t)};
    vkCmdCopyBuffer(cmd, summary_, summary_readback_, 1, &all);
    vk::buffer_barrier(cmd, summary_readback_, vk::access::TransferWrite, vk::access::HostRead);
}

StateSummary HealPass::read_summary() const {
    summary_readback_.invalidate();
    float v[kSummaryValues];
    std::memcpy(v, summary_readback_.mapped(), sizeof(v));
    StateSummary s;
    s.open = v[0];
    s.blood = v[1];
    s.signal = v[2];
    s.erythema = v[3];
    s.activation = v[4];
    s.serum = v[5];
    return s;
}

void HealPass::run_step(const HealStepPlan& plan) {
    vk::OneShotCommands(context_).run([&](VkCommandBuffer cmd) { record_step(cmd, plan); });
}

StateSummary HealPass::summarize() {
    vk::OneShotCommands(context_).run([&](VkCommandBuffer cmd) { record_summary(cmd); });
    return read_summary();
}

double HealPass::bytes_per_voxel(const HealStepPlan& plan, const TissueGrid& grid) {
    const double f = sizeof(float);
    // The reaction reads and writes every field once in the dermis, and outside it the fields not confined to
    // it (every state the model makes has them so: TissueVolumeGpu::dermis_fields_confined).
    const auto dermis = dermis_run(grid);
    const double dermis_fraction = dermis ? double(dermis->second - dermis->first) / grid.nz : 1.0;
    constexpr int kOutsideFields = kFieldCount - int(kDermisOnlyFields.size());
    double bytes = 2 * f * (kFieldCount * dermis_fraction + kOutsideFields * (1 - dermis_fraction));
    bytes += 3 * f;  // the signal copied before its solves (read, write), and read again by the reaction
    // Per axis of a line solve from the elimination table: the forward sweep reads u and writes d' in its
    // place, the back substitution reads d' and writes u. Per voxel (diffusivity from the open fraction):
    // the forward sweep reads u and the open fraction and writes (c', d'); the back substitution reads
    // (c', d') and writes u.
    const double from_table = 4 * f;
    const double per_voxel = f + f + 2 * f + 2 * f + f;
    const bool enabled[kDiffusingFields] = {plan.diffuse_signal, plan.diffuse_fibroblasts, plan.diffuse_serum};
    if (plan.diffuse_signal) bytes += 2 * f;  // the x lines' forward sweep reads the open channels and the blood
    for (int field = 0; field < kDiffusingFields; ++field) {
        if (!enabled[field]) continue;
        const double lines = 2 * (kernel::heal_diffusivity_uses_open(field, 0) ? per_voxel : from_table) +
                             (kernel::heal_diffusivity_uses_open(field, 1) ? per_voxel : from_table);
        bytes += lines * diffusing_fraction(grid, field);  // the fibroblasts' in the dermis only
    }
    return bytes;
}


}  // namespace dermasim
