// The colour target is UNORM so Dear ImGui blends as it expects: shaders encode sRGB themselves.
vec3 to_srgb(vec3 linear) {
    vec3 c = clamp(linear, 0.0, 1.0);
    return mix(c * 12.92, 1.055 * pow(c, vec3(1.0 / 2.4)) - 0.055, step(0.0031308, c));
}
