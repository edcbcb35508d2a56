#!/usr/bin/env python3
"""ferrule vs PyO3 (+ maturin) vs a hand-written C extension, in one process.

    python benchmarks/run.py            # full run: writes benchmarks/results/<date>.{json,md}
    python benchmarks/run.py --quick    # smoke: small N, one round, 1-binding build crate

Run it with a Python that has ferrule installed (e.g. the test venv). Everything
it builds lives under <repo>/target/bench: a venv (`venv/`) that all modules are
installed into, the generated crates (`crates/`), cargo's target dir (`cargo/`,
so the PyO3 release build is reused between runs) and the build-time crates
(`build/`, each with a fresh target dir and shared build cache for its clean
build; a second project then measures a new project's first develop with that
cache warm).

`bench.rs` is the one benchmark source, in PyO3's API; it is built as
`ferrule_bench` (ferrule, `ferrule develop --release`) and `pyo3_bench` (PyO3,
`maturin develop --release`). `floor/floor.c` is built as `floor_bench` with
`cc` and the interpreter's headers. Every generated Cargo.toml comes from
`crate.toml.in`. Timing happens in a worker process running the venv's Python
(`run.py --worker`), which alternates the three modules within every round.
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
import sysconfig
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
BENCH = REPO / "target" / "bench"
VENV = BENCH / "venv"
PYO3_VERSION = "0.30.1"
DEPS = {
    "ferrule": 'pyo3 = { package = "ferrule-runtime", version = "0.1", registry = "ferrule" }',
    "pyo3": f'pyo3 = {{ version = "={PYO3_VERSION}" }}',
}
MODULES = ("ferrule_bench", "pyo3_bench", "floor_bench")
LABELS = {"ferrule_bench": "ferrule", "pyo3_bench": "pyo3", "floor_bench": "floor"}


def log(msg: str) -> None:
    print(f"[bench] {msg}", file=sys.stderr, flush=True)


def run(cmd: list[str], *, env: dict | None = None, cwd: Path | None = None) -> None:
    res = subprocess.run([str(c) for c in cmd], env=env, cwd=cwd, capture_output=True, text=True)
    if res.returncode != 0:
        raise SystemExit(f"command failed ({res.returncode}): {' '.join(map(str, cmd))}\n"
                         f"--- stdout ---\n{res.stdout[-4000:]}\n--- stderr ---\n{res.stderr[-8000:]}")


def write_if_changed(path: Path, text: str) -> None:
    """Unchanged files keep their mtime, so cargo does not rebuild them."""
    if path.exists() and path.read_text() == text:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


# ---------------------------------------------------------------- environment

def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def ensure_venv() -> None:
    if not venv_python().exists():
        log(f"creating {VENV}")
        # pip is needed by `maturin develop`.
        run([sys.executable, "-m", "venv", VENV])


def tool_env(target: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["VIRTUAL_ENV"] = str(VENV)
    env["PATH"] = f"{venv_python().parent}{os.pathsep}{env.get('PATH', '')}"
    env["CARGO_TARGET_DIR"] = str(target)
    env.pop("CONDA_PREFIX", None)
    # The ferrule toolchain runs in this (the driver's) interpreter.
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO / "src"), env.get("PYTHONPATH")]))
    return env


def write_crate(root: Path, name: str, tool: str, lib_rs: str) -> Path:
    template = (HERE / "crate.toml.in").read_text()
    body = template.split("\n[package]", 1)[1]
    write_if_changed(root / "Cargo.toml", "[package]" + body.replace("{name}", name).replace("{pyo3}", DEPS[tool]))
    write_if_changed(root / "pyproject.toml", f'[build-system]\nrequires = ["maturin>=1,<2"]\nbuild-backend = "maturin"\n\n'
                                              f'[project]\nname = "{name}"\nversion = "0.1.0"\n')
    write_if_changed(root / "src" / "lib.rs", lib_rs)
    return root / "Cargo.toml"


def develop_cmd(tool: str, manifest: Path, *, release: bool) -> list:
    if tool == "ferrule":
        cmd = [sys.executable, "-m", "ferrule", "develop", "-m", manifest, "-i", venv_python()]
    else:
        cmd = ["maturin", "develop", "-m", manifest]
    return cmd + (["--release"] if release else [])


def build_bench_modules() -> dict[str, float]:
    """Builds the three benchmark modules into the venv; returns wall time per build."""
    source = (HERE / "bench.rs").read_text()
    times = {}
    for tool in ("ferrule", "pyo3"):
        name = f"{tool}_bench"
        manifest = write_crate(BENCH / "crates" / name, name, tool, source.replace("fn bench(", f"fn {name}("))
        log(f"building {name} (release, {tool})")
        t = time.perf_counter()
        run(develop_cmd(tool, manifest, release=True), env=tool_env(BENCH / "cargo"))
        times[name] = time.perf_counter() - t
    log("building floor_bench (cc)")
    t = time.perf_counter()
    info = json.loads(subprocess.run(
        [venv_python(), "-c", "import json, sysconfig; print(json.dumps({'inc': sysconfig.get_paths()['include'], "
         "'ext': sysconfig.get_config_var('EXT_SUFFIX'), 'site': sysconfig.get_paths()['purelib']}))"],
        capture_output=True, text=True, check=True).stdout)
    out = Path(info["site"]) / f"floor_bench{info['ext']}"
    run([os.environ.get("CC", "cc"), "-O2", "-shared", "-fPIC", "-I", info["inc"], HERE / "floor" / "floor.c",
         "-o", out])
    times["floor_bench"] = time.perf_counter() - t
    return times


# ---------------------------------------------------------------- build time

def build_crate_source(n: int, module: str) -> str:
    lines = ["use pyo3::prelude::*;", ""]
    for i in range(n):
        lines += ["#[pyfunction]", f"fn b{i}(a: i64, b: i64) -> i64 {{", f"    a + b + {i}", "}", ""]
    lines += ["#[pymodule]", f"fn {module}(m: &Bound<'_, PyModule>) -> PyResult<()> {{"]
    lines += [f"    m.add_function(wrap_pyfunction!(b{i}, m)?)?;" for i in range(n)]
    lines += ["    Ok(())", "}", ""]
    return "\n".join(lines)


def measure_build_times(sizes: list[int]) -> list[dict]:
    rows = []
    for n in sizes:
        for tool in ("ferrule", "pyo3"):
            name = f"bt_{tool}_{n}"
            root = BENCH / "build" / name
            manifest = write_crate(root, name, tool, build_crate_source(n, name))
            target = BENCH / "build" / f"target-{name}"
            shutil.rmtree(target, ignore_errors=True)
            env = tool_env(target)
            env["FERRULE_CACHE_DIR"] = str(target / "ferrule-cache")  # clean: no shared build cache either
            cmd = develop_cmd(tool, manifest, release=False)
            log(f"clean debug build of {n} binding(s) with {tool}")
            t = time.perf_counter()
            run(cmd, env=env)
            clean = time.perf_counter() - t
            incr = []
            for _ in range(2):
                os.utime(root / "src" / "lib.rs")
                t = time.perf_counter()
                run(cmd, env=env)
                incr.append(time.perf_counter() - t)
            row = {"bindings": n, "tool": tool, "clean_s": clean, "incremental_s": min(incr)}
            if tool == "ferrule":
                row["new_project_s"] = first_develop_with_cache(n, env)
            rows.append(row)
    return rows


def first_develop_with_cache(n: int, env: dict[str, str]) -> float:
    """A new project's first develop (fresh target dir) once the shared cache holds the runtime."""
    name = f"bt_ferrule_{n}_new"
    manifest = write_crate(BENCH / "build" / name, name, "ferrule", build_crate_source(n, name))
    target = BENCH / "build" / f"target-{name}"
    shutil.rmtree(target, ignore_errors=True)
    log(f"first develop of a new {n}-binding project, warm shared cache")
    t = time.perf_counter()
    run(develop_cmd("ferrule", manifest, release=False), env=dict(env, CARGO_TARGET_DIR=str(target)))
    return time.perf_counter() - t


