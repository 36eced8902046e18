#version 450
// Metal and plastic under the skin block's key light plus a soft studio environment: steel needles catch
// bright reflections, plastic keeps its colour, and a faint rim separates dark parts from the dark background.
layout(set = 0, binding = 0) uniform FrameConstants {
    mat4 view_proj;
    vec4 camera_pos;
    vec4 light_dir;
} frame;
layout(push_constant) uniform PartConstants {
    mat4 model;
    vec4 base_color;
    vec4 material;
} part;

layout(location = 0) in vec3 in_world;
layout(location = 1) in vec3 in_normal;
layout(location = 0) out vec4 out_colour;

// A studio seen in reflections: dark floor, grey walls, a bright ceiling, a softbox where the key light is.
// Rougher surfaces see it blurred (wider transitions, dimmer softbox).
vec3 studio(vec3 r, vec3 l, float rough) {
    float soft = 0.05 + 0.6 * rough;
    vec3 floor_c = vec3(0.05, 0.05, 0.055), wall = vec3(0.32, 0.33, 0.36), ceiling = vec3(0.80, 0.82, 0.86);
    vec3 c = mix(floor_c, wall, smoothstep(-soft, soft, r.y));
    c = mix(c, ceiling, smoothstep(0.35 - soft, 0.75 + soft, r.y));
    float box = pow(max(dot(r, l), 0.0), mix(60.0, 4.0, rough));
    return c + vec3(1.6, 1.55, 1.45) * box * (1.0 - 0.7 * rough);
}

vec3 to_srgb(vec3 linear) {
    // The colour target is UNORM (Dear ImGui blends there); encode sRGB here as the skin shaders do.
    vec3 c = clamp(linear, 0.0, 1.0);
    return mix(c * 12.92, 1.055 * pow(c, vec3(1.0 / 2.4)) - 0.055, step(0.0031308, c));
}

void main() {
    vec3 n = normalize(in_normal);
    vec3 v = normalize(frame.camera_pos.xyz - in_world);
    vec3 l = normalize(frame.light_dir.xyz);
    vec3 albedo = part.base_color.rgb;
    float metallic = clamp(part.material.x, 0.0, 1.0);
    float rough = clamp(part.material.y, 0.04, 1.0);

    float nv = max(dot(n, v), 1e-3);
    float nl = max(dot(n, l), 0.0);
    vec3 h = normalize(l + v);
    vec3 f0 = mix(vec3(0.04), albedo, metallic);
    // Schlick's Fresnel, damped on rough surfaces so their rims do not glow.
    vec3 fresnel = f0 + (1.0 - f0) * pow(1.0 - nv, 5.0) * (1.0 - rough);

    // Diffuse: key light, a hemisphere (ceiling above, floor below) and the skin block's fill direction.
    vec3 hemi = mix(vec3(0.10, 0.10, 0.11), vec3(0.42, 0.44, 0.48), 0.5 + 0.5 * n.y);
    float fill = max(dot(n, normalize(vec3(-0.6, 0.3, 0.7))), 0.0);
    vec3 diffuse = albedo * (1.0 - metallic) * (0.62 * nl + 0.75 * hemi + 0.12 * fill);

    // Specular: normalised Blinn-Phong for the key light plus the environment in the reflected direction.
    float a = rough * rough;
    float shininess = 2.0 / (a * a) - 2.0;
    float lobe = (shininess + 8.0) / 8.0 * pow(max(dot(n, h), 0.0), shininess);
    vec3 specular = fresnel * (0.9 * lobe * nl + studio(reflect(-v, n), l, rough));

    vec3 colour = diffuse + specular;
    colour += vec3(0.05, 0.055, 0.06) * pow(1.0 - nv, 3.0);  // rim: keeps outlines against the background
    // Soft shoulder instead of a hard clip so bright steel highlights keep some shape.
    colour = colour / (1.0 + 0.25 * max(max(colour.r, colour.g), colour.b));
    // A ghosted body (base alpha < 1) is faint face-on and firm at its silhouette, like an x-ray outline.
    float alpha = part.base_color.a < 1.0 ? mix(part.base_color.a, 0.9, pow(1.0 - nv, 2.0)) : 1.0;
    out_colour = vec4(to_srgb(colour * 1.2), alpha);
}
