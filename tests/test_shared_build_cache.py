"""The runtime compiles once and is reused by every project and across `cargo clean` (cargo's shared
build-dir under ferrule's cache folder); a killed build is redone, an unwritable cache is skipped."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import venv
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def _env(cache: Path, target: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "FERRULE_NO_BUILD_CACHE")}
    env.update(FERRULE_CACHE_DIR=str(cache), CARGO_TARGET_DIR=str(target), PYTHONPATH=str(REPO / "src"))
    return env


def _new(parent: Path, name: str) -> Path:
    subprocess.run([sys.executable, "-m", "ferrule", "new", str(parent / name)], check=True, capture_output=True,
                   env=dict(os.environ, PYTHONPATH=str(REPO / "src")))
    return parent / name


def _develop(project: Path, python: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ferrule", "develop", "-m", str(project / "Cargo.toml"),
                           "-i", str(python)], capture_output=True, text=True, env=env)


def _works(python: Path, module: str) -> bool:
    out = subprocess.run([str(python), "-c", f"import {module}; print({module}.add(2, 3))"],
                         capture_output=True, text=True)
    return out.stdout.strip() == "5"


@pytest.fixture(scope="module")
def python(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("cachevenv")
    venv.create(root, with_pip=False)
    return root / "bin" / "python"


def test_second_project_and_cargo_clean_reuse_the_runtime(tmp_path: Path, python: Path) -> None:
    cache = tmp_path / "cache"
    first, second = _new(tmp_path, "first_proj"), _new(tmp_path, "second_proj")
    out = _develop(first, python, _env(cache, tmp_path / "target-first"))
    assert out.returncode == 0, out.stderr
    assert "Compiling ferrule-runtime" in out.stderr
    env = _env(cache, tmp_path / "target-second")
    out = _develop(second, python, env)
    assert out.returncode == 0, out.stderr
    assert "Compiling ferrule-runtime" not in out.stderr and "Compiling second_proj" in out.stderr
    assert _works(python, "second_proj")
    subprocess.run(["cargo", "clean"], cwd=second, env=env, check=True, capture_output=True)
    out = _develop(second, python, env)
    assert out.returncode == 0, out.stderr
    assert "Compiling ferrule-runtime" not in out.stderr
    assert _works(python, "second_proj")
    listed = subprocess.run([sys.executable, "-m", "ferrule", "cache"], capture_output=True, text=True, env=env)
    assert listed.stdout.startswith(f"{cache} (") and " MB)" in listed.stdout
    cleared = subprocess.run([sys.executable, "-m", "ferrule", "cache", "clean"], capture_output=True, text=True,
                             env=env)
    assert cleared.returncode == 0 and not cache.exists()


def test_a_killed_build_is_rebuilt_not_reused(tmp_path: Path, python: Path) -> None:
    cache = tmp_path / "cache"
    project = _new(tmp_path, "killed_proj")
    env = _env(cache, tmp_path / "target")
    cmd = [sys.executable, "-m", "ferrule", "develop", "-m", str(project / "Cargo.toml"), "-i", str(python)]
    with subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True, env=env, start_new_session=True) as proc:
        assert proc.stderr is not None
        for line in proc.stderr:
            if "Compiling ferrule-runtime" in line:
                os.killpg(proc.pid, signal.SIGKILL)  # ferrule, cargo and rustc, mid-compile
                break
        proc.wait()
    assert proc.returncode != 0
    out = _develop(project, python, env)
    assert out.returncode == 0, out.stderr
    assert "Compiling ferrule-runtime" in out.stderr
    assert _works(python, "killed_proj")


def test_an_unwritable_cache_warns_once_and_builds(tmp_path: Path, python: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    project = _new(tmp_path, "nocache_proj")
    out = _develop(project, python, _env(blocker, REPO / "target" / "test-cache-unwritable"))
    assert out.returncode == 0, out.stderr
    warnings = [line for line in out.stderr.splitlines() if line.startswith("warning: ")]
    assert len(warnings) == 1 and f"the shared build cache {blocker} is not writable" in warnings[0]
    assert _works(python, "nocache_proj")


def _runtime_compiled(out: subprocess.CompletedProcess) -> bool:
    return "Compiling ferrule-runtime" in out.stderr


def test_two_builds_at_once_compile_the_runtime_once(tmp_path: Path, python: Path) -> None:
    cache = tmp_path / "cache"
    projects = [_new(tmp_path, "twin_one"), _new(tmp_path, "twin_two")]
    procs = [subprocess.Popen([sys.executable, "-m", "ferrule", "develop", "-m", str(p / "Cargo.toml"), "-i",
                               str(python)], stderr=subprocess.PIPE, text=True,
                              env=_env(cache, tmp_path / f"target-{p.name}")) for p in projects]
    outs = [subprocess.CompletedProcess(p.args, p.wait(), "", p.stderr.read()) for p in procs]
    for proc in procs:
        proc.stderr.close()
    for out in outs:
        assert out.returncode == 0, out.stderr
    assert [_runtime_compiled(o) for o in outs].count(True) == 1, [o.stderr for o in outs]
    assert _works(python, "twin_one") and _works(python, "twin_two")


def test_a_damaged_runtime_in_the_cache_is_rebuilt_not_linked(tmp_path: Path, python: Path) -> None:
    cache = tmp_path / "cache"
    first, second = _new(tmp_path, "sound_proj"), _new(tmp_path, "after_damage")
    assert _develop(first, python, _env(cache, tmp_path / "target-first")).returncode == 0
    rlibs = list(cache.glob("build/*/*/deps/libferrule-*.rlib"))
    assert rlibs
    for rlib in rlibs:  # as a disk that filled up, or a crash before the data was written, leaves it
        with open(rlib, "r+b") as f:
            f.truncate(rlib.stat().st_size // 2)
    out = _develop(second, python, _env(cache, tmp_path / "target-second"))
    assert out.returncode == 0, out.stderr
    warnings = [line for line in out.stderr.splitlines() if line.startswith("warning: ")]
    assert len(warnings) == 1 and "damaged" in warnings[0] and "libferrule-" in warnings[0], out.stderr
    assert _runtime_compiled(out)
    assert _works(python, "after_damage")
    again = _develop(first, python, _env(cache, tmp_path / "target-first"))
    assert again.returncode == 0 and "warning" not in again.stderr and not _runtime_compiled(again), again.stderr


def test_a_new_rustc_gets_its_own_runtime_build(tmp_path: Path, python: Path) -> None:
    """Cargo keys units by `rustc -vV`: a different compiler never reuses the old compiler's runtime."""
    cache = tmp_path / "cache"
    project = _new(tmp_path, "rustc_proj")
    env = _env(cache, tmp_path / "target")
    assert _runtime_compiled(_develop(project, python, env))
    real = subprocess.run(["rustup", "which", "rustc"], capture_output=True, text=True).stdout.strip() or "rustc"
    other = tmp_path / "other-rustc"
    other.write_text(f'#!/bin/sh\nif [ "$1" = -vV ]; then "{real}" -vV | sed "s/^commit-hash: .*/commit-hash: '
                     f'{"0" * 40}/"; else exec "{real}" "$@"; fi\n')
    other.chmod(0o755)
    out = _develop(project, python, dict(env, RUSTC=str(other)))
    assert out.returncode == 0, out.stderr
    assert _runtime_compiled(out)
    assert _works(python, "rustc_proj")
    back = _develop(project, python, env)
    assert back.returncode == 0 and not _runtime_compiled(back), back.stderr


