#include "engine/sim/compact_tissue.hpp"

#include <glm/gtc/packing.hpp>
#include "engine/core/error.hpp"
#include "engine/sim/baseline.hpp"
#if defined(__x86_64__)
#include <cpuid.h>
#include <immintrin.h>
#endif

namespace dermasim {
namespace {

// float <-> binary16 for a run of values. x86-64 CPUs since 2012 convert eight at a time (F16C): a snapshot of the
// CI grid, 2.8 M values, then takes about a millisecond each way, which the window's frame can afford when the
// time-lapse moves to the next snapshot. Elsewhere glm converts one at a time; it rounds ties up, not to even,
// so a value exactly halfway between two halves may keep the other one (within the same bound).
#if defined(__x86_64__)
__attribute__((target("f16c,avx"))) void to_half_f16c(const float* in, std::uint16_t* out, std::size_t n) {
    std::size_t i = 0;
    for (; i + 8 <= n; i += 8)
        _mm_storeu_si128(reinterpret_cast<__m128i*>(out + i),
                         _mm256_cvtps_ph(_mm256_loadu_ps(in + i), _MM_FROUND_TO_NEAREST_INT));
    for (; i < n; ++i) out[i] = _cvtss_sh(in[i], _MM_FROUND_TO_NEAREST_INT);
}
__attribute__((target("f16c,avx"))) void from_half_f16c(const std::uint16_t* in, float* out, std::size_t n) {
    std::size_t i = 0;
    for (; i + 8 <= n; i += 8)
        _mm256_storeu_ps(out + i, _mm256_cvtph_ps(_mm_loadu_si128(reinterpret_cast<const __m128i*>(in + i))));
    for (; i < n; ++i) out[i] = _cvtsh_ss(in[i]);
}
bool has_f16c() {
    static const bool has = [] {
        __builtin_cpu_init();  // this may run before the constructors that would have done it
        unsigned a = 0, b = 0, c = 0, d = 0;  // clang 14 knows no "f16c" for __builtin_cpu_supports: CPUID
        return __builtin_cpu_supports("avx") && __get_cpuid(1, &a, &b, &c, &d) != 0 && (c & bit_F16C) != 0;
    }();
    return has;
}
#endif

void to_half(const float* in, std::uint16_t* out, std::size_t n) {
#if defined(__x86_64__)
    if (has_f16c()) return to_half_f16c(in, out, n);
#endif
    for (std::size_t i = 0; i < n; ++i) out[i] = glm::packHalf1x16(in[i]);
}

void from_half(const std::uint16_t* in, float* out, std::size_t n) {
#if defined(__x86_64__)
    if (has_f16c()) return from_half_f16c(in, out, n);
#endif
    for (std::size_t i = 0; i < n; ++i) out[i] = glm::unpackHalf1x16(in[i]);
}

}  // namespace

CompactTissue::CompactTissue(const TissueState& state, const kernel::HealParams& params)
    : grid_(state.grid), time_s_(state.time_s) {
    const std::size_t voxels = grid_.voxel_count(), slice = std::size_t(grid_.nx) * grid_.ny;
    TissueGrid column = grid_;  // one voxel per slice: the baselines by depth
    column.nx = column.ny = 1;
    const TissueState base = make_baseline_state(column, params);
    std::vector<float> difference(slice);
    for (int f = 0; f < kFieldCount; ++f) {
        const std::vector<float>& values = state.fields[f];
        if (values.size() != voxels)
            throw Error("tissue snapshot: field '" + std::string(kFieldKeys[f]) + "' does not match the grid");
        baseline_[f] = base.fields[f];
        fields_[f].resize(voxels);
        for (int k = 0; k < grid_.nz; ++k) {
            for (std::size_t n = 0; n < slice; ++n) difference[n] = values[k * slice + n] - baseline_[f][k];
            to_half(difference.data(), fields_[f].data() + k * slice, slice);
        }
    }
}

TissueState CompactTissue::expand() const {
    const std::size_t slice = std::size_t(grid_.nx) * grid_.ny;
    TissueState s;
    s.grid = grid_;
    s.time_s = time_s_;
    for (int f = 0; f < kFieldCount; ++f) {
        std::vector<float>& values = s.fields[f];
        values.resize(grid_.voxel_count());
        from_half(fields_[f].data(), values.data(), values.size());
        for (int k = 0; k < grid_.nz; ++k)
            for (std::size_t n = k * slice; n < (k + 1) * slice; ++n) values[n] += baseline_[f][k];
    }
    return s;
}

std::size_t CompactTissue::bytes() const {
    std::size_t b = sizeof(*this);
    for (int f = 0; f < kFieldCount; ++f)
        b += fields_[f].size() * sizeof(std::uint16_t) + baseline_[f].size() * sizeof(float);
    return b;
}

}  // namespace dermasim
