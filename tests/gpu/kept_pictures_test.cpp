// The renderer keeps the scene's and the magnified cut's pictures between frames (render/cached_layer.hpp) and
// draws them again only when what they show changes. A change it missed would leave a stale picture on screen,
// so every input that changes the image is changed here, one at a time, on a renderer that has drawn the frame
// before: its picture must equal a fresh renderer's, pixel for pixel. While a picture keeps changing it may be
// drawn smaller; the first still frame after must be sharp again.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "engine/core/error.hpp"
#include "engine/render/cached_layer.hpp"
#include "engine/render/device_pass.hpp"
#include "engine/render/offscreen.hpp"
#include "engine/sim/baseline.hpp"
#include "engine/sim/channel_stamp.hpp"
#include "engine/skin/tissue_grid.hpp"
#include "engine/tools/treatment_plan.hpp"
#include "tests/common/source_catalog.hpp"
#include "tests/gpu/golden.hpp"
#include "tests/gpu/gpu_test.hpp"

namespace dermasim::test {
namespace {

constexpr VkExtent2D kSize{320, 200};

struct Treated {
    std::shared_ptr<const PunctureList> punctures, fewer;
    std::shared_ptr<const TissueState> stamped, untreated;
};

const Treated& treated() {
    static const Treated t = [] {
        const RegionProfile& cheek = source_catalog().regions.find("cheek");
        TreatmentPlanOptions plan;
        plan.needle_mm = 1.0f;
        plan.passes = 2;
        PunctureList punctures = run_stroke_script(make_treatment_plan(plan), cheek, source_catalog().roller,
                                                   source_catalog().pen);
        PunctureList fewer(punctures.begin(), punctures.begin() + punctures.size() / 3);
        auto untreated = std::make_shared<TissueState>(
            make_baseline_state(make_tissue_grid(cheek, Quality::Ci), source_catalog().heal.kernel));
        auto stamped = std::make_shared<TissueState>(*untreated);
        stamp_punctures_cpu(*stamped, punctures);
        return Treated{std::make_shared<const PunctureList>(std::move(punctures)),
                       std::make_shared<const PunctureList>(std::move(fewer)), stamped, untreated};
    }();
    return t;
}

// The block with the roller over it, its channels, the stamped tissue and the magnified cut as an inset.
SkinView base_view() {
    SkinView view;
    view.region = source_catalog().regions.find("cheek");
    view.punctures = treated().punctures;
    view.punctures_version = 1;
    view.tissue = treated().stamped;
    view.tissue_version = 1;
    view.cut = cut_through_channels(*view.punctures, 0, view.width_mm, 0.5f);
    view.camera = view.default_camera();
    view.device = device_pose_on_patch(DevicePose::Roller, {10.0f, 8.0f}, {0.0f, 1.0f}, 0.3f, 0.0f);
    view.device->ghost = true;
    view.micro = micro_on_channels(view, *view.punctures, MicroView{}.rect);
    return view;
}

RgbaImage fresh(const SkinView& view) { return render_offscreen(gpu(), source_catalog(), view, kSize); }

void expect_same(const RgbaImage& actual, const RgbaImage& expected, const std::string& what) {
    ASSERT_EQ(actual.pixels.size(), expected.pixels.size()) << what;
    EXPECT_TRUE(actual.pixels == expected.pixels)
        << what << ": " << compare_images(actual, expected, 0).fraction_off * 100 << " % of pixels differ";
}

struct Change {
    const char* what;
    std::function<void(SkinView&)> apply;
};

class KeptPictures : public GpuTest {};

TEST_F(KeptPictures, EveryChangeToTheViewIsDrawn) {
    const std::vector<Change> changes = {
        {"the camera orbits", [](SkinView& v) { v.camera.yaw_deg += 12.0f; }},
        {"the camera zooms", [](SkinView& v) { v.camera.distance_mm *= 0.8f; }},
        {"histology look", [](SkinView& v) { v.look = Look::Histology; }},
        {"the cut moves", [](SkinView& v) { v.cut = 0.3f; }},
        {"a layer is highlighted", [](SkinView& v) { v.highlight_layer = int(Layer::PapillaryDermis); }},
        {"the channels overlay", [](SkinView& v) { v.overlay = Overlay::Channels; }},
        {"the tissue changes", [](SkinView& v) { v.tissue = treated().untreated; v.tissue_version = 2; }},
        {"fewer punctures", [](SkinView& v) { v.punctures = treated().fewer; v.punctures_version = 2; }},
        {"the roller moves", [](SkinView& v) { v.device->position_mm.z += 3.0f; }},
        {"the roller turns solid", [](SkinView& v) { v.device->ghost = false; }},
        {"the channels close", [](SkinView& v) { v.channel_openness = 0.2f; }},
        {"another region", [](SkinView& v) { v.region = source_catalog().regions.find("forehead"); }},
        {"before and after", [](SkinView& v) { v.before_after_split = 0.5f; }},
        {"the magnified cut pans", [](SkinView& v) { v.micro->centre_mm.x += 0.4f; }},
        {"the magnified cut fills the frame", [](SkinView& v) { v.micro->rect = glm::vec4(0, 0, 1, 1); }},
        {"more fat shown", [](SkinView& v) { v.fat_shown_mm = 2.5f; }},
    };
    OffscreenRenderer kept(gpu(), source_catalog(), kSize);
    const SkinView base = base_view();
    const RgbaImage base_image = kept.render(base);
    expect_same(base_image, fresh(base), "the first frame");
    for (const Change& change : changes) {
        SkinView changed = base;
        change.apply(changed);
        const RgbaImage image = kept.render(changed);
        EXPECT_GT(compare_images(image, base_image).fraction_off, 0.0) << change.what << " changes nothing to see";
        expect_same(image, fresh(changed), change.what);
        expect_same(kept.render(base), base_image, std::string("back from ") + change.what);
    }
}

// While the magnified cut fills the frame, the block under it is neither drawn nor copied. Its kept picture must
// still be right when the block is seen again: as it was when nothing changed, and drawn again when the tissue
// healed meanwhile.
TEST_F(KeptPictures, TheBlocksPictureWaitsUnderAMagnifiedCutThatFillsTheFrame) {
    OffscreenRenderer kept(gpu(), source_catalog(), kSize);
    const SkinView block = base_view();
    const RgbaImage before = kept.render(block);
    SkinView alone = block;
    alone.micro->rect = glm::vec4(0, 0, 1, 1);
    kept.render(alone);
    expect_same(kept.render(block), before, "the block again, nothing changed");
    kept.render(alone);
    alone.tissue = treated().untreated;
    alone.tissue_version = 2;
    expect_same(kept.render(alone), fresh(alone), "the magnified cut of the healed tissue");
    SkinView healed = block;
    healed.tissue = alone.tissue;
    healed.tissue_version = alone.tissue_version;
    expect_same(kept.render(healed), fresh(healed), "the block once the tissue healed under the magnified cut");
}

TEST_F(KeptPictures, MovingPicturesAreDrawnSmallerAndTheFirstStillFrameSharp) {
    OffscreenRenderer kept(gpu(), source_catalog(), kSize);
    kept.set_moving_scale(0.5f);
    SkinView view = base_view();
    kept.render(view);
    kept.render(view);  // a still frame
    // One change after a still frame: drawn at full size at once.
    view.camera.yaw_deg += 2.0f;
    expect_same(kept.render(view), fresh(view), "a single change");
    EXPECT_FALSE(kept.drew_moving()) << "a single change counted as motion (the window's scale control reads it)";
    // Changing again: motion, drawn at half size and scaled up. Softer, yet the same picture in place.
    view.camera.yaw_deg += 2.0f;
    const RgbaImage moving = kept.render(view);
    EXPECT_TRUE(kept.drew_moving());
    const RgbaImage sharp = fresh(view);
    EXPECT_GT(compare_images(moving, sharp).fraction_off, 0.01) << "the moving frame was drawn at full size";
    EXPECT_LT(compare_images(moving, sharp, 48).fraction_off, 0.05) << "the scaled-up picture is not in place";
    // Still again: the same view is drawn sharp.
    expect_same(kept.render(view), sharp, "the first still frame after motion");
    // At a moving scale of 1 motion is drawn sharp, and still counts as motion: the window's control must see
    // its frames to lower the scale again when a view gets expensive.
    kept.set_moving_scale(1.0f);
    view.camera.yaw_deg += 2.0f;
    kept.render(view);
    view.camera.yaw_deg += 2.0f;
    expect_same(kept.render(view), fresh(view), "motion at a moving scale of 1");
    EXPECT_TRUE(kept.drew_moving()) << "motion at full size did not count as motion";
    kept.set_moving_scale(0.5f);

    // The magnified cut alone, healing from frame to frame.
    view.micro->rect = glm::vec4(0, 0, 1, 1);
    kept.render(view);
    kept.render(view);
    view.tissue = treated().untreated;
    view.tissue_version = 2;
    expect_same(kept.render(view), fresh(view), "the magnified cut after a single change");
    view.tissue = treated().stamped;
    view.tissue_version = 3;
    const RgbaImage healing = kept.render(view);
    const RgbaImage healed = fresh(view);
    EXPECT_GT(compare_images(healing, healed).fraction_off, 0.01) << "the healing cut was drawn at full size";
    EXPECT_LT(compare_images(healing, healed, 48).fraction_off, 0.10) << "the scaled-up cut is not in place";
    expect_same(kept.render(view), healed, "the magnified cut once the tissue stops changing");
    // Panning the cut moves only its picture: that is motion too (the window's scale control reads it).
    view.micro->centre_mm.x += 0.05f;
    kept.render(view);
    view.micro->centre_mm.x += 0.05f;
    kept.render(view);
    EXPECT_TRUE(kept.drew_moving()) << "the panning cut, drawn small, did not count as motion";
    kept.render(view);
    EXPECT_FALSE(kept.drew_moving());
}

// The window's scale control splits a frame's time into pixels and the rest by the GPU time of the pictures
// drawn at the moving scale (render/moving_picture_timer.hpp). With one frame slot a render reports the previous
// render's: its moving pictures only, at the scale they were drawn at, within that render's wall time.
TEST_F(KeptPictures, MovingPicturesAreTimedOnTheGpuAtTheirScale) {
    OffscreenRenderer kept(gpu(), source_catalog(), kSize);
    SkinView view = base_view();
    auto moving_frame = [&](float scale) {
        kept.set_moving_scale(scale);
        view.camera.yaw_deg += 1.0f;
        const auto start = std::chrono::steady_clock::now();
        kept.render(view);
        return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    };
    for (int i = 0; i < 4; ++i) moving_frame(0.5f);
    EXPECT_FALSE(kept.measured_moving()) << "timed before it was asked to (headless renders time nothing)";
    ASSERT_TRUE(kept.time_moving_pictures()) << "lavapipe writes timestamps";
    kept.render(view);
    kept.render(view);
    moving_frame(0.5f);  // a single change after a still frame: drawn at full size, not timed
    kept.render(view);
    EXPECT_FALSE(kept.measured_moving()) << "a still picture drawn after a single change was timed";
    moving_frame(0.5f);
    const double wall_ms = moving_frame(0.5f);  // motion: drawn at half size
    kept.render(view);                          // still: reports the last moving frame
    auto measured = kept.measured_moving();
    ASSERT_TRUE(measured) << "a moving frame was not timed";
    EXPECT_EQ(measured->scale, 0.5f);
    EXPECT_GT(measured->ms, 0.0);
    EXPECT_LT(measured->ms, wall_ms) << "more GPU time than the whole render took";
    kept.render(view);
    EXPECT_FALSE(kept.measured_moving()) << "a frame that drew nothing was timed";

    // Sixteen times the pixels take longer (medians of five; the first two frames report the frames before).
    auto median_measured = [&](float scale) -> double {
        std::vector<double> ms;
        for (int i = 0; i < 7; ++i) {
            moving_frame(scale);
            auto m = kept.measured_moving();
            if (i >= 2 && m && m->scale == scale) ms.push_back(m->ms);
        }
        EXPECT_EQ(ms.size(), 5u) << "moving frames at " << scale << " were not timed";
        std::sort(ms.begin(), ms.end());
        return ms.empty() ? 0.0 : ms[ms.size() / 2];
    };
    const double full_size = median_measured(1.0f);
    const double quarter = median_measured(0.25f);
    EXPECT_GT(full_size, quarter);
}

TEST_F(KeptPictures, APlayingTimeLapseIsDrawnAtTheMovingScaleUntilItHoldsOrStops) {
    OffscreenRenderer kept(gpu(), source_catalog(), kSize);
    kept.set_moving_scale(0.5f);
    SkinView view = base_view();
    view.device.reset();
    kept.render(view);
    kept.render(view);
    view.animating = true;
    // The time-lapse steps to the next snapshot: drawn at the moving scale at once...
    view.tissue = treated().untreated;
    view.tissue_version = 2;
    const RgbaImage stepped = kept.render(view);
    const RgbaImage sharp = fresh(view);
    EXPECT_GT(compare_images(stepped, sharp).fraction_off, 0.01) << "the time-lapse step was drawn at full size";
    // ... and kept as drawn while the time-lapse plays on between snapshots ...
    for (int still = 1; still < CachedLayer::kStillFramesBeforeSharp; ++still)
        expect_same(kept.render(view), stepped, "a playing time-lapse between snapshots");
    // ... until it holds one snapshot long enough to be worth a sharp picture...
    expect_same(kept.render(view), sharp, "a playing time-lapse holding one snapshot");
    EXPECT_FALSE(kept.drew_moving()) << "the sharp picture of a held snapshot counted as motion";
    // ... or stops.
    view.tissue = treated().stamped;
    view.tissue_version = 3;
    EXPECT_GT(compare_images(kept.render(view), fresh(view)).fraction_off, 0.01) << "the next step was drawn sharp";
    view.animating = false;
    expect_same(kept.render(view), fresh(view), "the time-lapse once paused");
}

TEST_F(KeptPictures, RenderScaleOutOfRangeIsRefused) {
    OffscreenRenderer kept(gpu(), source_catalog(), kSize);
    EXPECT_THROW(kept.set_moving_scale(0.1f), Error);
    EXPECT_THROW(kept.set_moving_scale(1.5f), Error);
}

}  // namespace
}  // namespace dermasim::test
