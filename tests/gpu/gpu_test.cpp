#include "tests/gpu/gpu_test.hpp"

#include <memory>

namespace dermasim::test {

vk::Context& gpu() {
    static std::unique_ptr<vk::Context> context = [] {
        vk::ContextOptions options;
        options.validation = true;
        options.quiet = true;
        return std::make_unique<vk::Context>(options);
    }();
    return *context;
}

bool float_math_as_cpu() { return gpu().info().type == "CPU"; }

TEST_F(GpuTest, ContextHasValidationAndAUniversalQueue) {
    EXPECT_TRUE(gpu().validation_enabled());
    EXPECT_NE(gpu().queue(), VK_NULL_HANDLE);
    EXPECT_FALSE(gpu().info().name.empty());
}

TEST(GpuSelection, UnknownGpuNameIsAClearErrorListingDevices) {
    vk::ContextOptions options;
    options.gpu = "no-such-gpu-xyz";
    options.quiet = true;
    try {
        vk::Context context(options);
        FAIL() << "expected an error";
    } catch (const std::exception& e) {
        std::string message = e.what();
        EXPECT_NE(message.find("no-such-gpu-xyz"), std::string::npos) << message;
        EXPECT_NE(message.find("found:"), std::string::npos) << message;
    }
}

TEST(GpuSelection, NameSubstringPicksThatDevice) {
    vk::ContextOptions options;
    options.gpu = gpu().info().name.substr(0, 4);
    options.quiet = true;
    vk::Context context(options);
    EXPECT_EQ(context.info().name, gpu().info().name);
}

}  // namespace dermasim::test
