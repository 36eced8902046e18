#pragma once
// Data the CPU packs for a shader, read there with texelFetch: a host-visible buffer seen through a typed view.
// Why not a storage buffer: Mesa 22.3's lavapipe, on which the suite, CI and GPU-less machines draw, loads a
// storage buffer one SIMD lane at a time with a branch per lane, but fetches texels as one vector gather
// (docs/PERFORMANCE.md), and the renderer's fragment shaders read these buffers several times per pixel.
#include <cstddef>
#include <cstdint>
#include <vulkan/vulkan.h>
#include "engine/vk/buffer.hpp"
#include "engine/vk/handle.hpp"

namespace dermasim::vk {
class Context;

class TexelBuffer {
public:
    // `format`: the texel's format (VK_FORMAT_R32G32B32A32_SFLOAT, VK_FORMAT_R32_UINT, ...), `texel_bytes` its size.
    TexelBuffer(VkFormat format, std::size_t texel_bytes) : format_(format), texel_bytes_(texel_bytes) {}

    // Copies `bytes` (whole texels) in, growing the buffer (never shrinking it) and remaking the view when they
    // do not fit; the GPU must have finished reading the previous contents. A submission made after this sees
    // the data without a barrier (host writes before a submission are visible to it). Throws Error when the
    // texels exceed the device's texel-buffer limit.
    void upload(const Context& context, const void* data, std::size_t bytes);
    VkBufferView view() const { return view_; }
    // Points the uniform-texel-buffer `binding` of `set` at the view (again after an upload that remade it).
    void bind(VkDevice device, VkDescriptorSet set, uint32_t binding) const;

private:
    VkFormat format_;
    std::size_t texel_bytes_;
    Buffer buffer_;
    BufferView view_;  // after buffer_: destroyed before it
};

}  // namespace dermasim::vk
