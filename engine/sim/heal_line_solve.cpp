#include "engine/sim/heal_line_solve.hpp"

#include <algorithm>
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

// The Thomas algorithm on rows (a, b, c, d) = (sub, diagonal, super, right-hand side), as the GPU does it
// (heal_diffuse.comp), in float and in this order:
//   forward:  (a, m, c') = kernel::heal_eliminate(row_s, c'(s-1));  d's = (d_s - a * d'(s-1)) / m
//   back:     u(n-1) = d'(n-1);  for s = n-2..0:  u_s = d's - c's * u(s+1)
// The rows are strictly diagonally dominant (b = 1 + lo + hi, |a| + |c| = lo + hi), so m >= 1: no pivoting.
// The elimination (a, m, c') depends on the matrix only; where every line of a layer has the same matrix it is
// computed once (EliminationTable) and only the right-hand side is swept per line.

// One line of n voxels, `stride` apart from `first`, in the field u.
struct Line {
    std::vector<float>& u;
    std::size_t first, stride;
    int n;
    float& at(int s) const { return u[first + std::size_t(s) * stride]; }
};

// Forward sweep of the right-hand side (d' left in place in u) and back substitution with c'.
void sweep(const Line& line, const glm::vec4* elimination) {
    float e_prev = 0.0f;
    for (int s = 0; s < line.n; ++s) {
        const glm::vec4& k = elimination[s];
        e_prev = (line.at(s) - k.x * e_prev) / k.y;
        line.at(s) = e_prev;
    }
    float next = e_prev;
    for (int s = line.n - 2; s >= 0; --s) {
        next = line.at(s) - elimination[s].z * next;
        line.at(s) = next;
    }
}

// heal_line_coeffs.comp on the CPU: the elimination of one (field, axis, layer) whose diffusivity depends on
// the layer alone, along an axis (0 x, 1 y, 2 depth: each row takes the layer of its slice, `layer` unused).
std::vector<glm::vec4> elimination_table(const TissueGrid& g, const kernel::HealParams& p, int field, int axis, int n,
                                         float h, float dt, int layer) {
    const bool depth = axis == 2;
    auto layer_of = [&](int s) { return depth ? int(g.layer_at(std::clamp(s, 0, n - 1))) : layer; };
    std::vector<glm::vec4> table(n);
    float c_prev = 0.0f;
    for (int s = 0; s < n; ++s) {
        const glm::vec4 row =
            kernel::heal_table_row(field, axis, layer_of(s - 1), layer_of(s), layer_of(s + 1), s, n, h, dt, p);
        table[s] = kernel::heal_eliminate(row, c_prev);
        c_prev = table[s].z;
    }
    return table;
}

// Lines whose diffusivity follows the open channels (kernel::heal_diffusivity_uses_open): the matrix differs
// from line to line, so each eliminates its own rows. The serum's depth lines add the surface flux to the top row.
struct PerVoxelSolver {
    const TissueState& state;
    const kernel::HealParams& p;
    int field;
    float dt, serum_surface;
    std::vector<float> d;
    std::vector<glm::vec2> eliminated;  // (c', d') per voxel

    // A depth line starts at depth first_slice (only the serum's take the surface flux: theirs start at 0).
    void solve(const Line& line, float h, int along_depth, int lateral_layer, int first_slice) {
        const std::vector<float>& open = state.field(Field::OpenChannel);
        const int n = line.n;
        d.resize(n);
        eliminated.resize(n);
        for (int s = 0; s < n; ++s) {
            const int layer = along_depth ? int(state.grid.layer_at(first_slice + s)) : lateral_layer;
            d[s] = kernel::heal_diffusivity(field, layer, open[line.first + s * line.stride], along_depth, p);
        }
        const bool surface = along_depth && field == kernel::HEAL_DIFFUSE_SERUM;
        float c_prev = 0.0f, e_prev = 0.0f;
        for (int s = 0; s < n; ++s) {
            const float lo = s > 0 ? kernel::heal_face_diffusivity(d[s - 1], d[s]) : 0.0f;
            const float hi = s + 1 < n ? kernel::heal_face_diffusivity(d[s], d[s + 1]) : 0.0f;
            glm::vec4 row = kernel::heal_line_row(lo, hi, h, dt, line.at(s));
            if (s == 0 && surface) row = kernel::heal_serum_top_row(row, open[line.first], serum_surface, h, dt, p);
            const glm::vec4 k = kernel::heal_eliminate(row, c_prev);
            const float e = (row.w - k.x * e_prev) / k.y;
            eliminated[s] = {k.z, e};
            c_prev = k.z;
            e_prev = e;
        }
        float next = e_prev;
        line.at(n - 1) = next;
        for (int s = n - 2; s >= 0; --s) {
            next = eliminated[s].y - eliminated[s].x * next;
            line.at(s) = next;
        }
    }
};

}  // namespace

