// Files made to crash or exhaust the readers (issue 13): nesting deep enough to overflow a recursive parser,
// offsets that wrap around 2^64, chains of nodes, buffers of gigabytes. Each must be refused with a message
// naming the file, before the reader recurses, allocates or reads.
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "engine/core/error.hpp"
#include "tests/common/error_of.hpp"
#include "engine/io/gltf_mesh.hpp"
#include "engine/io/json_file.hpp"
#include "engine/session/session_record.hpp"
#include "engine/sim/heal_params.hpp"
#include "engine/skin/region_profile.hpp"
#include "engine/tools/device_spec.hpp"
#include "engine/tools/stroke_script.hpp"
#include "tests/common/scratch_folder.hpp"

namespace dermasim {
namespace {

namespace fs = std::filesystem;

fs::path scratch(const std::string& name) {
    return test::scratch_root() / name;
}

fs::path write_file(const std::string& name, const std::string& text) {
    const fs::path path = scratch(name);
    std::ofstream(path, std::ios::binary) << text;
    return path;
}

using test::error_of;

std::string nested(int depth, const std::string& inner = "1") {
    return std::string(std::size_t(depth), '[') + inner + std::string(std::size_t(depth), ']');
}

TEST(HostileJson, NestingIsMeasuredOutsideStringsOnly) {
    EXPECT_EQ(json_nesting_depth(R"({"a": [1, {"b": []}]})"), 4);
    EXPECT_EQ(json_nesting_depth(R"({"a": "[[[[[[\"[[["})"), 1);
    EXPECT_EQ(json_nesting_depth(nested(1000), 64), 65) << "stops counting past the limit";
}

TEST(HostileJson, DeepNestingInEveryTableIsRefusedBeforeParsing) {
    // 200 000 levels overflowed the stack of the recursive parser and of the code walking its result.
    const std::string deep = "{\"regions\": " + nested(200000) + "}";
    const fs::path file = write_file("deep.json", deep);
    const std::string name = file.string() + ": nested more than 64 levels deep";
    EXPECT_NE(error_of([&] { RegionTable::load(file); }).find(name), std::string::npos);
    EXPECT_NE(error_of([&] { load_roller(file); }).find(name), std::string::npos);
    EXPECT_NE(error_of([&] { load_pen(file); }).find(name), std::string::npos);
    EXPECT_NE(error_of([&] { load_heal_parameters(file); }).find(name), std::string::npos);
    EXPECT_NE(error_of([&] { load_stroke_script(file); }).find(name), std::string::npos);
    EXPECT_NE(error_of([&] { load_session(file); }).find(name), std::string::npos);
    // Just inside the limit is parsed (and then rejected for what it holds, not for its depth).
    const fs::path shallow = write_file("shallow.json", nested(60));
    EXPECT_EQ(error_of([&] { load_stroke_script(shallow); }).find("nested"), std::string::npos);
}

TEST(HostileJson, OversizedFolderAndMissingFilesAreNamed) {
    const fs::path big = scratch("huge.json");
    { std::ofstream(big) << "{}"; }
    fs::resize_file(big, kMaxJsonBytes + 1);  // sparse: no disk is used, the size alone must refuse it
    EXPECT_NE(error_of([&] { read_json_file(big); }).find(big.string() + ": is 67108865 bytes, more than the"),
              std::string::npos);
    const fs::path folder = test::scratch_root();
    EXPECT_NE(error_of([&] { load_session(folder); }).find(": is a folder, not a file"), std::string::npos);
    EXPECT_NE(error_of([&] { load_heal_parameters(scratch("absent.json")); }).find("absent.json: cannot open it"),
              std::string::npos);
}

// The committed minimal roller, edited.
nlohmann::json minimal_roller() {
    std::ifstream in(fs::path(DERMASIM_TEST_DATA_DIR) / "gltf_minimal_roller.gltf");
    return nlohmann::json::parse(in);
}

fs::path write_gltf_file(const std::string& name, const nlohmann::json& doc) {
    return write_file(name, doc.dump());
}

TEST(HostileGltf, TheMinimalRollerLoads) {
    EXPECT_EQ(load_gltf(write_gltf_file("minimal.gltf", minimal_roller())).parts.size(), 3u);
}

TEST(HostileGltf, DeepExtrasAreRefusedBeforeTinygltfRecursesIntoThem) {
    std::string text = minimal_roller().dump();
    text.insert(text.rfind('}'), ", \"extras\": " + nested(100000));
    const fs::path file = write_file("deep_extras.gltf", text);
    EXPECT_NE(error_of([&] { load_gltf(file); }).find(file.string() + ": nested more than 64 levels deep"),
              std::string::npos);
}

TEST(HostileGltf, TwentyThousandNestedNodesAreRefusedBeforeTheStackRunsOut) {
    nlohmann::json doc = minimal_roller();
    nlohmann::json nodes = nlohmann::json::array();
    for (int i = 0; i < 20000; ++i) {
        nlohmann::json node = {{"name", "n" + std::to_string(i)}};
        if (i + 1 < 20000) node["children"] = {i + 1};
        nodes.push_back(node);
    }
    doc["nodes"] = nodes;
    doc["scenes"] = {{{"nodes", {0}}}};
    const fs::path file = write_gltf_file("node_chain.gltf", doc);
    EXPECT_NE(error_of([&] { load_gltf(file); }).find("is nested more than 32 levels deep"), std::string::npos);
}

TEST(HostileGltf, OffsetsThatWrapAround2To64AreOutOfBounds) {
    const std::uint64_t wrap = ~std::uint64_t(0) - 15;  // + a small length wraps to a small number
    nlohmann::json accessor = minimal_roller();
    accessor["accessors"][0]["byteOffset"] = wrap;
    nlohmann::json view = minimal_roller();
    view["bufferViews"][0]["byteOffset"] = wrap;
    nlohmann::json stride = minimal_roller();
    stride["bufferViews"][0]["byteStride"] = 12;
    stride["accessors"][0]["count"] = std::uint64_t(1) << 62;  // count * stride wraps
    for (const auto& [name, doc] : {std::pair{"wrap_accessor.gltf", accessor}, std::pair{"wrap_view.gltf", view},
                                    std::pair{"wrap_count.gltf", stride}}) {
        const fs::path file = write_gltf_file(name, doc);
        const std::string message = error_of([&] { load_gltf(file); });
        EXPECT_NE(message.find(file.string()), std::string::npos) << message;
        // tinygltf may refuse an absurd number itself; either way the file is named and nothing is read.
        EXPECT_TRUE(message.find("reaches past the end of its buffer") != std::string::npos ||
                    message.find("not a valid glTF") != std::string::npos)
            << message;
    }
}

TEST(HostileGltf, AHugeExternalBufferIsRefusedBeforeItIsRead) {
    const fs::path bin = scratch("six_gib.bin");
    { std::ofstream(bin) << ""; }
    fs::resize_file(bin, std::uintmax_t(6) << 30);  // sparse: 6 GiB on paper, nothing on the disk
    nlohmann::json doc = minimal_roller();
    doc["buffers"][0]["uri"] = "six_gib.bin";
    doc["buffers"][0]["byteLength"] = std::uint64_t(6) << 30;
    const fs::path file = write_gltf_file("huge_buffer.gltf", doc);
    const std::string message = error_of([&] { load_gltf(file); });
    EXPECT_NE(message.find(file.string()), std::string::npos) << message;
    EXPECT_NE(message.find("more than the 67108864 bytes allowed"), std::string::npos) << message;
    fs::remove(bin);
}

}  // namespace
}  // namespace dermasim
