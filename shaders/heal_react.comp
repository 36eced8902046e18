#version 450
// Heal step, reaction: heal_react (shaders/sim/heal_kernel.glsl) on every field of every voxel, exactly as
// heal_react_all does on the CPU, after the signal's line solves and before the other fields'. Each invocation
// takes `voxels_per_invocation` voxels, 256 apart (neighbouring invocations, neighbouring voxels). The body is
// sim/heal_react_main.glsl; heal_react_quads.comp is the same pass reading and writing four voxels at a time.
// With `summary_mask` set it also takes the step chooser's summary (heal_time_step.cpp: summarize;
// sim/heal_summary.glsl) of what it writes. Open channels, blood, signal and redness are final here; the
// fibroblasts' and the serum's maxima are taken here only when no line solve follows this step, otherwise by
// their last back substitution (heal_diffuse.comp). That replaced a summary pass of its own, which read six
// fields again: 7-11 % of a step on lavapipe.
#extension GL_GOOGLE_include_directive : require
#include "sim/heal_react_main.glsl"
