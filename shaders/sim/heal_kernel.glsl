// The healing model's per-voxel math, shared verbatim by the compute shaders and the CPU twin.
// Written in the common subset of GLSL 4.50 and C++/glm (see docs/MODEL.md for the equations):
//   - no #version / layout here; the includer provides them (GLSL) or wraps this file in
//     namespace dermasim::kernel { using namespace glm; using uint = std::uint32_t; #define INOUT(T) T&  #define HEAL_FN inline ... }
//   - float literals carry an f suffix (legal GLSL, and keeps glm's templates on float);
//   - structs of floats only (HealParams is a uniform buffer on the GPU: all-float keeps the std140 layout and
//     C++'s equal).
// Internal units: time in seconds, lengths in millimetres. heal_params.cpp converts the JSON's units.

// Function qualifier: empty in GLSL; the C++ includer defines it as `inline` (the file sits in a header).
#ifndef HEAL_FN
#define HEAL_FN
#endif

// Layer ids: the order of dermasim::Layer (engine/skin/layer.hpp).
const int HEAL_LAYER_STRATUM_CORNEUM = 0;
const int HEAL_LAYER_VIABLE_EPIDERMIS = 1;
const int HEAL_LAYER_PAPILLARY_DERMIS = 2;
const int HEAL_LAYER_RETICULAR_DERMIS = 3;
const int HEAL_LAYER_HYPODERMIS = 4;

// Diffusing fields (which line solve a coefficient is for).
const int HEAL_DIFFUSE_SIGNAL = 0;
const int HEAL_DIFFUSE_FIBROBLASTS = 1;
const int HEAL_DIFFUSE_SERUM = 2;

struct HealParams {
    // Re-epithelialisation / channel closure (1/s).
    float close_rate;             // open channel in the epidermis, uncovered skin
    float close_dermis_factor;    // closure rate multiplier in the dermis and fat
    float occluded_factor;        // closure rate multiplier under occlusion
    float occluded;               // 1 = skin covered/occluded, 0 = uncovered (set per run)
    // Blood / clot (provisional matrix).
    float blood_clear_rate;       // 1/s
    // Inflammatory signal (TGF-beta/PDGF proxy).
    float injury_reference;       // open fraction of a typical full treatment (normalises the sources)
    float signal_release_open;    // 1/s, per injury_reference of open channel
    float signal_release_blood;   // 1/s, per injury_reference of blood/clot
    float signal_decay;           // 1/s
    float signal_diffusivity;     // mm^2/s
    // Erythema (papillary dermis).
    float erythema_rate;          // 1/s, vasodilation rising towards the signal-driven target
    float erythema_fade_rate;     // 1/s, redness fading once the target has fallen below it
    float erythema_half_signal;   // signal giving half the maximal redness (Hill coefficient 2)
    // Macrophages (density relative to the cap): the lag between the injury signal and the fibroblasts.
    float macrophage_recruit;     // 1/s at full signal, influx into free capacity
    float macrophage_half_signal; // signal giving half the maximal recruitment
    float macrophage_removal;     // 1/s
    // Fibroblasts (density relative to the cap).
    float fibroblast_rest;        // resting density in the dermis
    float fibroblast_recruit;     // 1/s, influx from the surroundings at full activation
    float fibroblast_half_signal; // macrophage density giving half activation (Hill 2)
    float fibroblast_proliferation; // 1/s
    float fibroblast_apoptosis;   // 1/s, of the excess over rest
    float fibroblast_diffusivity; // mm^2/s (random migration)
    // Matrix (relative to baseline reticular collagen / elastin).
    float collagen3_deposition;   // 1/s at full fibroblast activation, once inflammation has subsided
    float collagen_remodel_rate;  // 1/s, excess collagen III -> collagen I
    float collagen1_turnover;     // 1/s, excess collagen I back towards baseline
    float elastin_deposition;     // 1/s at full activation
    float elastin_turnover;       // 1/s, excess elastin back towards baseline
    // Capillaries (relative to the papillary baseline).
    float angiogenesis_rate;      // 1/s at full activation
    float capillary_regression;   // 1/s, excess vessels regress
    // Baseline matrix by layer.
    float collagen1_papillary;
    float collagen3_papillary;
    float collagen1_reticular;
    float collagen3_reticular;
    float elastin_papillary;
    float elastin_reticular;
    float capillaries_papillary;
    // Topical serum.
    float serum_perm_intact;      // mm/s through intact stratum corneum
    float serum_perm_channel;     // mm/s through an open channel mouth
    float serum_diffusivity_tissue; // mm^2/s in viable tissue
    float serum_diffusivity_channel; // mm^2/s in the fluid of an open channel
    float serum_clearance;        // 1/s, uptake by the vasculature (dermis and fat)
    // Epidermis over a column (carried by its papillary dermis): thickening after repeated sessions.
    float epidermis_growth;       // 1/s, relative thickening per unit time at full fibroblast activity
    float epidermis_turnover;     // 1/s, the thickening relaxing back
};

