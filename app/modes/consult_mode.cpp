#include "app/modes/consult_mode.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app/layout.hpp"
#include "app/modes/what_to_expect.hpp"
#include "engine/core/error.hpp"
#include "engine/render/annotations.hpp"
#include "engine/session/session_record.hpp"
#include "engine/tools/device_limits.hpp"
#include "engine/tools/needle_depth.hpp"
#include "engine/tools/treatment_plan.hpp"

namespace dermasim::app {
namespace {

constexpr float kCaptionWidth = 420.0f;  // px, the caption column on the right
constexpr float kNavHeight = 64.0f;      // px, the navigation bar at the bottom, above the note
constexpr float kNoteHeight = 44.0f;     // px, the note's strip at the bottom
constexpr float kMargin = 12.0f;
constexpr int kExpectWeeks = 26;        // "what to expect" covers the six months of the time-lapse
constexpr double kTimeLapseDaysPerSecond = 7.0;
const ImVec4 kWarningColour(1.0f, 0.78f, 0.35f, 1.0f);  // amber: worth a second look, not an error
constexpr float kNeedleMinMm = 0.25f, kNeedleMaxMm = 2.0f;  // the needle slider's range, in 0.25 mm steps

// A needle length the slider can show: within its range, in its steps.
float slider_needle(double mm) {
    return std::clamp(float(std::round(mm * 4.0) / 4.0), kNeedleMinMm, kNeedleMaxMm);
}

// Where the block goes: left of the caption column, below the legend (top left, as in headless pictures) and
// above the navigation bar and the note.
glm::vec4 consult_area(glm::vec2 window) {
    const float right = std::max(0.45f, 1.0f - (kCaptionWidth + 2 * kMargin) / window.x);
    return {0.02f, kHeadlessArea.y, right, 1.0f - (kNoteHeight + kNavHeight + 2 * kMargin) / window.y};
}

bool big_button(const char* label, bool enabled = true) {
    ImGui::BeginDisabled(!enabled);
    const bool pressed = ImGui::Button(label, ImVec2(0.0f, 44.0f));
    ImGui::EndDisabled();
    return pressed;
}

std::string file_stamp() {
    std::string s = utc_timestamp();  // 2026-11-30T14:03:22Z -> 20261130-140322
    s.erase(std::remove_if(s.begin(), s.end(), [](char c) { return c == '-' || c == ':' || c == 'Z'; }), s.end());
    std::replace(s.begin(), s.end(), 'T', '-');
    return s;
}

}  // namespace

ConsultMode::ConsultMode(const AppServices& services)
    : services_(services),
      treatment_(services.start_view.region, services.catalog->roller, services.catalog->pen),
      course_(*services.catalog, services.gpu) {
    protocol_.region = services.start_view.region.id;
    protocol_.needle_mm = slider_needle(needle_within_charts(protocol_.needle_mm, services.start_view.region));
    pending_ = protocol_;
    start_course();
}

void ConsultMode::set_protocol(const ConsultProtocol& protocol) {
    if (protocol == protocol_) return;
    protocol_ = protocol;
    start_course();
}

// The client's course: the same 8-pass roller treatment 'dermasim simulate' makes by default, repeated for the
// protocol's sessions, with a serum after each, simulated to six months after the first session.
void ConsultMode::start_course() {
    const RegionProfile& region = services_.catalog->regions.find(protocol_.region);
    treatment_.set_region(region);
    TreatmentPlanOptions plan;
    plan.needle_mm = protocol_.needle_mm;
    plan.passes = 8;
    treatment_.load(make_treatment_plan(plan));
    const double after_last = kHorizonDays - (protocol_.sessions - 1) * protocol_.interval_days;
    course_.start(region, *treatment_.punctures(), after_last, false, kSerum, protocol_.sessions,
                  protocol_.interval_days);
    day_ = 0;
    playing_ = true;
}

void ConsultMode::go_to(int step) {
    step = std::clamp(step, 0, kStorySteps);
    if (step == step_) return;  // past either end, or the step shown: its time-lapse plays on, not from day 0
    step_ = step;
    day_ = 0;
    playing_ = true;
}

void ConsultMode::show_course_day(SkinView& view, double day) {
    view.punctures = treatment_.punctures();
    view.punctures_version = treatment_.punctures_version();
    view.tissue = course_.snapshot_at(day);
    view.tissue_version = shown_.version_of(view.tissue);
    view.channel_openness = float(course_.openness_at(day));
}

void ConsultMode::scene(SkinView& view, glm::vec2 window) {
    const RegionTable& regions = services_.catalog->regions;
    view.region = regions.find(protocol_.region);
    view.look = Look::Illustrated;
    view.fat_shown_mm = 1.0f;
    view.cut = 0.5f;
    view.highlight_layer = -1;
    view.annotations = true;
    view.plain_words = true;  // for a client: everyday names, no figures a client could read as a promise
    view.layer_legend = true;
    view.device.reset();
    view.micro.reset();
    view.tissue.reset();
    view.caption.reset();
    view.before_after_split.reset();
    view.animating = step_ == kStorySteps && client_view_ == ClientView::TimeLapse && playing_;
    view.punctures.reset();
    view.overlay = Overlay::None;
    glm::vec4 area = consult_area(window);
    // The block on the left of the free area, the magnified cut through the channels on the right: at the
    // block's scale a channel and its new collagen are hairlines, in the magnified cut they are plain to see.
    auto beside_magnified_cut = [&] {
        const glm::vec4 inset{area.x + 0.55f * (area.z - area.x), area.y, 0.45f * (area.z - area.x), area.w - area.y};
        view.micro = micro_on_channels(view, *treatment_.punctures(), inset);
        area.z = inset.x - 0.01f;
        // In that narrow column the block stands under the legends of the top-left corner (the collagen
        // overlay's is tall), not behind them, where that leaves it at least 30 % of the window's height;
        // else their translucent boxes lie over its far edge.
        const VkExtent2D extent{uint32_t(window.x), uint32_t(window.y)};
        const float below_legends = annotation_legends_extent(view, extent).bottom / window.y + 0.01f;
        if (area.w - below_legends >= 0.3f) area.y = std::max(area.y, below_legends);
    };
    if (step_ < kStorySteps) {
        const StoryStep& s = kStory[step_];
        view.overlay = s.overlay;
        if (s.day >= 0) {
            show_course_day(view, s.day);
            view.cut = cut_through_channels(*treatment_.punctures(), 0, view.width_mm, 0.5f);
        }
        switch (s.scene) {
            case StoryScene::Channels: {
                DevicePose roller;
                roller.position_mm = glm::vec3(0.0f, 0.0f, view.cut_z_mm() - 4.0f);
                roller.lift_mm = 0.0f;
                roller.ghost = true;
                view.device = roller;
                beside_magnified_cut();
                break;
            }
            case StoryScene::Repair:
            case StoryScene::Treats:  // new collagen: plain fibres in the magnified cut, a faint tint on the block
                beside_magnified_cut();
                break;
            case StoryScene::NotCellulite: {
                view.region = regions.find("thigh");
                view.fat_shown_mm = float(view.region.layers[int(Layer::Hypodermis)].mm);
                area.z -= 220.0f / window.x;  // room for the depth scale
                break;
            }
            default: break;
        }
    } else {
        // The skin above the panel with the client's protocol, not under it (its height from the last frame).
        if (show_controls) area.w -= (client_panel_height_ + kMargin) / window.y;
        // The client's own course: the block's labels name the layers, and without the thicknesses' legend
        // the block has room under the collagen legend above the controls.
        view.layer_legend = false;
        view.overlay = Overlay::Collagen;
        view.cut = cut_through_channels(*treatment_.punctures(), 0, view.width_mm, 0.5f);
        if (client_view_ == ClientView::BeforeAfter) {
            show_course_day(view, compare_day_);
            view.before_after_split = divider_.split;
        } else {
            show_course_day(view, day_);
            beside_magnified_cut();
        }
    }
    view.camera = OrbitCamera::framing(view.width_mm, view.block_depth_mm(), view.cut_z_mm());
    view.fit_camera(window.x / window.y, area);
}

void ConsultMode::frame(const FrameInput& input, double dt_s, SkinView& view) {
    const ImGuiIO& io = ImGui::GetIO();
    if (!io.WantCaptureKeyboard) {
        // ImGui 1.86 indexes keys by the backend's codes: named keys through GetKeyIndex, letters are GLFW's
        // codes, which are their upper-case ASCII.
        auto named = [](ImGuiKey key) { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(key), false); };
        auto letter = [](char c) { return ImGui::IsKeyPressed(c, false); };
        if (named(ImGuiKey_RightArrow) || named(ImGuiKey_Space)) go_to(step_ + 1);
        if (named(ImGuiKey_LeftArrow)) go_to(step_ - 1);
        if (letter('H')) show_controls = !show_controls;
        if (letter('P')) save_picture();
        if (letter('V')) {  // the video button's key: starts the export, or cancels the one running
            if (video_.running()) video_.cancel();
            else export_video();
        }
        if (letter('B') && step_ == kStorySteps)  // the client's step is the one with a before/after
            client_view_ = client_view_ == ClientView::BeforeAfter ? ClientView::TimeLapse : ClientView::BeforeAfter;
    }
    if (step_ == kStorySteps && client_view_ == ClientView::TimeLapse && playing_) {
        day_ = std::min(day_ + dt_s * kTimeLapseDaysPerSecond, std::min(course_.computed_days(), course_end_day()));
        if (day_ >= course_end_day()) playing_ = false;
    }
    video_.poll();
    if (video_.finished() && !video_.running()) {  // reported with the controls hidden too (presenting)
        // A video cancelled or failed late (its report, after the video was in place) may still be there.
        std::error_code ec;
        const bool saved = std::filesystem::exists(video_path_, ec);
        export_status_ = saved ? "Video saved: " + video_path_.string() +
                                     (video_.error().empty() ? "" : " (" + video_.error() + ")")
                               : "No video saved: " + video_.error();
        std::fprintf(stderr, "dermasim: %s\n", export_status_.c_str());
        video_.clear();
    }
    scene(view, input.window_size);

