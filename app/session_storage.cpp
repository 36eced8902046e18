#include "app/session_storage.hpp"

#include <unistd.h>

#include "engine/core/error.hpp"
#include "engine/session/autosave.hpp"

namespace dermasim::app {

void set_session_storage(AppServices& services, const std::optional<std::string>& file) {
    namespace fs = std::filesystem;
    if (!file) {
        services.session_folder = default_session_folder();
        return;
    }
    fs::path path(*file);
    fs::path folder = path.has_parent_path() ? path.parent_path() : fs::path(".");
    std::error_code ec;
    if (path.empty() || fs::is_directory(path, ec)) throw Error("--session '" + *file + "' must name a file, not a folder");
    if (!fs::is_directory(folder, ec))
        throw Error("--session '" + *file + "': folder '" + folder.string() + "' does not exist");
    if (access(folder.c_str(), W_OK) != 0)
        throw Error("--session '" + *file + "': folder '" + folder.string() + "' is not writable");
    if (fs::exists(path, ec))
        throw Error("--session '" + *file + "' already exists: name a new file (to go on with that session, use "
                    "'dermasim replay " + *file + "')");
    services.session_file = path;
}

}  // namespace dermasim::app
