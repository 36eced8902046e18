#pragma once
// Kiosk: a trade-show stand that needs no one. An attract loop replays the shipped sessions (kiosk config)
// through the sandbox's replay path: the roller passes, the cut opens, the magnified view shows the channels
// closing and the healing plays, with captions. A touch or click starts a visitor's timed try with the roller;
// then a friendly score and the practice skin healed (an illustration). Left alone for idle_seconds, it goes
// back to the loop and the visitor's work is gone (never saved). Locked: fullscreen, the window's close request
// and ctrl+alt+<exit_key> bring up a PIN pad, and only the PIN leaves; three wrong PINs in a row lock the pad
// for a while (doubling). Large controls, for fingers as well as a mouse.
#include <memory>
#include <string>
#include <vector>

#include "app/modes/kiosk_config.hpp"
#include "app/modes/kiosk_score.hpp"
#include "app/modes/mode.hpp"
#include "app/modes/sandbox_mode.hpp"

namespace dermasim::app {

class KioskMode final : public Mode {
public:
    enum class State { Attract, Try, Result };

    explicit KioskMode(const AppServices& services);
    std::string_view name() const override { return "kiosk"; }
    void frame(const FrameInput& input, double dt_s, SkinView& view) override;
    bool take_close_request() override;

    State state() const { return state_; }
    bool pin_pad_open() const { return pin_pad_; }
    int visitor_passes() const;  // passes on the stage now that a visitor made (0 in the loop)
    const KioskConfig& config() const { return config_; }

private:
    void to_attract(const char* why);
    void next_attract();
    void start_try();
    void finish_try();
    void attract_caption(std::string& title, std::string& hint) const;
    void draw_banner(const std::string& title, const std::string& hint) const;
    void draw_try_controls();
    void draw_result();
    void draw_pin_pad();
    void open_pin_pad(const char* why);
    void check_pin();
    std::string pin_lock_message(double now) const;
    void log_soak(double dt_s);

    AppServices stage_services_;  // what the stage sees: no session folder, so a visitor's try is never saved
    KioskConfig config_;
    std::unique_ptr<SandboxMode> stage_;
    State state_ = State::Attract;
    size_t attract_index_ = 0;
    double state_since_s_ = 0, last_touch_s_ = 0, ended_at_s_ = -1;
    std::optional<glm::vec2> last_cursor_;
    bool was_down_ = false;
    TryScore score_;
    // Leaving
    bool pin_pad_ = false;
    std::string pin_typed_, pin_message_;
    int wrong_pins_ = 0;             // in a row
    double last_wrong_pin_s_ = 0;    // clock time of the last wrong PIN
    double pin_locked_until_s_ = 0;  // clock time before which the pad takes no PIN
    // Soak figures: frame times since the last report, and when it was
    std::vector<float> frame_ms_;
    double next_report_s_ = 0;
};

}  // namespace dermasim::app
