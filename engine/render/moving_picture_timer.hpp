#pragma once
// How long the GPU took to draw the pictures a frame drew at the moving scale, from timestamps around their
// passes. The window's dynamic resolution (render/moving_scale_control.hpp) needs to know which part of a frame's
// time is pixels: a playing time-lapse's frame is mostly other work (its snapshot's upload, a wait behind the
// year's heal steps on the one queue), and taking that for pixels held the picture coarse for nothing. Measured,
// the split needs no guessing from how the frame time varies with the scale.
//
// Each frame slot has its own queries. A slot's results are read, and its queries reset from the host, when the
// slot is recorded again: by then its previous frame has finished (the caller waited on the slot's fence), so
// the read never waits, and the figure is that of a frame one round of slots ago.
#include <array>
#include <optional>
#include <vector>
#include <vulkan/vulkan.h>
#include "engine/vk/handle.hpp"

namespace dermasim {
namespace vk { class Context; }

class MovingPictureTimer {
public:
    // The passes a frame may time: the scene (block and device) and the magnified cut.
    enum class Pass { Scene = 0, Micro = 1 };
    struct Measured {
        double ms;    // the timed passes' GPU time, summed
        float scale;  // the moving scale they were drawn at
    };

    // Measures nothing (every collect() is empty) where the queue cannot write timestamps.
    MovingPictureTimer(const vk::Context& context, int frame_slots);
    bool supported() const { return bool(pool_); }

    // Before a slot's frame is recorded: what its previous frame's timed passes took (none if it timed none, or
    // its commands never ran). Resets the slot's queries.
    std::optional<Measured> collect(int slot);
    // Around one pass, outside rendering scopes. `moving`: the pass drew at `scale`, the moving scale (a pass
    // drawn at full size because its picture is still is not timed into the figure).
    void begin(VkCommandBuffer cmd, int slot, Pass pass);
    void end(VkCommandBuffer cmd, int slot, Pass pass, bool moving, float scale);

private:
    static constexpr uint32_t kQueriesPerSlot = 4;  // a begin and an end for each pass
    static uint32_t query(int slot, Pass pass) { return kQueriesPerSlot * uint32_t(slot) + 2 * uint32_t(pass); }
    struct SlotState {
        std::array<bool, 2> counted{};  // passes timed at the moving scale in the slot's last frame
        float scale = 1.0f;
    };
    VkDevice device_;
    double ns_per_tick_ = 0;
    vk::QueryPool pool_;
    std::vector<SlotState> slots_;
};

}  // namespace dermasim
