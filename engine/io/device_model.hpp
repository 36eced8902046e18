#pragma once
// The devices' 3D models, built from their descriptions (device_spec.hpp) so that the needles drawn are exactly
// the needles that puncture. Units: millimetres. Axes follow glTF: +y up.
//
// Roller: the drum axis is x through the origin; the renderer spins "drum" and "needles" about it and keeps
// "handle" (axle, fork, grip) still. A mount at angle_rad points along roller_needle_direction(angle_rad):
// angle 0 points straight down (-y), positive angles turn right-handed about +x (towards -z, the side the
// handle leans to). The handle rises up and back (+y, -z), so the roller moves forward along +z.
// Pen: the cartridge face is the plane z = 0, the body runs along +z, needles point -z from
// (axial_mm, lateral_mm, 0).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>
#include <glm/vec3.hpp>
#include <glm/vec4.hpp>

#include "engine/tools/device_spec.hpp"

namespace dermasim {

struct Mesh {
    std::vector<glm::vec3> positions;
    std::vector<glm::vec3> normals;    // unit length, one per position
    std::vector<std::uint32_t> indices;  // triangle list
};

struct Material {
    glm::vec4 base_color{1.0f};  // linear RGBA (glTF baseColorFactor)
    float metallic = 0.0f;
    float roughness = 1.0f;
};

// One separately animated piece of a device, one glTF node.
struct Part {
    std::string name;
    Material material;
    Mesh mesh;
};

struct DeviceModel {
    std::string source;  // file or spec it came from, for error messages
    std::vector<Part> parts;

    // Throws Error naming the model and the part when it is missing.
    const Part& part(std::string_view name) const;
    const Part* find(std::string_view name) const;
};

inline constexpr std::string_view kRollerParts[] = {"drum", "needles", "handle"};
inline constexpr std::string_view kPenParts[] = {"body", "cartridge", "needles"};

// A needle's centre line in model space: base on the drum or cartridge surface, tip at its nominal length.
struct NeedleAxis {
    glm::vec3 base{0};
    glm::vec3 tip{0};
};

glm::vec3 roller_needle_direction(float angle_rad);
std::vector<NeedleAxis> needle_axes(const RollerSpec& spec);  // one per needle_mounts() entry, same order
std::vector<NeedleAxis> needle_axes(const PenSpec& spec);

DeviceModel build_roller_model(const RollerSpec& spec);
DeviceModel build_pen_model(const PenSpec& spec);

// Checks that the model's "needles" part is exactly the expected needles: every expected tip has a vertex on it
// and every needle vertex lies on one expected needle (within tolerance_mm). Throws Error naming the model and
// the first needle that does not match, so a stale glTF cannot silently disagree with the device description.
void verify_needles(const DeviceModel& model, const std::vector<NeedleAxis>& expected, float base_diameter_mm,
                    float tolerance_mm = 0.01f);
void verify_needles(const DeviceModel& model, const RollerSpec& spec);
void verify_needles(const DeviceModel& model, const PenSpec& spec);

}  // namespace dermasim
