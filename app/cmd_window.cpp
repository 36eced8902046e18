// dermasim [window]: the interactive window, on the start screen or in a mode.
#include <cstdio>

#include "app/commands.hpp"
#include "app/modes/kiosk_config.hpp"
#include "app/output_checks.hpp"
#include "app/platform/window_platform.hpp"
#include "app/session_storage.hpp"

namespace dermasim::app {
namespace {
const char* kHelp = R"(dermasim - the interactive window

Usage: dermasim [window] [options]
  --mode M          open mode M: start (default: the start screen), sandbox, training, consult, kiosk
  --kiosk-config F  the kiosk's configuration (default: the shipped assets/kiosk/kiosk.json); checked at start
  --session FILE    save the session to FILE (default: a new file in the sessions folder, named by time,
                    region and device; see below)
  --size WxH        window size (default 1280x720)
  --frames N        quit by itself after N frames (for tests and demos)
  --screenshot FILE write the last frame to a PNG when quitting
  --exercise-window resize, minimise and restore the window while running (tests the swapchain rebuild)
  --render-scale S  while the picture moves (orbiting, rolling, a time-lapse), draw it at S of the window's
                  size, 0.25 to 1; still pictures are always sharp. Default: 1 on a GPU; on a CPU driver it
                  follows the frame time, from 0.5 between 0.25 and 1, towards 28 ms a frame
)";
const char* kHelpMore = R"(
Sandbox and training: left-drag on the skin rolls the roller (or glides the pen), right-drag orbits, wheel
zooms; W/S or shift+wheel set the pressure, a gamepad's right trigger sets it while held; ctrl+Z takes back the
last pass.
Consult: arrow keys or space step through the story, H hides or shows the controls, P saves a picture, B
switches the client's step between the time-lapse and before/after, V saves the six-month time-lapse as a video.
Kiosk: touch or click to try (the try rolls, orbits and zooms as above); the close button asks for the PIN
(digits and Enter on a keyboard, Esc cancels); ctrl+alt+<exit_key> brings up the PIN pad too.
Letter keys are taken by their place on a US keyboard (W/S sit where they do there on any layout).
The session is saved every few seconds while you work, and when you leave. Changing region, device or needle,
clearing, or leaving with work that could not be saved asks first.
Sessions folder: $XDG_DATA_HOME/dermasim/sessions, else ~/.local/share/dermasim/sessions.
Replay a session: 'dermasim replay FILE'. Needs a display (X11); without one use the headless commands.
)";
}  // namespace

WindowOptions window_options(cli::Args& args) {
    WindowOptions o;
    o.size = cli::parse_size(args.value_or("--size", "1280x720"));
    o.frames = args.integer("--frames", 0, 0, 1000000);
    o.screenshot = args.value("--screenshot");
    if (o.screenshot) check_output_file("--screenshot", *o.screenshot);  // before the window runs, not at its end
    o.exercise_window = args.flag("--exercise-window");
    o.render_scale = render_scale_option(args);
    return o;
}

int run_window(const Argv& argv) {
    cli::Args args("dermasim", argv);
    if (args.help_requested()) {
        std::printf("%s%s%s%s", kHelp, kViewFlagsHelp, kGpuFlagsHelp, kHelpMore);
        return 0;
    }
    WindowOptions options = window_options(args);
    std::string mode = args.value_or("--mode", "start");
    if (mode != "start") check_mode_name(mode);
    auto session_file = args.value("--session");
    const Catalog catalog = load_catalog();
    AppServices services;
    services.catalog = &catalog;
    const ViewRequest start = view_from_args(args, catalog.regions);
    services.start_view = start.view;
    services.start_zoom = start.zoom;
    set_session_storage(services, session_file);
    if (auto kiosk = args.value("--kiosk-config")) services.kiosk_config = *kiosk;
    // The kiosk's configuration is checked now, so a mistake in it is reported before the stand goes dark.
    if (mode == "kiosk" || !services.kiosk_config.empty())
        load_kiosk_config(services.kiosk_config.empty() ? default_kiosk_config(catalog) : services.kiosk_config, catalog);
    options.gpu = gpu_options(args);
    args.finish();
    return run_window_app(options, services, mode);
}

}  // namespace dermasim::app
