#pragma once
// The dermasim subcommands. Each parses its own arguments, prints its own --help and returns an exit code.
#include <string>
#include <vector>
#include "app/cli.hpp"
#include "engine/core/catalog.hpp"
#include "engine/render/skin_view.hpp"
#include "engine/vk/context.hpp"

namespace dermasim::app {

using Argv = std::vector<std::string>;

int run_window(const Argv& args);
int run_replay(const Argv& args);
int run_render(const Argv& args);
int run_simulate(const Argv& args);
int run_bench(const Argv& args);
int run_make_models(const Argv& args);

// Flags every GPU command takes: --gpu NAME and --validate (or DERMASIM_VALIDATION=1).
vk::ContextOptions gpu_options(cli::Args& args);
// After a run with validation: reports and turns any validation message into a failure.
int finish_validation(const vk::Context& context, int exit_code);
extern const char* kGpuFlagsHelp;

// --region, --look, --cut, --yaw, --pitch, --zoom, --no-labels: the view a command opens on.
SkinView view_from_args(cli::Args& args, const Catalog& catalog);
extern const char* kViewFlagsHelp;

}  // namespace dermasim::app
