// What the recommended needle lengths reach in each face region: the depth model (engine/tools/needle_depth.*)
// over the region table (assets/regions.json). Both were chosen with these charts in view (docs/REGIONS.md: the
// face dermis became the mean of two HFUS studies because Meng's alone sent 1.5 mm channels into fat; the
// roller's penetration, midway between Kalluri 2011 and Donnelly, is an estimate), so this guards that fit: it is
// not evidence that the depth model is right.
// Source of the recommendations: REFERENCE.md §2, "Needle length by indication and region" (manufacturer charts,
// vendor; the bracketed upper values are "thick skin" / deeper work), Harris 2015 and Lotfi 2013 (1.5 mm scars).
#include <gtest/gtest.h>

#include <cstdio>
#include "engine/tools/needle_depth.hpp"
#include "engine/tools/puncture_stats.hpp"
#include "tests/common/source_catalog.hpp"

using namespace dermasim;

namespace {

const RegionProfile& region(const char* id) { return test::source_catalog().regions.find(id); }

// The deepest a channel of this needle goes at this pressure (mean depth plus the per-needle spread).
double deepest_mm(DeviceKind device, const char* id, float needle_mm, float pressure = 0.5f) {
    NeedleSpec n;
    n.length_mm = needle_mm;
    return NeedleDepthModel(device, n, region(id)).mean_depth_mm(pressure) * (1.0 + kDepthSpread);
}
double mean_mm(DeviceKind device, const char* id, float needle_mm, float pressure = 0.5f) {
    NeedleSpec n;
    n.length_mm = needle_mm;
    return NeedleDepthModel(device, n, region(id)).mean_depth_mm(pressure);
}
double fat_top_mm(const char* id) { return region(id).top_of_mm(Layer::Hypodermis); }

struct Chart {
    const char* region;
    float typical_mm;  // the chart's first value
    float most_mm;     // the chart's upper (bracketed) value
};
// forehead 0.25-0.5 (thick skin 0.5-0.75); nose 0.25 (0.5); periorbital 0.25 (0.25-0.5); upper lip 0.25
// (0.25-0.75); cheekbones 0.5 (0.5-1.0); acne scars on the cheek 1.5 mm (Harris 2015 median, Lotfi 2013).
const Chart kCharts[] = {{"forehead", 0.5f, 0.75f}, {"nose", 0.25f, 0.5f},  {"periorbital", 0.25f, 0.5f},
                         {"perioral", 0.25f, 0.75f}, {"cheek", 0.5f, 1.5f}};

}  // namespace

TEST(DepthLayers, RecommendedLengthsStayInTheDermis_ManufacturerCharts_Harris2015_Lotfi2013) {
    for (DeviceKind device : {DeviceKind::Roller, DeviceKind::Pen})
        for (const Chart& c : kCharts) {
            SCOPED_TRACE(std::string(device_key(device)) + " " + c.region);
            // The typical length passes the epidermis (it is meant to reach the dermis).
            EXPECT_GT(mean_mm(device, c.region, c.typical_mm), region(c.region).top_of_mm(Layer::PapillaryDermis));
            // Even the chart's upper length, with every needle's spread, ends above the fat.
            EXPECT_LT(deepest_mm(device, c.region, c.most_mm), fat_top_mm(c.region));
        }
}

// REFERENCE.md §6: tram-track scarring from excess pressure or depth; thin skin over bone. Excessive lengths or
// firm pressure do reach fat.
TEST(DepthLayers, ExcessiveLengthsOrPressureReachFat_Reference6) {
    EXPECT_GT(deepest_mm(DeviceKind::Roller, "periorbital", 1.5f), fat_top_mm("periorbital"));  // chart: 0.25-0.5
    EXPECT_GT(deepest_mm(DeviceKind::Pen, "forehead", 2.0f), fat_top_mm("forehead"));          // chart: <= 0.75
    EXPECT_GT(deepest_mm(DeviceKind::Roller, "cheek", 2.5f, 1.0f), fat_top_mm("cheek"));       // firm, 2.5 mm
    // ... while 2 mm at normal pressure on the forehead and neck stays in the dermis (issue 9).
    EXPECT_LT(deepest_mm(DeviceKind::Roller, "forehead", 2.0f), fat_top_mm("forehead"));
    EXPECT_LT(deepest_mm(DeviceKind::Roller, "neck", 2.0f), fat_top_mm("neck"));
}

// The table docs/MODEL.md ("Depth") quotes: the layer the mean channel reaches, roller and pen, normal pressure.
TEST(DepthLayers, PrintsTheLayerEachLengthReaches) {
    for (const char* id : {"forehead", "periorbital", "nose", "cheek", "temple", "perioral", "neck"}) {
        std::string row = std::string("| ") + id + " |";
        for (DeviceKind device : {DeviceKind::Roller, DeviceKind::Pen})
            for (float len : {0.25f, 0.5f, 1.0f, 1.5f, 2.0f}) {
                const double mean = mean_mm(device, id, len), deepest = deepest_mm(device, id, len);
                const Layer at = deepest_layer_reached(region(id), mean);
                const bool fat = deepest > fat_top_mm(id);
                char cell[64];
                std::snprintf(cell, sizeof cell, " %.2f %s%s |", mean, std::string(kLayerKeys[int(at)]).substr(0, 4).c_str(),
                              fat && at != Layer::Hypodermis ? "*" : "");
                row += cell;
            }
        std::printf("%s\n", row.c_str());
        EXPECT_GT(mean_mm(DeviceKind::Pen, id, 1.0f), mean_mm(DeviceKind::Roller, id, 1.0f));
    }
}
