#pragma once
// The harness every file target shares: the fuzzer's bytes become a file (with the extension the loader looks
// at), the loader reads it, and a dermasim::Error is the expected answer to bad input. Anything else - a crash,
// a sanitizer report, another exception type escaping (a user would see "unexpected error"), a hang - is a finding.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "engine/core/error.hpp"

namespace dermasim::fuzz {

// A file of this process's own, in memory where /dev/shm exists.
inline std::filesystem::path scratch_file(const char* extension) {
    const std::filesystem::path dir = std::filesystem::exists("/dev/shm") ? "/dev/shm" : "/tmp";
    return dir / ("dermasim-fuzz-" + std::to_string(getpid()) + extension);
}

template <typename Load>
int fuzz_file(const std::uint8_t* data, std::size_t size, const char* extension, Load&& load) {
    static const std::filesystem::path file = scratch_file(extension);
    {
        std::ofstream out(file, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(data), std::streamsize(size));
    }
    try {
        load(file);
    } catch (const Error&) {
        // refused with a message: what bad input must get
    }
    return 0;
}

}  // namespace dermasim::fuzz

// One line per target: DERMASIM_FUZZ_FILE(".json", [](const std::filesystem::path& file) { load_x(file); })
#define DERMASIM_FUZZ_FILE(extension, ...)                                                        \
    extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {          \
        return ::dermasim::fuzz::fuzz_file(data, size, extension, __VA_ARGS__);                 \
    }
