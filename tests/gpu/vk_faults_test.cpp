// Constructors that fail half way release what they made (issue 13, "Faults"). Each test builds its own
// validated device, makes a constructor fail after it holds a VkBuffer or VkImage and their memory, and then
// destroys the device: the validation layer's object tracker reports every handle still alive at that point,
// so a constructor that leaks on its error path fails the test.
#include <gtest/gtest.h>

#include <functional>

#include "engine/core/error.hpp"
#include "engine/vk/buffer.hpp"
#include "engine/vk/context.hpp"
#include "engine/vk/fault_injection.hpp"
#include "engine/vk/image.hpp"

namespace dermasim::test {
namespace {

void expect_clean_failure(const std::function<void(const vk::Context&)>& construct) {
    const uint64_t before = vk::Context::validation_message_count();
    {
        vk::ContextOptions options;
        options.validation = true;
        options.quiet = true;
        vk::Context context(options);
        vk::arm_out_of_memory(0);
        try {
            construct(context);
            ADD_FAILURE() << "the injected out-of-memory did not reach the constructor";
        } catch (const Error& e) {
            EXPECT_EQ(e.result(), VK_ERROR_OUT_OF_DEVICE_MEMORY) << e.what();
        }
        vk::arm_out_of_memory(-1);
    }  // vkDestroyDevice: the object tracker names any buffer, image or memory left behind
    EXPECT_EQ(vk::Context::validation_message_count(), before)
        << "left behind: " << vk::Context::last_validation_message();
}

TEST(VkFaults, BufferThatFailsReleasesItsBufferAndMemory) {
    for (vk::MemoryUse use : {vk::MemoryUse::Device, vk::MemoryUse::Upload, vk::MemoryUse::Readback})
        expect_clean_failure([use](const vk::Context& context) {
            vk::Buffer buffer(context, 4096, VK_BUFFER_USAGE_STORAGE_BUFFER_BIT, use);
        });
}

TEST(VkFaults, ImageThatFailsReleasesItsImageAndMemory) {
    expect_clean_failure([](const vk::Context& context) {
        vk::Image image(context, {64, 64}, VK_FORMAT_R8G8B8A8_UNORM, VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT,
                        VK_IMAGE_ASPECT_COLOR_BIT);
    });
}

TEST(VkFaults, HookFiresOnceAfterTheChecksItWasToldToPass) {
    vk::arm_out_of_memory(1);
    EXPECT_NO_THROW(vk::check_out_of_memory("first"));
    EXPECT_THROW(vk::check_out_of_memory("second"), Error);
    EXPECT_NO_THROW(vk::check_out_of_memory("third"));
}

}  // namespace
}  // namespace dermasim::test
