#version 450
// The tally of the volume (sim/heal_tally_main.glsl), four voxels a texel: for slices a multiple of 4 voxels.
#extension GL_GOOGLE_include_directive : require
#define HEAL_TALLY_QUADS
#include "sim/heal_tally_main.glsl"
