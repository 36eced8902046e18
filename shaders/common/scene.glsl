// Scene constants shared by the skin-block shaders (std140; mirrors render/scene_uniforms.hpp).
layout(set = 0, binding = 0) uniform SceneUniforms {
    mat4 view_proj;
    vec4 camera_pos;    // xyz: eye position, mm
    vec4 light_dir;     // xyz: unit vector towards the key light
    vec4 block_min;     // xyz: block corner (x left, y bottom = -depth, z back), mm
    vec4 block_max;     // xyz: other corner (y = 0 is the skin surface, z = the cut plane)
    vec4 layer_bottom;  // depth (mm, positive down) of the bottom of: stratum corneum, epidermis, papillary, reticular
    vec4 look;          // x: 0 illustrated / 1 histology; y: fat bottom depth (mm); z: highlight layer (-1 none);
                        // w: channel openness 1 (fresh) .. 0 (closed)
    vec4 split;         // x: before/after divider in framebuffer pixels: left of it the skin is shown untreated;
                        // < 0: no split
} scene;