struct VoxelState {
    float open;
    float blood;
    float signal;
    float erythema;
    float fibroblasts;
    float collagen3;
    float collagen1;
    float elastin;
    float capillaries;
    float serum;
    float macrophages;
    float epidermis;
};

HEAL_FN bool heal_is_dermis(int layer) {
    return layer == HEAL_LAYER_PAPILLARY_DERMIS || layer == HEAL_LAYER_RETICULAR_DERMIS;
}

// The untreated tissue of a layer (a fixed point of heal_react).
HEAL_FN VoxelState heal_baseline(int layer, HealParams p) {
    VoxelState v;
    v.open = 0.0f;
    v.blood = 0.0f;
    v.signal = 0.0f;
    v.erythema = 0.0f;
    v.fibroblasts = heal_is_dermis(layer) ? p.fibroblast_rest : 0.0f;
    v.collagen3 = layer == HEAL_LAYER_PAPILLARY_DERMIS ? p.collagen3_papillary
                : (layer == HEAL_LAYER_RETICULAR_DERMIS ? p.collagen3_reticular : 0.0f);
    v.collagen1 = layer == HEAL_LAYER_PAPILLARY_DERMIS ? p.collagen1_papillary
                : (layer == HEAL_LAYER_RETICULAR_DERMIS ? p.collagen1_reticular : 0.0f);
    v.elastin = layer == HEAL_LAYER_PAPILLARY_DERMIS ? p.elastin_papillary
              : (layer == HEAL_LAYER_RETICULAR_DERMIS ? p.elastin_reticular : 0.0f);
    v.capillaries = layer == HEAL_LAYER_PAPILLARY_DERMIS ? p.capillaries_papillary : 0.0f;
    v.serum = 0.0f;
    v.macrophages = 0.0f;
    v.epidermis = 0.0f;
    return v;
}

// x(t+dt) for dx/dt = src - k x with constant src, k >= 0: exact, so any dt is stable.
HEAL_FN float heal_relax(float x, float src, float k, float dt) {
    float decay = exp(-k * dt);
    return k > 0.0f ? x * decay + (src / k) * (1.0f - decay) : x + src * dt;
}

// Values that have decayed below this are set to zero: no denormals (GPUs flush them, CPUs slow down on
// them), so both sides agree and the step chooser can see a field as finished.
HEAL_FN float heal_flush(float x) {
    return x < 1e-12f ? 0.0f : x;
}

// The dermal fibroblasts over a step: logistic growth (proliferation at density f_growth) and recruitment into
// free capacity while activated (g), apoptosis of the excess over rest; exact for frozen coefficients.
HEAL_FN float heal_fibroblast_relax(float f, float f_growth, float g, float rest, float dt, HealParams p) {
    float gain = (p.fibroblast_proliferation * f_growth + p.fibroblast_recruit) * g;
    return clamp(heal_relax(f, gain + p.fibroblast_apoptosis * rest, gain + p.fibroblast_apoptosis, dt), 0.0f, 1.0f);
}

// Fibroblast activation by the macrophages (their growth factors), 0..1; Hill 2, so the first few macrophages
// hardly activate them and the fibroblasts arrive behind the macrophages.
HEAL_FN float heal_activation(float macrophages, HealParams p) {
    float m2 = max(macrophages, 0.0f) * max(macrophages, 0.0f);
    return m2 / (m2 + p.fibroblast_half_signal * p.fibroblast_half_signal);
}

