#version 450
// The tally of the volume (sim/heal_tally_main.glsl), one voxel a texel.
#extension GL_GOOGLE_include_directive : require
#include "sim/heal_tally_main.glsl"
