#version 450
// The bench's shader copy: one buffer into another, 16 bytes an invocation, for the copy bandwidth the heal
// step is measured against. On a GPU vkCmdCopyBuffer may run on a copy engine that reaches a fraction of what
// the shader cores stream (NVIDIA H200: a fifth), so the bench takes the faster of the two.
layout(local_size_x = 256) in;

layout(std430, set = 0, binding = 0) readonly buffer Source { uvec4 source[]; };
layout(std430, set = 0, binding = 1) writeonly buffer Target { uvec4 target[]; };

layout(push_constant) uniform Push {
    uint count;            // uvec4s to copy
    uint row_invocations;  // Dispatch2d: linear id = x + y * row_invocations
} pc;

void main() {
    uint i = gl_GlobalInvocationID.x + gl_GlobalInvocationID.y * pc.row_invocations;
    if (i < pc.count) target[i] = source[i];
}