// Re-epithelialisation and tissue recoil close the channel (1/s); occlusion keeps it moist and open longer.
HEAL_FN float heal_close_rate(int layer, HealParams p) {
    return p.close_rate * (layer <= HEAL_LAYER_VIABLE_EPIDERMIS ? 1.0f : p.close_dermis_factor)
         * mix(1.0f, p.occluded_factor, clamp(p.occluded, 0.0f, 1.0f));
}

// The mean of e^(-x t / dt) over a step, (1 - e^(-x)) / x, for x = k dt >= 0 (1 - x/2 where that loses nothing).
HEAL_FN float heal_decay_mean(float x) {
    return x < 1e-3f ? 1.0f - 0.5f * x : (1.0f - exp(-x)) / x;
}

// The signal a voxel's injury releases over a step of dt is in proportion to its open and bleeding volume, each
// averaged over the step (they decay exactly, as heal_react decays them): open * x + blood * y, with (x, y) from
// here, the same for every voxel of a layer (so a line computes them once, not per voxel). The release joins
// the right-hand side of the signal's first line solve, so the signal is released, decays and diffuses in one
// implicit solve. The means are exact, so the release is right at any step: the trapezoid, used until
// 30 Nov 2026, released 4 % too much over a 30 min step of closing channels (k dt = 0.75) and 12 % too much from
// the clot over a 4-day step.
HEAL_FN vec2 heal_signal_release_rates(int layer, float dt, HealParams p) {
    float open_avg = heal_decay_mean(heal_close_rate(layer, p) * dt);
    float blood_avg = heal_decay_mean(p.blood_clear_rate * dt);
    return (dt / p.injury_reference) * vec2(p.signal_release_open * open_avg, p.signal_release_blood * blood_avg);
}
HEAL_FN float heal_signal_release(float open, float blood, vec2 rates) {
    return clamp(open, 0.0f, 1.0f) * rates.x + clamp(blood, 0.0f, 1.0f) * rates.y;
}

// The signal's decay, implicit, in its line solves: the first (x) lines' diagonal gains k dt, and the y and z
// lines then diffuse over dt / (1 + k dt). Returns (the lines' dt, what their diagonal gains) for an axis. The
// product of the three solves is then (1 + k dt)(1 - dt' Lx)(1 - dt' Ly)(1 - dt' Lz) with dt' = dt / (1 + k dt),
// which differs from the unsplit backward-Euler operator 1 + k dt - dt L by cross terms dt'^2 Lx Ly (1 + k dt) ...
// that, at the signal's screening length sqrt(D / k), stay bounded however long the step. A uniform signal decays
// as backward Euler over the whole step, and a steady source holds source / k whatever dt. Why not a third of the
// decay on each axis: then the product diffuses (1 + c)^2 times too fast, 6x at 1-day steps (k dt = 15, the
// proliferation phase's step until 30 Nov 2026), and collagen depended on the step by 20 %. What is left: at the
// scale of one voxel the cross terms are still large, and a long step flattens a point source's peak
// (docs/MODEL.md, Convergence).
HEAL_FN vec2 heal_signal_line_step(int axis, float dt, HealParams p) {
    float alpha = 1.0f + p.signal_decay * dt;
    return axis == 0 ? vec2(dt, alpha - 1.0f) : vec2(dt / alpha, 0.0f);
}

// The signal's mean over a step, from its values at both ends. The signal relaxes at its decay rate k towards
// the level its sources hold (minutes to hours), much faster than those sources change; so over the step it is
// taken as s_inf + (s0 - s_inf) e^(-k t), with s_inf the level for which backward Euler gives s1 (what the line
// solves did). Short steps give the trapezoid (s0 + s1) / 2; long ones the mean of a decay, about s1 + s0 / (k dt).
// Why not the trapezoid at every step: a signal falling from s0 to nearly nothing within a 1-day step averages
// about s0 / 15 over it, not s0 / 2, and the macrophages recruited by that overestimate put collagen 6 % high at
// 1-day steps (docs/MODEL.md, Numerics).
HEAL_FN float heal_signal_mean(float s0, float s1, float dt, HealParams p) {
    float x = p.signal_decay * dt;
    if (x < 1e-3f) return 0.5f * (s0 + s1);
    float s_inf = max((s1 * (1.0f + x) - s0) / x, 0.0f);
    return max(s_inf + (s0 - s_inf) * (1.0f - exp(-x)) / x, 0.0f);
}

