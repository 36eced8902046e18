// The window's renderer draws in its swapchain's colour order (B8G8R8A8 on X11), headless runs in R8G8B8A8: both
// must give the same picture, byte for byte, from every pass (block, device, magnified cut, annotations, panels).
#include <gtest/gtest.h>

#include <imgui.h>

#include "engine/render/device_pass.hpp"
#include "engine/render/offscreen.hpp"
#include "tests/common/source_catalog.hpp"
#include "tests/gpu/golden.hpp"
#include "tests/gpu/gpu_test.hpp"

namespace dermasim::test {
namespace {

constexpr VkExtent2D kSize{480, 270};

RgbaImage draw(VkFormat format, const SkinView& view) {
    OffscreenRenderer renderer(gpu(), source_catalog(), kSize, format);
    return renderer.render_frame([&]() -> const SkinView& {
        ImGui::SetNextWindowPos(ImVec2(8, 8));
        ImGui::Begin("Panel", nullptr, ImGuiWindowFlags_AlwaysAutoResize);
        ImGui::TextColored(ImVec4(1.0f, 0.4f, 0.1f, 1.0f), "orange text on a panel");
        ImGui::Button("A button");
        ImGui::End();
        return view;
    });
}

class FrameFormat : public GpuTest {};

TEST_F(FrameFormat, BlueGreenRedOrderDrawsTheSamePictureAsRedGreenBlue) {
    SkinView view;
    view.region = source_catalog().regions.find("cheek");
    view.camera = view.default_camera();
    view.annotations = true;
    view.device = device_pose_on_patch(DevicePose::Roller, {10.0f, 8.0f}, {0.0f, 1.0f}, 0.3f, 0.0f);
    view.device->ghost = true;
    view.micro = MicroView{{10.0f, 10.0f}, 1.5f, glm::vec4(0.6f, 0.05f, 0.38f, 0.4f)};

    const RgbaImage rgba = draw(VK_FORMAT_R8G8B8A8_UNORM, view);
    const RgbaImage bgra = draw(VK_FORMAT_B8G8R8A8_UNORM, view);
    ASSERT_EQ(rgba.width, bgra.width);
    ASSERT_EQ(rgba.height, bgra.height);
    const ImageDiff diff = compare_images(rgba, bgra, 0);
    EXPECT_EQ(diff.fraction_off, 0.0) << "max delta " << diff.max_delta;
    // Not trivially equal: a picture whose red and blue differ somewhere (the skin, the orange text).
    size_t unequal_red_blue = 0;
    for (size_t i = 0; i < rgba.pixels.size(); i += 4) unequal_red_blue += rgba.pixels[i] != rgba.pixels[i + 2];
    EXPECT_GT(unequal_red_blue, rgba.pixels.size() / 4 / 10);
}

}  // namespace
}  // namespace dermasim::test
