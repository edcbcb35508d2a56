"""Bindings that reach the module through `use` chains, in a mixed project whose
module (`fe_resolution._native`, `#[pyo3(name = "_native")]`) is not the lib name."""

from __future__ import annotations

import importlib
import sys

import pytest

from conftest import FERRULE_CLI  # the ferrule under test (another interpreter's run sets it)


@pytest.fixture(scope="module")
def pkg(test_env):
    test_env.require("fe_resolution")
    # A mixed project is installed as a .pth naming its source folder.
    for pth in test_env.site_packages.glob("*.pth"):
        for line in pth.read_text().splitlines():
            if line.endswith("fe_resolution") and line not in sys.path:
                sys.path.insert(0, line)
    return importlib.import_module("fe_resolution")


def test_module_is_installed_under_its_python_name(pkg) -> None:
    native = importlib.import_module("fe_resolution._native")
    assert native.__name__ == "fe_resolution._native" == pkg.native_name()
    assert native.__file__.endswith("fe_resolution/" + "_native" + native.__file__.split("_native", 1)[1])


def test_classes_from_three_files_through_use_chains(pkg) -> None:
    # Circle: a glob of a module re-exporting it; Square: re-exported renamed (`as Sq`);
    # Polygon: `shapes::Polygon` through `pub use self::polygon::*`; Ruler: a `#[path]` module
    # (both added by a crate macro in the module function's body).
    assert pkg.Circle(2.0).area() == pytest.approx(12.566, rel=1e-3)
    assert pkg.Square(3.0).area() == 9.0 and not hasattr(pkg, "Sq")
    assert pkg.Polygon(5).sides == 5 and pkg.Ruler(7).length == 7
    assert pkg.Circle.__module__ == "fe_resolution._native"


def test_functions_through_renamed_and_later_imports(pkg) -> None:
    assert pkg.measure(1.0, 4.5) == 3
    assert pkg.total_area([1.0, 1.0]) == pytest.approx(6.283, rel=1e-3)


def test_exception_from_another_file(pkg) -> None:
    with pytest.raises(pkg.ShapeError, match="negative radius") as info:
        pkg.Circle(-1.0)
    assert isinstance(info.value, ValueError)


def test_submodules_in_another_file_are_not_the_top_module(pkg) -> None:
    assert pkg.geometry.measure(0.0, 2.0) == 2 and pkg.geometry.Circle is pkg.Circle
    units = pkg.units
    assert units.ShapeError is pkg.ShapeError and units.Square is pkg.Square
    assert units.total_area([1.0]) == pytest.approx(3.1416, rel=1e-4)
    assert not hasattr(units, "double")  # exported under `#[cfg(any())]`: never compiled
    metric = importlib.import_module("fe_resolution._native.units.metric")
    assert metric.centimetres(1.5) == 150.0


def test_classes_methods_and_exceptions_written_by_a_macro(pkg) -> None:
    codecs = pkg.codecs
    assert codecs.Gzip().level() == 6 and codecs.Zstd().level() == 3 and codecs.Gzip(1).name() == "Gzip"
    assert codecs.Gzip.__doc__ == "The gzip codec."
    with pytest.raises(codecs.ZstdError, match="Zstd: negative level") as info:
        codecs.Zstd(-1)
    assert isinstance(info.value, ValueError) and codecs.GzipError is not codecs.ZstdError


def test_methods_written_by_a_macro_for_a_hand_written_class(pkg) -> None:
    counter = pkg.codecs.Counter()
    counter.bump()
    assert counter.bump() == 4


def test_functions_written_by_nested_and_later_defined_macros(pkg) -> None:
    codecs = pkg.codecs
    assert (codecs.double(2.0), codecs.triple(2.0), codecs.answer()) == (4.0, 6.0, 42)
    assert codecs.double.__doc__ == "Scales by a constant factor."


def test_fixed_name_class_from_one_macro_in_two_modules(pkg) -> None:
    # Keyword and name come from the macro's definition: the invocations tell them apart.
    text, binary = pkg.codecs.text.Stream, pkg.codecs.binary.Stream
    assert text is not binary
    t = text()
    t.push(1)
    assert (t.push(2), binary().push(3)) == (2, 1)
    assert t.rust_module().endswith("codecs::text") and binary().rust_module().endswith("codecs::binary")
    assert (text.__module__, binary.__module__) == ("fe_resolution._native.codecs.text",
                                                    "fe_resolution._native.codecs.binary")


def test_stub_lists_exported_exceptions(pkg) -> None:
    from pathlib import Path

    stub = Path(pkg.__file__).parent / "_native" / "units.pyi"
    assert "class ShapeError(ValueError):" in stub.read_text()


def test_plain_cargo_check_of_the_multi_file_crate(tmp_path) -> None:
    """IDEs check without glue: `wrap_pymodule!`, `#[pymodule_export] use` and
    macro-written classes must type-check with no warnings."""
    import os
    import shutil
    import subprocess
    from pathlib import Path

    crate = tmp_path / "fe_resolution"
    source = Path(__file__).parent / "crates" / "fe_resolution"
    shutil.copytree(source, crate, ignore=shutil.ignore_patterns("target", "*.so", "_native", "*.pyi"))
    subprocess.run([*FERRULE_CLI, "cargo-config", "-m", str(crate / "Cargo.toml")],
                   check=True, capture_output=True)
    env = dict(os.environ, CARGO_TARGET_DIR=str(Path(__file__).parent.parent / "target" / "plain-check"))
    env.pop("FERRULE_GLUE_DIR", None)
    out = subprocess.run(["cargo", "check", "--message-format=short"], cwd=crate, capture_output=True, text=True,
                         env=env)
    assert out.returncode == 0, out.stderr
    assert "warning" not in out.stderr.replace("generated 0 warnings", ""), out.stderr


def test_items_named_by_use_in_the_module_function_body(pkg) -> None:
    # `use crate::codecs::{Brotli as Br, *};` inside the `#[pymodule] fn`.
    assert pkg.Brotli().v() == 11 and pkg.triple(1.0) == 3.0


def test_class_and_methods_written_on_one_line(pkg) -> None:
    # By a macro (two invocations) and by hand: each class gets its own methods.
    codecs = pkg.codecs
    assert (pkg.Brotli().v(), codecs.Lz4().v(), codecs.Raw().v()) == (11, 4, 0)
    assert pkg.Brotli is not codecs.Lz4


def test_items_declared_inside_function_bodies(pkg) -> None:
    # local.rs: the `#[pymodule] fn local` body declares a function shadowing the module's
    # `shadowed`, a class with methods, an exception and a derive; a plain function it calls, a class.
    local, init = pkg.local, pkg.local_init
    assert (local.shadowed(), init.shadowed()) == ("body", "module")
    assert local.shadowed.__doc__ == "Declared in the module function's body."
    assert local.Pair(2, 3).sum() == 5 and local.Pair.__module__ == "fe_resolution._native.local"
    tally = local.Tally(5)
    tally.add(2)
    assert tally.add(1) == 8
    with pytest.raises(local.BodyError):
        raise local.BodyError("x")
    assert issubclass(local.BodyError, ValueError)
    from types import SimpleNamespace  # a derived `FromPyObject` declared in the body

    assert local.manhattan(SimpleNamespace(x=3, y=-4)) == 7
    # Items written by macros invoked in bodies: the module's macro, and a body's own that shadows it.
    assert (local.from_module_macro(), local.from_body_macro()) == (7, -1)
    # The `#[pymodule_init]` function of a declarative module declares what it adds.
    assert init.twice(21) == 42
