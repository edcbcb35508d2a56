"""`async fn` bindings in the parser: PyO3's error without `experimental-async`,
`#[pyo3(cancel_handle)]`, and which builds turn the runtime feature on."""

from __future__ import annotations

from pathlib import Path

from ferrule.build_options import CargoOptions
from ferrule.parse.model import ParamKind
from ferrule.project import load_project
from ferrule.runtime_features import async_enabled
from ferrule.tool_config import Feature

from test_parse_crate import parse

NEEDS_FEATURE = "async functions are only supported with the `experimental-async` feature"


def _where(diags) -> list[tuple[str, int, int]]:
    return [(d.message, d.line, d.col) for d in diags]


def test_without_the_feature_each_async_fn_is_reported_at_its_async(tmp_path: Path) -> None:
    _, diags = parse(tmp_path, {"src/lib.rs": """
        #[pyfunction]
        pub async fn f() {}
        #[pyclass]
        struct C;
        #[pymethods]
        impl C {
            async fn m(&self) {}
        }
    """})
    assert _where(diags) == [(NEEDS_FEATURE, 2, 5), (NEEDS_FEATURE, 7, 5)]
    assert 'features = ["experimental-async"]' in diags[0].hint


def test_a_gated_async_fn_is_left_to_rustc(tmp_path: Path) -> None:
    crate, diags = parse(tmp_path, {"src/lib.rs": """
        #[cfg(feature = "coroutines")]
        #[pyfunction]
        async fn f() {}
    """})
    assert diags == []
    assert NEEDS_FEATURE in crate.functions[0].deferred_error


def test_with_the_feature_async_fns_are_bound(tmp_path: Path) -> None:
    crate, diags = parse(tmp_path, {"src/lib.rs": """
        #[pyfunction]
        async fn f(a: u8, #[pyo3(cancel_handle)] mut cancel: CancelHandle, b: String) {}
        #[pyclass]
        struct C;
        #[pymethods]
        impl C {
            async fn m(&self) {}
            #[staticmethod]
            async fn s() {}
            fn plain(&self) {}
        }
    """}, async_enabled=True)
    assert diags == []
    fn = crate.functions[0]
    assert fn.is_async
    assert [(p.name, p.kind) for p in fn.params] == [
        ("a", ParamKind.POSITIONAL_OR_KEYWORD), ("cancel", ParamKind.CANCEL_HANDLE), ("b", ParamKind.POSITIONAL_OR_KEYWORD)]
    assert [p.name for p in fn.visible_params()] == ["a", "b"]
    assert [(m.fn.rust_name, m.fn.is_async) for m in crate.classes[0].methods()] == [
        ("m", True), ("s", True), ("plain", False)]


def test_cancel_handle_rules(tmp_path: Path) -> None:
    _, diags = parse(tmp_path, {"src/lib.rs": """
        #[pyfunction]
        fn sync(#[pyo3(cancel_handle)] c: CancelHandle) {}
        #[pyfunction]
        async fn twice(#[pyo3(cancel_handle)] a: CancelHandle, #[pyo3(cancel_handle)] b: CancelHandle) {}
    """}, async_enabled=True)
    assert _where(diags) == [("`cancel_handle` attribute can only be used with `async fn`", 2, 32),
                             ("`cancel_handle` may only be specified once", 4, 79)]


def test_async_slots_and_properties_are_refused(tmp_path: Path) -> None:
    _, diags = parse(tmp_path, {"src/lib.rs": """
        #[pyclass]
        struct C;
        #[pymethods]
        impl C {
            async fn __anext__(&self) -> u8 { 0 }
            #[getter]
            async fn value(&self) -> u8 { 0 }
        }
    """}, async_enabled=True)
    assert [(d.message, d.line) for d in diags] == [("`async fn` cannot be a special method `__anext__`", 5),
                                                   ("`async fn` cannot be a #[getter]", 7)]


def _manifest(tmp_path: Path, dep: str, features: str = "") -> Path:
    (tmp_path / "src").mkdir(parents=True, exist_ok=True)
    (tmp_path / "src/lib.rs").write_text("")
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "p"\nversion = "0.1.0"\n')
    (tmp_path / "Cargo.toml").write_text(f'[package]\nname = "p"\nversion = "0.1.0"\n\n[lib]\ncrate-type = ["cdylib"]\n\n'
                                         f'[dependencies]\n{dep}\n\n[features]\n{features}\n')
    return tmp_path / "Cargo.toml"


def test_the_feature_is_found_however_the_build_turns_it_on(tmp_path: Path) -> None:
    plain = load_project(_manifest(tmp_path / "a", 'pyo3 = { package = "ferrule-runtime", version = "0.1", registry = "ferrule" }'))
    assert not async_enabled(plain)
    direct = load_project(_manifest(tmp_path / "b", 'ferrule-runtime = { version = "0.1", registry = "ferrule", features = ["experimental-async"] }'))
    assert async_enabled(direct)
    full = load_project(_manifest(tmp_path / "c", 'ferrule-runtime = { version = "0.1", registry = "ferrule", features = ["full"] }'))
    assert async_enabled(full)  # the runtime's own `full` includes it, as PyO3's does
    through = load_project(_manifest(tmp_path / "d", 'pyo3 = { package = "ferrule-runtime", version = "0.1", registry = "ferrule" }',
                                     'default = ["extra"]\nextra = ["aio"]\naio = ["pyo3?/experimental-async"]'))
    assert async_enabled(through)
    assert not async_enabled(through, CargoOptions(no_default_features=True))
    assert async_enabled(through, CargoOptions(no_default_features=True, features=(Feature("aio"),)))
    assert async_enabled(through, CargoOptions(no_default_features=True, all_features=True))
    assert async_enabled(plain, CargoOptions(features=(Feature("pyo3/experimental-async"),)))
