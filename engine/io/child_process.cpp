#include "engine/io/child_process.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>

#include <cerrno>
#include <cstring>

#include "engine/core/error.hpp"

extern char** environ;

namespace dermasim {
namespace {

// posix_spawn wants mutable, null-terminated C strings that outlive the call.
std::vector<char*> c_strings(std::vector<std::string>& strings) {
    std::vector<char*> pointers;
    for (std::string& s : strings) pointers.push_back(s.data());
    pointers.push_back(nullptr);
    return pointers;
}

}  // namespace

pid_t spawn_process(const std::vector<std::string>& argv, const std::vector<StreamRedirect>& redirects,
                    const std::vector<std::string>* env, const std::string& what) {
    std::vector<std::string> argv_copy = argv;
    std::vector<char*> argv_c = c_strings(argv_copy);
    std::vector<std::string> env_copy = env ? *env : std::vector<std::string>{};
    std::vector<char*> env_c = c_strings(env_copy);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    for (const StreamRedirect& r : redirects) {
        if (r.from_fd >= 0) posix_spawn_file_actions_adddup2(&actions, r.from_fd, r.target);
        else posix_spawn_file_actions_addopen(&actions, r.target, r.path.c_str(), r.flags, 0644);
    }
    pid_t child = -1;
    const int spawned = posix_spawn(&child, argv_copy.front().c_str(), &actions, nullptr, argv_c.data(),
                                    env ? env_c.data() : environ);
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) throw Error(what + ": " + std::strerror(spawned));
    return child;
}

int wait_process(pid_t child) {
    int status = 0;
    while (waitpid(child, &status, 0) < 0 && errno == EINTR) {}
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace dermasim
