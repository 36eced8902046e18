#pragma once
// The micro-needling devices as data. The 3D models (glTF) and the puncture kinematics are both built from
// these descriptions through needle_mounts(), so what the trainee sees is exactly what punctures.
#include <filesystem>
#include <string>
#include <vector>
#include <glm/vec2.hpp>

namespace dermasim {

struct NeedleSpec {
    float length_mm = 0.5f;          // nominal length, drum/cartridge surface to tip
    float base_diameter_mm = 0.10f;  // 30-32 gauge (REFERENCE.md §2, Singh & Yadav 2016)
    float tip_radius_mm = 0.004f;    // Kalluri et al. 2011: tip radius 4 um
};

// Where one needle sits on its device.
struct NeedleMount {
    float axial_mm = 0;   // roller: position along the drum axis, centred (−width/2..width/2); pen: x offset
    float angle_rad = 0;  // roller: angle around the drum axis; pen: unused (0)
    float lateral_mm = 0; // pen: y offset on the cartridge face; roller: unused (0)
};

struct RollerSpec {
    std::string id = "roller";
    std::string name = "Dermaroller, 192 needles";
    float drum_width_mm = 20.0f;     // Singh & Yadav 2016: drum about 2 cm wide and 2 cm across
    float drum_diameter_mm = 20.0f;
    int rings = 24;                  // 24 rings x 8 needles = 192
    int needles_per_ring = 8;
    float ring_stagger = 0.5f;       // angular offset of each ring relative to the previous, in needle spacings
    float handle_length_mm = 120.0f;
    NeedleSpec needle;

    int needle_count() const { return rings * needles_per_ring; }
    std::vector<NeedleMount> needle_mounts() const;  // rings * needles_per_ring, ring-major
};

struct PenSpec {
    std::string id = "pen";
    std::string name = "Microneedling pen, 12 needles";
    int needle_count = 12;
    float cartridge_diameter_mm = 7.0f;
    float needle_spacing_mm = 1.2f;  // layout pitch on the cartridge face
    float depth_setting_mm = 0.5f;   // 0.25 mm steps, 0-2.5 mm (SkinPen FDA summary)
    float stamp_hz = 100.0f;         // Dermapen: up to 90-110 Hz
    float body_length_mm = 140.0f;
    NeedleSpec needle;               // needle.length_mm is set from depth_setting_mm

    std::vector<NeedleMount> needle_mounts() const;  // needle_count positions on the cartridge face
};

// Device files live in assets/devices/<id>.json. Loaders validate every field and throw Error naming the file,
// the field and the problem (e.g. "roller.json: needle.length_mm = -1 is out of range 0.1..3.0 mm").
RollerSpec load_roller(const std::filesystem::path& file);
PenSpec load_pen(const std::filesystem::path& file);

}  // namespace dermasim
