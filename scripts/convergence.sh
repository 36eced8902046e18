#!/usr/bin/env bash
# The full convergence check (docs/MODEL.md "Convergence"): the medium grid against the CI grid and 4x finer
# steps, for a 1.5 mm cheek treatment over 8 weeks. Minutes on 2 cores; not part of the default suite.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh dermasim_unit_tests >/dev/null
build/tests/dermasim_unit_tests --gtest_also_run_disabled_tests --gtest_filter='HealConvergence.*'
