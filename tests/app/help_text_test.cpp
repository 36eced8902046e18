// The --help texts name what the shipped tables hold: a region added to regions.json was once missing from
// `render --help`, which kept a list of its own.
#include <gtest/gtest.h>

#include <string>

#include "app/commands.hpp"
#include "app_test_support.hpp"

namespace dermasim::test {
namespace {

TEST(HelpText, TheViewFlagsNameEveryShippedRegion) {
    const std::string help = app::kViewFlagsHelp;
    for (const RegionProfile& region : catalog().regions.regions())
        EXPECT_NE(help.find(" " + region.id), std::string::npos) << region.id << " is not in the help text";
}

}  // namespace
}  // namespace dermasim::test
