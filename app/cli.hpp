#pragma once
// Command-line parsing for the dermasim subcommands: flags are "--name value" or "--name=value";
// anything unknown or malformed is an Error that names the flag.
#include <optional>
#include <string>
#include <vector>
#include <vulkan/vulkan.h>

namespace dermasim::cli {

class Args {
public:
    Args(std::string command, std::vector<std::string> args);

    bool flag(const std::string& name);                               // --name present?
    bool given(const std::string& name) const;                        // on the command line (read or not)
    std::optional<std::string> value(const std::string& name);        // --name VALUE
    std::string value_or(const std::string& name, const std::string& fallback);
    std::string required(const std::string& name);
    double number(const std::string& name, double fallback, double min, double max);
    int integer(const std::string& name, int fallback, int min, int max);
    // The first argument left that is not a flag (call after every flag has been read), or nullopt.
    std::optional<std::string> positional();
    // Throws Error for any argument not consumed by the calls above.
    void finish();
    bool help_requested() const { return help_; }

private:
    std::string command_;
    std::vector<std::string> args_;
    std::vector<bool> used_;
    bool help_ = false;
};

VkExtent2D parse_size(const std::string& text);  // "1280x720"
double parse_number(const std::string& flag, const std::string& text, double min, double max);

}  // namespace dermasim::cli