    if (show_controls) draw_navigation();
    if (step_ < kStorySteps) {
        const StoryStep& s = kStory[step_];
        std::string text(s.caption);
        if (s.day >= 0 && course_.computed_days() < s.day) {
            // A share, not two moments: "month 4 of month 4" read as done while the last days were still coming.
            char wait[128];
            std::snprintf(wait, sizeof wait, "\n\n(Still being worked out: %d %% done.)",
                          std::min(int(100.0 * course_.computed_days() / s.day), 99));
            text += wait;
        }
        draw_caption(std::string(s.title), text);
        if (s.scene == StoryScene::NotCellulite) draw_depth_scale(view, input.window_size);
    } else {
        if (client_view_ == ClientView::BeforeAfter)
            draw_before_after(divider_, "Before",
                              "After " + when_words(compare_day_) +
                                  (course_.computed_days() < compare_day_ ? " (still being worked out)" : ""),
                              true, annotation_legends_extent(view, {uint32_t(input.window_size.x),
                                                                     uint32_t(input.window_size.y)}));
        draw_expectations();
        if (show_controls) draw_client_panel();
    }
    if (show_controls) draw_exports();
    view.caption.reset();  // the note's strip is where the caption line would be; the panels say the day
    draw_note();
}

void ConsultMode::draw_navigation() {
    ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(kMargin, io.DisplaySize.y - kNoteHeight - kNavHeight - kMargin));
    ImGui::SetNextWindowSize(ImVec2(io.DisplaySize.x - kCaptionWidth - 3 * kMargin, kNavHeight));
    ImGui::Begin("##consult_nav", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove);
    if (big_button("  < Back  ", step_ > 0)) go_to(step_ - 1);
    for (int i = 0; i <= kStorySteps; ++i) {
        ImGui::SameLine();
        const bool current = i == step_;
        if (current) ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.30f, 0.52f, 0.75f, 1.0f));
        char label[48];
        if (i < kStorySteps) std::snprintf(label, sizeof label, " %d ", i + 1);
        else std::snprintf(label, sizeof label, " For this client ");
        if (big_button(label)) go_to(i);
        if (current) ImGui::PopStyleColor();
        if (i < kStorySteps && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", std::string(kStory[i].title).c_str());
    }
    ImGui::SameLine();
    if (big_button("  Next >  ", step_ < kStorySteps)) go_to(step_ + 1);
    ImGui::End();
}

