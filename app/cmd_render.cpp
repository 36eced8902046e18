// dermasim render: the skin block to a PNG, with no window.
#include <chrono>
#include <cstdio>

#include "app/commands.hpp"
#include "app/output_checks.hpp"
#include "engine/core/error.hpp"
#include "engine/io/png.hpp"
#include "engine/render/offscreen.hpp"
#include "engine/skin/region_profile.hpp"

namespace dermasim::app {
namespace {
const char* kHelp = R"(dermasim render - draw the skin block to a PNG without a window

Usage: dermasim render --out FILE [options]
  --region R     body region (default cheek): forehead, periorbital, nose, cheek, perioral, neck, abdomen, thigh, back
  --out FILE     PNG to write (written atomically)
  --size WxH     image size in pixels (default 1280x720)
  --look L       illustrated (default) or histology (H&E-like stain)
  --cut F        cut plane position across the block, 0 (front, whole block) .. 1 (back), default 0.5
  --yaw DEG      camera yaw around the block (default -28)
  --pitch DEG    camera elevation (default 22)
  --zoom F       camera distance factor, < 1 is closer (default 1)
  --no-labels    leave out the ruler, layer labels and legend
)";
}  // namespace

const char* kViewFlagsHelp =
    "  --region R     body region (default cheek): forehead, periorbital, nose, cheek, temple, perioral, neck,\n"
    "                 abdomen, thigh, arm, buttock, back\n"
    "  --look L       illustrated (default) or histology (H&E-like stain)\n"
    "  --cut F        cut plane position across the block, 0 (front, whole block) .. 1 (back), default 0.5\n";

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
        std::printf("%s%s", kHelp, kGpuFlagsHelp);
        return 0;
    }
    const Catalog catalog = load_catalog();
    std::string out = args.required("--out");
    VkExtent2D size = cli::parse_size(args.value_or("--size", "1280x720"));
    ViewRequest request = view_from_args(args, catalog.regions);
    request.frame(size);
    const SkinView& view = request.view;
    vk::ContextOptions options = gpu_options(args);
    args.finish();
    check_output_file("--out", out);  // before the GPU starts, not after the picture is drawn

    vk::Context context(options);
    auto start = std::chrono::steady_clock::now();
    RgbaImage image = render_offscreen(context, catalog, view, size);
    double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    write_png(out, image);
    std::fprintf(stderr, "dermasim: wrote %s (%ux%u, %s, %s, %.0f ms)\n", out.c_str(), size.width, size.height,
                 view.region.name.c_str(), look_name(view.look), ms);
    return finish_validation(context, 0);
}

}  // namespace dermasim::app
