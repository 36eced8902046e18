#pragma once
// The dermasim subcommands. Each parses its own arguments, prints its own --help and returns an exit code.
#include <optional>
#include <string>
#include <vector>
#include "app/cli.hpp"
#include "app/layout.hpp"
#include "engine/core/catalog.hpp"
#include "engine/render/skin_view.hpp"
#include "engine/vk/context.hpp"

namespace dermasim::app {

using Argv = std::vector<std::string>;

int run_window(const Argv& args);
int run_replay(const Argv& args);
int run_render(const Argv& args);
int run_simulate(const Argv& args);
int run_bench(const Argv& args);
int run_make_models(const Argv& args);
int run_score(const Argv& args);
int run_history(const Argv& args);

// Every command loads the asset catalogue once, here, and passes it down; it says on stderr which asset folder
// it uses ("dermasim: assets: PATH"), so an installed copy that fell back to a source tree is easy to spot.
// with_models = false: the parameter tables only (Catalog::load_tables), for make-models.
Catalog load_catalog(bool with_models = true);

// The view flags shared by render, simulate, replay and the window: --region --look --cut --yaw --pitch --zoom
// --no-labels. The camera is fitted to the block once the image size (and any change of region or cut) is known.
// What a headless picture shows (--view): the block, the magnified cut alone, or the block with it as an inset.
enum class PictureView { Block, Micro, Both };

struct ViewRequest {
    SkinView view;
    float zoom = 1.0f;
    bool cut_given = false;  // --cut was given: keep it; else pictures put the cut through the work
    PictureView picture = PictureView::Block;
    void frame(VkExtent2D size);  // fits the camera for a headless image of this size
    // Puts the cut through the work (unless --cut was given), shows the chosen picture on those channels and
    // frames the block again.
    void follow_work(const PunctureList& punctures, VkExtent2D size);
};
ViewRequest view_from_args(cli::Args& args, const RegionTable& regions);
PictureView picture_view_from_args(cli::Args& args);  // --view block|micro|both (default both)

// Flags every GPU command takes: --gpu NAME and --validate (or DERMASIM_VALIDATION=1).
vk::ContextOptions gpu_options(cli::Args& args);
// After a run with validation: reports and turns any validation message into a failure.
int finish_validation(const vk::Context& context, int exit_code);
extern const char* kGpuFlagsHelp;
extern const char* kViewFlagsHelp;
// --render-scale S (0.25 to 1): the size at which the window draws a picture that is moving, as a fraction of
// the frame (Renderer::set_moving_scale). None when not given.
std::optional<float> render_scale_option(cli::Args& args);
// What the window starts from without --render-scale: full size on a GPU; half size on a CPU driver, which shades
// every pixel on the CPU (lavapipe: 55-310 ms a full-size frame at 1280x720, 14-80 ms at half size), and where
// the window then follows the frame time (engine/render/moving_scale_control.hpp).
float default_render_scale(const vk::Context& context);

}  // namespace dermasim::app