// One reaction step of length dt (seconds) for one voxel, after the signal's line solves: v.signal is the signal
// at the end of the step, signal_before at its start. Diffusion is separate (heal_line_row).
HEAL_FN VoxelState heal_react(VoxelState v, float signal_before, int layer, float dt, HealParams p) {
    VoxelState base = heal_baseline(layer, p);
    bool dermis = heal_is_dermis(layer);
    VoxelState n = v;

    n.open = clamp(v.open, 0.0f, 1.0f) * exp(-heal_close_rate(layer, p) * dt);
    n.blood = clamp(v.blood, 0.0f, 1.0f) * exp(-p.blood_clear_rate * dt);
    n.signal = max(v.signal, 0.0f);

    // Redness: capillary dilation in the papillary dermis follows the signal (Hill 2): it opens within the hour,
    // and fades slowly (over a day) once the signal has gone. The fast signal of the open channels sets how red;
    // the fade rate, not the size of the injury, sets how long (so denser treatments redden more, not for weeks).
    // The signal is its mean over the step (heal_signal_mean), from the solved values at both ends.
    float s_avg = heal_signal_mean(max(signal_before, 0.0f), n.signal, dt, p);
    float s2 = s_avg * s_avg;
    float k2 = p.erythema_half_signal * p.erythema_half_signal;
    float red_target = layer == HEAL_LAYER_PAPILLARY_DERMIS ? s2 / (s2 + k2) : 0.0f;
    float red = clamp(v.erythema, 0.0f, 1.0f);
    float red_rate = red_target > red ? p.erythema_rate : p.erythema_fade_rate;
    n.erythema = clamp(heal_relax(red, red_rate * red_target, red_rate, dt), 0.0f, 1.0f);

    // Macrophages (dermis): recruited by the signal into free capacity, removed at a constant rate. They carry
    // the injury's memory for days after the signal has gone, and delay the fibroblasts behind it.
    float mac = clamp(v.macrophages, 0.0f, 1.0f);
    float mac_in = dermis ? p.macrophage_recruit * s_avg / (s_avg + p.macrophage_half_signal) : 0.0f;
    n.macrophages = clamp(heal_relax(mac, mac_in, mac_in + p.macrophage_removal, dt), 0.0f, 1.0f);

    // Fibroblasts (dermis only): recruitment and proliferation while activated, apoptosis of the excess.
    float g = heal_activation(0.5f * (mac + n.macrophages), p);
    float f = clamp(v.fibroblasts, 0.0f, 1.0f);
    if (dermis) {
        // The growth rate is in proportion to the density itself. Taken at the step's start it left the density
        // first order in the step (proliferation x dt is about 0.9 at 1-day steps, 0.46 at 12 h), so a
        // predictor gives the density at the step's end and the step is taken again at the mean (Heun).
        float f_end = heal_fibroblast_relax(f, f, g, base.fibroblasts, dt, p);
        n.fibroblasts = heal_fibroblast_relax(f, 0.5f * (f + f_end), g, base.fibroblasts, dt, p);
    } else {
        n.fibroblasts = f * exp(-p.fibroblast_apoptosis * dt);
    }

    // Matrix: activated fibroblasts lay down collagen III once the inflammation subsides (1 - g);
    // excess collagen III is remodelled into collagen I; excesses turn over slowly.
    float f_mid = 0.5f * (f + n.fibroblasts);
    float activity = dermis ? max(f_mid - base.fibroblasts, 0.0f) / max(1.0f - base.fibroblasts, 1e-6f) : 0.0f;
    float c3 = max(v.collagen3, 0.0f);
    float deposit = p.collagen3_deposition * activity * (1.0f - g);
    float excess3 = max(c3 - base.collagen3, 0.0f);
    float remodel_frac = 1.0f - exp(-p.collagen_remodel_rate * dt);
    float c3_after = excess3 * (1.0f - remodel_frac) + base.collagen3 + deposit * dt;
    n.collagen3 = c3 > base.collagen3 ? c3_after : c3 + deposit * dt;
    float converted = excess3 * remodel_frac;
    float c1 = max(v.collagen1, 0.0f);
    n.collagen1 = base.collagen1 + (c1 - base.collagen1) * exp(-p.collagen1_turnover * dt) + converted;

    float el = max(v.elastin, 0.0f);
    n.elastin = heal_relax(el, p.elastin_deposition * activity + p.elastin_turnover * base.elastin,
                           p.elastin_turnover, dt);

    // New vessels sprout with the granulation tissue and regress towards the baseline network.
    float cap = max(v.capillaries, 0.0f);
    n.capillaries = dermis ? heal_relax(cap, p.angiogenesis_rate * activity + p.capillary_regression * base.capillaries,
                                        p.capillary_regression, dt)
                           : cap * exp(-p.capillary_regression * dt);

    // Epidermal thickening over the column, kept in its papillary dermis: the activated fibroblasts there release
    // keratinocyte growth factors (FGF-7/KGF, EGF: raised after needling, Aust 2011), the basal keratinocytes
    // above them divide, and the viable epidermis thickens (0.5 = +50 %); it thins back slowly.
    n.epidermis = layer == HEAL_LAYER_PAPILLARY_DERMIS
                      ? heal_relax(max(v.epidermis, 0.0f), p.epidermis_growth * activity, p.epidermis_turnover, dt)
                      : 0.0f;

    // Serum taken up by the vasculature of dermis and fat (diffusion and the surface flux are in the line solve).
    float clear = layer >= HEAL_LAYER_PAPILLARY_DERMIS ? p.serum_clearance : 0.0f;
    n.serum = max(v.serum, 0.0f) * exp(-clear * dt);

    n.open = heal_flush(n.open);
    n.blood = heal_flush(n.blood);
    n.signal = heal_flush(n.signal);
    n.erythema = heal_flush(n.erythema);
    n.serum = heal_flush(n.serum);
    n.macrophages = heal_flush(n.macrophages);
    n.epidermis = heal_flush(n.epidermis);
    return n;
}