def test_an_edited_runtime_is_compiled_again(tmp_path: Path, python: Path) -> None:
    """The runtime of a ferrule checkout is edited in place: the shared build must never serve the old one."""
    src = tmp_path / "src"
    shutil.copytree(REPO / "src" / "ferrule", src / "ferrule", ignore=shutil.ignore_patterns("__pycache__"))
    project = _new(tmp_path, "edited_runtime")
    env = dict(_env(tmp_path / "cache", tmp_path / "target"), PYTHONPATH=str(src))
    call = [str(python), "-c", "import edited_runtime as m\ntry:\n    m.add(1)\nexcept TypeError as e:\n    print(e)"]
    assert _develop(project, python, env).returncode == 0
    assert "missing 1 required positional argument" in subprocess.run(call, capture_output=True, text=True).stdout
    source = src / "ferrule" / "runtime" / "ferrule-core" / "src" / "impl_" / "extract_argument.rs"
    text = source.read_text()
    assert '"{}() missing {} required' in text
    source.write_text(text.replace('"{}() missing {} required', '"{}() lacks {} required'))
    out = _develop(project, python, env)
    assert out.returncode == 0, out.stderr
    assert _runtime_compiled(out)
    assert "lacks 1 required positional argument" in subprocess.run(call, capture_output=True, text=True).stdout


def test_units_a_failed_build_finished_are_reused_not_called_damaged(tmp_path: Path, python: Path) -> None:
    """The runtime recompiled by a build that then failed in the project's own code is whole: the next
    build reuses it, with no warning about a damaged cache."""
    src = tmp_path / "src"
    shutil.copytree(REPO / "src" / "ferrule", src / "ferrule", ignore=shutil.ignore_patterns("__pycache__"))
    project = _new(tmp_path, "failed_once")
    env = dict(_env(tmp_path / "cache", tmp_path / "target"), PYTHONPATH=str(src))
    assert _develop(project, python, env).returncode == 0
    source = src / "ferrule" / "runtime" / "ferrule-core" / "src" / "impl_" / "extract_argument.rs"
    source.write_text(source.read_text().replace('"{}() missing {} required', '"{}() lacks {} required'))
    lib = project / "src" / "lib.rs"
    good = lib.read_text()
    lib.write_text(good + "\nfn broken() -> i32 { \"not a number\" }\n")
    failed = _develop(project, python, env)
    assert failed.returncode == 1 and _runtime_compiled(failed), failed.stderr
    lib.write_text(good)
    out = _develop(project, python, env)
    assert out.returncode == 0, out.stderr
    assert "damaged" not in out.stderr and not _runtime_compiled(out), out.stderr
    assert _works(python, "failed_once")
