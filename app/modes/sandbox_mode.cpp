#include "app/modes/sandbox_mode.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "app/layout.hpp"
#include "engine/core/version.hpp"

namespace dermasim::app {

SandboxMode::SandboxMode(const AppServices& services)
    : services_(services),
      view_(services.start_view),
      treatment_(services.start_view.region, services.catalog->roller, services.catalog->pen),
      healing_(*services.catalog, services.gpu),
      created_utc_(utc_timestamp()),
      autosaver_(services.session_folder, services.session_file) {
}

void SandboxMode::frame_block(glm::vec2 window) {
    // Treating needs the whole patch in view, between the panels (or the whole frame when they are hidden).
    view_.fit_camera(window.x / window.y, show_panels ? sandbox_area(window) : headless_area, services_.start_zoom);
    framed_for_ = window;
}

SessionRecord SandboxMode::record() const {
    SessionRecord s;
    s.app_version = kAppVersion;
    s.tables_hash = services_.catalog->tables_hash;
    s.created_utc = created_utc_;
    s.mode = record_mode_;
    s.region = treatment_.region().id;
    s.input = treatment_.recording();
    s.input.pressure = treatment_.pressure();
    s.aftercare = aftercare_;
    s.healing_days = healing_days_;
    s.lesson = lesson_;
    return s;
}

void SandboxMode::set_lesson(const std::string& mode, const LessonRecord& lesson) {
    if (record_mode_ == mode && lesson_ == lesson) return;
    record_mode_ = mode;
    lesson_ = lesson;
    ++settings_revision_;
}

bool SandboxMode::save_now() { return keeps_sessions() && autosaver_.flush(record(), revision()); }

bool SandboxMode::keeps_sessions() const {
    return !services_.session_folder.empty() || !services_.session_file.empty();  // headless replays keep none
}

void SandboxMode::new_session() {
    treatment_.clear();
    healing_days_.reset();
    created_utc_ = utc_timestamp();
    session_origin_s_.reset();
    autosaver_.start_new_file();
    ++settings_revision_;
}

std::string SandboxMode::save_status() const {
    if (!autosaver_.error().empty()) return "Not saved: " + autosaver_.error() + ". The session is kept here; saving is tried again.";
    if (!autosaver_.path().empty()) return "Saved to " + autosaver_.path().string();
    return "";
}

void SandboxMode::autosave() {
    if (!keeps_sessions()) return;
    if (state_ == State::Replaying) return;  // nothing new: the passes come from a file
    // Nothing done yet: no file. (A session named with --session is not written empty either: a lesson's or the
    // trainee's settings, changed before the first pass, would each start it over and leave the file behind.)
    if (treatment_.recording().strokes.empty() && !autosaver_.written()) return;
    const std::string error_before = autosaver_.error();
    if (autosaver_.tick(record(), revision(), services_.clock->now_s()) && autosaver_.path() != announced_path_) {
        announced_path_ = autosaver_.path();
        std::fprintf(stderr, "dermasim: saving the session to %s\n", announced_path_.c_str());
    }
    if (!autosaver_.error().empty() && autosaver_.error() != error_before)
        std::fprintf(stderr, "dermasim: could not save the session: %s\n", autosaver_.error().c_str());
}

std::string SandboxMode::prepare_to_leave() {
    if (!keeps_sessions() || state_ == State::Replaying ||
        (treatment_.recording().strokes.empty() && autosaver_.path().empty()))
        return "";
    if (autosaver_.flush(record(), revision())) return "";
    return "Your session could not be saved (" + autosaver_.error() + "). Leaving now loses it.";
}

void SandboxMode::ask_first(const std::string& question, const std::function<void()>& change) {
    if (treatment_.passes() == 0 || !keeps_sessions()) {
        change();
        return;
    }
    // Save first, so the question can say where the work is.
    const bool saved = autosaver_.flush(record(), revision());
    std::string detail;
    if (!saved) detail = "Your passes could not be saved (" + autosaver_.error() + ") and will be lost.";
    else if (autosaver_.path().empty()) detail = "These are the replayed session's passes; its file stays as it is.";
    else detail = "Your " + std::to_string(treatment_.passes()) + " passes on the " + treatment_.region().name +
                  " are saved in " + autosaver_.path().string() + ".";
    dialog_.ask(question, detail, "Start a new session", change);
}

void SandboxMode::apply(const SkinIntent& intent) {
    if (intent.look) view_.look = *intent.look;
    if (intent.cut) view_.cut = *intent.cut;
    if (intent.magnified) magnified_ = *intent.magnified;
    if (intent.cut_to_work)
        view_.cut = cut_through_channels(*treatment_.punctures(), treatment_.last_pass_first_puncture(), view_.width_mm,
                                         view_.cut);
    if (intent.annotations) view_.annotations = *intent.annotations;
    if (intent.highlight_layer) view_.highlight_layer = *intent.highlight_layer;
    if (intent.camera == CameraPreset::Overview) frame_block(framed_for_);
    if (intent.camera == CameraPreset::CloseUp) view_.camera = view_.default_camera();
    if (intent.region && state_ == State::Treating) {
        const RegionProfile& region = services_.catalog->regions.find(*intent.region);
        ask_first("Start a new session on the " + region.name + "?", [this, &region] {
            view_.region = region;
            treatment_.set_region(region);
            new_session();
        });
    }
}

void SandboxMode::apply(const TreatmentIntent& intent) {
    if (state_ != State::Treating) return;
    if (intent.pressure) treatment_.set_pressure(*intent.pressure);
    if (intent.aftercare) {
        aftercare_ = *intent.aftercare;
        ++settings_revision_;
    }
    if (intent.undo) treatment_.undo_last_pass();
    if (intent.device) {
        DeviceKind device = *intent.device;
        ask_first(std::string("Switch to the ") + (device == DeviceKind::Pen ? "pen" : "dermaroller") + "?", [this, device] {
            treatment_.set_device(device);
            new_session();
        });
    }
    if (intent.needle_mm) {
        float mm = *intent.needle_mm;
        char question[96];
        std::snprintf(question, sizeof question, "Change the needle to %.2f mm?", mm);
        ask_first(question, [this, mm] {
            treatment_.set_needle_mm(mm);
            new_session();
        });
    }
    if (intent.clear) ask_first("Clear the skin and start again?", [this] { new_session(); });
    if (intent.heal && treatment_.passes() > 0) start_healing(kHealDays);
}

void SandboxMode::apply(const TimelineIntent& intent) {
    if (state_ != State::Healing) return;
    app::apply(timeline_, intent, healing_);
    if (intent.seek_day && headless_sample_hours) healing_.forget_before(timeline_.day);  // frames only go forward
    if (intent.back_to_treatment) {
        healing_.reset();
        healing_days_.reset();  // the record says what is on screen: no time-lapse now
        ++settings_revision_;
        state_ = State::Treating;
    }
}

void SandboxMode::start_healing(double days) {
    treatment_.lift();
    const RegionProfile& region = treatment_.region();
    healing_.start(region, *treatment_.punctures(), days, aftercare_.occluded, aftercare_.serum, aftercare_.sessions,
                   aftercare_.interval_days, headless_sample_hours.value_or(3.0), headless_sample_hours.has_value());
    healing_days_ = days;
    ++settings_revision_;
    timeline_ = TimelineState();
    state_ = State::Healing;
}

void SandboxMode::start_replay(const SessionRecord& session, double speed, double heal_days) {
    healing_.reset();
    view_.region = services_.catalog->regions.find(session.region);
    treatment_.set_region(view_.region);
    StrokeScript empty = session.input;
    empty.strokes.clear();
    treatment_.load(empty);  // device, needle and pressure of the record, nothing done yet
    new_session();
    aftercare_ = session.aftercare;
    created_utc_ = session.created_utc.empty() ? created_utc_ : session.created_utc;
    replay_ = session.input;
    replay_speed_ = speed;
    replay_heal_days_ = heal_days;
    replay_start_s_ = services_.clock->now_s();
    replay_stroke_ = replay_point_ = 0;
    state_ = State::Replaying;
}

// Feeds the recorded samples whose time has come, exactly as recorded: the controller sees the same numbers
// it saw live, so the punctures are the same bit for bit.
void SandboxMode::feed_replay() {
    const double until = (services_.clock->now_s() - replay_start_s_) * replay_speed_;
    while (replay_stroke_ < replay_.strokes.size()) {
        const auto& points = replay_.strokes[replay_stroke_].points;
        const StrokePoint& p = points[replay_point_];
        if (p.t_s > until) return;
        treatment_.set_pressure(p.pressure);
        if (replay_point_ == 0) treatment_.put_down(p.pos_mm, p.t_s);
        else treatment_.move(p.pos_mm, p.t_s);
        if (++replay_point_ == points.size()) {
            treatment_.lift();
            if (follow_work) {
                view_.cut = cut_through_channels(*treatment_.punctures(), 0, view_.width_mm, view_.cut);
                frame_block(framed_for_);
            }
            ++replay_stroke_;
            replay_point_ = 0;
        }
    }
    treatment_.set_pressure(replay_.pressure);
    if (replay_heal_days_ > 0 && treatment_.passes() > 0) start_healing(replay_heal_days_);
    else state_ = State::Treating;
    if (treatment_.passes() == 0) std::fprintf(stderr, "dermasim: the replayed session moved the device in no pass\n");
    std::fprintf(stderr, "dermasim: replayed %d passes, %zu punctures%s\n", treatment_.passes(),
                 treatment_.punctures()->size(), state_ == State::Healing ? "; healing" : "");
    // What was replayed is what the file holds: nothing is unsaved until the person adds to it.
    autosaver_.mark_saved(revision());
}

void SandboxMode::handle_scene_input(const FrameInput& input, double dt_s) {
    const ImGuiIO& io = ImGui::GetIO();
    const bool free = !io.WantCaptureMouse && !dialog_.open();
    if (input.cursor && last_cursor_ && input.right && orbiting_ && free) {
        glm::vec2 d = *input.cursor - *last_cursor_;
        view_.camera.orbit(d.x * 0.3f, d.y * 0.3f);
    }
    orbiting_ = input.right;
    last_cursor_ = input.cursor;
    if (free && input.wheel != 0.0f) {
        if (input.shift && state_ == State::Treating)
            treatment_.set_pressure(std::clamp(treatment_.pressure() + 0.05f * input.wheel, 0.0f, 1.0f));
        else
            view_.camera.zoom(input.wheel > 0 ? 0.9f : 1.1f);
    }
    if (state_ != State::Treating) return;

    if (!io.WantCaptureKeyboard) {
        const float step = float(kPressurePerSecond * dt_s);
        if (input.pressure_up) treatment_.set_pressure(std::min(1.0f, treatment_.pressure() + step));
        if (input.pressure_down) treatment_.set_pressure(std::max(0.0f, treatment_.pressure() - step));
        if (input.undo) treatment_.undo_last_pass();
    }
    // A gamepad's trigger sets the pressure while it is held. Let go, the pressure goes back to what the keys or
    // the panel had set: the last sample of a slow release would otherwise leave it near zero, of a quick one high.
    if (input.trigger && *input.trigger > kTriggerAtRest) {
        if (!pressure_before_trigger_) pressure_before_trigger_ = treatment_.pressure();
        treatment_.set_pressure(std::clamp(*input.trigger, 0.0f, 1.0f));
    } else if (pressure_before_trigger_) {
        treatment_.set_pressure(*pressure_before_trigger_);
        pressure_before_trigger_.reset();
    }

    // Where the cursor meets the visible skin surface (in front of the cut plane the skin is cut away).
    std::optional<glm::vec2> on_skin;
    if (input.cursor)
        if (auto hit = view_.camera.surface_point(*input.cursor, input.window_size)) {
            glm::vec2 patch(hit->x + 0.5f * view_.width_mm, hit->z + 0.5f * view_.width_mm);
            if (on_patch(patch) && hit->z <= view_.cut_z_mm()) on_skin = patch;
        }
    const double now = services_.clock->now_s();
    if (input.left && on_skin && (free || treatment_.down())) {
        if (!treatment_.down()) {
            if (!session_origin_s_) session_origin_s_ = now - treatment_.last_time_s();
            treatment_.put_down(*on_skin, now - *session_origin_s_);
        } else {
            treatment_.move(*on_skin, now - *session_origin_s_);
        }
    } else if (treatment_.down()) {
        // The pass reaches where the button came up. When frames are slower than the hand (lavapipe under load),
        // the press and the release can come a frame apart, and the way between them is the whole pass.
        if (on_skin) treatment_.move(*on_skin, now - *session_origin_s_);
        treatment_.lift();
    }
    if (on_skin && !treatment_.down()) treatment_.hover(*on_skin);
    else if (!on_skin && !treatment_.down()) treatment_.hide();
}

void SandboxMode::frame(const FrameInput& input, double dt_s, SkinView& view) {
    frame_ms_ = frame_ms_ == 0 ? float(dt_s * 1000.0) : frame_ms_ * 0.9f + float(dt_s * 1000.0) * 0.1f;
    // The first frame knows the window; a resize frames the block again between the panels (keeping the view's
    // direction), so it never ends up under them.
    if (input.window_size != framed_for_) frame_block(input.window_size);
    handle_scene_input(input, dt_s);
    if (state_ == State::Replaying) feed_replay();

    if (show_panels) {
        SkinIntent skin = draw_skin_panel(services_.catalog->regions, view_, frame_ms_, state_ != State::Treating,
                                          magnified_.value_or(state_ == State::Healing),
                                          !treatment_.punctures()->empty());
        if (state_ == State::Healing) {
            apply(draw_timeline_panel(healing_, timeline_));
        } else {
            TreatmentIntent treat = draw_treatment_panel(treatment_, aftercare_, services_.catalog->serum_names(),
                                                         save_status(), !autosaver_.error().empty());
            if (state_ == State::Treating) apply(treat);
        }
        apply(skin);
        ImGuiIO& io = ImGui::GetIO();
        ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x * 0.5f, 12.0f), ImGuiCond_Always, ImVec2(0.5f, 0.0f));
        ImGui::Begin("##modebar", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize);
        if (state_ == State::Replaying) ImGui::Text("Replaying: pass %zu of %zu", replay_stroke_ + 1, replay_.strokes.size());
        else ImGui::TextUnformatted("Sandbox");
        ImGui::SameLine();
        if (ImGui::SmallButton("Modes")) switch_request = "start";
        ImGui::End();
    }
    dialog_.draw();
    if (state_ == State::Healing) advance_timeline(timeline_, healing_, dt_s);
    autosave();

    view = view_;
    view.punctures = treatment_.punctures();
    view.punctures_version = treatment_.punctures_version();
    view.device = state_ == State::Healing ? std::nullopt : treatment_.pose();
    if (state_ == State::Healing) {
        view.channel_openness = float(healing_.openness_at(timeline_.day));
        view.tissue = healing_.snapshot_at(timeline_.day);
        view.tissue_version = shown_.version_of(view.tissue);
        view.overlay = timeline_.overlay;
    }
    view.animating = state_ == State::Replaying || (state_ == State::Healing && timeline_.playing);
    // Pictures without panels (headless replays, exports) say what they show in a caption.
    if (show_panels) micro_rect = magnified_.value_or(state_ == State::Healing)
                                      ? std::optional<glm::vec4>(sandbox_inset(input.window_size)) : std::nullopt;
    view.micro.reset();
    if (micro_rect) view.micro = micro_on_channels(view, *treatment_.punctures(), *micro_rect);
    view.caption.reset();
    if (!show_panels) {
        const std::string device = device_label(treatment_.device() == DeviceKind::Pen, treatment_.needle_mm());
        if (state_ == State::Healing) {
            view.caption = healing_caption(timeline_.day, aftercare_.sessions, aftercare_.interval_days, device);
        } else {
            FrameCaption c;
            c.day = -1.0;
            c.device = device;
            char note[64];
            std::snprintf(note, sizeof note, "pass %d, %zu punctures", std::max(1, treatment_.passes()),
                          treatment_.punctures()->size());
            c.note = note;
            view.caption = c;
        }
    }
}

}  // namespace dermasim::app
