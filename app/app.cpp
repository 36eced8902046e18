#include "app/app.hpp"

#include "app/modes/sandbox_mode.hpp"
#include "app/modes/training_mode.hpp"

namespace dermasim::app {

App::App(AppServices services, const std::string& initial_mode)
    : services_(std::move(services)), host_(services_, initial_mode), view_(services_.start_view),
      last_frame_s_(services_.clock->now_s()) {}

const SkinView& App::frame(const FrameInput& input) {
    const double now = services_.clock->now_s();
    const double dt = now - last_frame_s_;
    last_frame_s_ = now;
    host_.frame(input, dt, view_);
    return view_;
}

SandboxMode* App::sandbox() { return dynamic_cast<SandboxMode*>(&host_.current()); }
TrainingMode* App::training() { return dynamic_cast<TrainingMode*>(&host_.current()); }

}  // namespace dermasim::app
