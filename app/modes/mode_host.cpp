#include "app/modes/mode_host.hpp"

#include "app/modes/consult_mode.hpp"
#include "app/modes/kiosk_mode.hpp"
#include "app/modes/sandbox_mode.hpp"
#include "app/modes/start_screen.hpp"
#include "app/modes/training_mode.hpp"
#include "engine/core/error.hpp"

namespace dermasim::app {

void check_mode_name(std::string_view name) {
    std::string known, available;
    for (const ModeInfo& m : kModes) {
        known += (known.empty() ? "" : ", ") + std::string(m.name);
        if (m.available) available += (available.empty() ? "" : ", ") + std::string(m.name);
    }
    for (const ModeInfo& m : kModes) {
        if (m.name != name) continue;
        if (!m.available)
            throw Error("mode '" + std::string(name) + "' is not available in this version (available: " + available + ")");
        return;
    }
    throw Error("unknown mode '" + std::string(name) + "' (known: " + known + ")");
}

ModeHost::ModeHost(const AppServices& services, const std::string& initial)
    : services_(services), current_(make(initial)) {}

std::unique_ptr<Mode> ModeHost::make(const std::string& name) {
    if (name == "start") return std::make_unique<StartScreen>();
    check_mode_name(name);
    if (name == "training") return std::make_unique<TrainingMode>(services_);
    if (name == "consult") return std::make_unique<ConsultMode>(services_);
    if (name == "kiosk") return std::make_unique<KioskMode>(services_);
    return std::make_unique<SandboxMode>(services_);
}

void ModeHost::frame(const FrameInput& input, double dt_s, SkinView& view) {
    if (input.close_requested && !current_->take_close_request()) request_quit();
    current_->frame(input, dt_s, view);
    if (current_->quit_request) quit_ = true;
    dialog_.draw();
    if (auto next = std::move(current_->switch_request)) {
        current_->switch_request.reset();
        switch_to(*next);
    }
}

void ModeHost::switch_to(const std::string& name) {
    auto go = [this, name] {
        // A mode that cannot start (a kiosk configuration with a mistake, edited while the app ran) leaves the
        // current one as it is and says why, rather than closing the app.
        try {
            current_ = make(name);
        } catch (const std::exception& e) {
            dialog_.tell("Cannot open " + name, e.what());
        }
    };
    std::string loss = current_->prepare_to_leave();
    if (loss.empty()) go();
    else dialog_.ask("Leave this screen?", loss, "Leave anyway", go);
}

void ModeHost::request_quit() {
    if (dialog_.open() || current_->asking()) return;  // one question at a time: ImGui shows one modal
    std::string loss = current_->prepare_to_leave();
    if (loss.empty()) quit_ = true;
    else dialog_.ask("Quit DermaSim?", loss, "Quit anyway", [this] { quit_ = true; });
}

}  // namespace dermasim::app
