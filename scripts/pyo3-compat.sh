#!/usr/bin/env bash
# PyO3's own test crates with ferrule and with PyO3 + maturin, pass counts side by side.
# Usage: bash scripts/pyo3-compat.sh PATH_TO_PYO3_CHECKOUT [--only pytests ...] [--skip-pyo3] [--features F]
#        bash scripts/pyo3-compat.sh PATH_TO_PYO3_CHECKOUT --bench   # pytests' --benchmark-only cases, both builds
# Not run in CI: it needs a PyO3 checkout (a release tag such as v0.29.2).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
[ $# -ge 1 ] || { echo "usage: $0 PATH_TO_PYO3_CHECKOUT [--only CRATE ...] [--skip-pyo3] [--bench]" >&2; exit 2; }
if [ "${2:-}" = "--bench" ]; then
    checkout=$1; shift 2
    exec "${PYTHON:-python3}" "$root/benchmarks/pyo3_pytests_bench.py" "$checkout" "$@"
fi
exec "${PYTHON:-python3}" "$root/scripts/pyo3_compat.py" "$@"
