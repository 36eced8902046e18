#include "app/modes/kiosk_mode.hpp"

#include <imgui.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <utility>

#include "engine/skin/tissue_grid.hpp"

namespace dermasim::app {
namespace {

constexpr glm::vec4 kBlockBesideInset{0.03f, 0.2f, 0.6f, 0.84f};
constexpr glm::vec4 kInset{0.62f, 0.2f, 0.36f, 0.64f};  // x, y, w, h
constexpr glm::vec4 kBlockAlone{0.08f, 0.2f, 0.92f, 0.84f};
constexpr double kHoldAtEndS = 3.0;   // the loop rests on its last picture before the next session
constexpr int kTimelineDayPerSecond = 1, kTimelineWeekPerSecond = 2;  // kPlaybackSpeeds indices

double resident_mb() {
    std::ifstream statm("/proc/self/statm");
    long pages = 0, resident = 0;
    statm >> pages >> resident;
    return double(resident) * double(sysconf(_SC_PAGESIZE)) / (1024.0 * 1024.0);
}

bool huge_button(const char* label, ImVec2 size) {
    ImGui::SetWindowFontScale(1.6f);
    const bool pressed = ImGui::Button(label, size);
    ImGui::SetWindowFontScale(1.0f);
    return pressed;
}

}  // namespace

KioskMode::KioskMode(const AppServices& services) : stage_services_(services) {
    stage_services_.session_folder.clear();
    stage_services_.session_file.clear();
    config_ = load_kiosk_config(services.kiosk_config.empty() ? default_kiosk_config(*services.catalog)
                                                              : services.kiosk_config,
                                *services.catalog);
    wants_fullscreen = config_.fullscreen;
    next_report_s_ = services.clock->now_s() + config_.report_seconds;
    std::fprintf(stderr, "dermasim: kiosk: attract loop of %zu sessions; idle reset after %.0f s\n",
                 config_.attract.size(), config_.idle_seconds);
    if (config_.pin == kShippedKioskPin)
        std::fprintf(stderr, "dermasim: kiosk: warning: the PIN is the shipped one; set your own in the kiosk's "
                     "configuration (--kiosk-config FILE, \"pin\")\n");
    next_attract();
}

int KioskMode::visitor_passes() const { return state_ == State::Attract ? 0 : stage_->treatment().passes(); }

void KioskMode::next_attract() {
    const AttractItem& item = config_.attract[attract_index_ % config_.attract.size()];
    ++attract_index_;
    stage_ = std::make_unique<SandboxMode>(stage_services_);
    stage_->show_panels = false;
    stage_->follow_work = true;
    stage_->headless_area = kBlockBesideInset;
    stage_->micro_rect = kInset;
    stage_->start_replay(item.session, item.speed, item.heal_days);
    TimelineIntent pace;
    pace.speed_index = kTimelineDayPerSecond;
    stage_->apply(pace);
    ended_at_s_ = -1;
}

void KioskMode::to_attract(const char* why) {
    const int passes = visitor_passes();
    stage_.reset();  // the visitor's passes and healing go with the stage: nothing of them is kept
    state_ = State::Attract;
    pin_pad_ = false;
    std::fprintf(stderr, "dermasim: kiosk: %s: back to the attract loop; the visitor's %d passes are gone\n", why,
                 passes);
    next_attract();
}

void KioskMode::start_try() {
    stage_ = std::make_unique<SandboxMode>(stage_services_);
    stage_->show_panels = false;
    stage_->headless_area = kBlockAlone;
    stage_->micro_rect.reset();
    state_ = State::Try;
    state_since_s_ = stage_services_.clock->now_s();
    std::fprintf(stderr, "dermasim: kiosk: a visitor's try starts (%.0f s)\n", config_.try_seconds);
}

void KioskMode::finish_try() {
    score_ = score_try(*stage_->treatment().punctures(), kPatchSizeMm);
    std::fprintf(stderr, "dermasim: kiosk: try finished: %d passes, coverage %.0f %%, %d stars\n",
                 stage_->treatment().passes(), score_.coverage * 100.0, score_.stars);
    state_ = State::Result;
    state_since_s_ = stage_services_.clock->now_s();
    if (stage_->treatment().passes() == 0) return;
    // The try heals through the same replay path as the loop: its own recording, played at once, then healing.
    // As in the loop, each replayed pass frames the block beside the inset and puts the cut through the
    // visitor's channels (the try's framing, the block alone, would sit under the inset).
    stage_->headless_area = kBlockBesideInset;
    stage_->micro_rect = kInset;
    stage_->follow_work = true;
    stage_->start_replay(stage_->record(), 1000.0, config_.try_heal_days);
}

bool KioskMode::take_close_request() {
    open_pin_pad("close request");
    return true;
}

void KioskMode::open_pin_pad(const char* why) {
    const double now = stage_services_.clock->now_s();
    last_touch_s_ = now;  // someone is at the stand: the pad must not close at once as left open
    pin_pad_ = true;
    pin_typed_.clear();
    pin_message_ = now < pin_locked_until_s_ ? pin_lock_message(now) : "Staff only: enter the PIN to close the kiosk.";
    std::fprintf(stderr, "dermasim: kiosk: %s refused: the PIN is needed to leave\n", why);
}

std::string KioskMode::pin_lock_message(double now) const {
    char line[96];
    std::snprintf(line, sizeof line, "Too many wrong PINs: wait %.0f s.", std::ceil(pin_locked_until_s_ - now));
    return line;
}

void KioskMode::frame(const FrameInput& input, double dt_s, SkinView& view) {
    const double now = stage_services_.clock->now_s();
    const ImGuiIO& io = ImGui::GetIO();
    // Any touch, click or movement counts as someone at the stand.
    const bool pressed = input.left && !was_down_;
    if (input.left || input.right || (input.cursor && last_cursor_ && *input.cursor != *last_cursor_)) last_touch_s_ = now;
    was_down_ = input.left;
    last_cursor_ = input.cursor;
    // ImGui 1.86 indexes keys by the backend's codes; GLFW's code of a letter is its upper-case ASCII.
    // The staff's keys open the PIN pad: a visitor with a keyboard (or who read the help) must not leave with them.
    if (io.KeyCtrl && io.KeyAlt && ImGui::IsKeyPressed(config_.exit_key, false)) open_pin_pad("exit keys");
    if (!io.InputQueueCharacters.empty()) last_touch_s_ = now;  // typing a PIN is someone at the stand too

    if (pin_pad_ && now - last_touch_s_ > config_.idle_seconds) {  // in the loop too: taps start no try under it
        pin_pad_ = false;
        std::fprintf(stderr, "dermasim: kiosk: the PIN pad was left open: closed\n");
    }
    if (state_ != State::Attract && now - last_touch_s_ > config_.idle_seconds) to_attract("nobody touched it");
    // A result ends even while the screen is "touched" all the time (a bag against it, a stuck button, a
    // jittering pointer): the try before it is bounded by try_seconds, and so is the result after.
    if (state_ == State::Result && now - state_since_s_ > config_.try_seconds + config_.idle_seconds)
        to_attract("the result was shown its longest");
    if (state_ == State::Attract && pressed && !pin_pad_ && !io.WantCaptureMouse) start_try();

    // The stage sees the visitor's hands only during a try, and never while the PIN pad is up.
    FrameInput stage_input = input;
    if (state_ != State::Try || pin_pad_) {
        stage_input.left = stage_input.right = stage_input.pressure_up = stage_input.pressure_down = false;
        stage_input.undo = false;
        stage_input.wheel = 0;
        stage_input.cursor.reset();
        stage_input.trigger.reset();
    }
    stage_input.close_requested = false;
    stage_->frame(stage_input, dt_s, view);
    view.annotations = false;  // few words for passers-by: the banner and the magnified cut's key say it
    view.micro_key = true;
    view.plain_words = true;

    if (state_ == State::Attract) {
        std::string why;
        const bool failed = stage_->healing().failed(&why);
        if (failed && ended_at_s_ < 0) std::fprintf(stderr, "dermasim: kiosk: the loop's healing failed: %s\n", why.c_str());
        // A healing that failed ends its item too: the loop goes on rather than hold one picture for good.
        const bool over = failed || (stage_->state() == SandboxMode::State::Healing && !stage_->timeline().playing &&
                                     stage_->timeline().day >= stage_->healing().total_days());
        if (over && ended_at_s_ < 0) ended_at_s_ = now;
        if (ended_at_s_ >= 0 && now - ended_at_s_ > kHoldAtEndS) next_attract();
        std::string title, hint;
        attract_caption(title, hint);
        draw_banner(title, hint);
    } else if (state_ == State::Try) {
        if (now - state_since_s_ >= config_.try_seconds) finish_try();
        else draw_try_controls();
    } else {
        if (stage_->state() == SandboxMode::State::Healing && stage_->timeline().speed_index != kTimelineWeekPerSecond) {
            TimelineIntent pace;
            pace.speed_index = kTimelineWeekPerSecond;
            stage_->apply(pace);
        }
        draw_result();
    }
    if (pin_pad_) draw_pin_pad();
    log_soak(dt_s);
}

void KioskMode::attract_caption(std::string& title, std::string& hint) const {
    hint = "Touch the screen to try the roller yourself!";
    if (stage_->state() != SandboxMode::State::Healing) {
        title = "The roller passes over the skin, making tiny channels";
        return;
    }
    const double day = stage_->timeline().day;
    if (day < 0.5) title = "A slice through the skin: the tiny channels, magnified on the right";
    // New collagen III shows as orange fibres in the magnified cut from about the end of the first week (day 5
    // of a 1 mm forehead session showed barely any, day 10 plenty); the caption waits for it.
    else if (day < 7.0) title = "The channels close within hours, and the body starts repairing";
    else title = "Over weeks, new collagen builds up (orange fibres on the right)";
}

void KioskMode::draw_banner(const std::string& title, const std::string& hint) const {
    ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x * 0.5f, 16.0f), ImGuiCond_Always, ImVec2(0.5f, 0.0f));
    ImGui::SetNextWindowSize(ImVec2(io.DisplaySize.x - 32.0f, 0.0f));
    ImGui::Begin("##kiosk_banner", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                                ImGuiWindowFlags_NoInputs | ImGuiWindowFlags_AlwaysAutoResize);
    ImGui::SetWindowFontScale(2.0f);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(title.c_str());
    ImGui::PopTextWrapPos();
    ImGui::End();
    if (hint.empty()) return;
    // The invitation pulses gently at the bottom.
    const float pulse = 0.75f + 0.25f * float(std::sin(stage_services_.clock->now_s() * 3.0));
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x * 0.5f, io.DisplaySize.y - 44.0f), ImGuiCond_Always, ImVec2(0.5f, 1.0f));
    ImGui::SetNextWindowBgAlpha(0.85f);
    ImGui::Begin("##kiosk_hint", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                              ImGuiWindowFlags_NoInputs | ImGuiWindowFlags_AlwaysAutoResize);
    ImGui::SetWindowFontScale(2.0f);
    ImGui::TextColored(ImVec4(1.0f, 0.85f * pulse, 0.4f * pulse, 1.0f), "%s", hint.c_str());
    ImGui::End();
}

