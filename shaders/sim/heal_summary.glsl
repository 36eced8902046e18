// The step chooser's state summary (heal_time_step.cpp: summarize) as the voxel passes take it: six maxima of
// scaled quantities, reduced by each invocation in registers, then one atomicMax per quantity on the float bits
// into summary_bits (declared by the includer, in the order of dermasim::StateSummary). Every maximum starts
// from 0 on the CPU and only values > 0 are published, so they reduce identically, and positive floats order
// like their bit patterns. No shared memory and no barrier(), which lavapipe runs as a costly coroutine switch;
// no private array and no branch per voxel either: with them the line solves ran 10-15 % slower on lavapipe.
// Needs heal_kernel.glsl first.

// (open, blood, signal, erythema) and (activation, serum): the largest so far, or 0.
struct SummaryMaxima {
    vec4 a;
    vec2 b;
};

SummaryMaxima no_maxima() { return SummaryMaxima(vec4(0.0f), vec2(0.0f)); }

// One voxel's values: open and blood are scaled by 1 / injury_reference; activation is the fibroblasts' excess
// over rest relative to the room above it, counted in the dermis only (pass 0 elsewhere).
SummaryMaxima keep_voxel(SummaryMaxima m, float open, float blood, float signal_, float erythema, float activation,
                         float serum, HealParams p) {
    float inv_ref = 1.0f / p.injury_reference;
    vec4 a = vec4(open * inv_ref, blood * inv_ref, signal_, erythema);
    vec2 b = vec2(activation, serum);
    // Select, not max(): max() of a NaN is undefined in GLSL; a NaN here is passed over, as std::max passes it.
    m.a = mix(m.a, a, greaterThan(a, m.a));
    m.b = mix(m.b, b, greaterThan(b, m.b));
    return m;
}

float summary_activation(float fibroblasts, HealParams p) {
    return (fibroblasts - p.fibroblast_rest) / (1.0f - p.fibroblast_rest);
}

// > 0: the bits of negative numbers and of -0.0 would win every comparison.
void publish_maximum(int q, float value) {
    if (value > 0.0f) atomicMax(summary_bits[q], floatBitsToUint(value));
}

void publish_summary(SummaryMaxima m) {
    publish_maximum(0, m.a.x);
    publish_maximum(1, m.a.y);
    publish_maximum(2, m.a.z);
    publish_maximum(3, m.a.w);
    publish_maximum(4, m.b.x);
    publish_maximum(5, m.b.y);
}
