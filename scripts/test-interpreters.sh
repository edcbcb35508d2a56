#!/usr/bin/env bash
# The e2e crates' tests (tests/crates/* through tests/test_e2e_*.py, panics, threads,
# properties) and `ferrule doctor` on every interpreter ferrule targets besides the CPython 3.11 that
# scripts/test.sh uses:
#   host (Debian bookworm): python3.11-dbg, PyPy 3.9;
#   Debian sid chroot: CPython 3.13 and 3.14, PyPy 3.11 (PyPy 8.0), and the
#   abi3 wheels built on the host's 3.11, installed with pip, on 3.13 and 3.14.
# ferrule runs on CPython only (tree-sitter's binding does not build on PyPy): on
# the host from scripts/test.sh's venv, in the chroot from CPython 3.13 and 3.14
# venvs into which ferrule is pip-installed, each targeting the other interpreters
# with `-i`. The chroot is built when missing (debootstrap, ~4 minutes; needs root).
#
# Usage: bash scripts/test-interpreters.sh [host|sid|abi3|chroot|shell]...  (default: host sid abi3;
# chroot only builds the chroot, which .ci/run does in the background while scripts/test.sh runs)
# Environment: FERRULE_SID_CHROOT (default /var/cache/ferrule-sid), PYTEST_ARGS, FERRULE_INTERP_TESTS,
# FERRULE_VENV_READY.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
chroot_dir="${FERRULE_SID_CHROOT:-/var/cache/ferrule-sid}"
work="$root/target/interpreters"
host_venv="${FERRULE_TEST_VENV:-$root/.venv-test}"
# Every e2e test file except the stub ones (mypy checks the generator, not the interpreter)
# and the abi3 one (it builds its own abi3 crate for this machine's CPython).
tests=()
for f in "$root"/tests/test_e2e_*.py; do
    case "$f" in *_stubs.py|*_abi3.py) ;; *) tests+=("tests/${f##*/}") ;; esac
done
tests+=(tests/test_panics.py tests/test_threads.py tests/test_properties.py)
# The runtime's soundness rules (attach state, deferred decrefs, unsendable, traverse) on CPython;
# PyPy's cpyext has no subinterpreters and no refcount semantics for most of them.
cpython_tests=(tests/test_soundness.py)
# FERRULE_INTERP_TESTS="tests/a.py tests/b.py": only these files (a quicker check by hand);
# those of cpython_tests still run on CPython only.
if [ -n "${FERRULE_INTERP_TESTS:-}" ]; then
    read -r -a wanted <<< "$FERRULE_INTERP_TESTS"
    tests=() only_cpython=()
    for f in "${wanted[@]}"; do
        case " ${cpython_tests[*]} " in *" $f "*) only_cpython+=("$f") ;; *) tests+=("$f") ;; esac
    done
    cpython_tests=("${only_cpython[@]}")
fi
read -r -a pytest_args <<< "${PYTEST_ARGS:--q -p no:cacheprovider}"
sid_packages=python3.13-dev,python3.13-venv,python3.14-dev,python3.14-venv,pypy3-dev,pypy3-venv,gcc,libc6-dev,ca-certificates,git
mkdir -p "$work"

say() { printf '\n=== %s\n' "$*"; }

# A venv of `python` in `dir` with pytest and hypothesis (what the e2e tests import).
test_venv() {
    local python=$1 dir=$2
    [ -x "$dir/bin/python" ] || "$python" -m venv "$dir"
    "$dir/bin/python" -m pip install --quiet --disable-pip-version-check pytest hypothesis
}

# run_e2e NAME VENV FERRULE_CLI: the e2e tests in VENV's interpreter, crates built by FERRULE_CLI.
run_e2e() {
    local name=$1 venv=$2 cli=$3
    local selected=("${tests[@]}")
    [ "$("$venv/bin/python" -c 'import sys; print(sys.implementation.name)')" = cpython ] \
        && selected+=("${cpython_tests[@]}")
    say "e2e tests on $name ($("$venv/bin/python" -c 'import sys; print(sys.version.split()[0], sys.implementation.name)'))"
    (cd "$root" && FERRULE_CLI="$cli" FERRULE_TEST_TARGET_DIR="$work/$name/crates" \
        "$venv/bin/python" -m pytest "${pytest_args[@]}" "${selected[@]}")
}

