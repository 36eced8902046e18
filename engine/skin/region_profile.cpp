#include "engine/skin/region_profile.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <nlohmann/json.hpp>

#include "engine/core/error.hpp"
#include "engine/io/json_file.hpp"

namespace dermasim {

// Boundaries are accumulated surface-down in the same order everywhere, so that
// layer_at_depth(bottom_of_mm(l)) lands exactly in the layer below l.
double RegionProfile::top_of_mm(Layer l) const {
    double depth = 0;
    for (int i = 0; i < static_cast<int>(l); ++i) depth += layers[i].mm;
    return depth;
}

double RegionProfile::bottom_of_mm(Layer l) const { return top_of_mm(l) + thickness_mm(l); }

// Each layer owns [top, bottom). Depths at or above the surface count as stratum corneum (a needle tip touching
// the skin), depths below the fat as hypodermis (the grid may end inside it).
Layer RegionProfile::layer_at_depth(double depth_mm) const {
    if (std::isnan(depth_mm)) throw Error("region '" + id + "': layer_at_depth called with a NaN depth");
    double bottom = 0;
    for (int i = 0; i < kLayerCount - 1; ++i) {
        bottom += layers[i].mm;
        if (depth_mm < bottom) return static_cast<Layer>(i);
    }
    return Layer::Hypodermis;
}

namespace {

using nlohmann::json;

// What a thickness may be before we call it a typo (e.g. µm written as mm). Wide enough for every body site
// that micro-needling treats; palms and soles (stratum corneum up to ~0.6 mm) are deliberately outside.
struct PlausibleRange {
    double lo_mm, hi_mm;
};
constexpr std::array<PlausibleRange, kLayerCount> kPlausible = {{
    {0.005, 0.2},   // stratum corneum: 11-18 µm at the sites in REFERENCE §1
    {0.01, 0.3},    // viable epidermis: 30-82 µm
    {0.02, 1.0},    // papillary dermis: ~1/5 of a 0.5-2.5 mm dermis
    {0.1, 5.0},     // reticular dermis: the rest of the dermis (back up to ~4 mm in thick-skinned adults)
    {0.1, 100.0},   // hypodermis: 2-15 mm typical; obese abdomen several cm
}};

std::string format_mm(double v) {
    std::ostringstream s;
    s << v;
    std::string t = s.str();
    if (t.find_first_of(".eEn") == std::string::npos) t += ".0";  // "1.0", not "1": reads as a length
    return t;
}

std::string join_ids(const std::vector<RegionProfile>& regions) {
    std::string out;
    for (const auto& r : regions) out += (out.empty() ? "" : ", ") + r.id;
    return out;
}

// Reads one JSON document; the context string ("file: region 'x'") prefixes every message.
class FieldReader {
public:
    explicit FieldReader(std::string context) : context_(std::move(context)) {}

    [[noreturn]] void fail(const std::string& problem) const { throw Error(context_ + ": " + problem); }

    const json& field(const json& obj, const std::string& key, const std::string& shown_as) const {
        auto it = obj.find(key);
        if (it == obj.end()) fail("missing field '" + shown_as + "'");
        return *it;
    }

    std::string non_empty_string(const json& obj, const std::string& key, const std::string& shown_as) const {
        const json& v = field(obj, key, shown_as);
        if (!v.is_string()) fail(shown_as + " = " + v.dump() + " is not a string");
        std::string s = v.get<std::string>();
        if (s.find_first_not_of(" \t\r\n") == std::string::npos) fail(shown_as + " is empty");
        return s;
    }

    bool boolean(const json& obj, const std::string& key, const std::string& shown_as) const {
        const json& v = field(obj, key, shown_as);
        if (!v.is_boolean()) fail(shown_as + " = " + v.dump() + " is not true or false");
        return v.get<bool>();
    }

