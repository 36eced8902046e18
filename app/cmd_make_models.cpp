// dermasim make-models: the device glTF files, built from the device descriptions (what you see is what punctures).
#include <cstdio>
#include <filesystem>

#include "app/commands.hpp"
#include "engine/core/error.hpp"
#include "engine/io/gltf_mesh.hpp"

namespace dermasim::app {

int run_make_models(const Argv& argv) {
    cli::Args args("dermasim make-models", argv);
    if (args.help_requested()) {
        std::printf("dermasim make-models [--out DIR] - write roller.gltf and pen.gltf built from assets/devices/*.json\n"
                    "into DIR (default: the assets/models folder). Run it after changing a device description.\n");
        return 0;
    }
    // The tables only: the models are what this rebuilds, so they may disagree with the tables right now.
    const Catalog catalog = load_catalog(false);
    std::filesystem::path dir = catalog.root / "models";
    auto folder = args.value("--out");
    if (folder) dir = *folder;
    args.finish();
    std::error_code ec;
    const bool is_folder = std::filesystem::is_directory(dir, ec);
    if (ec) throw Error("--out '" + dir.string() + "': " + ec.message());
    if (!is_folder)
        throw Error("'" + dir.string() + "' is not an existing folder: create it first, or choose another with --out");
    write_device_models(dir, catalog.roller, catalog.pen);
    std::fprintf(stderr, "dermasim: wrote %s and %s\n", (dir / "roller.gltf").c_str(), (dir / "pen.gltf").c_str());
    return 0;
}

}  // namespace dermasim::app
