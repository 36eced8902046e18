#include "engine/io/gltf_mesh.hpp"

#include <cmath>
#include <cstring>
#include <set>
#include <sstream>
#include <glm/geometric.hpp>
#include <glm/gtc/matrix_inverse.hpp>
#include <glm/gtc/quaternion.hpp>
#include <glm/gtc/type_ptr.hpp>
#include <glm/mat4x4.hpp>
#include <tiny_gltf.h>

#include "engine/core/atomic_file.hpp"
#include "engine/core/error.hpp"
#include "engine/io/json_file.hpp"

namespace dermasim {
namespace {

constexpr int kMaxNodeDepth = 32;                      // our models are one level deep
constexpr std::size_t kMaxGltfBytes = kMaxJsonBytes;  // the file and each external buffer or image

// --- writing -------------------------------------------------------------------------------------------------

int add_view(tinygltf::Model& gltf, const void* data, std::size_t bytes, int target) {
    std::vector<unsigned char>& buffer = gltf.buffers[0].data;
    tinygltf::BufferView view;
    view.buffer = 0;
    view.byteOffset = buffer.size();
    view.byteLength = bytes;
    view.target = target;
    const auto* begin = static_cast<const unsigned char*>(data);
    buffer.insert(buffer.end(), begin, begin + bytes);  // all data is 4-byte, so views stay 4-byte aligned
    gltf.bufferViews.push_back(view);
    return static_cast<int>(gltf.bufferViews.size() - 1);
}

int add_vec3_accessor(tinygltf::Model& gltf, const std::vector<glm::vec3>& values) {
    tinygltf::Accessor accessor;
    accessor.bufferView = add_view(gltf, values.data(), values.size() * sizeof(glm::vec3), TINYGLTF_TARGET_ARRAY_BUFFER);
    accessor.componentType = TINYGLTF_COMPONENT_TYPE_FLOAT;
    accessor.type = TINYGLTF_TYPE_VEC3;
    accessor.count = values.size();
    glm::vec3 lo(INFINITY), hi(-INFINITY);
    for (glm::vec3 v : values) lo = glm::min(lo, v), hi = glm::max(hi, v);
    accessor.minValues = {lo.x, lo.y, lo.z};
    accessor.maxValues = {hi.x, hi.y, hi.z};
    gltf.accessors.push_back(accessor);
    return static_cast<int>(gltf.accessors.size() - 1);
}

int add_index_accessor(tinygltf::Model& gltf, const std::vector<std::uint32_t>& indices) {
    tinygltf::Accessor accessor;
    accessor.bufferView = add_view(gltf, indices.data(), indices.size() * sizeof(std::uint32_t),
                                   TINYGLTF_TARGET_ELEMENT_ARRAY_BUFFER);
    accessor.componentType = TINYGLTF_COMPONENT_TYPE_UNSIGNED_INT;
    accessor.type = TINYGLTF_TYPE_SCALAR;
    accessor.count = indices.size();
    gltf.accessors.push_back(accessor);
    return static_cast<int>(gltf.accessors.size() - 1);
}

// --- reading -------------------------------------------------------------------------------------------------

std::string type_name(int type, int component) {
    std::string t = type == TINYGLTF_TYPE_SCALAR ? "SCALAR"
                    : type == TINYGLTF_TYPE_VEC2 ? "VEC2"
                    : type == TINYGLTF_TYPE_VEC3 ? "VEC3"
                    : type == TINYGLTF_TYPE_VEC4 ? "VEC4"
                                                 : "type " + std::to_string(type);
    std::string c = component == TINYGLTF_COMPONENT_TYPE_FLOAT            ? "float"
                    : component == TINYGLTF_COMPONENT_TYPE_UNSIGNED_INT   ? "uint32"
                    : component == TINYGLTF_COMPONENT_TYPE_UNSIGNED_SHORT ? "uint16"
                    : component == TINYGLTF_COMPONENT_TYPE_UNSIGNED_BYTE  ? "uint8"
                                                                          : "component " + std::to_string(component);
    return t + " " + c;
}

// Reads one glTF file; `where` prefixes every message with the file and the part being read.
class Reader {
public:
    Reader(const tinygltf::Model& gltf, std::string file) : gltf_(gltf), file_(std::move(file)) {}

    [[noreturn]] void fail(const std::string& what) const { throw Error(file_ + ": " + what); }

