// A kiosk configuration (assets/kiosk/kiosk.json), checked against the shipped catalogue.
#include "app/modes/kiosk_config.hpp"
#include "engine/core/catalog.hpp"
#include "fuzz_file.hpp"

DERMASIM_FUZZ_FILE(".json", [](const std::filesystem::path& file) {
    static const dermasim::Catalog catalog = dermasim::Catalog::load(DERMASIM_SOURCE_ASSET_DIR);
    dermasim::app::load_kiosk_config(file, catalog);
})
