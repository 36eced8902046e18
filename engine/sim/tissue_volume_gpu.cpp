#include "engine/sim/tissue_volume_gpu.hpp"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#include <string>
#include <utility>
#include <vector>
#include "engine/core/error.hpp"
#include "engine/sim/heal_kernel.hpp"
#include "engine/vk/context.hpp"
#include "engine/vk/descriptors.hpp"
#include "engine/vk/pipeline.hpp"

namespace dermasim {

void record_sim_barrier(VkCommandBuffer cmd) { vk::memory_barrier(cmd, kSimWrites, kSimAccesses); }

Dispatch2d dispatch_for(std::size_t invocations, uint32_t local_size) {
    const std::size_t groups = std::max<std::size_t>(1, (invocations + local_size - 1) / local_size);
    Dispatch2d d;
    d.groups_x = static_cast<uint32_t>(std::min<std::size_t>(groups, 65535));
    d.groups_y = static_cast<uint32_t>((groups + d.groups_x - 1) / d.groups_x);
    if (d.groups_y > 65535) throw Error("gpu dispatch: " + std::to_string(invocations) + " invocations is too many");
    d.row_invocations = d.groups_x * local_size;
    return d;
}

vk::Pipeline make_sim_pipeline(VkDevice device, std::span<const uint32_t> spirv, VkPipelineLayout layout,
                               const VkSpecializationInfo* specialization) {
    constexpr uint32_t kOpExecutionMode = 16, kOpConstant = 43, kOpExecutionModeId = 331;
    constexpr uint32_t kLocalSize = 17, kLocalSizeId = 38;
    std::vector<uint32_t> code(spirv.begin(), spirv.end());
    std::vector<std::pair<uint32_t, uint32_t>> constants;  // (id, 32-bit value)
    for (std::size_t w = 5; w < code.size();) {  // after the 5-word header
        const uint32_t words = code[w] >> 16, opcode = code[w] & 0xffffu;
        if (words == 0 || w + words > code.size()) throw Error("compute shader: malformed SPIR-V");
        if (opcode == kOpConstant && words == 4) constants.push_back({code[w + 2], code[w + 3]});
        w += words;
    }
    auto value_of = [&](uint32_t id) {
        for (auto& [cid, value] : constants)
            if (cid == id) return value;
        throw Error("compute shader: LocalSizeId refers to a non-constant");
    };
    for (std::size_t w = 5; w < code.size();) {
        const uint32_t words = code[w] >> 16, opcode = code[w] & 0xffffu;
        if (opcode == kOpExecutionModeId && words == 6 && code[w + 2] == kLocalSizeId) {
            code[w] = (6u << 16) | kOpExecutionMode;
            code[w + 2] = kLocalSize;
            for (int d = 3; d < 6; ++d) code[w + d] = value_of(code[w + d]);
        }
        w += words;
    }
    return vk::make_compute_pipeline(device, code, layout, specialization);
}

TissueVolumeGpu::TissueVolumeGpu(const vk::Context& context, const TissueGrid& grid) : context_(context), grid_(grid) {
    if (grid.nx <= 0 || grid.ny <= 0 || grid.nz <= 0 || int(grid.layer_of_slice.size()) != grid.nz)
        throw Error("tissue volume (GPU): the grid is empty or its layer table does not match its depth");
    const VkDeviceSize bytes = field_bytes();
    if (bytes > context.limits().maxStorageBufferRange)
        throw Error("tissue volume (GPU): a field of " + std::to_string(bytes) + " bytes exceeds this device's " +
                    std::to_string(context.limits().maxStorageBufferRange) + "-byte storage-buffer limit; "
                    "choose a lower quality");
    if (grid.voxel_count() > context.limits().maxTexelBufferElements)
        throw Error("tissue volume (GPU): " + std::to_string(grid.voxel_count()) + " voxels exceed this device's " +
                    std::to_string(context.limits().maxTexelBufferElements) + "-texel buffer limit; "
                    "choose a lower quality");
    const VkBufferUsageFlags usage = VK_BUFFER_USAGE_STORAGE_BUFFER_BIT | VK_BUFFER_USAGE_UNIFORM_TEXEL_BUFFER_BIT |
                                     VK_BUFFER_USAGE_TRANSFER_SRC_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT;
    for (int f = 0; f < kFieldCount; ++f) {
        fields_[f] = vk::Buffer(context, bytes, usage, vk::MemoryUse::Device);
        field_views_[f] = vk::make_texel_view(context.device(), fields_[f], VK_FORMAT_R32_SFLOAT);
        field_quad_views_[f] = vk::make_texel_view(context.device(), fields_[f], VK_FORMAT_R32G32B32A32_SFLOAT);
    }

    // The layer table is constant for the grid: upload once through a staging buffer.
    std::vector<uint32_t> layers(grid.nz);
    for (int k = 0; k < grid.nz; ++k) layers[k] = static_cast<uint32_t>(grid.layer_of_slice[k]);
    const VkDeviceSize layer_bytes = layers.size() * sizeof(uint32_t);
    layers_ = vk::Buffer(context, layer_bytes,
                         VK_BUFFER_USAGE_STORAGE_BUFFER_BIT | VK_BUFFER_USAGE_UNIFORM_TEXEL_BUFFER_BIT |
                             VK_BUFFER_USAGE_TRANSFER_DST_BIT,
                         vk::MemoryUse::Device);
    layer_view_ = vk::make_texel_view(context.device(), layers_, VK_FORMAT_R32_UINT);
    vk::Buffer staging(context, layer_bytes, VK_BUFFER_USAGE_TRANSFER_SRC_BIT, vk::MemoryUse::Upload);
    std::memcpy(staging.mapped(), layers.data(), layer_bytes);
    staging.flush();
    vk::OneShotCommands(context).run([&](VkCommandBuffer cmd) {
        VkBufferCopy region{0, 0, layer_bytes};
        vkCmdCopyBuffer(cmd, staging, layers_, 1, &region);
        // The table is read-only from here on: make the copy visible to every later compute pass.
        vk::buffer_barrier(cmd, layers_, vk::access::TransferWrite, kSimAccesses);
    });
}

namespace {

// Whether every kDermisOnlyFields value outside the dermis of `g` (the volume's layers, which the passes use) is
// +0 (an empty field is zeros). Bits, not values: a -0 left alone where the whole reaction writes +0 would break
// the split reaction's bit-for-bit equality.
bool confined_to_dermis(const TissueState& state, const TissueGrid& g) {
    const std::size_t slice = std::size_t(g.nx) * g.ny;
    for (Field f : kDermisOnlyFields) {
        const std::vector<float>& v = state.field(f);
        if (v.empty()) continue;
        for (int k = 0; k < g.nz; ++k) {
            if (kernel::heal_is_dermis(static_cast<int>(g.layer_at(k)))) continue;
            if (std::any_of(v.begin() + k * slice, v.begin() + (k + 1) * slice,
                            [](float x) { return std::bit_cast<uint32_t>(x) != 0u; }))
                return false;
        }
    }
    return true;
}

}  // namespace

void TissueVolumeGpu::upload(const TissueState& state) {
    const std::size_t n = grid_.voxel_count();
    if (state.grid.nx != grid_.nx || state.grid.ny != grid_.ny || state.grid.nz != grid_.nz)
        throw Error("tissue volume (GPU): upload of a state whose grid differs from the volume's");
    for (int f = 0; f < kFieldCount; ++f)
        if (!state.fields[f].empty() && state.fields[f].size() != n)
            throw Error("tissue volume (GPU): field '" + std::string(kFieldKeys[f]) + "' has " +
                        std::to_string(state.fields[f].size()) + " values for " + std::to_string(n) + " voxels");
    dermis_fields_confined_ = false;  // until the copy has finished: an upload that fails leaves nothing known
    const VkDeviceSize bytes = field_bytes();
    vk::Buffer staging(context_, bytes * kFieldCount, VK_BUFFER_USAGE_TRANSFER_SRC_BIT, vk::MemoryUse::Upload);
    auto* dst = static_cast<char*>(staging.mapped());
    for (int f = 0; f < kFieldCount; ++f) {
        if (state.fields[f].empty()) std::memset(dst + f * bytes, 0, bytes);
        else std::memcpy(dst + f * bytes, state.fields[f].data(), bytes);
    }
    staging.flush();
    vk::OneShotCommands(context_).run([&](VkCommandBuffer cmd) {
        record_sim_barrier(cmd);  // earlier passes may still read or write the fields
        for (int f = 0; f < kFieldCount; ++f) {
            VkBufferCopy region{VkDeviceSize(f) * bytes, 0, bytes};
            vkCmdCopyBuffer(cmd, staging, fields_[f], 1, &region);
        }
    });
    dermis_fields_confined_ = confined_to_dermis(state, grid_);
}

std::vector<VkBufferView> TissueVolumeGpu::every_field_texels() const {
    return {field_views_.begin(), field_views_.end()};
}

std::vector<VkBufferView> TissueVolumeGpu::every_field_quads() const {
    return {field_quad_views_.begin(), field_quad_views_.end()};
}

void TissueVolumeGpu::download(TissueState& state) const {
    const VkDeviceSize bytes = field_bytes();
    // Kept between calls: allocating the readback memory each time cost more than the copy itself.
    if (!readback_)
        readback_ = vk::Buffer(context_, bytes * kFieldCount, VK_BUFFER_USAGE_TRANSFER_DST_BIT, vk::MemoryUse::Readback);
    vk::OneShotCommands(context_).run([&](VkCommandBuffer cmd) {
        record_sim_barrier(cmd);
        for (int f = 0; f < kFieldCount; ++f) {
            VkBufferCopy region{0, VkDeviceSize(f) * bytes, bytes};
            vkCmdCopyBuffer(cmd, fields_[f], readback_, 1, &region);
        }
        vk::buffer_barrier(cmd, readback_, vk::access::TransferWrite, vk::access::HostRead);
    });
    readback_.invalidate();
    state.grid = grid_;
    const auto* src = static_cast<const char*>(readback_.mapped());
    for (int f = 0; f < kFieldCount; ++f) {
        state.fields[f].resize(grid_.voxel_count());
        std::memcpy(state.fields[f].data(), src + f * bytes, bytes);
    }
}

}  // namespace dermasim
