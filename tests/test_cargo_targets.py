"""`ferrule test` / `ferrule cargo`: integration tests, binaries, examples and benches with bindings of their own.

The crate (tests/fixtures/targets, package `meters`) binds a class in its library, and each other target
defines its own `#[pyclass]`/`#[pymethods]`/`#[pyfunction]`/`#[pymodule]`; two test crates share a module
(`tests/shared/mod.rs`) whose class belongs to a module in one and to none in the other; a test uses the
class of a path dev-dependency (`knobs`).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests" / "fixtures" / "targets"


def _ferrule(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FERRULE_")}
    target = os.environ.get("FERRULE_TEST_TARGET_DIR") or str(REPO / "target" / "test-cargo-command")
    env.update(PYO3_PYTHON=sys.executable, CARGO_TARGET_DIR=target,
               LD_LIBRARY_PATH=str(sysconfig.get_config_var("LIBDIR") or ""))
    return subprocess.run([sys.executable, "-m", "ferrule", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=900)


def _copy(dest: Path) -> Path:
    shutil.copytree(FIXTURE, dest, ignore=shutil.ignore_patterns("target", "Cargo.lock"))
    return dest


@pytest.fixture(scope="module")
def meters(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _copy(tmp_path_factory.mktemp("cargo-targets") / "meters")


def test_integration_tests_with_their_own_classes_and_functions_pass(meters: Path) -> None:
    out = _ferrule(["test"], meters)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "Running tests/dials.rs" in out.stderr and "Running tests/probes.rs" in out.stderr
    # Each test binary's report: cargo runs tests/dials.rs, then tests/probes.rs.
    dials, probes = out.stdout.split("running 8 tests", 1)[1].split("running 2 tests", 1)
    for name in ("method_called_from_python", "indented_python_run_against_the_class", "function_taking_a_class",
                 "class_built_from_python", "shared_class_outside_any_module_is_builtins",
                 "library_class_from_the_test", "module_declared_in_the_test_body", "cfg_alternatives_of_a_class"):
        assert f"test {name} ... ok" in dials
    assert "test result: ok. 8 passed; 0 failed" in dials
    assert "test shared_class_in_this_crates_module ... ok" in probes
    assert "test dev_dependency_class ... ok" in probes  # knobs, a path dev-dependency with bindings
    assert "test result: ok. 2 passed; 0 failed" in probes.split("Doc-tests", 1)[0]
    # The library's doctest wraps its `pub` #[pymodule] from another crate.
    assert "Doc-tests meters" in out.stderr
    assert "test src/lib.rs - meters (line " in out.stdout and "test result: ok. 1 passed; 0 failed" in out.stdout


def test_a_binary_prints_what_its_class_computed(meters: Path) -> None:
    out = _ferrule(["cargo", "run", "--quiet", "--bin", "meters"], meters)
    assert out.returncode == 0, out.stderr
    # Meter(7) made through the library's module wrapped in this binary, doubled, through Scale(3).apply.
    assert out.stdout.strip() == "scaled through python: 42"


def test_an_example_and_a_bench_with_bindings_run(meters: Path) -> None:
    out = _ferrule(["cargo", "run", "--quiet", "--example", "labels"], meters)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "gauge#3"
    out = _ferrule(["cargo", "test", "--quiet", "--bench", "tally"], meters)
    assert out.returncode == 0, out.stderr
    assert "tally through python: 55" in out.stdout


def test_a_binding_mistake_in_an_integration_test_is_one_located_error(tmp_path: Path) -> None:
    crate = _copy(tmp_path / "meters")
    dials = crate / "tests" / "dials.rs"
    text = dials.read_text()
    assert "#[pyfunction]\nfn spin" in text
    dials.write_text(text.replace("#[pyfunction]\nfn spin", "#[pyfunction]\n#[pyo3(nonsense)]\nfn spin"))
    line = dials.read_text().splitlines().index("#[pyo3(nonsense)]") + 1
    out = _ferrule(["test"], crate)
    assert out.returncode == 1, out.stdout + out.stderr
    assert f"tests/dials.rs:{line}:8" in out.stderr and "unknown option `nonsense`" in out.stderr
    assert out.stderr.count("error:") == 2  # the mistake, then "could not generate bindings due to 1 previous error"
    assert "Compiling" not in out.stderr and "Traceback" not in out.stderr
