// dermasim (no subcommand): the interactive window.
#define GLFW_INCLUDE_VULKAN
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "app/commands.hpp"
#include "app/frame_loop.hpp"
#include "app/skin_panel.hpp"
#include "engine/core/error.hpp"
#include "engine/render/annotations.hpp"
#include "engine/render/ui_context.hpp"

namespace dermasim::app {
SkinView view_from_args(cli::Args& args);

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
Mouse: right-drag orbits, wheel zooms; the panel on the right changes region, look and cut.
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

struct ImGuiGlfw {
    explicit ImGuiGlfw(GLFWwindow* window) { ImGui_ImplGlfw_InitForVulkan(window, true); }
    ~ImGuiGlfw() { ImGui_ImplGlfw_Shutdown(); }
};

// Orbit and zoom from the mouse when ImGui does not want it.
struct CameraInput {
    double last_x = 0, last_y = 0;
    bool dragging = false;
    void update(GLFWwindow* window, OrbitCamera& camera) {
        double x, y;
        glfwGetCursorPos(window, &x, &y);
        bool down = glfwGetMouseButton(window, GLFW_MOUSE_BUTTON_RIGHT) == GLFW_PRESS;
        ImGuiIO& io = ImGui::GetIO();
        if (down && dragging && !io.WantCaptureMouse)
            camera.orbit(float(x - last_x) * 0.3f, float(y - last_y) * 0.3f);
        if (!io.WantCaptureMouse && io.MouseWheel != 0.0f) camera.zoom(io.MouseWheel > 0 ? 0.9f : 1.1f);
        dragging = down;
        last_x = x;
        last_y = y;
    }
};

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
    SkinView view = view_from_args(args);
    vk::ContextOptions options = gpu_options(args);
    args.finish();
    RegionTable regions = RegionTable::load_default();
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
    UiContext ui;
    ImGuiGlfw imgui_glfw(window.window);
    FrameLoop loop(context, surface.surface, window.framebuffer_size());
    CameraInput input;

    int drawn = 0;
    auto last = std::chrono::steady_clock::now();
    for (int iteration = 0; !glfwWindowShouldClose(window.window); ++iteration) {
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
        input.update(window.window, view.camera);
        draw_skin_panel(regions, panel, view);
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
