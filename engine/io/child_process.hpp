#pragma once
// Starting a helper program (ffmpeg, or this program itself for a background export) with its standard streams
// redirected, and waiting for it. posix_spawn, not fork: the window's process holds a Vulkan device and GPU
// memory mappings that a fork would duplicate.
#include <sys/types.h>

#include <string>
#include <vector>

namespace dermasim {

// One of the child's standard streams (target: STDIN_FILENO, ...): a descriptor of ours, or a file opened anew.
struct StreamRedirect {
    int target;
    int from_fd = -1;  // dup2 this descriptor, or else
    std::string path;  // open this file with `flags` (created 0644)
    int flags = 0;
};

// Runs argv[0] (a path) with argv, the redirections and env (nullptr: this process's environment). Returns the
// child's pid; throws Error("<what>: <reason>") when it cannot start.
pid_t spawn_process(const std::vector<std::string>& argv, const std::vector<StreamRedirect>& redirects,
                    const std::vector<std::string>* env, const std::string& what);

// Waits for the child (through signals); its exit status, or -1 when it was killed.
int wait_process(pid_t child);

}  // namespace dermasim
