#include "engine/sim/healing_metrics.hpp"

#include <algorithm>
#include <cstdio>
#include <initializer_list>
#include <sstream>
#include "engine/sim/baseline.hpp"

namespace dermasim {
namespace {

constexpr double kHour = 3600.0, kDay = 86400.0;

double pct(double value, double base) { return base > 0 ? 100.0 * (value - base) / base : 0.0; }

// Sums of a field over the slices of one layer, and of its baseline over the same voxels.
struct LayerSums {
    double c1 = 0, c3 = 0, el = 0, cap = 0, fib = 0;
    double c1_0 = 0, c3_0 = 0, el_0 = 0, cap_0 = 0, fib_0 = 0;
    void add(const LayerSums& o) {
        c1 += o.c1, c3 += o.c3, el += o.el, cap += o.cap, fib += o.fib;
        c1_0 += o.c1_0, c3_0 += o.c3_0, el_0 += o.el_0, cap_0 += o.cap_0, fib_0 += o.fib_0;
    }
};

LayerSums layer_sums(const TissueState& s, Layer layer, const kernel::HealParams& p, std::size_t* voxels) {
    LayerSums out;
    const TissueGrid& g = s.grid;
    const std::size_t slice = std::size_t(g.nx) * g.ny;
    const kernel::VoxelState b = baseline_of(layer, p);
    for (int k = 0; k < g.nz; ++k) {
        if (g.layer_at(k) != layer) continue;
        for (std::size_t n = k * slice; n < (k + 1) * slice; ++n) {
            out.c1 += s.field(Field::Collagen1)[n];
            out.c3 += s.field(Field::Collagen3)[n];
            out.el += s.field(Field::Elastin)[n];
            out.cap += s.field(Field::Capillaries)[n];
            out.fib += s.field(Field::Fibroblasts)[n];
        }
        out.c1_0 += b.collagen1 * slice, out.c3_0 += b.collagen3 * slice, out.el_0 += b.elastin * slice;
        out.cap_0 += b.capillaries * slice, out.fib_0 += b.fibroblasts * slice;
        *voxels += slice;
    }
    return out;
}

// The mean of a field over every voxel of the given layers.
double field_mean(const TissueState& s, Field field, std::initializer_list<Layer> layers) {
    const TissueGrid& g = s.grid;
    const std::size_t slice = std::size_t(g.nx) * g.ny;
    double sum = 0;
    std::size_t count = 0;
    for (int k = 0; k < g.nz; ++k) {
        if (std::find(layers.begin(), layers.end(), g.layer_at(k)) == layers.end()) continue;
        for (std::size_t n = k * slice; n < (k + 1) * slice; ++n) sum += s.field(field)[n];
        count += slice;
    }
    return count ? sum / count : 0.0;
}

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

double surface_erythema(const TissueState& s) {
    return field_mean(s, Field::Erythema, {Layer::PapillaryDermis});
}

double reddest_column(const TissueState& s) {
    const TissueGrid& g = s.grid;
    const std::size_t slice = std::size_t(g.nx) * g.ny;
    std::vector<double> columns(slice, 0.0);
    int slices = 0;
    for (int k = 0; k < g.nz; ++k) {
        if (g.layer_at(k) != Layer::PapillaryDermis) continue;
        const float* e = s.field(Field::Erythema).data() + k * slice;
        for (std::size_t n = 0; n < slice; ++n) columns[n] += e[n];
        ++slices;
    }
    return slices ? *std::max_element(columns.begin(), columns.end()) / slices : 0.0;
}

double mean_dermal_macrophages(const TissueState& s) {
    return field_mean(s, Field::Macrophages, {Layer::PapillaryDermis, Layer::ReticularDermis});
}

double epidermal_thickening(const TissueState& s) {
    // Every column has the same papillary slices, so the mean over them is the mean over columns.
    return field_mean(s, Field::Epidermis, {Layer::PapillaryDermis});
}

double serum_depth_um(const TissueState& s, double threshold) {
    const TissueGrid& g = s.grid;
    const std::size_t slice = std::size_t(g.nx) * g.ny;
    for (int k = g.nz - 1; k >= 0; --k) {
        const auto first = s.field(Field::Serum).begin() + k * slice;
        if (*std::max_element(first, first + slice) >= threshold) return (k + 0.5) * g.dz_mm * 1000.0;
    }
    return 0.0;
}

HealingSample sample_healing(const TissueState& s, const HealParameters& params) {
    HealingSample h;
    h.day = s.time_s / kDay;
    h.open_channels_mm3 = open_channel_volume_mm3(s);
    h.erythema = surface_erythema(s);
    h.redness_max = reddest_column(s);
    h.macrophages = mean_dermal_macrophages(s);
    std::size_t pap_voxels = 0, ret_voxels = 0;
    const LayerSums pap = layer_sums(s, Layer::PapillaryDermis, params.kernel, &pap_voxels);
    LayerSums all = layer_sums(s, Layer::ReticularDermis, params.kernel, &ret_voxels);
    all.add(pap);
    const std::size_t dermis_voxels = pap_voxels + ret_voxels;
    h.fibroblasts = dermis_voxels ? all.fib / dermis_voxels : 0.0;
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
    h.serum_depth_um = serum_depth_um(s, params.control.serum_depth_threshold);
    h.epidermis_pct = 100.0 * epidermal_thickening(s);
    return h;
}

HealingRecorder::HealingRecorder(const HealParameters& params) : params_(params) {}

void HealingRecorder::on_session(const TissueState& s, int) {
    if (!metrics_.sessions.empty()) close_session();
    metrics_.sessions.push_back({});
    metrics_.sessions.back().start_day = s.time_s / kDay;
    session_start_s_ = t_prev_ = s.time_s;
    open0_ = open_prev_ = open_channel_volume_mm3(s);
    if (open0_ == 0) metrics_.sessions.back().channel_closure_h = 0;
    erythema_.assign(1, {0.0, surface_erythema(s)});
    redness_prev_ = reddest_column(s);
    if (redness_prev_ < params_.control.erythema_visible) metrics_.sessions.back().redness_visible_h = 0;
}

void HealingRecorder::on_step(const TissueState& s, const HealStepPlan& plan) {
    if (metrics_.sessions.empty()) return;
    SessionMetrics& m = metrics_.sessions.back();
    const double h = (s.time_s - session_start_s_) / kHour;
    const double open = open_channel_volume_mm3(s);
    if (m.channel_closure_h < 0 && open <= 0.1 * open0_)
        m.channel_closure_h = crossing((t_prev_ - session_start_s_) / kHour, open_prev_, h, open, 0.1 * open0_);
    open_prev_ = open;
    t_prev_ = s.time_s;
    erythema_.push_back({h, surface_erythema(s)});
    // Redness is visible until the reddest column falls below the threshold (after it has risen above it).
    const double visible = params_.control.erythema_visible, redness = reddest_column(s);
    if (redness >= visible) m.redness_visible_h = -1;
    else if (redness_prev_ >= visible)
        m.redness_visible_h = crossing(erythema_[erythema_.size() - 2].first, redness_prev_, h, redness, visible);
    redness_prev_ = redness;
    if (plan.diffuse_serum)
        m.serum_max_depth_um = std::max(m.serum_max_depth_um, serum_depth_um(s, params_.control.serum_depth_threshold));
}

void HealingRecorder::on_sample(const TissueState& s) { metrics_.curves.push_back(sample_healing(s, params_)); }

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
