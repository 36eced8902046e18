#pragma once
// Command recording helpers: a one-shot submit for uploads, readbacks and compute batches, and
// synchronization2 barriers written out by intent so every hazard is named where it is resolved.
#include <functional>
#include <vulkan/vulkan.h>
#include "engine/vk/handle.hpp"

namespace dermasim::vk {
class Context;

// Records into a fresh command buffer, submits it and waits for it. For set-up work and headless runs.
class OneShotCommands {
public:
    explicit OneShotCommands(const Context& context);
    void run(const std::function<void(VkCommandBuffer)>& record);

private:
    const Context& context_;
    CommandPool pool_;
    Fence fence_;
};

struct Access {
    VkPipelineStageFlags2 stage = VK_PIPELINE_STAGE_2_NONE;
    VkAccessFlags2 access = VK_ACCESS_2_NONE;
};

// Common stage/access pairs.
namespace access {
inline constexpr Access None{VK_PIPELINE_STAGE_2_NONE, VK_ACCESS_2_NONE};
inline constexpr Access TransferWrite{VK_PIPELINE_STAGE_2_ALL_TRANSFER_BIT, VK_ACCESS_2_TRANSFER_WRITE_BIT};
inline constexpr Access TransferRead{VK_PIPELINE_STAGE_2_ALL_TRANSFER_BIT, VK_ACCESS_2_TRANSFER_READ_BIT};
inline constexpr Access ComputeRead{VK_PIPELINE_STAGE_2_COMPUTE_SHADER_BIT, VK_ACCESS_2_SHADER_STORAGE_READ_BIT};
inline constexpr Access ComputeWrite{VK_PIPELINE_STAGE_2_COMPUTE_SHADER_BIT, VK_ACCESS_2_SHADER_STORAGE_WRITE_BIT};
inline constexpr Access ComputeReadWrite{VK_PIPELINE_STAGE_2_COMPUTE_SHADER_BIT,
                                         VK_ACCESS_2_SHADER_STORAGE_READ_BIT | VK_ACCESS_2_SHADER_STORAGE_WRITE_BIT};
inline constexpr Access FragmentRead{VK_PIPELINE_STAGE_2_FRAGMENT_SHADER_BIT, VK_ACCESS_2_SHADER_STORAGE_READ_BIT};
inline constexpr Access ColorWrite{VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT,
                                   VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT | VK_ACCESS_2_COLOR_ATTACHMENT_READ_BIT};
inline constexpr Access DepthWrite{VK_PIPELINE_STAGE_2_EARLY_FRAGMENT_TESTS_BIT | VK_PIPELINE_STAGE_2_LATE_FRAGMENT_TESTS_BIT,
                                   VK_ACCESS_2_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT |
                                       VK_ACCESS_2_DEPTH_STENCIL_ATTACHMENT_READ_BIT};
inline constexpr Access HostRead{VK_PIPELINE_STAGE_2_HOST_BIT, VK_ACCESS_2_HOST_READ_BIT};
inline constexpr Access HostWrite{VK_PIPELINE_STAGE_2_HOST_BIT, VK_ACCESS_2_HOST_WRITE_BIT};
}  // namespace access

void image_barrier(VkCommandBuffer cmd, VkImage image, VkImageAspectFlags aspect, Access src, Access dst,
                   VkImageLayout old_layout, VkImageLayout new_layout);
void buffer_barrier(VkCommandBuffer cmd, VkBuffer buffer, Access src, Access dst);
void memory_barrier(VkCommandBuffer cmd, Access src, Access dst);

}  // namespace dermasim::vk
