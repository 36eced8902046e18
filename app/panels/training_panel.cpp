#include "app/panels/training_panel.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app/panels/depth_gauge.hpp"

namespace dermasim::app {
namespace {

constexpr float kLeftWidth = 372.0f, kRightWidth = 330.0f, kMargin = 12.0f;
constexpr float kBelowLegend = 140.0f;  // the skin's legend (top left) stays readable above the left panels
const ImVec4 kWarn(0.95f, 0.42f, 0.38f, 1), kGood(0.45f, 0.85f, 0.5f, 1), kMuted(0.7f, 0.7f, 0.72f, 1);

bool begin_left(const char* title) {
    ImGui::SetNextWindowPos(ImVec2(kMargin, kBelowLegend), ImGuiCond_Always);
    ImGui::SetNextWindowSize(ImVec2(kLeftWidth - kMargin, ImGui::GetIO().DisplaySize.y - kBelowLegend - kMargin),
                             ImGuiCond_Always);
    return ImGui::Begin(title, nullptr, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse);
}

bool begin_right(const char* title, float height = 0) {
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowPos(ImVec2(display.x - kMargin, 48.0f), ImGuiCond_Always, ImVec2(1, 0));
    ImGui::SetNextWindowSize(ImVec2(kRightWidth, height > 0 ? height : display.y - 60.0f), ImGuiCond_Always);
    return ImGui::Begin(title, nullptr, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse);
}

void wrapped(const std::string& text) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopTextWrapPos();
}

void wrapped_coloured(const ImVec4& colour, const std::string& text) {
    ImGui::PushStyleColor(ImGuiCol_Text, colour);
    wrapped(text);
    ImGui::PopStyleColor();
}

void explanation(const StepText& text) {
    wrapped(text.explanation);
    for (const auto& source : text.sources) wrapped_coloured(kMuted, "Source: " + source);
    ImGui::Separator();
}

void client_card(const Lesson& l) {
    ImGui::Text("%s, %d, %s", l.client.name.c_str(), l.client.age, l.client.skin_type.c_str());
    wrapped("Wants: " + l.client.indication + " (" + l.client.region + ")");
}

// A toggle list of ids (contraindications, advice): the ids ticked.
bool id_checkboxes(const std::vector<std::pair<std::string, std::string>>& items, std::vector<std::string>& ticked) {
    bool changed = false;
    for (const auto& [id, label] : items) {
        bool on = std::find(ticked.begin(), ticked.end(), id) != ticked.end();
        ImGui::PushTextWrapPos(0.0f);
        if (ImGui::Checkbox(("##" + id).c_str(), &on)) {
            changed = true;
            if (on) ticked.push_back(id);
            else ticked.erase(std::remove(ticked.begin(), ticked.end(), id), ticked.end());
        }
        ImGui::SameLine();
        ImGui::TextUnformatted(label.c_str());
        ImGui::PopTextWrapPos();
    }
    return changed;
}

ImU32 density_colour(double d, const Range& target) {
    if (d < 0.5 * target.min) return IM_COL32(40, 70, 200, 200);   // gap
    if (d < target.min) return IM_COL32(90, 170, 200, 200);         // below target
    if (d <= target.max) return IM_COL32(60, 170, 90, 200);         // in target
    if (d <= 2 * target.max) return IM_COL32(230, 160, 50, 210);    // over
    return IM_COL32(210, 35, 35, 230);                              // over-treated
}

void heatmap(const CoverageGrid& g, const Range& target) {
    const float side = std::min(ImGui::GetContentRegionAvail().x, 220.0f), cell = side / g.cols;
    const ImVec2 o = ImGui::GetCursorScreenPos();
    ImDrawList* list = ImGui::GetWindowDrawList();
    for (int j = 0; j < g.rows; ++j)
        for (int i = 0; i < g.cols; ++i)
            list->AddRectFilled(ImVec2(o.x + i * cell, o.y + j * cell), ImVec2(o.x + (i + 1) * cell - 1, o.y + (j + 1) * cell - 1),
                                density_colour(g.at(i, j), target));
    ImGui::Dummy(ImVec2(side, side));
    if (ImGui::IsItemHovered()) {
        const ImVec2 m = ImGui::GetMousePos();
        const int i = std::clamp(int((m.x - o.x) / cell), 0, g.cols - 1), j = std::clamp(int((m.y - o.y) / cell), 0, g.rows - 1);
        ImGui::SetTooltip("%.0f punctures/cm2 here", g.at(i, j));
    }
    const struct { const char* label; double d; } keys[] = {{"gap", 0}, {"low", 0.75 * target.min}, {"target", target.min},
                                                            {"over", 1.5 * target.max}, {"2x over", 3 * target.max}};
    for (const auto& k : keys) {
        const ImVec2 p = ImGui::GetCursorScreenPos();
        list->AddRectFilled(p, ImVec2(p.x + 10, p.y + 10), density_colour(k.d, target));
        ImGui::Dummy(ImVec2(12, 10));
        ImGui::SameLine();
        ImGui::TextUnformatted(k.label);
        ImGui::SameLine();
    }
    ImGui::NewLine();
    ImGui::Text("mean %.0f /cm2 (target %.0f-%.0f), %.0f %% gaps", g.mean, target.min, target.max, 100 * g.gap_share);
}

// A horizontal meter with a green band for the good range.
void meter(const char* label, double value, double max, Range good, const char* unit) {
    ImGui::Text("%s %.2f%s", label, value, unit);
    const float w = ImGui::GetContentRegionAvail().x, h = 10;
    const ImVec2 o = ImGui::GetCursorScreenPos();
    ImDrawList* list = ImGui::GetWindowDrawList();
    auto x = [&](double v) { return o.x + float(std::clamp(v / max, 0.0, 1.0)) * w; };
    list->AddRectFilled(o, ImVec2(o.x + w, o.y + h), IM_COL32(70, 70, 78, 255));
    list->AddRectFilled(ImVec2(x(good.min), o.y), ImVec2(x(good.max), o.y + h), IM_COL32(60, 150, 80, 255));
    list->AddRectFilled(ImVec2(x(value) - 2, o.y - 2), ImVec2(x(value) + 2, o.y + h + 2),
                        good.contains(value) ? IM_COL32(240, 240, 240, 255) : IM_COL32(240, 70, 60, 255));
    ImGui::Dummy(ImVec2(w, h + 4));
}

// The overall score per session, oldest first: a line through dots, green where the session passed.
void score_plot(const std::vector<HistoryEntry>& entries) {
    const float w = ImGui::GetContentRegionAvail().x, h = 170, left = 34, bottom = 18;
    const ImVec2 o = ImGui::GetCursorScreenPos();
    ImDrawList* list = ImGui::GetWindowDrawList();
    const float pw = w - left - 10, ph = h - bottom - 8;
    auto at = [&](size_t i, double score) {
        const float x = entries.size() == 1 ? 0.5f : float(i) / float(entries.size() - 1);
        return ImVec2(o.x + left + x * pw, o.y + 8 + ph * (1.0f - float(score) / 100.0f));
    };
    list->AddRectFilled(o, ImVec2(o.x + w, o.y + h), IM_COL32(30, 34, 42, 255));
    for (int s = 0; s <= 100; s += 25) {
        const float y = o.y + 8 + ph * (1.0f - s / 100.0f);
        list->AddLine(ImVec2(o.x + left, y), ImVec2(o.x + left + pw, y), IM_COL32(80, 84, 96, 255));
        list->AddText(ImVec2(o.x + 4, y - 7), IM_COL32(170, 170, 180, 255), std::to_string(s).c_str());
    }
    for (size_t i = 1; i < entries.size(); ++i)
        list->AddLine(at(i - 1, entries[i - 1].overall), at(i, entries[i].overall), IM_COL32(90, 150, 230, 255), 2.0f);
    for (size_t i = 0; i < entries.size(); ++i)
        list->AddCircleFilled(at(i, entries[i].overall), 4.5f,
                              entries[i].passed ? IM_COL32(90, 210, 110, 255) : IM_COL32(235, 90, 80, 255));
    list->AddText(ImVec2(o.x + left, o.y + h - bottom + 2), IM_COL32(170, 170, 180, 255),
                  "overall score per session, oldest first (green: passed)");
    ImGui::Dummy(ImVec2(w, h));
}

}  // namespace

