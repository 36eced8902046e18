#pragma once
// The headless platform: the same App::frame as the window, drawn by the offscreen renderer into images in
// memory, with no window system. Time is whatever clock the caller gave the app (a fixed step, so runs repeat).
#include <vulkan/vulkan.h>

#include "app/app.hpp"
#include "engine/io/png.hpp"
#include "engine/render/offscreen.hpp"

namespace dermasim::app {

class HeadlessPlatform {
public:
    HeadlessPlatform(const vk::Context& context, const Catalog& catalog, VkExtent2D size)
        : renderer_(context, catalog, size) {}
    // Runs one app frame with this input (it reaches the scene; the panels are driven through intents) and
    // returns the image.
    RgbaImage frame(App& app, const FrameInput& input = {});

private:
    OffscreenRenderer renderer_;
};

}  // namespace dermasim::app
