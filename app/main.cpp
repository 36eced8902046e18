// dermasim: the front door. No subcommand opens the window (a mode, or the start screen); subcommands run
// without a window.
#include <cstdio>
#include <exception>
#include <new>
#include <string>

#include "app/commands.hpp"
#include "app/modes/mode.hpp"
#include "engine/core/error.hpp"

namespace {

const char* kUsage = R"(DermaSim - micro-needling on layered skin, in 3D.

Usage:
  dermasim [--mode M] [options]          open the window: the start screen, or mode M directly
  dermasim replay SESSION [options]      play a saved session back: its passes, then its healing
                                         (in the window, or headless to PNG frames and a report)
  dermasim render --out FILE [options]   draw the skin block to a PNG without a window
  dermasim simulate --report F [options] a treatment (roller or pen) and its healing, headless
  dermasim bench [options]               heal-step throughput, bandwidth and 180-day run time
  dermasim make-models [--out DIR]       rebuild the device glTF models from assets/devices/*.json
  dermasim score --lesson ID [options]   run a training lesson headless and score it (report, HTML, xAPI)
  dermasim history [--trainee NAME]      progress across training sessions, with a plot
  dermasim help                          this text
)";

// After the modes, which come from the start screen's list (app/modes/mode.hpp) so the two cannot disagree.
const char* kUsageEnd = R"(
Every command takes --help. Sessions are saved as you work, in $XDG_DATA_HOME/dermasim/sessions
(~/.local/share/dermasim/sessions); 'dermasim replay FILE' opens one, and old stroke scripts too.
)";

void print_usage(std::FILE* out) {
    std::fputs(kUsage, out);
    std::fputs("\nModes (the window):\n", out);
    for (const dermasim::app::ModeInfo& mode : dermasim::app::kModes)
        std::fprintf(out, "  %-10s %s%s\n", std::string(mode.name).c_str(), std::string(mode.summary).c_str(),
                     mode.available ? "" : " (not in this version yet)");
    std::fputs(kUsageEnd, out);
}

}  // namespace

int main(int argc, char** argv) {
    using namespace dermasim::app;
    Argv args(argv + 1, argv + argc);
    std::string command = args.empty() || args[0].rfind("-", 0) == 0 ? "" : args[0];
    if (!command.empty()) args.erase(args.begin());
    try {
        if (command.empty()) {
            // "dermasim --help" is the front door's help; the window's own options are in 'dermasim window --help'.
            if (args.size() == 1 && (args[0] == "--help" || args[0] == "-h")) {
                print_usage(stdout);
                std::printf("\nWindow options: 'dermasim window --help'.\n");
                return 0;
            }
            return run_window(args);
        }
        if (command == "window") return run_window(args);
        if (command == "replay") return run_replay(args);
        if (command == "render") return run_render(args);
        if (command == "simulate") return run_simulate(args);
        if (command == "bench") return run_bench(args);
        if (command == "make-models") return run_make_models(args);
        if (command == "score") return run_score(args);
        if (command == "history") return run_history(args);
        if (command == "help") {
            print_usage(stdout);
            return 0;
        }
        std::fprintf(stderr, "dermasim: unknown command '%s'\n\n", command.c_str());
        print_usage(stderr);
        return 2;
    } catch (const dermasim::Error& e) {
        std::fprintf(stderr, "dermasim: error: %s\n", e.what());
        return 1;
    } catch (const std::bad_alloc&) {
        std::fprintf(stderr, "dermasim: error: out of memory (the input asks for more than this machine has)\n");
        return 1;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "dermasim: unexpected error: %s\n", e.what());
        return 1;
    }
}