void KioskMode::draw_try_controls() {
    const double left = config_.try_seconds - (stage_services_.clock->now_s() - state_since_s_);
    char title[96];
    std::snprintf(title, sizeof title, "Your turn! Drag the roller over the skin: %.0f s left", std::ceil(left));
    draw_banner(title, "");
    ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x * 0.5f, io.DisplaySize.y - 16.0f), ImGuiCond_Always, ImVec2(0.5f, 1.0f));
    ImGui::Begin("##kiosk_try", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_AlwaysAutoResize);
    if (huge_button("I'm done: show the healing", ImVec2(560.0f, 72.0f))) finish_try();
    ImGui::End();
}

void KioskMode::draw_result() {
    char title[96];
    // The practice skin, not the visitor's: an illustration, as every public screen says.
    std::snprintf(title, sizeof title, "The practice skin after %.0f days (an illustration)", config_.try_heal_days);
    std::string stars(size_t(score_.stars), '*');
    draw_banner(std::string(title) + "   " + stars + "  " + score_.message, "");
    ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x * 0.5f, io.DisplaySize.y - 16.0f), ImGuiCond_Always, ImVec2(0.5f, 1.0f));
    ImGui::Begin("##kiosk_result", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_AlwaysAutoResize);
    if (huge_button("Try again", ImVec2(280.0f, 72.0f))) start_try();
    ImGui::SameLine();
    if (huge_button("Finish", ImVec2(280.0f, 72.0f))) to_attract("the visitor finished");
    ImGui::End();
}