    // Checks type, component type and that every element lies inside its buffer view; returns the first
    // element's bytes and the stride.
    const unsigned char* element_bytes(int index, int type, std::initializer_list<int> components,
                                       const std::string& what, std::size_t& count, std::size_t& stride,
                                       int& component) const {
        if (index < 0 || index >= static_cast<int>(gltf_.accessors.size()))
            fail(what + " refers to accessor " + std::to_string(index) + ", which does not exist");
        const tinygltf::Accessor& a = gltf_.accessors[index];
        std::string name = what + " (accessor " + std::to_string(index) + ")";
        bool component_ok = false;
        for (int c : components) component_ok |= a.componentType == c;
        if (a.type != type || !component_ok)
            fail(name + " is " + type_name(a.type, a.componentType) + ", expected " +
                 type_name(type, *components.begin()));
        if (a.sparse.isSparse) fail(name + " is sparse, which DermaSim models do not use");
        if (a.bufferView < 0 || a.bufferView >= static_cast<int>(gltf_.bufferViews.size()))
            fail(name + " has no buffer view");
        const tinygltf::BufferView& view = gltf_.bufferViews[a.bufferView];
        if (view.buffer < 0 || view.buffer >= static_cast<int>(gltf_.buffers.size()))
            fail(name + " refers to a missing buffer");
        const std::vector<unsigned char>& data = gltf_.buffers[view.buffer].data;
        std::size_t element = tinygltf::GetComponentSizeInBytes(a.componentType) *
                              tinygltf::GetNumComponentsInType(a.type);
        stride = view.byteStride ? view.byteStride : element;
        if (stride < element) fail(name + " has a byte stride of " + std::to_string(stride) + ", less than its elements");
        // Every sum and product is checked before it is formed: offsets from a hostile file can wrap a size_t
        // around to a small number that would pass a plain "end <= size" test.
        const std::size_t size = data.size();
        const bool view_inside = view.byteOffset <= size && view.byteLength <= size - view.byteOffset;
        bool accessor_inside = a.byteOffset <= view.byteLength;
        if (accessor_inside && a.count > 0) {
            const std::size_t room = view.byteLength - a.byteOffset;  // bytes from the first element to the end
            accessor_inside = element <= room && (a.count - 1) <= (room - element) / stride;
        }
        if (!view_inside || !accessor_inside) fail(name + " reaches past the end of its buffer");
        count = a.count;
        component = a.componentType;
        return data.data() + view.byteOffset + a.byteOffset;
    }

    std::vector<glm::vec3> read_vec3(int index, const std::string& what) const {
        std::size_t count, stride;
        int component;
        const unsigned char* bytes =
            element_bytes(index, TINYGLTF_TYPE_VEC3, {TINYGLTF_COMPONENT_TYPE_FLOAT}, what, count, stride, component);
        std::vector<glm::vec3> out(count);
        for (std::size_t i = 0; i < count; ++i) {
            std::memcpy(&out[i], bytes + i * stride, sizeof(glm::vec3));
            if (!std::isfinite(out[i].x) || !std::isfinite(out[i].y) || !std::isfinite(out[i].z))
                fail(what + " element " + std::to_string(i) + " is not a finite number");
        }
        return out;
    }

    std::vector<std::uint32_t> read_indices(int index, const std::string& what) const {
        std::size_t count, stride;
        int component;
        const unsigned char* bytes = element_bytes(
            index, TINYGLTF_TYPE_SCALAR,
            {TINYGLTF_COMPONENT_TYPE_UNSIGNED_INT, TINYGLTF_COMPONENT_TYPE_UNSIGNED_SHORT,
             TINYGLTF_COMPONENT_TYPE_UNSIGNED_BYTE},
            what, count, stride, component);
        std::vector<std::uint32_t> out(count);
        for (std::size_t i = 0; i < count; ++i) {
            const unsigned char* p = bytes + i * stride;
            if (component == TINYGLTF_COMPONENT_TYPE_UNSIGNED_INT) std::memcpy(&out[i], p, 4);
            else if (component == TINYGLTF_COMPONENT_TYPE_UNSIGNED_SHORT) {
                std::uint16_t v;
                std::memcpy(&v, p, 2);
                out[i] = v;
            } else out[i] = *p;
        }
        return out;
    }