void ConsultMode::draw_caption(const std::string& title, const std::string& text) {
    ImGuiIO& io = ImGui::GetIO();
    const float top = kMargin;
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x - kCaptionWidth - kMargin, top));
    ImGui::SetNextWindowSize(ImVec2(kCaptionWidth, 0.0f));
    ImGui::SetNextWindowSizeConstraints(ImVec2(kCaptionWidth, 0), ImVec2(kCaptionWidth, io.DisplaySize.y - top - kNoteHeight - 2 * kMargin));
    ImGui::Begin("##consult_caption", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove);
    ImGui::SetWindowFontScale(1.5f);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(title.c_str());
    ImGui::SetWindowFontScale(1.25f);
    ImGui::Separator();
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopTextWrapPos();
    ImGui::End();
}

void ConsultMode::draw_expectations() {
    ImGuiIO& io = ImGui::GetIO();
    const float top = kMargin;
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x - kCaptionWidth - kMargin, top));
    ImGui::SetNextWindowSize(ImVec2(kCaptionWidth, io.DisplaySize.y - top - kNoteHeight - 3 * kMargin - 160.0f));
    // Scrolls (the wheel, or its bar) when the weeks do not fit: a list cut off at week 12 hid the months in
    // which the new collagen matures.
    ImGui::Begin("##consult_expect", nullptr, ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize |
                                                  ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoMove);
    ImGui::SetWindowFontScale(1.25f);
    ImGui::PushTextWrapPos(0.0f);
    const RegionProfile& region = services_.catalog->regions.find(protocol_.region);
    ImGui::Text("For this client: %s", region.plain_name.c_str());
    if (protocol_.sessions > 1)
        ImGui::TextDisabled("%d sessions, %.0f weeks apart, %.2f mm needles", protocol_.sessions,
                            protocol_.interval_days / 7.0, protocol_.needle_mm);
    else
        ImGui::TextDisabled("1 session, %.2f mm needles", protocol_.needle_mm);
    ImGui::Separator();
    ImGui::TextUnformatted("How the illustrated course unfolds, week by week");
    ImGui::SetWindowFontScale(1.1f);
    const auto rows = what_to_expect(course_.curves(), protocol_.sessions, protocol_.interval_days, kExpectWeeks);
    for (const ExpectRow& row : rows) {
        ImGui::TextColored(ImVec4(0.75f, 0.85f, 1.0f, 1.0f), "%s", week_range(row).c_str());
        ImGui::Indent();
        ImGui::TextUnformatted(row.text.c_str());
        ImGui::Unindent();
    }
    if (course_.computed_days() < course_end_day())
        ImGui::TextDisabled("Working out the later weeks (day %.0f of %.0f)...", course_.computed_days(), course_end_day());
    std::string why;
    // Calm, in the panel's own colours: the client reads this too. The cause is for the practitioner.
    if (course_.failed(&why)) ImGui::TextDisabled("The illustration could not be prepared (%s).", why.c_str());
    ImGui::PopTextWrapPos();
    ImGui::End();
}

