#pragma once
// The asset catalogue: every data file the engine needs (regions, devices and their models, healing parameters,
// serums), read and validated once at start by the app and handed down explicitly. Nothing below app/ opens an
// asset itself, so a run's inputs are exactly what was loaded here, and tables_hash names them in a session.
#include <filesystem>
#include <string>
#include <vector>

#include "engine/io/device_model.hpp"
#include "engine/sim/heal_params.hpp"
#include "engine/skin/region_profile.hpp"
#include "engine/tools/device_spec.hpp"

namespace dermasim {

struct SerumSpec {
    std::string name;               // key in assets/serums.json, e.g. "peptide"
    double diffusivity_scale = 1;   // multiplies the serum's diffusivities and permeabilities
};

struct Catalog {
    std::filesystem::path root;              // the assets folder it came from
    RegionTable regions;                     // regions.json
    RollerSpec roller;                       // devices/roller.json
    PenSpec pen;                             // devices/pen.json
    DeviceModel roller_model, pen_model;     // models/*.gltf, checked against roller and pen
    HealParameters heal;                     // heal_params.json
    std::vector<SerumSpec> serums;           // serums.json, sorted by name
    // FNV-1a 64 (hex) over the bytes of the parameter tables (regions, devices, heal params, serums), so a
    // session can say which tables it ran with. The glTF models are not included: they are checked against the
    // device tables at load.
    std::string tables_hash;

    // Throws Error "unknown serum 'x' (known: a, b, ...)".
    const SerumSpec& serum(const std::string& name) const;
    std::vector<std::string> serum_names() const;

    // Loads and validates everything under root; every error names the file (and the field where there is one).
    static Catalog load(const std::filesystem::path& root);
    // The parameter tables only (roller_model and pen_model stay empty): for make-models, which rebuilds the
    // models from the device tables and so must run when the committed models no longer match them.
    static Catalog load_tables(const std::filesystem::path& root);
};

// serums.json's bytes, validated; throws Error naming the file and the field.
std::vector<SerumSpec> parse_serums(const std::filesystem::path& file, const std::string& bytes);

// Where the assets are: $DERMASIM_ASSETS if set; else <folder of the executable>/../share/dermasim/assets when
// that exists (an installed copy); else the source tree's assets/ folder the binary was built from.
std::filesystem::path find_asset_dir();

// FNV-1a 64 of bytes, continuing from seed (exposed for tests and for chaining several files).
inline constexpr uint64_t kFnv1aOffset = 0xcbf29ce484222325ull;
uint64_t fnv1a64(std::string_view bytes, uint64_t seed = kFnv1aOffset);

}  // namespace dermasim
