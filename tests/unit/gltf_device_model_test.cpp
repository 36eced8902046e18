// The device meshes built from their descriptions: needles where needle_mounts() puts them, parts that can spin
// without colliding, outward-facing triangles.
#include <cmath>
#include <limits>
#include <gtest/gtest.h>
#include <glm/geometric.hpp>

#include "engine/core/error.hpp"
#include "engine/io/device_model.hpp"

namespace dermasim {
namespace {

float distance_from_drum_axis(glm::vec3 p) { return std::hypot(p.y, p.z); }

// Nearest vertex of a mesh to a point.
float nearest_vertex(const Mesh& mesh, glm::vec3 point) {
    float best = std::numeric_limits<float>::infinity();
    for (glm::vec3 p : mesh.positions) best = std::min(best, glm::length(p - point));
    return best;
}

// Every triangle's winding agrees with its vertex normals, i.e. faces point out, and normals are unit length.
void expect_outward_unit_normals(const DeviceModel& model) {
    for (const Part& part : model.parts) {
        const Mesh& m = part.mesh;
        ASSERT_EQ(m.normals.size(), m.positions.size()) << part.name;
        ASSERT_EQ(m.indices.size() % 3, 0u) << part.name;
        for (glm::vec3 n : m.normals) ASSERT_NEAR(glm::length(n), 1.0f, 1e-4f) << part.name;
        for (std::size_t t = 0; t < m.indices.size(); t += 3) {
            glm::vec3 a = m.positions[m.indices[t]], b = m.positions[m.indices[t + 1]], c = m.positions[m.indices[t + 2]];
            glm::vec3 face = glm::cross(b - a, c - a);
            glm::vec3 shading = m.normals[m.indices[t]] + m.normals[m.indices[t + 1]] + m.normals[m.indices[t + 2]];
            ASSERT_GT(glm::dot(face, shading), 0.0f) << part.name << " triangle " << t / 3 << " faces inward";
        }
    }
}

TEST(GltfDeviceModel, RollerHasDrumNeedlesHandle) {
    DeviceModel model = build_roller_model(RollerSpec{});
    for (std::string_view name : kRollerParts) EXPECT_FALSE(model.part(name).mesh.indices.empty()) << name;
    EXPECT_EQ(model.part("needles").material.metallic, 1.0f);
    EXPECT_THROW(model.part("cartridge"), Error);
}

TEST(GltfDeviceModel, RollerNeedleTipsAtMountsAtNominalLength) {
    RollerSpec spec;
    spec.needle.length_mm = 1.5f;
    DeviceModel model = build_roller_model(spec);
    const Mesh& needles = model.part("needles").mesh;
    std::vector<NeedleMount> mounts = spec.needle_mounts();
    ASSERT_EQ(mounts.size(), 192u);
    float reach = spec.drum_diameter_mm / 2 + spec.needle.length_mm;
    for (std::size_t i = 0; i < mounts.size(); ++i) {
        // Angle 0 points down (-y), positive angles turn about +x (see device_model.hpp).
        glm::vec3 tip(mounts[i].axial_mm, -reach * std::cos(mounts[i].angle_rad),
                      -reach * std::sin(mounts[i].angle_rad));
        EXPECT_LT(nearest_vertex(needles, tip), 1e-4f) << "needle " << i;
    }
    // Nothing of the needles reaches beyond the nominal length.
    for (glm::vec3 p : needles.positions) EXPECT_LE(distance_from_drum_axis(p), reach + 1e-4f);
    EXPECT_NO_THROW(verify_needles(model, spec));
}

TEST(GltfDeviceModel, DrumAndNeedlesSpinClearOfHandle) {
    RollerSpec spec;
    spec.needle.length_mm = 3.0f;  // the longest needles a roller carries (REFERENCE.md section 2)
    DeviceModel model = build_roller_model(spec);
    float radius = spec.drum_diameter_mm / 2;
    for (glm::vec3 p : model.part("drum").mesh.positions) {
        EXPECT_LE(distance_from_drum_axis(p), radius + 1e-4f);
        EXPECT_LE(std::abs(p.x), spec.drum_width_mm / 2 + 1e-4f);
    }
    // Over the drum's width the handle is either the axle inside the drum or beyond the needle tips.
    for (glm::vec3 p : model.part("handle").mesh.positions) {
        if (std::abs(p.x) > spec.drum_width_mm / 2) continue;
        float r = distance_from_drum_axis(p);
        EXPECT_TRUE(r < radius / 2 || r > radius + spec.needle.length_mm) << "handle vertex at radius " << r;
    }
}

TEST(GltfDeviceModel, HandleRisesUpAndBackToItsLength) {
    RollerSpec spec;
    DeviceModel model = build_roller_model(spec);
    glm::vec3 far(0);
    for (glm::vec3 p : model.part("handle").mesh.positions)
        if (glm::length(p) > glm::length(far)) far = p;
    EXPECT_GT(far.y, 0.0f);
    EXPECT_LT(far.z, 0.0f);
    EXPECT_NEAR(glm::length(far), spec.handle_length_mm, 10.0f);  // grip end, within the grip's radius
}

TEST(GltfDeviceModel, PenNeedlesPointDownFromCartridgeFace) {
    PenSpec spec;
    spec.needle.length_mm = 1.25f;
    DeviceModel model = build_pen_model(spec);
    const Mesh& needles = model.part("needles").mesh;
    std::vector<NeedleMount> mounts = spec.needle_mounts();
    ASSERT_EQ(mounts.size(), 12u);
    for (std::size_t i = 0; i < mounts.size(); ++i)
        EXPECT_LT(nearest_vertex(needles, {mounts[i].axial_mm, mounts[i].lateral_mm, -1.25f}), 1e-5f) << i;
    for (glm::vec3 p : needles.positions) {
        EXPECT_LE(p.z, 1e-5f);
        EXPECT_GE(p.z, -1.25f - 1e-5f);
    }
    float body_min = INFINITY, body_max = -INFINITY, cartridge_min = INFINITY;
    for (glm::vec3 p : model.part("body").mesh.positions) body_min = std::min(body_min, p.z), body_max = std::max(body_max, p.z);
    for (glm::vec3 p : model.part("cartridge").mesh.positions) cartridge_min = std::min(cartridge_min, p.z);
    EXPECT_FLOAT_EQ(cartridge_min, 0.0f);
    EXPECT_GT(body_min, 0.0f);
    EXPECT_FLOAT_EQ(body_max, spec.body_length_mm);
    EXPECT_NO_THROW(verify_needles(model, spec));
}

TEST(GltfDeviceModel, TrianglesFaceOutward) {
    expect_outward_unit_normals(build_roller_model(RollerSpec{}));
    expect_outward_unit_normals(build_pen_model(PenSpec{}));
}

TEST(GltfDeviceModel, VerifyRejectsModelOfAnotherNeedleLength) {
    RollerSpec drawn, described;
    drawn.needle.length_mm = 1.0f;
    described.needle.length_mm = 0.5f;
    try {
        verify_needles(build_roller_model(drawn), described);
        FAIL() << "a 1.0 mm model passed for a 0.5 mm roller";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("has its tip at"), std::string::npos) << e.what();
    }
    try {
        verify_needles(build_roller_model(described), drawn);
        FAIL() << "a 0.5 mm model passed for a 1.0 mm roller";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("has its tip at"), std::string::npos) << e.what();
    }
}

