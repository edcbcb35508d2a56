"""The IDE path: a plain `cargo check` (no ferrule, no glue) reports what the attributes
alone can tell, each at the user's line, and passes a correct crate."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

MISTAKES = '''use ferrule::prelude::*;
use std::time::Instant;

#[pyclass(frozn)]
#[derive(Clone)]
struct C {
    #[pyo3(get, sett)]
    v: i32,
}

#[pymethods]
impl C {
    #[pyo3(nam = "x")]
    fn v(&self, since: Option<Instant>) -> i32 { let _ = since; self.v }
}

#[pyclass]
fn not_a_class() {}

#[pyfunction(nme = "x")]
fn takes(t: Instant) -> i32 { let _ = t; 1 }

#[pyfunction]
fn gives() -> PyResult<Instant> { Ok(Instant::now()) }

#[pymodule(gil_usd = false)]
fn demo(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(takes, m)?)?;
    m.add_function(wrap_pyfunction!(gives, m)?)?;
    m.add_class::<C>()?;
    Ok(())
}
'''

CORRECT = '''use ferrule::prelude::*;
use std::time::{Duration, SystemTime};

#[pyclass]
#[derive(Clone)]
struct Point { x: i32 }

#[derive(FromPyObject)]
struct Pair { a: i32, b: i32 }

#[pyfunction]
fn by_value(p: Point, pair: Pair, d: Duration, t: Option<SystemTime>) -> PyResult<Vec<Point>> {
    let _ = (pair.a, pair.b, d, t);
    Ok(vec![p])
}

#[derive(IntoPyObject)]
enum Number { Int(i64), Float(f64), Range { low: i64, high: std::collections::HashMap<String, i64> } }

#[derive(IntoPyObjectRef)]
struct Label { text: String, pub(crate) counts: std::collections::HashMap<String, (i64, i64)> }

#[derive(IntoPyObject)]
struct Pairing(i64, /** the name */ String);

#[pyfunction]
fn numbers(py: Python<'_>, which: u8) -> PyResult<(Py<PyAny>, Py<PyAny>, Py<PyAny>)> {
    let n = match which {
        0 => Number::Int(2),
        1 => Number::Float(1.5),
        _ => Number::Range { low: 1, high: Default::default() },
    };
    let label = Label { text: "n".to_owned(), counts: Default::default() };
    let pairing = Pairing(1, "one".to_owned());
    Ok((n.into_pyobject(py)?.unbind(), (&label).into_pyobject(py)?.unbind(), pairing.into_pyobject(py)?.unbind()))
}

#[deprecated(note = "use by_value")]
#[pyfunction]
fn old_by_value(p: Point) -> Point { p }

#[pymodule]
fn demo(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(by_value, m)?)?;
    m.add_function(wrap_pyfunction!(old_by_value, m)?)?;
    m.add_function(wrap_pyfunction!(numbers, m)?)?;
    m.add_class::<Point>()?;
    Ok(())
}
'''


def _check(tmp_path: Path, source: str) -> subprocess.CompletedProcess:
    crate = tmp_path / "demo"
    subprocess.run([sys.executable, "-m", "ferrule", "new", str(crate)], check=True, capture_output=True)
    (crate / "src" / "lib.rs").write_text(source)
    env = dict(os.environ, CARGO_TARGET_DIR=str(REPO / "target" / "plain-check"))
    env.pop("FERRULE_GLUE_DIR", None)
    return subprocess.run(["cargo", "check", "--message-format=short"], cwd=crate, capture_output=True, text=True,
                          env=env, timeout=600)


def test_mistakes_the_attributes_can_see_fail_at_their_lines(tmp_path: Path) -> None:
    out = _check(tmp_path, MISTAKES)
    assert out.returncode != 0
    errors = re.findall(r"^src/lib\.rs:(\d+:\d+): error(?:\[E\d+\])?: (.*)$", out.stderr, re.M)
    expected = [
        ("4:11", "unknown option `frozn` for `#[pyclass]`; did you mean `frozen`?"),
        ("7:17", "unknown option `sett` for a `#[pyclass]` field; did you mean `set`?"),
        ("13:12", "unknown option `nam` for a `#[pymethods]` function; did you mean `name`?"),
        ("14:24", "`Option<Instant>` cannot be used as a Python function argument"),
        ("18:1", "`#[pyclass]` goes on a `struct` or an `enum`, not on a `fn`"),
        ("20:14", "unknown option `nme` for `#[pyfunction]`; did you mean `name`?"),
        ("21:13", "`Instant` cannot be used as a Python function argument"),
        ("24:24", "`Instant` cannot be converted to a Python object"),
        ("26:12", "unknown option `gil_usd` for `#[pymodule]`; did you mean `gil_used`?"),
    ]
    for where, message in expected:
        assert any(w == where and m.startswith(message) for w, m in errors), (where, message, errors)
    assert len(errors) == len(expected), errors


def test_a_correct_crate_passes(tmp_path: Path) -> None:
    """By-value classes and derived conversions (both ways) have their traits under plain cargo too; binding a
    `#[deprecated]` function is no use of it there either."""
    out = _check(tmp_path, CORRECT)
    assert out.returncode == 0, out.stderr
    assert "warning" not in out.stderr.replace("generated 0 warnings", ""), out.stderr


def test_a_plain_function_among_added_ones_is_reported_at_its_name(tmp_path: Path) -> None:
    """Consecutive `add_function` statements are compiled as one loop; rustc still points at
    the name that is no `#[pyfunction]`, and at no other."""
    source = '''use ferrule::prelude::*;

#[pyfunction]
fn one() {}

fn plain() {}

#[pymodule]
fn demo(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(one, m)?)?;
    m.add_function(wrap_pyfunction!(plain, m)?)?;
    m.add_function(wrap_pyfunction!(one, m)?)?;
    Ok(())
}
'''
    out = _check(tmp_path, source)
    assert out.returncode != 0
    errors = re.findall(r"^src/lib\.rs:(\d+:\d+): error(?:\[E\d+\])?: (.*)$", out.stderr, re.M)
    assert [where for where, _ in errors] == ["11:37"], out.stderr
    assert "`plain`" in errors[0][1]
