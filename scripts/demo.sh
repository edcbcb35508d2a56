#!/usr/bin/env bash
# The quick start on a fresh machine: install ferrule into a new virtualenv,
# scaffold a project, build it with `ferrule develop`, and call it from Python.
#
# Works in $FERRULE_DEMO_DIR if set (kept afterwards, for a look around), else in a
# new folder under the system temp dir that is removed when the script ends.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
python="${PYTHON:-python3}"
if [ -n "${FERRULE_DEMO_DIR:-}" ]; then
    work="$FERRULE_DEMO_DIR"
    mkdir -p "$work"
    keep=1
else
    work=$(mktemp -d "${TMPDIR:-/tmp}/ferrule-demo.XXXXXX")
    keep=0
fi
verdict="demo: FAILED (see the error above)"
cleanup() {
    if [ "$keep" = 0 ]; then
        rm -rf "$work"
        echo "demo: removed $work"
    else
        echo "demo: left everything in $work (FERRULE_DEMO_DIR)"
    fi
    echo "$verdict"
}
trap cleanup EXIT
echo "demo: working in $work"

echo "demo: installing ferrule from $root into $work/venv"
"$python" -m venv "$work/venv"
. "$work/venv/bin/activate"
python -m pip install --quiet --disable-pip-version-check "$root"

cd "$work"
echo "demo: ferrule new demo"
ferrule new demo >/dev/null
cd demo
echo "demo: ferrule develop"
ferrule develop
result=$(python -c "from demo import add; print(add(1, 2))")
echo "demo: from demo import add; add(1, 2) -> $result"
if [ "$result" != 3 ]; then
    verdict="demo: FAILED (add(1, 2) gave $result, expected 3)"
    exit 1
fi
verdict="demo: OK (ferrule installed, demo built with ferrule develop, add(1, 2) == 3)"
