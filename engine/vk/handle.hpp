#pragma once
// RAII for Vulkan handles: a move-only owner that calls the matching vkDestroy*/vkFree* on destruction.
#include <utility>
#include <vulkan/vulkan.h>

namespace dermasim::vk {

// Owns a handle created from a VkDevice (most objects). Deleter is a plain function pointer so any
// vkDestroyXxx(VkDevice, Xxx, const VkAllocationCallbacks*) fits.
template <typename T>
class DeviceHandle {
public:
    using Deleter = void (*)(VkDevice, T, const VkAllocationCallbacks*);
    DeviceHandle() = default;
    DeviceHandle(VkDevice device, T handle, Deleter deleter) : device_(device), handle_(handle), deleter_(deleter) {}
    ~DeviceHandle() { reset(); }
    DeviceHandle(DeviceHandle&& o) noexcept { *this = std::move(o); }
    DeviceHandle& operator=(DeviceHandle&& o) noexcept {
        if (this != &o) {
            reset();
            device_ = std::exchange(o.device_, VK_NULL_HANDLE);
            handle_ = std::exchange(o.handle_, VK_NULL_HANDLE);
            deleter_ = std::exchange(o.deleter_, nullptr);
        }
        return *this;
    }
    DeviceHandle(const DeviceHandle&) = delete;
    DeviceHandle& operator=(const DeviceHandle&) = delete;

    void reset() {
        if (handle_ != VK_NULL_HANDLE && deleter_) deleter_(device_, handle_, nullptr);
        handle_ = VK_NULL_HANDLE;
    }
    T get() const { return handle_; }
    operator T() const { return handle_; }
    explicit operator bool() const { return handle_ != VK_NULL_HANDLE; }
    const T* ptr() const { return &handle_; }

private:
    VkDevice device_ = VK_NULL_HANDLE;
    T handle_ = VK_NULL_HANDLE;
    Deleter deleter_ = nullptr;
};

using ShaderModule = DeviceHandle<VkShaderModule>;
using Pipeline = DeviceHandle<VkPipeline>;
using PipelineLayout = DeviceHandle<VkPipelineLayout>;
using DescriptorSetLayout = DeviceHandle<VkDescriptorSetLayout>;
using DescriptorPool = DeviceHandle<VkDescriptorPool>;
using CommandPool = DeviceHandle<VkCommandPool>;
using Fence = DeviceHandle<VkFence>;
using Semaphore = DeviceHandle<VkSemaphore>;
using RenderPass = DeviceHandle<VkRenderPass>;
using Framebuffer = DeviceHandle<VkFramebuffer>;
using ImageView = DeviceHandle<VkImageView>;
using Sampler = DeviceHandle<VkSampler>;
using QueryPool = DeviceHandle<VkQueryPool>;
using BufferView = DeviceHandle<VkBufferView>;

}  // namespace dermasim::vk
