// Device models as .gltf text, checked against the shipped roller as the app checks them.
#include "engine/io/gltf_mesh.hpp"
#include "fuzz_file.hpp"

DERMASIM_FUZZ_FILE(".gltf", [](const std::filesystem::path& file) { dermasim::load_roller_model(file, {}); })
