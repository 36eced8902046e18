// Throughput benchmark of BioFVM's constant-coefficient LOD 3-D diffusion-decay solver.
// Grid 48 x 48 x 103 voxels, dx = dy = dz = 20 um, 3 substrates,
// D = 1000 um^2/min, decay = 0.1 /min, dt = 0.01 min.
// Usage (scripts/biofvm.sh builds and runs it): bench [timed_steps=200] [warmup_steps=5]
// Threads: from OMP_NUM_THREADS (the driver does not call omp_set_num_threads).
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <omp.h>

#include "BioFVM.h"

using namespace BioFVM;

int main(int argc, char* argv[])
{
	int timed_steps = argc > 1 ? atoi(argv[1]) : 200;
	int warmup_steps = argc > 2 ? atoi(argv[2]) : 5;
	const double dt = 0.01;          // min (BioFVM default diffusion dt)
	const double D = 1000.0;         // um^2/min
	const double decay = 0.1;        // 1/min
	const double dx = 20.0;          // um

	Microenvironment M;
	M.name = "bench";
	M.spatial_units = "microns";
	M.mesh.units = "microns";
	M.time_units = "minutes";
	M.set_density(0, "s0", "dimensionless", D, decay);
	M.add_density("s1", "dimensionless", D, decay);
	M.add_density("s2", "dimensionless", D, decay);

	// 48 x 48 x 103 voxels of 20 um
	M.resize_space(0.0, 48 * dx, 0.0, 48 * dx, 0.0, 103 * dx, dx, dx, dx);
	M.diffusion_decay_solver = diffusion_decay_solver__constant_coefficients_LOD_3D;

	int nx = M.mesh.x_coordinates.size();
	int ny = M.mesh.y_coordinates.size();
	int nz = M.mesh.z_coordinates.size();
	int nvox = M.number_of_voxels();
	int nsub = M.number_of_densities();
	if (nx != 48 || ny != 48 || nz != 103 || nvox != 237312 || nsub != 3 || !M.mesh.uniform_mesh) {
		std::printf("unexpected mesh: %d x %d x %d = %d voxels, %d substrates, uniform=%d\n",
		            nx, ny, nz, nvox, nsub, (int)M.mesh.uniform_mesh);
		return 1;
	}

	// Non-zero initial densities: a Gaussian bump per substrate plus a small background.
	double cx = 24 * dx, cy = 24 * dx, cz = 51.5 * dx;
	for (int n = 0; n < nvox; n++) {
		std::vector<double>& c = M.voxels(n).center;
		double r2 = (c[0] - cx) * (c[0] - cx) + (c[1] - cy) * (c[1] - cy) + (c[2] - cz) * (c[2] - cz);
		std::vector<double>& rho = M.density_vector(n);
		for (int s = 0; s < nsub; s++)
			rho[s] = 0.1 + (s + 1) * std::exp(-r2 / (2.0 * 200.0 * 200.0));
	}

	auto total = [&]() {
		double t = 0.0;
		for (int n = 0; n < nvox; n++)
			for (int s = 0; s < nsub; s++) t += M.density_vector(n)[s];
		return t;
	};
	double mass0 = total();

	for (int i = 0; i < warmup_steps; i++) M.simulate_diffusion_decay(dt);

	auto t0 = std::chrono::steady_clock::now();
	for (int i = 0; i < timed_steps; i++) M.simulate_diffusion_decay(dt);
	auto t1 = std::chrono::steady_clock::now();
	double secs = std::chrono::duration<double>(t1 - t0).count();

	double mass1 = total();
	double updates = (double)nvox * nsub * timed_steps;
	std::printf("threads=%d grid=%dx%dx%d voxels=%d substrates=%d dt=%g D=%g decay=%g dx=%g "
	            "warmup=%d steps=%d seconds=%.4f ms_per_step=%.3f updates_per_s=%.4e "
	            "mass0=%.6e mass_end=%.6e\n",
	            omp_get_max_threads(), nx, ny, nz, nvox, nsub, dt, D, decay, dx, warmup_steps,
	            timed_steps, secs, 1000.0 * secs / timed_steps, updates / secs, mass0, mass1);
	return 0;
}
