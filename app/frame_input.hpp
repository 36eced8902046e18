#pragma once
// What a person did during one frame, in window terms, from whichever platform drives the app: the GLFW
// window fills it from the mouse, keyboard and gamepad; headless runs and tests fill it themselves.
#include <optional>
#include <glm/vec2.hpp>

namespace dermasim::app {

struct FrameInput {
    glm::vec2 window_size{1280.0f, 720.0f};  // logical pixels, the space cursor positions are in
    std::optional<glm::vec2> cursor;         // over the window
    bool left = false;                       // buttons held
    bool right = false;
    float wheel = 0.0f;                      // notches this frame
    bool shift = false;
    bool pressure_up = false;                // keys held (W / S)
    bool pressure_down = false;
    bool undo = false;                       // ctrl+Z pressed this frame
    std::optional<float> trigger;            // a gamepad's right trigger, 0..1
    bool close_requested = false;            // the window's close button
};

}  // namespace dermasim::app
