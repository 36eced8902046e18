#include "app/platform/headless_platform.hpp"

namespace dermasim::app {

RgbaImage HeadlessPlatform::frame(App& app, const FrameInput& input) {
    FrameInput in = input;
    const VkExtent2D size = renderer_.size();
    in.window_size = {float(size.width), float(size.height)};
    return renderer_.render_frame([&]() -> const SkinView& { return app.frame(in); });
}

}  // namespace dermasim::app
