#pragma once
// Strict reading of numeric fields from device and script JSON. A field is either a plain number or an object
// {"value": x, "source": "...", "estimated": bool} so that data files can carry their source next to the value.
// Every failure is an Error naming the file, the field path and the problem.
#include <cmath>
#include <initializer_list>
#include <sstream>
#include <string>
#include <string_view>
#include <nlohmann/json.hpp>
#include "engine/core/error.hpp"

namespace dermasim::json_fields {

inline std::string format_number(double v) {
    std::ostringstream s;
    s << v;
    return s.str();
}

class FieldReader {
public:
    // origin: file name (or "script") used as the message prefix; prefix: field path prefix such as "needle.".
    FieldReader(const nlohmann::json& object, std::string origin, std::string prefix = {})
        : object_(object), origin_(std::move(origin)), prefix_(std::move(prefix)) {
        if (!object_.is_object()) fail(prefix_.empty() ? "document" : prefix_.substr(0, prefix_.size() - 1), "is not a JSON object");
    }

    [[noreturn]] void fail(std::string_view field, std::string_view problem) const {
        throw Error(origin_ + ": " + std::string(field) + " " + std::string(problem));
    }

    bool has(const std::string& key) const { return object_.contains(key); }
    const nlohmann::json& raw(const std::string& key) const {
        if (!object_.contains(key)) fail(prefix_ + key, "is missing");
        return object_.at(key);
    }

    double number(const std::string& key, double lo, double hi, std::string_view unit) const {
        const nlohmann::json* v = &raw(key);
        if (v->is_object()) {
            if (!v->contains("value")) fail(prefix_ + key, "has no \"value\"");
            v = &v->at("value");
        }
        if (!v->is_number()) fail(prefix_ + key, "is not a number");
        const double x = v->get<double>();
        if (!std::isfinite(x) || x < lo || x > hi)
            fail(prefix_ + key, "= " + format_number(x) + " is out of range " + format_number(lo) + ".." +
                                    format_number(hi) + (unit.empty() ? "" : " ") + std::string(unit));
        return x;
    }

    int integer(const std::string& key, int lo, int hi) const {
        const double x = number(key, lo, hi, "");
        if (x != std::floor(x)) fail(prefix_ + key, "= " + format_number(x) + " is not a whole number");
        return static_cast<int>(x);
    }

    std::string text(const std::string& key) const {
        const auto& v = raw(key);
        if (!v.is_string() || v.get<std::string>().empty()) fail(prefix_ + key, "is not a non-empty string");
        return v.get<std::string>();
    }

    // Unknown keys are typos more often than extensions: reject them.
    void reject_unknown(std::initializer_list<std::string_view> known) const {
        for (const auto& [key, value] : object_.items()) {
            bool ok = false;
            for (auto k : known) ok = ok || key == k;
            if (!ok) fail(prefix_ + key, "is not a known field");
        }
    }

private:
    const nlohmann::json& object_;
    std::string origin_;
    std::string prefix_;
};

}  // namespace dermasim::json_fields
