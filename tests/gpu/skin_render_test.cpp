// The skin block as rendered headless: goldens for both looks, and properties that must hold whatever the
// goldens say (the looks differ, the cut moves, the layers follow the region's thicknesses).
#include <gtest/gtest.h>

#include "engine/core/error.hpp"
#include "engine/render/offscreen.hpp"
#include "engine/render/skin_block_pass.hpp"
#include "engine/skin/region_profile.hpp"
#include "tests/gpu/golden.hpp"
#include "tests/gpu/gpu_test.hpp"
#include "tests/common/source_catalog.hpp"

namespace dermasim::test {
namespace {

constexpr VkExtent2D kSize{400, 225};

SkinView view_of(const std::string& region, Look look, float cut = 0.5f, bool annotations = true) {
    SkinView view;
    view.region = test::source_catalog().regions.find(region);
    view.look = look;
    view.cut = cut;
    view.annotations = annotations;
    view.camera = view.default_camera();
    return view;
}

// Mean colour of a small window around a pixel.
glm::vec3 mean_rgb(const RgbaImage& img, int cx, int cy, int r = 2) {
    glm::vec3 sum(0);
    int n = 0;
    for (int y = cy - r; y <= cy + r; ++y)
        for (int x = cx - r; x <= cx + r; ++x) {
            const uint8_t* p = &img.pixels[(size_t(y) * img.width + x) * 4];
            sum += glm::vec3(p[0], p[1], p[2]);
            ++n;
        }
    return sum / float(n);
}

class SkinRender : public GpuTest {};

TEST_F(SkinRender, CheekIllustratedMatchesGolden) {
    RgbaImage image = render_offscreen(gpu(), test::source_catalog(), view_of("cheek", Look::Illustrated), kSize);
    EXPECT_EQ(check_golden("cheek_illustrated", image), "");
}

TEST_F(SkinRender, CheekHistologyMatchesGolden) {
    RgbaImage image = render_offscreen(gpu(), test::source_catalog(), view_of("cheek", Look::Histology), kSize);
    EXPECT_EQ(check_golden("cheek_histology", image), "");
}

TEST_F(SkinRender, AbdomenFullBlockMatchesGolden) {
    RgbaImage image = render_offscreen(gpu(), test::source_catalog(), view_of("abdomen", Look::Illustrated, 0.0f), kSize);
    EXPECT_EQ(check_golden("abdomen_full_block", image), "");
}

TEST_F(SkinRender, HistologyLooksDifferentFromIllustrated) {
    RgbaImage a = render_offscreen(gpu(), test::source_catalog(), view_of("cheek", Look::Illustrated, 0.5f, false), kSize);
    RgbaImage b = render_offscreen(gpu(), test::source_catalog(), view_of("cheek", Look::Histology, 0.5f, false), kSize);
    EXPECT_GT(compare_images(a, b).fraction_off, 0.2);
}

TEST_F(SkinRender, MovingTheCutChangesTheImage) {
    RgbaImage a = render_offscreen(gpu(), test::source_catalog(), view_of("cheek", Look::Illustrated, 0.2f, false), kSize);
    RgbaImage b = render_offscreen(gpu(), test::source_catalog(), view_of("cheek", Look::Illustrated, 0.8f, false), kSize);
    EXPECT_GT(compare_images(a, b).fraction_off, 0.05);
}

TEST_F(SkinRender, CutFaceShowsDermisOverFatAtTheRegionsDepths) {
    // Probe down the cut face below the image centre: reticular dermis (pink-red: R well above B) above,
    // fat (yellow: G above B) below, with the boundary where the region table puts it.
    SkinView view = view_of("forehead", Look::Illustrated, 0.5f, false);
    VkExtent2D size{480, 270};
    RgbaImage image = render_offscreen(gpu(), test::source_catalog(), view, size);
    SceneUniforms u = SkinBlockPass::uniforms_for(view, size);
    auto screen = [&](glm::vec3 p) {
        glm::vec4 c = u.view_proj * glm::vec4(p, 1.0f);
        return glm::ivec2(int((c.x / c.w * 0.5f + 0.5f) * size.width), int((c.y / c.w * 0.5f + 0.5f) * size.height));
    };
    const RegionProfile& r = view.region;
    float x = -0.3f * view.width_mm, z = view.cut_z_mm();
    float reticular_mid = -0.5f * float(r.top_of_mm(Layer::ReticularDermis) + r.bottom_of_mm(Layer::ReticularDermis));
    float fat = -float(r.bottom_of_mm(Layer::ReticularDermis)) - 0.5f;
    glm::ivec2 pd = screen({x, reticular_mid, z}), pf = screen({x, fat, z});
    glm::vec3 dermis = mean_rgb(image, pd.x, pd.y), fat_rgb = mean_rgb(image, pf.x, pf.y);
    EXPECT_GT(dermis.r - dermis.g, 40.0f) << "dermis should be pink-red, got " << dermis.r << "," << dermis.g;
    EXPECT_GT(fat_rgb.g - fat_rgb.b, 25.0f) << "fat should be yellow, got " << fat_rgb.g << "," << fat_rgb.b;
}

TEST_F(SkinRender, ImageSizeIsChecked) {
    EXPECT_THROW(render_offscreen(gpu(), test::source_catalog(), view_of("cheek", Look::Illustrated), {0, 10}), Error);
}

}  // namespace
}  // namespace dermasim::test