void ConsultMode::draw_client_panel() {
    ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(kMargin, io.DisplaySize.y - kNoteHeight - kNavHeight - 2 * kMargin),
                            ImGuiCond_Always, ImVec2(0, 1));
    ImGui::SetNextWindowSize(ImVec2(std::min(560.0f, io.DisplaySize.x - kCaptionWidth - 4 * kMargin), 0.0f));
    ImGui::Begin("For this client", nullptr, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse);
    ConsultProtocol& p = pending_;
    ImGui::SetNextItemWidth(180);
    if (ImGui::BeginCombo("Area", services_.catalog->regions.find(p.region).plain_name.c_str())) {
        for (const RegionProfile& r : services_.catalog->regions.regions())
            if (ImGui::Selectable(r.plain_name.c_str(), r.id == p.region) && r.id != p.region) {
                p.region = r.id;
                p.needle_mm = slider_needle(needle_within_charts(p.needle_mm, r));
            }
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    ImGui::SetNextItemWidth(120);
    ImGui::SliderInt("Sessions", &p.sessions, 1, 6);
    int weeks = int(std::lround(p.interval_days / 7.0));
    ImGui::SetNextItemWidth(180);
    if (ImGui::SliderInt("Weeks between sessions", &weeks, 2, 8)) p.interval_days = weeks * 7.0;
    float needle = p.needle_mm;
    ImGui::SetNextItemWidth(180);
    if (ImGui::SliderFloat("Needle length", &needle, kNeedleMinMm, kNeedleMaxMm, "%.2f mm")) p.needle_mm = slider_needle(needle);
    // The charts' lengths for the area beside the slider, and a plain warning outside them: the practitioner
    // decides, but a 2 mm course around the eyes should not pass unremarked in front of a client.
    const RegionProfile& area = services_.catalog->regions.find(p.region);
    if (area.usual_needle) {
        const NeedleRange& usual = *area.usual_needle;
        if (p.needle_mm > usual.max_mm + 1e-6)
            ImGui::TextColored(kWarningColour, "Longer than the charts give for this area (%.2f-%.2f mm)", usual.min_mm,
                               usual.max_mm);
        else if (p.needle_mm < usual.min_mm - 1e-6)
            ImGui::TextColored(kWarningColour, "Shorter than the charts give for this area (%.2f-%.2f mm)",
                               usual.min_mm, usual.max_mm);
        else
            ImGui::TextDisabled("The charts give %.2f-%.2f mm for this area", usual.min_mm, usual.max_mm);
    } else {
        ImGui::TextDisabled("The charts give no length for this area");
    }
    // The course restarts when the clinician lets go, not on every step of a drag.
    if (!ImGui::IsMouseDown(ImGuiMouseButton_Left)) set_protocol(p);
    ImGui::Separator();
    int view = int(client_view_);
    ImGui::RadioButton("Time-lapse", &view, 0);
    ImGui::SameLine();
    ImGui::RadioButton("Before / after", &view, 1);
    client_view_ = ClientView(view);
    if (client_view_ == ClientView::TimeLapse) {
        if (big_button(playing_ ? " Pause " : " Play ")) {
            if (!playing_ && day_ >= course_end_day()) day_ = 0;
            playing_ = !playing_;
        }
        ImGui::SameLine();
        float day = float(day_);
        ImGui::SetNextItemWidth(-1);
        if (ImGui::SliderFloat("##day", &day, 0.0f, float(course_end_day()), ("after " + when_words(day_)).c_str())) {
            day_ = day;
            playing_ = false;
        }
    } else {
        int week = std::max(1, int(std::lround(compare_day_ / 7.0)));
        ImGui::SetNextItemWidth(-1);
        if (ImGui::SliderInt("##week", &week, 1, kExpectWeeks, ("after " + when_words(week * 7.0)).c_str()))
            compare_day_ = week * 7.0;
        ImGui::TextDisabled("Drag the white line to compare.");
    }
    client_panel_height_ = ImGui::GetWindowHeight();
    ImGui::End();
}