void KioskMode::draw_pin_pad() {
    ImGuiIO& io = ImGui::GetIO();
    for (ImWchar c : io.InputQueueCharacters)
        if (c >= '0' && c <= '9' && pin_typed_.size() < 8) pin_typed_ += char(c);
    // A PIN is checked once it has as many digits as the right one (as phones do); Enter checks it earlier.
    bool submit = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false);
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)) pin_pad_ = false;
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x * 0.5f, io.DisplaySize.y * 0.5f), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::Begin("Close the kiosk", nullptr, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                                 ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_AlwaysAutoResize);
    ImGui::TextUnformatted(pin_message_.c_str());
    ImGui::SetWindowFontScale(2.0f);
    ImGui::Text("PIN: %s_", std::string(pin_typed_.size(), '*').c_str());
    ImGui::SetWindowFontScale(1.0f);
    const ImVec2 key(96.0f, 72.0f);
    const char* keys[] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "Clear", "0", "OK"};
    for (int i = 0; i < 12; ++i) {
        if (i % 3) ImGui::SameLine();
        if (huge_button(keys[i], key)) {
            if (i == 9) pin_typed_.clear();
            else if (i == 11) submit = true;
            else if (pin_typed_.size() < 8) pin_typed_ += keys[i];
        }
    }
    submit = submit || pin_typed_.size() >= config_.pin.size();
    if (huge_button("Cancel", ImVec2(3 * key.x + 2 * ImGui::GetStyle().ItemSpacing.x, 56.0f))) pin_pad_ = false;
    ImGui::End();
    if (submit) check_pin();
}

