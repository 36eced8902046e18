#include "engine/vk/swapchain.hpp"

#include <algorithm>

#include "engine/core/error.hpp"
#include "engine/vk/context.hpp"

namespace dermasim::vk {

Swapchain::Swapchain(const Context& context, VkSurfaceKHR surface, VkExtent2D wanted)
    : context_(context), surface_(surface) {
    create(wanted, VK_NULL_HANDLE);
}

Swapchain::~Swapchain() {
    present_ready_.clear();
    if (swapchain_) vkDestroySwapchainKHR(context_.device(), swapchain_, nullptr);
}

void Swapchain::recreate(VkExtent2D wanted) {
    context_.wait_idle();
    VkSwapchainKHR old = swapchain_;
    create(wanted, old);  // if it throws, swapchain_ is still the old one (retired), which the destructor destroys
    vkDestroySwapchainKHR(context_.device(), old, nullptr);
}

void Swapchain::create(VkExtent2D wanted, VkSwapchainKHR old) {
    VkPhysicalDevice gpu = context_.physical_device();
    VkBool32 supported = VK_FALSE;
    VK_CHECK(vkGetPhysicalDeviceSurfaceSupportKHR(gpu, context_.queue_family(), surface_, &supported));
    if (!supported) throw Error(context_.info().name + " cannot present to this window");

    VkSurfaceCapabilitiesKHR caps;
    VK_CHECK(vkGetPhysicalDeviceSurfaceCapabilitiesKHR(gpu, surface_, &caps));
    if (!(caps.supportedUsageFlags & VK_IMAGE_USAGE_TRANSFER_DST_BIT))
        throw Error("the window surface does not accept blits (VK_IMAGE_USAGE_TRANSFER_DST_BIT)");
    uint32_t count = 0;
    vkGetPhysicalDeviceSurfaceFormatsKHR(gpu, surface_, &count, nullptr);
    std::vector<VkSurfaceFormatKHR> formats(count);
    vkGetPhysicalDeviceSurfaceFormatsKHR(gpu, surface_, &count, formats.data());
    // The offscreen image already holds sRGB-encoded values, so a UNORM swapchain passes them through.
    VkSurfaceFormatKHR chosen = formats.at(0);
    for (const auto& f : formats)
        if ((f.format == VK_FORMAT_B8G8R8A8_UNORM || f.format == VK_FORMAT_R8G8B8A8_UNORM) &&
            f.colorSpace == VK_COLOR_SPACE_SRGB_NONLINEAR_KHR) {
            chosen = f;
            break;
        }
    VkExtent2D extent = caps.currentExtent;
    if (caps.currentExtent.width == UINT32_MAX) {
        extent.width = std::clamp(wanted.width, caps.minImageExtent.width, caps.maxImageExtent.width);
        extent.height = std::clamp(wanted.height, caps.minImageExtent.height, caps.maxImageExtent.height);
    }
    uint32_t images = caps.minImageCount + 1;
    if (caps.maxImageCount) images = std::min(images, caps.maxImageCount);

    VkSwapchainCreateInfoKHR info{VK_STRUCTURE_TYPE_SWAPCHAIN_CREATE_INFO_KHR};
    info.surface = surface_;
    info.minImageCount = images;
    info.imageFormat = chosen.format;
    info.imageColorSpace = chosen.colorSpace;
    info.imageExtent = extent;
    info.imageArrayLayers = 1;
    info.imageUsage = VK_IMAGE_USAGE_TRANSFER_DST_BIT;
    info.imageSharingMode = VK_SHARING_MODE_EXCLUSIVE;
    info.preTransform = caps.currentTransform;
    info.compositeAlpha = VK_COMPOSITE_ALPHA_OPAQUE_BIT_KHR;
    info.presentMode = VK_PRESENT_MODE_FIFO_KHR;  // always available; paces the frame loop to the display
    info.clipped = VK_TRUE;
    info.oldSwapchain = old;
    VkSwapchainKHR made = VK_NULL_HANDLE;
    VK_CHECK(vkCreateSwapchainKHR(context_.device(), &info, nullptr, &made));
    // Everything is made aside and kept only once all of it exists: a failure part way leaks nothing and leaves
    // this object as it was.
    std::vector<VkImage> images_made;
    std::vector<Semaphore> ready_made;
    try {
        vkGetSwapchainImagesKHR(context_.device(), made, &count, nullptr);
        images_made.resize(count);
        vkGetSwapchainImagesKHR(context_.device(), made, &count, images_made.data());
        for (uint32_t i = 0; i < count; ++i) {
            VkSemaphoreCreateInfo s{VK_STRUCTURE_TYPE_SEMAPHORE_CREATE_INFO};
            VkSemaphore sem;
            VK_CHECK(vkCreateSemaphore(context_.device(), &s, nullptr, &sem));
            ready_made.emplace_back(context_.device(), sem, vkDestroySemaphore);
        }
    } catch (...) {
        ready_made.clear();
        vkDestroySwapchainKHR(context_.device(), made, nullptr);
        throw;
    }
    swapchain_ = made;
    images_ = std::move(images_made);
    present_ready_ = std::move(ready_made);
    format_ = chosen.format;
    extent_ = extent;
}

}  // namespace dermasim::vk