// The thigh's layers to scale beside the block: where the fat starts and ends (from the catalogue) against the
// longest needle a roller takes and a usual body needle.
void ConsultMode::draw_depth_scale(const SkinView& view, glm::vec2 window) const {
    const RegionProfile& thigh = view.region;
    const float fat_top = float(thigh.top_of_mm(Layer::Hypodermis)), fat_bottom = float(thigh.total_mm());
    const float longest = kRollerNeedleMaxMm, usual = 1.5f;
    ImDrawList* draw = ImGui::GetBackgroundDrawList();  // over the scene, under the panels
    const glm::vec4 area = consult_area(window);
    const float x = area.z * window.x - 200.0f, top = area.y * window.y + 40.0f, bottom = area.w * window.y - 20.0f;
    const float px_per_mm = (bottom - top) / fat_bottom;
    auto y = [&](float mm) { return top + mm * px_per_mm; };
    const float w = 34.0f;
    draw->AddRectFilled(ImVec2(x - 6, top - 36), ImVec2(x + 190.0f, bottom + 8), IM_COL32(20, 22, 28, 215), 8);
    draw->AddText(ImVec2(x, top - 30), IM_COL32(240, 240, 240, 255), "To scale (mm)");
    // Skin (epidermis + dermis) and fat, as a column.
    draw->AddRectFilled(ImVec2(x, y(0)), ImVec2(x + w, y(fat_top)), IM_COL32(225, 160, 140, 255));
    draw->AddRectFilled(ImVec2(x, y(fat_top)), ImVec2(x + w, y(fat_bottom)), IM_COL32(240, 215, 120, 255));
    char text[96];
    std::snprintf(text, sizeof text, "skin\n%.1f mm", fat_top);  // two lines: one would run under the needles
    draw->AddText(ImVec2(x + w + 6, y(0)), IM_COL32(240, 240, 240, 255), text);
    std::snprintf(text, sizeof text, "fat, where\ncellulite forms\n%.1f to %.1f mm", fat_top, fat_bottom);
    draw->AddText(ImVec2(x + w + 6, y(0.5f * (fat_top + fat_bottom))), IM_COL32(250, 225, 140, 255), text);
    // Needles, from the surface down, drawn as deep as they go in (the model's mean channel at firm pressure),
    // not as long as they are: the skin gives under them, which is the caption's point.
    auto reach_mm = [&](float length_mm) {
        NeedleSpec needle = services_.catalog->roller.needle;
        needle.length_mm = length_mm;
        return NeedleDepthModel(DeviceKind::Roller, needle, thigh).mean_depth_mm(1.0f);
    };
    const float nx = x + 3.2f * w, longest_reach = reach_mm(longest), usual_reach = reach_mm(usual);
    draw->AddLine(ImVec2(nx, y(0)), ImVec2(nx, y(longest_reach)), IM_COL32(200, 220, 255, 255), 4.0f);
    draw->AddLine(ImVec2(nx + 14, y(0)), ImVec2(nx + 14, y(usual_reach)), IM_COL32(150, 200, 255, 255), 4.0f);
    std::snprintf(text, sizeof text, "longest\nneedle,\n%.1f mm,\ngoes in\n%.1f mm", longest, longest_reach);
    draw->AddText(ImVec2(nx - 8, y(longest_reach) + 4), IM_COL32(200, 220, 255, 255), text);
    std::snprintf(text, sizeof text, "usual on\nthe body\n%.1f mm", usual);
    draw->AddText(ImVec2(nx + 30, y(0) + 4), IM_COL32(150, 200, 255, 255), text);
}

