#pragma once
// One graphics pipeline per tissue look for the shaders that draw tissue (the block and the magnified cut). The
// look is a specialization constant of common/tissue_look.glsl (constant_id 0), not a uniform: lavapipe runs
// both sides of a branch on a uniform, so every pixel paid for the histology look's cellular noise while the
// illustrated one was drawn (and the other way round). With the look folded in when the pipeline is made, moving
// frames at full size took 22-31 % less (docs/PERFORMANCE.md). The second look's pipeline is made when it is
// first drawn, so a session that never shows it never compiles it. Only tissue_colour reads the constant; the
// other look-dependent colours still read the uniform. Reading the constant in skin_block.frag's surface tone
// too (`kHistologyLook ? vec3(..) : vec3(..)`) changed 23 % of the histology golden's pixels on lavapipe (not
// understood yet), so it was left as it is.
#include <array>
#include <vulkan/vulkan.h>
#include "engine/render/skin_view.hpp"
#include "engine/vk/pipeline.hpp"

namespace dermasim {

class LookPipelines {
public:
    // desc's shaders must outlive this (they are the build's static SPIR-V arrays). `surface` is the fragment
    // shader's constant_id 1, for skin_block.frag, which draws the skin's surface and the cut faces with two
    // pipelines for the same reason (skin_block_pass.cpp); shaders without that constant ignore it.
    LookPipelines(VkDevice device, const vk::GraphicsPipelineDesc& desc, bool surface = false);
    VkPipeline get(Look look);

private:
    VkDevice device_;
    vk::GraphicsPipelineDesc desc_;
    VkBool32 surface_;
    std::array<vk::Pipeline, 2> pipelines_;  // by Look
};

}  // namespace dermasim
