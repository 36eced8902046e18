#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "app/commands.hpp"
#include "engine/vk/context.hpp"

namespace dermasim::app {

const char* kGpuFlagsHelp =
    "  --gpu NAME     use the Vulkan device whose name contains NAME (default: discrete > integrated > CPU)\n"
    "  --validate     turn on the Khronos validation layer with synchronization validation; any message fails\n"
    "                 the run (also DERMASIM_VALIDATION=1)\n";

vk::ContextOptions gpu_options(cli::Args& args) {
    vk::ContextOptions options;
    options.gpu = args.value_or("--gpu", "");
    const char* env = std::getenv("DERMASIM_VALIDATION");
    options.validation = args.flag("--validate") || (env && std::strcmp(env, "1") == 0);
    return options;
}

std::optional<float> render_scale_option(cli::Args& args) {
    auto text = args.value("--render-scale");
    if (!text) return std::nullopt;
    return float(cli::parse_number("--render-scale", *text, 0.25, 1.0));
}

float default_render_scale(const vk::Context& context) { return context.info().type == "CPU" ? 0.5f : 1.0f; }

int finish_validation(const vk::Context& context, int exit_code) {
    if (!context.validation_enabled()) return exit_code;
    uint64_t count = vk::Context::validation_message_count();
    if (count == 0) return exit_code;
    std::fprintf(stderr, "dermasim: error: %llu Vulkan validation message(s); the first problems are above\n",
                 static_cast<unsigned long long>(count));
    return exit_code ? exit_code : 3;
}

}  // namespace dermasim::app
