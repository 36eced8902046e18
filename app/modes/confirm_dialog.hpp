#pragma once
// Ask first: a modal question before something that would take work off the screen (a new region, another
// device, clearing, leaving). The action runs only on "yes"; headless runs and tests answer it directly.
#include <functional>
#include <string>

namespace dermasim::app {

class ConfirmDialog {
public:
    void ask(std::string question, std::string detail, std::string yes_label, std::function<void()> on_yes);
    // A message with only an OK button (something could not be done, and why).
    void tell(std::string title, std::string detail);
    bool open() const { return static_cast<bool>(on_yes_); }
    const std::string& question() const { return question_; }
    const std::string& detail() const { return detail_; }
    void answer(bool yes);  // runs the action on yes; closes the question either way
    void draw();            // the modal (ImGui); calls answer() when a button is pressed

private:
    std::string question_, detail_, yes_label_;
    std::function<void()> on_yes_;
};

}  // namespace dermasim::app
