#include "engine/session/session_check.hpp"

#include "engine/core/error.hpp"
#include "engine/tools/stroke_script.hpp"

namespace dermasim {

void check_session_replayable(const SessionRecord& session, const Catalog& catalog, const std::string& origin) {
    const RegionProfile* region = nullptr;
    try {
        region = &catalog.regions.find(session.region);
    } catch (const Error& e) {
        throw Error(origin + ": region: " + e.what());
    }
    try {
        if (!session.aftercare.serum.empty()) catalog.serum(session.aftercare.serum);
    } catch (const Error& e) {
        throw Error(origin + ": aftercare.serum: " + e.what());
    }
    if (session.input.strokes.empty()) return;  // a client turned away: nothing to replay
    validate_stroke_script(session.input, origin);
    check_puncture_budget(session.input, catalog.pen, origin);  // a pen's, known before it moves
    try {  // a roller's, counted as it rolls: the dry run stops at the limit
        run_stroke_script(session.input, *region, roller_for(session.input, catalog.roller),
                          pen_for(session.input, catalog.pen));
    } catch (const Error& e) {
        throw Error(origin + ": " + e.what());
    }
}

}  // namespace dermasim
