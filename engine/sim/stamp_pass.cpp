#include "engine/sim/stamp_pass.hpp"

#include <cmath>
#include <cstring>
#include <string>
#include <vector>
#include <glm/vec2.hpp>
#include <glm/vec3.hpp>
#include "engine/core/error.hpp"
#include "engine/sim/channel_stamp.hpp"
#include "engine/vk/context.hpp"
#include "engine/vk/descriptors.hpp"
#include "engine/vk/pipeline.hpp"

namespace dermasim {
namespace {

const uint32_t kAccumulateSpv[] = {
#include "stamp_accumulate.comp.spv.inc"
};
const uint32_t kResolveSpv[] = {
#include "stamp_resolve.comp.spv.inc"
};

// One puncture as the accumulate shader reads it (std430: vec2 aligned to 8, 48 bytes).
struct StampJob {
    glm::vec2 surface_mm;
    float depth_mm;
    float radius_mm;
    glm::vec2 tilt;
    int32_t i0, j0, k0;
    int32_t ni, nj, nk;
};
static_assert(sizeof(StampJob) == 48);

struct AccumulatePush {
    glm::vec3 voxel_mm;
    uint32_t first_job;
    uint32_t job_count;
    int32_t nx, ny;
};
static_assert(sizeof(AccumulatePush) == 28);

struct ResolvePush {
    uint32_t voxel_count;
    uint32_t row_invocations;
};

constexpr uint32_t kResolveLocalSize = 256;

bool finite(const Puncture& p) {
    return std::isfinite(p.surface_mm.x) && std::isfinite(p.surface_mm.y) && std::isfinite(p.depth_mm) &&
           std::isfinite(p.radius_mm) && std::isfinite(p.tilt.x) && std::isfinite(p.tilt.y);
}

}  // namespace

StampPass::StampPass(const vk::Context& context, const TissueVolumeGpu& volume) : context_(context), volume_(volume) {
    VkDevice device = context.device();
    const VkDeviceSize acc_bytes = volume.grid().voxel_count() * sizeof(uint32_t);
    const VkBufferUsageFlags usage = VK_BUFFER_USAGE_STORAGE_BUFFER_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT;
    acc_open_ = vk::Buffer(context, acc_bytes, usage, vk::MemoryUse::Device);
    acc_blood_ = vk::Buffer(context, acc_bytes, usage, vk::MemoryUse::Device);

    const vk::Binding bindings[] = {{0, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, VK_SHADER_STAGE_COMPUTE_BIT},
                                    {1, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, VK_SHADER_STAGE_COMPUTE_BIT},
                                    {2, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, VK_SHADER_STAGE_COMPUTE_BIT},
                                    {3, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, VK_SHADER_STAGE_COMPUTE_BIT}};
    accumulate_set_layout_ = vk::make_set_layout(device, bindings);
    resolve_set_layout_ = vk::make_set_layout(device, bindings);
    VkDescriptorSetLayout a = accumulate_set_layout_, r = resolve_set_layout_;
    accumulate_layout_ = vk::make_pipeline_layout(device, {&a, 1}, sizeof(AccumulatePush), VK_SHADER_STAGE_COMPUTE_BIT);
    resolve_layout_ = vk::make_pipeline_layout(device, {&r, 1}, sizeof(ResolvePush), VK_SHADER_STAGE_COMPUTE_BIT);
    accumulate_ = make_sim_pipeline(device, kAccumulateSpv, accumulate_layout_);
    resolve_ = make_sim_pipeline(device, kResolveSpv, resolve_layout_);

    const VkDescriptorPoolSize pool_size{VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 2 * 4};
    pool_ = vk::make_descriptor_pool(device, 2, {&pool_size, 1});
    accumulate_set_ = vk::allocate_set(device, pool_, a);
    resolve_set_ = vk::allocate_set(device, pool_, r);
    const VkBuffer resolve_buffers[] = {volume.field(Field::OpenChannel), volume.field(Field::Blood), acc_open_,
                                        acc_blood_};
    vk::write_buffers(device, resolve_set_, 0, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, resolve_buffers);
    // The accumulate set's job buffer is written once the first batch sizes it.

    // Fresh device memory holds garbage; from here on every resolve leaves the accumulators at zero.
    vk::OneShotCommands(context).run([&](VkCommandBuffer cmd) {
        vkCmdFillBuffer(cmd, acc_open_, 0, VK_WHOLE_SIZE, 0u);
        vkCmdFillBuffer(cmd, acc_blood_, 0, VK_WHOLE_SIZE, 0u);
    });
}

void StampPass::record(VkCommandBuffer cmd, const PunctureList& punctures) {
    const TissueGrid& g = volume_.grid();
    std::vector<StampJob> jobs;
    jobs.reserve(punctures.size());
    for (std::size_t n = 0; n < punctures.size(); ++n) {
        const Puncture& p = punctures[n];
        if (!finite(p)) throw Error("stamp pass: puncture " + std::to_string(n) + " has a non-finite value");
        const StampFootprint f = stamp_footprint(g, p);
        if (f.empty()) continue;
        jobs.push_back({p.surface_mm, p.depth_mm, p.radius_mm, p.tilt, f.i0, f.j0, f.k0, f.i1 - f.i0 + 1,
                        f.j1 - f.j0 + 1, f.k1 - f.k0 + 1});
    }

    if (jobs.empty()) return;
    record_sim_barrier(cmd);  // earlier passes' accesses to the fields and accumulators come first

    const VkDeviceSize bytes = jobs.size() * sizeof(StampJob);
    if (!jobs_ || jobs_.size() < bytes) {
        jobs_ = vk::Buffer(context_, bytes + bytes / 2, VK_BUFFER_USAGE_STORAGE_BUFFER_BIT, vk::MemoryUse::Upload);
        const VkBuffer buffers[] = {jobs_, acc_open_, acc_blood_, volume_.layer_table()};
        vk::write_buffers(context_.device(), accumulate_set_, 0, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, buffers);
    }
    std::memcpy(jobs_.mapped(), jobs.data(), bytes);  // host writes are made visible by the queue submission
    jobs_.flush();

    vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_COMPUTE, accumulate_);
    vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_COMPUTE, accumulate_layout_, 0, 1, &accumulate_set_, 0,
                            nullptr);
    const AccumulatePush push{{g.dx_mm, g.dy_mm, g.dz_mm}, 0, static_cast<uint32_t>(jobs.size()), g.nx, g.ny};
    vkCmdPushConstants(cmd, accumulate_layout_, VK_SHADER_STAGE_COMPUTE_BIT, 0, sizeof(push), &push);
    const Dispatch2d groups = dispatch_for(jobs.size(), 1);  // one workgroup per puncture
    vkCmdDispatch(cmd, groups.groups_x, groups.groups_y, 1);
    record_sim_barrier(cmd);

    vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_COMPUTE, resolve_);
    vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_COMPUTE, resolve_layout_, 0, 1, &resolve_set_, 0, nullptr);
    const Dispatch2d voxels = dispatch_for(g.voxel_count(), kResolveLocalSize);
    const ResolvePush rp{static_cast<uint32_t>(g.voxel_count()), voxels.row_invocations};
    vkCmdPushConstants(cmd, resolve_layout_, VK_SHADER_STAGE_COMPUTE_BIT, 0, sizeof(rp), &rp);
    vkCmdDispatch(cmd, voxels.groups_x, voxels.groups_y, 1);
}

void StampPass::run(const PunctureList& punctures) {
    vk::OneShotCommands(context_).run([&](VkCommandBuffer cmd) { record(cmd, punctures); });
}

}  // namespace dermasim