TrainingIntent draw_lesson_picker(const std::vector<Lesson>& lessons, const std::string& trainee,
                                  const std::string& load_error) {
    TrainingIntent intent;
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowPos(ImVec2(display.x * 0.5f, display.y * 0.5f), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(std::min(720.0f, display.x - 40), 0), ImGuiCond_Always);
    ImGui::Begin("Training: choose a lesson", nullptr, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse);
    if (!load_error.empty()) {
        wrapped_coloured(kWarn, "The lessons could not be loaded: " + load_error);
        wrapped("Fix or restore the file named above (assets/lessons, assets/training/rubric.json), then open "
                "training again.");
    } else {
        char name[64];
        std::snprintf(name, sizeof name, "%s", trainee.c_str());
        ImGui::SetNextItemWidth(240);
        if (ImGui::InputText("Your name (for your history)", name, sizeof name)) intent.trainee = std::string(name);
        ImGui::Separator();
        for (const Lesson& l : lessons) {
            ImGui::PushID(l.id.c_str());
            if (ImGui::Button("Start")) intent.lesson = l.id;
            ImGui::SameLine();
            ImGui::Text("%-12s %s", l.level.c_str(), l.title.c_str());
            ImGui::SameLine();
            ImGui::TextDisabled("(%s, %s)", l.client.region.c_str(), l.id.c_str());
            ImGui::PopID();
        }
        ImGui::Separator();
        intent.history = ImGui::Button("My history");
        ImGui::SameLine();
    }
    intent.modes = ImGui::Button("Other modes");
    ImGui::End();
    return intent;
}