# ---------------------------------------------------------------- sizes, import

def module_files() -> dict[str, Path]:
    code = ("import importlib.util, json; print(json.dumps({m: importlib.util.find_spec(m).origin for m in %r}))"
            % (MODULES,))
    origins = json.loads(subprocess.run([venv_python(), "-c", code], capture_output=True, text=True,
                                        check=True).stdout)
    files = {}
    for mod, origin in origins.items():
        path = Path(origin)
        if path.name.startswith("__init__."):
            path = next(p for p in path.parent.iterdir() if p.name.startswith(mod) and p.suffix in (".so", ".pyd"))
        files[mod] = path
    return files


def stripped_sizes() -> dict[str, int]:
    sizes = {}
    with tempfile.TemporaryDirectory() as tmp:
        for mod, path in module_files().items():
            copy = Path(tmp) / path.name
            shutil.copy(path, copy)
            if shutil.which("strip"):
                run(["strip", "--strip-all", copy])
            sizes[mod] = copy.stat().st_size
    return sizes


def import_times(rounds: int) -> dict[str, list[float]]:
    code = "import time; t = time.perf_counter(); import {m}; print(time.perf_counter() - t)"
    out: dict[str, list[float]] = {m: [] for m in MODULES}
    # What a user sees after the first import: the package's __init__ byte-compiled
    # (pip compiles at install time; PYTHONDONTWRITEBYTECODE would keep ferrule's from it).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    for m in MODULES:
        subprocess.run([venv_python(), "-c", f"import {m}"], env=env, check=True)
    for r in range(rounds):
        for m in MODULES[r % 3:] + MODULES[:r % 3]:
            res = subprocess.run([venv_python(), "-c", code.format(m=m)], capture_output=True, text=True, check=True)
            out[m].append(float(res.stdout) * 1e9)
    return out


