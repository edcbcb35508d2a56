"""End to end: a workspace whose `#[pyclass]`es and `#[pyfunction]`s live in a
core crate (tests/crates/fe_split/geometry) and are bound by a thin crate
(tests/crates/fe_split/src/lib.rs) with `m.add_class::<geometry::Point>()`."""

from __future__ import annotations

import ast
import gc
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pypy_support import PYPY39, collect

from conftest import FERRULE_CLI
from arg_errors import argument_error

CRATE = Path(__file__).resolve().parent / "crates" / "fe_split"


def test_core_crate_classes_work_from_python(fe_split):
    p = fe_split.Point(3, 4)
    assert (p.x, p.y, p.norm()) == (3.0, 4.0, 5.0)
    assert repr(p.shifted(1, -1)) == "Point(4, 3)"  # Rust formats the f64s
    p.x = 6
    assert p == fe_split.Point(6, 4) and p != fe_split.Point()
    assert fe_split.Point.__module__ == "fe_split"
    # PyPy 3.9's cpyext gives methods of spec-made types no __doc__ (README: PyPy).
    assert fe_split.Point.norm.__doc__ == (None if PYPY39 else "Distance from the origin.")


def test_a_class_extends_a_frozen_class_of_the_core_crate(fe_split):
    sq = fe_split.Square(2.0)
    assert isinstance(sq, fe_split.Shape) and type(sq).__mro__[1] is fe_split.Shape
    sq.grow(1.5)
    sq.side += 1
    assert (sq.sides, sq.side, sq.describe()) == (4, 4.5, "4 sides of 4.5")
    del sq
    collect()  # PyPy frees on a collection, not on `del`
    before = fe_split.drops()
    refs = getattr(sys, "getrefcount", lambda _: None)(fe_split.Square)  # None on PyPy, which has none
    for i in range(2000):  # each one freed as the next is made: the same memory over and over
        sq = fe_split.Square(float(i))
        assert sq.describe() == f"4 sides of {float(i)}"
    del sq
    for _ in range(10):  # PyPy frees its objects' C halves at a collection
        if fe_split.drops() == (before[0] + 2000, before[1] + 2000):
            break
        gc.collect()
    # Each level's value dropped once per object; the type keeps its count (one decref per object).
    assert fe_split.drops() == (before[0] + 2000, before[1] + 2000)
    count = getattr(sys, "getrefcount", lambda _: None)
    after = count(fe_split.Square)  # outside the assert, whose rewriting holds its operands
    assert after == refs


def test_core_crate_class_from_a_submodule_through_a_use(fe_split):
    c = fe_split.Circle(fe_split.Point(1, 1), 2.0)
    assert c.contains(fe_split.Point(2, 2)) and not c.contains(fe_split.Point(4, 4))
    assert c.center == fe_split.Point(1, 1) and fe_split.Circle.unit().radius == 1.0
    with pytest.raises(ValueError, match="radius must not be negative"):
        fe_split.Circle(fe_split.Point(), -1.0)
    with pytest.raises(AttributeError):
        c.radius = 3.0  # frozen, and a getter only


def test_core_crate_function_and_binding_crate_function(fe_split):
    a, b = fe_split.Point(0, 0), fe_split.Point(3, 4)
    assert fe_split.distance(a, b) == 5.0
    with argument_error("b"):
        fe_split.distance(a, (3, 4))
    assert fe_split.centroid([a, b, fe_split.Point(3, -4)]) == fe_split.Point(2, 0)
    # A conversion the core crate derives: tried variant by variant.
    assert fe_split.coord_x((1.5, 2.0)) == 1.5 and fe_split.coord_x(b) == 3.0
    with pytest.raises(TypeError, match=r"failed to extract enum Coords \('Pair \| Attrs'\)"):
        fe_split.coord_x("no")


def test_stub_lists_the_core_crate_items(test_env, fe_split):
    stub = (test_env.site_packages / "fe_split" / "__init__.pyi").read_text()
    tree = ast.parse(stub)
    classes = {n.name for n in tree.body if isinstance(n, ast.ClassDef)}
    functions = {n.name: ast.unparse(n.args) for n in tree.body if isinstance(n, ast.FunctionDef)}
    assert classes == {"Point", "Circle", "Shape", "Square"}
    square = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "Square")
    assert [ast.unparse(b) for b in square.bases] == ["Shape"]  # the core crate's class, by its Python name
    # The core crate's derived conversion has no Python class: `Any`, as one of the crate's own.
    assert functions == {"distance": "a: Point, b: Point", "centroid": "points: list[Point]", "drops": "",
                         "coord_x": "c: Any"}