std::filesystem::path ConsultMode::exports_folder() const {
    std::filesystem::path base = !services_.session_folder.empty() ? services_.session_folder.parent_path()
                                 : !services_.session_file.empty() ? services_.session_file.parent_path()
                                                                   : std::filesystem::temp_directory_path();
    return base / "exports";
}

void ConsultMode::save_picture() {
    std::error_code ec;
    std::filesystem::create_directories(exports_folder(), ec);
    const std::string what = step_ < kStorySteps ? "step" + std::to_string(step_ + 1) : "client-" + protocol_.region;
    save_frame_request = exports_folder() / ("consult-" + what + "-" + file_stamp() + "-" + std::to_string(++pictures_) + ".png");
}

void ConsultMode::frame_saved(const std::filesystem::path& path, const std::string& error) {
    // On screen the name only: the client sees the status, and the next picture saved shows it too. The full
    // path goes to the log.
    export_status_ = error.empty() ? "Picture saved in the exports folder: " + path.filename().string()
                                   : "The picture was not saved: " + error;
    std::fprintf(stderr, "dermasim: %s\n", error.empty() ? ("picture saved: " + path.string()).c_str() : export_status_.c_str());
}

// The time-lapse as a video, made by the headless path ('simulate --video') from the same protocol.
void ConsultMode::export_video() {
    std::error_code ec;
    std::filesystem::create_directories(exports_folder(), ec);
    const std::string stem = "consult-" + protocol_.region + "-" + file_stamp();
    video_path_ = exports_folder() / (stem + ".mp4");
    char needle[16], interval[16], days[16];
    std::snprintf(needle, sizeof needle, "%.2f", protocol_.needle_mm);
    std::snprintf(interval, sizeof interval, "%g", protocol_.interval_days);
    std::snprintf(days, sizeof days, "%g", kHorizonDays - (protocol_.sessions - 1) * protocol_.interval_days);
    try {
        video_.start({"simulate", "--region", protocol_.region, "--needle-mm", needle, "--passes", "8",
                      "--sessions", std::to_string(protocol_.sessions), "--interval-days", interval, "--serum", kSerum,
                      "--days", days, "--every", "24", "--view", "both", "--overlay", "collagen", "--plain-words", "--video",
                      video_path_.string(), "--report", (exports_folder() / (stem + ".json")).string()});
        export_status_.clear();
    } catch (const Error& e) {
        export_status_ = e.what();
    }
}

