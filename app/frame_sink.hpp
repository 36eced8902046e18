#pragma once
// Where the frames of a headless time-lapse or replay go: PNG files in a folder (--frames), an MP4 video
// (--video, encoded by ffmpeg at --fps), or both. While a video is being made, ctrl+C or SIGTERM cancel it
// cleanly: the half-made video is removed and the run says so.
#include <memory>
#include <optional>
#include <string>
#include <vulkan/vulkan.h>

#include "app/cancel_signal.hpp"
#include "app/cli.hpp"
#include "engine/io/png.hpp"
#include "engine/io/video_encoder.hpp"

namespace dermasim::app {

inline constexpr const char* kVideoFlagsHelp =
    "  --video FILE      an MP4 (H.264) of the same frames, made with ffmpeg; written whole or not at all\n"
    "  --fps N           frames per second of the video (default 10)\n";

class FrameSink {
public:
    // Reads --frames, --video and --fps; checks the outputs (and that ffmpeg is there) before any work.
    explicit FrameSink(cli::Args& args);
    bool wanted() const { return folder_ || video_path_; }
    const std::optional<std::string>& folder() const { return folder_; }
    const std::optional<std::string>& video() const { return video_path_; }
    void start(VkExtent2D size);  // opens the video; call once the run is about to make frames
    void add(const RgbaImage& frame, const std::string& png_name);  // Error when cancelled by a signal
    void finish();  // the video is complete: check it and move it into place
    int count() const { return count_; }
    std::string summary() const;  // "16 frames in DIR, video.mp4 (1.6 s)"

private:
    std::optional<std::string> folder_, video_path_;
    double fps_ = 10;
    std::unique_ptr<VideoEncoder> video_;
    std::unique_ptr<CancelOnSignal> cancel_;
    int count_ = 0;
};

}  // namespace dermasim::app
