#pragma once
// The app, independent of any platform: the window (GLFW + swapchain) and headless runs (offscreen renderer,
// fixed clock) both call frame() once per frame, between ImGui::NewFrame and ImGui::Render, and draw the view
// it returns. Time comes only from the injected clock.
#include <string>

#include "app/frame_input.hpp"
#include "app/modes/mode_host.hpp"

namespace dermasim::app {

class SandboxMode;
class TrainingMode;

class App {
public:
    // initial_mode: a mode name, or "start" for the start screen.
    App(AppServices services, const std::string& initial_mode);
    App(const App&) = delete;  // the host and modes keep pointers into services_
    App& operator=(const App&) = delete;

    const SkinView& frame(const FrameInput& input);
    bool quit() const { return host_.quit(); }
    ModeHost& host() { return host_; }
    SandboxMode* sandbox();  // the current mode if it is the sandbox
    TrainingMode* training();  // the current mode if it is training

private:
    AppServices services_;
    ModeHost host_;
    SkinView view_;
    double last_frame_s_;
};

}  // namespace dermasim::app
