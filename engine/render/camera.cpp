#include "engine/render/camera.hpp"

#include <algorithm>
#include <cmath>
#include <glm/gtc/matrix_transform.hpp>
#include <glm/matrix.hpp>

namespace dermasim {

glm::vec3 OrbitCamera::eye() const {
    float yaw = glm::radians(yaw_deg), pitch = glm::radians(pitch_deg);
    glm::vec3 dir{std::cos(pitch) * std::sin(yaw), std::sin(pitch), std::cos(pitch) * std::cos(yaw)};
    return target + dir * distance_mm;
}

glm::mat4 OrbitCamera::view() const { return glm::lookAt(eye(), target, glm::vec3(0, 1, 0)); }

glm::mat4 OrbitCamera::projection(float aspect) const {
    glm::mat4 p = glm::perspective(glm::radians(fov_deg), aspect, distance_mm * 0.05f, distance_mm * 4.0f);
    p[1][1] *= -1.0f;  // Vulkan's framebuffer y points down
    // The shift moves the image, not the eye: x_ndc += shift.x (clip x += shift.x * w).
    return glm::translate(glm::mat4(1.0f), glm::vec3(shift, 0.0f)) * p;
}

void OrbitCamera::orbit(float dyaw_deg, float dpitch_deg) {
    yaw_deg = std::fmod(yaw_deg + dyaw_deg, 360.0f);
    pitch_deg = std::clamp(pitch_deg + dpitch_deg, -10.0f, 89.0f);
}

void OrbitCamera::zoom(float factor) { distance_mm = std::clamp(distance_mm * factor, 3.0f, 200.0f); }

OrbitCamera OrbitCamera::overview(float width_mm, float depth_mm) {
    OrbitCamera camera;
    camera.target = {0.0f, -0.5f * depth_mm, 0.0f};
    camera.distance_mm = width_mm * 3.2f;
    camera.yaw_deg = -20.0f;
    camera.pitch_deg = 50.0f;
    return camera;
}

std::optional<glm::vec3> OrbitCamera::surface_point(glm::vec2 pixel, glm::vec2 viewport) const {
    glm::mat4 inverse = glm::inverse(projection(viewport.x / viewport.y) * view());
    glm::vec2 ndc = pixel / viewport * 2.0f - 1.0f;
    glm::vec4 near = inverse * glm::vec4(ndc, 0.0f, 1.0f), far = inverse * glm::vec4(ndc, 1.0f, 1.0f);
    glm::vec3 a = glm::vec3(near) / near.w, b = glm::vec3(far) / far.w;
    glm::vec3 dir = b - a;
    if (std::fabs(dir.y) < 1e-6f) return std::nullopt;
    float t = -a.y / dir.y;
    if (t < 0.0f) return std::nullopt;
    return a + dir * t;
}

OrbitCamera OrbitCamera::framing(float width_mm, float depth_mm, float cut_z_mm) {
    // Look at the cut face from the front-right and a little above, close enough that the layers read.
    OrbitCamera camera;
    // The block is far wider than deep (true scale), so frame the front-left part of the cut, where the
    // ruler stands, rather than the whole block.
    camera.target = {-0.2f * width_mm, -0.5f * depth_mm, cut_z_mm - 0.1f * width_mm};
    camera.distance_mm = width_mm * 0.75f;
    camera.yaw_deg = -28.0f;
    camera.pitch_deg = 22.0f;
    return camera;
}

}  // namespace dermasim

namespace dermasim {

OrbitCamera OrbitCamera::fitted(float width_mm, float depth_mm, float cut_z_mm, float aspect, glm::vec4 area,
                                float yaw_deg, float pitch_deg) {
    const float half = 0.5f * width_mm;
    const glm::vec3 lo(-half, -depth_mm, -half), hi(half, 0.0f, cut_z_mm);
    OrbitCamera camera;
    camera.target = 0.5f * (lo + hi);
    camera.yaw_deg = yaw_deg;
    camera.pitch_deg = pitch_deg;
    // NDC bounds of the block's corners at a distance (no shift yet).
    auto bounds = [&](float distance) {
        camera.distance_mm = distance;
        camera.shift = glm::vec2(0.0f);
        const glm::mat4 m = camera.projection(aspect) * camera.view();
        glm::vec4 b(1e9f, 1e9f, -1e9f, -1e9f);
        for (int c = 0; c < 8; ++c) {
            glm::vec4 clip = m * glm::vec4(c & 1 ? hi.x : lo.x, c & 2 ? hi.y : lo.y, c & 4 ? hi.z : lo.z, 1.0f);
            glm::vec2 ndc = glm::vec2(clip) / std::max(clip.w, 1e-4f);
            b = glm::vec4(glm::min(glm::vec2(b), ndc), glm::max(glm::vec2(b.z, b.w), ndc));
        }
        return b;
    };
    // The image area in NDC, less a small margin.
    const glm::vec2 a0 = glm::vec2(area.x, area.y) * 2.0f - 1.0f, a1 = glm::vec2(area.z, area.w) * 2.0f - 1.0f;
    const glm::vec2 room = (a1 - a0) * 0.92f;
    // The projected size shrinks as the camera backs off: bisect for the nearest distance that fits.
    float near = width_mm * 0.2f, far = width_mm * 20.0f;
    for (int i = 0; i < 40; ++i) {
        float mid = 0.5f * (near + far);
        glm::vec4 b = bounds(mid);
        if (b.z - b.x <= room.x && b.w - b.y <= room.y) far = mid;
        else near = mid;
    }
    glm::vec4 b = bounds(far);
    camera.shift = 0.5f * (a0 + a1) - 0.5f * (glm::vec2(b.x, b.y) + glm::vec2(b.z, b.w));
    return camera;
}

}  // namespace dermasim
