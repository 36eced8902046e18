#pragma once
// An orbit camera around a target point, in millimetres. Yaw turns around the vertical axis, pitch looks down.
#include <glm/mat4x4.hpp>
#include <glm/vec3.hpp>

namespace dermasim {

struct OrbitCamera {
    glm::vec3 target{0.0f, -1.0f, 0.0f};
    float yaw_deg = -32.0f;
    float pitch_deg = 30.0f;
    float distance_mm = 34.0f;
    float fov_deg = 35.0f;

    glm::vec3 eye() const;
    glm::mat4 view() const;
    glm::mat4 projection(float aspect) const;  // Vulkan clip space (y down, depth 0..1)
    void orbit(float dyaw_deg, float dpitch_deg);
    void zoom(float factor);  // < 1 moves closer
    // A view that frames a block of the given size (mm) with its cut face towards the viewer.
    static OrbitCamera framing(float width_mm, float depth_mm, float cut_z_mm);
};

}  // namespace dermasim