void ConsultMode::draw_exports() {
    ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x - kMargin, io.DisplaySize.y - kNoteHeight - 2 * kMargin),
                            ImGuiCond_Always, ImVec2(1, 1));
    ImGui::SetNextWindowSize(ImVec2(kCaptionWidth, 0.0f));
    ImGui::Begin("##consult_exports", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove);
    ImGui::PushTextWrapPos(0.0f);
    if (big_button(" Save picture (P) ")) save_picture();
    ImGui::SameLine();
    if (big_button(" Hide controls (H) ")) show_controls = false;
    ImGui::SameLine();
    if (big_button(" Menu ")) switch_request = "start";
    if (video_.cancelling()) {
        ImGui::TextDisabled("Cancelling the video...");
    } else if (video_.running()) {
        ImGui::ProgressBar(float(video_.progress()), ImVec2(160.0f, 44.0f));
        ImGui::SameLine();
        if (big_button(" Cancel (V) ")) video_.cancel();
    } else if (big_button(" Save the six-month time-lapse as a video (V) ")) {
        export_video();
    }
    if (!export_status_.empty()) ImGui::TextDisabled("%s", export_status_.c_str());
    ImGui::PopTextWrapPos();
    ImGui::End();
}

// Drawn on the foreground list, after every panel and dialog, in a strip nothing else uses: it is always whole.
void ConsultMode::draw_note() const {
    ImGuiIO& io = ImGui::GetIO();
    ImDrawList* draw = ImGui::GetForegroundDrawList();
    const ImVec2 min(0.0f, io.DisplaySize.y - kNoteHeight), max(io.DisplaySize.x, io.DisplaySize.y);
    draw->AddRectFilled(min, max, IM_COL32(250, 246, 226, 255));
    ImFont* font = ImGui::GetFont();
    float size = ImGui::GetFontSize() * 1.3f;
    ImVec2 extent = font->CalcTextSizeA(size, FLT_MAX, 0.0f, kIllustrationNote);
    if (extent.x > io.DisplaySize.x - 16.0f) {  // a narrow window: smaller type, still whole
        size *= (io.DisplaySize.x - 16.0f) / extent.x;
        extent = font->CalcTextSizeA(size, FLT_MAX, 0.0f, kIllustrationNote);
    }
    draw->AddText(font, size, ImVec2(0.5f * (io.DisplaySize.x - extent.x), min.y + 0.5f * (kNoteHeight - extent.y)),
                  IM_COL32(40, 36, 20, 255), kIllustrationNote);
}

}  // namespace dermasim::app