// Diffusivity of a voxel for one diffusing field (mm^2/s); along_depth: 1 for the depth lines, 0 lateral.
HEAL_FN float heal_diffusivity(int field, int layer, float open, int along_depth, HealParams p) {
    float o = clamp(open, 0.0f, 1.0f);
    if (field == HEAL_DIFFUSE_SIGNAL) return p.signal_diffusivity;
    if (field == HEAL_DIFFUSE_FIBROBLASTS) return heal_is_dermis(layer) ? p.fibroblast_diffusivity : 0.0f;
    // Serum: along the (vertical) channels, parallel paths: the fluid-filled channel and the tissue around it;
    // across, the tissue only.
    return along_depth != 0 ? mix(p.serum_diffusivity_tissue, p.serum_diffusivity_channel, o)
                            : p.serum_diffusivity_tissue;
}

// Diffusivity of the face between two voxels: harmonic mean (no flux into a voxel that does not conduct).
HEAL_FN float heal_face_diffusivity(float da, float db) {
    return (da > 0.0f && db > 0.0f) ? 2.0f * da * db / (da + db) : 0.0f;
}

// One row of the backward-Euler line system  -lo*u[i-1] + (1+lo+hi)*u[i] - hi*u[i+1] = u_old[i],
// returned as (a, b, c, d) = (-lo, 1+lo+hi, -hi, u_old). Faces at the ends of a line get d_face = 0
// (no flux). h: voxel size along the line (mm), dt in seconds.
HEAL_FN vec4 heal_line_row(float d_face_lo, float d_face_hi, float h, float dt, float u_old) {
    float lo = dt * d_face_lo / (h * h);
    float hi = dt * d_face_hi / (h * h);
    return vec4(-lo, 1.0f + lo + hi, -hi, u_old);
}

// Surface permeability to serum: intact stratum corneum where closed, channel mouths where open.
HEAL_FN float heal_serum_permeability(float open_surface, HealParams p) {
    float o = clamp(open_surface, 0.0f, 1.0f);
    return p.serum_perm_intact * (1.0f - o) + p.serum_perm_channel * o;
}

// The top row of a depth line for serum: adds the implicit surface flux P (c_surface - u0) / h.
HEAL_FN vec4 heal_serum_top_row(vec4 row, float open_surface, float c_surface, float h, float dt, HealParams p) {
    float r = dt * heal_serum_permeability(open_surface, p) / h;
    return vec4(row.x, row.y + r, row.z, row.w + r * c_surface);
}
