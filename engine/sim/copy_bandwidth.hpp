#pragma once
// The device's copy bandwidth, the ceiling `dermasim bench` measures the heal step against: ping-pong copies
// between two device buffers, once through vkCmdCopyBuffer and once through a compute shader. Bytes read plus
// bytes written per second.
#include <algorithm>
#include <vulkan/vulkan.h>

namespace dermasim {

namespace vk { class Context; }

struct CopyBandwidth {
    double transfer_gb_s = 0;  // vkCmdCopyBuffer
    double shader_gb_s = 0;    // a compute shader, 16 bytes an invocation
    VkDeviceSize bytes = 0;    // each buffer's size: at most the device's storage-buffer range
    double best_gb_s() const { return std::max(transfer_gb_s, shader_gb_s); }
};

// Each copy moves 2 x `bytes` (capped at the storage-buffer range and rounded down to 16); at least `repeats`
// copies, more until the timed submission lasts 50 ms, so that a fast GPU is not timed within the noise of a
// submit and a wait. Throws Error for Vulkan failures, and when the shader's copy left its target unwritten.
CopyBandwidth measure_copy_bandwidth(const vk::Context& context, VkDeviceSize bytes, int repeats);

}  // namespace dermasim
