// dermasim (no subcommand): the interactive window.
#define GLFW_INCLUDE_VULKAN
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "app/commands.hpp"
#include "app/frame_loop.hpp"
#include "app/healing_player.hpp"
#include "app/skin_panel.hpp"
#include "app/timeline_panel.hpp"
#include "app/treatment_controller.hpp"
#include "app/treatment_panel.hpp"
#include "engine/core/error.hpp"
#include "engine/render/annotations.hpp"
#include "engine/render/ui_context.hpp"

namespace dermasim::app {
namespace {
const char* kHelp = R"(dermasim - the interactive window

Usage: dermasim [options]
  --region R        body region to show first (default cheek)
  --look L          illustrated (default) or histology
  --cut F           cut plane position 0..1 (default 0.5)
  --size WxH        window size (default 1280x720)
  --frames N        quit by itself after N frames (for tests and demos)
  --screenshot FILE write the last frame to a PNG when quitting
  --exercise-window resize, minimise and restore the window while running (tests the swapchain rebuild)
  --strokes FILE    replay a recorded stroke script (e.g. one saved with 'Save strokes') at start
  --heal DAYS       start the healing time-lapse at once, over DAYS days (with --strokes)
Mouse: left-drag on the skin rolls the roller (or glides the pen), right-drag orbits, wheel zooms;
W/S, shift+wheel or a gamepad's right trigger set the pressure. Panels: skin (region, look, cut) and treatment.
Needs a display (X11). Without one, use the headless commands: 'dermasim render --help'.
)";

std::string g_glfw_error;
void on_glfw_error(int, const char* message) { g_glfw_error = message; }

// GLFW's lifetime: init, window, terminate.
struct GlfwWindow {
    GLFWwindow* window = nullptr;
    GlfwWindow(VkExtent2D size) {
        glfwSetErrorCallback(on_glfw_error);
        if (!glfwInit())
            throw Error("cannot open a window: no display (" + g_glfw_error +
                        "). For images without a window use 'dermasim render --out skin.png'; "
                        "to run the window without a screen use xvfb-run");
        if (!glfwVulkanSupported()) {
            glfwTerminate();
            throw Error("the window system offers no Vulkan presentation (install a Vulkan driver, e.g. "
                        "mesa-vulkan-drivers)");
        }
        glfwWindowHint(GLFW_CLIENT_API, GLFW_NO_API);
        window = glfwCreateWindow(int(size.width), int(size.height), "DermaSim", nullptr, nullptr);
        if (!window) {
            glfwTerminate();
            throw Error("cannot create the window: " + g_glfw_error);
        }
    }
    ~GlfwWindow() {
        glfwDestroyWindow(window);
        glfwTerminate();
    }
    VkExtent2D framebuffer_size() const {
        int w = 0, h = 0;
        glfwGetFramebufferSize(window, &w, &h);
        return {uint32_t(w), uint32_t(h)};
    }
};

struct Surface {
    VkInstance instance;
    VkSurfaceKHR surface = VK_NULL_HANDLE;
    Surface(VkInstance inst, GLFWwindow* window) : instance(inst) {
        VK_CHECK(glfwCreateWindowSurface(instance, window, nullptr, &surface));
    }
    ~Surface() { vkDestroySurfaceKHR(instance, surface, nullptr); }
};

// The GLFW platform backend, bound to the renderer's ImGui context: it keeps its data in that context, and the
// input callbacks it installs run inside glfwPollEvents and write to whatever context is current then. So it
// starts and stops with that context current, and the loop polls events with it current (see the loop).
struct ImGuiGlfw {
    const UiContext& ui;
    ImGuiGlfw(GLFWwindow* window, const UiContext& context) : ui(context) {
        UiContext::Activate active(ui);
        ImGui_ImplGlfw_InitForVulkan(window, true);
    }
    ~ImGuiGlfw() {
        UiContext::Activate active(ui);
        ImGui_ImplGlfw_Shutdown();
    }
};

// Mouse, keyboard and gamepad: right-drag orbits, wheel zooms, left-drag on the skin treats it, W/S, shift+wheel
// or a gamepad's right trigger set the pressure. Nothing reaches the scene while ImGui wants the input.
struct SceneInput {
    double last_x = 0, last_y = 0;
    bool orbiting = false;

