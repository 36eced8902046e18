#version 450
layout(local_size_x = 256) in;
layout(binding = 2) uniform samplerBuffer ta;
layout(binding = 3, r32f) uniform writeonly imageBuffer tb;
layout(push_constant) uniform P { uint n; } pc;
void main() { uint i = gl_GlobalInvocationID.x; if (i < pc.n) imageStore(tb, int(i), vec4(texelFetch(ta, int(i)).x * 0.5 + 1.0)); }
