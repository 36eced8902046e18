// The window's time-lapse (app/healing_player): which snapshots of the healing tissue it keeps.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "app/healing_player.hpp"
#include "app_test_support.hpp"

namespace dermasim::test {
namespace {

// The player keeps a snapshot every 3 h on day 0, every 12 h in the first week, every 3 days to day 28, then
// every two weeks, and no others: the timeline reads back only the states it keeps (on the GPU each is a read of
// the whole volume). At every 3 h sample, the snapshot shown must be the latest kept day at or before it.
TEST(HealingPlayer, KeepsSnapshotsOnItsThinningScheduleOnly) {
    PunctureList punctures(1);
    punctures[0].surface_mm = {10.0f, 10.0f};
    punctures[0].depth_mm = 0.5f;
    punctures[0].radius_mm = 0.05f;
    app::HealingPlayer player(catalog());  // no GPU: the CPU twins
    const double days = 11.0;
    player.start(catalog().regions.find("cheek"), punctures, days, false, "");
    player.wait_until(days);
    std::string why;
    ASSERT_FALSE(player.failed(&why)) << why;
    ASSERT_TRUE(player.metrics());

    std::vector<double> schedule;
    for (int i = 0; i <= 8; ++i) schedule.push_back(0.125 * i);   // day 0, every 3 h
    for (int i = 1; i <= 12; ++i) schedule.push_back(1.0 + 0.5 * i);  // to day 7, every 12 h
    schedule.push_back(10.0);                                      // then every 3 days
    for (int i = 0; i <= int(days * 8); ++i) {
        const double day = 0.125 * i;
        double expected = 0;
        for (double kept : schedule)
            if (kept <= day + 1e-9) expected = kept;
        auto shown = player.snapshot_at(day);
        ASSERT_TRUE(shown) << "day " << day;
        EXPECT_NEAR(shown->time_s / 86400.0, expected, 1e-6) << "day " << day;
    }
}

}  // namespace
}  // namespace dermasim::test
