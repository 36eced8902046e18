// The magnified channel view of one fixed session: a 1.0 mm roller treatment of the cheek (default plan, four
// passes), healed on the CPU twins, shown at day 0, 1 hour, 1, 7, 30 and 90 days in both looks. Goldens, and the
// claim that the picture changes where the fields change and nowhere else.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <tuple>

#include "engine/render/micro_annotations.hpp"
#include "engine/render/micro_fields.hpp"
#include "engine/render/micro_view.hpp"
#include "engine/render/offscreen.hpp"
#include "engine/sim/baseline.hpp"
#include "engine/sim/channel_stamp.hpp"
#include "engine/sim/treatment_sim.hpp"
#include "engine/tools/treatment_plan.hpp"
#include "tests/common/source_catalog.hpp"
#include "tests/gpu/golden.hpp"
#include "tests/gpu/gpu_test.hpp"

namespace dermasim::test {
namespace {

constexpr VkExtent2D kSize{320, 240};
constexpr double kHour = 3600.0, kDayS = 86400.0;

const RegionProfile& cheek() {
    static const RegionProfile region = source_catalog().regions.find("cheek");
    return region;
}

// The session: punctures, and the tissue at each wanted time (hours; 0 = just needled).
struct Session {
    PunctureList punctures;
    std::map<int, std::shared_ptr<const TissueState>> at_hours;
    std::shared_ptr<const TissueState> untreated;
};

const Session& session() {
    static const Session s = [] {
        TreatmentPlanOptions plan;
        plan.needle_mm = 1.0f;
        plan.passes = 4;
        TreatmentRequest request;
        request.region = cheek();
        request.script = make_treatment_plan(plan);
        request.quality = Quality::Ci;
        Session out;
        out.punctures = run_stroke_script(request.script, cheek(), source_catalog().roller, source_catalog().pen);
        // Two runs of the same healing: hourly samples over the first two days, daily ones to day 90 (hourly
        // samples would cut three months into hour steps).
        for (auto [days, every, hours] : {std::tuple{2.0, 1.0, std::vector<int>{1, 24, 48}},
                                          std::tuple{90.0, 24.0, std::vector<int>{7 * 24, 30 * 24, 90 * 24}}}) {
            request.days = days;
            request.sample_hours = every;
            TreatmentObserver observer;
            observer.sample = [&](const HealingSample&, const TissueState* t) {
                for (int h : hours)
                    if (std::fabs(t->time_s - h * kHour) < 1.0) out.at_hours[h] = std::make_shared<TissueState>(*t);
            };
            heal_punctures(source_catalog(), request, out.punctures, observer);
        }
        auto untreated = std::make_shared<TissueState>(
            make_baseline_state(make_tissue_grid(cheek(), Quality::Ci), source_catalog().heal.kernel));
        auto fresh = std::make_shared<TissueState>(*untreated);
        stamp_punctures_cpu(*fresh, out.punctures);
        out.at_hours[0] = fresh;
        out.untreated = untreated;
        return out;
    }();
    return s;
}

// The plane: through the channel nearest the middle of the patch; the window: the picker's choice on it.
MicroView micro_for(const PunctureList& punctures) {
    const Puncture* nearest = &punctures.front();
    for (const Puncture& p : punctures)
        if (glm::length(p.surface_mm - glm::vec2(10.0f)) < glm::length(nearest->surface_mm - glm::vec2(10.0f)))
            nearest = &p;
    float plane = nearest->surface_mm.y + 0.5f * nearest->tilt.y * nearest->depth_mm;
    std::optional<glm::vec2> centre = densest_channels_on_cut(punctures, plane);
    EXPECT_TRUE(centre.has_value());
    return MicroView::filling_frame(centre.value_or(glm::vec2(10.0f, plane)));
}

SkinView micro_view(Look look, std::shared_ptr<const TissueState> tissue, bool with_punctures = true) {
    static const auto punctures = std::make_shared<const PunctureList>(session().punctures);
    SkinView view;
    view.region = cheek();
    view.look = look;
    view.annotations = true;  // the scale bar
    if (with_punctures) {
        view.punctures = punctures;
        view.punctures_version = 1;
    }
    view.tissue = std::move(tissue);
    view.tissue_version = 1;
    view.micro = micro_for(session().punctures);
    return view;
}

RgbaImage render(const SkinView& view) {
    static OffscreenRenderer renderer(gpu(), source_catalog(), kSize);
    RgbaImage image = renderer.render(view);
    if (const char* dir = std::getenv("DERMASIM_MICRO_IMAGES")) {  // for looking at them while developing
        static int n = 0;
        write_png(std::filesystem::path(dir) / ("micro_" + std::to_string(n++) + ".png"), image);
    }
    return image;
}

bool differs(const RgbaImage& a, const RgbaImage& b, size_t px, int tolerance = 2) {
    for (int c = 0; c < 3; ++c)
        if (std::abs(int(a.pixels[px * 4 + c]) - int(b.pixels[px * 4 + c])) > tolerance) return true;
    return false;
}

class MicroView_ : public GpuTest {};

TEST_F(MicroView_, PickerCentresOnChannelsNearThePlane) {
    PunctureList p(3);
    for (Puncture& q : p) q.depth_mm = 0.5f, q.radius_mm = 0.05f;
    p[0].surface_mm = {3.0f, 5.02f};
    p[1].surface_mm = {12.0f, 5.05f};
    p[2].surface_mm = {12.6f, 4.95f};
    std::optional<glm::vec2> c = densest_channels_on_cut(p, 5.0f);
    ASSERT_TRUE(c);
    EXPECT_NEAR(c->x, 12.3f, 1e-4f) << "two channels within a window beat one";
    EXPECT_EQ(c->y, 5.0f);
    EXPECT_FALSE(densest_channels_on_cut(p, 8.0f)) << "no channel near the plane: the caller moves the cut";
    EXPECT_EQ(micro_scale_bar_um(1500.0f), 200);
    EXPECT_EQ(micro_scale_bar_um(600.0f), 100);
}

TEST_F(MicroView_, WithoutTissueTheFreshChannelsAreOpenAndOnlyThoseThatBledHoldBlood) {
    SkinView view = micro_view(Look::Illustrated, nullptr);
    MicroLayout layout = micro_layout(view, kSize);
    MicroFields f = pack_micro_fields(nullptr, nullptr, session().punctures, layout, cheek(),
                                      source_catalog().heal.kernel);
    ASSERT_FALSE(f.channels.empty());
    for (size_t i = 0; i < f.channels.size(); ++i) {
        const MicroChannel& c = f.channels[i];
        for (int s = 0; s < kMicroProfileSamples; ++s) {
            float d = (s + 0.5f) / kMicroProfileSamples * c.pos_depth_radius.z;
            EXPECT_EQ(f.profiles[i * kMicroProfileSamples + s].x, 1.0f);
            EXPECT_EQ(f.profiles[i * kMicroProfileSamples + s].y,
                      c.tilt_bleed.z > 0.5f && d > cheek().top_of_mm(Layer::PapillaryDermis) ? 1.0f : 0.0f);
        }
    }
    // The same picture as the just-needled tissue state: both say every channel is fresh.
    RgbaImage bare = render(view);
    RgbaImage stamped = render(micro_view(Look::Illustrated, session().at_hours.at(0)));
    ImageDiff diff = compare_images(bare, stamped);
    EXPECT_LT(diff.fraction_off, 0.2) << "max " << diff.max_delta;
}

// The shader looks only at the channels of a pixel's column: every channel that can show at a point must be listed
// in that point's column, and the columns must leave most channels out, or they save nothing.
TEST_F(MicroView_, EachColumnListsEveryChannelThatCanShowInItAndNoMore) {
    // Twelve channels across the window, of several depths and widths, some slanting each way.
    PunctureList punctures(12);
    for (int k = 0; k < 12; ++k) {
        Puncture& p = punctures[std::size_t(k)];
        p.surface_mm = {9.3f + 0.13f * float(k), 10.0f + 0.02f * float(k % 3 - 1)};
        p.depth_mm = 0.5f + 0.1f * float(k % 7);
        p.radius_mm = 0.03f + 0.01f * float(k % 5);
        p.tilt = {0.15f * float(k % 3 - 1), 0.05f};
    }
    SkinView view;
    view.region = cheek();
    view.micro = MicroView::filling_frame({10.0f, 10.0f});
    MicroLayout layout = micro_layout(view, kSize);
    MicroFields f = pack_micro_fields(nullptr, nullptr, punctures, layout, cheek(), source_catalog().heal.kernel);
    ASSERT_GE(f.channels.size(), 8u);
    ASSERT_EQ(f.bin_start.size(), std::size_t(kMicroChannelBins + 1));
    ASSERT_EQ(f.bin_start.back(), f.bin_items.size());
    auto listed = [&](int bin, uint32_t channel) {
        return std::find(f.bin_items.begin() + f.bin_start[bin], f.bin_items.begin() + f.bin_start[bin + 1],
                         channel) != f.bin_items.begin() + f.bin_start[bin + 1];
    };
    int checked = 0;
    for (uint32_t i = 0; i < f.channels.size(); ++i) {
        const glm::vec4& c = f.channels[i].pos_depth_radius;
        for (int s = 0; s <= 50; ++s) {  // as shaders/micro_view.frag draws it: centre and radius at each depth
            float y = c.z * float(s) / 50.0f;
            float centre = c.x + f.channels[i].tilt_bleed.x * y, r = c.w + (0.004f - c.w) * y / c.z;
            for (uint32_t px = 0; px < layout.rect.extent.width; ++px) {
                float x = layout.x0_mm + (float(px) + 0.5f) * layout.mm_per_px;
                if (std::fabs(x - centre) > r + kMicroChannelMarginMm) continue;
                int bin = std::clamp(int(std::floor((x - layout.x0_mm) / layout.width_mm() * kMicroChannelBins)), 0,
                                     kMicroChannelBins - 1);
                ASSERT_TRUE(listed(bin, i)) << "channel " << i << " at x " << x << " mm, depth " << y;
                ++checked;
            }
        }
    }
    EXPECT_GT(checked, 0);
    double per_column = double(f.bin_items.size()) / kMicroChannelBins;
    EXPECT_LT(per_column, 0.5 * double(f.channels.size())) << f.channels.size() << " channels";
}

struct GoldenCase { const char* name; int hours; };
const GoldenCase kGoldens[] = {{"day0", 0}, {"hour1", 1}, {"day1", 24}, {"day7", 168}, {"day30", 720}, {"day90", 2160}};

TEST_F(MicroView_, MatchesGoldens) {
    for (Look look : {Look::Illustrated, Look::Histology})
        for (const GoldenCase& g : kGoldens) {
            std::string name = std::string("micro_") + look_name(look) + "_" + g.name;
            std::string failure = check_golden(name, render(micro_view(look, session().at_hours.at(g.hours))));
            EXPECT_TRUE(failure.empty()) << failure;
        }
}

// The kiosk turns the labels off but keeps the magnified cut's key and scale bar (SkinView::micro_key): the same
// picture as with the annotations on (no caption here), and not the bare one.
TEST_F(MicroView_, KeyStaysWithTheLabelsOffWhereAskedFor) {
    SkinView view = micro_view(Look::Illustrated, session().at_hours.at(720));
    const RgbaImage annotated = render(view);
    view.annotations = false;
    const RgbaImage bare = render(view);
    view.micro_key = true;
    const RgbaImage keyed = render(view);
    EXPECT_EQ(compare_images(keyed, annotated).max_delta, 0);
    EXPECT_GT(compare_images(keyed, bare).fraction_off, 0.02) << "no key drawn";
}

TEST_F(MicroView_, ChannelClosesWhileFarTissueStaysTheSame) {
    const Session& s = session();
    RgbaImage day0 = render(micro_view(Look::Illustrated, s.at_hours.at(0)));
    RgbaImage day2 = render(micro_view(Look::Illustrated, s.at_hours.at(48)));
    RgbaImage untreated = render(micro_view(Look::Illustrated, s.untreated, false));
    // Channel pixels: what the fresh channels drew (just needled against untreated, the same fields otherwise
    // but for blood spilled around them).
    size_t channel = 0, channel_changed = 0, far = 0, far_changed = 0;
    const size_t n = size_t(kSize.width) * kSize.height;
    std::vector<bool> near(n, false);
    const int reach = 12;  // px: "far" is this far from any pixel the needling changed
    for (size_t px = 0; px < n; ++px) {
        if (!differs(day0, untreated, px)) continue;
        int x = int(px % kSize.width), y = int(px / kSize.width);
        for (int dy = -reach; dy <= reach; ++dy)
            for (int dx = -reach; dx <= reach; ++dx) {
                int xx = x + dx, yy = y + dy;
                if (xx >= 0 && yy >= 0 && xx < int(kSize.width) && yy < int(kSize.height)) near[size_t(yy) * kSize.width + xx] = true;
            }
        ++channel;
        if (differs(day0, day2, px)) ++channel_changed;
    }
    ASSERT_GT(channel, 500u) << "the fresh channels should show";
    EXPECT_GT(double(channel_changed) / channel, 0.5) << "most of what the fresh channels drew has changed by day 2";

    // Far pixels: away from everything the needling drew, where the plane's fields are the same on day 0 and day 2
    // (the 2 x 2 texels each pixel interpolates).
    SkinView view = micro_view(Look::Illustrated, s.at_hours.at(0));
    MicroLayout layout = micro_layout(view, kSize);
    auto pack = [&](const TissueState& t) {
        TissueState made = make_fresh_channels(t.grid, s.punctures);
        return pack_micro_fields(&t, &made, s.punctures, layout, cheek(), source_catalog().heal.kernel);
    };
    MicroFields f0 = pack(*s.at_hours.at(0)), f2 = pack(*s.at_hours.at(48));
    auto same_texel = [&](int tx, int ty) {
        tx = std::clamp(tx, 0, kMicroTexelsX - 1);
        ty = std::clamp(ty, 0, kMicroTexelsY - 1);
        const MicroTexel &a = f0.texels[size_t(ty) * kMicroTexelsX + tx], &b = f2.texels[size_t(ty) * kMicroTexelsX + tx];
        return glm::all(glm::lessThan(glm::abs(a.cells - b.cells), glm::vec4(1e-4f))) &&
               glm::all(glm::lessThan(glm::abs(a.collagen - b.collagen), glm::vec4(1e-4f)));
    };
    for (size_t px = 0; px < n; ++px) {
        if (near[px]) continue;
        float u = (float(px % kSize.width) + 0.5f) / kSize.width * kMicroTexelsX - 0.5f;
        float v = (float(px / kSize.width) + 0.5f) / kSize.height * kMicroTexelsY - 0.5f;
        int tx = int(std::floor(u)), ty = int(std::floor(v));
        if (!(same_texel(tx, ty) && same_texel(tx + 1, ty) && same_texel(tx, ty + 1) && same_texel(tx + 1, ty + 1)))
            continue;
        ++far;
        if (differs(day0, day2, px)) ++far_changed;
    }
    // At CI resolution the fibroblast field rises over most of a 1.5 mm window by day 2; what stays (air, fat, the
    // parts of the window beyond the neighbouring voxels) is still a few per cent of it.
    EXPECT_GT(far, n / 20) << "part of the window should be far from the channel and unchanged in its fields";
    EXPECT_LE(far_changed, far / 1000) << far_changed << " of " << far << " far pixels changed";
}

// Issue 9: after a course the epidermis is thicker (the Epidermis field, 0.5 = +50 %, Lotfi 2013), and the view
// shows it: the band under the old dermal junction turns to epidermis; the stratum corneum above stays the same.
TEST_F(MicroView_, ThickenedEpidermisIsDrawnThicker) {
    // Untreated tissue, without the session (healing it takes most of a minute).
    const auto untreated = std::make_shared<const TissueState>(
        make_baseline_state(make_tissue_grid(cheek(), Quality::Ci), source_catalog().heal.kernel));
    auto thick = std::make_shared<TissueState>(*untreated);
    const TissueGrid& g = thick->grid;
    const std::size_t slice = std::size_t(g.nx) * g.ny;
    for (int k = 0; k < g.nz; ++k)
        if (g.layer_at(k) == Layer::PapillaryDermis)
            std::fill_n(thick->field(Field::Epidermis).begin() + k * slice, slice, 0.5f);
    auto view_of = [&](std::shared_ptr<const TissueState> tissue) {
        SkinView view;
        view.region = cheek();
        view.look = Look::Histology;
        view.tissue = std::move(tissue);
        view.tissue_version = 1;
        view.micro = MicroView::filling_frame(glm::vec2(10.0f));
        return view;
    };
    const RgbaImage before = render(view_of(untreated));
    const RgbaImage after = render(view_of(thick));
    const MicroLayout layout = micro_layout(view_of(thick), kSize);
    const float sc_bottom = float(cheek().bottom_of_mm(Layer::StratumCorneum));
    const float extra = 0.5f * float(cheek().thickness_mm(Layer::ViableEpidermis));
    const float junction = float(cheek().bottom_of_mm(Layer::ViableEpidermis));
    std::size_t band = 0, band_changed = 0, corneum_changed = 0;
    for (uint32_t y = layout.rect.offset.y; y < layout.rect.offset.y + layout.rect.extent.height; ++y) {
        const float depth = layout.top_mm + (y - layout.rect.offset.y + 0.5f) * layout.mm_per_px;
        for (uint32_t x = layout.rect.offset.x + 4; x + 4 < layout.rect.offset.x + layout.rect.extent.width; ++x) {
            const size_t px = size_t(y) * kSize.width + x;
            if (depth > 0.0f && depth < 0.8f * sc_bottom) corneum_changed += differs(before, after, px);
            // Clear of the rete ridges (junction +/- 35 % of the viable epidermis): dermis before, epidermis after.
            if (depth > junction + 0.4f * extra && depth < junction + 0.9f * extra) {
                ++band;
                band_changed += differs(before, after, px, 12);
            }
        }
    }
    ASSERT_GT(band, 100u) << "the window does not show the epidermis";
    EXPECT_GT(double(band_changed) / band, 0.5) << "the thickened epidermis is not drawn";
    EXPECT_EQ(corneum_changed, 0u) << "the stratum corneum should not change";
}

TEST_F(MicroView_, NewCollagenFibresChangeBetweenDay7AndDay90) {
    const Session& s = session();
    RgbaImage day7 = render(micro_view(Look::Illustrated, s.at_hours.at(168)));
    RgbaImage day90 = render(micro_view(Look::Illustrated, s.at_hours.at(2160)));
    // New-collagen fibres in the illustrated look: orange (III) or teal (I), as the block's collagen overlay.
    auto fibre = [](const RgbaImage& img, size_t px) {
        int r = img.pixels[px * 4], g = img.pixels[px * 4 + 1], b = img.pixels[px * 4 + 2];
        bool teal = b > r + 40 && g > r + 20;
        bool orange = r > 200 && g > 90 && g < 190 && b < 110;
        return teal || orange;
    };
    size_t fibres = 0, changed = 0;
    for (size_t px = 0; px < size_t(kSize.width) * kSize.height; ++px) {
        if (!fibre(day90, px) && !fibre(day7, px)) continue;
        ++fibres;
        if (differs(day7, day90, px)) ++changed;
    }
    ASSERT_GT(fibres, 200u) << "new collagen should show as fibres";
    EXPECT_GT(double(changed) / fibres, 0.5) << "the new fibres are remodelled between day 7 and day 90";
}

TEST_F(MicroView_, RendersAloneAndAsAnInsetAt720pAndReportsItsFrameTime) {
    // Not a benchmark gate (lavapipe's speed depends on the machine): the medians are printed and recorded.
    OffscreenRenderer renderer(gpu(), source_catalog(), {1280, 720});
    SkinView alone = micro_view(Look::Histology, session().at_hours.at(168));
    SkinView inset = alone;
    inset.micro->rect = MicroView{}.rect;
    inset.camera = inset.default_camera();
    for (const SkinView* view : {&alone, &inset}) {
        renderer.render(*view);  // packs the fields once
        std::vector<double> ms;
        RgbaImage image;
        for (int i = 0; i < 5; ++i) {
            auto t0 = std::chrono::steady_clock::now();
            image = renderer.render(*view);
            ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
        }
        std::sort(ms.begin(), ms.end());
        const char* what = view == &alone ? "micro_alone_ms" : "micro_inset_ms";
        RecordProperty(what, std::to_string(ms[2]));
        std::printf("%s: median %.1f ms at 1280x720\n", what, ms[2]);
        // The inset's rectangle holds the magnified tissue; outside it the block is drawn as before.
        MicroLayout l = micro_layout(*view, renderer.size());
        size_t centre = (size_t(l.rect.offset.y + l.rect.extent.height / 2) * 1280 + l.rect.offset.x + l.rect.extent.width / 2) * 4;
        EXPECT_GT(image.pixels[centre], 150) << "tissue (pink) in the middle of the view";
    }
}

}  // namespace
}  // namespace dermasim::test
