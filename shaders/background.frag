#version 450
// A calm vertical gradient with a soft vignette: readable behind labels, neutral for skin tones.
layout(location = 0) in vec2 in_uv;
layout(location = 0) out vec4 out_colour;
void main() {
    vec3 top = vec3(0.20, 0.23, 0.27), bottom = vec3(0.09, 0.10, 0.12);
    vec3 c = mix(top, bottom, in_uv.y);
    float vignette = 1.0 - 0.35 * dot(in_uv - 0.5, in_uv - 0.5);
    out_colour = vec4(c * vignette, 1.0);
}
