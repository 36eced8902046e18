#!/usr/bin/env bash
# The full convergence check (docs/MODEL.md "Convergence"): the medium grid against the CI grid, 4x finer
# steps, and the same injury held in fewer, finer columns. Tens of minutes on 2 cores; not in the default suite.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh dermasim_unit_tests >/dev/null
build/tests/dermasim_unit_tests --gtest_also_run_disabled_tests --gtest_filter='HealConvergence.*'
