// Device models through glTF files: round trip, bad files, and the committed assets against the device files.
#include <filesystem>
#include <string>
#include <gtest/gtest.h>
#include <glm/common.hpp>

#include "tests/common/source_catalog.hpp"
#include "engine/core/error.hpp"
#include "engine/io/gltf_mesh.hpp"
#include "tests/common/scratch_folder.hpp"

namespace dermasim {
namespace {

namespace fs = std::filesystem;

fs::path fixture(const char* name) { return fs::path(DERMASIM_TEST_DATA_DIR) / name; }

fs::path scratch_dir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    return test::scratch_folder(info->name());
}

struct Bounds {
    glm::vec3 lo{INFINITY}, hi{-INFINITY};
};

Bounds bounds(const Mesh& mesh) {
    Bounds b;
    for (glm::vec3 p : mesh.positions) b.lo = glm::min(b.lo, p), b.hi = glm::max(b.hi, p);
    return b;
}

// Same parts, same counts, same bounds, same materials.
void expect_same_model(const DeviceModel& loaded, const DeviceModel& built) {
    ASSERT_EQ(loaded.parts.size(), built.parts.size()) << loaded.source;
    for (const Part& want : built.parts) {
        const Part& got = loaded.part(want.name);
        EXPECT_EQ(got.mesh.positions.size(), want.mesh.positions.size()) << want.name;
        EXPECT_EQ(got.mesh.normals.size(), want.mesh.normals.size()) << want.name;
        EXPECT_EQ(got.mesh.indices, want.mesh.indices) << want.name;
        Bounds g = bounds(got.mesh), w = bounds(want.mesh);
        for (int k = 0; k < 3; ++k) {
            EXPECT_NEAR(g.lo[k], w.lo[k], 1e-5f) << want.name << " axis " << k;
            EXPECT_NEAR(g.hi[k], w.hi[k], 1e-5f) << want.name << " axis " << k;
        }
        for (int k = 0; k < 4; ++k) EXPECT_NEAR(got.material.base_color[k], want.material.base_color[k], 1e-6f);
        EXPECT_NEAR(got.material.metallic, want.material.metallic, 1e-6f) << want.name;
        EXPECT_NEAR(got.material.roughness, want.material.roughness, 1e-6f) << want.name;
    }
}

// Loading `file` throws an Error that names the file and contains `problem`.
void expect_load_error(const fs::path& file, const std::string& problem) {
    try {
        load_gltf(file, kRollerParts);
        FAIL() << file << " loaded";
    } catch (const Error& e) {
        std::string message = e.what();
        EXPECT_NE(message.find(file.filename().string()), std::string::npos) << message;
        EXPECT_NE(message.find(problem), std::string::npos) << message;
        EXPECT_EQ(message.find('\n'), std::string::npos) << message;
    }
}

TEST(GltfIo, RollerRoundTripKeepsPartsCountsAndBounds) {
    RollerSpec spec;
    DeviceModel built = build_roller_model(spec);
    fs::path file = scratch_dir() / "roller.gltf";
    write_gltf(built, file);
    DeviceModel loaded = load_roller_model(file, spec);
    expect_same_model(loaded, built);
}

TEST(GltfIo, PenRoundTripKeepsPartsCountsAndBounds) {
    PenSpec spec;
    spec.needle.length_mm = 2.0f;
    DeviceModel built = build_pen_model(spec);
    fs::path file = scratch_dir() / "pen.gltf";
    write_gltf(built, file);
    expect_same_model(load_pen_model(file, spec), built);
}

TEST(GltfIo, LoadingChecksNeedlesAgainstTheDescription) {
    RollerSpec drawn;
    drawn.needle.length_mm = 1.0f;
    fs::path file = scratch_dir() / "roller.gltf";
    write_gltf(build_roller_model(drawn), file);
    RollerSpec described;
    described.needle.length_mm = 1.5f;
    EXPECT_THROW(load_roller_model(file, described), Error);
    EXPECT_NO_THROW(load_roller_model(file, drawn));
}

TEST(GltfIo, MinimalFixtureLoads) {
    // Control for the bad-input fixtures below: the same file without its defect loads.
    DeviceModel model = load_gltf(fixture("gltf_minimal_roller.gltf"), kRollerParts);
    EXPECT_EQ(model.part("needles").mesh.positions.size(), 3u);
}

TEST(GltfIo, MissingFileIsAnError) { expect_load_error(fixture("gltf_no_such_model.gltf"), "not found"); }

TEST(GltfIo, NonJsonFileIsAnError) { expect_load_error(fixture("gltf_not_json.gltf"), "not a valid glTF file"); }

TEST(GltfIo, MissingPartIsAnError) { expect_load_error(fixture("gltf_missing_part.gltf"), "missing part \"needles\""); }

TEST(GltfIo, WrongAccessorTypeIsAnError) {
    expect_load_error(fixture("gltf_wrong_accessor_type.gltf"), "POSITION (accessor 0) is SCALAR float, expected VEC3 float");
}

TEST(GltfIo, IndexOutOfRangeIsAnError) {
    expect_load_error(fixture("gltf_index_out_of_range.gltf"), "index 2 = 7 is out of range (3 vertices)");
}

TEST(GltfIo, AccessorPastBufferIsAnError) {
    expect_load_error(fixture("gltf_accessor_past_buffer.gltf"), "reaches past the end of its buffer");
}

// Found by fuzz_glb (10 M campaign, 30 Nov 2026): tinygltf 2.7 called std::terminate on a buffer of byteLength 0.
TEST(GltfIo, ZeroLengthBufferIsAnErrorNotACrash) {
    expect_load_error(fixture("gltf_zero_length_buffer.glb"), "buffer 0 has byteLength 0 (glTF requires a number of at least 1)");
}

TEST(GltfIo, WriteDeviceModelsWritesBothModels) {
    fs::path dir = scratch_dir() / "models";
    write_device_models(dir, test::source_catalog().roller, test::source_catalog().pen);
    EXPECT_NO_THROW(load_roller_model(dir / "roller.gltf", test::source_catalog().roller));
    EXPECT_NO_THROW(load_pen_model(dir / "pen.gltf", test::source_catalog().pen));
}

// The committed models are what `dermasim make-models` produces from the committed device files; regenerate
// them with that command when a device file or the mesh code changes.
TEST(GltfIo, CommittedModelsMatchDeviceFiles) {
    RollerSpec roller = test::source_catalog().roller;
    PenSpec pen = test::source_catalog().pen;
    expect_same_model(load_roller_model(test::source_asset("models/roller.gltf"), roller), build_roller_model(roller));
    expect_same_model(load_pen_model(test::source_asset("models/pen.gltf"), pen), build_pen_model(pen));
}

}  // namespace
}  // namespace dermasim
