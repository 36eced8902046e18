#pragma once
// The one owner of modes: holds the current one, makes new ones by name, and switches and quits only after
// the current mode has saved its work (asking first when something would still be lost).
#include <memory>
#include <string>

#include "app/modes/confirm_dialog.hpp"
#include "app/modes/mode.hpp"

namespace dermasim::app {

class ModeHost {
public:
    // initial: a mode name, or "start" for the start screen.
    ModeHost(const AppServices& services, const std::string& initial);

    void frame(const FrameInput& input, double dt_s, SkinView& view);
    void switch_to(const std::string& name);  // asks first if the current mode would lose work
    void request_quit();                        // the window's close button: asks first if work would be lost
    bool quit() const { return quit_; }

    Mode& current() { return *current_; }
    ConfirmDialog& dialog() { return dialog_; }

private:
    std::unique_ptr<Mode> make(const std::string& name);

    const AppServices& services_;
    std::unique_ptr<Mode> current_;
    ConfirmDialog dialog_;
    bool quit_ = false;
};

}  // namespace dermasim::app
