#!/usr/bin/env bash
# The quick start on a fresh machine: install ferrule into a new virtualenv,
# scaffold a project, build it with `ferrule develop`, and call it from Python.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work="${FERRULE_DEMO_DIR:-$(mktemp -d)}"
python="${PYTHON:-python3}"
"$python" -m venv "$work/venv"
. "$work/venv/bin/activate"
python -m pip install --quiet --disable-pip-version-check "$root"
cd "$work"
ferrule new demo
cd demo
ferrule develop
python -c "from demo import add; print(add(1, 2))"