    Material read_material(int index) const {
        Material m;
        if (index < 0) return m;
        if (index >= static_cast<int>(gltf_.materials.size()))
            fail("material " + std::to_string(index) + " does not exist");
        const tinygltf::PbrMetallicRoughness& pbr = gltf_.materials[index].pbrMetallicRoughness;
        if (pbr.baseColorFactor.size() == 4)
            m.base_color = glm::vec4(pbr.baseColorFactor[0], pbr.baseColorFactor[1], pbr.baseColorFactor[2],
                                     pbr.baseColorFactor[3]);
        m.metallic = static_cast<float>(pbr.metallicFactor);
        m.roughness = static_cast<float>(pbr.roughnessFactor);
        return m;
    }

    // Appends one triangle primitive to `mesh`, transformed by `world`.
    void append_primitive(const tinygltf::Primitive& prim, const glm::mat4& world, const std::string& part,
                          Mesh& mesh) const {
        std::string where = "part \"" + part + "\"";
        if (prim.mode != -1 && prim.mode != TINYGLTF_MODE_TRIANGLES)
            fail(where + " has a primitive of mode " + std::to_string(prim.mode) + ", expected triangles (4)");
        auto position = prim.attributes.find("POSITION");
        auto normal = prim.attributes.find("NORMAL");
        if (position == prim.attributes.end()) fail(where + " has no POSITION attribute");
        if (normal == prim.attributes.end()) fail(where + " has no NORMAL attribute");
        std::vector<glm::vec3> positions = read_vec3(position->second, where + " POSITION");
        std::vector<glm::vec3> normals = read_vec3(normal->second, where + " NORMAL");
        if (normals.size() != positions.size())
            fail(where + " has " + std::to_string(normals.size()) + " normals for " +
                 std::to_string(positions.size()) + " positions");
        std::vector<std::uint32_t> indices;
        if (prim.indices >= 0) indices = read_indices(prim.indices, where + " indices");
        else
            for (std::uint32_t i = 0; i < positions.size(); ++i) indices.push_back(i);
        if (indices.size() % 3 != 0)
            fail(where + " has " + std::to_string(indices.size()) + " indices, not a whole number of triangles");

        auto base = static_cast<std::uint32_t>(mesh.positions.size());
        glm::mat3 normal_matrix = glm::inverseTranspose(glm::mat3(world));
        for (std::size_t i = 0; i < positions.size(); ++i) {
            mesh.positions.push_back(glm::vec3(world * glm::vec4(positions[i], 1.0f)));
            glm::vec3 n = normal_matrix * normals[i];
            float length = glm::length(n);
            mesh.normals.push_back(length > 0 ? n / length : n);
        }
        for (std::size_t i = 0; i < indices.size(); ++i) {
            if (indices[i] >= positions.size())
                fail(where + " index " + std::to_string(i) + " = " + std::to_string(indices[i]) +
                     " is out of range (" + std::to_string(positions.size()) + " vertices)");
            mesh.indices.push_back(base + indices[i]);
        }
    }

    void read_node(int index, const glm::mat4& parent, std::set<int>& visited, DeviceModel& model, int depth = 1) const {
        if (index < 0 || index >= static_cast<int>(gltf_.nodes.size()))
            fail("node " + std::to_string(index) + " does not exist");
        // Each level is a call: a chain of thousands of nested nodes would overflow the stack.
        if (depth > kMaxNodeDepth)
            fail("node " + std::to_string(index) + " is nested more than " + std::to_string(kMaxNodeDepth) +
                 " levels deep");
        if (!visited.insert(index).second) fail("node " + std::to_string(index) + " appears twice in the scene");
        const tinygltf::Node& node = gltf_.nodes[index];
        glm::mat4 world = parent * local_transform(node);
        if (node.mesh >= 0) {
            if (node.mesh >= static_cast<int>(gltf_.meshes.size()))
                fail("node \"" + node.name + "\" refers to mesh " + std::to_string(node.mesh) + ", which does not exist");
            if (node.name.empty()) fail("node " + std::to_string(index) + " has a mesh but no name (part names are required)");
            if (model.find(node.name)) fail("part \"" + node.name + "\" appears twice");
            const tinygltf::Mesh& mesh = gltf_.meshes[node.mesh];
            Part part{node.name, {}, {}};
            if (!mesh.primitives.empty()) part.material = read_material(mesh.primitives[0].material);
            for (const tinygltf::Primitive& prim : mesh.primitives) append_primitive(prim, world, node.name, part.mesh);
            model.parts.push_back(std::move(part));
        }
        for (int child : node.children) read_node(child, world, visited, model, depth + 1);
    }

