#include "engine/sim/heal_line_solve.hpp"

#include <vector>
#include "engine/sim/heal_step.hpp"

namespace dermasim {
namespace {

Field field_of(int diffusing) {
    switch (diffusing) {
        case kernel::HEAL_DIFFUSE_SIGNAL: return Field::Signal;
        case kernel::HEAL_DIFFUSE_FIBROBLASTS: return Field::Fibroblasts;
        default: return Field::Serum;
    }
}

// Thomas algorithm on rows (a, b, c, d) = (sub, diagonal, super, right-hand side), in place: the result
// lands in row.w. The GPU must do exactly this, in float, in this order (one invocation per line, the
// c' and d' scratch in row.z / row.w):
//   c'0 = c0 / b0;  d'0 = d0 / b0
//   for i = 1..n-1:  m = b_i - a_i * c'(i-1);  c'i = c_i / m;  d'i = (d_i - a_i * d'(i-1)) / m
//   u(n-1) = d'(n-1);  for i = n-2..0:  u_i = d'i - c'i * u(i+1)
// The rows are strictly diagonally dominant (b = 1 + lo + hi, |a| + |c| = lo + hi), so m >= 1: no pivoting.
void thomas_solve(std::vector<glm::vec4>& rows) {
    const int n = static_cast<int>(rows.size());
    rows[0].z = rows[0].z / rows[0].y;
    rows[0].w = rows[0].w / rows[0].y;
    for (int i = 1; i < n; ++i) {
        const float m = rows[i].y - rows[i].x * rows[i - 1].z;
        rows[i].z = rows[i].z / m;
        rows[i].w = (rows[i].w - rows[i].x * rows[i - 1].w) / m;
    }
    for (int i = n - 2; i >= 0; --i) rows[i].w = rows[i].w - rows[i].z * rows[i + 1].w;
}

// Solves one line of n voxels starting at `first`, `stride` apart, voxel size h along the line.
// Per voxel diffusivity from the kernel; faces take the harmonic mean; the line's end faces carry no flux.
struct LineSolver {
    TissueState& state;
    const kernel::HealParams& params;
    int field;
    float dt;
    std::vector<float>& u;
    const std::vector<float>& open;
    std::vector<float> d;
    std::vector<glm::vec4> rows;

    void solve(std::size_t first, std::size_t stride, int n, float h, bool along_depth, int layer_if_lateral,
               float serum_surface) {
        d.resize(n);
        rows.resize(n);
        for (int s = 0; s < n; ++s) {
            const std::size_t v = first + s * stride;
            const int layer = along_depth ? static_cast<int>(state.grid.layer_at(s)) : layer_if_lateral;
            d[s] = kernel::heal_diffusivity(field, layer, open[v], along_depth ? 1 : 0, params);
        }
        for (int s = 0; s < n; ++s) {
            const float lo = s > 0 ? kernel::heal_face_diffusivity(d[s - 1], d[s]) : 0.0f;
            const float hi = s + 1 < n ? kernel::heal_face_diffusivity(d[s], d[s + 1]) : 0.0f;
            rows[s] = kernel::heal_line_row(lo, hi, h, dt, u[first + s * stride]);
        }
        if (along_depth && field == kernel::HEAL_DIFFUSE_SERUM)
            rows[0] = kernel::heal_serum_top_row(rows[0], open[first], serum_surface, h, dt, params);
        thomas_solve(rows);
        for (int s = 0; s < n; ++s) u[first + s * stride] = rows[s].w;
    }
};

}  // namespace

void diffuse_field(TissueState& state, const kernel::HealParams& params, int field, const HealStepPlan& plan) {
    const TissueGrid& g = state.grid;
    LineSolver line{state, params, field, static_cast<float>(plan.dt_s), state.field(field_of(field)),
                    state.field(Field::OpenChannel), {}, {}};
    const std::size_t slice = std::size_t(g.nx) * g.ny;
    for (int k = 0; k < g.nz; ++k) {
        const int layer = static_cast<int>(g.layer_at(k));
        for (int j = 0; j < g.ny; ++j) line.solve(g.index(0, j, k), 1, g.nx, g.dx_mm, false, layer, 0.0f);
        for (int i = 0; i < g.nx; ++i) line.solve(g.index(i, 0, k), g.nx, g.ny, g.dy_mm, false, layer, 0.0f);
    }
    for (std::size_t col = 0; col < slice; ++col) line.solve(col, slice, g.nz, g.dz_mm, true, 0, plan.serum_surface);
}

}  // namespace dermasim
