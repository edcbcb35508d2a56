"""`ferrule test` / `ferrule cargo ...`: cargo's own tests and programs embedding Python, with the glue written.

Plain cargo builds no glue, so a `#[test]` calling a `#[pyfunction]` through Python, or a program registering
a binding crate's module with `append_to_inittab!`, needs ferrule to write it first.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
RUNTIME = 'pyo3 = { package = "ferrule-runtime", version = "0.1", registry = "ferrule", features = ["auto-initialize"] }'

LIB_RS = """use pyo3::prelude::*;

#[pyfunction]
fn double(x: i64) -> i64 {
    x * 2
}

#[pyclass]
struct Counter {
    start: i64,
}

#[pymethods]
impl Counter {
    #[new]
    fn new(start: i64) -> Self {
        Counter { start }
    }

    fn bumped(&self, by: i64) -> i64 {
        self.start + by
    }
}

// `ferrule test` writes one glue for every build of the library: `#[cfg]` on fields and variants
// is left to rustc (the glue touching them is compiled under the same predicates).
#[pyclass]
struct Gated {
    #[pyo3(get)]
    #[cfg(any())]
    hidden: u32,
    #[pyo3(get, set)]
    #[cfg(not(any()))]
    shown: u32,
    #[pyo3(get)]
    #[cfg(not(test))]
    only_outside_tests: u32,
}

#[pyclass(eq, eq_int)]
#[derive(PartialEq)]
#[repr(u64)]
enum Wide {
    #[cfg(any())]
    Gone,
    Huge = u64::MAX,
    #[cfg(test)]
    Small = 3,
}

#[pyclass(subclass)]
struct Root {
    n: i64,
}

#[pyclass(extends = Root)]
struct Leaf {}

// A cycle broken by `__clear__` taking the object itself (it borrows as it needs).
#[pyclass(weakref)]
struct Node {
    next: Option<Py<PyAny>>,
}

#[pymethods]
impl Node {
    #[new]
    fn new() -> Self {
        Node { next: None }
    }

    fn link(&mut self, other: Py<PyAny>) {
        self.next = Some(other);
    }

    fn __traverse__(&self, visit: PyVisit<'_>) -> Result<(), PyTraverseError> {
        visit.call(&self.next)
    }

    fn __clear__(slf: &Bound<'_, Self>) {
        slf.borrow_mut().next = None;
    }
}

