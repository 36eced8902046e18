// dermasim: the window (no subcommand) and the headless subcommands.
#include <cstdio>
#include <cstring>
#include <exception>
#include <string>

#include "app/commands.hpp"
#include "engine/core/error.hpp"

namespace {

const char* kUsage = R"(DermaSim - micro-needling on layered skin, in 3D.

Usage:
  dermasim [--region R] [--look L] [...]   open the window (needs a display; see 'dermasim --help')
  dermasim render --region R --out FILE    render the skin block to a PNG without a window
  dermasim simulate --region R --report F  a treatment (roller or pen) and its healing, headless
  dermasim bench                           heal-step throughput, bandwidth and 180-day run time
  dermasim make-models [--out DIR]         regenerate the device glTF models from assets/devices/*.json
  dermasim help                            this text

Every command takes --help. Regions: see assets/regions.json (forehead, periorbital, nose, cheek, perioral,
neck, abdomen, thigh, back).
)";

}  // namespace

int main(int argc, char** argv) {
    using namespace dermasim::app;
    Argv args(argv + 1, argv + argc);
    std::string command = args.empty() || args[0].rfind("--", 0) == 0 ? "" : args[0];
    if (!command.empty()) args.erase(args.begin());
    try {
        if (command == "") return run_window(args);
        if (command == "render") return run_render(args);
        if (command == "simulate") return run_simulate(args);
        if (command == "bench") return run_bench(args);
        if (command == "make-models") return run_make_models(args);
        if (command == "help" || command == "-h") {
            std::fputs(kUsage, stdout);
            return 0;
        }
        std::fprintf(stderr, "dermasim: unknown command '%s'\n\n%s", command.c_str(), kUsage);
        return 2;
    } catch (const dermasim::Error& e) {
        std::fprintf(stderr, "dermasim: error: %s\n", e.what());
        return 1;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "dermasim: unexpected error: %s\n", e.what());
        return 1;
    }
}
