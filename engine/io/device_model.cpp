#include "engine/io/device_model.hpp"

#include <cmath>
#include <cstdio>
#include <limits>
#include <glm/geometric.hpp>
#include <glm/gtc/constants.hpp>
#include <glm/trigonometric.hpp>

#include "engine/core/error.hpp"

namespace dermasim {
namespace {

// Shape sizes the device descriptions do not give: estimated from product photos, they only affect the look.
constexpr int kDrumSegments = 96;          // sagitta at 10 mm radius is 5 um, so needle bases sit on the surface
constexpr int kNeedleSegments = 8;
constexpr int kRoundSegments = 32;
constexpr float kHandleElevationDeg = 50;  // estimated: grip angle above the skin
constexpr float kAxleRadiusMm = 1.2f;      // estimated
constexpr float kForkGapMm = 2.0f;         // estimated: drum end to fork arm centre
constexpr float kForkThicknessMm = 1.5f;   // estimated
constexpr float kForkWidthMm = 4.0f;       // estimated
constexpr float kYokeClearanceMm = 4.0f;   // estimated: yoke above the needle tips
constexpr float kGripRadiusStartMm = 3.0f; // estimated: grip widens from the yoke to the end
constexpr float kGripRadiusEndMm = 6.0f;
constexpr float kCartridgeLengthMm = 14.0f;  // estimated: single-use cartridge, face to body
constexpr float kPenNoseLengthMm = 8.0f;     // estimated
constexpr float kPenBodyRadiusMm = 8.0f;     // estimated: a 16 mm grip

const Material kSteel{{0.80f, 0.80f, 0.82f, 1.0f}, 1.0f, 0.25f};
const Material kDrumPlastic{{0.75f, 0.85f, 0.95f, 1.0f}, 0.0f, 0.35f};
const Material kHandlePlastic{{0.15f, 0.40f, 0.75f, 1.0f}, 0.0f, 0.5f};
const Material kCartridgePlastic{{0.90f, 0.90f, 0.88f, 1.0f}, 0.0f, 0.4f};
const Material kPenBody{{0.12f, 0.12f, 0.14f, 1.0f}, 0.2f, 0.45f};

// Two unit vectors u, v with u x v = axis, so that rings walk counter-clockwise seen from +axis.
void basis_around(glm::vec3 axis, glm::vec3& u, glm::vec3& v) {
    glm::vec3 helper = std::abs(axis.x) < 0.9f ? glm::vec3(1, 0, 0) : glm::vec3(0, 1, 0);
    u = glm::normalize(glm::cross(helper, axis));
    v = glm::cross(axis, u);
}

std::uint32_t add_vertex(Mesh& mesh, glm::vec3 p, glm::vec3 n) {
    mesh.positions.push_back(p);
    mesh.normals.push_back(glm::normalize(n));
    return static_cast<std::uint32_t>(mesh.positions.size() - 1);
}

void add_cap(Mesh& mesh, glm::vec3 centre, glm::vec3 outward, glm::vec3 u, glm::vec3 v, float radius, int segments,
             bool reverse) {
    std::uint32_t c = add_vertex(mesh, centre, outward);
    std::uint32_t first = static_cast<std::uint32_t>(mesh.positions.size());
    for (int i = 0; i < segments; ++i) {
        float a = glm::two_pi<float>() * static_cast<float>(i) / static_cast<float>(segments);
        add_vertex(mesh, centre + radius * (std::cos(a) * u + std::sin(a) * v), outward);
    }
    for (int i = 0; i < segments; ++i) {
        std::uint32_t p = first + i, q = first + (i + 1) % segments;
        if (reverse) mesh.indices.insert(mesh.indices.end(), {c, q, p});
        else mesh.indices.insert(mesh.indices.end(), {c, p, q});
    }
}

// A truncated cone from a (radius ra) to b (radius rb, 0 for a pointed cone), smooth sides, optional flat caps.
void add_frustum(Mesh& mesh, glm::vec3 a, glm::vec3 b, float ra, float rb, int segments, bool cap_a, bool cap_b) {
    glm::vec3 axis = b - a;
    float height = glm::length(axis);
    axis /= height;
    glm::vec3 u, v;
    basis_around(axis, u, v);
    auto radial = [&](float angle) { return std::cos(angle) * u + std::sin(angle) * v; };
    auto side_normal = [&](float angle) { return radial(angle) * height + axis * (ra - rb); };
    float step = glm::two_pi<float>() / static_cast<float>(segments);

    std::uint32_t first = static_cast<std::uint32_t>(mesh.positions.size());
    for (int i = 0; i < segments; ++i) add_vertex(mesh, a + ra * radial(i * step), side_normal(i * step));
    if (rb > 0) {
        for (int i = 0; i < segments; ++i) add_vertex(mesh, b + rb * radial(i * step), side_normal(i * step));
        for (int i = 0; i < segments; ++i) {
            std::uint32_t a0 = first + i, a1 = first + (i + 1) % segments;
            std::uint32_t b0 = a0 + segments, b1 = a1 + segments;
            mesh.indices.insert(mesh.indices.end(), {a0, a1, b1, a0, b1, b0});
        }
    } else {
        // One apex vertex per side face so each face keeps its own normal at the tip.
        for (int i = 0; i < segments; ++i) {
            std::uint32_t apex = add_vertex(mesh, b, side_normal((i + 0.5f) * step));
            mesh.indices.insert(mesh.indices.end(), {first + i, first + (i + 1) % segments, apex});
        }
    }
    if (cap_a) add_cap(mesh, a, -axis, u, v, ra, segments, true);
    if (cap_b && rb > 0) add_cap(mesh, b, axis, u, v, rb, segments, false);
}

// A box centred at `centre` with half sizes `half` along the right-handed frame e0, e1, e0 x e1.
void add_box(Mesh& mesh, glm::vec3 centre, glm::vec3 e0, glm::vec3 e1, glm::vec3 half) {
    glm::vec3 e[3] = {e0, e1, glm::cross(e0, e1)};
    for (int k = 0; k < 3; ++k) {
        for (float sign : {1.0f, -1.0f}) {
            glm::vec3 n = sign * e[k];
            glm::vec3 s = e[(k + 1) % 3] * half[(k + 1) % 3], t = e[(k + 2) % 3] * half[(k + 2) % 3];
            if (sign < 0) std::swap(s, t);  // keep s x t along n so the face winds counter-clockwise outside
            glm::vec3 c = centre + n * half[k];
            std::uint32_t i0 = add_vertex(mesh, c - s - t, n);
            add_vertex(mesh, c + s - t, n);
            add_vertex(mesh, c + s + t, n);
            add_vertex(mesh, c - s + t, n);
            mesh.indices.insert(mesh.indices.end(), {i0, i0 + 1, i0 + 2, i0, i0 + 2, i0 + 3});
        }
    }
}

void require(bool ok, const std::string& device, const std::string& what) {
    if (!ok) throw Error(device + " model: " + what);
}

void check_needle(const std::string& device, const NeedleSpec& needle) {
    require(std::isfinite(needle.length_mm) && needle.length_mm > 0, device,
            "needle.length_mm must be a positive number");
    require(std::isfinite(needle.base_diameter_mm) && needle.base_diameter_mm > 0, device,
            "needle.base_diameter_mm must be a positive number");
}

Mesh needle_mesh(const std::vector<NeedleAxis>& axes, const NeedleSpec& needle) {
    Mesh mesh;
    for (const NeedleAxis& axis : axes)
        add_frustum(mesh, axis.base, axis.tip, needle.base_diameter_mm / 2, 0.0f, kNeedleSegments, false, false);
    return mesh;
}

std::string format_point(glm::vec3 p) {
    char text[96];
    std::snprintf(text, sizeof text, "(%.3f, %.3f, %.3f) mm", p.x, p.y, p.z);
    return text;
}

float distance_to_segment(glm::vec3 p, const NeedleAxis& axis) {
    glm::vec3 d = axis.tip - axis.base;
    float t = glm::clamp(glm::dot(p - axis.base, d) / glm::dot(d, d), 0.0f, 1.0f);
    return glm::length(p - (axis.base + t * d));
}

}  // namespace

const Part* DeviceModel::find(std::string_view name) const {
    for (const Part& p : parts)
        if (p.name == name) return &p;
    return nullptr;
}

const Part& DeviceModel::part(std::string_view name) const {
    if (const Part* p = find(name)) return *p;
    throw Error(source + ": missing part \"" + std::string(name) + "\"");
}

glm::vec3 roller_needle_direction(float angle_rad) {
    return {0.0f, -std::cos(angle_rad), -std::sin(angle_rad)};
}

std::vector<NeedleAxis> needle_axes(const RollerSpec& spec) {
    float radius = spec.drum_diameter_mm / 2;
    std::vector<NeedleAxis> axes;
    for (const NeedleMount& m : spec.needle_mounts()) {
        glm::vec3 out = roller_needle_direction(m.angle_rad);
        glm::vec3 base = glm::vec3(m.axial_mm, 0, 0) + radius * out;
        axes.push_back({base, base + spec.needle.length_mm * out});
    }
    return axes;
}

std::vector<NeedleAxis> needle_axes(const PenSpec& spec) {
    std::vector<NeedleAxis> axes;
    for (const NeedleMount& m : spec.needle_mounts()) {
        glm::vec3 base(m.axial_mm, m.lateral_mm, 0);
        axes.push_back({base, base - glm::vec3(0, 0, spec.needle.length_mm)});
    }
    return axes;
}

DeviceModel build_roller_model(const RollerSpec& spec) {
    const std::string& id = spec.id;
    require(std::isfinite(spec.drum_width_mm) && spec.drum_width_mm > 0, id, "drum_width_mm must be positive");
    require(std::isfinite(spec.drum_diameter_mm) && spec.drum_diameter_mm > 0, id,
            "drum_diameter_mm must be positive");
    check_needle(id, spec.needle);
    float radius = spec.drum_diameter_mm / 2, half_width = spec.drum_width_mm / 2;
    float elevation = glm::radians(kHandleElevationDeg);
    glm::vec3 up_back(0, std::sin(elevation), -std::cos(elevation));
    float yoke_distance = radius + spec.needle.length_mm + kYokeClearanceMm;
    require(std::isfinite(spec.handle_length_mm) && spec.handle_length_mm > yoke_distance + 10, id,
            "handle_length_mm is too short to clear the drum");

    DeviceModel model{id, {}};
    Part drum{"drum", kDrumPlastic, {}};
    add_frustum(drum.mesh, {-half_width, 0, 0}, {half_width, 0, 0}, radius, radius, kDrumSegments, true, true);

    Part needles{"needles", kSteel, needle_mesh(needle_axes(spec), spec.needle)};

    Part handle{"handle", kHandlePlastic, {}};
    float arm_x = half_width + kForkGapMm;
    add_frustum(handle.mesh, {-arm_x - 1, 0, 0}, {arm_x + 1, 0, 0}, kAxleRadiusMm, kAxleRadiusMm, kRoundSegments,
                true, true);
    glm::vec3 x(1, 0, 0);
    for (float side : {-1.0f, 1.0f}) {
        // Fork arm from just behind the axle to the yoke, its long side along the grip direction.
        glm::vec3 centre = glm::vec3(side * arm_x, 0, 0) + up_back * (yoke_distance / 2);
        add_box(handle.mesh, centre, x, up_back,
                {kForkThicknessMm / 2, yoke_distance / 2 + kForkWidthMm / 2, kForkWidthMm / 2});
    }
    add_box(handle.mesh, up_back * yoke_distance, x, up_back,
            {arm_x + kForkThicknessMm / 2, kForkWidthMm / 2, kForkWidthMm / 2});
    add_frustum(handle.mesh, up_back * yoke_distance, up_back * spec.handle_length_mm, kGripRadiusStartMm,
                kGripRadiusEndMm, kRoundSegments, false, true);

    model.parts = {std::move(drum), std::move(needles), std::move(handle)};
    return model;
}

DeviceModel build_pen_model(const PenSpec& spec) {
    const std::string& id = spec.id;
    require(std::isfinite(spec.cartridge_diameter_mm) && spec.cartridge_diameter_mm > 0, id,
            "cartridge_diameter_mm must be positive");
    require(std::isfinite(spec.body_length_mm) && spec.body_length_mm > kCartridgeLengthMm + kPenNoseLengthMm + 10,
            id, "body_length_mm is too short for cartridge and grip");
    check_needle(id, spec.needle);
    float cartridge_radius = spec.cartridge_diameter_mm / 2;

    DeviceModel model{id, {}};
    Part cartridge{"cartridge", kCartridgePlastic, {}};
    add_frustum(cartridge.mesh, {0, 0, 0}, {0, 0, kCartridgeLengthMm}, cartridge_radius, cartridge_radius,
                kRoundSegments, true, false);

    Part body{"body", kPenBody, {}};
    float nose_end = kCartridgeLengthMm + kPenNoseLengthMm;
    float body_radius = std::max(kPenBodyRadiusMm, cartridge_radius + 1.0f);
    add_frustum(body.mesh, {0, 0, kCartridgeLengthMm}, {0, 0, nose_end}, cartridge_radius + 0.5f, body_radius,
                kRoundSegments, true, false);
    add_frustum(body.mesh, {0, 0, nose_end}, {0, 0, spec.body_length_mm}, body_radius, body_radius, kRoundSegments,
                false, true);

    Part needles{"needles", kSteel, needle_mesh(needle_axes(spec), spec.needle)};
    model.parts = {std::move(body), std::move(cartridge), std::move(needles)};
    return model;
}

void verify_needles(const DeviceModel& model, const std::vector<NeedleAxis>& expected, float base_diameter_mm,
                    float tolerance_mm) {
    const Mesh& mesh = model.part("needles").mesh;
    for (std::size_t n = 0; n < expected.size(); ++n) {
        float nearest = std::numeric_limits<float>::infinity();
        for (glm::vec3 p : mesh.positions) nearest = std::min(nearest, glm::length(p - expected[n].tip));
        if (nearest > tolerance_mm)
            throw Error(model.source + ": needle " + std::to_string(n) + " of the device description has its tip at " +
                        format_point(expected[n].tip) + " but the model has no needle vertex there (nearest " +
                        std::to_string(nearest) + " mm away)");
    }
    float reach = base_diameter_mm / 2 + tolerance_mm;
    for (std::size_t i = 0; i < mesh.positions.size(); ++i) {
        bool on_a_needle = false;
        for (const NeedleAxis& axis : expected)
            if (distance_to_segment(mesh.positions[i], axis) <= reach) {
                on_a_needle = true;
                break;
            }
        if (!on_a_needle)
            throw Error(model.source + ": needle vertex " + std::to_string(i) + " at " +
                        format_point(mesh.positions[i]) + " lies on no needle of the device description");
    }
}

void verify_needles(const DeviceModel& model, const RollerSpec& spec) {
    verify_needles(model, needle_axes(spec), spec.needle.base_diameter_mm);
}

void verify_needles(const DeviceModel& model, const PenSpec& spec) {
    verify_needles(model, needle_axes(spec), spec.needle.base_diameter_mm);
}

}  // namespace dermasim
