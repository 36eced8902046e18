#include "app/platform/window_platform.hpp"

#define GLFW_INCLUDE_VULKAN
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <optional>

#include "app/commands.hpp"
#include "app/platform/frame_loop.hpp"
#include "app/platform/frame_stats.hpp"
#include "app/platform/pointer_queue.hpp"
#include "engine/core/error.hpp"
#include "engine/render/annotations.hpp"
#include "engine/render/moving_scale_control.hpp"
#include "engine/render/ui_context.hpp"

namespace dermasim::app {
namespace {

std::string g_glfw_error;
// SIGTERM or SIGINT (a shutdown, ctrl+C in the terminal): leave like the close button, saving first, but
// without a question nobody is there to answer.
volatile std::sig_atomic_t g_terminate = 0;
void on_terminate(int) { g_terminate = 1; }
void on_glfw_error(int, const char* message) { g_glfw_error = message; }

// GLFW's lifetime: init, window, terminate.
struct GlfwWindow {
    GLFWwindow* window = nullptr;
    explicit GlfwWindow(VkExtent2D size) {
        glfwSetErrorCallback(on_glfw_error);
        if (!glfwInit())
            throw Error("cannot open a window: no display (" + g_glfw_error +
                        "). For images without a window use 'dermasim render --out skin.png' or 'dermasim replay "
                        "SESSION --frames DIR'; to run the window without a screen use xvfb-run");
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

// The left button's presses and releases, queued with where they happened (see pointer_queue.hpp). Installed
// before the ImGui backend, which chains to it.
void on_mouse_button(GLFWwindow* window, int button, int action, int) {
    if (button != GLFW_MOUSE_BUTTON_LEFT || action == GLFW_REPEAT) return;
    double x, y;
    glfwGetCursorPos(window, &x, &y);
    static_cast<PointerQueue*>(glfwGetWindowUserPointer(window))->push({action == GLFW_PRESS, {float(x), float(y)}});
}

// This frame's left button and where it acts: the next queued press or release, else the polled state. ImGui
// gets the same (set between the backend's NewFrame and ImGui::NewFrame), so a panel's button and the stage
// see one tap the same way.
PointerState next_pointer(GLFWwindow* window, PointerQueue& queue) {
    double x, y;
    glfwGetCursorPos(window, &x, &y);
    const bool queued = queue.queued() > 0;
    const PointerState pointer =
        queue.next_frame({glfwGetMouseButton(window, GLFW_MOUSE_BUTTON_LEFT) == GLFW_PRESS, {float(x), float(y)}});
    if (queued) {  // else the backend's own values stand (it hides the pointer from an unfocused window)
        ImGuiIO& io = ImGui::GetIO();
        io.MouseDown[0] = pointer.down;
        io.MousePos = ImVec2(pointer.at.x, pointer.at.y);
    }
    return pointer;
}

// GLFW's state this frame, as the platform-independent FrameInput.
FrameInput read_input(GLFWwindow* window, const PointerState& pointer) {
    FrameInput in;
    int w = 0, h = 0;
    glfwGetWindowSize(window, &w, &h);
    in.window_size = {float(w), float(h)};
    const glm::vec2 at = pointer.at;
    if (at.x >= 0 && at.y >= 0 && at.x < float(w) && at.y < float(h)) in.cursor = at;
    in.left = pointer.down;
    in.right = glfwGetMouseButton(window, GLFW_MOUSE_BUTTON_RIGHT) == GLFW_PRESS;
    const ImGuiIO& io = ImGui::GetIO();
    in.wheel = io.MouseWheel;
    in.shift = io.KeyShift;
    in.pressure_up = glfwGetKey(window, GLFW_KEY_W) == GLFW_PRESS;
    in.pressure_down = glfwGetKey(window, GLFW_KEY_S) == GLFW_PRESS;
    // ImGui 1.86 indexes keys by the backend's codes: a named key through GetKeyIndex (ImGuiKey_Z itself is 21,
    // a code no GLFW key has, and ctrl+Z never undid a pass).
    in.undo = io.KeyCtrl && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Z), false);
    GLFWgamepadstate pad;
    if (glfwJoystickIsGamepad(GLFW_JOYSTICK_1) && glfwGetGamepadState(GLFW_JOYSTICK_1, &pad))
        in.trigger = 0.5f * (pad.axes[GLFW_GAMEPAD_AXIS_RIGHT_TRIGGER] + 1.0f);
    if (glfwWindowShouldClose(window)) {
        in.close_requested = true;
        glfwSetWindowShouldClose(window, GLFW_FALSE);  // the app decides (it may ask first)
    }
    return in;
}

// The kiosk fills the screen; other modes get the window back at its size.
void set_fullscreen(GLFWwindow* window, bool on, VkExtent2D size) {
    GLFWmonitor* monitor = glfwGetPrimaryMonitor();
    const GLFWvidmode* mode = monitor ? glfwGetVideoMode(monitor) : nullptr;
    // GLFW minimises a fullscreen window that loses focus (alt+tab, a system pop-up): a stand would then show
    // the desktop until someone came. Not while fullscreen.
    glfwSetWindowAttrib(window, GLFW_AUTO_ICONIFY, on ? GLFW_FALSE : GLFW_TRUE);
    if (on && mode) glfwSetWindowMonitor(window, monitor, 0, 0, mode->width, mode->height, mode->refreshRate);
    else if (!on) glfwSetWindowMonitor(window, nullptr, 40, 40, int(size.width), int(size.height), GLFW_DONT_CARE);
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

int run_window_app(const WindowOptions& options, AppServices services, const std::string& initial_mode,
                   const std::function<void(App&)>& setup) {
    auto start = std::chrono::steady_clock::now();
    GlfwWindow window(options.size);
    vk::ContextOptions gpu = options.gpu;
    uint32_t extension_count = 0;
    const char** extensions = glfwGetRequiredInstanceExtensions(&extension_count);
    gpu.instance_extensions.assign(extensions, extensions + extension_count);
    gpu.swapchain = true;
    gpu.can_present = [](VkInstance instance, VkPhysicalDevice device, uint32_t family) {
        return glfwGetPhysicalDevicePresentationSupport(instance, device, family) == GLFW_TRUE;
    };
    vk::Context context(gpu);
    Surface surface(context.instance(), window.window);
    FrameLoop loop(context, *services.catalog, surface.surface, window.framebuffer_size());
    // A scale given on the command line holds; else on a CPU driver it follows the frame time (dynamic
    // resolution), from half size, between a quarter and full size.
    std::optional<MovingScaleControl> moving_scale;
    if (!options.render_scale && default_render_scale(context) < 1.0f)
        moving_scale.emplace(default_render_scale(context), 0.25f, 1.0f, kMovingFrameTargetMs,
                             loop.renderer().time_moving_pictures());
    loop.renderer().set_moving_scale(options.render_scale.value_or(default_render_scale(context)));
    PointerQueue pointer_queue;
    glfwSetWindowUserPointer(window.window, &pointer_queue);
    glfwSetMouseButtonCallback(window.window, on_mouse_button);
    ImGuiGlfw imgui_glfw(window.window, loop.renderer().ui_context());
    SteadyClock clock;
    services.clock = &clock;
    services.gpu = &context;
    App app(std::move(services), initial_mode);
    if (setup) setup(app);

    std::signal(SIGTERM, on_terminate);
    std::signal(SIGINT, on_terminate);
    std::signal(SIGHUP, on_terminate);  // the terminal that started it closed: save and quit as for SIGTERM
    int drawn = 0;
    FrameStats stats;
    std::chrono::steady_clock::time_point last_drawn;
    bool fullscreen = false;
    std::chrono::steady_clock::time_point last_fullscreen_try;
    try {
    for (int iteration = 0; !app.quit() && !g_terminate; ++iteration) {
        // The renderer's ImGui context is current from window changes and polling events (the GLFW callbacks
        // feed it) through building and drawing the frame; anything else using ImGui brings its own context.
        UiContext::Activate ui_current(loop.renderer().ui_context());
        if (options.exercise_window) exercise_window(window.window, iteration, options.size);
        if (app.host().current().wants_fullscreen != fullscreen) {
            fullscreen = !fullscreen;
            set_fullscreen(window.window, fullscreen, options.size);
            last_fullscreen_try = std::chrono::steady_clock::now();
        } else if (fullscreen && !glfwGetWindowMonitor(window.window) &&
                   std::chrono::steady_clock::now() - last_fullscreen_try > std::chrono::seconds(2)) {
            // The screen went away and came back (a projector switched off overnight, a cable knocked): GLFW
            // leaves the window a plain one, which a visitor could move aside. Fullscreen again, tried every 2 s
            // until a screen takes it.
            set_fullscreen(window.window, true, options.size);
            last_fullscreen_try = std::chrono::steady_clock::now();
        }
        glfwPollEvents();
        VkExtent2D fb = window.framebuffer_size();
        if (fb.width == 0 || fb.height == 0) {  // minimised: nothing to draw until restored
            if (fullscreen) glfwRestoreWindow(window.window);  // a kiosk does not stay minimised
            glfwWaitEventsTimeout(0.05);
            continue;
        }
        loop.renderer().ui().begin_frame();
        ImGui_ImplGlfw_NewFrame();
        const PointerState pointer = next_pointer(window.window, pointer_queue);
        ImGui::NewFrame();
        SkinView view = app.frame(read_input(window.window, pointer));
        // A picture to be saved is drawn sharp, even in the middle of a playing time-lapse or a moving camera:
        // for this one frame the moving scale is 1, so whatever changed is drawn at full size.
        const bool saving = app.host().current().save_frame_request.has_value();
        const float scale = loop.renderer().moving_scale();
        if (saving) {
            view.animating = false;
            loop.renderer().set_moving_scale(1.0f);
        }
        draw_annotations(ImGui::GetBackgroundDrawList(), view, fb);
        ImGui::Render();
        const bool drew = loop.draw(view, ImGui::GetDrawData(), fb);
        if (saving) loop.renderer().set_moving_scale(scale);
        if (drew) {
            ++drawn;
            const auto now = std::chrono::steady_clock::now();
            if (moving_scale && drawn > 1) {
                if (auto pixels = loop.renderer().measured_moving())
                    moving_scale->pixels_measured(pixels->ms, pixels->scale);
                loop.renderer().set_moving_scale(moving_scale->frame(
                    std::chrono::duration<double, std::milli>(now - last_drawn).count(),
                    loop.renderer().drew_moving() && !saving));  // a saved frame's time is not its scale's
            }
            last_drawn = now;
            stats.frame_drawn(loop.renderer().moving_scale());
        }
        // A picture asked for in a frame that was not drawn (the swapchain rebuilt) waits for the next one.
        if (!drew) continue;
        if (auto path = std::move(app.host().current().save_frame_request)) {
            app.host().current().save_frame_request.reset();
            std::string error;
            try {
                write_png(*path, loop.read_last_frame());
            } catch (const Error& e) {
                error = e.what();
            }
            app.host().current().frame_saved(*path, error);
            last_drawn = std::chrono::steady_clock::now();  // the next frame's time leaves out the PNG's writing
        }
        if (drawn == 1)
            std::fprintf(stderr, "dermasim: first frame after %.0f ms\n",
                         std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
        if (options.frames && drawn >= options.frames) break;
    }
    } catch (...) {
        // Whatever went wrong (a lost device, a bug), the session is saved before the error is reported. The
        // wait's own result is ignored: a lost device fails it too, and the save must still happen.
        context.wait_idle_quietly();
        if (std::string loss = app.host().current().prepare_to_leave(); !loss.empty())
            std::fprintf(stderr, "dermasim: %s\n", loss.c_str());
        throw;
    }
    // Leaving by the frame count (tests, demos) or a signal saves like any other exit.
    if (std::string loss = app.host().current().prepare_to_leave(); !loss.empty())
        std::fprintf(stderr, "dermasim: %s\n", loss.c_str());
    if (options.screenshot) write_png(*options.screenshot, loop.read_last_frame());
    context.wait_idle();
    double seconds = clock.now_s();
    std::fprintf(stderr, "dermasim: %d frames in %.1f s (%.1f ms per frame)\n", drawn, seconds,
                 drawn ? seconds * 1000.0 / drawn : 0.0);
    return finish_validation(context, 0);
}

}  // namespace dermasim::app
