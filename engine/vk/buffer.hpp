#pragma once
// A buffer with its own memory (no sub-allocator: DermaSim holds few, large resources).
#include <cstddef>
#include <vulkan/vulkan.h>

namespace dermasim::vk {
class Context;

enum class MemoryUse {
    Device,    // GPU-only: storage, vertex data
    Upload,    // host-visible, written by the CPU (staging, small uniforms)
    Readback,  // host-visible and cached, read by the CPU
};

class Buffer {
public:
    Buffer() = default;
    Buffer(const Context& context, VkDeviceSize size, VkBufferUsageFlags usage, MemoryUse use);
    ~Buffer();
    Buffer(Buffer&& o) noexcept;
    Buffer& operator=(Buffer&& o) noexcept;
    Buffer(const Buffer&) = delete;
    Buffer& operator=(const Buffer&) = delete;

    VkBuffer get() const { return buffer_; }
    operator VkBuffer() const { return buffer_; }
    VkDeviceSize size() const { return size_; }
    void* mapped() const { return mapped_; }  // non-null for Upload/Readback
    // For Readback memory that may not be coherent: makes device writes visible to mapped().
    void invalidate() const;
    void flush() const;

private:
    void create(const Context& context, VkBufferUsageFlags usage, MemoryUse use);
    void release();
    VkDevice device_ = VK_NULL_HANDLE;
    VkBuffer buffer_ = VK_NULL_HANDLE;
    VkDeviceMemory memory_ = VK_NULL_HANDLE;
    VkDeviceSize size_ = 0;
    void* mapped_ = nullptr;
    bool coherent_ = true;
};

}  // namespace dermasim::vk
