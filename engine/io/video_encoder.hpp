#pragma once
// MP4 video from rendered frames, encoded by Debian's ffmpeg running as a child process that reads raw RGBA
// frames from a socket (a socket, not a pipe: a dead encoder gives an error on the next frame, not SIGPIPE).
// ffmpeg writes a temporary file beside the target; finish() checks its exit status and only then renames it
// over the target (engine/core/atomic_file), so a failed or cancelled export never leaves a broken video.
#include <cstdint>
#include <filesystem>
#include <string>
#include <sys/types.h>

#include "engine/io/png.hpp"

namespace dermasim {

class VideoEncoder {
public:
    // Starts ffmpeg (DERMASIM_FFMPEG, else 'ffmpeg' on the PATH). Throws Error naming the file or the missing
    // program. Odd sizes are padded by one pixel (H.264 in yuv420p needs even sizes).
    VideoEncoder(const std::filesystem::path& path, uint32_t width, uint32_t height, double fps);
    ~VideoEncoder();  // not finished: cancels (stops ffmpeg, removes the temporary file)
    VideoEncoder(const VideoEncoder&) = delete;
    VideoEncoder& operator=(const VideoEncoder&) = delete;

    void add(const RgbaImage& frame);  // must have the size given at the start
    void finish();                     // waits for ffmpeg, checks it, renames the video into place
    void cancel();                     // stops ffmpeg and removes what it wrote; the target is untouched

    int frames() const { return frames_; }
    double fps() const { return fps_; }
    const std::filesystem::path& path() const { return path_; }

private:
    int wait_child();  // the exit status (-1: killed or not waited)
    std::string encoder_log() const;  // ffmpeg's last lines, for error messages

    std::filesystem::path path_, temp_, log_;
    uint32_t width_, height_;
    double fps_;
    int socket_ = -1;
    pid_t child_ = -1;
    int frames_ = 0;
};

// The ffmpeg program to run (DERMASIM_FFMPEG, else 'ffmpeg' found on the PATH); Error when there is none, so
// a run can refuse before any work.
std::string find_ffmpeg();

}  // namespace dermasim
