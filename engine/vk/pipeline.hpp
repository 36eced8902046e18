#pragma once
// Shader modules, pipeline layouts, graphics pipelines (dynamic rendering) and compute pipelines.
#include <cstdint>
#include <span>
#include <vector>
#include <vulkan/vulkan.h>
#include "engine/vk/handle.hpp"

namespace dermasim::vk {
class Context;

using Spirv = std::span<const uint32_t>;

ShaderModule make_shader_module(VkDevice device, Spirv code);

PipelineLayout make_pipeline_layout(VkDevice device, std::span<const VkDescriptorSetLayout> sets,
                                    uint32_t push_constant_bytes, VkShaderStageFlags push_stages);

struct GraphicsPipelineDesc {
    Spirv vertex;
    Spirv fragment;
    VkPipelineLayout layout = VK_NULL_HANDLE;
    VkFormat color_format = VK_FORMAT_UNDEFINED;
    VkFormat depth_format = VK_FORMAT_UNDEFINED;
    VkPrimitiveTopology topology = VK_PRIMITIVE_TOPOLOGY_TRIANGLE_LIST;
    VkCullModeFlags cull = VK_CULL_MODE_BACK_BIT;
    bool depth_test = true;
    bool depth_write = true;
    bool alpha_blend = false;
    const VkSpecializationInfo* fragment_specialization = nullptr;  // the fragment shader's constants, if any
    // Vertex input; empty for shaders that generate their geometry from gl_VertexIndex.
    std::vector<VkVertexInputBindingDescription> bindings;
    std::vector<VkVertexInputAttributeDescription> attributes;
};

Pipeline make_graphics_pipeline(VkDevice device, const GraphicsPipelineDesc& desc);
Pipeline make_compute_pipeline(VkDevice device, Spirv code, VkPipelineLayout layout,
                               const VkSpecializationInfo* specialization = nullptr);

// Descriptor set layout from (binding, type, stages) triples, all with descriptorCount 1.
struct Binding {
    uint32_t binding;
    VkDescriptorType type;
    VkShaderStageFlags stages;
    uint32_t count = 1;  // descriptors: more than one makes the binding an array
};
DescriptorSetLayout make_set_layout(VkDevice device, std::span<const Binding> bindings);

}  // namespace dermasim::vk
