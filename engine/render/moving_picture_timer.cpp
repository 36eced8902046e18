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
    vkResetQueryPool(device_, pool_, 0, info.queryCount);
}

std::optional<MovingPictureTimer::Measured> MovingPictureTimer::collect(int slot) {
    if (!pool_) return std::nullopt;
    SlotState& state = slots_.at(size_t(slot));
    std::optional<Measured> measured;
    for (Pass pass : {Pass::Scene, Pass::Micro}) {
        if (!state.counted[size_t(pass)]) continue;
        std::array<uint64_t, 2> ticks{};
        // No wait: the slot's frame has finished. Not ready: it was recorded but never submitted (an error
        // between the two), so its timestamps were never written since the last reset.
        const VkResult read = vkGetQueryPoolResults(device_, pool_, query(slot, pass), 2, sizeof ticks, ticks.data(),
                                                    sizeof(uint64_t), VK_QUERY_RESULT_64_BIT);
        if (read != VK_SUCCESS && read != VK_NOT_READY) throw Error("vkGetQueryPoolResults", read, __FILE__, __LINE__);
        if (read != VK_SUCCESS || ticks[1] < ticks[0]) {  // or a counter that wrapped in between
            measured.reset();
            break;
        }
        if (!measured) measured = Measured{0.0, state.scale};
        measured->ms += double(ticks[1] - ticks[0]) * ns_per_tick_ * 1e-6;
    }
    state = {};
    vkResetQueryPool(device_, pool_, query(slot, Pass::Scene), kQueriesPerSlot);
    return measured;
}

void MovingPictureTimer::begin(VkCommandBuffer cmd, int slot, Pass pass) {
    if (!pool_) return;
    // After all earlier commands, so that the figure is the pass's own work, not what the queue had before it.
    vkCmdWriteTimestamp2(cmd, VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT, pool_, query(slot, pass));
}

void MovingPictureTimer::end(VkCommandBuffer cmd, int slot, Pass pass, bool moving, float scale) {
    if (!pool_) return;
    vkCmdWriteTimestamp2(cmd, VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT, pool_, query(slot, pass) + 1);
    SlotState& state = slots_.at(size_t(slot));
    state.counted[size_t(pass)] = moving;
    state.scale = scale;
}

}  // namespace dermasim
