#pragma once
// The healing figures of one moment (engine/sim/healing_metrics.hpp makes them; docs/MODEL.md defines them).
// Matrix values are % change from the untreated baseline over the same voxels (whole patch).

namespace dermasim {

struct HealingSample {
    double day = 0;
    double open_channels_mm3 = 0;    // open-channel volume
    double erythema = 0;             // mean erythema of the papillary dermis (what shows at the surface), 0..1
    double redness_max = 0;          // the reddest skin column's vasodilation, 0..1 (visible above erythema_visible)
    double macrophages = 0;          // mean macrophage density in the dermis, relative to the cap
    double fibroblasts = 0;          // mean fibroblast density in the dermis, relative to the cap
    double fibroblasts_fold = 0;     // the same relative to the resting density
    double collagen_I_pct = 0;       // dermis (papillary + reticular)
    double collagen_III_pct = 0;
    double collagen_pct = 0;         // I + III
    double collagen_I_pct_papillary = 0;
    double collagen_III_pct_papillary = 0;
    double collagen_pct_papillary = 0;
    double elastin_pct = 0;
    double elastin_pct_papillary = 0;
    double capillaries_pct_papillary = 0;
    double serum_depth_um = 0;       // centre depth of the deepest slice holding serum >= the threshold
    double epidermis_pct = 0;        // viable epidermis thicker than untreated, patch mean (Lotfi 2013: +50 %)
};

}  // namespace dermasim