# ---------------------------------------------------------------- call timing (worker)

def cases(quick: bool) -> list[tuple[str, str, str, str]]:
    """(group, case, setup, statement); `f` is the module function, `M` the module."""
    call = [
        ("call", "f()", "f = M.noargs", "f()"),
        ("call", "f(x)", "f = M.onearg", "f(1)"),
        ("call", "f(x, /) (positional-only)", "f = M.onearg_posonly", "f(1)"),
        ("call", "add(1, 2)", "f = M.add", "f(1, 2)"),
        ("call", "defaults: f(1)", "f = M.defaults", "f(1)"),
        ("call", "defaults: f(1, b=5)", "f = M.defaults", "f(1, b=5)"),
        ("call", "defaults: f(a=1, b=2, c=3)", "f = M.defaults", "f(a=1, b=2, c=3)"),
        ("call", "16 keyword-only", "f = M.kwonly16",
         "f(" + ", ".join(f"k{i}={i}" for i in range(16)) + ")"),
        ("call", "raise and catch", "f = M.raise_error", "try:\n    f()\nexcept ValueError:\n    pass"),
        ("call", "detach (empty body)", "f = M.detach_empty", "f()"),
        ("call", "callback into Python", "f = M.callback\ncb = lambda: None", "f(cb)"),
    ]
    cls = [
        ("class", "Point(1, 2)", "f = M.Point", "f(1, 2)"),
        ("class", "p.norm1()", "p = M.Point(1, 2)", "p.norm1()"),
        ("class", "p.x (getter)", "p = M.Point(1, 2)", "p.x"),
        ("class", "p.x = 3 (setter)", "p = M.Point(1, 2)", "p.x = 3"),
        ("class", "len(p)", "p = M.Point(1, 2)", "len(p)"),
        ("class", "p == q", "p = M.Point(1, 2)\nq = M.Point(1, 2)", "p == q"),
        ("class", "p + q", "p = M.Point(1, 2)\nq = M.Point(3, 4)", "(p + q).x"),
        ("class", "Point.zero() (static)", "f = M.Point.zero", "f()"),
        ("class", "Point.one() (class)", "f = M.Point.one", "f()"),
    ]
    conv = []
    for n in ((10, 100) if quick else (10, 1000, 100000)):
        conv += [
            ("conversion", f"list[int] N={n}", f"f = M.list_int\nx = list(range({n}))", "f(x)"),
            ("conversion", f"list[float] N={n}", f"f = M.list_float\nx = [i + 0.5 for i in range({n})]", "f(x)"),
            ("conversion", f"str ASCII N={n}", f"f = M.echo_str\nx = 'a' * {n}", "f(x)"),
            ("conversion", f"str non-ASCII N={n}", f"f = M.echo_str\nx = '\\u00e9\\u20ac' * {n // 2}", "f(x)"),
            # ASCII up to the last character: ferrule's ASCII check fails only at the end (its worst case).
            ("conversion", f"str late non-ASCII N={n}", f"f = M.echo_str\nx = 'a' * {n - 1} + '\\u00e9'", "f(x)"),
            ("conversion", f"bytes N={n}", f"f = M.echo_bytes\nx = b'a' * {n}", "f(x)"),
            ("conversion", f"dict[str, int] N={n}", f"f = M.dict_str_int\nx = {{f'k{{i}}': i for i in range({n})}}",
             "f(x)"),
        ]
    return call + cls + conv


