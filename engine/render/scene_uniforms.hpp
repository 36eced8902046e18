#pragma once
// Mirrors shaders/common/scene.glsl (std140: only vec4/mat4 members, so C++ layout matches).
#include <glm/mat4x4.hpp>
#include <glm/vec4.hpp>

namespace dermasim {

struct SceneUniforms {
    glm::mat4 view_proj;
    glm::vec4 camera_pos;
    glm::vec4 light_dir;
    glm::vec4 block_min;
    glm::vec4 block_max;
    glm::vec4 layer_bottom;
    glm::vec4 look;
    glm::vec4 split;  // x: before/after divider in pixels (left: untreated), < 0: no split
};
static_assert(sizeof(SceneUniforms) == 64 + 7 * 16);

}  // namespace dermasim