    // treating: false while the healing time-lapse plays (the skin can be looked at, not needled).
    void update(GLFWwindow* window, SkinView& view, TreatmentController& treatment, double now, bool treating) {
        double x, y;
        glfwGetCursorPos(window, &x, &y);
        ImGuiIO& io = ImGui::GetIO();
        bool free = !io.WantCaptureMouse;
        bool right = glfwGetMouseButton(window, GLFW_MOUSE_BUTTON_RIGHT) == GLFW_PRESS;
        if (right && orbiting && free) view.camera.orbit(float(x - last_x) * 0.3f, float(y - last_y) * 0.3f);
        orbiting = right;
        if (free && io.MouseWheel != 0.0f) {
            if (io.KeyShift) treatment.set_pressure(std::clamp(treatment.pressure() + 0.05f * io.MouseWheel, 0.0f, 1.0f));
            else view.camera.zoom(io.MouseWheel > 0 ? 0.9f : 1.1f);
        }
        if (!io.WantCaptureKeyboard) {
            if (glfwGetKey(window, GLFW_KEY_W) == GLFW_PRESS)
                treatment.set_pressure(std::min(1.0f, treatment.pressure() + 0.01f));
            if (glfwGetKey(window, GLFW_KEY_S) == GLFW_PRESS)
                treatment.set_pressure(std::max(0.0f, treatment.pressure() - 0.01f));
        }
        GLFWgamepadstate pad;
        if (glfwJoystickIsGamepad(GLFW_JOYSTICK_1) && glfwGetGamepadState(GLFW_JOYSTICK_1, &pad))
            treatment.set_pressure(std::clamp(0.5f * (pad.axes[GLFW_GAMEPAD_AXIS_RIGHT_TRIGGER] + 1.0f), 0.0f, 1.0f));

        // Where the cursor meets the visible skin surface (in front of the cut plane the skin is cut away).
        int w, h;
        glfwGetWindowSize(window, &w, &h);
        std::optional<glm::vec2> on_skin;
        if (auto hit = view.camera.surface_point({float(x), float(y)}, {float(w), float(h)})) {
            glm::vec2 patch(hit->x + 0.5f * view.width_mm, hit->z + 0.5f * view.width_mm);
            if (on_patch(patch) && hit->z <= view.cut_z_mm()) on_skin = patch;
        }
        bool left = treating && glfwGetMouseButton(window, GLFW_MOUSE_BUTTON_LEFT) == GLFW_PRESS;
        if (left && on_skin && (free || treatment.down())) {
            if (!treatment.down()) treatment.put_down(*on_skin, now);
            else treatment.move(*on_skin, now);
        } else if (treatment.down()) {
            treatment.lift();
        }
        if (on_skin && !treatment.down()) treatment.hover(*on_skin);
        else if (!on_skin && !treatment.down()) treatment.hide();
        last_x = x;
        last_y = y;
    }
};

// Saves the recorded strokes next to where dermasim was started, named by the time; never overwrites.
std::string save_recording(const StrokeScript& script) {
    char name[64];
    std::time_t now = std::time(nullptr);
    std::strftime(name, sizeof name, "dermasim-strokes-%Y%m%d-%H%M%S.json", std::localtime(&now));
    try {
        save_stroke_script(script, name);
        return std::string("Saved ") + name + " (replay: dermasim simulate --strokes " + name + " ...)";
    } catch (const Error& e) {
        return std::string("Could not save: ") + e.what();
    }
}

// A scripted sequence of window changes for the smoke test: grow, minimise, restore, shrink back.
void exercise_window(GLFWwindow* window, int iteration, VkExtent2D size) {
    switch (iteration) {
        case 6: glfwSetWindowSize(window, int(size.width * 5 / 4), int(size.height * 5 / 4)); break;
        case 10: glfwIconifyWindow(window); break;
        case 13: glfwRestoreWindow(window); break;
        case 16: glfwSetWindowSize(window, int(size.width), int(size.height)); break;
        default: break;
    }
}

}  // namespace

