#include "engine/vk/image.hpp"

#include <utility>

#include "engine/core/error.hpp"
#include "engine/vk/context.hpp"
#include "engine/vk/fault_injection.hpp"

namespace dermasim::vk {

Image::Image(const Context& context, VkExtent2D extent, VkFormat format, VkImageUsageFlags usage,
             VkImageAspectFlags aspect)
    : device_(context.device()), extent_(extent), format_(format), aspect_(aspect) {
    // The handles are plain members, not owners: a constructor that throws half way releases them itself.
    try {
        create(context, usage);
    } catch (...) {
        release();
        throw;
    }
}

void Image::create(const Context& context, VkImageUsageFlags usage) {
    VkImageCreateInfo info{VK_STRUCTURE_TYPE_IMAGE_CREATE_INFO};
    info.imageType = VK_IMAGE_TYPE_2D;
    info.format = format_;
    info.extent = {extent_.width, extent_.height, 1};
    info.mipLevels = 1;
    info.arrayLayers = 1;
    info.samples = VK_SAMPLE_COUNT_1_BIT;
    info.tiling = VK_IMAGE_TILING_OPTIMAL;
    info.usage = usage;
    info.initialLayout = VK_IMAGE_LAYOUT_UNDEFINED;
    VK_CHECK(vkCreateImage(device_, &info, nullptr, &image_));

    VkMemoryRequirements req;
    vkGetImageMemoryRequirements(device_, image_, &req);
    VkMemoryAllocateInfo alloc{VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO};
    alloc.allocationSize = req.size;
    alloc.memoryTypeIndex = context.find_memory_type(req.memoryTypeBits, VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT);
    VK_CHECK(vkAllocateMemory(device_, &alloc, nullptr, &memory_));
    VK_CHECK(vkBindImageMemory(device_, image_, memory_, 0));

    VkImageViewCreateInfo view{VK_STRUCTURE_TYPE_IMAGE_VIEW_CREATE_INFO};
    view.image = image_;
    view.viewType = VK_IMAGE_VIEW_TYPE_2D;
    view.format = format_;
    view.subresourceRange = {aspect_, 0, 1, 0, 1};
    VkImageView handle;
    check_out_of_memory("vkCreateImageView");
    VK_CHECK(vkCreateImageView(device_, &view, nullptr, &handle));
    view_ = ImageView(device_, handle, vkDestroyImageView);
}

Image::~Image() { release(); }

Image::Image(Image&& o) noexcept { *this = std::move(o); }

Image& Image::operator=(Image&& o) noexcept {
    if (this != &o) {
        release();
        device_ = std::exchange(o.device_, VK_NULL_HANDLE);
        image_ = std::exchange(o.image_, VK_NULL_HANDLE);
        memory_ = std::exchange(o.memory_, VK_NULL_HANDLE);
        view_ = std::move(o.view_);
        extent_ = o.extent_;
        format_ = o.format_;
        aspect_ = o.aspect_;
    }
    return *this;
}

void Image::release() {
    view_.reset();
    if (image_) vkDestroyImage(device_, image_, nullptr);
    if (memory_) vkFreeMemory(device_, memory_, nullptr);
    image_ = VK_NULL_HANDLE;
    memory_ = VK_NULL_HANDLE;
}

}  // namespace dermasim::vk