TrainingIntent draw_flow_panel(const Lesson& l, FlowStep step, const TrainingAnswers& draft,
                               const TreatmentController& treatment, const std::vector<std::string>& serums,
                               const std::string& save_failure) {
    TrainingIntent intent;
    char title[96];
    std::snprintf(title, sizeof title, "Step %d of %d: %s###flow", int(step) + 1, kFlowStepCount,
                  std::string(step_name(step)).c_str());
    if (!begin_left(title)) {
        ImGui::End();
        return intent;
    }
    ImGui::TextDisabled("%s", l.title.c_str());
    client_card(l);
    ImGui::Separator();
    explanation(l.step(step));
    switch (step) {
        case FlowStep::Screening: {
            ImGui::TextUnformatted("Intake form:");
            for (const auto& line : l.client.history) wrapped("  - " + line);
            ImGui::Spacing();
            ImGui::TextUnformatted("Tick every contraindication you find:");
            std::vector<std::pair<std::string, std::string>> items;
            for (const auto& c : l.contraindication_vocabulary) items.emplace_back(c.id, c.label);
            std::vector<std::string> ticked = draft.contraindications.value_or(std::vector<std::string>{});
            if (id_checkboxes(items, ticked)) intent.contraindications = ticked;
            if (ImGui::Button("Treat this client")) intent.proceed = true;
            ImGui::SameLine();
            if (ImGui::Button("Turn the client away")) intent.proceed = false;
            break;
        }
        case FlowStep::Device: {
            int device = treatment.device() == DeviceKind::Roller ? 0 : 1;
            bool changed = ImGui::RadioButton("Dermaroller", &device, 0);
            ImGui::SameLine();
            changed |= ImGui::RadioButton("Pen", &device, 1);
            if (changed) intent.device = device == 0 ? DeviceKind::Roller : DeviceKind::Pen;
            int steps = int(std::lround(treatment.needle_mm() / 0.25f));
            if (ImGui::SliderInt(device ? "Depth" : "Needle", &steps, device ? 1 : 1, 10, "")) intent.needle_mm = steps * 0.25f;
            ImGui::SameLine(0, 0);
            ImGui::Text(" %.2f mm", steps * 0.25f);
            const float depth = treatment.expected_depth_mm();
            ImGui::Text("Channels ~%.0f \xC2\xB5m deep: %s", depth * 1000.0f,
                        std::string(layer_name(treatment.region().layer_at_depth(depth))).c_str());
            draw_depth_gauge(treatment.region(), depth, treatment.needle_mm(),
                             float(treatment.region().bottom_of_mm(l.protocol.deepest_layer)));
            intent.next = ImGui::Button("Next");
            break;
        }
        case FlowStep::Numbing: {
            const bool needed = treatment.needle_mm() > kNumbingFreeNeedleMm;
            wrapped_coloured(needed ? kWarn : kGood, needed ? "This needle needs numbing." : "This needle needs none.");
            int minutes = int(draft.numbing_minutes.value_or(45));  // REFERENCE.md §7: 30-60 min
            if (ImGui::SliderInt("minutes", &minutes, 5, 120)) intent.numbing_minutes = minutes;
            if (ImGui::Button("Apply the cream (the wait is skipped)")) intent.numbing_minutes = minutes, intent.next = true;
            if (ImGui::Button("No numbing")) intent.numbing_minutes = 0, intent.next = true;
            break;
        }
        case FlowStep::Preparation: {
            bool prepared = draft.skin_prepared.value_or(false);
            if (ImGui::Checkbox("Cream and make-up off, skin disinfected and dry", &prepared)) intent.skin_prepared = prepared;
            intent.next = ImGui::Button("Next");
            break;
        }
        case FlowStep::Passes: {
            wrapped("Left-drag on the skin to roll; release to lift. W/S or shift+wheel: pressure.");
            ImGui::Text("Passes made: %d", treatment.passes());
            if (ImGui::Button("Undo pass")) intent.undo = true;
            ImGui::SameLine();
            ImGui::BeginDisabled(treatment.passes() == 0);
            intent.next = ImGui::Button("Done with the passes");
            ImGui::EndDisabled();
            break;
        }
        case FlowStep::Serum: {
            const std::string chosen = draft.serum.value_or("");
            if (ImGui::RadioButton("none", chosen.empty())) intent.serum = "";
            for (const auto& s : serums) {
                const bool suited = std::find(l.serums.begin(), l.serums.end(), s) != l.serums.end();
                if (ImGui::RadioButton((s + (suited ? "  (suited)" : "")).c_str(), chosen == s)) intent.serum = s;
            }
            if (ImGui::Button("Next")) {
                intent.next = true;
                if (!draft.serum) intent.serum = chosen;
            }
            break;
        }
        case FlowStep::Aftercare: {
            ImGui::TextUnformatted("Tick the advice you give the client:");
            std::vector<std::pair<std::string, std::string>> items;
            for (const auto& a : l.aftercare) items.emplace_back(a.id, a.label);
            std::vector<std::string> ticked = draft.aftercare.value_or(std::vector<std::string>{});
            if (id_checkboxes(items, ticked)) intent.aftercare = ticked;
            if (ImGui::Button("Finish and score")) {
                intent.finish = true;
                if (!draft.aftercare) intent.aftercare = ticked;
            }
            break;
        }
    }
    if (step != FlowStep::Screening) {
        ImGui::SameLine();
        intent.back = ImGui::Button("Back");
    }
    if (!save_failure.empty()) wrapped_coloured(kWarn, save_failure);
    ImGui::End();
    return intent;
}

