"""A ported PyO3 manifest keeps its features: the runtime has every one of PyO3's Cargo features."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ferrule.toml_compat import tomllib
from ferrule.cargo_config import cargo_config_args

REPO = Path(__file__).resolve().parent.parent
RUNTIME = REPO / "src" / "ferrule" / "runtime" / "ferrule"
TARGET = REPO / "target" / "test-features"

# PyO3 0.29's features (its [features] table and the implicit ones of its optional dependencies).
PYO3_FEATURES = """
    abi3 abi3-py38 abi3-py39 abi3-py310 abi3-py311 abi3-py312 abi3-py313 abi3-py314 abi3-py315 abi3t abi3t-py315
    anyhow arc_lock auto-initialize bigdecimal bytes chrono chrono-local chrono-tz default either experimental-async
    experimental-inspect extension-module eyre full generate-import-lib hashbrown indexmap inventory jiff-02 lock_api
    macros multiple-pymethods nightly num-bigint num-complex num-rational ordered-float parking_lot py-clone
    pyo3-macros rust_decimal serde smallvec time uuid
""".split()
NO_CRATE_FEATURES = ["extension-module", "multiple-pymethods", "generate-import-lib", "nightly", "py-clone",
                     "auto-initialize", "experimental-async", "experimental-inspect", "abi3-py39", "macros"]


def _crate(tmp_path: Path, features: list[str]) -> Path:
    root = tmp_path / "uses_features"
    (root / "src").mkdir(parents=True)
    (root / "Cargo.toml").write_text(f'''[package]
name = "uses_features"
version = "0.1.0"
edition = "2021"

[dependencies]
pyo3 = {{ package = "ferrule-runtime", version = "0.1", registry = "ferrule", features = {json.dumps(features)} }}
''')
    (root / "src" / "lib.rs").write_text("pub fn answer() -> i64 { pyo3::Python::attach(|_py| 42) }\n")
    return root


def _cargo(root: Path, *args: str, cargo_home: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, CARGO_TARGET_DIR=str(TARGET))
    if cargo_home is not None:
        env["CARGO_HOME"] = str(cargo_home)
    return subprocess.run(["cargo", *args, *cargo_config_args()], cwd=root, capture_output=True, text=True,
                          env=env)


def _registry_files(cargo_home: Path) -> list[Path]:
    registry = cargo_home / "registry"
    return [p for p in registry.rglob("*") if p.is_file() and p.name != "CACHEDIR.TAG"] if registry.exists() else []


# Features of older PyO3 releases that published manifests still name (pyxirr: `abi = ["pyo3/abi3-py37"]`).
OLDER_FEATURES = ["abi3-py37"]


def test_every_pyo3_feature_is_declared() -> None:
    declared = tomllib.loads((RUNTIME / "Cargo.toml").read_text())["features"]
    assert sorted(set(PYO3_FEATURES + OLDER_FEATURES) - set(declared)) == []


def test_default_features_build_offline_and_fetch_nothing(tmp_path: Path) -> None:
    root = _crate(tmp_path, NO_CRATE_FEATURES)
    cargo_home = tmp_path / "cargo-home"
    out = _cargo(root, "build", "--offline", cargo_home=cargo_home)
    assert out.returncode == 0, out.stderr
    assert _registry_files(cargo_home) == []
    locked = tomllib.loads((root / "Cargo.lock").read_text())["package"]
    assert sorted(p["name"] for p in locked) == ["ferrule-macros", "ferrule-runtime", "ferrule-runtime-core", "uses_features"]


@pytest.mark.parametrize("feature, crate", [("indexmap", "indexmap"), ("serde", "serde")])
def test_a_conversion_feature_brings_its_crate_from_crates_io(tmp_path: Path, feature: str, crate: str) -> None:
    root = _crate(tmp_path, [feature])
    out = _cargo(root, "metadata", "--format-version", "1")
    assert out.returncode == 0, out.stderr
    resolve = json.loads(out.stdout)["resolve"]["nodes"]
    runtime = next(n for n in resolve if "#ferrule-runtime-core@" in n["id"])  # the runtime behind the facade
    assert crate in {d["name"] for d in runtime["deps"]}


@pytest.mark.parametrize("features, python", [(["abi3-py37"], "3.9"), (["abi3-py38"], "3.9"),
                                              (["abi3-py37", "abi3-py311"], "3.11"),
                                              # PyO3 takes abi3t only for a 3.15+ interpreter, newer than
                                              # ferrule builds for: the abi3 level beside it, else none
                                              (["abi3-py310", "abi3t-py315"], "3.10"), (["abi3t"], None),
                                              (["abi3t-py315"], None)])
def test_abi3_levels_as_pyo3_picks_them(tmp_path: Path, features: list[str], python: str) -> None:
    from ferrule.project import _runtime_abi3

    manifest = _crate(tmp_path, features) / "Cargo.toml"
    assert _runtime_abi3(tomllib.loads(manifest.read_text()), manifest) == python
