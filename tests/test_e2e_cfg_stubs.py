"""The stub is the build's: `#[cfg]` on bound items (features, interpreter cfgs from
`use_pyo3_cfgs`, a build script's own cfg) decides what it lists, as rustc decides
what is compiled. tests/crates/fe_cfgstubs is built with `features = ["chain"]`."""

from __future__ import annotations

import ast
import importlib
import inspect
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CRATES_DIR, FERRULE_CLI, INSTALLED, TARGET_DIR

CRATE = CRATES_DIR / "fe_cfgstubs"


@pytest.fixture(scope="module")
def built(test_env):
    test_env.require("fe_cfgstubs")
    stub = (test_env.site_packages / "fe_cfgstubs" / "__init__.pyi").read_text()
    return importlib.import_module("fe_cfgstubs"), stub, ast.parse(stub)


def _top_names(tree: ast.Module) -> set[str]:
    return {n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))}


def _class(tree: ast.Module, name: str) -> ast.ClassDef:
    return next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == name)


def test_stub_lists_what_the_module_has(built) -> None:
    module, _, tree = built
    assert _top_names(tree) == set(module.__all__)
    assert _top_names(tree) == {"variant", "from_default_feature", "on_and_not_off", "by_version", "full_api_only",
                                "from_build_script", "Mode", "Gauge"}


def test_of_two_variants_the_built_ones_signature_and_doc(built) -> None:
    module, stub, _ = built
    assert 'def variant(a: int, b: int) -> int:\n    """Adds two numbers (feature `on`)."""' in stub
    assert module.variant(2, 3) == 5 and module.variant.__doc__ == "Adds two numbers (feature `on`)."
    assert "def by_version(s: str) -> str:" in stub and module.by_version("a") == "A"
    assert 'def scaled(self, factor: int) -> int:\n        """Scaled by a factor (feature `on`)."""' in stub
    assert list(inspect.signature(module.Gauge(2).scaled).parameters) == ["factor"]


def test_members_of_classes_follow_cfg(built) -> None:
    module, _, tree = built
    gauge = {n.name for n in _class(tree, "Gauge").body if isinstance(n, ast.FunctionDef)}
    assert {"secret", "__len__", "in_an_off_block"}.isdisjoint(gauge)
    assert not hasattr(module.Gauge(1), "secret") and not hasattr(module.Gauge, "__len__")
    variants = {t.target.id for t in _class(tree, "Mode").body
                if isinstance(t, ast.AnnAssign) and not t.target.id.startswith("_")}
    assert variants == {"Plain", "Shown"} == {n for n in dir(module.Mode) if not n.startswith("_")}


def test_stub_command_predicts_the_same_stub(built, test_env, tmp_path: Path) -> None:
    """`ferrule stub` builds nothing: it decides cfg from pyproject's features and the last build's cfgs."""
    _, stub, _ = built
    env = dict(test_env.env, VIRTUAL_ENV=str(test_env.root), CARGO_TARGET_DIR=str(TARGET_DIR))
    out = subprocess.run([*FERRULE_CLI, "stub", "-m", str(CRATE / "Cargo.toml"), "-o", str(tmp_path / "s.pyi")],
                         capture_output=True, text=True, env=env)
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "s.pyi").read_text() == stub


@pytest.mark.skipif(INSTALLED, reason="needs the crate's build folder")
def test_a_build_script_cfg_ferrule_did_not_expect_rebuilds_once(test_env) -> None:
    """Before a crate's first build ferrule cannot know what its build script prints; cargo tells it."""
    saved = TARGET_DIR / "ferrule" / "build-cfgs" / "fe_cfgstubs.json"
    assert "fe_custom" in saved.read_text()
    saved.unlink()
    out = test_env.develop(CRATE / "Cargo.toml")
    assert out.returncode == 0, out.stderr
    assert "the build had other cfgs than ferrule expected (`fe_custom`)" in out.stderr, out.stderr
    stub = (test_env.site_packages / "fe_cfgstubs" / "__init__.pyi").read_text()
    assert "def from_build_script() -> bool: ..." in stub
    again = test_env.develop(CRATE / "Cargo.toml")
    assert again.returncode == 0 and "other cfgs" not in again.stderr, again.stderr
