#!/usr/bin/env python3
"""The develop loop: `ferrule develop` vs `maturin develop` vs `maturin develop --uv`, plus installing the tools.

    python benchmarks/develop_loop.py                # writes benchmarks/results/<date>-develop.{json,md}
    python benchmarks/develop_loop.py --rounds 5     # median of 5 rounds per step (default 3)
    python benchmarks/develop_loop.py --no-install   # skip the install-time part (benchmarks/install_time.py)

One mixed Rust/Python project (`loopbench`: `python/loopbench/` + the extension
`loopbench._native`, the same `src/lib.rs` in PyO3's API) is copied three times under
<repo>/target/bench-develop, one copy per tool, each with its own venv and cargo target dir.
After a first (clean) build, every round times these steps, each one command:

  no change        the command again with nothing edited
  touch lib.rs     lib.rs's mtime bumped, contents the same
  edit a body      a constant inside a function body changed
  edit a signature a parameter added to (or removed from) a #[pyfunction]
  edit Python      python/loopbench/helpers.py changed

After each step (untimed) the venv's Python imports the module and checks the edit is
visible, so a tool that skipped work would fail here, not look fast. Debug builds.
ferrule is this checkout (run with a Python that has ferrule installed, e.g. the test
venv); maturin and uv come from PyPI into target/bench-develop/tools; PyO3 is pinned
(PYO3_VERSION) and comes from crates.io.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
ROOT = REPO / "target" / "bench-develop"
PYO3_VERSION = "0.30.1"
TOOLS = ("ferrule develop", "maturin develop", "maturin develop --uv")
STEPS = ("no change", "touch lib.rs", "edit a body", "edit a signature", "edit Python")

CARGO = '''[package]
name = "loopbench"
version = "0.1.0"
edition = "2021"
publish = false

[lib]
name = "_native"
crate-type = ["cdylib"]

[dependencies]
{pyo3}

[workspace]
'''
PYPROJECT = '''[build-system]
requires = ["maturin>=1,<2"]
build-backend = "maturin"

[project]
name = "loopbench"
version = "0.1.0"

[tool.maturin]
python-source = "python"
module-name = "loopbench._native"

[tool.ferrule]
python-source = "python"
module-name = "loopbench._native"
'''
INIT_PY = "from ._native import *  # noqa: F401,F403\nfrom .helpers import greet  # noqa: F401\n"
HELPERS_PY = 'def greet() -> str:\n    return "hello {n}"\n'
SIGNATURES = (
    "#[pyfunction]\nfn scaled(x: i64) -> i64 {\n    x * 2\n}\n",
    "#[pyfunction]\n#[pyo3(signature = (x, factor = 2))]\nfn scaled(x: i64, factor: i64) -> i64 {\n    x * factor\n}\n",
)
LIB_RS = '''use pyo3::prelude::*;

/// A constant the loop edits.
#[pyfunction]
fn answer() -> i64 {{
    {answer}
}}

{scaled}
#[pyfunction]
fn add(a: i64, b: i64) -> i64 {{
    a + b
}}

#[pyfunction]
#[pyo3(signature = (name, greeting = "Hello"))]
fn hello(name: &str, greeting: &str) -> String {{
    format!("{{greeting}}, {{name}}!")
}}

#[pyfunction]
fn total(values: Vec<f64>) -> f64 {{
    values.iter().sum()
}}

#[pyclass]
struct Counter {{
    #[pyo3(get)]
    count: u64,
}}

#[pymethods]
impl Counter {{
    #[new]
    fn new() -> Self {{
        Counter {{ count: 0 }}
    }}

    fn bump(&mut self, by: u64) -> u64 {{
        self.count += by;
        self.count
    }}
}}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {{
    m.add_function(wrap_pyfunction!(answer, m)?)?;
    m.add_function(wrap_pyfunction!(scaled, m)?)?;
    m.add_function(wrap_pyfunction!(add, m)?)?;
    m.add_function(wrap_pyfunction!(hello, m)?)?;
    m.add_function(wrap_pyfunction!(total, m)?)?;
    m.add_class::<Counter>()?;
    Ok(())
}}
'''
CHECK = '''import inspect, json, loopbench
print(json.dumps({"answer": loopbench.answer(), "scaled_params": len(inspect.signature(loopbench.scaled).parameters),
                  "greet": loopbench.greet(), "add": loopbench.add(40, 2), "count": loopbench.Counter().bump(3)}))
'''


def log(msg: str) -> None:
    print(f"[develop] {msg}", file=sys.stderr, flush=True)


def run(cmd: list, *, env: dict | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    res = subprocess.run([str(c) for c in cmd], env=env, cwd=cwd, capture_output=True, text=True)
    if res.returncode != 0:
        raise SystemExit(f"command failed ({res.returncode}): {' '.join(map(str, cmd))}\n"
                         f"--- stdout ---\n{res.stdout[-4000:]}\n--- stderr ---\n{res.stderr[-6000:]}")
    return res


class Project:
    """One copy of loopbench, the venv it is developed into and the state of its edits."""

    def __init__(self, tool: str, tools_bin: Path) -> None:
        self.tool = tool
        self.dir = ROOT / tool.replace(" ", "-").replace("--", "")
        self.venv = self.dir / "venv"
        self.target = self.dir / "cargo"
        self.tools_bin = tools_bin
        self.answer = 0
        self.signature = 0
        self.greeting = 0

    @property
    def python(self) -> Path:
        return self.venv / "bin" / "python"

    def write(self) -> None:
        src = self.dir / "src"
        src.mkdir(parents=True, exist_ok=True)
        dep = ('pyo3 = { package = "ferrule-runtime", version = "0.1", registry = "ferrule" }'
               if self.tool.startswith("ferrule")
               else f'pyo3 = "={PYO3_VERSION}"')
        (self.dir / "Cargo.toml").write_text(CARGO.format(pyo3=dep))
        (self.dir / "pyproject.toml").write_text(PYPROJECT)
        pkg = self.dir / "python" / "loopbench"
        pkg.mkdir(parents=True, exist_ok=True)
        (pkg / "__init__.py").write_text(INIT_PY)
        self.write_python()
        self.write_rust()

    def write_rust(self) -> None:
        (self.dir / "src" / "lib.rs").write_text(LIB_RS.format(answer=self.answer, scaled=SIGNATURES[self.signature]))

    def write_python(self) -> None:
        (self.dir / "python" / "loopbench" / "helpers.py").write_text(HELPERS_PY.format(n=self.greeting))

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env["VIRTUAL_ENV"] = str(self.venv)
        env["PATH"] = os.pathsep.join([str(self.venv / "bin"), str(self.tools_bin), env.get("PATH", "")])
        env["CARGO_TARGET_DIR"] = str(self.target)
        for var in ("CONDA_PREFIX", "PYTHONPATH"):
            env.pop(var, None)
        return env

    def command(self) -> list:
        manifest = self.dir / "Cargo.toml"
        if self.tool == "ferrule develop":
            return [sys.executable, "-m", "ferrule", "develop", "-m", manifest, "-i", self.python]
        cmd = [self.tools_bin / "maturin", "develop", "-m", manifest]
        return cmd + (["--uv"] if self.tool.endswith("--uv") else [])

    def develop(self) -> float:
        start = time.perf_counter()
        run(self.command(), env=self.env(), cwd=self.dir)
        return time.perf_counter() - start

    def check(self) -> None:
        """The installed module shows every edit made so far."""
        got = json.loads(run([self.python, "-c", CHECK], env=self.env(), cwd=ROOT).stdout)
        want_params = 1 + self.signature
        ok = (got["answer"] == self.answer and got["greet"] == f"hello {self.greeting}" and got["add"] == 42
              and got["count"] == 3 and got["scaled_params"] == want_params)
        if not ok:
            raise SystemExit(f"{self.tool}: the installed module does not show the edits: {got}")

    def setup(self, fresh: bool) -> float:
        if fresh and self.dir.exists():
            shutil.rmtree(self.dir)
        self.write()
        if not self.python.exists():
            run([sys.executable, "-m", "venv", self.venv])  # with pip: plain `maturin develop` installs with it
        t = self.develop()
        self.check()
        return t

    def step(self, name: str) -> float:
        lib = self.dir / "src" / "lib.rs"
        if name == "touch lib.rs":
            os.utime(lib)
        elif name == "edit a body":
            self.answer += 1
            self.write_rust()
        elif name == "edit a signature":
            self.signature = 1 - self.signature
            self.write_rust()
        elif name == "edit Python":
            self.greeting += 1
            self.write_python()
        t = self.develop()
        self.check()
        return t


def tools_venv() -> Path:
    tools = ROOT / "tools"
    if not (tools / "bin" / "maturin").exists() or not (tools / "bin" / "uv").exists():
        log("installing maturin and uv from PyPI into target/bench-develop/tools")
        run([sys.executable, "-m", "venv", tools])
        run([tools / "bin" / "python", "-m", "pip", "install", "--quiet", "maturin", "uv"])
    return tools / "bin"


def version_of(cmd: list) -> str:
    return subprocess.run([str(c) for c in cmd], capture_output=True, text=True).stdout.strip()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--fresh", action="store_true", help="delete earlier copies first (clean first builds)")
    ap.add_argument("--no-install", action="store_true", help="skip timing the tools' installation")
    ap.add_argument("--out", type=Path, help="JSON result file (default benchmarks/results/<date>-develop.json)")
    args = ap.parse_args()
    ROOT.mkdir(parents=True, exist_ok=True)
    tools_bin = tools_venv()
    projects = [Project(tool, tools_bin) for tool in TOOLS]
    first = {}
    for p in projects:
        log(f"{p.tool}: first build")
        first[p.tool] = p.setup(args.fresh)
    times: dict[str, dict[str, list[float]]] = {p.tool: {s: [] for s in STEPS} for p in projects}
    for r in range(args.rounds):
        for step in STEPS:
            for p in projects:  # interleaved: machine load hits all three alike
                times[p.tool][step].append(p.step(step))
        log(f"round {r + 1}/{args.rounds} done")
    medians = {tool: {s: statistics.median(v) for s, v in steps.items()} for tool, steps in times.items()}
    install = None
    if not args.no_install:
        sys.path.insert(0, str(HERE))
        import install_time

        install = install_time.measure(rounds=1)
    stamp = _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d-%H%M")
    out = args.out or HERE / "results" / f"{stamp}-develop.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    meta = {"date": stamp, "python": platform.python_version(), "machine": platform.machine(),
            "rounds": args.rounds, "pyo3": PYO3_VERSION, "maturin": version_of([tools_bin / "maturin", "--version"]),
            "uv": version_of([tools_bin / "uv", "--version"]), "load_avg": os.getloadavg()[0]}
    result = {"meta": meta, "first_build_s": first, "median_s": medians, "all_s": times, "install": install}
    out.write_text(json.dumps(result, indent=2) + "\n")
    md = render(result)
    out.with_suffix(".md").write_text(md)
    print(md)
    return 0


def render(result: dict) -> str:
    meta = result["meta"]
    lines = [f"Develop loop (debug builds, median of {meta['rounds']} rounds, seconds; {meta['maturin']}, "
             f"PyO3 {meta['pyo3']}, {meta['uv']}; load average {meta['load_avg']:.1f})", "",
             "| step | " + " | ".join(TOOLS) + " | ferrule / maturin | ferrule / maturin --uv |",
             "|---|" + "---:|" * (len(TOOLS) + 2)]
    rows = [("first build", result["first_build_s"])] + [(s, {t: result["median_s"][t][s] for t in TOOLS})
                                                         for s in STEPS]
    for name, by_tool in rows:
        f, m, u = (by_tool[t] for t in TOOLS)
        lines.append(f"| {name} | {f:.2f} | {m:.2f} | {u:.2f} | {f / m:.2f} | {f / u:.2f} |")
    if result.get("install"):
        sys.path.insert(0, str(HERE))
        import install_time

        lines += ["", *install_time.render(result["install"])]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
