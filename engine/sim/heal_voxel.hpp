#pragma once
// Moving one voxel between the structure-of-arrays TissueState and the kernel's VoxelState.
#include <cstddef>
#include "engine/sim/heal_kernel.hpp"
#include "engine/sim/tissue_state.hpp"

namespace dermasim {

inline kernel::VoxelState load_voxel(const TissueState& s, std::size_t i) {
    kernel::VoxelState v;
    v.open = s.field(Field::OpenChannel)[i];
    v.blood = s.field(Field::Blood)[i];
    v.signal = s.field(Field::Signal)[i];
    v.erythema = s.field(Field::Erythema)[i];
    v.fibroblasts = s.field(Field::Fibroblasts)[i];
    v.collagen3 = s.field(Field::Collagen3)[i];
    v.collagen1 = s.field(Field::Collagen1)[i];
    v.elastin = s.field(Field::Elastin)[i];
    v.capillaries = s.field(Field::Capillaries)[i];
    v.serum = s.field(Field::Serum)[i];
    v.macrophages = s.field(Field::Macrophages)[i];
    v.epidermis = s.field(Field::Epidermis)[i];
    return v;
}

inline void store_voxel(TissueState& s, std::size_t i, const kernel::VoxelState& v) {
    s.field(Field::OpenChannel)[i] = v.open;
    s.field(Field::Blood)[i] = v.blood;
    s.field(Field::Signal)[i] = v.signal;
    s.field(Field::Erythema)[i] = v.erythema;
    s.field(Field::Fibroblasts)[i] = v.fibroblasts;
    s.field(Field::Collagen3)[i] = v.collagen3;
    s.field(Field::Collagen1)[i] = v.collagen1;
    s.field(Field::Elastin)[i] = v.elastin;
    s.field(Field::Capillaries)[i] = v.capillaries;
    s.field(Field::Serum)[i] = v.serum;
    s.field(Field::Macrophages)[i] = v.macrophages;
    s.field(Field::Epidermis)[i] = v.epidermis;
}

}  // namespace dermasim
