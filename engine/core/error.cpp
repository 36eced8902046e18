#include "engine/core/error.hpp"

namespace dermasim {
namespace {
// What a user can do about the failures that are not bugs: the GPU stopped, or ran out of memory.
std::string advice(VkResult result) {
    switch (result) {
        case VK_ERROR_DEVICE_LOST:
            return "the GPU stopped responding (device lost: a driver reset or a GPU fault; the window saves the "
                   "session before it says so). Start DermaSim again; if it keeps happening, update the graphics "
                   "driver or pick another GPU with --gpu. ";
        case VK_ERROR_OUT_OF_DEVICE_MEMORY:
        case VK_ERROR_OUT_OF_HOST_MEMORY:
            return "the GPU ran out of memory (the window saves the session before it says so): close other "
                   "programs using the GPU, or use a smaller window, --size or --quality. ";
        default: return "";
    }
}

std::string describe(const std::string& call, VkResult result, const char* file, int line) {
    return advice(result) + call + " failed with " + to_string(result) + " (" + file + ":" + std::to_string(line) + ")";
}
}  // namespace

Error::Error(const std::string& call, VkResult result, const char* file, int line)
    : std::runtime_error(describe(call, result, file, line)), call_(call), result_(result), file_(file), line_(line) {}

const char* to_string(VkResult result) {
    switch (result) {
#define DERMASIM_CASE(r) case r: return #r;
        DERMASIM_CASE(VK_SUCCESS) DERMASIM_CASE(VK_NOT_READY) DERMASIM_CASE(VK_TIMEOUT)
        DERMASIM_CASE(VK_EVENT_SET) DERMASIM_CASE(VK_EVENT_RESET) DERMASIM_CASE(VK_INCOMPLETE)
        DERMASIM_CASE(VK_ERROR_OUT_OF_HOST_MEMORY) DERMASIM_CASE(VK_ERROR_OUT_OF_DEVICE_MEMORY)
        DERMASIM_CASE(VK_ERROR_INITIALIZATION_FAILED) DERMASIM_CASE(VK_ERROR_DEVICE_LOST)
        DERMASIM_CASE(VK_ERROR_MEMORY_MAP_FAILED) DERMASIM_CASE(VK_ERROR_LAYER_NOT_PRESENT)
        DERMASIM_CASE(VK_ERROR_EXTENSION_NOT_PRESENT) DERMASIM_CASE(VK_ERROR_FEATURE_NOT_PRESENT)
        DERMASIM_CASE(VK_ERROR_INCOMPATIBLE_DRIVER) DERMASIM_CASE(VK_ERROR_TOO_MANY_OBJECTS)
        DERMASIM_CASE(VK_ERROR_FORMAT_NOT_SUPPORTED) DERMASIM_CASE(VK_ERROR_FRAGMENTED_POOL)
        DERMASIM_CASE(VK_ERROR_SURFACE_LOST_KHR) DERMASIM_CASE(VK_ERROR_NATIVE_WINDOW_IN_USE_KHR)
        DERMASIM_CASE(VK_SUBOPTIMAL_KHR) DERMASIM_CASE(VK_ERROR_OUT_OF_DATE_KHR)
#undef DERMASIM_CASE
        default: return "VkResult(other)";
    }
}

}  // namespace dermasim
