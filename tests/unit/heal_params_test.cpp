// The parameter file (assets/heal_params.json): every entry sourced or marked estimated, units converted,
// bad input rejected with a message naming the entry.
#include <gtest/gtest.h>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include "tests/common/source_catalog.hpp"
#include "engine/core/error.hpp"
#include "engine/sim/heal_params.hpp"
#include "tests/common/scratch_folder.hpp"

namespace dermasim {
namespace {

TEST(HealParams, EveryEntryHasUnitAndSourceOrIsMarkedEstimated) {
    const HealParameters p = test::source_catalog().heal;
    EXPECT_GE(p.entries.size(), 40u);
    for (const auto& [name, e] : p.entries) {
        EXPECT_FALSE(e.unit.empty()) << name;
        if (e.estimated) {
            EXPECT_NE(e.source.find("estimated"), std::string::npos) << name << ": give the reason";
        }
    }
    // Sourced values from REFERENCE.md §5 are not estimates.
    EXPECT_FALSE(p.entries.at("signal_decay").estimated);
    EXPECT_FALSE(p.entries.at("fibroblast_proliferation").estimated);
}

TEST(HealParams, UnitsAreConvertedToSecondsAndMillimetres) {
    const HealParameters p = test::source_catalog().heal;
    EXPECT_NEAR(p.kernel.signal_decay, 15.0 / 86400.0, 1e-9) << "Jin 2011: 15/day";
    EXPECT_NEAR(p.kernel.signal_diffusivity, 1.59e-4, 1e-9) << "Nauman 2007: 1.59e-6 cm^2/s";
    EXPECT_NEAR(p.kernel.fibroblast_proliferation, 0.924 / 86400.0, 1e-10);
    EXPECT_EQ(p.kernel.occluded, 0.0f);
}

std::filesystem::path write_variant(const std::string& name, const std::function<void(nlohmann::json&)>& edit) {
    std::ifstream in(test::source_asset("heal_params.json"));
    nlohmann::json j = nlohmann::json::parse(in);
    edit(j);
    const auto path = test::scratch_root() / ("heal_params_" + name + ".json");
    std::ofstream(path) << j.dump();
    return path;
}

void expect_error_naming(const std::filesystem::path& file, const std::string& what) {
    try {
        load_heal_parameters(file);
        FAIL() << "no error for " << what;
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find(what), std::string::npos) << e.what();
    }
}

TEST(HealParams, BadEntriesAreRejectedByName) {
    expect_error_naming(write_variant("unit", [](auto& j) { j["signal_decay"]["unit"] = "1/week"; }), "signal_decay");
    expect_error_naming(write_variant("missing", [](auto& j) { j.erase("close_rate"); }), "close_rate");
    expect_error_naming(write_variant("negative", [](auto& j) { j["blood_clear_rate"]["value"] = -1; }),
                        "blood_clear_rate");
    expect_error_naming(write_variant("nosource", [](auto& j) { j["elastin_turnover"].erase("source"); }),
                        "elastin_turnover");
    expect_error_naming(write_variant("zero", [](auto& j) { j["injury_reference"]["value"] = 0; }),
                        "injury_reference");
    expect_error_naming(test::scratch_root() / "no_such_heal_params.json", "cannot open");
}

}  // namespace
}  // namespace dermasim