# scripts/test.sh's venv: ferrule (editable) on the host's CPython 3.11.
host_ferrule() {
    # FERRULE_VENV_READY=1: the venv is set up and in use by another run (.ci/run's scripts/test.sh), which a
    # reinstall would disturb.
    [ "${FERRULE_VENV_READY:-}" = 1 ] && return
    [ -x "$host_venv/bin/python" ] || python3 -m venv "$host_venv"
    "$host_venv/bin/python" -m pip install --quiet --disable-pip-version-check -e "$root[test]"
}

host() {
    host_ferrule
    local cli="$host_venv/bin/python -m ferrule"
    for python in python3.11-dbg pypy3; do
        command -v "$python" >/dev/null || { echo "error: $python is not installed (.ci/run installs it)" >&2; exit 1; }
        test_venv "$python" "$work/host-$python/venv"
        run_e2e "host-$python" "$work/host-$python/venv" "$cli"
    done
}

ensure_chroot() {
    # git: the workspace tests make a git dependency. A chroot without one is built anew; the old one
    # is moved aside, never removed here (bind mounts inside it would reach the host's files).
    [ -x "$chroot_dir/usr/bin/python3.14" ] && [ -x "$chroot_dir/usr/bin/pypy3" ] && [ -x "$chroot_dir/usr/bin/git" ] && return
    [ ! -d "$chroot_dir" ] || mv "$chroot_dir" "$chroot_dir.old-$(date +%s)"
    command -v debootstrap >/dev/null || apt-get install -y -qq debootstrap
    say "building the Debian sid chroot in $chroot_dir (debootstrap, a few minutes)"
    rm -rf "$chroot_dir.partial"
    debootstrap --variant=minbase --include="$sid_packages" sid "$chroot_dir.partial" >"$work/debootstrap.log" 2>&1 \
        || { tail -20 "$work/debootstrap.log" >&2; exit 1; }
    mv "$chroot_dir.partial" "$chroot_dir"
}

# Bind mounts live only while this script runs: unmounted on exit, so removing the
# chroot can never reach the host's cargo, rustup or the repository.
mounted=()
unmount_all() {
    local i
    for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do umount -l "${mounted[$i]}" 2>/dev/null || true; done
    mounted=()
}
bind() {
    local target="$chroot_dir$2"
    mkdir -p "$target"
    mountpoint -q "$target" || { mount "${@:3}" "$1" "$target"; mounted+=("$target"); }
}
mount_chroot() {
    trap unmount_all EXIT
    bind proc /proc -t proc
    bind /dev /dev --bind
    bind "${CARGO_HOME:-$HOME/.cargo}" "${CARGO_HOME:-$HOME/.cargo}" --bind
    bind "${RUSTUP_HOME:-$HOME/.rustup}" "${RUSTUP_HOME:-$HOME/.rustup}" --bind
    bind "$root" "$root" --bind
    cp --remove-destination /etc/resolv.conf "$chroot_dir/etc/resolv.conf"
    cp --remove-destination /etc/ssl/certs/ca-certificates.crt "$chroot_dir/etc/ssl/certs/ca-certificates.crt"
    [ ! -f /etc/pip.conf ] || cp --remove-destination /etc/pip.conf "$chroot_dir/etc/pip.conf"
}
in_chroot() {
    chroot "$chroot_dir" /usr/bin/env -i HOME="$HOME" PATH="${CARGO_HOME:-$HOME/.cargo}/bin:/usr/bin:/bin" \
        CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}" RUSTUP_HOME="${RUSTUP_HOME:-$HOME/.rustup}" \
        PIP_CERT=/etc/ssl/certs/ca-certificates.crt PIP_DEFAULT_TIMEOUT=180 LANG=C.UTF-8 \
        PYTEST_ARGS="${pytest_args[*]}" FERRULE_INTERP_TESTS="${FERRULE_INTERP_TESTS:-}" FERRULE_IN_CHROOT=1 bash "$root/scripts/test-interpreters.sh" "$@"
}

