#!/usr/bin/env bash
# Sets up a virtualenv with ferrule and its test dependencies, then runs the whole suite.
# Extra arguments go to pytest (e.g. `bash scripts/test.sh -k signature`).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
venv="${FERRULE_TEST_VENV:-$root/.venv-test}"
python="${PYTHON:-python3}"
if [ "${FERRULE_VENV_READY:-}" != 1 ]; then  # 1: set up already, and in use by another run (.ci/run)
    [ -x "$venv/bin/python" ] || "$python" -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -e "$root[test]"
fi
cd "$root"
exec "$venv/bin/python" -m pytest tests -q "$@"
