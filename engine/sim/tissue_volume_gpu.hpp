#pragma once
// The tissue volume on the GPU: one device-local storage buffer per field (float32 per voxel, the index order
// of TissueGrid::index, so a buffer is a TissueState field byte for byte) and the grid's layer table (one uint
// per depth slice). The simulation passes write the fields; the renderer reads them.
//
// Synchronization contract: every simulation pass (stamp, heal, upload, download) starts with
// record_sim_barrier(), which orders it after any earlier transfer or compute write to the volume. A reader
// outside the simulation (the renderer's fragment shader) must add its own barrier from
// kSimWrites to what it does, e.g. vk::memory_barrier(cmd, kSimWrites, vk::access::FragmentRead).
#include <array>
#include <cstddef>
#include <span>
#include <vector>
#include <vulkan/vulkan.h>
#include "engine/sim/tissue_state.hpp"
#include "engine/vk/buffer.hpp"
#include "engine/vk/commands.hpp"
#include "engine/vk/handle.hpp"

namespace dermasim {

namespace vk { class Context; }

// Every write a simulation pass makes: transfer (uploads, clears) and compute shader stores.
inline constexpr vk::Access kSimWrites{VK_PIPELINE_STAGE_2_ALL_TRANSFER_BIT | VK_PIPELINE_STAGE_2_COMPUTE_SHADER_BIT,
                                       VK_ACCESS_2_TRANSFER_WRITE_BIT | VK_ACCESS_2_SHADER_STORAGE_WRITE_BIT};
// Every access a simulation pass makes. The heal passes read through texel buffers (sampled reads) and
// write through storage buffers.
inline constexpr vk::Access kSimAccesses{
    VK_PIPELINE_STAGE_2_ALL_TRANSFER_BIT | VK_PIPELINE_STAGE_2_COMPUTE_SHADER_BIT,
    VK_ACCESS_2_TRANSFER_READ_BIT | VK_ACCESS_2_TRANSFER_WRITE_BIT | VK_ACCESS_2_SHADER_STORAGE_READ_BIT |
        VK_ACCESS_2_SHADER_SAMPLED_READ_BIT | VK_ACCESS_2_SHADER_STORAGE_WRITE_BIT};

// Orders everything the simulation recorded before against everything it records after (read-after-write,
// write-after-write and, through the stage masks, write-after-read).
void record_sim_barrier(VkCommandBuffer cmd);

class TissueVolumeGpu {
public:
    // Throws Error for an empty grid, a layer table that does not match nz, or a field larger than one
    // storage-buffer binding allows on this device.
    TissueVolumeGpu(const vk::Context& context, const TissueGrid& grid);

    const TissueGrid& grid() const { return grid_; }
    const vk::Context& context() const { return context_; }
    VkBuffer field(Field f) const { return fields_[static_cast<int>(f)]; }
    VkDeviceSize field_bytes() const { return grid_.voxel_count() * sizeof(float); }
    VkBuffer layer_table() const { return layers_; }  // uint per depth slice: the Layer of slice k
    // The same memory as uniform texel buffers (float32 / uint32 per texel). Lavapipe (Mesa 22.3) reads a
    // storage buffer one lane at a time, with a branch per lane, but fetches texels as one vector gather:
    // about twice the throughput, and the same values, so the heal passes read through these.
    VkBufferView field_texels(Field f) const { return field_views_[static_cast<int>(f)]; }
    // Four voxels a texel (vec4): the passes that read four at a time, where a slice is a multiple of 4 voxels.
    VkBufferView field_quads(Field f) const { return field_quad_views_[static_cast<int>(f)]; }
    // Every field's, in Field order: the passes' descriptor arrays.
    std::vector<VkBufferView> every_field_texels() const;
    std::vector<VkBufferView> every_field_quads() const;
    VkBufferView layer_texels() const { return layer_view_; }

    // Copies every field of the state to the GPU (submits and waits). The state's grid must match in size;
    // an empty field is uploaded as zeros; a field of another size is an Error.
    void upload(const TissueState& state);
    // Whether the last upload's kDermisOnlyFields were +0 outside the volume's dermis, as in every state the
    // model makes. No pass breaks it afterwards, so the heal step may then leave those voxels' fields alone.
    bool dermis_fields_confined() const { return dermis_fields_confined_; }
    // Copies every field back (submits and waits); the state's grid becomes this volume's grid, its time_s
    // is left alone.
    void download(TissueState& state) const;

private:
    const vk::Context& context_;
    TissueGrid grid_;
    std::array<vk::Buffer, kFieldCount> fields_;
    vk::Buffer layers_;
    std::array<vk::BufferView, kFieldCount> field_views_;  // after the buffers: destroyed before them
    std::array<vk::BufferView, kFieldCount> field_quad_views_;
    vk::BufferView layer_view_;
    mutable vk::Buffer readback_;  // reused by download()
    bool dermis_fields_confined_ = false;  // nothing uploaded yet: nothing known
};

// A 1D range of invocations dispatched as a 2D grid of workgroups so that more than 65535 groups fit:
// the shader's linear id is gl_GlobalInvocationID.x + gl_GlobalInvocationID.y * row_invocations.
struct Dispatch2d {
    uint32_t groups_x = 1, groups_y = 1;
    uint32_t row_invocations = 0;  // groups_x * local size
};
Dispatch2d dispatch_for(std::size_t invocations, uint32_t local_size);

// A compute pipeline from glslc output. glslang, targeting Vulkan 1.3, declares the workgroup size as
// LocalSizeId, which needs the maintenance4 feature that the context does not enable; this rewrites it to the
// equivalent plain LocalSize (same constants) before the module is made. A no-op for other SPIR-V.
vk::Pipeline make_sim_pipeline(VkDevice device, std::span<const uint32_t> spirv, VkPipelineLayout layout,
                               const VkSpecializationInfo* specialization = nullptr);

}  // namespace dermasim
