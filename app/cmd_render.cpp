// dermasim render: the skin block to a PNG, with no window.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <optional>

#include "app/commands.hpp"
#include "app/output_checks.hpp"
#include "app/panels/before_after.hpp"
#include "engine/core/error.hpp"
#include "engine/io/png.hpp"
#include "engine/render/offscreen.hpp"
#include "engine/sim/healing_metrics.hpp"
#include "engine/sim/treatment_sim.hpp"
#include "engine/skin/region_profile.hpp"
#include "engine/tools/treatment_plan.hpp"

namespace dermasim::app {
namespace {
const char* kHelp = R"(dermasim render - draw the skin block to a PNG without a window

Usage: dermasim render --out FILE [options]
  --out FILE     PNG to write (written atomically)
  --size WxH     image size in pixels (default 1280x720)
)";
// Then kViewFlagsHelp (the window's too), then:
const char* kHelpCompare = R"(Before and after (with --compare-day; a treatment is simulated first, and the cut goes through its
channels unless --cut is given):
  --compare-day D     split picture: the skin before treatment on the left, D days after the first session
                      on the right (0.01..3650; 0.05 is about an hour after)
  --needle-mm L       roller needle length for it, 0.1..3.0 mm (default 0.5), 8 passes
  --sessions N        sessions (default 1), --interval-days I apart (default 28); D must come after the last
  --overlay O         what the cut shows: none, collagen (default), channels, serum, inflammation
  --split F           where the divider stands, 0.1..0.9 of the width (default 0.5)
  --cpu               simulate with the CPU twins instead of the GPU compute passes
)";

struct Comparison {
    double day = 0;
    TreatmentPlanOptions plan;
    int sessions = 1;
    double interval_days = 28;
    Overlay overlay = Overlay::Collagen;
    float split = 0.5f;
    bool cpu = false;
};

std::optional<Comparison> comparison_from_args(cli::Args& args) {
    auto day = args.value("--compare-day");
    if (!day) return std::nullopt;
    Comparison c;
    c.day = cli::parse_number("--compare-day", *day, 0.01, 3650.0);
    c.plan.needle_mm = float(args.number("--needle-mm", 0.5, 0.1, 3.0));
    c.plan.passes = 8;
    c.sessions = args.integer("--sessions", 1, 1, 20);
    c.interval_days = args.number("--interval-days", 28.0, 1.0, 365.0);
    c.overlay = parse_overlay(args.value_or("--overlay", "collagen"));
    c.split = float(args.number("--split", 0.5, 0.1, 0.9));
    c.cpu = args.flag("--cpu");
    const double last_session = (c.sessions - 1) * c.interval_days;
    if (c.day <= last_session) {
        char why[160];
        std::snprintf(why, sizeof why, "--compare-day %g comes before the last of %d sessions (day %g): choose a later "
                      "day or fewer sessions", c.day, c.sessions, last_session);
        throw Error(why);
    }
    return c;
}

// The treated view at the comparison day: tissue, channels and how open they still are.
void simulate_comparison(const vk::Context& context, const Catalog& catalog, const Comparison& c, ViewRequest& request,
                         VkExtent2D size) {
    TreatmentRequest treatment;
    treatment.region = request.view.region;
    treatment.script = make_treatment_plan(c.plan);
    treatment.sessions = c.sessions;
    treatment.interval_days = c.interval_days;
    treatment.days = c.day - (c.sessions - 1) * c.interval_days;
    treatment.sample_hours = headless_sample_hours(treatment.days);
    TreatmentObserver observer;
    observer.punctures = [&](const PunctureList& list) { request.follow_work(list, size); };
    TreatmentResult result = run_treatment(catalog, treatment, observer, c.cpu ? nullptr : &context);
    // The most the channels stood open at a curve sample (the samples' figures, not their states: on the GPU a
    // state at a sample is a read of the whole volume).
    double open_most = 0;
    if (result.healing)
        for (const HealingSample& sample : result.healing->curves)
            open_most = std::max(open_most, sample.open_channels_mm3);
    SkinView& view = request.view;
    view.micro.reset();  // the magnified inset is not split; the block is
    request.frame(size);
    view.punctures = std::make_shared<PunctureList>(result.punctures);
    view.punctures_version = 1;
    view.tissue = std::make_shared<const TissueState>(result.tissue);
    view.tissue_version = 1;
    view.channel_openness = open_most > 0 ? float(open_channel_volume_mm3(result.tissue) / open_most) : 0.0f;
    view.overlay = c.overlay;
    view.before_after_split = c.split;
    view.caption = healing_caption(c.day, c.sessions, c.interval_days, device_label(false, c.plan.needle_mm));
}

}  // namespace