// Three wrong PINs in a row lock the pad for 30 s, then 60, 120, ... (at most 15 min): a 4-digit PIN cannot be
// found by trying at a stand. An hour without a wrong PIN starts the count again (a show lasts days).
void KioskMode::check_pin() {
    constexpr double kForgetWrongPinsS = 3600;
    const double now = stage_services_.clock->now_s();
    const std::string typed = std::exchange(pin_typed_, {});
    if (now < pin_locked_until_s_) {
        pin_message_ = pin_lock_message(now);
        return;
    }
    if (now - last_wrong_pin_s_ > kForgetWrongPinsS) wrong_pins_ = 0;
    if (typed == config_.pin) {
        std::fprintf(stderr, "dermasim: kiosk: PIN accepted: leaving\n");
        quit_request = true;
        wrong_pins_ = 0;
        return;
    }
    ++wrong_pins_;
    last_wrong_pin_s_ = now;
    std::fprintf(stderr, "dermasim: kiosk: wrong PIN (%d in a row)\n", wrong_pins_);
    pin_message_ = "Wrong PIN. Try again, or Cancel.";
    if (wrong_pins_ % 3 == 0) {
        pin_locked_until_s_ = now + std::min(900.0, 30.0 * std::pow(2.0, wrong_pins_ / 3 - 1));
        pin_message_ = pin_lock_message(now);
    }
}

void KioskMode::log_soak(double dt_s) {
    frame_ms_.push_back(float(dt_s * 1000.0));
    const double now = stage_services_.clock->now_s();
    if (now < next_report_s_) return;
    next_report_s_ = now + config_.report_seconds;
    std::nth_element(frame_ms_.begin(), frame_ms_.begin() + long(frame_ms_.size() / 2), frame_ms_.end());
    std::fprintf(stderr, "dermasim: kiosk: soak t=%.0f s resident=%.1f MB frame=%.1f ms (median of %zu frames)\n", now,
                 resident_mb(), frame_ms_[frame_ms_.size() / 2], frame_ms_.size());
    frame_ms_.clear();
}

}  // namespace dermasim::app
