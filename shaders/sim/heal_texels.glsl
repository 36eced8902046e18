// The voxel passes' (heal_react.comp, heal_summary.comp, heal_tally.comp) reads: every field and the layer table as
// uniform texel buffers, in set 0 after the storage-buffer bindings (heal_pass.cpp and tally_pass.cpp keep the
// same numbers).
//
// Why texel buffers: Mesa 22.3's lavapipe, the driver the suite and CI run on, compiles each storage-buffer
// read into a loop over the SIMD lanes with two branches per lane, but a texel fetch into one vector gather.
// On this machine a float copy ran at 155 M values/s through storage buffers and 300 M/s when read through a
// texel buffer (docs/PERFORMANCE.md). Writes stay storage-buffer stores. Each voxel is read before it is
// written, and only by the invocation that writes it, so reading through the texel path is race-free on any GPU.
const int HEAL_FIELD_OPEN = 0;
const int HEAL_FIELD_BLOOD = 1;
const int HEAL_FIELD_SIGNAL = 2;
const int HEAL_FIELD_ERYTHEMA = 3;
const int HEAL_FIELD_FIBROBLASTS = 4;
const int HEAL_FIELD_COLLAGEN3 = 5;
const int HEAL_FIELD_COLLAGEN1 = 6;
const int HEAL_FIELD_ELASTIN = 7;
const int HEAL_FIELD_CAPILLARIES = 8;
const int HEAL_FIELD_SERUM = 9;
const int HEAL_FIELD_MACROPHAGES = 10;
const int HEAL_FIELD_EPIDERMIS = 11;
const int HEAL_FIELD_COUNT = 12;

layout(set = 0, binding = 15) uniform samplerBuffer field_texels[HEAL_FIELD_COUNT];  // dermasim::Field order
layout(set = 0, binding = 16) uniform usamplerBuffer layer_texels;                 // Layer per depth slice

// A macro, not a function: the array index stays a constant (indexing by a variable needs a device feature).
#define read_field(f, v) texelFetch(field_texels[f], int(v)).x
int layer_of_voxel(uint v, uint slice_voxels) { return int(texelFetch(layer_texels, int(v / slice_voxels)).x); }
