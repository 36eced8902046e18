#!/usr/bin/env bash
# The baseline the heal step is compared with (docs/PERFORMANCE.md): BioFVM's constant-coefficient LOD 3-D
# diffusion-decay solver (PhysiCell's, the same locally one-dimensional implicit scheme) on the CI grid's size,
# 48 x 48 x 103 voxels, 3 substrates, timed at 1 and 2 OpenMP threads in alternating rounds; prints each run's
# diffusing field-voxel updates per second and the medians. BioFVM is not part of DermaSim: check it out first,
#   git clone https://github.com/MathCancer/BioFVM /tmp/BioFVM      (measured: 503d27c, version 1.0.4)
#   scripts/biofvm.sh /tmp/BioFVM             (ROUNDS=5 and STEPS=200 by default; set them in the environment)
# PhysiCell's bundled copy works too (its BioFVM folder); it was slower here (see docs/PERFORMANCE.md).
set -euo pipefail
src=${1:?usage: scripts/biofvm.sh BIOFVM_SOURCE_FOLDER}
[ -f "$src/BioFVM.h" ] || { echo "biofvm.sh: '$src' has no BioFVM.h; give a checkout of MathCancer/BioFVM"; exit 1; }
cd "$(dirname "$0")/.."
out=build/biofvm
mkdir -p "$out/obj"
cxx=(g++ -O3 -march=native -fopenmp -std=c++11)
for unit in BioFVM_vector BioFVM_matlab BioFVM_utilities BioFVM_mesh BioFVM_microenvironment BioFVM_solvers \
            BioFVM_basic_agent BioFVM_agent_container BioFVM_MultiCellDS pugixml; do
  echo "$unit"
done | xargs -P2 -I{} "${cxx[@]}" -w -c "$src/{}.cpp" -o "$out/obj/{}.o"
"${cxx[@]}" -I"$src" scripts/biofvm/bench.cpp "$out"/obj/*.o -o "$out/bench"
rounds=${ROUNDS:-5} steps=${STEPS:-200}
declare -A runs
for r in $(seq 1 "$rounds"); do
  for threads in 1 2; do
    line=$(OMP_NUM_THREADS=$threads "$out/bench" "$steps" 5 | grep '^threads=')
    rate=$(sed -n 's/.*updates_per_s=\([^ ]*\).*/\1/p' <<<"$line")
    runs[$threads]="${runs[$threads]:-} $rate"
    echo "round $r, $threads thread(s): $rate updates/s (load $(cut -d' ' -f1 /proc/loadavg))"
  done
done
for threads in 1 2; do
  median=$(printf '%s\n' ${runs[$threads]} | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}')
  echo "BioFVM, $threads thread(s): median $median diffusing field-voxel updates/s"
done