TrainingIntent draw_feedback_panel(const LiveFeedback& f) {
    TrainingIntent intent;
    if (!begin_right("Live feedback")) {
        ImGui::End();
        return intent;
    }
    const Protocol& p = f.lesson->protocol;
    ImGui::TextUnformatted("Coverage (punctures per cm2)");
    heatmap(f.coverage, f.coverage.target);
    ImGui::Separator();
    ImGui::Text("Depth ~%.0f \xC2\xB5m against the layers", f.depth_mm * 1000.0f);
    draw_depth_gauge(*f.region, f.depth_mm, f.needle_mm, float(f.region->bottom_of_mm(p.deepest_layer)));
    meter("Pressure", f.pressure, 1.0, {0.0, p.pressure_max}, "");
    meter("Speed", f.down ? f.speed_mm_s : 0.0, 2.5 * f.good_speed.max, f.good_speed, " mm/s");
    ImGui::Separator();
    ImGui::Text("Directions (%d passes):", f.passes);
    const RequiredDirections done = required_directions(f.directions);
    auto tick = [](bool is_done, const char* name) {
        ImGui::TextColored(is_done ? kGood : kMuted, "%s %s", is_done ? "[x]" : "[ ]", name);
    };
    tick(done.horizontal, "horizontal");
    ImGui::SameLine();
    tick(done.vertical, "vertical");
    ImGui::SameLine();
    tick(done.diagonal, "diagonal");
    ImGui::Separator();
    if (f.warnings.empty()) ImGui::TextColored(kGood, "No warning.");
    for (const auto& w : f.warnings) wrapped_coloured(kWarn, "! " + w.message);
    ImGui::End();
    return intent;
}

