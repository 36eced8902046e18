#pragma once
// Whether a channel bleeds: it does when it tears a blood vessel, and the first vessels below the surface are the
// capillary loops of the papillary dermis, fed by the subpapillary plexus at its base (REFERENCE.md §1: "a channel
// that reaches it bleeds"; pinpoint bleeding is the usual endpoint of deeper treatments). The epidermis has no
// vessels. A channel meets on average
//
//   n(d) = kLoopsPerPapillaryDermis * (fraction of the papillary dermis it traverses)
//        + kPlexusVessels            (once it passes the papillary dermis' base)
//
// vessels, and bleeds with probability 1 - exp(-n) (vessels met at random). Both numbers are estimated: no
// measurement of loop spacing against channel width was found. They are set to the clinical picture (REFERENCE
// §2/§3 and the brief: 0.25 mm hardly bleeds, 1.5 mm shows pinpoint bleeding), so they are *fitted* to
// it, not evidence for it (docs/MODEL.md).
#include "engine/skin/region_profile.hpp"
#include "engine/tools/puncture.hpp"

namespace dermasim {

inline constexpr double kLoopsPerPapillaryDermis = 0.15; // estimated: loops a channel meets across the layer
inline constexpr double kPlexusVessels = 3.0;            // estimated: the subpapillary plexus, a dense mesh

// Expected number of vessels a channel of this depth tears (0 while it stays in the epidermis).
double vessels_met(const RegionProfile& region, double depth_mm);
// Probability that a channel of this depth bleeds, 0..1.
double bleeding_probability(const RegionProfile& region, double depth_mm);
// Whether this very channel bled: a draw against bleeding_probability that depends only on the puncture (where,
// when, which needle), so every view of a treatment shows the same channels bleeding, and over many channels the
// share that does matches the report's expected bleeding_points.
bool channel_bleeds(const RegionProfile& region, const Puncture& puncture);

}  // namespace dermasim
