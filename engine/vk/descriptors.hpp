#pragma once
// Descriptor pools and sets: the create/allocate/write sequence every pass needs. Set layouts are made with
// make_set_layout (engine/vk/pipeline.hpp).
#include <cstdint>
#include <span>
#include <vector>
#include <vulkan/vulkan.h>
#include "engine/vk/handle.hpp"
#include "engine/vk/pipeline.hpp"

namespace dermasim::vk {

DescriptorPool make_descriptor_pool(VkDevice device, uint32_t max_sets, std::span<const VkDescriptorPoolSize> sizes,
                                    VkDescriptorPoolCreateFlags flags = 0);

// Adds to `sizes` the descriptors, by type, that `sets` sets of a layout with these bindings take. A pool sized
// from the layouts themselves cannot fall behind a binding added later: lavapipe does not enforce a pool's sizes,
// but other drivers (RADV) refuse a set the pool did not count.
void add_pool_sizes(std::vector<VkDescriptorPoolSize>& sizes, std::span<const Binding> bindings, uint32_t sets = 1);

// One set of `layout` from `pool`; it lives as long as the pool.
VkDescriptorSet allocate_set(VkDevice device, VkDescriptorPool pool, VkDescriptorSetLayout layout);

// Points bindings first_binding, first_binding + 1, ... of `set` at the whole of each buffer, in order.
void write_buffers(VkDevice device, VkDescriptorSet set, uint32_t first_binding, VkDescriptorType type,
                   std::span<const VkBuffer> buffers);

// A typed view of the whole of `buffer`, for a texel-buffer binding.
BufferView make_texel_view(VkDevice device, VkBuffer buffer, VkFormat format);

// Points elements 0, 1, ... of the texel-buffer `binding` of `set` (an array when there are several) at the views.
void write_texel_buffers(VkDevice device, VkDescriptorSet set, uint32_t binding, VkDescriptorType type,
                         std::span<const VkBufferView> views);

}  // namespace dermasim::vk
