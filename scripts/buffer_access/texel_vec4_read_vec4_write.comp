#version 450
layout(local_size_x = 256) in;
layout(binding = 4) uniform samplerBuffer ta4;
layout(std430, binding = 1) writeonly buffer B { vec4 b[]; };
layout(push_constant) uniform P { uint n; } pc;
void main() { uint i = gl_GlobalInvocationID.x; if (i < pc.n / 4) b[i] = texelFetch(ta4, int(i)) * 0.5 + 1.0; }
