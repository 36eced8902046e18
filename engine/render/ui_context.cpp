#include "engine/render/ui_context.hpp"

#include <imgui.h>

#include <cassert>
#include <cstdio>
#include <filesystem>
#include <mutex>

namespace dermasim {

UiContext::UiContext() {
    IMGUI_CHECKVERSION();
    // ImGui 1.86 makes a new context current when none is: put back what was current (maybe nothing), so
    // making a renderer never changes the caller's context, and make ours current only while styling it.
    ImGuiContext* previous = ImGui::GetCurrentContext();
    context_ = ImGui::CreateContext();
    ImGui::SetCurrentContext(previous);
    Activate active(*this);
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // no imgui.ini littering the working folder
    // DejaVu Sans (fonts-dejavu-core, installed by the set-up) reads far better than ImGui's bitmap font;
    // without it we fall back to the built-in one rather than fail, and say so once: text then looks, and
    // measures, differently (a machine without the font failed every golden image on its text alone).
    const char* font = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    if (std::filesystem::exists(font)) {
        io.Fonts->AddFontFromFileTTF(font, 15.0f);
    } else {
        static std::once_flag said;
        std::call_once(said, [&] {
            std::fprintf(stderr, "dermasim: %s is missing, so text uses ImGui's plainer built-in font (Debian: "
                                 "apt-get install fonts-dejavu-core)\n", font);
        });
    }
    ImGui::StyleColorsDark();
    ImGuiStyle& style = ImGui::GetStyle();
    style.WindowRounding = 6.0f;
    style.FrameRounding = 4.0f;
    style.GrabRounding = 4.0f;
    style.WindowBorderSize = 0.0f;
    style.Colors[ImGuiCol_WindowBg].w = 0.88f;
}

UiContext::~UiContext() {
    // Shut down with our context current (shutdown hooks read the current one); DestroyContext clears the
    // current pointer only when it was ours, so put back whatever else was current.
    ImGuiContext* previous = ImGui::GetCurrentContext();
    ImGui::SetCurrentContext(context_);
    ImGui::DestroyContext(context_);
    ImGui::SetCurrentContext(previous == context_ ? nullptr : previous);
}

UiContext::Activate::Activate(const UiContext& ui) : previous_(ImGui::GetCurrentContext()) {
    ImGui::SetCurrentContext(ui.context_);
}

UiContext::Activate::~Activate() { ImGui::SetCurrentContext(previous_); }

void UiContext::new_headless_frame(VkExtent2D extent) {
    assert(ImGui::GetCurrentContext() == context_ && "new_headless_frame outside an Activate scope");
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(float(extent.width), float(extent.height));
    io.DeltaTime = 1.0f / 60.0f;
    // Without a renderer backend (runs that draw no pictures) nobody has built the font atlas yet.
    if (!io.Fonts->IsBuilt()) {
        unsigned char* pixels = nullptr;
        int width = 0, height = 0;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);
    }
    ImGui::NewFrame();
}

}  // namespace dermasim
