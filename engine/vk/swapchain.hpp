#pragma once
// The window's swapchain. Images are only ever blit targets: the renderer draws offscreen.
#include <vector>
#include <vulkan/vulkan.h>
#include "engine/vk/handle.hpp"

namespace dermasim::vk {
class Context;

class Swapchain {
public:
    Swapchain(const Context& context, VkSurfaceKHR surface, VkExtent2D wanted);
    ~Swapchain();
    Swapchain(const Swapchain&) = delete;
    Swapchain& operator=(const Swapchain&) = delete;

    // Rebuilds for a new window size (after a resize, or when presentation reports it out of date).
    void recreate(VkExtent2D wanted);

    VkSwapchainKHR get() const { return swapchain_; }
    VkExtent2D extent() const { return extent_; }
    VkFormat format() const { return format_; }
    VkImage image(uint32_t i) const { return images_[i]; }
    uint32_t image_count() const { return uint32_t(images_.size()); }
    // One per image: signalled when the image's frame is done, waited on by its present. Indexing by image
    // (not by frame slot) guarantees the previous present of that image has consumed it.
    VkSemaphore present_ready(uint32_t i) const { return present_ready_[i]; }

private:
    void create(VkExtent2D wanted, VkSwapchainKHR old);
    const Context& context_;
    VkSurfaceKHR surface_;
    VkSwapchainKHR swapchain_ = VK_NULL_HANDLE;
    VkExtent2D extent_{};
    VkFormat format_ = VK_FORMAT_UNDEFINED;
    std::vector<VkImage> images_;
    std::vector<Semaphore> present_ready_;
};

}  // namespace dermasim::vk
