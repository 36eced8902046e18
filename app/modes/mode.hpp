#pragma once
// A mode owns a screen: its input handling, its panels, and its part of the session. The host (ModeHost)
// owns the one current mode and switches between them; modes ask for a switch or to quit through requests,
// never by reaching into each other.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "app/frame_input.hpp"
#include "engine/core/catalog.hpp"
#include "engine/render/skin_view.hpp"
#include "engine/session/clock.hpp"

namespace dermasim::vk { class Context; }

namespace dermasim::app {

// What every mode is given: the immutable catalogue, the one clock (set by the platform that drives the app),
// where sessions are kept, and the view to open on.
struct AppServices {
    const Catalog* catalog = nullptr;
    const Clock* clock = nullptr;
    std::filesystem::path session_folder;  // new sessions get a fresh readable name here
    std::filesystem::path session_file;    // if set, the session is saved to this file instead
    SkinView start_view;                   // region, look, cut and camera a mode opens on
    float start_zoom = 1.0f;               // camera distance over the fitted one when the block is framed (--zoom)
    std::filesystem::path kiosk_config;    // the kiosk's configuration (empty: the shipped one)
    const vk::Context* gpu = nullptr;      // heals time-lapses with the GPU passes when set, else the CPU twins
};

struct ModeInfo {
    std::string_view name;
    std::string_view summary;
    bool available;  // built in this version
};
// Every mode the app knows, in start-screen order.
inline constexpr ModeInfo kModes[] = {
    {"sandbox", "Free practice: any region, device and needle; roll, then watch the skin heal.", true},
    {"training", "Guided lessons with live feedback, scores and reports.", true},
    {"consult", "A calm explanation for a client, with before and after.", true},
    {"kiosk", "A trade-show attract loop with a try for visitors.", true},
};
// Error "unknown mode 'x' (known: ...)" or "mode 'x' is not available in this version".
void check_mode_name(std::string_view name);

class Mode {
public:
    virtual ~Mode() = default;
    virtual std::string_view name() const = 0;
    // One frame, between ImGui::NewFrame and ImGui::Render: handle input, draw the mode's panels, fill view.
    virtual void frame(const FrameInput& input, double dt_s, SkinView& view) = 0;
    // Before the mode is left (another mode, quitting): save what there is. Returns "" when nothing would be
    // lost, else a sentence saying what would be.
    virtual std::string prepare_to_leave() { return ""; }
    // The window's close button was pressed. Returns true when the mode deals with it itself (the kiosk refuses
    // it and asks for its PIN); false lets the host quit (asking first if work would be lost).
    virtual bool take_close_request() { return false; }
    // The mode is waiting on a question of its own (ask first): the host asks nothing over it.
    virtual bool asking() const { return false; }
    // The frame asked for with save_frame_request was written (error empty) or not (error says why).
    virtual void frame_saved(const std::filesystem::path& path, const std::string& error) { (void)path, (void)error; }

    // Requests to the host, read and cleared by it after each frame.
    std::optional<std::string> switch_request;  // a mode name, or "start" for the start screen
    bool quit_request = false;                  // leave the app (the kiosk, once its PIN was given)
    // Requests to the platform: write the frame being drawn, as shown, to this PNG (the window does it; headless
    // runs write their own outputs). Cleared by the platform, which then calls frame_saved.
    std::optional<std::filesystem::path> save_frame_request;
    // The window should fill the screen (the kiosk). Read by the window platform every frame.
    bool wants_fullscreen = false;
};

}  // namespace dermasim::app
