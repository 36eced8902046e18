#pragma once
// Driving the app without a window or GPU: a fixed clock, an ImGui context, and frames run through App::frame.
#include <imgui.h>

#include <filesystem>
#include <optional>

#include "app/app.hpp"
#include "engine/core/catalog.hpp"
#include "engine/render/ui_context.hpp"
#include "engine/session/clock.hpp"
#include "../common/source_catalog.hpp"
#include "tests/common/scratch_folder.hpp"

namespace dermasim::test {

inline const Catalog& catalog() { return source_catalog(); }

inline std::filesystem::path fresh_dir(const std::string& name) {
    return scratch_folder(name);
}

struct AppRig {
    explicit AppRig(std::filesystem::path session_folder, double step_s = 0.1, const std::string& mode = "sandbox",
                    const std::string& region = "cheek", std::filesystem::path kiosk_config = {},
                    std::filesystem::path session_file = {})
        : clock(step_s) {
        services.catalog = &catalog();
        services.clock = &clock;
        services.session_folder = std::move(session_folder);
        services.session_file = std::move(session_file);
        services.start_view.region = catalog().regions.find(region);
        services.kiosk_config = std::move(kiosk_config);
        app.emplace(services, mode);
    }
    // One frame: the clock moves one step, the app runs with this input.
    const SkinView& frame(app::FrameInput input = {}) {
        clock.tick();
        UiContext::Activate active(ui);
        ui.new_headless_frame({1280, 720});
        const SkinView& view = app->frame(input);
        ImGui::Render();
        return view;
    }
    // The window pixel that shows the treatable skin nearest patch point p (in front of the cut is cut away).
    glm::vec2 pixel_on_skin(const SkinView& view, glm::vec2 p) const {
        glm::vec2 best(-1);
        float best_d = 1e9f;
        for (float y = 0; y < 720; y += 3)
            for (float x = 0; x < 1280; x += 3)
                if (auto hit = view.camera.surface_point({x, y}, {1280, 720})) {
                    glm::vec2 patch(hit->x + 0.5f * view.width_mm, hit->z + 0.5f * view.width_mm);
                    float d = glm::length(patch - p);
                    if (hit->z <= view.cut_z_mm() && d < best_d) best_d = d, best = {x, y};
                }
        return best;
    }

    // Rolls one pass across the patch with the mouse, one frame per step, then lifts it.
    void roll_pass(glm::vec2 from, glm::vec2 to) {
        const SkinView snapshot = frame();
        for (int i = 0; i <= 12; ++i) {
            app::FrameInput in;
            in.cursor = pixel_on_skin(snapshot, from + (to - from) * (float(i) / 12.0f));
            in.left = true;
            frame(in);
        }
        frame();
    }

    FixedStepClock clock;
    app::AppServices services;
    UiContext ui;
    std::optional<app::App> app;
};

}  // namespace dermasim::test
