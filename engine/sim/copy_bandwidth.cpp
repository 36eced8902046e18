#include "engine/sim/copy_bandwidth.hpp"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <functional>
#include <vector>
#include "engine/core/error.hpp"
#include "engine/sim/tissue_volume_gpu.hpp"
#include "engine/vk/buffer.hpp"
#include "engine/vk/commands.hpp"
#include "engine/vk/context.hpp"
#include "engine/vk/descriptors.hpp"
#include "engine/vk/pipeline.hpp"

namespace dermasim {
namespace {

const uint32_t kCopySpv[] = {
#include "bench_copy.comp.spv.inc"
};

constexpr uint32_t kLocalSize = 256;  // bench_copy.comp
constexpr double kMinTimedS = 0.05;

struct CopyPush {
    uint32_t count, row_invocations;
};

// GB/s of `count` copies of `bytes` each, recorded by record(cmd, count) after a fill of the first buffer. The
// fill alone is timed and taken off; the count doubles until the copies last kMinTimedS.
double copies_gb_s(vk::OneShotCommands& commands, VkDeviceSize bytes, int repeats,
                   const std::function<void(VkCommandBuffer, int)>& record) {
    auto seconds = [&](int count) {
        const auto start = std::chrono::steady_clock::now();
        commands.run([&](VkCommandBuffer cmd) { record(cmd, count); });
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    };
    seconds(1);  // warm-up: first-touch page faults
    while (true) {
        const double fill_s = seconds(0);
        const double s = std::max(seconds(repeats) - fill_s, 1e-9);
        if (s >= kMinTimedS || repeats >= (1 << 16)) return 2.0 * double(bytes) * repeats / s / 1e9;
        repeats *= 2;
    }
}

}  // namespace

CopyBandwidth measure_copy_bandwidth(const vk::Context& context, VkDeviceSize wanted_bytes, int repeats) {
    // The shader binds whole buffers, and a storage binding reaches at most maxStorageBufferRange bytes
    // (lavapipe: 128 MiB); both copies use the same buffers.
    const VkDeviceSize bytes = std::min(wanted_bytes, VkDeviceSize(context.limits().maxStorageBufferRange)) / 16 * 16;
    const VkBufferUsageFlags usage =
        VK_BUFFER_USAGE_TRANSFER_SRC_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT | VK_BUFFER_USAGE_STORAGE_BUFFER_BIT;
    vk::Buffer a(context, bytes, usage, vk::MemoryUse::Device), b(context, bytes, usage, vk::MemoryUse::Device);
    vk::OneShotCommands commands(context);
    CopyBandwidth result;
    result.bytes = bytes;

    result.transfer_gb_s = copies_gb_s(commands, bytes, repeats, [&](VkCommandBuffer cmd, int count) {
        vkCmdFillBuffer(cmd, a, 0, VK_WHOLE_SIZE, 0x3f800000u);
        for (int n = 0; n < count; ++n) {
            // Each copy reads what the previous one wrote and overwrites what it read.
            vk::memory_barrier(cmd, vk::access::TransferWrite,
                               {VK_PIPELINE_STAGE_2_ALL_TRANSFER_BIT,
                                VK_ACCESS_2_TRANSFER_READ_BIT | VK_ACCESS_2_TRANSFER_WRITE_BIT});
            VkBufferCopy region{0, 0, bytes};
            vkCmdCopyBuffer(cmd, n % 2 ? b : a, n % 2 ? a : b, 1, &region);
        }
    });

    VkDevice device = context.device();
    const std::vector<vk::Binding> bindings = {{0, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, VK_SHADER_STAGE_COMPUTE_BIT},
                                               {1, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, VK_SHADER_STAGE_COMPUTE_BIT}};
    const vk::DescriptorSetLayout set_layout = vk::make_set_layout(device, bindings);
    const VkDescriptorSetLayout layout_handle = set_layout;
    const vk::PipelineLayout pipeline_layout =
        vk::make_pipeline_layout(device, {&layout_handle, 1}, sizeof(CopyPush), VK_SHADER_STAGE_COMPUTE_BIT);
    const vk::Pipeline pipeline = make_sim_pipeline(device, kCopySpv, pipeline_layout);
    std::vector<VkDescriptorPoolSize> sizes;
    vk::add_pool_sizes(sizes, bindings, 2);
    const vk::DescriptorPool pool = vk::make_descriptor_pool(device, 2, sizes);
    VkDescriptorSet sets[2];  // a into b, b into a
    for (int n = 0; n < 2; ++n) {
        sets[n] = vk::allocate_set(device, pool, set_layout);
        const VkBuffer from_to[] = {n ? b : a, n ? a : b};
        vk::write_buffers(device, sets[n], 0, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, from_to);
    }
    const Dispatch2d dispatch = dispatch_for(bytes / 16, kLocalSize);
    const CopyPush push{static_cast<uint32_t>(bytes / 16), dispatch.row_invocations};
    // The target starts cleared, so that a copy that moved nothing cannot pass the check below.
    const auto record_shader_copies = [&](VkCommandBuffer cmd, int count) {
        vkCmdFillBuffer(cmd, a, 0, VK_WHOLE_SIZE, 0x3f800000u);
        vkCmdFillBuffer(cmd, b, 0, VK_WHOLE_SIZE, 0u);
        vk::memory_barrier(cmd, vk::access::TransferWrite, vk::access::ComputeReadWrite);
        vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_COMPUTE, pipeline);
        vkCmdPushConstants(cmd, pipeline_layout, VK_SHADER_STAGE_COMPUTE_BIT, 0, sizeof(push), &push);
        for (int n = 0; n < count; ++n) {
            if (n > 0) vk::memory_barrier(cmd, vk::access::ComputeWrite, vk::access::ComputeReadWrite);
            vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_COMPUTE, pipeline_layout, 0, 1, &sets[n % 2], 0,
                                    nullptr);
            vkCmdDispatch(cmd, dispatch.groups_x, dispatch.groups_y, 1);
        }
    };
    result.shader_gb_s = copies_gb_s(commands, bytes, repeats, record_shader_copies);

    // A ceiling measured by a copy that moved nothing would flatter every fraction taken of it: one more copy,
    // and the target's first and last 16 bytes must hold what the source was filled with.
    vk::Buffer ends(context, 32, VK_BUFFER_USAGE_TRANSFER_DST_BIT, vk::MemoryUse::Readback);
    commands.run([&](VkCommandBuffer cmd) {
        record_shader_copies(cmd, 1);
        vk::memory_barrier(cmd, vk::access::ComputeWrite, vk::access::TransferRead);
        const VkBufferCopy regions[] = {{0, 0, 16}, {bytes - 16, 16, 16}};
        vkCmdCopyBuffer(cmd, b, ends, 2, regions);
        vk::buffer_barrier(cmd, ends, vk::access::TransferWrite, vk::access::HostRead);
    });
    ends.invalidate();
    uint32_t words[8];
    std::memcpy(words, ends.mapped(), sizeof words);
    for (uint32_t w : words)
        if (w != 0x3f800000u) throw Error("copy bandwidth: the shader copy left its target unwritten");
    return result;
}

}  // namespace dermasim
