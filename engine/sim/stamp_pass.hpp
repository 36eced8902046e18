#pragma once
// The GPU twin of engine/sim/channel_stamp.cpp: stamps needle channels into a TissueVolumeGpu.
// Accumulate (one workgroup per puncture, atomicAdd of fixed-point fractions into uint accumulators), then
// resolve (one invocation per voxel: OpenChannel / Blood += accumulator / 65536, capped at 1; accumulators
// cleared). Same kernel (shaders/sim/stamp_kernel.glsl), same footprints, same integer sums as
// stamp_punctures_cpu, so the result does not depend on puncture order and matches the CPU bit for bit
// where the device's float math is IEEE-exact for + - * / (it is on lavapipe; see tests/gpu/stamp_pass_test.cpp).
#include <cstdint>
#include <vulkan/vulkan.h>
#include "engine/sim/tissue_volume_gpu.hpp"
#include "engine/tools/puncture.hpp"
#include "engine/vk/buffer.hpp"
#include "engine/vk/handle.hpp"

namespace dermasim {

class StampPass {
public:
    // Binds to `volume` for its lifetime (the volume must outlive the pass).
    StampPass(const vk::Context& context, const TissueVolumeGpu& volume);

    // Records the stamp of `punctures` into cmd (a compute-capable command buffer). The puncture data lives
    // in this pass's host-visible buffer until the next record/run: submit and finish cmd before recording
    // again. Punctures with no depth, no radius or wholly off the grid stamp nothing; non-finite values are
    // an Error.
    void record(VkCommandBuffer cmd, const PunctureList& punctures);

    // record() in a one-shot command buffer, submitted and waited for.
    void run(const PunctureList& punctures);

private:
    const vk::Context& context_;
    const TissueVolumeGpu& volume_;
    vk::Buffer acc_open_, acc_blood_;  // uint per voxel, zero between stamps
    vk::Buffer jobs_;                  // host-visible StampJob array, grown as needed
    vk::DescriptorSetLayout accumulate_set_layout_, resolve_set_layout_;
    vk::PipelineLayout accumulate_layout_, resolve_layout_;
    vk::Pipeline accumulate_, resolve_;
    vk::DescriptorPool pool_;
    VkDescriptorSet accumulate_set_ = VK_NULL_HANDLE, resolve_set_ = VK_NULL_HANDLE;
};

}  // namespace dermasim
