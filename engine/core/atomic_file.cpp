#include "engine/core/atomic_file.hpp"

#include <unistd.h>

#include <fstream>
#include <system_error>

#include "engine/core/error.hpp"

namespace dermasim {

void write_atomically(const std::filesystem::path& path,
                      const std::function<void(const std::filesystem::path& temp)>& write) {
    namespace fs = std::filesystem;
    fs::path folder = path.has_parent_path() ? path.parent_path() : fs::path(".");
    std::error_code ec;
    if (!fs::is_directory(folder, ec))
        throw Error("cannot write '" + path.string() + "': folder '" + folder.string() + "' does not exist");
    if (access(folder.c_str(), W_OK) != 0)
        throw Error("cannot write '" + path.string() + "': folder '" + folder.string() + "' is not writable");
    if (fs::is_directory(path, ec)) throw Error("cannot write '" + path.string() + "': it is a folder");
    // A device or pipe (/dev/null, /dev/stdout, a FIFO) is written in place: renaming a file over it would
    // replace the device itself.
    if (fs::exists(path, ec) && !fs::is_regular_file(path, ec)) {
        write(path);
        return;
    }
    fs::path temp = folder / ("." + path.filename().string() + ".tmp" + std::to_string(getpid()));
    try {
        write(temp);
    } catch (...) {
        fs::remove(temp, ec);
        throw;
    }
    fs::rename(temp, path, ec);
    if (ec) {
        fs::remove(temp, ec);
        throw Error("cannot write '" + path.string() + "': " + ec.message());
    }
}

void write_text_atomically(const std::filesystem::path& path, const std::string& text) {
    write_atomically(path, [&](const std::filesystem::path& temp) {
        std::ofstream out(temp, std::ios::binary);
        out << text;
        out.close();
        if (!out) throw Error("cannot write '" + path.string() + "' (disk full?)");
    });
}

}  // namespace dermasim
