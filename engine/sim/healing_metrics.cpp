#include "engine/sim/healing_metrics.hpp"

#include <algorithm>
#include <cstdio>
#include <sstream>
#include "engine/sim/baseline.hpp"
#include "engine/sim/tissue_tally.hpp"

namespace dermasim {
namespace {

constexpr double kHour = 3600.0, kDay = 86400.0;

double pct(double value, double base) { return base > 0 ? 100.0 * (value - base) / base : 0.0; }

// Sums of the tallied fields over the slices of one layer, and of their baselines over the same voxels.
struct LayerSums {
    double c1 = 0, c3 = 0, el = 0, cap = 0, fib = 0, mac = 0, ery = 0, epi = 0;
    double c1_0 = 0, c3_0 = 0, el_0 = 0, cap_0 = 0, fib_0 = 0;
    std::size_t voxels = 0;
    void add(const LayerSums& o) {
        c1 += o.c1, c3 += o.c3, el += o.el, cap += o.cap, fib += o.fib, mac += o.mac, ery += o.ery, epi += o.epi;
        c1_0 += o.c1_0, c3_0 += o.c3_0, el_0 += o.el_0, cap_0 += o.cap_0, fib_0 += o.fib_0;
        voxels += o.voxels;
    }
};

LayerSums layer_sums(const TissueTally& t, const TissueGrid& g, Layer layer, const kernel::HealParams& p) {
    LayerSums out;
    const std::size_t slice = std::size_t(g.nx) * g.ny;
    const kernel::VoxelState b = baseline_of(layer, p);
    for (int k = 0; k < g.nz; ++k) {
        if (g.layer_at(k) != layer) continue;
        out.c1 += t.at(k, Tallied::Collagen1), out.c3 += t.at(k, Tallied::Collagen3);
        out.el += t.at(k, Tallied::Elastin), out.cap += t.at(k, Tallied::Capillaries);
        out.fib += t.at(k, Tallied::Fibroblasts), out.mac += t.at(k, Tallied::Macrophages);
        out.ery += t.at(k, Tallied::Erythema), out.epi += t.at(k, Tallied::Epidermis);
        out.c1_0 += b.collagen1 * slice, out.c3_0 += b.collagen3 * slice, out.el_0 += b.elastin * slice;
        out.cap_0 += b.capillaries * slice, out.fib_0 += b.fibroblasts * slice;
        out.voxels += slice;
    }
    return out;
}

double mean(double sum, std::size_t count) { return count ? sum / double(count) : 0.0; }

// Linear interpolation of the time where a falling quantity crosses `level` between two samples.
double crossing(double t0, double v0, double t1, double v1, double level) {
    return v0 == v1 ? t1 : t0 + (t1 - t0) * (v0 - level) / (v0 - v1);
}

}  // namespace

double open_channel_volume_mm3(const TissueState& s) {
    double sum = 0;
    for (float v : s.field(Field::OpenChannel)) sum += v;
    return sum * s.grid.dx_mm * s.grid.dy_mm * s.grid.dz_mm;
}

HealingSample healing_figures(const TissueTally& t, const TissueGrid& g, const HealParameters& params) {
    HealingSample h;
    h.day = t.time_s / kDay;
    double open = 0;
    for (int k = 0; k < g.nz; ++k) open += t.at(k, Tallied::Open);
    h.open_channels_mm3 = open * g.dx_mm * g.dy_mm * g.dz_mm;
    const LayerSums pap = layer_sums(t, g, Layer::PapillaryDermis, params.kernel);
    LayerSums all = layer_sums(t, g, Layer::ReticularDermis, params.kernel);
    all.add(pap);
    // What shows at the surface is the papillary dermis; every column has the same papillary slices.
    h.erythema = mean(pap.ery, pap.voxels);
    const std::size_t papillary_slices = pap.voxels / (std::size_t(g.nx) * g.ny);
    h.redness_max = mean(t.reddest_column, papillary_slices);
    for (int k = g.nz - 1; k >= 0; --k)
        if (t.at(k, Tallied::Serum) >= params.control.serum_depth_threshold) {
            h.serum_depth_um = (k + 0.5) * g.dz_mm * 1000.0;
            break;
        }
    if (!t.full) return h;  // what a step's tally has
    h.macrophages = mean(all.mac, all.voxels);
    h.fibroblasts = mean(all.fib, all.voxels);
    h.fibroblasts_fold = all.fib_0 > 0 ? all.fib / all.fib_0 : 0.0;
    h.collagen_I_pct = pct(all.c1, all.c1_0);
    h.collagen_III_pct = pct(all.c3, all.c3_0);
    h.collagen_pct = pct(all.c1 + all.c3, all.c1_0 + all.c3_0);
    h.collagen_I_pct_papillary = pct(pap.c1, pap.c1_0);
    h.collagen_III_pct_papillary = pct(pap.c3, pap.c3_0);
    h.collagen_pct_papillary = pct(pap.c1 + pap.c3, pap.c1_0 + pap.c3_0);
    h.elastin_pct = pct(all.el, all.el_0);
    h.elastin_pct_papillary = pct(pap.el, pap.el_0);
    h.capillaries_pct_papillary = pct(pap.cap, pap.cap_0);
    h.epidermis_pct = 100.0 * mean(pap.epi, pap.voxels);
    return h;
}

HealingSample sample_healing(const TissueState& s, const HealParameters& params) {
    return healing_figures(tally_tissue(s, true), s.grid, params);
}

HealingRecorder::HealingRecorder(const HealParameters& params) : params_(params) {}

void HealingRecorder::on_session(const HealingSample& s, int) {
    if (!metrics_.sessions.empty()) close_session();
    metrics_.sessions.push_back({});
    metrics_.sessions.back().start_day = s.day;
    session_start_s_ = t_prev_ = s.day * kDay;
    open0_ = open_prev_ = s.open_channels_mm3;
    if (open0_ == 0) metrics_.sessions.back().channel_closure_h = 0;
    erythema_.assign(1, {0.0, s.erythema});
    redness_prev_ = s.redness_max;
    if (redness_prev_ < params_.control.erythema_visible) metrics_.sessions.back().redness_visible_h = 0;
}

void HealingRecorder::on_step(const HealingSample& s, const HealStepPlan& plan) {
    if (metrics_.sessions.empty()) return;
    SessionMetrics& m = metrics_.sessions.back();
    const double t = s.day * kDay, h = (t - session_start_s_) / kHour;
    const double open = s.open_channels_mm3;
    if (m.channel_closure_h < 0 && open <= 0.1 * open0_)
        m.channel_closure_h = crossing((t_prev_ - session_start_s_) / kHour, open_prev_, h, open, 0.1 * open0_);
    open_prev_ = open;
    t_prev_ = t;
    erythema_.push_back({h, s.erythema});
    // Redness is visible until the reddest column falls below the threshold (after it has risen above it).
    const double visible = params_.control.erythema_visible, redness = s.redness_max;
    if (redness >= visible) m.redness_visible_h = -1;
    else if (redness_prev_ >= visible)
        m.redness_visible_h = crossing(erythema_[erythema_.size() - 2].first, redness_prev_, h, redness, visible);
    redness_prev_ = redness;
    if (plan.diffuse_serum) m.serum_max_depth_um = std::max(m.serum_max_depth_um, s.serum_depth_um);
}

void HealingRecorder::on_sample(const HealingSample& s, const TissueState*) { metrics_.curves.push_back(s); }

void HealingRecorder::close_session() {
    SessionMetrics& m = metrics_.sessions.back();
    std::size_t peak = 0;
    for (std::size_t i = 1; i < erythema_.size(); ++i)
        if (erythema_[i].second > erythema_[peak].second) peak = i;
    m.erythema_peak = erythema_[peak].second;
    m.erythema_peak_h = erythema_[peak].first;
    const double level = 0.1 * m.erythema_peak;
    for (std::size_t i = peak + 1; i < erythema_.size() && m.erythema_peak > 0; ++i)
        if (erythema_[i].second < level) {
            m.erythema_resolved_h = crossing(erythema_[i - 1].first, erythema_[i - 1].second, erythema_[i].first,
                                             erythema_[i].second, level);
            break;
        }
}

const HealingMetrics& HealingRecorder::finish() {
    if (!metrics_.sessions.empty() && !erythema_.empty()) {
        close_session();
        erythema_.clear();
        const SessionMetrics& first = metrics_.sessions.front();
        metrics_.channel_closure_h = first.channel_closure_h;
        metrics_.erythema_peak_h = first.erythema_peak_h;
        metrics_.erythema_resolved_h = first.erythema_resolved_h;
        metrics_.redness_visible_h = first.redness_visible_h;
    }
    return metrics_;
}

namespace {
nlohmann::json or_null(double v) { return v < 0 ? nlohmann::json(nullptr) : nlohmann::json(v); }

const std::vector<std::pair<const char*, double HealingSample::*>>& curve_columns() {
    static const std::vector<std::pair<const char*, double HealingSample::*>> c = {
        {"day", &HealingSample::day},
        {"open_channels", &HealingSample::open_channels_mm3},
        {"erythema", &HealingSample::erythema},
        {"redness_max", &HealingSample::redness_max},
        {"macrophages", &HealingSample::macrophages},
        {"fibroblasts", &HealingSample::fibroblasts},
        {"fibroblasts_fold", &HealingSample::fibroblasts_fold},
        {"collagen_I_pct", &HealingSample::collagen_I_pct},
        {"collagen_III_pct", &HealingSample::collagen_III_pct},
        {"collagen_pct", &HealingSample::collagen_pct},
        {"collagen_I_pct_papillary", &HealingSample::collagen_I_pct_papillary},
        {"collagen_III_pct_papillary", &HealingSample::collagen_III_pct_papillary},
        {"collagen_pct_papillary", &HealingSample::collagen_pct_papillary},
        {"elastin_pct", &HealingSample::elastin_pct},
        {"elastin_pct_papillary", &HealingSample::elastin_pct_papillary},
        {"capillaries_pct_papillary", &HealingSample::capillaries_pct_papillary},
        {"serum_depth_um", &HealingSample::serum_depth_um},
        {"epidermis_pct", &HealingSample::epidermis_pct}};
    return c;
}
}  // namespace

nlohmann::json to_json(const HealingMetrics& m) {
    nlohmann::json j;
    j["channel_closure_h"] = or_null(m.channel_closure_h);
    j["erythema_peak_h"] = or_null(m.erythema_peak_h);
    j["erythema_resolved_h"] = or_null(m.erythema_resolved_h);
    j["redness_visible_h"] = or_null(m.redness_visible_h);
    j["sessions"] = nlohmann::json::array();
    for (const SessionMetrics& s : m.sessions)
        j["sessions"].push_back({{"start_day", s.start_day}, {"channel_closure_h", or_null(s.channel_closure_h)},
                                 {"erythema_peak", s.erythema_peak}, {"erythema_peak_h", or_null(s.erythema_peak_h)},
                                 {"erythema_resolved_h", or_null(s.erythema_resolved_h)},
                                 {"redness_visible_h", or_null(s.redness_visible_h)},
                                 {"serum_max_depth_um", s.serum_max_depth_um}});
    nlohmann::json curves = nlohmann::json::object();
    for (const auto& [name, member] : curve_columns()) {
        nlohmann::json column = nlohmann::json::array();
        for (const HealingSample& s : m.curves) column.push_back(s.*member);
        curves[name] = column;
    }
    j["curves"] = curves;
    j["units"] = {{"open_channels", "mm^3"}, {"erythema", "0..1"}, {"redness_max", "0..1"},
                  {"redness_visible_h", "h until no column's vasodilation is above erythema_visible"},
                  {"macrophages", "fraction of cap"}, {"fibroblasts", "fraction of cap"},
                  {"*_pct", "% change from untreated baseline"}, {"serum_depth_um", "um"}};
    return j;
}

std::string to_csv(const std::vector<HealingSample>& curves) {
    std::ostringstream out;
    const auto& cols = curve_columns();
    for (std::size_t i = 0; i < cols.size(); ++i) out << (i ? "," : "") << cols[i].first;
    out << '\n';
    char buf[32];
    for (const HealingSample& s : curves) {
        for (std::size_t i = 0; i < cols.size(); ++i) {
            std::snprintf(buf, sizeof buf, "%.6g", s.*cols[i].second);
            out << (i ? "," : "") << buf;
        }
        out << '\n';
    }
    return out.str();
}

}  // namespace dermasim
