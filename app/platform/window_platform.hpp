#pragma once
// The window platform: GLFW window, Vulkan swapchain, real-time clock. It turns GLFW's mouse, keyboard and
// gamepad state into FrameInput, runs App::frame and presents what it returns.
#include <functional>
#include <optional>
#include <string>
#include <vulkan/vulkan.h>

#include "app/app.hpp"
#include "engine/vk/context.hpp"

namespace dermasim::app {

struct WindowOptions {
    VkExtent2D size{1280, 720};
    int frames = 0;                          // quit by itself after this many frames (tests, demos); 0: never
    std::optional<std::string> screenshot;   // PNG of the last frame, written when quitting
    bool exercise_window = false;            // resize, minimise and restore while running (tests)
    std::optional<float> render_scale;       // Renderer::set_moving_scale; none: default_render_scale
    vk::ContextOptions gpu;
};

// Opens the window and runs the app until it quits. setup runs once the app exists (e.g. to start a replay).
// Returns the exit code.
int run_window_app(const WindowOptions& options, AppServices services, const std::string& initial_mode,
                   const std::function<void(App&)>& setup = {});

}  // namespace dermasim::app
