#pragma once
// Device models to and from glTF 2.0: one node per part (named as the part), one triangle primitive per node,
// float VEC3 POSITION/NORMAL, uint32 indices, a metallic-roughness material per part, buffers embedded as
// base64 data URIs so each model is a single file.
#include <filesystem>
#include <span>
#include <string_view>

#include "engine/io/device_model.hpp"

namespace dermasim {

void write_gltf(const DeviceModel& model, const std::filesystem::path& file);

// Reads every named node of the default scene that has a mesh into a part, with node transforms applied.
// Throws Error naming the file and the problem: missing file, not glTF/JSON, a required part missing, an
// accessor of the wrong type or outside its buffer, an index out of range, a non-triangle primitive.
DeviceModel load_gltf(const std::filesystem::path& file, std::span<const std::string_view> required_parts = {});

// What the app calls at start: loads the committed model and checks its needles against the device description
// (the punctures come from the description, so a model that disagrees is an error, not a cosmetic issue).
DeviceModel load_roller_model(const std::filesystem::path& file, const RollerSpec& spec);
DeviceModel load_pen_model(const std::filesystem::path& file, const PenSpec& spec);

// `dermasim make-models`: writes dir/roller.gltf and dir/pen.gltf built from the device descriptions.
void write_device_models(const std::filesystem::path& dir, const RollerSpec& roller, const PenSpec& pen);

}  // namespace dermasim
