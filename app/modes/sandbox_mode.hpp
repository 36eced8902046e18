#pragma once
// Sandbox: free practice. Treating and healing are states inside it: the trainee rolls or glides on the skin
// (every sample recorded and autosaved), then starts the healing time-lapse; a recorded session can be
// replayed into the same states, its passes as they were made and then its healing.
#include <optional>
#include <string>

#include "app/healing_player.hpp"
#include "app/layout.hpp"
#include "app/modes/confirm_dialog.hpp"
#include "app/modes/mode.hpp"
#include "app/panels/skin_panel.hpp"
#include "app/panels/timeline_panel.hpp"
#include "app/panels/treatment_panel.hpp"
#include "app/treatment_controller.hpp"
#include "engine/session/autosave.hpp"
#include "engine/session/session_record.hpp"

namespace dermasim::app {

class SandboxMode final : public Mode {
public:
    enum class State { Treating, Replaying, Healing };
    inline static constexpr double kHealDays = 365.0;  // the window's time-lapse runs a year
    inline static constexpr double kPressurePerSecond = 0.5;  // W/S: light to firm in two seconds
    inline static constexpr float kTriggerAtRest = 0.02f;       // a gamepad trigger at or under this is let go

    explicit SandboxMode(const AppServices& services);
    std::string_view name() const override { return "sandbox"; }
    void frame(const FrameInput& input, double dt_s, SkinView& view) override;
    std::string prepare_to_leave() override;
    bool asking() const override { return dialog_.open(); }
    // "Saved to FILE", or why the last save failed (it is tried again), or "" before anything was saved.
    std::string save_status() const;

    // Plays a recorded session back: its passes as they were made, at speed x their pace, then heal_days of
    // healing (none when 0). The region, device, needle and aftercare come from the record.
    void start_replay(const SessionRecord& session, double speed, double heal_days);
    // What the panels return, applied (asking first where work would leave the screen).
    void apply(const SkinIntent& intent);
    void apply(const TreatmentIntent& intent);
    void apply(const TimelineIntent& intent);

    State state() const { return state_; }
    const TreatmentController& treatment() const { return treatment_; }
    const HealingPlayer& healing() const { return healing_; }
    const TimelineState& timeline() const { return timeline_; }
    const Autosaver& autosaver() const { return autosaver_; }
    ConfirmDialog& dialog() { return dialog_; }
    SessionRecord record() const;  // the session as it stands
    // Training runs its lesson on the sandbox's skin and recording: the record then says so and carries the
    // lesson and answers (a change is saved like new input).
    void set_lesson(const std::string& mode, const LessonRecord& lesson);
    // Saves now, even with no pass (a client turned away is still a session); false when it could not.
    bool save_now();
    uint64_t revision() const { return treatment_.revision() + settings_revision_; }
    bool show_panels = true;
    bool follow_work = false;  // a replay moves the cut through the densest channels after each pass
    // The magnified cut (MicroView::rect) on the channels the cut meets; none: not shown. The window shows it
    // while healing, below the skin panel; the skin panel's checkbox turns it on and off.
    std::optional<glm::vec4> micro_rect;
    // Healing of headless replays: sampled as 'simulate' samples (so the numbers match) with a snapshot at every
    // sample for the frames; the window samples every 3 h and thins its snapshots.
    std::optional<double> headless_sample_hours;
    glm::vec4 headless_area = kHeadlessArea;  // where the block goes without panels

private:
    void handle_scene_input(const FrameInput& input, double dt_s);
    void frame_block(glm::vec2 window);
    void feed_replay();
    void start_healing(double days);
    void new_session();  // after a region, device or needle change, or a clear
    // Runs change now if nothing would leave the screen, else asks first.
    void ask_first(const std::string& question, const std::function<void()>& change);
    void autosave();
    bool keeps_sessions() const;

    const AppServices& services_;
    SkinView view_;
    TreatmentController treatment_;
    HealingPlayer healing_;
    TimelineState timeline_;
    Aftercare aftercare_;
    std::optional<double> healing_days_;
    std::string record_mode_ = "sandbox";
    std::optional<LessonRecord> lesson_;
    std::string created_utc_;
    uint64_t settings_revision_ = 0;
    Autosaver autosaver_;
    std::filesystem::path announced_path_;  // the save file last named on stderr
    ConfirmDialog dialog_;
    State state_ = State::Treating;
    std::optional<double> session_origin_s_;  // clock time of session time 0 (set at the first put-down)
    // Replay
    StrokeScript replay_;
    double replay_start_s_ = 0, replay_speed_ = 1, replay_heal_days_ = 0;
    size_t replay_stroke_ = 0, replay_point_ = 0;
    // Camera drag
    std::optional<glm::vec2> last_cursor_;
    bool orbiting_ = false;
    float frame_ms_ = 0;
    glm::vec2 framed_for_{0.0f};  // the window size the camera was last fitted for (0: not yet)
    std::optional<float> pressure_before_trigger_;  // set while a gamepad's trigger holds the pressure
    std::optional<bool> magnified_;  // the person's choice; unset: shown while healing
    ShownSnapshot shown_;
};

}  // namespace dermasim::app