# In the chroot: ferrule pip-installed (not editable) into a 3.13 and a 3.14 venv.
ferrule_venv() {
    local python=$1 dir="$work/sid-ferrule-$1"
    [ -x "$dir/bin/python" ] || "$python" -m venv "$dir"
    "$dir/bin/python" -m pip install --quiet --disable-pip-version-check --force-reinstall --no-deps "$root"
    "$dir/bin/python" -m pip install --quiet --disable-pip-version-check "$root"
    "$dir/bin/python" -m ferrule --version >/dev/null
}

sid_inside() {
    ferrule_venv python3.13
    ferrule_venv python3.14
    say "ferrule doctor against the chroot's headers"
    local py
    for py in python3.13 python3.14; do
        "$work/sid-ferrule-python3.13/bin/python" -m ferrule doctor -i "$py"
        "$work/sid-ferrule-python3.14/bin/python" -m ferrule doctor -i "$py" --limited-api 3.9
    done
    "$work/sid-ferrule-python3.14/bin/python" -m ferrule doctor -i pypy3
    # Each target is built by the ferrule of another interpreter: -i reaches across.
    local f313="$work/sid-ferrule-python3.13/bin/python -m ferrule" f314="$work/sid-ferrule-python3.14/bin/python -m ferrule"
    test_venv python3.13 "$work/sid-python3.13/venv"
    run_e2e sid-python3.13 "$work/sid-python3.13/venv" "$f314"
    test_venv python3.14 "$work/sid-python3.14/venv"
    run_e2e sid-python3.14 "$work/sid-python3.14/venv" "$f313"
    test_venv pypy3 "$work/sid-pypy3.11/venv"
    run_e2e sid-pypy3.11 "$work/sid-pypy3.11/venv" "$f313"
}

# On the host: abi3 wheels (cp311-abi3: the crates use 3.10+ limited API) built by CPython 3.11.
abi3_build() {
    host_ferrule
    rm -rf "$work/abi3-wheels"
    say "abi3 wheels of the e2e crates, built on $(python3 --version)"
    for manifest in "$root"/tests/crates/*/Cargo.toml; do
        CARGO_TARGET_DIR="$work/host-abi3/crates" "$host_venv/bin/python" -m ferrule build --abi3 3.11 \
            -m "$manifest" -o "$work/abi3-wheels" -i python3.11 >/dev/null
    done
    ls "$work/abi3-wheels"
}

# In the chroot: those wheels installed with pip into fresh 3.13 and 3.14 venvs, then the tests.
abi3_inside() {
    local python venv
    # Nothing is built, but some tests run the toolchain itself (`ferrule cargo-config`).
    ferrule_venv python3.13
    local cli="$work/sid-ferrule-python3.13/bin/python -m ferrule"
    for python in python3.13 python3.14; do
        venv="$work/sid-abi3-$python"
        rm -rf "$venv"
        test_venv "$python" "$venv"
        "$venv/bin/python" -m pip install --quiet --no-index --no-deps "$work"/abi3-wheels/*.whl
        say "abi3 wheels from CPython 3.11 on $python"
        (cd "$root" && FERRULE_TEST_INSTALLED=1 FERRULE_CLI="$cli" "$venv/bin/python" -m pytest "${pytest_args[@]}" "${tests[@]}")
    done
}

if [ "${FERRULE_IN_CHROOT:-}" = 1 ]; then
    "$@"
    exit
fi
steps=("$@")
[ ${#steps[@]} -gt 0 ] || steps=(host sid abi3)
for step in "${steps[@]}"; do
    case "$step" in
        host) host ;;
        sid) ensure_chroot; mount_chroot; in_chroot sid_inside ;;
        abi3) abi3_build; ensure_chroot; mount_chroot; in_chroot abi3_inside ;;
        chroot) ensure_chroot ;;
        shell) ensure_chroot; mount_chroot; chroot "$chroot_dir" /bin/bash ;;
        *) echo "error: unknown step \`$step\` (host, sid, abi3, chroot or shell)" >&2; exit 2 ;;
    esac
done
[ "${steps[*]}" = chroot ] || say "all interpreters passed"
