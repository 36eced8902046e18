#include <gtest/gtest.h>
#include "engine/core/error.hpp"

using dermasim::Error;

TEST(Error, VkCheckNamesCallResultFileAndLine) {
    auto failing = [] { return VK_ERROR_DEVICE_LOST; };
    try {
        VK_CHECK(failing());
        FAIL() << "VK_CHECK did not throw";
    } catch (const Error& e) {
        EXPECT_EQ(e.call(), "failing()");
        EXPECT_EQ(e.result(), VK_ERROR_DEVICE_LOST);
        EXPECT_NE(std::string(e.what()).find("VK_ERROR_DEVICE_LOST"), std::string::npos);
        EXPECT_NE(std::string(e.what()).find("error_test.cpp"), std::string::npos);
        EXPECT_GT(e.line(), 0);
    }
}

TEST(Error, VkCheckPassesSuccess) { EXPECT_NO_THROW(VK_CHECK(VK_SUCCESS)); }