def test_core_crate_outside_the_workspace(test_env, tmp_path):
    """A path dependency outside the workspace root (rustc names its files absolutely):
    its glue still lands in the glue folder, never next to its sources."""
    root = tmp_path / "project"
    shutil.copytree(CRATE, root / "binding", ignore=shutil.ignore_patterns("target", "Cargo.lock", "geometry"))
    shutil.copytree(CRATE / "geometry", root / "geometry", ignore=shutil.ignore_patterns("target"))
    core = root / "geometry" / "Cargo.toml"
    core.write_text(core.read_text().replace("pyo3 = { workspace = true }",
                                             'pyo3 = { package = "ferrule-runtime", version = "0.1", registry = "ferrule" }'))
    manifest = root / "binding" / "Cargo.toml"
    text = manifest.read_text()
    assert 'path = "geometry"' in text and 'members = [".", "geometry"]' in text
    manifest.write_text(text.replace('path = "geometry"', 'path = "../geometry"')
                        .replace('members = [".", "geometry"]', 'members = ["."]'))
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    built = subprocess.run([*FERRULE_CLI, "develop", "-m", str(manifest), "-i", str(python)],
                           capture_output=True, text=True, env=test_env.env)
    assert built.returncode == 0, built.stdout + built.stderr
    out = subprocess.run([str(python), "-c", "import fe_split as m; print(m.distance(m.Point(), m.Point(6, 8)))"],
                         capture_output=True, text=True)
    assert out.stdout.strip() == "10.0", out.stdout + out.stderr
    assert not [p for p in (root / "geometry").rglob("L*.rs")]


def test_bindings_in_a_git_dependency_are_refused_by_name(test_env, tmp_path):
    """A git (or registry) dependency is not read: its `#[pyclass]` cannot get glue, and
    the error says which crate and what to do, instead of blaming macros."""
    repo = tmp_path / "tally"
    (repo / "src").mkdir(parents=True)
    (repo / "Cargo.toml").write_text('[package]\nname = "tally"\nversion = "0.1.0"\nedition = "2021"\n\n'
                                     '[dependencies]\npyo3 = { package = "ferrule-runtime", version = "0.1", registry = "ferrule" }\n')
    (repo / "src" / "lib.rs").write_text("use pyo3::prelude::*;\n\n#[pyclass]\npub struct Tally {}\n\n"
                                         "pub fn answer() -> u32 {\n    42\n}\n")
    for cmd in (["init", "-q"], ["add", "."], ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "x"]):
        subprocess.run(["git", *cmd], cwd=repo, check=True)
    ext = tmp_path / "ext"
    (ext / "src").mkdir(parents=True)
    (ext / "Cargo.toml").write_text(
        '[package]\nname = "ext"\nversion = "0.1.0"\nedition = "2021"\n\n[lib]\ncrate-type = ["cdylib"]\n\n'
        f'[dependencies]\npyo3 = {{ package = "ferrule-runtime", version = "0.1", registry = "ferrule" }}\n'
        f'tally = {{ git = "{repo.as_uri()}" }}\n\n[workspace]\n')
    (ext / "pyproject.toml").write_text('[project]\nname = "ext"\nversion = "0.1.0"\n')
    (ext / "src" / "lib.rs").write_text("use pyo3::prelude::*;\n\n#[pymodule]\nfn ext(m: &Bound<'_, PyModule>) "
                                        "-> PyResult<()> {\n    m.add(\"answer\", tally::answer())\n}\n")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    built = subprocess.run([*FERRULE_CLI, "develop", "-m", str(ext / "Cargo.toml"), "-i", str(venv / "bin" / "python")],
                           capture_output=True, text=True, env=test_env.env)
    assert built.returncode == 1, built.stdout + built.stderr
    assert "`tally` is a dependency of `ext` that ferrule did not read" in built.stderr, built.stderr
    assert "make `tally` a path dependency" in built.stderr
    assert "Traceback" not in built.stderr