TrainingIntent draw_results_panel(const ScoredSession& r, const std::string& status) {
    TrainingIntent intent;
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowPos(ImVec2(kMargin, kBelowLegend), ImGuiCond_Always);
    ImGui::SetNextWindowSize(ImVec2(std::min(760.0f, display.x - 2 * kMargin), display.y - kBelowLegend - kMargin),
                             ImGuiCond_Always);
    ImGui::Begin("Results", nullptr, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse);
    ImGui::Text("%s", r.lesson->title.c_str());
    ImGui::SetWindowFontScale(1.6f);
    ImGui::TextColored(r.score.passed ? kGood : kWarn, "%.0f / 100  %s", r.score.overall, r.score.passed ? "passed" : "not passed");
    ImGui::SetWindowFontScale(1.0f);
    if (r.score.capped) wrapped_coloured(kWarn, "Capped: a critical criterion failed.");
    if (ImGui::BeginTable("rubric", 4, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupColumn("Criterion", ImGuiTableColumnFlags_WidthStretch, 1.2f);
        ImGui::TableSetupColumn("Score", ImGuiTableColumnFlags_WidthFixed, 44);
        ImGui::TableSetupColumn("Measured", ImGuiTableColumnFlags_WidthStretch, 2.0f);
        ImGui::TableSetupColumn("Tip", ImGuiTableColumnFlags_WidthStretch, 2.0f);
        ImGui::TableHeadersRow();
        for (const auto& c : r.score.criteria) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            wrapped(c.title + (c.critical ? " *" : ""));
            ImGui::TableNextColumn();
            if (c.applicable) ImGui::TextColored(c.score < 50 ? kWarn : c.score < 80 ? ImVec4(1, 0.8f, 0.3f, 1) : kGood, "%.0f", c.score);
            else ImGui::TextDisabled("n/a");
            ImGui::TableNextColumn();
            wrapped(c.measured);
            ImGui::TableNextColumn();
            wrapped(c.tip);
        }
        ImGui::EndTable();
    }
    for (const auto& w : r.warnings) wrapped_coloured(kWarn, "! " + w.message);
    intent.export_html = ImGui::Button("Export debrief (HTML)");
    ImGui::SameLine();
    intent.export_xapi = ImGui::Button("Export xAPI");
    ImGui::SameLine();
    intent.history = ImGui::Button("History");
    ImGui::SameLine();
    intent.restart = ImGui::Button("Another lesson");
    ImGui::SameLine();
    intent.modes = ImGui::Button("Other modes");
    if (!status.empty()) wrapped_coloured(kMuted, status);
    ImGui::End();
    return intent;
}

TrainingIntent draw_history_panel(const std::vector<HistoryEntry>& entries, const std::vector<Lesson>& lessons,
                                  const std::string& trainee, const std::string& error) {
    TrainingIntent intent;
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowPos(ImVec2(display.x * 0.5f, display.y * 0.5f), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(std::min(760.0f, display.x - 40), std::min(560.0f, display.y - 40)), ImGuiCond_Always);
    ImGui::Begin("Training history", nullptr, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse);
    ImGui::Text("%s: %zu session%s", trainee.empty() ? "Everyone" : trainee.c_str(), entries.size(),
                entries.size() == 1 ? "" : "s");
    if (!error.empty()) wrapped_coloured(kWarn, error);
    if (!entries.empty()) score_plot(entries);
    if (ImGui::BeginTable("sessions", 4, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY,
                          ImVec2(0, ImGui::GetContentRegionAvail().y - 34))) {
        ImGui::TableSetupColumn("Finished (UTC)");
        ImGui::TableSetupColumn("Lesson");
        ImGui::TableSetupColumn("Score");
        ImGui::TableSetupColumn("Result");
        ImGui::TableHeadersRow();
        for (auto it = entries.rbegin(); it != entries.rend(); ++it) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            // "2026-12-01T08:47:09Z" reads as "2026-12-01 08:47"; the lesson by its title (its id if it is
            // no longer installed).
            std::string when = it->finished_utc.substr(0, 16);
            if (when.size() > 10 && when[10] == 'T') when[10] = ' ';
            ImGui::TextUnformatted(when.c_str());
            ImGui::TableNextColumn();
            auto lesson = std::find_if(lessons.begin(), lessons.end(), [&](const Lesson& l) { return l.id == it->lesson_id; });
            ImGui::TextUnformatted(lesson != lessons.end() ? lesson->title.c_str() : it->lesson_id.c_str());
            ImGui::TableNextColumn();
            ImGui::Text("%.0f", it->overall);
            ImGui::TableNextColumn();
            ImGui::TextColored(it->passed ? kGood : kWarn, "%s", it->passed ? "passed" : "not passed");
        }
        ImGui::EndTable();
    }
    intent.close_history = ImGui::Button("Back");
    ImGui::End();
    return intent;
}

}  // namespace dermasim::app
