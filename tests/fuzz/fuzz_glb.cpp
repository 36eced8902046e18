// Device models as binary .glb (any parts: the container and its chunks are what is fuzzed here).
#include "engine/io/gltf_mesh.hpp"
#include "fuzz_file.hpp"

DERMASIM_FUZZ_FILE(".glb", [](const std::filesystem::path& file) { dermasim::load_gltf(file); })
