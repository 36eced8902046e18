#pragma once
// The catalogue of the checkout's assets/ folder, loaded once per test program (tests do what the app does:
// load it once and pass it in).
#include <filesystem>
#include "engine/core/catalog.hpp"

namespace dermasim::test {

inline const Catalog& source_catalog() {
    static const Catalog catalog = Catalog::load(DERMASIM_SOURCE_ASSET_DIR);
    return catalog;
}

// A file of the checkout's assets, for tests of the individual loaders.
inline std::filesystem::path source_asset(const std::filesystem::path& relative) {
    return std::filesystem::path(DERMASIM_SOURCE_ASSET_DIR) / relative;
}

}  // namespace dermasim::test
