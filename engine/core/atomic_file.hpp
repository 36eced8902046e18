#pragma once
// Saves are atomic: content goes to a temporary file beside the target, which is renamed over it only when
// complete. A crash or a full disk leaves the old file as it was.
#include <filesystem>
#include <functional>
#include <string>

namespace dermasim {

// Calls write(temp_path); on success renames temp over path. Throws Error naming path on any failure
// (missing folder, not writable, write failed), removing the temporary file.
void write_atomically(const std::filesystem::path& path,
                      const std::function<void(const std::filesystem::path& temp)>& write);
void write_text_atomically(const std::filesystem::path& path, const std::string& text);

}  // namespace dermasim
