#pragma once
// Where the window keeps sessions: a file the user named (checked before the window opens), or new files in
// the per-user sessions folder.
#include <optional>
#include <string>

#include "app/modes/mode.hpp"

namespace dermasim::app {

void set_session_storage(AppServices& services, const std::optional<std::string>& file);

}  // namespace dermasim::app
