#include <cstdio>
#include <filesystem>

#include "app/commands.hpp"

namespace dermasim::app {

Catalog load_catalog(bool with_models) {
    std::filesystem::path root = find_asset_dir();
    std::error_code ec;
    if (auto canonical = std::filesystem::weakly_canonical(root, ec); !ec) root = canonical;
    std::fprintf(stderr, "dermasim: assets: %s\n", root.c_str());
    return with_models ? Catalog::load(root) : Catalog::load_tables(root);
}

}  // namespace dermasim::app
