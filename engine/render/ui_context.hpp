#pragma once
// Owns a Dear ImGui context with DermaSim's style and font. Headless runs use it without any platform backend.
#include <vulkan/vulkan.h>

struct ImGuiContext;

namespace dermasim {

class UiContext {
public:
    UiContext();
    ~UiContext();
    UiContext(const UiContext&) = delete;
    UiContext& operator=(const UiContext&) = delete;

    // For headless frames: sets the display size and a fixed time step, then ImGui::NewFrame().
    void new_headless_frame(VkExtent2D extent);

private:
    ImGuiContext* context_ = nullptr;
};

}  // namespace dermasim
