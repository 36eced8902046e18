#pragma once
#include <filesystem>

namespace dermasim {
// Where the data files (region table, device descriptions, model parameters) live: $DERMASIM_ASSETS if set,
// else the checkout's assets/ folder the binary was built from.
std::filesystem::path asset_dir();
inline std::filesystem::path asset_path(const std::filesystem::path& relative) { return asset_dir() / relative; }
}  // namespace dermasim
