#pragma once
// Shared Vulkan context for GPU tests: the validation layer with synchronization validation is always on, and
// any validation message during a test fails that test.
#include <gtest/gtest.h>
#include "engine/vk/context.hpp"

namespace dermasim::test {

vk::Context& gpu();  // created on first use, lives for the whole test run

// Whether the driver's float arithmetic rounds as the CPU twins' does, so that a GPU pass can be held to its twin
// bit for bit: a CPU driver (lavapipe: LLVM compiles the shaders for this processor, with IEEE rounding). A GPU
// may divide and fuse multiply-adds with the looser precision Vulkan allows (an NVIDIA H200 did, 4 Dec 2026), and
// there the twins are compared within what that precision can change.
bool float_math_as_cpu();

class GpuTest : public ::testing::Test {
protected:
    void SetUp() override { messages_before_ = vk::Context::validation_message_count(); }
    void TearDown() override {
        EXPECT_EQ(vk::Context::validation_message_count(), messages_before_)
            << "Vulkan validation reported: " << vk::Context::last_validation_message();
    }

private:
    uint64_t messages_before_ = 0;
};

}  // namespace dermasim::test
