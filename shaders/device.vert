#version 450
// A device part (roller drum, needles, handle; pen body, cartridge, needles): model space in mm to the world.
layout(set = 0, binding = 0) uniform FrameConstants {
    mat4 view_proj;
    vec4 camera_pos;  // xyz: eye, mm
    vec4 light_dir;   // xyz: unit vector towards the key light
} frame;
layout(push_constant) uniform PartConstants {
    mat4 model;       // rigid (rotation + translation), so it also turns normals
    vec4 base_color;  // linear RGBA
    vec4 material;    // x: metallic, y: roughness
} part;

layout(location = 0) in vec3 in_position;
layout(location = 1) in vec3 in_normal;
layout(location = 0) out vec3 out_world;
layout(location = 1) out vec3 out_normal;

void main() {
    vec4 world = part.model * vec4(in_position, 1.0);
    out_world = world.xyz;
    out_normal = mat3(part.model) * in_normal;
    gl_Position = frame.view_proj * world;
}