const char* kViewFlagsHelp =
    "  --region R     body region (default cheek): forehead, periorbital, nose, cheek, temple, perioral, neck,\n"
    "                 abdomen, thigh, arm, buttock, back\n"
    "  --look L       illustrated (default) or histology (H&E-like stain)\n"
    "  --cut F        cut plane position across the block, 0 (front, whole block) .. 1 (back), default 0.5\n"
    "  --yaw DEG      camera yaw around the block (default -28)\n"
    "  --pitch DEG    camera elevation (default 30)\n"
    "  --zoom F       camera distance over the one that frames the block, < 1 is closer (default 1)\n"
    "  --no-labels    leave out the ruler, layer labels and legend\n"
    "  --plain-words  words for a client: everyday layer names, keys without figures, mm not \xC2\xB5m\n";

ViewRequest view_from_args(cli::Args& args, const RegionTable& regions) {
    ViewRequest r;
    SkinView& view = r.view;
    view.region = regions.find(args.value_or("--region", "cheek"));
    view.look = parse_look(args.value_or("--look", "illustrated"));
    auto cut = args.value("--cut");
    r.cut_given = cut.has_value();
    view.cut = cut ? float(cli::parse_number("--cut", *cut, 0.0, 1.0)) : 0.5f;
    view.camera.yaw_deg = float(args.number("--yaw", -28.0, -360.0, 360.0));
    view.camera.pitch_deg = float(args.number("--pitch", 30.0, -10.0, 89.0));
    r.zoom = float(args.number("--zoom", 1.0, 0.1, 5.0));
    view.annotations = !args.flag("--no-labels");
    view.plain_words = args.flag("--plain-words");
    return r;
}

PictureView picture_view_from_args(cli::Args& args) {
    const std::string v = args.value_or("--view", "both");
    if (v == "block") return PictureView::Block;
    if (v == "micro") return PictureView::Micro;
    if (v == "both") return PictureView::Both;
    throw Error("--view '" + v + "' is not a view (use block, micro or both)");
}

void ViewRequest::follow_work(const PunctureList& punctures, VkExtent2D size) {
    if (!cut_given) view.cut = cut_through_channels(punctures, 0, view.width_mm, view.cut);
    view.micro.reset();
    if (picture == PictureView::Micro) view.micro = micro_on_channels(view, punctures, glm::vec4(0, 0, 1, 1));
    if (picture == PictureView::Both) view.micro = micro_on_channels(view, punctures, kHeadlessInset);
    frame(size);
}

void ViewRequest::frame(VkExtent2D size) {
    // Headless images: the whole block between the legend (top left) and a caption line at the bottom, with room
    // for the ruler at the left and the layer labels at the right; beside the magnified view when it is an inset.
    view.fit_camera(float(size.width) / float(size.height),
                    picture == PictureView::Both ? kHeadlessBlockBesideInset : kHeadlessArea, zoom);
}

int run_render(const Argv& argv) {
    cli::Args args("dermasim render", argv);
    if (args.help_requested()) {
        std::printf("%s%s%s%s", kHelp, kViewFlagsHelp, kHelpCompare, kGpuFlagsHelp);
        return 0;
    }
    const Catalog catalog = load_catalog();
    std::string out = args.required("--out");
    VkExtent2D size = cli::parse_size(args.value_or("--size", "1280x720"));
    ViewRequest request = view_from_args(args, catalog.regions);
    request.frame(size);
    const SkinView& view = request.view;
    const std::optional<Comparison> comparison = comparison_from_args(args);
    vk::ContextOptions options = gpu_options(args);
    args.finish();
    check_output_file("--out", out);  // before the GPU starts, not after the picture is drawn

    vk::Context context(options);
    auto start = std::chrono::steady_clock::now();
    RgbaImage image;
    if (comparison) {
        simulate_comparison(context, catalog, *comparison, request, size);
        BeforeAfterDivider divider{comparison->split};
        OffscreenRenderer renderer(context, catalog, size);
        image = renderer.render_frame([&]() -> const SkinView& {
            draw_before_after(divider, "Before", "After " + when_words(comparison->day), false,
                              annotation_legends_extent(view, size));
            return view;
        });
    } else {
        image = render_offscreen(context, catalog, view, size);
    }
    double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    write_png(out, image);
    std::fprintf(stderr, "dermasim: wrote %s (%ux%u, %s, %s, %.0f ms)\n", out.c_str(), size.width, size.height,
                 view.region.name.c_str(), look_name(view.look), ms);
    return finish_validation(context, 0);
}

}  // namespace dermasim::app
