#pragma once
// An orbit camera around a target point, in millimetres. Yaw turns around the vertical axis, pitch looks down.
#include <optional>
#include <glm/mat4x4.hpp>
#include <glm/vec2.hpp>
#include <glm/vec3.hpp>

namespace dermasim {

struct OrbitCamera {
    glm::vec3 target{0.0f, -1.0f, 0.0f};
    float yaw_deg = -32.0f;
    float pitch_deg = 30.0f;
    float distance_mm = 34.0f;
    float fov_deg = 35.0f;
    glm::vec2 shift{0.0f};  // image shift in NDC: frames the scene into part of the image (panels take the rest)

    glm::vec3 eye() const;
    glm::mat4 view() const;
    glm::mat4 projection(float aspect) const;  // Vulkan clip space (y down, depth 0..1)
    void orbit(float dyaw_deg, float dpitch_deg);
    void zoom(float factor);  // < 1 moves closer
    // Where the ray through a pixel meets the skin surface plane (y = 0); nothing if it points away from it.
    std::optional<glm::vec3> surface_point(glm::vec2 pixel, glm::vec2 viewport) const;
    // A view that frames a block of the given size (mm) with its cut face towards the viewer.
    static OrbitCamera framing(float width_mm, float depth_mm, float cut_z_mm);
    // The whole patch from further away: room for the roller (its 2 cm drum spans the patch) while treating.
    static OrbitCamera overview(float width_mm, float depth_mm);
    // The whole block as it stands (x across, z from the back face to the cut, y from the surface down to
    // depth), seen from yaw/pitch, at the distance and image shift that fit it inside `area` (x0, y0, x1, y1 as
    // fractions of the image: what panels and legends leave free) for an image of this aspect.
    static OrbitCamera fitted(float width_mm, float depth_mm, float cut_z_mm, float aspect, glm::vec4 area,
                              float yaw_deg = -28.0f, float pitch_deg = 30.0f);
};

}  // namespace dermasim
