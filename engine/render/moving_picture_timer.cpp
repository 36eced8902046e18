#include "engine/render/moving_picture_timer.hpp"

#include "engine/core/error.hpp"
#include "engine/vk/context.hpp"

namespace dermasim {

MovingPictureTimer::MovingPictureTimer(const vk::Context& context, int frame_slots)
    : device_(context.device()), slots_(size_t(frame_slots)) {
    uint32_t families = 0;
    vkGetPhysicalDeviceQueueFamilyProperties(context.physical_device(), &families, nullptr);
    std::vector<VkQueueFamilyProperties> properties(families);
    vkGetPhysicalDeviceQueueFamilyProperties(context.physical_device(), &families, properties.data());
    if (properties.at(context.queue_family()).timestampValidBits == 0 || !(context.limits().timestampPeriod > 0))
        return;  // a queue without timestamps: the scale control falls back on frame times alone
    ns_per_tick_ = context.limits().timestampPeriod;
    VkQueryPoolCreateInfo info{VK_STRUCTURE_TYPE_QUERY_POOL_CREATE_INFO};
    info.queryType = VK_QUERY_TYPE_TIMESTAMP;
    info.queryCount = kQueriesPerSlot * uint32_t(frame_slots);
    VkQueryPool pool;
    VK_CHECK(vkCreateQueryPool(device_, &info, nullptr, &pool));
    pool_ = vk::QueryPool(device_, pool, vkDestroyQueryPool);
}

std::optional<MovingPictureTimer::Measured> MovingPictureTimer::collect(VkCommandBuffer cmd, int slot) {
    if (!pool_) return std::nullopt;
    SlotState& state = slots_.at(size_t(slot));
    const uint32_t first = kQueriesPerSlot * uint32_t(slot);
    std::optional<Measured> measured;
    for (int pass = 0; pass < 2; ++pass) {
        if (!state.counted[pass]) continue;
        std::array<uint64_t, 2> ticks{};
        // No wait: the frame has finished when the caller records its slot again. Not ready means it was
        // recorded but never submitted (an error between the two): nothing to report.
        if (vkGetQueryPoolResults(device_, pool_, first + 2 * pass, 2, sizeof ticks, ticks.data(), sizeof(uint64_t),
                                  VK_QUERY_RESULT_64_BIT) != VK_SUCCESS || ticks[1] < ticks[0]) {
            measured.reset();
            break;
        }
        if (!measured) measured = Measured{0.0, state.scale};
        measured->ms += double(ticks[1] - ticks[0]) * ns_per_tick_ * 1e-6;
    }
    state = {};
    vkCmdResetQueryPool(cmd, pool_, first, kQueriesPerSlot);
    return measured;
}

void MovingPictureTimer::begin(VkCommandBuffer cmd, int slot, Pass pass) {
    if (!pool_) return;
    // After all earlier commands, so that the figure is the pass's own work, not what the queue had before it.
    vkCmdWriteTimestamp2(cmd, VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT, pool_,
                         kQueriesPerSlot * uint32_t(slot) + 2 * uint32_t(pass));
}

void MovingPictureTimer::end(VkCommandBuffer cmd, int slot, Pass pass, bool moving, float scale) {
    if (!pool_) return;
    vkCmdWriteTimestamp2(cmd, VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT, pool_,
                         kQueriesPerSlot * uint32_t(slot) + 2 * uint32_t(pass) + 1);
    SlotState& state = slots_.at(size_t(slot));
    state.counted[size_t(pass)] = moving;
    state.scale = scale;
}

}  // namespace dermasim
