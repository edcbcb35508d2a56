"""Feature `experimental-inspect` (fe_genapi turns it on the way PyO3's pytests crate does): code under
`#[cfg(feature = "experimental-inspect")]` is bound, `pyo3::inspect` hints read back as PyO3 prints them,
and a signature's custom annotations are what the stub shows."""

from __future__ import annotations


def test_annotated_signature_binds_and_calls(fe_genapi):
    assert fe_genapi.annotated([1, 2], "x", "y", b=3, flag=True) == 6
    assert fe_genapi.annotated([]) == 0
    assert fe_genapi.takes_other_module_class(fe_genapi.Cloned(7)) == 7
    assert fe_genapi.to_kelvin(1.0) == 274.15


def test_hints_read_back_as_python_expressions(fe_genapi):
    # A user's INPUT_TYPE, Bound<PyList>'s, a class's TYPE_HINT and OUTPUT_TYPE, a type that names
    # none (PyO3's default), and one built with the type_hint_* macros.
    assert fe_genapi.hints() == ["float", "list", "fe_genapi.Cloned", "fe_genapi.Cloned", "_typeshed.Incomplete",
                                 "dict[str, datetime.date | None]"]


def test_stub_shows_the_custom_annotations(test_env, fe_genapi):
    stub = (test_env.site_packages / "fe_genapi" / "__init__.pyi").read_text()
    assert "def annotated(a: list[int], *args: str, b: int | None = None, **kwargs: bool) -> int: ..." in stub
    assert "def takes_other_module_class(c: Cloned) -> int: ..." in stub