#[pymodule]
fn tested(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(double, m)?)?;
    m.add_class::<Counter>()?;
    m.add_class::<Gated>()?;
    m.add_class::<Wide>()?;

    #[pyfn(m)]
    fn legacy_half(x: i64) -> i64 {
        x / 2
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn function_and_class_through_python() {
        Python::attach(|py| {
            let f = wrap_pyfunction!(double, py).unwrap();
            assert_eq!(f.call1((21,)).unwrap().extract::<i64>().unwrap(), 42);
            let counter = py.get_type::<Counter>().call1((40,)).unwrap();
            assert_eq!(counter.call_method1("bumped", (3,)).unwrap().extract::<i64>().unwrap(), 43);
        });
    }

    #[test]
    fn cfg_on_fields_and_variants_and_a_u64_discriminant() {
        Python::attach(|py| {
            let g = Py::new(py, Gated { shown: 4 }).unwrap();
            let locals = pyo3::types::PyDict::new(py);
            locals.set_item("g", g).unwrap();
            locals.set_item("Wide", py.get_type::<Wide>()).unwrap();
            py.run(c"assert g.shown == 4\ng.shown = 9\nassert g.shown == 9\n\
assert not hasattr(g, 'hidden') and not hasattr(g, 'only_outside_tests')\n\
assert not hasattr(Wide, 'Gone') and int(Wide.Small) == 3\n\
assert int(Wide.Huge) == 2**64 - 1 and Wide.Huge == 2**64 - 1 and Wide.Huge != -1\n",
                   None, Some(&locals)).unwrap();
            // `#[pyfn(m)]` in the module's body: added to the module where it is written.
            let module = pyo3::wrap_pymodule!(tested)(py);
            let half = module.bind(py).getattr("legacy_half").unwrap();
            assert_eq!(half.call1((9,)).unwrap().extract::<i64>().unwrap(), 4);
            // `{:?}` of a PyErr is PyO3's: reprs of type and value, then the formatted traceback.
            let err = py.run(c"def f():\n    raise ValueError('bad')\nf()\n", None, None).unwrap_err();
            let text = format!("{err:?}");
            assert!(text.starts_with("PyErr { type: <class 'ValueError'>, value: ValueError('bad'), \
traceback: Some(\\"Traceback (most recent call last):\\\\n"), "{text}");
            assert!(text.ends_with("in f\\\\n\\") }"), "{text}");
            // `Py<PyBytes>::as_bytes`, and a self-cycle collected through `__clear__(slf: &Bound<Self>)`.
            let bytes: Py<pyo3::types::PyBytes> = pyo3::types::PyBytes::new(py, b"ab").unbind();
            assert_eq!(bytes.as_bytes(py), b"ab");
            let locals = pyo3::types::PyDict::new(py);
            locals.set_item("Node", py.get_type::<Node>()).unwrap();
            py.run(c"import gc, weakref\\nn = Node()\\nn.link(n)\\nw = weakref.ref(n)\\ndel n\\ngc.collect()\\nassert w() is None\\n",
                   None, Some(&locals)).unwrap();
            // `PyClassGuardMut::as_super`: the base's fields through the subclass's guard.
            let leaf = Bound::new(py, PyClassInitializer::from(Root { n: 1 }).add_subclass(Leaf {})).unwrap();
            let mut guard = leaf.extract::<PyClassGuardMut<'_, Leaf>>().unwrap();
            guard.as_super().n += 41;
            drop(guard);
            assert_eq!(leaf.as_super().borrow().n, 42);
        });
    }

    #[test]
    #[ignore]
    fn wrong_on_purpose() {
        Python::attach(|py| {
            let f = wrap_pyfunction!(double, py).unwrap();
            assert_eq!(f.call1((1,)).unwrap().extract::<i64>().unwrap(), 3);
        });
    }
}
"""

GADGETS_RS = """use pyo3::prelude::*;

#[pyclass]
pub struct Dial {
    #[pyo3(get, set)]
    pub level: u32,
}

#[pymethods]
impl Dial {
    #[new]
    fn new(level: u32) -> Self {
        Dial { level }
    }

    fn turned(&self, steps: u32) -> u32 {
        self.level + steps
    }
}

#[pymodule]
pub fn gadgets(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Dial>()
}
"""

MAIN_RS = """use pyo3::prelude::*;

fn main() -> PyResult<()> {
    pyo3::append_to_inittab!(gadgets::gadgets);
    Python::initialize();
    Python::attach(|py| {
        let code = c"import gadgets\\nd = gadgets.Dial(5)\\nd.level = d.turned(2) * 10\\n";
        let globals = pyo3::types::PyDict::new(py);
        py.run(code, Some(&globals), None)?;
        let dial = globals.get_item("d")?.unwrap();
        let level: u32 = dial.extract::<PyRef<'_, gadgets::Dial>>()?.level;
        println!("level from python: {level}");
        Ok(())
    })
}
"""


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FERRULE_")}
    target = os.environ.get("FERRULE_TEST_TARGET_DIR") or str(REPO / "target" / "test-cargo-command")
    env.update(PYO3_PYTHON=sys.executable, CARGO_TARGET_DIR=target,
               LD_LIBRARY_PATH=str(sysconfig.get_config_var("LIBDIR") or ""))
    return env


def _ferrule(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ferrule", *args], cwd=cwd, env=_env(), capture_output=True,
                          text=True, timeout=900)


def _lib_crate(root: Path, lib_rs: str) -> Path:
    (root / "src").mkdir(parents=True)
    (root / "Cargo.toml").write_text(f"""[package]
name = "tested"
version = "0.1.0"
edition = "2021"

[lib]
crate-type = ["cdylib"]

[dependencies]
{RUNTIME}
""")
    (root / "pyproject.toml").write_text('[build-system]\nrequires = ["ferrule"]\nbuild-backend = "ferrule"\n\n'
                                         '[project]\nname = "tested"\nversion = "0.1.0"\n')
    (root / "src" / "lib.rs").write_text(lib_rs)
    return root


@pytest.fixture(scope="module")
def lib_crate(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _lib_crate(tmp_path_factory.mktemp("cargo-command") / "tested", LIB_RS)


def test_ferrule_test_runs_unit_tests_that_call_bindings_through_python(lib_crate: Path) -> None:
    out = _ferrule(["test"], lib_crate)
    assert out.returncode == 0, out.stderr
    assert "test tests::function_and_class_through_python ... ok" in out.stdout
    assert "test tests::cfg_on_fields_and_variants_and_a_u64_discriminant ... ok" in out.stdout
    assert "2 passed" in out.stdout
    # PyO3's deprecation of `#[pyfn]`, at the user's attribute.
    line = LIB_RS.splitlines().index("    #[pyfn(m)]") + 1
    assert "`pyfn` will be removed in a future PyO3 version" in out.stderr, out.stderr
    assert f"src/lib.rs:{line}:7" in out.stderr, out.stderr


def test_a_failing_test_gives_cargos_exit_code(lib_crate: Path) -> None:
    out = _ferrule(["cargo", "test", "--", "--ignored"], lib_crate)
    assert out.returncode == 101, out.stdout + out.stderr
    assert "test tests::wrong_on_purpose ... FAILED" in out.stdout


def test_a_binding_mistake_is_one_located_error(tmp_path: Path) -> None:
    bad = LIB_RS.replace("#[pyfunction]\nfn double", "#[pyfunction]\n#[pyo3(nonsense)]\nfn double")
    out = _ferrule(["test"], _lib_crate(tmp_path / "tested", bad))
    assert out.returncode == 1
    assert "src/lib.rs:4:" in out.stderr and "nonsense" in out.stderr
    assert "Compiling" not in out.stderr  # refused before cargo ran


def test_cargo_run_embeds_python_with_a_binding_crates_module(tmp_path: Path) -> None:
    app = tmp_path / "app"
    (app / "src").mkdir(parents=True)
    (app / "gadgets" / "src").mkdir(parents=True)
    (app / "Cargo.toml").write_text(f"""[package]
name = "app"
version = "0.1.0"
edition = "2021"

[dependencies]
{RUNTIME.replace('"auto-initialize"', '"macros"')}
gadgets = {{ path = "gadgets" }}

[workspace]
""")
    (app / "gadgets" / "Cargo.toml").write_text("""[package]
name = "gadgets"
version = "0.1.0"
edition = "2021"

[dependencies]
pyo3 = { package = "ferrule-runtime", version = "0.1", registry = "ferrule" }
""")
    (app / "gadgets" / "src" / "lib.rs").write_text(GADGETS_RS)
    (app / "src" / "main.rs").write_text(MAIN_RS)
    out = _ferrule(["cargo", "run", "--quiet"], app)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "level from python: 70"
