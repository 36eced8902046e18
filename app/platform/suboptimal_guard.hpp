#pragma once
// What a present's result asks of the swapchain. OUT_OF_DATE: rebuild (it can no longer present). SUBOPTIMAL:
// rebuild once for the window's size; if the rebuilt swapchain is suboptimal too (a compositor that rotates or
// scales the window, a surface whose preferred size the driver cannot give), keep it: it still presents, and
// rebuilding it every frame would wait for the device every frame. A new window size, or a rebuild for another
// reason, gets its one rebuild again.
#include <vulkan/vulkan.h>

#include <optional>

namespace dermasim::app {

class SuboptimalGuard {
public:
    // Whether to rebuild the swapchain after a present that returned `presented`, the window at `window_size`.
    bool rebuild_after(VkResult presented, VkExtent2D window_size) {
        if (presented == VK_ERROR_OUT_OF_DATE_KHR) {
            forget();
            return true;
        }
        if (presented != VK_SUBOPTIMAL_KHR) return false;
        if (rebuilt_at_ && rebuilt_at_->width == window_size.width && rebuilt_at_->height == window_size.height) {
            kept_ = true;
            return false;
        }
        rebuilt_at_ = window_size;
        return true;
    }
    // The swapchain is rebuilt for another reason (out of date, a new window size): the next SUBOPTIMAL gets
    // its rebuild, whatever the size, since the screen may be another one now.
    void forget() {
        rebuilt_at_.reset();
        kept_ = false;
    }
    // A suboptimal swapchain is being presented on, once rebuilt for this size.
    bool kept() const { return kept_; }

private:
    std::optional<VkExtent2D> rebuilt_at_;  // the window size at which SUBOPTIMAL last asked for a rebuild
    bool kept_ = false;
};

}  // namespace dermasim::app