    double finite_number(const json& obj, const std::string& key, const std::string& shown_as) const {
        const json& v = field(obj, key, shown_as);
        // JSON has no NaN literal: a "NaN" string or a null (what some writers emit for NaN) ends up here.
        if (!v.is_number()) fail(shown_as + " = " + v.dump() + " is not a number");
        double d = v.get<double>();
        if (!std::isfinite(d)) fail(shown_as + " = " + format_mm(d) + " is not finite");
        return d;
    }

private:
    std::string context_;
};

LayerThickness read_layer(const FieldReader& in, const json& layers, Layer layer) {
    const std::string key(layer_key(layer));
    const json& obj = in.field(layers, key, "layers." + key);
    if (!obj.is_object()) in.fail("layers." + key + " is not an object {\"mm\", \"source\", \"estimated\"}");
    LayerThickness t;
    t.mm = in.finite_number(obj, "mm", key + ".mm");
    const PlausibleRange& r = kPlausible[static_cast<int>(layer)];
    if (!(t.mm >= r.lo_mm && t.mm <= r.hi_mm))
        in.fail(key + ".mm = " + format_mm(t.mm) + " is out of range (" + format_mm(r.lo_mm) + ".." +
                format_mm(r.hi_mm) + " mm)");
    t.source = in.non_empty_string(obj, "source", key + ".source");
    t.estimated = in.boolean(obj, "estimated", key + ".estimated");
    return t;
}

bool is_machine_name(const std::string& s) {
    if (s.empty()) return false;
    for (char c : s)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
    return true;
}

RegionProfile read_region(const std::string& file, const json& obj, std::size_t index) {
    const std::string numbered = file + ": region #" + std::to_string(index + 1);
    if (!obj.is_object()) FieldReader(numbered).fail("is not an object");
    const FieldReader by_number(numbered);
    RegionProfile region;
    region.id = by_number.non_empty_string(obj, "id", "id");
    if (!is_machine_name(region.id))
        by_number.fail("id '" + region.id + "' must be lower-case letters, digits and '_'");

    const FieldReader in(file + ": region '" + region.id + "'");
    region.name = in.non_empty_string(obj, "name", "name");
    region.plain_name = obj.contains("plain_name") ? in.non_empty_string(obj, "plain_name", "plain_name") : region.name;
    if (obj.contains("usual_needle_mm")) {
        const json& needle = obj.at("usual_needle_mm");
        if (!needle.is_object()) in.fail("usual_needle_mm is not an object {\"min\", \"max\", \"source\"}");
        NeedleRange range;
        range.min_mm = in.finite_number(needle, "min", "usual_needle_mm.min");
        range.max_mm = in.finite_number(needle, "max", "usual_needle_mm.max");
        // A roller's needles: 0.1..3.0 mm (the simulate command's own range).
        if (!(range.min_mm >= 0.1 && range.max_mm <= 3.0 && range.min_mm <= range.max_mm))
            in.fail("usual_needle_mm = " + format_mm(range.min_mm) + ".." + format_mm(range.max_mm) +
                    " mm is not a range within 0.1..3.0 mm");
        range.source = in.non_empty_string(needle, "source", "usual_needle_mm.source");
        region.usual_needle = range;
    }
    const json& layers = in.field(obj, "layers", "layers");
    if (!layers.is_object()) in.fail("layers is not an object");
    for (const auto& [key, value] : layers.items()) {
        bool known = false;
        for (auto k : kLayerKeys) known = known || key == k;
        if (!known) in.fail("unknown layer '" + key + "' in layers");
    }
    for (int i = 0; i < kLayerCount; ++i) region.layers[i] = read_layer(in, layers, static_cast<Layer>(i));
    return region;
}

}  // namespace

RegionTable RegionTable::load(const std::filesystem::path& file) {
    const std::string name = file.string();
    const json doc = read_json_file(file);
    const FieldReader top(name);
    if (!doc.is_object()) top.fail("the top level is not an object");

    const json& version = top.field(doc, "schema_version", "schema_version");
    if (!version.is_number_integer() || version.get<long long>() != 1)
        top.fail("schema_version = " + version.dump() + " is not supported (expected 1)");

    const json& list = top.field(doc, "regions", "regions");
    if (!list.is_array()) top.fail("regions is not a list");
    if (list.empty()) top.fail("regions is empty (at least one region is needed)");

    RegionTable table;
    std::map<std::string, std::size_t> first_index;
    for (std::size_t i = 0; i < list.size(); ++i) {
        RegionProfile region = read_region(name, list[i], i);
        auto [it, inserted] = first_index.emplace(region.id, i);
        if (!inserted)
            top.fail("duplicate region id '" + region.id + "' (regions #" + std::to_string(it->second + 1) +
                     " and #" + std::to_string(i + 1) + ")");
        table.regions_.push_back(std::move(region));
    }
    return table;
}

double needle_within_charts(double needle_mm, const RegionProfile& region) {
    if (!region.usual_needle) return needle_mm;
    return std::clamp(needle_mm, region.usual_needle->min_mm, region.usual_needle->max_mm);
}

const RegionProfile& RegionTable::find(std::string_view id) const {
    for (const auto& r : regions_)
        if (r.id == id) return r;
    throw Error("unknown region '" + std::string(id) + "' (known: " + join_ids(regions_) + ")");
}

}  // namespace dermasim
