#include "engine/training/rubric.hpp"

#include <algorithm>

#include "engine/io/json_file.hpp"
#include "engine/tools/json_fields.hpp"

namespace dermasim {

Rubric parse_rubric(const nlohmann::json& doc, const std::string& origin) {
    using json_fields::FieldReader;
    FieldReader r(doc, origin);
    r.reject_unknown({"format", "version", "pass_mark", "every_criterion_at_least", "critical_fail_below",
                      "critical_cap", "criteria"});
    if (!r.raw("format").is_string() || r.raw("format").get<std::string>() != "dermasim-rubric")
        r.fail("format", "is not \"dermasim-rubric\"");
    if (r.integer("version", 1, 1000000) > 1) r.fail("version", "is newer than this DermaSim reads (1)");
    Rubric rubric;
    rubric.pass_mark = r.number("pass_mark", 0, 100, "");
    rubric.every_criterion_at_least = r.number("every_criterion_at_least", 0, 100, "");
    rubric.critical_fail_below = r.number("critical_fail_below", 0, 100, "");
    rubric.critical_cap = r.number("critical_cap", 0, 100, "");
    const auto& list = r.raw("criteria");
    if (!list.is_array()) r.fail("criteria", "is not a list");
    double total = 0;
    for (size_t i = 0; i < list.size(); ++i) {
        const std::string at = "criteria[" + std::to_string(i) + "].";
        FieldReader c(list[i], origin, at);
        c.reject_unknown({"id", "title", "weight", "critical"});
        RubricCriterion criterion;
        criterion.id = c.text("id");
        if (std::none_of(std::begin(kCriterionIds), std::end(kCriterionIds),
                         [&](const char* k) { return criterion.id == k; })) {
            std::string known;
            for (const char* k : kCriterionIds) known += (known.empty() ? "" : ", ") + std::string(k);
            c.fail(at + "id", "'" + criterion.id + "' is not a criterion DermaSim can score (" + known + ")");
        }
        if (std::any_of(rubric.criteria.begin(), rubric.criteria.end(),
                        [&](const RubricCriterion& o) { return o.id == criterion.id; }))
            c.fail(at + "id", "'" + criterion.id + "' is given twice");
        criterion.title = c.text("title");
        criterion.weight = c.number("weight", 0, 1000, "");
        if (c.has("critical")) {
            if (!c.raw("critical").is_boolean()) c.fail(at + "critical", "is not true or false");
            criterion.critical = c.raw("critical").get<bool>();
        }
        total += criterion.weight;
        rubric.criteria.push_back(std::move(criterion));
    }
    for (const char* k : kCriterionIds)
        if (std::none_of(rubric.criteria.begin(), rubric.criteria.end(), [&](const RubricCriterion& c) { return c.id == k; }))
            r.fail("criteria", std::string("has no '") + k + "' (give it weight 0 to leave it out of the score)");
    if (total <= 0) r.fail("criteria", "weights add up to 0");
    return rubric;
}

Rubric load_rubric(const std::filesystem::path& file) {
    return parse_rubric(read_json_file(file), file.filename().string());
}

}  // namespace dermasim
