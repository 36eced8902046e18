#pragma once
// A 2D image with its own memory and a view over all of it.
#include <vulkan/vulkan.h>
#include "engine/vk/handle.hpp"

namespace dermasim::vk {
class Context;

class Image {
public:
    Image() = default;
    Image(const Context& context, VkExtent2D extent, VkFormat format, VkImageUsageFlags usage,
          VkImageAspectFlags aspect);
    ~Image();
    Image(Image&& o) noexcept;
    Image& operator=(Image&& o) noexcept;
    Image(const Image&) = delete;
    Image& operator=(const Image&) = delete;

    VkImage get() const { return image_; }
    VkImageView view() const { return view_; }
    VkExtent2D extent() const { return extent_; }
    VkFormat format() const { return format_; }
    VkImageAspectFlags aspect() const { return aspect_; }

private:
    void create(const Context& context, VkImageUsageFlags usage);
    void release();
    VkDevice device_ = VK_NULL_HANDLE;
    VkImage image_ = VK_NULL_HANDLE;
    VkDeviceMemory memory_ = VK_NULL_HANDLE;
    ImageView view_;
    VkExtent2D extent_{};
    VkFormat format_ = VK_FORMAT_UNDEFINED;
    VkImageAspectFlags aspect_ = 0;
};

}  // namespace dermasim::vk
