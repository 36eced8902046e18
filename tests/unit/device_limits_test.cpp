// Each device by its own rule (issue 13): valid roller lengths (1.3, 3.0 mm) were refused with the pen's rules,
// and the pen's 0 mm with the roller's.
#include <string>
#include <gtest/gtest.h>

#include "engine/core/error.hpp"
#include "engine/tools/stroke_script.hpp"

namespace dermasim {
namespace {

TEST(DeviceLimits, ARollerTakesItsOwnLengths) {
    for (double mm : {0.1, 0.2, 1.3, 2.75, 3.0}) EXPECT_NO_THROW(check_needle_setting(DeviceKind::Roller, mm, "r")) << mm;
    for (double mm : {0.0, 0.05, 3.01, -1.0}) EXPECT_THROW(check_needle_setting(DeviceKind::Roller, mm, "r"), Error) << mm;
}

TEST(DeviceLimits, APenTakesItsOwnDepths) {
    for (double mm : {0.0, 0.25, 1.5, 2.5}) EXPECT_NO_THROW(check_needle_setting(DeviceKind::Pen, mm, "p")) << mm;
    for (double mm : {2.75, 3.0, -0.25}) EXPECT_THROW(check_needle_setting(DeviceKind::Pen, mm, "p"), Error) << mm;
}

}  // namespace
}  // namespace dermasim
