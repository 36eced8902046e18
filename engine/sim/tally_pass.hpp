#pragma once
// The tally of a TissueVolumeGpu (engine/sim/tissue_tally.hpp) on the GPU: heal_tally.comp, a few kilobytes of
// partial sums read back instead of the volume. Its CPU twin is tally_tissue.
#include <vulkan/vulkan.h>
#include "engine/sim/tissue_tally.hpp"
#include "engine/sim/tissue_volume_gpu.hpp"
#include "engine/vk/buffer.hpp"
#include "engine/vk/handle.hpp"

namespace dermasim {

// How the work is split: each depth slice into `segments` (every segments-th voxel, or quad, of the slice), and
// the columns into `column_runs` (likewise). The host adds up the parts.
struct TallyLayout {
    uint32_t segments = 1, column_runs = 16;
    // A CPU driver (lavapipe) wants a few full workgroups, each invocation summing a whole slice (a workgroup has
    // a cost of its own there); a GPU wants many invocations. 16 and 256 are too few for a large grid: on an
    // NVIDIA H200 the high grid's 4 k invocations took 62 % of a step's time. To be compared there with
    // `dermasim bench --tally-layout` (scripts/gpu_checks.sh); more segments mean more partials to read back.
    static TallyLayout for_device(const vk::Context& context);
};

class TallyPass {
public:
    // Binds to `volume` for its lifetime. Throws Error for a grid whose papillary dermis is not one run of slices.
    TallyPass(const vk::Context& context, const TissueVolumeGpu& volume);
    TallyPass(const vk::Context& context, const TissueVolumeGpu& volume, TallyLayout layout);

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
    uint32_t slice_items_ = 0;
    TallyLayout layout_;
    std::pair<int, int> papillary_{0, 0};
    bool full_ = false;                 // what was recorded last
    vk::Buffer partials_, readback_;
    vk::DescriptorSetLayout set_layout_;
    vk::PipelineLayout pipeline_layout_;
    vk::Pipeline pipeline_;
    vk::DescriptorPool pool_;
    VkDescriptorSet set_ = VK_NULL_HANDLE;
};

}  // namespace dermasim
