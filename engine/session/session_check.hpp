#pragma once
// A recorded session checked against this DermaSim before it is replayed (a replay, the kiosk's attract loop),
// so a hand-edited or outsized one is refused at once with its file and field named, not after minutes of
// replay or, on a stand, every time the loop reaches it.
#include <string>

#include "engine/core/catalog.hpp"
#include "engine/session/session_record.hpp"

namespace dermasim {

// Its region and serum are known, and its passes make no more punctures than one treatment may (a dry run of
// the passes: linear, and stopped at the limit). Throws Error "<origin>: <field>: <problem>".
void check_session_replayable(const SessionRecord& session, const Catalog& catalog, const std::string& origin);

}  // namespace dermasim