int run_window(const Argv& argv) {
    cli::Args args("dermasim", argv);
    if (args.help_requested()) {
        std::printf("%s%s", kHelp, kGpuFlagsHelp);
        return 0;
    }
    VkExtent2D size = cli::parse_size(args.value_or("--size", "1280x720"));
    int frames = args.integer("--frames", 0, 0, 1000000);
    auto screenshot = args.value("--screenshot");
    bool exercise = args.flag("--exercise-window");
    auto strokes = args.value("--strokes");
    double heal_days = args.number("--heal", 0.0, 0.0, 3650.0);
    const Catalog catalog = load_catalog();
    SkinView view = view_from_args(args, catalog.regions);
    view.camera = OrbitCamera::overview(view.width_mm, view.block_depth_mm());  // treating needs the whole patch
    vk::ContextOptions options = gpu_options(args);
    args.finish();
    const RegionTable& regions = catalog.regions;
    PanelState panel;
    for (int i = 0; i < int(regions.regions().size()); ++i)
        if (regions.regions()[i].id == view.region.id) panel.region_index = i;

    auto start = std::chrono::steady_clock::now();
    GlfwWindow window(size);
    uint32_t extension_count = 0;
    const char** extensions = glfwGetRequiredInstanceExtensions(&extension_count);
    options.instance_extensions.assign(extensions, extensions + extension_count);
    options.swapchain = true;
    vk::Context context(options);
    Surface surface(context.instance(), window.window);
    FrameLoop loop(context, catalog, surface.surface, window.framebuffer_size());
    ImGuiGlfw imgui_glfw(window.window, loop.renderer().ui_context());
    SceneInput input;
    TreatmentController treatment(view.region, catalog.roller, catalog.pen);
    std::string status;
    if (strokes) treatment.replay(load_stroke_script(*strokes));
    HealingPlayer healing(catalog);
    TimelineState timeline;
    AftercareChoice aftercare;
    const std::vector<std::string> serums = catalog.serum_names();
    if (heal_days > 0) healing.start(view.region, *treatment.punctures(), heal_days, false, "");

    int drawn = 0;
    auto last = std::chrono::steady_clock::now();
    for (int iteration = 0; !glfwWindowShouldClose(window.window); ++iteration) {
        // The renderer's ImGui context is current from window changes and polling events (the GLFW callbacks
        // feed it) through building and drawing the frame; anything else using ImGui brings its own context.
        UiContext::Activate ui_current(loop.renderer().ui_context());
        if (exercise) exercise_window(window.window, iteration, size);
        glfwPollEvents();
        VkExtent2D fb = window.framebuffer_size();
        if (fb.width == 0 || fb.height == 0) {  // minimised: nothing to draw until restored
            glfwWaitEventsTimeout(0.05);
            continue;
        }
        loop.renderer().ui().begin_frame();
        ImGui_ImplGlfw_NewFrame();
        ImGui::NewFrame();
        input.update(window.window, view, treatment, glfwGetTime(), !healing.active());
        std::string region_before = view.region.id;
        draw_skin_panel(regions, panel, view);
        if (view.region.id != region_before) treatment.set_region(view.region);
        if (healing.active()) {
            draw_timeline_panel(healing, timeline, ImGui::GetIO().DeltaTime);
            view.channel_openness = float(healing.openness_at(timeline.day));
            auto snapshot = healing.snapshot_at(timeline.day);
            if (snapshot != view.tissue) {
                view.tissue = snapshot;
                ++view.tissue_version;
            }
            view.overlay = timeline.overlay;
            if (timeline.close_requested) {
                healing.reset();
                view.channel_openness = 1.0f;
                view.tissue.reset();
                view.overlay = Overlay::None;
            }
        } else {
            TreatmentPanelActions actions = draw_treatment_panel(treatment, view.region, aftercare, serums);
            if (actions.save_strokes) status = save_recording(treatment.recording());
            if (actions.heal) {
                std::string serum = aftercare.serum ? serums[aftercare.serum - 1] : "";
                healing.start(view.region, *treatment.punctures(), 365.0, aftercare.occluded, serum,
                              aftercare.sessions, aftercare.interval_days);
                timeline = TimelineState();
            }
        }
        if (!status.empty()) {
            ImGui::SetNextWindowPos(ImVec2(fb.width * 0.5f, fb.height - 12.0f), ImGuiCond_Always, ImVec2(0.5f, 1.0f));
            ImGui::Begin("status", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize);
            ImGui::TextUnformatted(status.c_str());
            ImGui::End();
        }
        view.device = healing.active() ? std::nullopt : treatment.pose();
        view.punctures = treatment.punctures();
        view.punctures_version = treatment.punctures_version();
        if (view.annotations) draw_annotations(ImGui::GetBackgroundDrawList(), view, fb);
        ImGui::Render();
        if (loop.draw(view, ImGui::GetDrawData(), fb)) ++drawn;

        auto now = std::chrono::steady_clock::now();
        float ms = std::chrono::duration<float, std::milli>(now - last).count();
        panel.frame_ms = panel.frame_ms == 0 ? ms : panel.frame_ms * 0.9f + ms * 0.1f;
        last = now;
        if (drawn == 1)
            std::fprintf(stderr, "dermasim: first frame after %.0f ms\n",
                         std::chrono::duration<double, std::milli>(now - start).count());
        if (frames && drawn >= frames) break;
    }
    if (screenshot) write_png(*screenshot, loop.read_last_frame());
    context.wait_idle();
    std::fprintf(stderr, "dermasim: %d frames, %.1f ms per frame (smoothed)\n", drawn, panel.frame_ms);
    return finish_validation(context, 0);
}

}  // namespace dermasim::app
