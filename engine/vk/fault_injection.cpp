#include "engine/vk/fault_injection.hpp"

#include <atomic>
#include <string>

#include <vulkan/vulkan.h>

#include "engine/core/error.hpp"

namespace dermasim::vk {
namespace {
std::atomic<int> g_checks_to_pass{-1};  // -1: disarmed
}

void arm_out_of_memory(int checks_to_pass) { g_checks_to_pass = checks_to_pass; }

void check_out_of_memory(const char* call) {
    int left = g_checks_to_pass.load();
    while (left >= 0 && !g_checks_to_pass.compare_exchange_weak(left, left - 1)) {}
    if (left == 0)
        throw Error(std::string(call) + " (injected by the fault-injection test hook)", VK_ERROR_OUT_OF_DEVICE_MEMORY,
                    __FILE__, __LINE__);
}

}  // namespace dermasim::vk
