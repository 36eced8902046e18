// Descriptor pools are sized from the set layouts' own bindings: a binding added to a layout is counted in its
// pool (lavapipe does not enforce a pool's sizes; RADV refuses a set the pool did not count).
#include <gtest/gtest.h>

#include "engine/vk/descriptors.hpp"

using namespace dermasim;

namespace {
uint32_t count_of(const std::vector<VkDescriptorPoolSize>& sizes, VkDescriptorType type) {
    uint32_t n = 0;
    for (const auto& s : sizes)
        if (s.type == type) n += s.descriptorCount;
    return n;
}
}  // namespace

TEST(DescriptorPools, CountEveryBindingArrayElementAndSet) {
    const vk::Binding voxel[] = {{0, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, VK_SHADER_STAGE_COMPUTE_BIT},
                                 {1, VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, VK_SHADER_STAGE_COMPUTE_BIT},
                                 {2, VK_DESCRIPTOR_TYPE_UNIFORM_TEXEL_BUFFER, VK_SHADER_STAGE_COMPUTE_BIT, 12}};
    const vk::Binding line[] = {{0, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, VK_SHADER_STAGE_COMPUTE_BIT},
                                {1, VK_DESCRIPTOR_TYPE_UNIFORM_TEXEL_BUFFER, VK_SHADER_STAGE_COMPUTE_BIT},
                                {2, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, VK_SHADER_STAGE_COMPUTE_BIT}};
    std::vector<VkDescriptorPoolSize> sizes;
    vk::add_pool_sizes(sizes, voxel);
    vk::add_pool_sizes(sizes, line, 3);
    EXPECT_EQ(sizes.size(), 3u) << "one entry a type";
    EXPECT_EQ(count_of(sizes, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER), 1u + 2u * 3u);
    EXPECT_EQ(count_of(sizes, VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER), 1u);
    EXPECT_EQ(count_of(sizes, VK_DESCRIPTOR_TYPE_UNIFORM_TEXEL_BUFFER), 12u + 3u);
}
