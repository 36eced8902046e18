#pragma once
// Owns a Dear ImGui context with DermaSim's style and font. Each Renderer owns one, so two renderers (the window
// and an offscreen one, or two offscreen ones) never share fonts, draw lists or backend data.
//
// ImGui keeps one *current* context in a global, and every ImGui call, including the backends' (which keep their
// data in io.BackendRendererUserData / BackendPlatformUserData), works on whatever is current. So nothing may
// assume its context is current: every ImGui call for a renderer runs inside an Activate scope for its context,
// which makes it current and restores the previous one afterwards (scopes nest).
#include <vulkan/vulkan.h>

struct ImGuiContext;

namespace dermasim {

class UiContext {
public:
    UiContext();
    ~UiContext();
    UiContext(const UiContext&) = delete;
    UiContext& operator=(const UiContext&) = delete;

    // Makes the context current for the scope's lifetime, then restores whatever was current before.
    class Activate {
    public:
        explicit Activate(const UiContext& ui);
        ~Activate();
        Activate(const Activate&) = delete;
        Activate& operator=(const Activate&) = delete;

    private:
        ImGuiContext* previous_;
    };

    // For headless frames: sets the display size and a fixed time step, then ImGui::NewFrame(). Call inside an
    // Activate scope for this context (the frame's ImGui calls that follow need it current too).
    void new_headless_frame(VkExtent2D extent);

    ImGuiContext* get() const { return context_; }

private:
    ImGuiContext* context_ = nullptr;
};

}  // namespace dermasim
