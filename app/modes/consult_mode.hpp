#pragma once
// Consultation: a calm screen for a client. The clinician clicks through the story (kStory), then shows the
// course for this client: their region and protocol, a before/after split with a draggable divider, a
// time-lapse from day 0 to six months and a week-by-week "what to expect" read from the simulated course. The
// note that the pictures illustrate and do not predict is drawn last, over everything, and never covered. Any
// view can be saved as a PNG; the time-lapse as an MP4 (a child 'dermasim simulate --video', with progress and
// cancel). The presenter can hide every control (H); the arrow keys still step through the story.
#include <string>

#include "app/export_job.hpp"
#include "app/healing_player.hpp"
#include "app/modes/consult_story.hpp"
#include "app/modes/mode.hpp"
#include "app/panels/before_after.hpp"
#include "app/treatment_controller.hpp"

namespace dermasim::app {

inline constexpr const char* kIllustrationNote =
    "These pictures and notes illustrate how treatment works; they do not predict your result.";

struct ConsultProtocol {
    std::string region = "cheek";
    int sessions = 3;
    double interval_days = 28;
    float needle_mm = 1.0f;
    bool operator==(const ConsultProtocol&) const = default;
};

class ConsultMode final : public Mode {
public:
    inline static constexpr double kHorizonDays = 182.0;  // the time-lapse runs six months from the first session
    inline static constexpr const char* kSerum = "peptide";  // the story's serum step needs one in the course
    enum class ClientView { TimeLapse, BeforeAfter };

    explicit ConsultMode(const AppServices& services);
    std::string_view name() const override { return "consult"; }
    void frame(const FrameInput& input, double dt_s, SkinView& view) override;
    void frame_saved(const std::filesystem::path& path, const std::string& error) override;
    // A video still being made would be stopped: say so, so the host asks first.
    std::string prepare_to_leave() override {
        return video_.running() ? "The time-lapse video is still being made; leaving stops it and no video is saved." : "";
    }

    // Steps 0..kStorySteps-1 are the story; kStorySteps is "for this client".
    void go_to(int step);
    int step() const { return step_; }
    void set_protocol(const ConsultProtocol& protocol);  // restarts the simulated course
    void set_client_view(ClientView v) { client_view_ = v; }
    void set_compare_day(double day) { compare_day_ = day; }
    bool show_controls = true;  // the presenter's switch (H): every panel but the caption and the note

    const HealingPlayer& course() const { return course_; }
    double shown_day() const { return day_; }

private:
    void start_course();
    void scene(SkinView& view, glm::vec2 window);
    void show_course_day(SkinView& view, double day);
    void draw_navigation();
    void draw_caption(const std::string& title, const std::string& text);
    void draw_client_panel();
    void draw_expectations();
    void draw_depth_scale(const SkinView& view, glm::vec2 window) const;
    void draw_exports();
    void draw_note() const;
    void save_picture();
    void export_video();
    std::filesystem::path exports_folder() const;
    double course_end_day() const { return kHorizonDays; }

    const AppServices& services_;
    ConsultProtocol protocol_;
    ConsultProtocol pending_;  // as the panel's sliders stand; applied when the clinician lets go
    TreatmentController treatment_;
    HealingPlayer course_;
    ShownSnapshot shown_;
    int step_ = 0;
    ClientView client_view_ = ClientView::TimeLapse;
    double day_ = 0;             // the time-lapse's day
    bool playing_ = true;
    double compare_day_ = 42.0;  // before/after: the chosen week's day
    BeforeAfterDivider divider_;
    float client_panel_height_ = 0.0f;  // "For this client", as last drawn (the skin is framed above it)
    ExportJob video_;
    std::string export_status_;
    std::filesystem::path video_path_;
    int pictures_ = 0;  // saved this visit; numbers the files so two in one second never share a name
};

}  // namespace dermasim::app
