#pragma once
// Shared Vulkan context for GPU tests: the validation layer with synchronization validation is always on, and
// any validation message during a test fails that test.
#include <gtest/gtest.h>
#include "engine/vk/context.hpp"

namespace dermasim::test {

vk::Context& gpu();  // created on first use, lives for the whole test run

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
