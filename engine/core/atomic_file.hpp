#pragma once
// Saves are atomic: content goes to a temporary file beside the target, is flushed to the disk (fsync), and is
// renamed over the target only when complete. A crash, a kill or a full disk leaves the old file as it was.
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dermasim {

// Calls write(temp_path); on success flushes temp to the disk and renames it over path. Throws Error naming
// path on any failure (missing folder, not writable, write failed), removing the temporary file.
void write_atomically(const std::filesystem::path& path,
                      const std::function<void(const std::filesystem::path& temp)>& write);
void write_text_atomically(const std::filesystem::path& path, const std::string& text);

// Several files that belong together (a set of models): every one is written and flushed to a temporary file
// first, and only then are they renamed over their targets, so a failure while writing replaces none of them.
void write_files_atomically(const std::vector<std::pair<std::filesystem::path, std::string>>& files);

// Writes text to a new file in folder named "<stem><ext>", or "<stem>-2<ext>", "<stem>-3<ext>", ... whichever
// is free, and returns its path. The name is claimed and the content appears in one step (a hard link of the
// flushed temporary file), so two writers never take the same name and nobody sees a half-written file.
std::filesystem::path write_new_file_atomically(const std::filesystem::path& folder, std::string_view stem,
                                                std::string_view ext, const std::string& text);

}  // namespace dermasim
