// The asset catalogue: the shipped assets load, a broken table is reported by file and field, and tables_hash
// follows the bytes of the parameter tables (and nothing else).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine/core/atomic_file.hpp"
#include "engine/core/catalog.hpp"
#include "engine/core/error.hpp"
#include "tests/common/source_catalog.hpp"
#include "tests/common/scratch_folder.hpp"

namespace dermasim {
namespace {
namespace fs = std::filesystem;

// A private copy of the shipped assets, to break or edit.
fs::path copy_of_assets(const std::string& name) {
    const fs::path dir = test::scratch_root() / ("assets_" + name);
    fs::remove_all(dir);
    fs::copy(DERMASIM_SOURCE_ASSET_DIR, dir, fs::copy_options::recursive);
    return dir;
}

std::string read_text(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string error_of(const fs::path& root) {
    try {
        Catalog::load(root);
    } catch (const Error& e) {
        return e.what();
    }
    ADD_FAILURE() << root << " loaded without an error";
    return {};
}

TEST(Catalog, LoadsTheShippedAssets) {
    const Catalog c = Catalog::load(DERMASIM_SOURCE_ASSET_DIR);
    EXPECT_EQ(c.root, fs::path(DERMASIM_SOURCE_ASSET_DIR));
    EXPECT_EQ(c.regions.find("cheek").id, "cheek");
    EXPECT_EQ(c.roller.needle_count(), 192);
    EXPECT_EQ(c.pen.needle_count, 12);
    EXPECT_NE(c.roller_model.find("needles"), nullptr);
    EXPECT_NE(c.pen_model.find("cartridge"), nullptr);
    EXPECT_GT(c.heal.kernel.serum_diffusivity_tissue, 0.0f);
    EXPECT_EQ(c.serum_names(), (std::vector<std::string>{"dextran_4kda", "hyaluronic_acid", "peptide", "vitamin_c"}));
    EXPECT_DOUBLE_EQ(c.serum("vitamin_c").diffusivity_scale, 1.78);
    EXPECT_EQ(c.tables_hash.size(), 16u);
    EXPECT_EQ(c.tables_hash.find_first_not_of("0123456789abcdef"), std::string::npos) << c.tables_hash;
}

TEST(Catalog, UnknownSerumNamesTheKnownOnes) {
    try {
        test::source_catalog().serum("honey");
        FAIL() << "no error";
    } catch (const Error& e) {
        EXPECT_STREQ(e.what(), "unknown serum 'honey' (known: dextran_4kda, hyaluronic_acid, peptide, vitamin_c)");
    }
}

TEST(Catalog, SerumWithAWrongTypeNamesTheFileAndTheField) {
    const fs::path root = copy_of_assets("serum_type");
    std::string text = read_text(root / "serums.json");
    const std::string good = "\"diffusivity_scale\": 1.78";
    ASSERT_NE(text.find(good), std::string::npos);
    text.replace(text.find(good), good.size(), "\"diffusivity_scale\": \"fast\"");
    write_text_atomically(root / "serums.json", text);
    const std::string message = error_of(root);
    EXPECT_NE(message.find((root / "serums.json").string()), std::string::npos) << message;
    EXPECT_NE(message.find("serums.vitamin_c.diffusivity_scale is not a number"), std::string::npos) << message;
    fs::remove_all(root);
}

TEST(Catalog, SerumOutOfRangeAndMissingFieldsAreErrors) {
    const fs::path root = copy_of_assets("serum_range");
    const std::string original = read_text(root / "serums.json");
    std::string text = original;
    text.replace(text.find("\"diffusivity_scale\": 0.27"), 25, "\"diffusivity_scale\": -1");
    write_text_atomically(root / "serums.json", text);
    EXPECT_NE(error_of(root).find("serums.hyaluronic_acid.diffusivity_scale = -1 is out of range"), std::string::npos);
    write_text_atomically(root / "serums.json", "{\"schema_version\": 1}");
    EXPECT_NE(error_of(root).find("serums.json: serums is missing"), std::string::npos);
    write_text_atomically(root / "serums.json", "{\"schema_version\": 1, \"serums\": [1]}");
    EXPECT_NE(error_of(root).find("serums is not an object"), std::string::npos);
    fs::remove_all(root);
}

TEST(Catalog, BrokenTablesAndModelsNameTheirFile) {
    const fs::path root = copy_of_assets("broken");
    write_text_atomically(root / "devices/pen.json", "{ not json");
    EXPECT_NE(error_of(root).find("pen.json"), std::string::npos);
    fs::copy_file(fs::path(DERMASIM_SOURCE_ASSET_DIR) / "devices/pen.json", root / "devices/pen.json",
                  fs::copy_options::overwrite_existing);
    fs::remove(root / "models/roller.gltf");
    EXPECT_NE(error_of(root).find("roller.gltf"), std::string::npos);
    // make-models must still read the tables when a model is missing or out of date.
    EXPECT_NO_THROW(Catalog::load_tables(root));
    fs::remove_all(root);
}

TEST(Catalog, TablesHashIsStableAndFollowsEveryTablesBytes) {
    const std::string shipped = Catalog::load(DERMASIM_SOURCE_ASSET_DIR).tables_hash;
    EXPECT_EQ(Catalog::load(DERMASIM_SOURCE_ASSET_DIR).tables_hash, shipped) << "not stable between loads";
    const fs::path root = copy_of_assets("hash");
    EXPECT_EQ(Catalog::load(root).tables_hash, shipped) << "depends on where the assets are";
    for (const char* table : {"regions.json", "devices/roller.json", "devices/pen.json", "heal_params.json",
                              "serums.json"}) {
        const std::string original = read_text(root / table);
        write_text_atomically(root / table, original + "\n");  // same content, different bytes
        EXPECT_NE(Catalog::load(root).tables_hash, shipped) << table << " is not in the hash";
        write_text_atomically(root / table, original);
        EXPECT_EQ(Catalog::load(root).tables_hash, shipped) << table;
    }
    // The models are checked against the device tables, not hashed: rewriting one leaves the hash alone.
    write_text_atomically(root / "models/pen.gltf", read_text(root / "models/pen.gltf") + "\n");
    EXPECT_EQ(Catalog::load(root).tables_hash, shipped);
    fs::remove_all(root);
}

TEST(Catalog, HashIsFnv1a64) {
    EXPECT_EQ(fnv1a64(""), 0xcbf29ce484222325ull);
    EXPECT_EQ(fnv1a64("a"), 0xaf63dc4c8601ec8cull);  // the published FNV-1a 64 test vectors
    EXPECT_EQ(fnv1a64("foobar"), 0x85944171f73967e8ull);
}

TEST(Catalog, AssetDirComesFromTheEnvironmentElseTheSourceTree) {
    setenv("DERMASIM_ASSETS", "/somewhere/assets", 1);
    EXPECT_EQ(find_asset_dir(), fs::path("/somewhere/assets"));
    unsetenv("DERMASIM_ASSETS");
    // The test binary lives in the build tree, where no share/dermasim/assets sits beside bin/.
    EXPECT_EQ(find_asset_dir(), fs::path(DERMASIM_SOURCE_ASSET_DIR));
}

}  // namespace
}  // namespace dermasim
