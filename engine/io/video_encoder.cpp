#include "engine/io/video_encoder.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <vector>

#include "engine/core/atomic_file.hpp"
#include "engine/core/error.hpp"
#include "engine/io/child_process.hpp"

namespace dermasim {
namespace fs = std::filesystem;

std::string find_ffmpeg() {
    if (const char* set = std::getenv("DERMASIM_FFMPEG"); set && *set) {
        if (access(set, X_OK) != 0) throw Error("DERMASIM_FFMPEG='" + std::string(set) + "' is not a program that can be run");
        return set;
    }
    const char* path = std::getenv("PATH");
    std::stringstream folders(path ? path : "/usr/bin:/bin");
    for (std::string folder; std::getline(folders, folder, ':');) {
        fs::path candidate = fs::path(folder.empty() ? "." : folder) / "ffmpeg";
        if (access(candidate.c_str(), X_OK) == 0) return candidate.string();
    }
    throw Error("making a video needs ffmpeg, which is not installed (sudo apt-get install ffmpeg)");
}

VideoEncoder::VideoEncoder(const fs::path& path, uint32_t width, uint32_t height, double fps)
    : path_(path), width_(width), height_(height), fps_(fps) {
    const std::string program = find_ffmpeg();
    const fs::path folder = path.has_parent_path() ? path.parent_path() : fs::path(".");
    std::error_code ec;
    if (!fs::is_directory(folder, ec))
        throw Error("cannot write '" + path.string() + "': folder '" + folder.string() + "' does not exist");
    const std::string stem = "." + path.filename().string() + ".encoding" + std::to_string(getpid());
    temp_ = folder / stem;
    log_ = folder / (stem + ".log");

    int pair[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0)
        throw Error("cannot start ffmpeg for '" + path.string() + "': " + std::strerror(errno));
    char size[32], rate[32];
    std::snprintf(size, sizeof size, "%ux%u", width, height);
    std::snprintf(rate, sizeof rate, "%g", fps);
    // H.264 in yuv420p plays everywhere (phones, browsers, presentation software); faststart lets it play
    // before it has fully loaded.
    std::vector<std::string> args = {program, "-hide_banner", "-loglevel", "error", "-nostdin", "-y",
                                     "-f", "rawvideo", "-pix_fmt", "rgba", "-s", size, "-framerate", rate,
                                     "-i", "pipe:0", "-vf", "pad=ceil(iw/2)*2:ceil(ih/2)*2",
                                     "-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-pix_fmt", "yuv420p",
                                     "-r", rate, "-movflags", "+faststart", "-f", "mp4", temp_.string()};
    try {
        child_ = spawn_process(args,
                               {{STDIN_FILENO, pair[1]},
                                {STDOUT_FILENO, -1, "/dev/null", O_WRONLY},
                                {STDERR_FILENO, -1, log_.string(), O_WRONLY | O_CREAT | O_TRUNC}},
                               nullptr, "cannot start ffmpeg (" + program + ") for '" + path.string() + "'");
    } catch (const Error&) {
        close(pair[0]);
        close(pair[1]);
        fs::remove(log_, ec);
        throw;
    }
    close(pair[1]);
    socket_ = pair[0];
}

VideoEncoder::~VideoEncoder() { cancel(); }

std::string VideoEncoder::encoder_log() const {
    std::ifstream in(log_);
    std::string line, last;
    while (std::getline(in, line))
        if (!line.empty()) last = line;
    return last.empty() ? "" : " (ffmpeg: " + last + ")";
}

int VideoEncoder::wait_child() {
    if (child_ < 0) return -1;
    const int status = wait_process(child_);
    child_ = -1;
    return status;
}

void VideoEncoder::add(const RgbaImage& frame) {
    if (socket_ < 0) throw Error("the video '" + path_.string() + "' is already finished");
    if (frame.width != width_ || frame.height != height_)
        throw Error("a video frame of " + std::to_string(frame.width) + "x" + std::to_string(frame.height) +
                    " in a video of " + std::to_string(width_) + "x" + std::to_string(height_));
    const uint8_t* data = frame.pixels.data();
    size_t left = frame.pixels.size();
    while (left > 0) {
        ssize_t n = send(socket_, data, left, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            const std::string why = std::strerror(errno);
            cancel();
            throw Error("cannot write the video '" + path_.string() + "': ffmpeg stopped reading (" + why + ")" +
                        encoder_log());
        }
        data += n;
        left -= size_t(n);
    }
    ++frames_;
}

void VideoEncoder::finish() {
    if (socket_ < 0) throw Error("the video '" + path_.string() + "' is already finished");
    close(socket_);
    socket_ = -1;
    const int status = wait_child();
    std::error_code ec;
    if (status != 0 || frames_ == 0) {
        const std::string why = frames_ == 0 ? ": no frame to encode"
                                             : ": ffmpeg failed (exit status " + std::to_string(status) + ")" + encoder_log();
        fs::remove(temp_, ec);
        fs::remove(log_, ec);
        throw Error("cannot write the video '" + path_.string() + "'" + why);
    }
    fs::remove(log_, ec);
    try {
        write_atomically(path_, [&](const fs::path& temp) {
            if (temp == path_) throw Error("cannot write the video to '" + path_.string() + "': it is not a file");
            fs::rename(temp_, temp);
        });
    } catch (...) {
        fs::remove(temp_, ec);
        throw;
    }
}

void VideoEncoder::cancel() {
    if (socket_ >= 0) {
        close(socket_);
        socket_ = -1;
    }
    if (child_ >= 0) {
        kill(child_, SIGTERM);
        wait_child();
    }
    std::error_code ec;
    fs::remove(temp_, ec);
    fs::remove(log_, ec);
}

}  // namespace dermasim