    static glm::mat4 local_transform(const tinygltf::Node& node) {
        if (node.matrix.size() == 16) {
            glm::mat4 m;
            for (int i = 0; i < 16; ++i) glm::value_ptr(m)[i] = static_cast<float>(node.matrix[i]);  // column-major both
            return m;
        }
        glm::mat4 m(1.0f);
        if (node.translation.size() == 3)
            m[3] = glm::vec4(node.translation[0], node.translation[1], node.translation[2], 1.0f);
        if (node.rotation.size() == 4)
            m = m * glm::mat4_cast(glm::quat(static_cast<float>(node.rotation[3]), static_cast<float>(node.rotation[0]),
                                             static_cast<float>(node.rotation[1]), static_cast<float>(node.rotation[2])));
        if (node.scale.size() == 3)
            m = m * glm::mat4(glm::vec4(node.scale[0], 0, 0, 0), glm::vec4(0, node.scale[1], 0, 0),
                              glm::vec4(0, 0, node.scale[2], 0), glm::vec4(0, 0, 0, 1));
        return m;
    }

private:
    const tinygltf::Model& gltf_;
    std::string file_;
};

// An external buffer or image is read only when it fits the limit; the default reader would load any size.
bool read_bounded_file(std::vector<unsigned char>* out, std::string* err, const std::string& path, void*) {
    try {
        const std::string bytes = read_file_bytes(path, kMaxGltfBytes);
        out->assign(bytes.begin(), bytes.end());
        return true;
    } catch (const Error& e) {
        if (err) *err += e.what() + std::string("\n");
        return false;
    }
}

// The JSON part of a .gltf, or of a .glb's first chunk (the binary chunk after it is data, not JSON).
std::string_view json_part(const std::string& bytes, bool binary) {
    if (!binary) return bytes;
    std::uint32_t length = 0;
    if (bytes.size() < 20) return {};
    std::memcpy(&length, bytes.data() + 12, 4);
    return std::string_view(bytes).substr(20, length);
}

// What tinygltf 2.7 does not survive: a buffer of byteLength 0 makes it index an empty vector where the exception
// cannot propagate (std::terminate; found by fuzz_glb). The glTF 2.0 schema requires byteLength >= 1 anyway.
void check_buffer_lengths(std::string_view json_text, const std::string& name) {
    nlohmann::json doc;
    try {
        doc = nlohmann::json::parse(json_text);
    } catch (const nlohmann::json::exception&) {
        return;  // not JSON: tinygltf says so in its own words
    }
    if (!doc.is_object() || !doc.contains("buffers") || !doc["buffers"].is_array()) return;
    const nlohmann::json& buffers = doc["buffers"];
    for (std::size_t i = 0; i < buffers.size(); ++i) {
        const nlohmann::json& length = buffers[i].is_object() && buffers[i].contains("byteLength")
                                           ? buffers[i]["byteLength"] : nlohmann::json();
        if (!length.is_number() || !(length.get<double>() >= 1.0))
            throw Error(name + ": buffer " + std::to_string(i) + " has byteLength " +
                        (length.is_null() ? std::string("missing") : length.dump()) +
                        " (glTF requires a number of at least 1)");
    }
}

std::string first_line(const std::string& text) {
    std::string line = text.substr(0, text.find('\n'));
    return line.empty() ? "unknown error" : line;
}

std::string encode_gltf(const DeviceModel& model) {
    tinygltf::Model gltf;
    gltf.asset.version = "2.0";
    gltf.asset.generator = "DermaSim device model (" + model.source + ")";
    gltf.buffers.emplace_back();
    tinygltf::Scene scene;
    for (const Part& part : model.parts) {
        if (part.mesh.positions.empty() || part.mesh.normals.size() != part.mesh.positions.size())
            throw Error(model.source + ": part \"" + part.name + "\" has no vertices or mismatched normals");
        tinygltf::Material material;
        material.name = part.name;
        const glm::vec4& c = part.material.base_color;
        material.pbrMetallicRoughness.baseColorFactor = {c.r, c.g, c.b, c.a};
        material.pbrMetallicRoughness.metallicFactor = part.material.metallic;
        material.pbrMetallicRoughness.roughnessFactor = part.material.roughness;
        gltf.materials.push_back(material);

        tinygltf::Primitive prim;
        prim.attributes["POSITION"] = add_vec3_accessor(gltf, part.mesh.positions);
        prim.attributes["NORMAL"] = add_vec3_accessor(gltf, part.mesh.normals);
        prim.indices = add_index_accessor(gltf, part.mesh.indices);
        prim.material = static_cast<int>(gltf.materials.size() - 1);
        prim.mode = TINYGLTF_MODE_TRIANGLES;
        tinygltf::Mesh mesh;
        mesh.name = part.name;
        mesh.primitives.push_back(prim);
        gltf.meshes.push_back(mesh);

        tinygltf::Node node;
        node.name = part.name;
        node.mesh = static_cast<int>(gltf.meshes.size() - 1);
        gltf.nodes.push_back(node);
        scene.nodes.push_back(static_cast<int>(gltf.nodes.size() - 1));
    }
    gltf.scenes.push_back(scene);
    gltf.defaultScene = 0;

    // Buffers embedded (data URIs), so one text file holds the model; written atomically like every save.
    tinygltf::TinyGLTF writer;
    std::ostringstream text;
    if (!writer.WriteGltfSceneToStream(&gltf, text, true, false)) throw Error(model.source + ": cannot encode glTF");
    return text.str();
}

}  // namespace

void write_gltf(const DeviceModel& model, const std::filesystem::path& file) {
    write_text_atomically(file, encode_gltf(model));
}

DeviceModel load_gltf(const std::filesystem::path& file, std::span<const std::string_view> required_parts) {
    std::string name = file.string();
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec)) throw Error(name + ": glTF file not found");
    const bool binary = file.extension() == ".glb";
    const std::string bytes = read_file_bytes(file, kMaxGltfBytes);
    // tinygltf parses JSON (extras included) by recursion: refuse deep nesting before it sees the file.
    check_json_nesting(json_part(bytes, binary), name);
    check_buffer_lengths(json_part(bytes, binary), name);
    tinygltf::Model gltf;
    tinygltf::TinyGLTF loader;
    loader.SetFsCallbacks({&tinygltf::FileExists, &tinygltf::ExpandFilePath, &read_bounded_file,
                           &tinygltf::WriteWholeFile, nullptr});
    std::string err, warn;
    const std::string base_dir = file.parent_path().string();
    const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
    bool ok = binary ? loader.LoadBinaryFromMemory(&gltf, &err, &warn, data, unsigned(bytes.size()), base_dir)
                     : loader.LoadASCIIFromString(&gltf, &err, &warn, bytes.data(), unsigned(bytes.size()), base_dir);
    if (!ok) throw Error(name + ": not a valid glTF file (" + first_line(err) + ")");

    Reader reader(gltf, name);
    DeviceModel model{name, {}};
    std::set<int> visited;
    if (gltf.scenes.empty()) reader.fail("has no scene");
    int scene = gltf.defaultScene >= 0 ? gltf.defaultScene : 0;
    if (scene >= static_cast<int>(gltf.scenes.size())) reader.fail("default scene " + std::to_string(scene) + " does not exist");
    for (int root : gltf.scenes[scene].nodes) reader.read_node(root, glm::mat4(1.0f), visited, model);
    for (std::string_view required : required_parts) model.part(required);  // throws naming the missing part
    return model;
}

DeviceModel load_roller_model(const std::filesystem::path& file, const RollerSpec& spec) {
    DeviceModel model = load_gltf(file, kRollerParts);
    verify_needles(model, spec);
    return model;
}

DeviceModel load_pen_model(const std::filesystem::path& file, const PenSpec& spec) {
    DeviceModel model = load_gltf(file, kPenParts);
    verify_needles(model, spec);
    return model;
}

void write_device_models(const std::filesystem::path& dir, const RollerSpec& roller, const PenSpec& pen) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) throw Error(dir.string() + ": cannot create model folder (" + ec.message() + ")");
    // Both models are built and encoded before either file is written, and written together: a description that
    // fails, or a disk that fills while writing, leaves both files as they were.
    write_files_atomically({{dir / "roller.gltf", encode_gltf(build_roller_model(roller))},
                            {dir / "pen.gltf", encode_gltf(build_pen_model(pen))}});
}

}  // namespace dermasim
