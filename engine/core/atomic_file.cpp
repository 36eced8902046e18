#include "engine/core/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <system_error>

#include "engine/core/error.hpp"

namespace dermasim {
namespace fs = std::filesystem;

namespace {

std::string errno_text() { return std::strerror(errno); }

// Checks the folder a file is to be written in, before any work.
fs::path checked_folder(const fs::path& path) {
    fs::path folder = path.has_parent_path() ? path.parent_path() : fs::path(".");
    std::error_code ec;
    if (!fs::is_directory(folder, ec))
        throw Error("cannot write '" + path.string() + "': folder '" + folder.string() + "' does not exist");
    if (access(folder.c_str(), W_OK) != 0)
        throw Error("cannot write '" + path.string() + "': folder '" + folder.string() + "' is not writable");
    return folder;
}

fs::path temp_beside(const fs::path& folder, const fs::path& name) {
    return folder / ("." + name.filename().string() + ".tmp" + std::to_string(getpid()));
}

// fsync on a file or folder: the data (or the new name) is on the disk before we report success.
void sync_path(const fs::path& path, const fs::path& target, bool folder) {
    int fd = open(path.c_str(), (folder ? O_RDONLY | O_DIRECTORY : O_WRONLY) | O_CLOEXEC);
    if (fd < 0) throw Error("cannot write '" + target.string() + "': " + errno_text());
    int synced = fsync(fd);
    int saved_errno = errno;
    close(fd);
    // Some file systems cannot sync a folder (EINVAL); the rename is still atomic there.
    if (synced != 0 && !(folder && saved_errno == EINVAL)) {
        errno = saved_errno;
        throw Error("cannot write '" + target.string() + "': " + errno_text() + " (disk full?)");
    }
}

void write_all(const fs::path& temp, const fs::path& target, const std::string& text) {
    int fd = open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) throw Error("cannot write '" + target.string() + "': " + errno_text());
    const char* data = text.data();
    size_t left = text.size();
    while (left > 0) {
        ssize_t n = write(fd, data, left);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            std::string why = n < 0 ? errno_text() : "nothing written";
            close(fd);
            throw Error("cannot write '" + target.string() + "': " + why + " (disk full?)");
        }
        data += n;
        left -= size_t(n);
    }
    // Only a regular file can be synced (a FIFO or device written in place answers EINVAL).
    struct stat st {};
    const bool regular = fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
    const bool synced = !regular || fsync(fd) == 0;
    const int sync_errno = errno;
    const bool closed = close(fd) == 0;  // always, even when the sync failed
    if (!synced) errno = sync_errno;
    if (!synced || !closed) throw Error("cannot write '" + target.string() + "': " + errno_text() + " (disk full?)");
}

}  // namespace

void write_atomically(const fs::path& path, const std::function<void(const fs::path& temp)>& write) {
    if (path.empty() || !path.has_filename()) throw Error("cannot write '" + path.string() + "': no file name given");
    fs::path folder = checked_folder(path);
    std::error_code ec;
    if (fs::is_directory(path, ec)) throw Error("cannot write '" + path.string() + "': it is a folder");
    // A device or pipe (/dev/null, /dev/stdout, a FIFO) is written in place: renaming a file over it would
    // replace the device itself.
    if (fs::exists(path, ec) && !fs::is_regular_file(path, ec)) {
        write(path);
        return;
    }
    fs::path temp = temp_beside(folder, path);
    try {
        write(temp);
        sync_path(temp, path, false);
    } catch (...) {
        fs::remove(temp, ec);
        throw;
    }
    fs::rename(temp, path, ec);
    if (ec) {
        std::error_code ignored;
        fs::remove(temp, ignored);
        throw Error("cannot write '" + path.string() + "': " + ec.message());
    }
    sync_path(folder, path, true);
}

void write_text_atomically(const fs::path& path, const std::string& text) {
    write_atomically(path, [&](const fs::path& temp) { write_all(temp, path, text); });
}

void write_files_atomically(const std::vector<std::pair<fs::path, std::string>>& files) {
    std::vector<fs::path> temps;
    std::error_code ec;
    try {
        for (const auto& [path, text] : files) {
            if (path.empty() || !path.has_filename()) throw Error("cannot write '" + path.string() + "': no file name given");
            const fs::path folder = checked_folder(path);
            if (fs::exists(path, ec) && !fs::is_regular_file(path, ec))
                throw Error("cannot write '" + path.string() + "': it is not a regular file");
            temps.push_back(temp_beside(folder, path));
            write_all(temps.back(), path, text);
        }
    } catch (...) {
        for (const fs::path& temp : temps) fs::remove(temp, ec);
        throw;
    }
    // Every file is complete on the disk: only renames are left, and a rename does not run out of space.
    for (std::size_t i = 0; i < files.size(); ++i) {
        fs::rename(temps[i], files[i].first, ec);
        if (ec) {
            for (std::size_t j = i; j < temps.size(); ++j) fs::remove(temps[j], ec);
            throw Error("cannot write '" + files[i].first.string() + "': " + ec.message());
        }
    }
    for (const auto& [path, text] : files) sync_path(checked_folder(path), path, true);
}

fs::path write_new_file_atomically(const fs::path& folder, std::string_view stem, std::string_view ext,
                                   const std::string& text) {
    const std::string first = std::string(stem) + std::string(ext);
    checked_folder(folder / first);
    fs::path temp = temp_beside(folder, first);
    std::error_code ec;
    try {
        write_all(temp, folder / first, text);
        for (int n = 1; n < 10000; ++n) {
            fs::path candidate = folder / (n == 1 ? first : std::string(stem) + "-" + std::to_string(n) + std::string(ext));
            // A hard link claims the name only if it is free. File systems without hard links (FAT, some FUSE)
            // get the same from a rename that refuses to replace.
            int claimed = link(temp.c_str(), candidate.c_str());
            if (claimed != 0 && (errno == EPERM || errno == ENOTSUP || errno == EOPNOTSUPP))
                claimed = renameat2(AT_FDCWD, temp.c_str(), AT_FDCWD, candidate.c_str(), RENAME_NOREPLACE);
            if (claimed == 0) {
                fs::remove(temp, ec);
                try {
                    sync_path(folder, candidate, true);
                } catch (const Error&) {
                    // The file is there and whole; only the folder's flush failed. Report the file as saved.
                }
                return candidate;
            }
            if (errno != EEXIST) throw Error("cannot write '" + candidate.string() + "': " + errno_text());
        }
        throw Error("cannot write '" + (folder / first).string() + "': 10000 files of that name already exist");
    } catch (...) {
        fs::remove(temp, ec);
        throw;
    }
}

}  // namespace dermasim
