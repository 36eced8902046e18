// dermasim history: a trainee's progress across training sessions, from the history database, as a table and a
// plot (in the terminal; as SVG with --svg).
#include <cmath>
#include <cstdio>

#include "app/commands.hpp"
#include "app/output_checks.hpp"
#include "engine/core/atomic_file.hpp"
#include "engine/core/error.hpp"
#include "engine/io/svg_plot.hpp"
#include "engine/training/history.hpp"

namespace dermasim::app {
namespace {
const char* kHelp = R"(dermasim history - progress across training sessions

Usage: dermasim history [--trainee NAME] [--svg FILE]
  --trainee NAME   only this trainee's sessions (default: everyone's)
  --svg FILE       also write the plot of overall scores as an SVG picture
The history is kept in $XDG_DATA_HOME/dermasim/history.sqlite (~/.local/share/dermasim/history.sqlite); a
training session is added when it is finished in the window, or scored by 'dermasim score' with answers that
name a trainee.
)";

// Overall score per session as rows of a text plot: one column per session, 0..100 in steps of 10.
void print_plot(const std::vector<HistoryEntry>& entries) {
    for (int level = 100; level >= 0; level -= 10) {
        std::printf("%4d |", level);
        for (const auto& e : entries) std::printf("%s", std::lround(e.overall / 10.0) * 10 == level ? " *" : "  ");
        std::printf("\n");
    }
    std::printf("     +");
    for (size_t i = 0; i < entries.size(); ++i) std::printf("--");
    std::printf("\n       sessions, oldest first\n");
}

}  // namespace

std::string history_plot_svg(const std::vector<HistoryEntry>& entries, const std::string& who) {
    std::vector<double> x, overall;
    for (size_t i = 0; i < entries.size(); ++i) {
        x.push_back(double(i + 1));
        overall.push_back(entries[i].overall);
    }
    return svg_line_plot("Training progress: " + who, "session", "overall score", x,
                         {{"overall score", "#2c6fbb", overall}}, 640, 300);
}

int run_history(const Argv& argv) {
    cli::Args args("dermasim history", argv);
    if (args.help_requested()) {
        std::printf("%s", kHelp);
        return 0;
    }
    const std::string trainee = args.value_or("--trainee", "");
    const auto svg = args.value("--svg");
    args.finish();
    if (svg) check_output_file("--svg", *svg);
    const auto file = default_history_file();
    std::error_code ec;
    if (!std::filesystem::exists(file, ec)) {
        std::printf("No training sessions yet (%s does not exist): finish a lesson in the window's training mode, or "
                    "run 'dermasim score' with answers that name a trainee.\n", file.c_str());
        return 0;
    }
    const TrainingHistory history(file, TrainingHistory::Access::Read);
    const auto entries = history.entries(trainee);
    if (entries.empty()) {
        std::string known;
        for (const auto& t : history.trainees()) known += (known.empty() ? "" : ", ") + t;
        if (!trainee.empty())
            throw Error("--trainee '" + trainee + "': no session in the history (trainees: " + (known.empty() ? "none" : known) + ")");
        std::printf("No training sessions yet in %s.\n", file.c_str());
        return 0;
    }
    const std::string who = trainee.empty() ? "all trainees" : trainee;
    std::printf("Training history of %s (%s)\n\n", who.c_str(), file.c_str());
    std::printf("%-4s %-20s %-16s %-24s %7s  %s\n", "#", "finished", "trainee", "lesson", "overall", "result");
    for (size_t i = 0; i < entries.size(); ++i) {
        const auto& e = entries[i];
        std::printf("%-4zu %-20s %-16s %-24s %7.0f  %s\n", i + 1, e.finished_utc.c_str(), e.trainee.c_str(),
                    e.lesson_id.c_str(), e.overall, e.passed ? "passed" : "not passed");
    }
    std::printf("\n");
    print_plot(entries);
    if (svg) {
        write_text_atomically(*svg, history_plot_svg(entries, who) + "\n");
        std::fprintf(stderr, "dermasim: wrote %s\n", svg->c_str());
    }
    return 0;
}

}  // namespace dermasim::app
