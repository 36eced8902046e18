// A trainee's answers file ('dermasim score --answers'), checked against a shipped lesson.
#include "engine/skin/region_profile.hpp"
#include "engine/training/answers.hpp"
#include "engine/training/lesson.hpp"
#include "fuzz_file.hpp"

DERMASIM_FUZZ_FILE(".json", [](const std::filesystem::path& file) {
    static const std::filesystem::path assets(DERMASIM_SOURCE_ASSET_DIR);
    static const dermasim::RegionTable regions = dermasim::RegionTable::load(assets / "regions.json");
    static const dermasim::Lesson lesson = dermasim::load_lesson(assets / "lessons" / "forehead-fine-lines.json", regions);
    dermasim::load_answers(file, lesson);
})
