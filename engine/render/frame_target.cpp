#include "engine/render/frame_target.hpp"

#include <cstring>
#include <string>
#include <utility>
#include "engine/core/error.hpp"
#include "engine/io/png.hpp"
#include "engine/vk/buffer.hpp"
#include "engine/vk/commands.hpp"

namespace dermasim {

void record_color_readback(VkCommandBuffer cmd, const FrameTarget& target, const vk::Buffer& readback) {
    const VkExtent2D e = target.extent();
    VkBufferImageCopy region{};
    region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
    region.imageExtent = {e.width, e.height, 1};
    vkCmdCopyImageToBuffer(cmd, target.color.get(), VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, readback, 1, &region);
    vk::buffer_barrier(cmd, readback, vk::access::TransferWrite, vk::access::HostRead);
}

RgbaImage image_from_readback(const vk::Buffer& readback, const FrameTarget& target) {
    const VkExtent2D extent = target.extent();
    const std::size_t bytes = std::size_t(extent.width) * extent.height * 4;
    if (readback.size() < bytes)
        throw Error("frame readback: a buffer of " + std::to_string(readback.size()) + " bytes cannot hold a " +
                    std::to_string(extent.width) + "x" + std::to_string(extent.height) + " image");
    readback.invalidate();
    RgbaImage image{extent.width, extent.height, std::vector<uint8_t>(bytes)};
    std::memcpy(image.pixels.data(), readback.mapped(), image.pixels.size());
    if (target.color.format() == VK_FORMAT_B8G8R8A8_UNORM)
        for (std::size_t i = 0; i < bytes; i += 4) std::swap(image.pixels[i], image.pixels[i + 2]);
    return image;
}

}  // namespace dermasim
