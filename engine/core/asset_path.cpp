#include "engine/core/asset_path.hpp"
#include <cstdlib>

namespace dermasim {
std::filesystem::path asset_dir() {
    if (const char* env = std::getenv("DERMASIM_ASSETS"); env && *env) return env;
    return DERMASIM_SOURCE_ASSET_DIR;
}
}  // namespace dermasim
