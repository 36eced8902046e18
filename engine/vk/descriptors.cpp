#include "engine/vk/descriptors.hpp"

#include <algorithm>
#include <cstddef>
#include <vector>
#include "engine/core/error.hpp"

namespace dermasim::vk {

DescriptorPool make_descriptor_pool(VkDevice device, uint32_t max_sets, std::span<const VkDescriptorPoolSize> sizes,
                                    VkDescriptorPoolCreateFlags flags) {
    VkDescriptorPoolCreateInfo info{VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO};
    info.flags = flags;
    info.maxSets = max_sets;
    info.poolSizeCount = static_cast<uint32_t>(sizes.size());
    info.pPoolSizes = sizes.data();
    VkDescriptorPool pool;
    VK_CHECK(vkCreateDescriptorPool(device, &info, nullptr, &pool));
    return DescriptorPool(device, pool, vkDestroyDescriptorPool);
}

void add_pool_sizes(std::vector<VkDescriptorPoolSize>& sizes, std::span<const Binding> bindings, uint32_t sets) {
    for (const Binding& b : bindings) {
        auto same =
            std::find_if(sizes.begin(), sizes.end(), [&](const VkDescriptorPoolSize& s) { return s.type == b.type; });
        if (same == sizes.end()) same = sizes.insert(sizes.end(), {b.type, 0});
        same->descriptorCount += b.count * sets;
    }
}

VkDescriptorSet allocate_set(VkDevice device, VkDescriptorPool pool, VkDescriptorSetLayout layout) {
    VkDescriptorSetAllocateInfo alloc{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO};
    alloc.descriptorPool = pool;
    alloc.descriptorSetCount = 1;
    alloc.pSetLayouts = &layout;
    VkDescriptorSet set;
    VK_CHECK(vkAllocateDescriptorSets(device, &alloc, &set));
    return set;
}

void write_buffers(VkDevice device, VkDescriptorSet set, uint32_t first_binding, VkDescriptorType type,
                   std::span<const VkBuffer> buffers) {
    std::vector<VkDescriptorBufferInfo> infos(buffers.size());
    std::vector<VkWriteDescriptorSet> writes(buffers.size());
    for (std::size_t b = 0; b < buffers.size(); ++b) {
        infos[b] = {buffers[b], 0, VK_WHOLE_SIZE};
        writes[b] = {VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET};
        writes[b].dstSet = set;
        writes[b].dstBinding = first_binding + static_cast<uint32_t>(b);
        writes[b].descriptorCount = 1;
        writes[b].descriptorType = type;
        writes[b].pBufferInfo = &infos[b];
    }
    vkUpdateDescriptorSets(device, static_cast<uint32_t>(writes.size()), writes.data(), 0, nullptr);
}

BufferView make_texel_view(VkDevice device, VkBuffer buffer, VkFormat format) {
    VkBufferViewCreateInfo info{VK_STRUCTURE_TYPE_BUFFER_VIEW_CREATE_INFO};
    info.buffer = buffer;
    info.format = format;
    info.range = VK_WHOLE_SIZE;
    VkBufferView view;
    VK_CHECK(vkCreateBufferView(device, &info, nullptr, &view));
    return BufferView(device, view, vkDestroyBufferView);
}

void write_texel_buffers(VkDevice device, VkDescriptorSet set, uint32_t binding, VkDescriptorType type,
                         std::span<const VkBufferView> views) {
    VkWriteDescriptorSet write{VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET};
    write.dstSet = set;
    write.dstBinding = binding;
    write.descriptorCount = static_cast<uint32_t>(views.size());
    write.descriptorType = type;
    write.pTexelBufferView = views.data();
    vkUpdateDescriptorSets(device, 1, &write, 0, nullptr);
}

}  // namespace dermasim::vk
