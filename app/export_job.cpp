#include "app/export_job.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <thread>

#include "engine/core/error.hpp"
#include "engine/io/child_process.hpp"

extern char** environ;

namespace dermasim::app {

ExportJob::~ExportJob() {
    if (!running()) return;
    cancel();
    // Leaving (another mode, quitting) does not wait for the child: it stops at its next frame and removes its
    // half-made video. A thread of its own reads what it still writes, so it never blocks on a full pipe, and
    // reaps it.
    std::thread([child = child_, output = output_] {
        fcntl(output, F_SETFL, 0);
        char buffer[4096];
        while (read(output, buffer, sizeof buffer) > 0) {
        }
        close(output);
        waitpid(child, nullptr, 0);
    }).detach();
}

void ExportJob::start(const std::vector<std::string>& args) {
    if (running()) throw Error("an export is already running");
    int pipe_fds[2];
    if (pipe2(pipe_fds, O_CLOEXEC) != 0) throw Error(std::string("cannot start the export: ") + std::strerror(errno));
    std::vector<std::string> argv = {"/proc/self/exe"};
    argv.insert(argv.end(), args.begin(), args.end());
    std::vector<std::string> env = {"DERMASIM_PROGRESS=lines"};
    for (char** e = environ; *e; ++e)
        if (std::strncmp(*e, "DERMASIM_PROGRESS=", 18) != 0) env.push_back(*e);
    try {
        child_ = spawn_process(argv, {{STDERR_FILENO, pipe_fds[1]}, {STDIN_FILENO, -1, "/dev/null", O_RDONLY}}, &env,
                               "cannot start the export");
    } catch (const Error&) {
        close(pipe_fds[0]);
        close(pipe_fds[1]);
        throw;
    }
    close(pipe_fds[1]);
    output_ = pipe_fds[0];
    fcntl(output_, F_SETFL, O_NONBLOCK);
    pending_.clear();
    last_line_.clear();
    error_.clear();
    progress_ = 0;
    finished_ = cancelled_ = false;
}

void ExportJob::read_output() {
    char buffer[4096];
    for (ssize_t n; (n = read(output_, buffer, sizeof buffer)) > 0;) pending_.append(buffer, size_t(n));
    for (size_t end; (end = pending_.find('\n')) != std::string::npos; pending_.erase(0, end + 1)) {
        const std::string line = pending_.substr(0, end);
        int percent = 0;
        char label[32];
        if (std::sscanf(line.c_str(), "progress %31s %d%%", label, &percent) == 2) progress_ = percent / 100.0;
        else if (!line.empty()) last_line_ = line;
    }
}

void ExportJob::poll() {
    if (!running()) return;
    read_output();
    int status = 0;
    if (waitpid(child_, &status, WNOHANG) == child_) ended(status);
}

void ExportJob::ended(int status) {
    child_ = -1;
    read_output();  // what it wrote last, its error line among it, may have come after the last poll
    close(output_);
    output_ = -1;
    finished_ = true;
    const bool ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    if (cancelled_) error_ = "cancelled";
    else if (!ok) error_ = last_line_.empty() ? "the export failed" : last_line_;
    if (ok) progress_ = 1;
}

void ExportJob::cancel() {
    if (!running() || cancelled_) return;
    cancelled_ = true;
    kill(child_, SIGTERM);  // the child removes its half-made video and exits
}

}  // namespace dermasim::app
