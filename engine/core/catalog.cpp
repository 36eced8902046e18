#include "engine/core/catalog.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <nlohmann/json.hpp>

#include "engine/core/error.hpp"
#include "engine/io/gltf_mesh.hpp"
#include "engine/io/json_file.hpp"

namespace dermasim {
namespace {

// The parameter tables, in the order they enter tables_hash (the order is part of the hash's meaning).
constexpr const char* kTables[] = {"regions.json", "devices/roller.json", "devices/pen.json", "heal_params.json",
                                   "serums.json"};

Catalog load_catalog(const std::filesystem::path& root, bool with_models) {
    Catalog c;
    c.root = root;
    c.regions = RegionTable::load(root / "regions.json");
    c.roller = load_roller(root / "devices/roller.json");
    c.pen = load_pen(root / "devices/pen.json");
    c.heal = load_heal_parameters(root / "heal_params.json");
    const std::string serum_bytes = read_file_bytes(root / "serums.json");
    c.serums = parse_serums(root / "serums.json", serum_bytes);
    if (with_models) {
        c.roller_model = load_roller_model(root / "models/roller.gltf", c.roller);
        c.pen_model = load_pen_model(root / "models/pen.gltf", c.pen);
    }
    // The loaders above read each table themselves; hashing reads the same files again. Each record is the
    // table's name, its length and its bytes, so moving bytes from one table to the next changes the hash.
    uint64_t h = kFnv1aOffset;
    for (const char* table : kTables) {
        const std::string bytes = std::string(table) == "serums.json" ? serum_bytes : read_file_bytes(root / table);
        h = fnv1a64(table, h);
        h = fnv1a64(std::string_view("\0", 1), h);
        h = fnv1a64(std::to_string(bytes.size()), h);
        h = fnv1a64(std::string_view("\0", 1), h);
        h = fnv1a64(bytes, h);
    }
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
    c.tables_hash = hex;
    return c;
}

}  // namespace

// serums.json: {"schema_version": 1, "serums": {"<name>": {"name": "...", "diffusivity_scale": x, ...}}}.
std::vector<SerumSpec> parse_serums(const std::filesystem::path& file, const std::string& bytes) {
    const std::string where = file.string();
    const nlohmann::json doc = parse_json_text(bytes, where);
    auto fail = [&](const std::string& field, const std::string& problem) -> void {
        throw Error(where + ": " + field + " " + problem);
    };
    if (!doc.is_object()) fail("document", "is not a JSON object");
    if (!doc.contains("schema_version") || doc["schema_version"] != 1) fail("schema_version", "must be 1");
    if (!doc.contains("serums")) fail("serums", "is missing");
    const nlohmann::json& table = doc["serums"];
    if (!table.is_object()) fail("serums", "is not an object of named serums");
    if (table.empty()) fail("serums", "is empty");
    std::vector<SerumSpec> serums;
    for (const auto& [name, entry] : table.items()) {  // nlohmann's objects iterate sorted by key
        const std::string field = "serums." + name;
        if (!entry.is_object()) fail(field, "is not an object");
        if (!entry.contains("diffusivity_scale")) fail(field + ".diffusivity_scale", "is missing");
        const nlohmann::json& scale = entry["diffusivity_scale"];
        if (!scale.is_number()) fail(field + ".diffusivity_scale", "is not a number");
        const double s = scale.get<double>();
        if (!(std::isfinite(s) && s > 0.0 && s < 10.0))
            fail(field + ".diffusivity_scale", "= " + scale.dump() + " is out of range (0 to 10, exclusive)");
        for (const char* text : {"name", "source"})
            if (!entry.contains(text) || !entry[text].is_string() || entry[text].get<std::string>().empty())
                fail(field + "." + text, "must be a non-empty string");
        if (entry.contains("molecular_weight_da") &&
            !(entry["molecular_weight_da"].is_number() && entry["molecular_weight_da"].get<double>() > 0))
            fail(field + ".molecular_weight_da", "must be a number > 0");
        serums.push_back({name, s});
    }
    return serums;
}

uint64_t fnv1a64(std::string_view bytes, uint64_t seed) {
    uint64_t h = seed;
    for (unsigned char b : bytes) {
        h ^= b;
        h *= 0x100000001b3ull;
    }
    return h;
}

Catalog Catalog::load(const std::filesystem::path& root) { return load_catalog(root, true); }
Catalog Catalog::load_tables(const std::filesystem::path& root) { return load_catalog(root, false); }

const SerumSpec& Catalog::serum(const std::string& name) const {
    for (const SerumSpec& s : serums)
        if (s.name == name) return s;
    std::string known;
    for (const SerumSpec& s : serums) known += (known.empty() ? "" : ", ") + s.name;
    throw Error("unknown serum '" + name + "' (known: " + known + ")");
}

std::vector<std::string> Catalog::serum_names() const {
    std::vector<std::string> names;
    for (const SerumSpec& s : serums) names.push_back(s.name);
    return names;
}

std::filesystem::path find_asset_dir() {
    if (const char* env = std::getenv("DERMASIM_ASSETS"); env && *env) return env;
    // An installed binary (bin/dermasim) finds share/dermasim/assets beside it, wherever it was started from.
    std::error_code ec;
    const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        const std::filesystem::path installed = exe.parent_path().parent_path() / "share" / "dermasim" / "assets";
        if (std::filesystem::is_directory(installed, ec)) return installed;
    }
    return DERMASIM_SOURCE_ASSET_DIR;  // a build tree: the checkout it was built from
}

}  // namespace dermasim