TEST(GltfDeviceModel, VerifyRejectsMovedOrExtraNeedles) {
    RollerSpec spec;
    DeviceModel moved = build_roller_model(spec);
    Mesh& needles = moved.parts[1].mesh;
    ASSERT_EQ(moved.parts[1].name, "needles");
    for (std::size_t i = 0; i < 16; ++i) needles.positions[i].x += 0.2f;  // first needle slid along the axis
    EXPECT_THROW(verify_needles(moved, spec), Error);

    // A model with one needle more than the description: the extra needle's vertices lie on no described needle.
    std::vector<NeedleAxis> all_but_last = needle_axes(spec);
    all_but_last.pop_back();
    try {
        verify_needles(build_roller_model(spec), all_but_last, spec.needle.base_diameter_mm);
        FAIL() << "an extra needle passed";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("lies on no needle"), std::string::npos) << e.what();
    }

    PenSpec pen;
    PenSpec nine = pen;
    nine.needle_count = 9;
    EXPECT_THROW(verify_needles(build_pen_model(pen), nine), Error);
}

TEST(GltfDeviceModel, RejectsUnbuildableSpecs) {
    RollerSpec roller;
    roller.needle.length_mm = std::numeric_limits<float>::quiet_NaN();
    EXPECT_THROW(build_roller_model(roller), Error);
    roller = RollerSpec{};
    roller.handle_length_mm = 5;
    EXPECT_THROW(build_roller_model(roller), Error);
    PenSpec pen;
    pen.cartridge_diameter_mm = -1;
    EXPECT_THROW(build_pen_model(pen), Error);
}

}  // namespace
}  // namespace dermasim
