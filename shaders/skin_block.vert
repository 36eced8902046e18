#version 450
// The skin block is a box generated from the scene's extents: no vertex buffer. Its sides are cut faces.
#include "common/scene.glsl"

layout(location = 0) out vec3 out_world;
layout(location = 1) out vec3 out_normal;

const vec3 kNormals[6] = vec3[](vec3(0, 1, 0), vec3(0, -1, 0), vec3(1, 0, 0),
                                vec3(-1, 0, 0), vec3(0, 0, 1), vec3(0, 0, -1));

void main() {
    int face = gl_VertexIndex / 6;
    int corner = gl_VertexIndex % 6;
    // Two triangles per face, counter-clockwise seen from outside.
    const ivec2 kQuad[6] = ivec2[](ivec2(0, 0), ivec2(1, 0), ivec2(1, 1), ivec2(0, 0), ivec2(1, 1), ivec2(0, 1));
    vec2 uv = vec2(kQuad[corner]);
    vec3 n = kNormals[face];
    // Build the face's corner in [0,1]^3, then map to the block.
    vec3 a = abs(n);
    vec3 t = a.x > 0.5 ? vec3(0, 0, 1) : (a.y > 0.5 ? vec3(1, 0, 0) : vec3(1, 0, 0));
    vec3 b = cross(n, t);
    vec3 unit = 0.5 + 0.5 * n + (uv.x - 0.5) * t + (uv.y - 0.5) * b;
    vec3 world = mix(scene.block_min.xyz, scene.block_max.xyz, unit);
    out_world = world;
    out_normal = n;
    gl_Position = scene.view_proj * vec4(world, 1.0);
}
