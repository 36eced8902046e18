#version 450
// Heal step, reaction, four neighbouring voxels a texel fetch and a store: heal_react.comp's pass for grids whose
// nx is a multiple of 4 (sim/heal_react_main.glsl says why).
#extension GL_GOOGLE_include_directive : require
#define HEAL_REACT_QUADS
#include "sim/heal_react_main.glsl"
