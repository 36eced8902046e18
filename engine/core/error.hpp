#pragma once
// The one error type of DermaSim. Every failure that reaches a user (bad input, a failed Vulkan call, a
// missing device) is an Error; the app prints what() as one line and exits non-zero.
#include <stdexcept>
#include <string>
#include <vulkan/vulkan_core.h>

namespace dermasim {

class Error : public std::runtime_error {
public:
    // A plain problem with input or environment: the message names the thing and the problem.
    explicit Error(const std::string& message) : std::runtime_error(message) {}

    // A failed API call: keeps the call, its VkResult and where it was made.
    Error(const std::string& call, VkResult result, const char* file, int line);

    const std::string& call() const { return call_; }
    VkResult result() const { return result_; }
    const char* file() const { return file_; }
    int line() const { return line_; }

private:
    std::string call_;
    VkResult result_ = VK_SUCCESS;
    const char* file_ = "";
    int line_ = 0;
};

const char* to_string(VkResult result);

}  // namespace dermasim

// Checks a VkResult; throws an Error naming the call, its result, file and line.
#define VK_CHECK(call)                                                                   \
    do {                                                                                 \
        VkResult vk_check_result_ = (call);                                              \
        if (vk_check_result_ != VK_SUCCESS)                                              \
            throw ::dermasim::Error(#call, vk_check_result_, __FILE__, __LINE__);        \
    } while (0)