def worker(spec_path: str) -> None:
    import gc
    import importlib
    import timeit

    spec = json.loads(Path(spec_path).read_text())
    mods = {m: importlib.import_module(m) for m in MODULES}
    results = []
    for group, name, setup, stmt in spec["cases"]:
        timers, outputs = {}, {}
        for m, mod in mods.items():
            ns: dict = {"M": mod}
            exec(setup, ns)
            timers[m] = timeit.Timer(stmt, globals=ns)
            try:
                expr = compile(stmt, "<case>", "eval")
            except SyntaxError:  # a statement (assignment, try): nothing to compare
                continue
            out = eval(expr, ns)
            if type(out).__module__ == "builtins":  # instances of the three Point types never compare equal
                outputs[m] = out
        if any(o != next(iter(outputs.values())) for o in outputs.values()):
            raise SystemExit(f"{name}: modules disagree: {outputs!r}")
        # Loops per measurement: enough for `target` seconds on the slowest module.
        per = max(timers[m].timeit(3) / 3 for m in MODULES)
        number = max(1, int(spec["target"] / max(per, 1e-9)))
        samples: dict[str, list[float]] = {m: [] for m in MODULES}
        gc.disable()
        for r in range(spec["rounds"]):
            for m in MODULES[r % 3:] + MODULES[:r % 3]:
                samples[m].append(timers[m].timeit(number) / number * 1e9)
        gc.enable()
        results.append({"group": group, "case": name, "number": number, "ns": samples})
    print(json.dumps(results))


def time_calls(quick: bool, rounds: int, pattern: str | None = None) -> list[dict]:
    import re
    selected = [c for c in cases(quick) if pattern is None or re.search(pattern, c[1])]
    spec = {"cases": selected, "rounds": rounds, "target": 0.002 if quick else 0.04}
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(spec, f)
    try:
        res = subprocess.run([venv_python(), __file__, "--worker", f.name], capture_output=True, text=True)
    finally:
        os.unlink(f.name)
    if res.returncode != 0:
        raise SystemExit(f"timing worker failed:\n{res.stdout[-2000:]}\n{res.stderr[-4000:]}")
    return json.loads(res.stdout)


# ---------------------------------------------------------------- report

def ratio(a: float, b: float) -> float:
    return a / b if b else float("nan")


def summarize(timings: list[dict]) -> list[dict]:
    rows = []
    for t in timings:
        mins = {LABELS[m]: min(v) for m, v in t["ns"].items()}
        meds = {LABELS[m]: statistics.median(v) for m, v in t["ns"].items()}
        rows.append({"group": t["group"], "case": t["case"], "min_ns": mins, "median_ns": meds,
                     "ferrule/pyo3": ratio(mins["ferrule"], mins["pyo3"]),
                     "ferrule/floor": ratio(mins["ferrule"], mins["floor"]),
                     # issue 14's targets are on the median
                     "ferrule/pyo3 median": ratio(meds["ferrule"], meds["pyo3"]),
                     "ferrule/floor median": ratio(meds["ferrule"], meds["floor"])})
    return rows


def geomean(xs: list[float]) -> float:
    import math
    xs = [x for x in xs if x > 0]
    return math.exp(sum(map(math.log, xs)) / len(xs)) if xs else float("nan")


def fmt_ns(ns: float) -> str:
    return f"{ns:,.0f}" if ns >= 100 else f"{ns:.1f}"


