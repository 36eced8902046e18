#include "app/cli.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <sstream>

#include "engine/core/error.hpp"

namespace dermasim::cli {

Args::Args(std::string command, std::vector<std::string> args) : command_(std::move(command)) {
    // Split "--name=value" so both spellings work.
    for (auto& a : args) {
        if (a == "--help" || a == "-h") { help_ = true; continue; }
        auto eq = a.find('=');
        if (a.rfind("--", 0) == 0 && eq != std::string::npos) {
            args_.push_back(a.substr(0, eq));
            args_.push_back(a.substr(eq + 1));
        } else {
            args_.push_back(a);
        }
    }
    used_.assign(args_.size(), false);
}

bool Args::flag(const std::string& name) {
    for (size_t i = 0; i < args_.size(); ++i)
        if (!used_[i] && args_[i] == name) return used_[i] = true;
    return false;
}

bool Args::given(const std::string& name) const {
    for (const auto& a : args_)
        if (a == name) return true;
    return false;
}

std::optional<std::string> Args::value(const std::string& name) {
    for (size_t i = 0; i < args_.size(); ++i) {
        if (used_[i] || args_[i] != name) continue;
        if (i + 1 >= args_.size() || (args_[i + 1].rfind("--", 0) == 0 && args_[i + 1].size() > 2))
            throw Error(command_ + ": " + name + " needs a value");
        used_[i] = used_[i + 1] = true;
        return args_[i + 1];
    }
    return std::nullopt;
}

std::string Args::value_or(const std::string& name, const std::string& fallback) {
    return value(name).value_or(fallback);
}

std::string Args::required(const std::string& name) {
    auto v = value(name);
    if (!v) throw Error(command_ + ": " + name + " is required (see '" + command_ + " --help')");
    return *v;
}

double Args::number(const std::string& name, double fallback, double min, double max) {
    auto v = value(name);
    return v ? parse_number(name, *v, min, max) : fallback;
}

int Args::integer(const std::string& name, int fallback, int min, int max) {
    auto v = value(name);
    if (!v) return fallback;
    double d = parse_number(name, *v, min, max);
    if (d != std::floor(d)) throw Error(name + " = '" + *v + "' must be a whole number");
    return int(d);
}

std::optional<std::string> Args::positional() {
    for (size_t i = 0; i < args_.size(); ++i)
        if (!used_[i] && args_[i].rfind("--", 0) != 0) {
            used_[i] = true;
            return args_[i];
        }
    return std::nullopt;
}

void Args::finish() {
    for (size_t i = 0; i < args_.size(); ++i)
        if (!used_[i])
            throw Error(command_ + ": unknown argument '" + args_[i] + "' (see '" + command_ + " --help')");
}

double parse_number(const std::string& flag, const std::string& text, double min, double max) {
    char* end = nullptr;
    double d = std::strtod(text.c_str(), &end);
    if (text.empty() || end != text.c_str() + text.size() || !std::isfinite(d))
        throw Error(flag + " = '" + text + "' is not a number");
    if (d < min || d > max) {
        std::ostringstream s;
        s << flag << " = " << text << " is out of range (" << min << " to " << max << ")";
        throw Error(s.str());
    }
    return d;
}

VkExtent2D parse_size(const std::string& text) {
    unsigned w = 0, h = 0;
    auto x = text.find('x');
    bool ok = x != std::string::npos;
    if (ok) {
        auto r1 = std::from_chars(text.data(), text.data() + x, w);
        auto r2 = std::from_chars(text.data() + x + 1, text.data() + text.size(), h);
        ok = r1.ec == std::errc() && r1.ptr == text.data() + x && r2.ec == std::errc() &&
             r2.ptr == text.data() + text.size();
    }
    if (!ok) throw Error("--size '" + text + "' is not WIDTHxHEIGHT (for example 1280x720)");
    if (w < 16 || h < 16 || w > 8192 || h > 8192)
        throw Error("--size " + text + " is out of range (16x16 to 8192x8192)");
    return {w, h};
}

}  // namespace dermasim::cli
