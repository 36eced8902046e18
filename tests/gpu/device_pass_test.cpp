// The roller and the pen drawn from their glTF models over the skin block, headless: goldens, and properties
// that hold whatever the goldens say (turning the drum moves only needles, moving or lifting a device moves its
// pixels the way the camera says, the pose conventions match the kinematics').
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <glm/geometric.hpp>
#include <glm/gtc/constants.hpp>

#include "tests/common/source_catalog.hpp"
#include "engine/core/error.hpp"
#include "engine/io/gltf_mesh.hpp"
#include "engine/render/device_pass.hpp"
#include "engine/render/offscreen.hpp"
#include "engine/skin/region_profile.hpp"
#include "tests/gpu/golden.hpp"
#include "tests/gpu/gpu_test.hpp"

namespace dermasim::test {
namespace {

constexpr VkExtent2D kSize{480, 270};

OrbitCamera camera_at(glm::vec3 target, float yaw_deg, float pitch_deg, float distance_mm) {
    OrbitCamera camera;
    camera.target = target;
    camera.yaw_deg = yaw_deg;
    camera.pitch_deg = pitch_deg;
    camera.distance_mm = distance_mm;
    return camera;
}

SkinView cheek_view(const OrbitCamera& camera, std::optional<DevicePose> device) {
    SkinView view;
    view.region = test::source_catalog().regions.find("cheek");
    view.annotations = false;  // only the scene: labels are tested elsewhere
    view.camera = camera;
    view.device = device;
    return view;
}

DevicePose roller_at(glm::vec3 position, float drum_angle_rad = 0.0f) {
    DevicePose pose;
    pose.kind = DevicePose::Roller;
    pose.position_mm = position;
    pose.drum_angle_rad = drum_angle_rad;
    return pose;
}

DevicePose pen_at(glm::vec3 position, float lift_mm) {
    DevicePose pose;
    pose.kind = DevicePose::Pen;
    pose.position_mm = position;
    pose.lift_mm = lift_mm;
    return pose;
}

// The roller sits on the block's back half, in front of the cut face (z = 0); seen from the front-left and
// above: the drum's rows of needles, the fork and axle, the grip rising away to the back.
const OrbitCamera kRollerCamera = camera_at({-2.0f, 9.0f, -6.0f}, -38.0f, 20.0f, 56.0f);
const glm::vec3 kRollerSpot{0.0f, 0.0f, -6.0f};

bool differs(const RgbaImage& a, const RgbaImage& b, size_t pixel, int tolerance) {
    for (int c = 0; c < 3; ++c)
        if (std::abs(int(a.pixels[pixel * 4 + c]) - int(b.pixels[pixel * 4 + c])) > tolerance) return true;
    return false;
}

// Pixels that differ between two renders: how many, their centroid and bounding box.
struct Changed {
    size_t count = 0;
    glm::vec2 centroid{0};
    glm::ivec2 min{INT32_MAX}, max{INT32_MIN};
};
Changed changed_pixels(const RgbaImage& a, const RgbaImage& b, int tolerance = 6) {
    Changed c;
    glm::dvec2 sum(0);
    for (uint32_t y = 0; y < a.height; ++y)
        for (uint32_t x = 0; x < a.width; ++x)
            if (differs(a, b, size_t(y) * a.width + x, tolerance)) {
                ++c.count;
                sum += glm::dvec2(x, y);
                c.min = glm::min(c.min, glm::ivec2(x, y));
                c.max = glm::max(c.max, glm::ivec2(x, y));
            }
    if (c.count) c.centroid = glm::vec2(sum / double(c.count));
    return c;
}

glm::vec2 to_screen(const SkinView& view, VkExtent2D size, glm::vec3 world) {
    glm::mat4 view_proj = view.camera.projection(float(size.width) / float(size.height)) * view.camera.view();
    glm::vec4 c = view_proj * glm::vec4(world, 1.0f);
    return {(c.x / c.w * 0.5f + 0.5f) * float(size.width), (c.y / c.w * 0.5f + 0.5f) * float(size.height)};
}

class DeviceRender : public GpuTest {};

TEST_F(DeviceRender, RollerOnCheekMatchesGolden) {
    DevicePose pose = roller_at(kRollerSpot, 0.3f);
    RgbaImage image = render_offscreen(gpu(), test::source_catalog(), cheek_view(kRollerCamera, pose), kSize);
    EXPECT_EQ(check_golden("roller_on_cheek", image), "");
}

TEST_F(DeviceRender, PenOnCheekMatchesGolden) {
    // Standing over the cut edge, cartridge 1.5 mm above the skin: the needle tips show below it.
    OrbitCamera camera = camera_at({2.0f, 9.0f, -3.0f}, -40.0f, 7.0f, 52.0f);
    RgbaImage image = render_offscreen(gpu(), test::source_catalog(), cheek_view(camera, pen_at({2.0f, 0.0f, -3.0f}, 1.5f)), kSize);
    EXPECT_EQ(check_golden("roller_pen_on_cheek", image), "");
}

TEST_F(DeviceRender, TurningTheDrumMovesOnlyItsNeedles) {
    // Half a needle spacing (8 per ring) and a whole number of the drum's 96 facets: the drum itself looks the
    // same, so whatever changes is needles, and nothing outside the drum (the handle stays still).
    OrbitCamera close = camera_at({0.0f, 6.0f, -6.0f}, -20.0f, 15.0f, 42.0f);
    SkinView a = cheek_view(close, roller_at(kRollerSpot, 0.0f));
    SkinView b = cheek_view(close, roller_at(kRollerSpot, glm::pi<float>() / 8.0f));
    Changed c = changed_pixels(render_offscreen(gpu(), test::source_catalog(), a, kSize), render_offscreen(gpu(), test::source_catalog(), b, kSize), 2);
    EXPECT_GT(c.count, 40u) << "the needles did not move";

    // Everything that changed lies within the drum's screen rectangle (needles included, so radius + length).
    auto model = load_roller_model(test::source_asset("models/roller.gltf"), test::source_catalog().roller);
    float reach = drum_radius_mm(model) + test::source_catalog().roller.needle.length_mm + 0.2f;
    float half = test::source_catalog().roller.drum_width_mm / 2;
    glm::vec3 axis = kRollerSpot + glm::vec3(0, drum_radius_mm(model), 0);
    glm::vec2 lo(1e9f), hi(-1e9f);
    for (float x : {-half, half})
        for (float y : {-reach, reach})
            for (float z : {-reach, reach}) {
                glm::vec2 s = to_screen(a, kSize, axis + glm::vec3(x, y, z));
                lo = glm::min(lo, s);
                hi = glm::max(hi, s);
            }
    EXPECT_GE(c.min.x, int(lo.x) - 1);
    EXPECT_GE(c.min.y, int(lo.y) - 1);
    EXPECT_LE(c.max.x, int(hi.x) + 1);
    EXPECT_LE(c.max.y, int(hi.y) + 1);
}

TEST_F(DeviceRender, MovingTheRollerMovesItsPixels) {
    // From far enough that the whole roller is in view, its pixels (where the image differs from the bare
    // block) shift on screen as the camera projects the move.
    OrbitCamera far = camera_at({0.0f, 30.0f, -30.0f}, -70.0f, 20.0f, 260.0f);
    RgbaImage bare = render_offscreen(gpu(), test::source_catalog(), cheek_view(far, std::nullopt), kSize);
    glm::vec3 from = kRollerSpot + glm::vec3(-4, 0, 0), to = kRollerSpot + glm::vec3(4, 0, 3);
    SkinView view_from = cheek_view(far, roller_at(from)), view_to = cheek_view(far, roller_at(to));
    Changed a = changed_pixels(bare, render_offscreen(gpu(), test::source_catalog(), view_from, kSize));
    Changed b = changed_pixels(bare, render_offscreen(gpu(), test::source_catalog(), view_to, kSize));
    ASSERT_GT(a.count, 200u);
    ASSERT_GT(b.count, 200u);
    EXPECT_NEAR(double(b.count) / double(a.count), 1.0, 0.2);  // same device, similar size

    glm::vec2 expected = to_screen(view_to, kSize, to) - to_screen(view_from, kSize, from);
    glm::vec2 measured = b.centroid - a.centroid;
    ASSERT_GT(glm::length(expected), 3.0f);
    EXPECT_GT(glm::dot(glm::normalize(measured), glm::normalize(expected)), 0.95f)
        << "moved (" << measured.x << ", " << measured.y << ") px, expected (" << expected.x << ", " << expected.y << ")";
    EXPECT_NEAR(glm::length(measured) / glm::length(expected), 1.0f, 0.25f);
}

TEST_F(DeviceRender, LiftingThePenRaisesItOnScreen) {
    OrbitCamera camera = camera_at({0.0f, 20.0f, -4.0f}, -40.0f, 10.0f, 120.0f);
    RgbaImage bare = render_offscreen(gpu(), test::source_catalog(), cheek_view(camera, std::nullopt), kSize);
    Changed down = changed_pixels(bare, render_offscreen(gpu(), test::source_catalog(), cheek_view(camera, pen_at({0, 0, -4}, 0.5f)), kSize));
    Changed up = changed_pixels(bare, render_offscreen(gpu(), test::source_catalog(), cheek_view(camera, pen_at({0, 0, -4}, 8.0f)), kSize));
    ASSERT_GT(down.count, 200u);
    EXPECT_LT(up.max.y, down.max.y - 5) << "the pen's lowest pixel did not rise";  // screen y points down
}

TEST_F(DeviceRender, AGhostedRollerLetsTheSkinUnderItShowAndKeepsItsNeedlesSolid) {
    // Seen from above, the drum covers part of the block: solid, those pixels are the drum's; ghosted, they
    // stay close to the bare skin, and the needles still stand out in full.
    OrbitCamera above = camera_at({0.0f, 0.0f, -6.0f}, -20.0f, 70.0f, 48.0f);
    RgbaImage bare = render_offscreen(gpu(), test::source_catalog(), cheek_view(above, std::nullopt), kSize);
    DevicePose solid = roller_at(kRollerSpot), ghost = solid;
    ghost.ghost = true;
    RgbaImage solid_image = render_offscreen(gpu(), test::source_catalog(), cheek_view(above, solid), kSize);
    RgbaImage ghost_image = render_offscreen(gpu(), test::source_catalog(), cheek_view(above, ghost), kSize);
    // Mean colour distance from the bare block over the pixels the solid roller covers.
    double solid_diff = 0, ghost_diff = 0;
    size_t covered = 0;
    for (size_t p = 0; p < size_t(kSize.width) * kSize.height; ++p) {
        if (!differs(bare, solid_image, p, 12)) continue;
        ++covered;
        for (int c = 0; c < 3; ++c) {
            solid_diff += std::abs(int(solid_image.pixels[p * 4 + c]) - int(bare.pixels[p * 4 + c]));
            ghost_diff += std::abs(int(ghost_image.pixels[p * 4 + c]) - int(bare.pixels[p * 4 + c]));
        }
    }
    ASSERT_GT(covered, 2000u) << "the roller should cover a good part of the view";
    EXPECT_LT(ghost_diff, 0.5 * solid_diff) << "ghosted, the skin under the roller should show through";
    // The needles are drawn solid either way: turning the drum changes the ghosted image as much as the solid.
    DevicePose turned = ghost;
    turned.drum_angle_rad = glm::pi<float>() / 8.0f;
    Changed needles = changed_pixels(ghost_image, render_offscreen(gpu(), test::source_catalog(), cheek_view(above, turned), kSize), 6);
    EXPECT_GT(needles.count, 40u) << "the ghosted roller's needles do not show";
}

TEST_F(DeviceRender, NonFinitePoseIsAnError) {
    DevicePose pose = roller_at(kRollerSpot, std::nanf(""));
    EXPECT_THROW(render_offscreen(gpu(), test::source_catalog(), cheek_view(kRollerCamera, pose), kSize), Error);
}

// Pose conventions, on the CPU: they must agree with the kinematics (what is drawn is what punctures).
TEST(DevicePose, TheMountAtMinusDrumAnglePointsStraightDown) {
    // RollerKinematics: a needle mounted at angle a points straight down when a + drum_angle = 0 (mod 2 pi).
    for (float drum_angle : {0.0f, 0.4f, 2.0f, -1.3f}) {
        glm::mat4 m = device_part_matrix(roller_at({0, 0, 0}, drum_angle), "needles", 10.0f);
        glm::vec3 d = glm::vec3(m * glm::vec4(roller_needle_direction(-drum_angle), 0.0f));
        EXPECT_NEAR(d.y, -1.0f, 1e-5f) << "drum angle " << drum_angle;
    }
}

TEST(DevicePose, RollerRestsOnTheSkinAndOnlyTheDrumTurns) {
    DevicePose pose = roller_at({3, 0, -2}, 1.0f);
    pose.heading_rad = 0.7f;
    glm::mat4 drum = device_part_matrix(pose, "drum", 10.0f), handle = device_part_matrix(pose, "handle", 10.0f);
    EXPECT_NEAR(glm::length(glm::vec3(drum[3]) - glm::vec3(3, 10, -2)), 0.0f, 1e-5f);  // axis over the spot
    // Heading turns forward (+z) about +y; the handle ignores the drum angle.
    glm::vec3 forward = glm::vec3(handle * glm::vec4(0, 0, 1, 0));
    EXPECT_NEAR(glm::length(forward - glm::vec3(std::sin(0.7f), 0, std::cos(0.7f))), 0.0f, 1e-5f);
    pose.drum_angle_rad = 2.5f;
    EXPECT_EQ(device_part_matrix(pose, "handle", 10.0f), handle);
}

TEST(DevicePose, PenStandsOnItsNeedles) {
    glm::mat4 m = device_part_matrix(pen_at({1, 0, 2}, 1.5f), "needles", 0.0f);
    glm::vec3 tip = glm::vec3(m * glm::vec4(0, 0, -0.5f, 1));  // a 0.5 mm needle on the cartridge axis
    EXPECT_NEAR(glm::length(tip - glm::vec3(1, 1.0f, 2)), 0.0f, 1e-5f);
    glm::vec3 body = glm::vec3(m * glm::vec4(0, 0, 1, 0));
    EXPECT_NEAR(body.y, 1.0f, 1e-5f);
}

TEST(DevicePose, PatchCoordinatesMapOntoTheBlock) {
    // The kinematics' patch (0..20 mm) is the block (-10..10); their heading is the roller's forward direction.
    glm::vec2 heading = glm::normalize(glm::vec2(1.0f, -2.0f));
    DevicePose pose = device_pose_on_patch(DevicePose::Roller, {15.0f, 4.0f}, heading, 0.3f);
    EXPECT_NEAR(glm::length(pose.position_mm - glm::vec3(5, 0, -6)), 0.0f, 1e-5f);
    glm::vec3 forward = glm::vec3(device_part_matrix(pose, "handle", 10.0f) * glm::vec4(0, 0, 1, 0));
    EXPECT_NEAR(glm::length(forward - glm::vec3(heading.x, 0, heading.y)), 0.0f, 1e-5f);
    EXPECT_THROW(device_pose_on_patch(DevicePose::Pen, {std::nanf(""), 1.0f}, {0, 1}), Error);
}

TEST(DevicePose, NonFiniteNumbersAreRejected) {
    DevicePose pose = roller_at({0, 0, 0});
    EXPECT_NO_THROW(check_device_pose(pose));
    pose.position_mm.x = INFINITY;
    EXPECT_THROW(check_device_pose(pose), Error);
    pose = roller_at({0, 0, 0});
    pose.lift_mm = std::nanf("");
    EXPECT_THROW(check_device_pose(pose), Error);
}

}  // namespace
}  // namespace dermasim::test
