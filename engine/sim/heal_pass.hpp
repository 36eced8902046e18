#pragma once
// The GPU twin of engine/sim/heal_step.cpp, in its order: one heal step on a TissueVolumeGpu. The line solves'
// elimination tables (heal_line_coeffs.comp); the signal's implicit line solves along x, y and depth, its
// release and decay included (heal_diffuse.comp, a few grid lines per invocation, the y and depth lines four
// neighbours at a time as vec4s, Thomas algorithm as heal_line_solve.cpp); the reaction (heal_react.comp); the
// other diffusing fields' line solves; and the step chooser's state summary (a max-reduction, taken by the step
// itself or by heal_summary.comp) so a timeline can run without reading the volume back. Deterministic: no
// atomics on floats (the summary's maxima are exact whatever the order), every line solved by one invocation in
// a fixed order.
#include <array>
#include <cstddef>
#include <optional>
#include <utility>
#include <vulkan/vulkan.h>
#include "engine/sim/heal_kernel.hpp"
#include "engine/sim/heal_step.hpp"
#include "engine/sim/heal_time_step.hpp"
#include "engine/sim/tissue_volume_gpu.hpp"
#include "engine/vk/buffer.hpp"
#include "engine/vk/handle.hpp"

namespace dermasim {

class HealPass {
public:
    // How the y and depth lines are handed out: four neighbours an invocation, as one vector, where nx is a
    // multiple of 4 (what lavapipe wants: 2.9x the floats moved per fetch and store), or one line each (four
    // times the invocations, which a GPU may want: on an NVIDIA H200 the quads left most of it idle; to be timed
    // with `dermasim bench --lines single`). The results are the same bit for bit.
    enum class Lines { QuadsWherePossible, Single };

    // Binds to `volume` for its lifetime (the volume must outlive the pass).
    HealPass(const vk::Context& context, const TissueVolumeGpu& volume, const kernel::HealParams& params,
             Lines lines = Lines::QuadsWherePossible);

    // Replaces the parameters (e.g. `occluded` per run). Host write: no recorded step may be pending.
    void set_params(const kernel::HealParams& params);

    // Records one step (the signal's line solves, the reaction, the other line solves the plan enables). Throws
    // Error for a non-finite or non-positive dt or a serum_surface outside 0..1. Advances nothing on the CPU:
    // the caller keeps time.
    void record_step(VkCommandBuffer cmd, const HealStepPlan& plan);
    // The same step, which also takes the state summary of what it leaves (as record_summary would after it,
    // at a few per cent of its cost): the reaction and the last line solves keep the maxima of what they write.
    void record_step_with_summary(VkCommandBuffer cmd, const HealStepPlan& plan);
    // Records the state summary of the volume as it is into this pass's host-visible result; read it with
    // read_summary() once the command buffer has finished.
    void record_summary(VkCommandBuffer cmd);
    StateSummary read_summary() const;

    // One-shot conveniences: submit and wait.
    void run_step(const HealStepPlan& plan);
    StateSummary summarize();

    // Whether the reaction takes the slices outside the dermis apart, reading and writing only the fields that
    // change there: where the dermis is one run of slices and the volume's dermis fields are confined to it.
    bool reacts_outside_dermis_apart() const;

    // Bytes the step reads and writes per voxel of this grid for this plan (fields, scratch; tables are
    // negligible). Counted from the shaders' loads and stores, for a state the model made (the reaction outside
    // the dermis taken apart where the dermis is one run).
    static double bytes_per_voxel(const HealStepPlan& plan, const TissueGrid& grid);

private:
    void record(VkCommandBuffer cmd, const HealStepPlan& plan, bool summary);
    void record_reaction(VkCommandBuffer cmd, const HealStepPlan& plan, uint32_t summary_mask);
    void record_diffusion(VkCommandBuffer cmd, int field, const HealStepPlan& plan, bool summary);
    uint32_t lines_per_invocation(uint32_t solves) const;
    VkPipeline diffuse_pipeline(int field, int axis, int sweep) const;
    void record_summary_clear(VkCommandBuffer cmd);
    void record_summary_readback(VkCommandBuffer cmd);

    const vk::Context& context_;
    const TissueVolumeGpu& volume_;
    bool line_quads_ = false;  // the y and depth lines four neighbours an invocation
    vk::Buffer params_;    // host-visible HealParams (std430: all floats, same layout as C++)
    vk::Buffer scratch_;   // (c', d') per voxel for the lines that eliminate per voxel
    vk::Buffer line_table_;  // (a, m, c') per field, axis, layer and position (heal_line_coeffs.comp)
    vk::BufferView line_table_texels_, scratch_texels_, scratch_quads_;  // the same, as the line solves read them
    vk::Buffer signal_before_;  // the signal field before the step's signal line solves (the reaction reads it)
    vk::BufferView signal_before_texels_, signal_before_quads_;
    vk::Buffer summary_;   // uint[6]: float bits of the StateSummary maxima, taken with atomics
    vk::Buffer summary_readback_;  // the same, copied to host memory
    vk::DescriptorSetLayout voxel_set_layout_, line_set_layout_;
    vk::PipelineLayout react_layout_, summary_layout_, diffuse_layout_, line_coeffs_layout_;
    vk::Pipeline react_, summary_pipeline_, line_coeffs_;
    vk::Pipeline react_outside_dermis_;  // the reaction's slices outside the dermis (made where it is one run)
    // The line solves, one pipeline per solve: [sweep][x lines][per voxel] (heal_pass.cpp: diffuse_pipeline).
    vk::Pipeline diffuse_[2][2][2];
    vk::DescriptorPool pool_;
    VkDescriptorSet voxel_set_ = VK_NULL_HANDLE;
    std::array<VkDescriptorSet, 3> line_sets_{};  // per diffusing field (kernel::HEAL_DIFFUSE_*)
    bool cpu_driver_ = false;                     // a CPU driver (lavapipe): fewer, fuller workgroups
    bool react_in_quads_ = false;                 // heal_react_quads.comp: four voxels a texel (nx % 4 == 0)
    uint32_t react_items_per_invocation_ = 1;     // voxels, or quads of them: see the constructor
    std::optional<std::pair<int, int>> dermis_;  // the dermis's depth slices (heal_line_solve.hpp: dermis_run)
};

}  // namespace dermasim
