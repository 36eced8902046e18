// Two renderers at once: each owns its ImGui context (fonts, draw lists, the Vulkan backend's data), so making,
// using and destroying one never disturbs the other, and neither leaves its context current behind it.
#include <gtest/gtest.h>
#include <imgui.h>

#include <optional>

#include "engine/render/offscreen.hpp"
#include "engine/render/ui_context.hpp"
#include "tests/common/source_catalog.hpp"
#include "tests/gpu/golden.hpp"
#include "tests/gpu/gpu_test.hpp"

namespace dermasim::test {
namespace {

constexpr VkExtent2D kSizeA{320, 180}, kSizeB{200, 240};

// Annotations on: the ruler and labels are ImGui draw lists, so the images show whose context drew them.
SkinView view_a() {
    SkinView view;
    view.region = source_catalog().regions.find("cheek");
    view.camera = view.default_camera();
    return view;
}

SkinView view_b() {
    SkinView view;
    view.region = source_catalog().regions.find("abdomen");
    view.look = Look::Histology;
    view.cut = 0.3f;
    view.camera = view.default_camera();
    view.camera.yaw_deg += 40.0f;
    return view;
}

void expect_same(const RgbaImage& actual, const RgbaImage& expected, const char* what) {
    ASSERT_EQ(actual.width, expected.width) << what;
    ASSERT_EQ(actual.height, expected.height) << what;
    EXPECT_TRUE(actual.pixels == expected.pixels)
        << what << ": " << compare_images(actual, expected, 0).fraction_off * 100 << " % of pixels differ";
}

class RendererIsolation : public GpuTest {};

TEST_F(RendererIsolation, ASecondRendererComingAndGoingLeavesTheFirstAsItWas) {
    OffscreenRenderer a(gpu(), source_catalog(), kSizeA);
    const RgbaImage first = a.render(view_a());
    {
        OffscreenRenderer b(gpu(), source_catalog(), kSizeB);
        const RgbaImage from_b = b.render(view_b());
        EXPECT_EQ(from_b.width, kSizeB.width);
        EXPECT_EQ(from_b.height, kSizeB.height);
    }
    expect_same(a.render(view_a()), first, "A after B was made, used and destroyed");
    EXPECT_EQ(ImGui::GetCurrentContext(), nullptr) << "a renderer left its ImGui context current";
}

TEST_F(RendererIsolation, InterleavedRenderersDrawWhatEachDrawsAlone) {
    const RgbaImage alone_a = render_offscreen(gpu(), source_catalog(), view_a(), kSizeA);
    const RgbaImage alone_b = render_offscreen(gpu(), source_catalog(), view_b(), kSizeB);

    // A foreign context is current throughout, as the window's is while it builds a frame: the renderers must
    // use their own and put this one back.
    UiContext window_like;
    UiContext::Activate current(window_like);
    OffscreenRenderer a(gpu(), source_catalog(), kSizeA);
    OffscreenRenderer b(gpu(), source_catalog(), kSizeB);
    for (int round = 0; round < 2; ++round) {
        expect_same(a.render(view_a()), alone_a, "A interleaved with B");
        expect_same(b.render(view_b()), alone_b, "B interleaved with A");
        EXPECT_EQ(ImGui::GetCurrentContext(), window_like.get()) << "the caller's ImGui context was not restored";
    }
}

}  // namespace
}  // namespace dermasim::test
