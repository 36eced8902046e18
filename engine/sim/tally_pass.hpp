#pragma once
// The tally of a TissueVolumeGpu (engine/sim/tissue_tally.hpp) on the GPU: heal_tally.comp, a few kilobytes of
// partial sums read back instead of the volume. Its CPU twin is tally_tissue.
#include <vulkan/vulkan.h>
#include "engine/sim/tissue_tally.hpp"
#include "engine/sim/tissue_volume_gpu.hpp"
#include "engine/vk/buffer.hpp"
#include "engine/vk/handle.hpp"

namespace dermasim {

class TallyPass {
public:
    // Binds to `volume` for its lifetime. Throws Error for a grid whose papillary dermis is not one run of slices.
    TallyPass(const vk::Context& context, const TissueVolumeGpu& volume);

    // Records the tally of the volume as it is, after any simulation pass recorded before, into this pass's
    // host-visible result; read() it once the command buffer has finished.
    void record(VkCommandBuffer cmd, bool full);
    // The tally recorded last (time_s left 0: the caller keeps time).
    TissueTally read() const;
    // Submits, waits and reads.
    TissueTally run(bool full);

private:
    const vk::Context& context_;
    const TissueVolumeGpu& volume_;
    bool quads_ = false;                // heal_tally_quads.comp: slices a multiple of 4 voxels
    uint32_t slice_items_ = 0, segments_ = 1, segment_items_ = 0, column_runs_ = 1, column_run_items_ = 0;
    std::pair<int, int> papillary_{0, 0};
    bool full_ = false;                 // what was recorded last
    std::vector<vk::BufferView> field_quads_;
    vk::Buffer partials_, readback_;
    vk::DescriptorSetLayout set_layout_;
    vk::PipelineLayout layout_;
    vk::Pipeline pipeline_;
    vk::DescriptorPool pool_;
    VkDescriptorSet set_ = VK_NULL_HANDLE;
};

}  // namespace dermasim
