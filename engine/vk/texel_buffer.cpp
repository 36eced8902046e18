#include "engine/vk/texel_buffer.hpp"

#include <algorithm>
#include <cstring>
#include <string>
#include "engine/core/error.hpp"
#include "engine/vk/context.hpp"
#include "engine/vk/descriptors.hpp"

namespace dermasim::vk {

void TexelBuffer::upload(const Context& context, const void* data, std::size_t bytes) {
    // At least one texel: an empty view is not allowed, and shaders may fetch texel 0 of an empty list.
    const std::size_t wanted = std::max(bytes, texel_bytes_);
    if (!buffer_ || buffer_.size() < wanted) {
        const std::size_t grown = (wanted * 3 / 2 + texel_bytes_ - 1) / texel_bytes_ * texel_bytes_;
        const std::size_t texels = grown / texel_bytes_;
        if (texels > context.limits().maxTexelBufferElements)
            throw Error("renderer: " + std::to_string(texels) + " texels exceed this device's " +
                        std::to_string(context.limits().maxTexelBufferElements) +
                        "-texel buffer limit; use a smaller window or a lower quality");
        view_.reset();
        buffer_ = Buffer(context, grown, VK_BUFFER_USAGE_UNIFORM_TEXEL_BUFFER_BIT, MemoryUse::Upload);
        view_ = make_texel_view(context.device(), buffer_, format_);
    }
    if (bytes) std::memcpy(buffer_.mapped(), data, bytes);
    buffer_.flush();
}

void TexelBuffer::bind(VkDevice device, VkDescriptorSet set, uint32_t binding) const {
    write_texel_buffers(device, set, binding, VK_DESCRIPTOR_TYPE_UNIFORM_TEXEL_BUFFER, {view_.ptr(), 1});
}

}  // namespace dermasim::vk
