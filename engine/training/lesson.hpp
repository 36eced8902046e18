#pragma once
// A lesson is data (assets/lessons/*.json, docs/LESSONS.md): a client with a history that may hold a
// contraindication, the learning goals, the protocol a careful practitioner would follow, and the plain-words
// explanation shown at each step of the treatment flow. Everything is validated at load; every problem names
// the file and the field.
#include <array>
#include <filesystem>
#include <string>
#include <vector>

#include "engine/skin/layer.hpp"
#include "engine/tools/stroke_script.hpp"

namespace dermasim {

class RegionTable;

// The steps of the treatment flow, in order (REFERENCE.md §2, §6, §7).
enum class FlowStep { Screening, Device, Numbing, Preparation, Passes, Serum, Aftercare };
inline constexpr int kFlowStepCount = 7;
inline constexpr std::array<std::string_view, kFlowStepCount> kFlowStepKeys = {
    "screening", "device", "numbing", "preparation", "passes", "serum", "aftercare"};
inline constexpr std::array<std::string_view, kFlowStepCount> kFlowStepNames = {
    "Screening", "Device and needle", "Numbing", "Skin preparation", "Passes", "Serum", "Aftercare advice"};
inline std::string_view step_key(FlowStep s) { return kFlowStepKeys[int(s)]; }
inline std::string_view step_name(FlowStep s) { return kFlowStepNames[int(s)]; }

struct Choice {
    std::string id;     // what answers name
    std::string label;  // what the trainee reads
};

struct AdviceChoice : Choice {
    bool correct = false;  // good aftercare advice for this client
};

struct Client {
    std::string name;
    int age = 0;
    std::string skin_type;  // Fitzpatrick type, as written on an intake form
    std::string region;     // a region id (assets/regions.json)
    std::string indication;
    std::vector<std::string> history;  // the intake form, line by line
};

struct StepText {
    std::string explanation;           // plain words: why this step
    std::vector<std::string> sources;  // REFERENCE.md sections or papers, where they matter
};

struct Range {
    double min = 0, max = 0;
    bool contains(double x) const { return x >= min && x <= max; }
};

// What a careful practitioner does for this client.
struct Protocol {
    std::vector<DeviceKind> devices;  // devices suited to the region
    Range needle_mm;                  // needle length (roller) or depth setting (pen)
    Range numbing_minutes;            // the wait when numbing is needed (needles over kNumbingFreeNeedleMm)
    Range roller_density_per_cm2;     // punctures per cm2 over the treated area, with a roller...
    Range pen_density_per_cm2;        // ...and with a pen (it stamps far more densely per pass)
    const Range& density_per_cm2(DeviceKind d) const {
        return d == DeviceKind::Pen ? pen_density_per_cm2 : roller_density_per_cm2;
    }
    double pressure_max = 1;          // above this the pressure is heavy for this skin (0..1)
    bool thin_skin_over_bone = false; // heavy pressure here risks tram-track scarring (REFERENCE.md §6)
    Layer deepest_layer = Layer::ReticularDermis;  // channels must not end below this layer
};

// REFERENCE.md §7: needles of 0.25 mm or shorter are below the pain threshold and need no numbing.
inline constexpr double kNumbingFreeNeedleMm = 0.25;

struct Lesson {
    std::string id;
    std::string title;
    std::string level;  // beginner, intermediate, advanced
    Client client;
    std::vector<Choice> contraindication_vocabulary;  // what screening can name
    std::vector<std::string> contraindications;       // those this client has (empty: treat)
    std::vector<std::string> goals;
    Protocol protocol;
    std::vector<std::string> serums;                   // serums suited after this treatment (catalogue names)
    std::vector<AdviceChoice> aftercare;               // advice the trainee can give
    std::array<StepText, kFlowStepCount> steps;

    bool should_treat() const { return contraindications.empty(); }
    const StepText& step(FlowStep s) const { return steps[int(s)]; }
};

// origin names the file in messages; regions checks the client's region.
Lesson parse_lesson(const nlohmann::json& doc, const std::string& origin, const RegionTable& regions);
Lesson load_lesson(const std::filesystem::path& file, const RegionTable& regions);

// Every *.json in folder, sorted by level then id; ids must match their file names and be unique.
std::vector<Lesson> load_lessons(const std::filesystem::path& folder, const RegionTable& regions);
// Error "unknown lesson 'x' (known: ...)".
const Lesson& find_lesson(const std::vector<Lesson>& lessons, std::string_view id);

}  // namespace dermasim
