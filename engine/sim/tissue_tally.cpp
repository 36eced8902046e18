#include "engine/sim/tissue_tally.hpp"

#include <algorithm>
#include "engine/core/error.hpp"
#include "engine/sim/heal_kernel.hpp"

namespace dermasim {

std::pair<int, int> papillary_slices(const TissueGrid& g) {
    int first = g.nz, last = 0;
    for (int k = 0; k < g.nz; ++k)
        if (g.layer_at(k) == Layer::PapillaryDermis) first = std::min(first, k), last = k + 1;
    for (int k = first; k < last; ++k)
        if (g.layer_at(k) != Layer::PapillaryDermis)
            throw Error("tissue tally: the papillary dermis is not one run of depth slices");
    return {first, std::max(first, last)};
}

TissueTally tally_tissue(const TissueState& s, bool full) {
    static constexpr Field kFieldOf[kTalliedCount] = {
        Field::OpenChannel, Field::Serum,       Field::Erythema,    Field::Collagen1,   Field::Collagen3,
        Field::Elastin,     Field::Capillaries, Field::Fibroblasts, Field::Macrophages, Field::Epidermis};
    const TissueGrid& g = s.grid;
    const std::size_t slice = std::size_t(g.nx) * g.ny;
    const auto [first, last] = papillary_slices(g);
    TissueTally t;
    t.time_s = s.time_s;
    t.full = full;
    t.slices.assign(std::size_t(g.nz) * kTalliedCount, 0.0);
    const int tallied = full ? kTalliedCount : kTalliedEveryStep;
    for (int k = 0; k < g.nz; ++k) {
        const bool dermis = kernel::heal_is_dermis(static_cast<int>(g.layer_at(k)));
        const bool papillary = k >= first && k < last;
        for (int f = 0; f < tallied; ++f) {
            const Tallied what = static_cast<Tallied>(f);
            // Redness, capillaries and the epidermis show at the surface: the figures take them from the
            // papillary dermis alone.
            const bool surface =
                what == Tallied::Erythema || what == Tallied::Capillaries || what == Tallied::Epidermis;
            if (what != Tallied::Open && what != Tallied::Serum && !(surface ? papillary : dermis)) continue;
            const float* v = s.field(kFieldOf[f]).data() + k * slice;
            double& out = t.slices[std::size_t(k) * kTalliedCount + f];
            if (what == Tallied::Serum) out = std::max(0.0f, *std::max_element(v, v + slice));  // as the GPU's
            else for (std::size_t n = 0; n < slice; ++n) out += v[n];
        }
    }
    std::vector<double> columns(slice, 0.0);
    for (int k = first; k < last; ++k) {
        const float* e = s.field(Field::Erythema).data() + k * slice;
        for (std::size_t n = 0; n < slice; ++n) columns[n] += e[n];
    }
    for (double c : columns) t.reddest_column = std::max(t.reddest_column, c);
    return t;
}

void interpolate(const TissueTally& before, const TissueTally& after, double t, TissueTally& out) {
    const double w = (t - before.time_s) / (after.time_s - before.time_s);
    auto lerp = [w](double a, double b) { return a + w * (b - a); };
    out.time_s = t;
    out.full = before.full && after.full;
    out.slices.resize(after.slices.size());
    for (std::size_t i = 0; i < out.slices.size(); ++i) out.slices[i] = lerp(before.slices[i], after.slices[i]);
    out.reddest_column = lerp(before.reddest_column, after.reddest_column);
}

}  // namespace dermasim
