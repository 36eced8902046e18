#pragma once
// The Vulkan core every run shares: instance (with the validation layer and a debug messenger when asked), the
// chosen physical device, one logical device and its universal queue. It knows nothing about windows beyond the
// instance extensions a window system asks for.
#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <vector>
#include <vulkan/vulkan.h>

namespace dermasim::vk {

struct ContextOptions {
    bool validation = false;                     // Khronos validation + synchronization validation
    std::string gpu;                             // pick the device whose name contains this (case-insensitive)
    std::vector<const char*> instance_extensions;  // e.g. from glfwGetRequiredInstanceExtensions
    bool swapchain = false;                      // enable VK_KHR_swapchain on the device
    // With swapchain: whether a device's queue family can present to the window system (the window platform asks
    // GLFW). A device that cannot (a compute-only card, a GPU not driving the display) is passed over, not
    // chosen and then found unable to present.
    std::function<bool(VkInstance, VkPhysicalDevice, uint32_t)> can_present;
    bool quiet = false;                          // do not print the chosen device
};

struct DeviceInfo {
    std::string name;
    std::string type;  // "discrete GPU", "integrated GPU", "CPU", ...
    std::string driver;
    uint32_t api_version = 0;
};

class Context {
public:
    explicit Context(const ContextOptions& options);
    ~Context();
    Context(const Context&) = delete;
    Context& operator=(const Context&) = delete;

    VkInstance instance() const { return instance_; }
    VkPhysicalDevice physical_device() const { return physical_; }
    VkDevice device() const { return device_; }
    // The queue itself, for Dear ImGui's init (which keeps it but submits nothing here); submit through submit().
    VkQueue queue() const { return queue_; }
    uint32_t queue_family() const { return queue_family_; }
    const DeviceInfo& info() const { return info_; }
    const VkPhysicalDeviceLimits& limits() const { return properties_.limits; }
    bool validation_enabled() const { return validation_; }

    uint32_t find_memory_type(uint32_t type_bits, VkMemoryPropertyFlags wanted) const;

    // The one queue is shared: the window's frames and the time-lapse's healing (a worker thread) both submit to
    // it. Vulkan leaves a queue's synchronization to the application, so every submit, present and wait for idle
    // goes through these, under one lock (as Granite locks its submissions).
    void submit(const VkSubmitInfo2& submit, VkFence fence) const;  // throws Error on failure
    VkResult present(const VkPresentInfoKHR& present) const;        // the caller handles out-of-date
    void wait_idle() const;                                         // throws Error on failure
    // For destructors and error paths: waits, ignoring a failure (a lost device fails the wait too).
    void wait_idle_quietly() const noexcept;

    // Warnings and errors reported by the validation layer since start; tests require zero.
    static uint64_t validation_message_count();
    static std::string last_validation_message();

    // All devices Vulkan reports, in the order the pick prefers them (for --gpu help and error messages).
    static std::vector<DeviceInfo> list_devices(VkInstance instance);

private:
    void create_instance(const ContextOptions& options);
    void pick_device(const ContextOptions& options);
    void create_device(bool swapchain);
    void release();

    bool validation_ = false;
    VkInstance instance_ = VK_NULL_HANDLE;
    VkDebugUtilsMessengerEXT messenger_ = VK_NULL_HANDLE;
    VkPhysicalDevice physical_ = VK_NULL_HANDLE;
    VkPhysicalDeviceProperties properties_{};
    VkPhysicalDeviceMemoryProperties memory_{};
    VkDevice device_ = VK_NULL_HANDLE;
    VkQueue queue_ = VK_NULL_HANDLE;
    mutable std::mutex queue_mutex_;
    uint32_t queue_family_ = 0;
    DeviceInfo info_;
};

}  // namespace dermasim::vk
