#version 450
layout(local_size_x = 256) in;
layout(binding = 2) uniform samplerBuffer ta;
layout(std430, binding = 1) writeonly buffer B { float b[]; };
layout(push_constant) uniform P { uint n; } pc;
void main() { uint i = gl_GlobalInvocationID.x; if (i < pc.n) b[i] = texelFetch(ta, int(i)).x * 0.5 + 1.0; }
