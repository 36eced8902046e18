#include "app/frame_sink.hpp"

#include <filesystem>

#include "app/output_checks.hpp"
#include "engine/core/error.hpp"

namespace dermasim::app {

FrameSink::FrameSink(cli::Args& args)
    : folder_(args.value("--frames")), video_path_(args.value("--video")),
      fps_(args.number("--fps", 10.0, 1.0, 60.0)) {
    if (video_path_) {
        check_output_file("--video", *video_path_);
        find_ffmpeg();
    }
}

void FrameSink::start(VkExtent2D size) {
    if (!video_path_ || video_) return;
    cancel_ = std::make_unique<CancelOnSignal>();
    video_ = std::make_unique<VideoEncoder>(*video_path_, size.width, size.height, fps_);
}

void FrameSink::add(const RgbaImage& frame, const std::string& png_name) {
    if (cancel_ && cancel_->requested()) {
        video_->cancel();
        throw Error("cancelled: no video written (" + *video_path_ + " is as it was)");
    }
    if (folder_) write_png(std::filesystem::path(*folder_) / png_name, frame);
    if (video_) video_->add(frame);
    ++count_;
}

void FrameSink::finish() {
    if (video_) video_->finish();
    cancel_.reset();
}

std::string FrameSink::summary() const {
    std::string s = std::to_string(count_) + " frames";
    if (folder_) s += " in " + *folder_;
    if (video_path_) {
        char seconds[32];
        std::snprintf(seconds, sizeof seconds, "%.1f s", count_ / fps_);
        s += ", video " + *video_path_ + " (" + seconds + ")";
    }
    return s;
}

}  // namespace dermasim::app
