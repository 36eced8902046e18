// A swapchain that stays suboptimal is rebuilt once per window size, not at every frame.
#include <gtest/gtest.h>

#include "app/platform/suboptimal_guard.hpp"

namespace dermasim::app {
namespace {

TEST(SuboptimalGuard, RebuildsOncePerWindowSizeThenPresentsWithIt) {
    SuboptimalGuard guard;
    const VkExtent2D size{1280, 720}, other{1024, 600};
    EXPECT_FALSE(guard.rebuild_after(VK_SUCCESS, size));
    EXPECT_TRUE(guard.rebuild_after(VK_SUBOPTIMAL_KHR, size)) << "the first SUBOPTIMAL rebuilds";
    EXPECT_FALSE(guard.kept());
    for (int frame = 0; frame < 3; ++frame)
        EXPECT_FALSE(guard.rebuild_after(VK_SUBOPTIMAL_KHR, size)) << "still suboptimal at the same size: kept";
    EXPECT_TRUE(guard.kept());
    EXPECT_TRUE(guard.rebuild_after(VK_SUBOPTIMAL_KHR, other)) << "a new size gets its rebuild";
    EXPECT_FALSE(guard.rebuild_after(VK_SUBOPTIMAL_KHR, other));
    EXPECT_TRUE(guard.rebuild_after(VK_ERROR_OUT_OF_DATE_KHR, other)) << "out of date always rebuilds";
    EXPECT_TRUE(guard.rebuild_after(VK_SUBOPTIMAL_KHR, other)) << "after another rebuild, SUBOPTIMAL gets its own";
    EXPECT_FALSE(guard.rebuild_after(VK_SUBOPTIMAL_KHR, other));
    guard.forget();  // the window was rebuilt for a new size and came back to this one
    EXPECT_TRUE(guard.rebuild_after(VK_SUBOPTIMAL_KHR, other));
}

}  // namespace
}  // namespace dermasim::app