def markdown(result: dict) -> str:
    out = [f"ferrule vs PyO3 {result['pyo3_version']} vs hand-written C ({result['python']}, "
           f"{result['machine']}, {result['rounds']} interleaved rounds, {result['date']})", ""]
    out += ["| case | ferrule ns | PyO3 ns | floor ns | ferrule/PyO3 | ferrule/floor | median: /PyO3 | /floor |",
            "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for r in result["timings"]:
        m, d = r["min_ns"], r["median_ns"]
        out.append(f"| {r['case']} | {fmt_ns(m['ferrule'])} ({fmt_ns(d['ferrule'])}) | {fmt_ns(m['pyo3'])} "
                   f"({fmt_ns(d['pyo3'])}) | {fmt_ns(m['floor'])} ({fmt_ns(d['floor'])}) | "
                   f"{r['ferrule/pyo3']:.2f} | {r['ferrule/floor']:.2f} | "
                   f"{r['ferrule/pyo3 median']:.2f} | {r['ferrule/floor median']:.2f} |")
    for group in ("call", "class", "conversion"):
        rs = [r for r in result["timings"] if r["group"] == group]
        means = [geomean([r[k] for r in rs]) for k in ("ferrule/pyo3", "ferrule/floor", "ferrule/pyo3 median",
                                                        "ferrule/floor median")]
        out.append(f"| **geomean, {group}** | | | | " + " | ".join(f"**{m:.2f}**" for m in means) + " |")
    out += ["", "ns/op: minimum over rounds (median in parentheses); ratios of minima, then of medians.", ""]
    if result.get("build"):
        out += ["| debug build | ferrule s | PyO3 + maturin s | ferrule/PyO3 |", "|---|---:|---:|---:|"]
        by = {(b["bindings"], b["tool"]): b for b in result["build"]}
        for n in sorted({b["bindings"] for b in result["build"]}):
            f, p = by[(n, "ferrule")], by[(n, "pyo3")]
            out.append(f"| clean, {n} binding(s) | {f['clean_s']:.1f} | {p['clean_s']:.1f} | "
                       f"{ratio(f['clean_s'], p['clean_s']):.2f} |")
            out.append(f"| incremental (touch lib.rs), {n} binding(s) | {f['incremental_s']:.2f} | "
                       f"{p['incremental_s']:.2f} | {ratio(f['incremental_s'], p['incremental_s']):.2f} |")
            if "new_project_s" in f:
                out.append(f"| new project's first develop, warm cache (PyO3: clean), {n} binding(s) | "
                           f"{f['new_project_s']:.2f} | {p['clean_s']:.1f} | "
                           f"{ratio(f['new_project_s'], p['clean_s']):.2f} |")
        out.append("")
    s, imp = result["so_size"], result["import_ns"]
    out += ["| | ferrule | PyO3 | floor | ferrule/PyO3 |", "|---|---:|---:|---:|---:|",
            f"| stripped release .so, bytes | {s['ferrule']:,} | {s['pyo3']:,} | {s['floor']:,} | "
            f"{ratio(s['ferrule'], s['pyo3']):.2f} |",
            f"| import time, µs (min) | {imp['ferrule'] / 1e3:.0f} | {imp['pyo3'] / 1e3:.0f} | "
            f"{imp['floor'] / 1e3:.0f} | {ratio(imp['ferrule'], imp['pyo3']):.2f} |", ""]
    return "\n".join(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="smoke mode: small N, one round, 1-binding build crate")
    ap.add_argument("--rounds", type=int, help="interleaved timing rounds (default 11; 1 with --quick)")
    ap.add_argument("--build-sizes", help="comma-separated binding counts for build time (default 1,100,500)")
    ap.add_argument("--no-build-time", action="store_true", help="skip the build-time measurements")
    ap.add_argument("--cases", help="only time call/conversion cases whose name matches this regex")
    ap.add_argument("--out", help="JSON result path (default benchmarks/results/<date>.json; "
                                  "target/bench/quick.json with --quick)")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        worker(args.worker)
        return
    rounds = args.rounds or (1 if args.quick else 11)
    sizes = [int(s) for s in (args.build_sizes or ("1" if args.quick else "1,100,500")).split(",")]
    BENCH.mkdir(parents=True, exist_ok=True)
    ensure_venv()
    module_build_s = build_bench_modules()
    log("timing calls")
    timings = summarize(time_calls(args.quick, rounds, args.cases))
    log("sizes and import times")
    sizes_b = {LABELS[m]: v for m, v in stripped_sizes().items()}
    imports = {LABELS[m]: min(v) for m, v in import_times(3 if args.quick else 15).items()}
    build = [] if args.no_build_time else measure_build_times(sizes)
    now = _dt.datetime.now(_dt.timezone.utc)
    result = {
        "date": now.strftime("%Y-%m-%d %H:%M UTC"), "quick": args.quick, "rounds": rounds,
        "python": f"CPython {platform.python_version()}", "machine": f"{platform.machine()}, {os.cpu_count()} cpu",
        "pyo3_version": PYO3_VERSION, "timings": timings, "so_size": sizes_b, "import_ns": imports,
        "build": build, "bench_module_build_s": module_build_s,
    }
    md = markdown(result)
    out = Path(args.out) if args.out else (BENCH / "quick.json" if args.quick
                                           else HERE / "results" / f"{now:%Y-%m-%d-%H%M}.json")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=1) + "\n")
    out.with_suffix(".md").write_text(md)
    print(md)
    log(f"wrote {out} and {out.with_suffix('.md')}")


if __name__ == "__main__":
    main()
