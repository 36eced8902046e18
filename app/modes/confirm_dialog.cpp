#include "app/modes/confirm_dialog.hpp"

#include <imgui.h>

#include <algorithm>

namespace dermasim::app {

void ConfirmDialog::ask(std::string question, std::string detail, std::string yes_label, std::function<void()> on_yes) {
    question_ = std::move(question);
    detail_ = std::move(detail);
    yes_label_ = std::move(yes_label);
    on_yes_ = std::move(on_yes);
}

void ConfirmDialog::tell(std::string title, std::string detail) {
    ask(std::move(title), std::move(detail), "", [] {});
}

void ConfirmDialog::answer(bool yes) {
    auto action = std::move(on_yes_);
    on_yes_ = nullptr;
    if (yes && action) action();
}

void ConfirmDialog::draw() {
    if (!open()) return;
    const char* id = "Please confirm##ask-first";
    ImGui::PushID(this);  // the host's and the mode's questions are different popups
    if (!ImGui::IsPopupOpen(id)) ImGui::OpenPopup(id);
    ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x * 0.5f, io.DisplaySize.y * 0.5f), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(std::min(460.0f, io.DisplaySize.x - 24.0f), 0.0f), ImGuiCond_Always);
    if (!ImGui::BeginPopupModal(id, nullptr, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize)) {
        ImGui::PopID();
        return;
    }
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(question_.c_str());
    if (!detail_.empty()) ImGui::TextDisabled("%s", detail_.c_str());
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
    int choice = 0;
    const bool message = yes_label_.empty();  // tell(): OK only
    if (!message && ImGui::Button(yes_label_.c_str())) choice = 1;
    if (!message) ImGui::SameLine();
    if (ImGui::Button(message ? "OK" : "Cancel") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false))
        choice = -1;
    if (choice != 0) {
        ImGui::CloseCurrentPopup();
        answer(choice > 0);
    }
    ImGui::EndPopup();
    ImGui::PopID();
}

}  // namespace dermasim::app
