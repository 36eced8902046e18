// Command-line numbers: the bytes as the value of a number, a whole number and a size flag.
#include <cstddef>
#include <cstdint>
#include <string>

#include "app/cli.hpp"
#include "engine/core/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    auto expect_error_or_value = [](auto&& call) {
        try {
            call();
        } catch (const dermasim::Error&) {
        }
    };
    expect_error_or_value([&] { dermasim::cli::parse_number("--days", text, 0, 3650); });
    expect_error_or_value([&] { dermasim::cli::parse_size(text); });
    expect_error_or_value([&] { dermasim::cli::Args("fuzz", {"--sessions", text}).integer("--sessions", 1, 1, 20); });
    expect_error_or_value([&] { dermasim::cli::Args("fuzz", {"--cut=" + text}).number("--cut", 0.5, 0, 1); });
    return 0;
}
