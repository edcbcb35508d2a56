"""End to end: the declarative `#[pymodule] mod` form (tests/crates/fe_modules), and a crate
that names the runtime `pyo3` (tests/crates/fe_renamed)."""

from __future__ import annotations

import inspect
import types

import pytest


def test_exports(fe_modules):
    assert fe_modules.double(21) == 42
    assert fe_modules.double.__doc__ == "Doubles a number."
    assert fe_modules.shout("hey") == "HEY"
    assert fe_modules.whisper("HEY") == "hey"


def test_function_defined_in_module_body(fe_modules):
    assert fe_modules.inner(1) == 1001
    assert fe_modules.inner.__doc__ == "Defined inside the module body."


def test_unexported_function_is_absent(fe_modules):
    assert not hasattr(fe_modules, "triple")


def test_exported_constants(fe_modules):
    assert fe_modules.QUOTE == 'say "hi"'
    assert fe_modules.sub.LIMIT == 2**64 - 1  # usize::MAX, converted like any usize


def test_module_doc(fe_modules):
    assert fe_modules.__doc__ == "Module built from a `mod` item."


def test_nested_submodule(fe_modules):
    sub = fe_modules.sub
    assert isinstance(sub, types.ModuleType)
    assert sub.__name__ == "fe_modules.sub"
    assert sub.__doc__ == "A nested module."
    assert sub.triple(3) == 9
    assert str(inspect.signature(sub.triple)) == "(x)"


def test_pass_module_in_submodule(fe_modules):
    assert fe_modules.sub.where_am_i() == fe_modules.sub.__name__


def test_pymodule_init_runs(fe_modules):
    assert fe_modules.CONST == 42
    assert fe_modules.GREETING == "hi"


def test_add_submodule_from_init(fe_modules):
    assert isinstance(fe_modules.extra, types.ModuleType)
    assert fe_modules.extra.VALUE == 7


def test_all_lists_the_public_names(fe_modules):
    assert sorted(fe_modules.__all__) == sorted(
        ["double", "shout", "whisper", "legacy", "inner", "sub", "CONST", "GREETING", "extra", "QUOTE"])
    namespace: dict = {}
    exec("from fe_modules import *", namespace)
    assert namespace["CONST"] == 42 and namespace["double"](1) == 2


def test_pyfn_functions_join_their_module(fe_modules):
    """`#[pyfn(m, signature = ...)]` + `#[pyo3(name = ...)]`, and `pass_module`, in a `#[pymodule] fn`."""
    legacy = fe_modules.legacy
    assert legacy.scaled(2) == 6 and legacy.scaled(2, factor=5) == 10
    assert not hasattr(legacy, "scale")
    assert legacy.scaled.__doc__ == "Scales by a factor."
    assert str(inspect.signature(legacy.scaled)) == "(x, factor=3)"
    assert legacy.home() == "fe_modules.legacy"
    # Both were added before the statements after them ran (`__name__`, `__doc__`, ... come first).
    assert legacy.COUNT == len([k for k in vars(legacy) if k != "COUNT"])


def test_renamed_dependency_works(fe_renamed):
    assert fe_renamed.mul(3) == 30
    assert fe_renamed.mul(3, b=2) == 6
    assert fe_renamed.mul.__doc__ == "Multiplies two numbers."
    assert str(inspect.signature(fe_renamed.mul)) == "(a, b=10)"
    with pytest.raises(ValueError, match="^3 is odd$"):
        fe_renamed.checked_half(3)
    assert fe_renamed.checked_half(8) == 4


def test_add_function_statements_run_in_order(fe_renamed):
    """A `#[pymodule] fn` of `m.add_function(wrap_pyfunction!(f, m)?)?;` runs: each function is
    added where its statement stands, and of two with one Python name the later one stays."""
    assert fe_renamed.HAD_HALF is True and fe_renamed.HAD_AREA is False
    assert fe_renamed.area(2.0, 3.5) == 7.0
    assert fe_renamed.pick() == "second"
    assert not hasattr(fe_renamed, "pick_first")


def test_second_top_level_module_exports_its_init(fe_modules):
    """Only the module named like the library is imported; another top-level one still gets its
    `PyInit_` symbol (and stays out of the main module)."""
    import ctypes
    from pathlib import Path

    (native,) = Path(fe_modules.__file__).parent.glob("*.so")
    library = ctypes.CDLL(str(native))
    assert library.PyInit_fe_modules_extra is not None
    assert library.PyInit_fe_modules is not None
    assert not hasattr(fe_modules, "fe_modules_extra")