std::optional<std::pair<int, int>> dermis_run(const TissueGrid& g) {
    int first = g.nz, end = g.nz;
    for (int k = 0; k < g.nz; ++k) {
        const bool dermis = kernel::heal_is_dermis(static_cast<int>(g.layer_at(k)));
        if (dermis && first == g.nz) first = k;
        if (dermis && end < k) return std::nullopt;  // a second run
        if (!dermis && first < g.nz && end == g.nz) end = k;
    }
    return std::pair{first, end};
}

std::pair<int, int> diffusing_slices(const TissueGrid& g, int field) {
    if (field == kernel::HEAL_DIFFUSE_FIBROBLASTS)
        if (const auto dermis = dermis_run(g)) return *dermis;
    return {0, g.nz};
}

double diffusing_fraction(const TissueGrid& g, int field) {
    const auto [from, to] = diffusing_slices(g, field);
    return g.nz > 0 ? double(to - from) / g.nz : 0.0;
}

void diffuse_field(TissueState& state, const kernel::HealParams& params, int field, const HealStepPlan& plan) {
    const TissueGrid& g = state.grid;
    const float dt = static_cast<float>(plan.dt_s);
    std::vector<float>& u = state.field(field_of(field));
    PerVoxelSolver per_voxel{state, params, field, dt, plan.serum_surface, {}, {}};
    const bool lateral_per_voxel = kernel::heal_diffusivity_uses_open(field, 0);
    const bool depth_per_voxel = kernel::heal_diffusivity_uses_open(field, 1);
    std::vector<std::vector<glm::vec4>> x_tables, y_tables;
    for (int layer = 0; layer < kernel::HEAL_LAYER_COUNT && !lateral_per_voxel; ++layer) {
        x_tables.push_back(elimination_table(g, params, field, 0, g.nx, g.dx_mm, dt, layer));
        y_tables.push_back(elimination_table(g, params, field, 1, g.ny, g.dy_mm, dt, layer));
    }
    const auto [from, to] = diffusing_slices(g, field);
    if (from >= to) return;
    for (int k = from; k < to; ++k) {
        const int layer = static_cast<int>(g.layer_at(k));
        for (int j = 0; j < g.ny; ++j) {
            const Line line{u, g.index(0, j, k), 1, g.nx};
            if (lateral_per_voxel) per_voxel.solve(line, g.dx_mm, 0, layer, 0);
            else sweep(line, x_tables[layer].data());
        }
        for (int i = 0; i < g.nx; ++i) {
            const Line line{u, g.index(i, 0, k), std::size_t(g.nx), g.ny};
            if (lateral_per_voxel) per_voxel.solve(line, g.dy_mm, 0, layer, 0);
            else sweep(line, y_tables[layer].data());
        }
    }
    // The depth lines' rows from..to-1 take the whole line's elimination from row `from` on.
    const std::size_t slice = std::size_t(g.nx) * g.ny;
    std::vector<glm::vec4> z_table;
    if (!depth_per_voxel) z_table = elimination_table(g, params, field, 2, g.nz, g.dz_mm, dt, 0);
    for (std::size_t col = 0; col < slice; ++col) {
        const Line line{u, col + std::size_t(from) * slice, slice, to - from};
        if (depth_per_voxel) per_voxel.solve(line, g.dz_mm, 1, 0, from);
        else sweep(line, z_table.data() + from);
    }
}

}  // namespace dermasim
