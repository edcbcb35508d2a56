#!/usr/bin/env python3
"""Build time: `ferrule develop` against `maturin develop` (PyO3), debug unless said, rounds interleaved.

    python benchmarks/build_time.py                          # every case: benchmarks/results/<date>-build.{json,md}
    python benchmarks/build_time.py --cases new,incremental --sizes 1,500 --rounds 5
    python benchmarks/build_time.py --cases real --pyo3 /path/to/pyo3-checkout   # or PYO3_CHECKOUT=...

Cases (each timed as one whole command, A then B in every round; the ratio is taken per round pair and
its median reported, so a machine whose speed drifts hits both alike):
  new          a new project's first develop (the `ferrule new` template; the same source in PyO3's
               API for maturin), fresh target folder; ferrule's shared build cache already holds the
               runtime (a warm-up project built it), maturin has built a project before as well
  incremental  crates with N #[pyfunction]s: `touch lib.rs`, then one function body edited; after each
               step the venv imports the module and checks the edit is there. ferrule's own phases
               (glue generation, cargo, install) come from FERRULE_TIMINGS in the same runs
  clean        N bindings, fresh target folder and (ferrule) an empty shared cache
  real         PyO3's `pytests` crate from a PyO3 checkout (ported as scripts/pyo3_compat.py does,
               at run time, never stored here), clean and touch lib.rs, debug and release
  profile      where an incremental build's time goes: every rustc invocation timed through
               RUSTC_WRAPPER (benchmarks/rustc_timer.py), one run per tool and size

Needs cargo, maturin on PATH and crates.io for PyO3 (its version: run.py's PYO3_VERSION; `real` uses the
checkout's). Run it with a Python that has ferrule's dependencies (the test venv). ferrule runs from this
checkout with bytecode caching on, as an installed ferrule has it. Everything lives in target/bench-build.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
ROOT = REPO / "target" / "bench-build"
sys.path.insert(0, str(HERE))
import run as bench  # noqa: E402  (build_crate_source, write_crate, PYO3_VERSION)

VENV = ROOT / "venv"
CACHE = ROOT / "ferrule-cache"
CHECK = "import {m}; assert {m}.b0(1, 2) == {want}, {m}.b0(1, 2)"


def log(msg: str) -> None:
    print(f"[build] {msg}", file=sys.stderr, flush=True)


def load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def python() -> Path:
    return VENV / "bin" / "python"


def env_for(target: Path, cache: Path = CACHE, timings: Path | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("CONDA_PREFIX", "PYTHONDONTWRITEBYTECODE", "FERRULE_NO_BUILD_CACHE", "RUSTC_WRAPPER")}
    env.update(VIRTUAL_ENV=str(VENV), CARGO_TARGET_DIR=str(target), FERRULE_CACHE_DIR=str(cache),
               PATH=f"{VENV / 'bin'}{os.pathsep}{env.get('PATH', '')}",
               PYTHONPATH=os.pathsep.join(filter(None, [str(REPO / "src"), env.get("PYTHONPATH")])))
    if timings is not None:
        env["FERRULE_TIMINGS"] = str(timings)
    return env


def develop_cmd(tool: str, manifest: Path, release: bool = False) -> list[str]:
    cmd = ([sys.executable, "-m", "ferrule", "develop", "-m", str(manifest), "-i", str(python())] if tool == "ferrule"
           else ["maturin", "develop", "-m", str(manifest)])
    return cmd + (["--release"] if release else [])


class Seconds(float):
    """Wall seconds of one command, with the CPU seconds (user + system) of everything it waited for."""
    cpu: float = 0.0


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(cmd: list, env: dict, cwd: Path | None = None) -> Seconds:
    cpu0, start = _children_cpu(), time.perf_counter()
    res = subprocess.run([str(c) for c in cmd], env=env, cwd=cwd, capture_output=True, text=True)
    wall = Seconds(time.perf_counter() - start)
    wall.cpu = _children_cpu() - cpu0
    if res.returncode != 0:
        raise SystemExit(f"failed: {' '.join(map(str, cmd))}\n{res.stdout[-3000:]}\n{res.stderr[-6000:]}")
    return wall


def check(module: str, want: int) -> None:
    subprocess.run([str(python()), "-c", CHECK.format(m=module, want=want)], check=True, env=env_for(ROOT))


def last_phases(path: Path) -> dict[str, float]:
    lines = path.read_text().splitlines() if path.exists() else []
    return json.loads(lines[-1])["phases"] if lines else {}


class Crate:
    """One generated crate (N bindings) for one tool, with its own target folder."""

    def __init__(self, tool: str, n: int, tag: str) -> None:
        self.tool, self.n = tool, n
        self.name = f"bt_{tag}_{tool}_{n}"
        self.dir = ROOT / "crates" / self.name
        self.target = ROOT / "targets" / self.name
        self.timings = ROOT / "timings" / f"{self.name}.jsonl"
        self.body = 0

    def write(self) -> None:
        source = bench.build_crate_source(self.n, self.name)
        source = source.replace("    a + b + 0\n", f"    a + b + {self.body}\n", 1)
        bench.write_crate(self.dir, self.name, "ferrule" if self.tool == "ferrule" else "pyo3", source)

    def fresh(self, cache: Path = CACHE) -> float:
        shutil.rmtree(self.dir, ignore_errors=True)
        shutil.rmtree(self.target, ignore_errors=True)
        self.write()
        return self.develop(cache)

    def develop(self, cache: Path = CACHE, release: bool = False) -> float:
        self.timings.parent.mkdir(parents=True, exist_ok=True)
        wall = timed(develop_cmd(self.tool, self.dir / "Cargo.toml", release),
                     env_for(self.target, cache, self.timings))
        check(self.name, 3 + self.body)
        return wall

    def touch(self) -> float:
        os.utime(self.dir / "src" / "lib.rs")
        return self.develop()

    def edit_body(self) -> float:
        self.body += 1
        self.write()
        return self.develop()


def pair(rows: list[tuple[float, float]]) -> dict:
    ferrule, maturin = [a for a, _ in rows], [b for _, b in rows]
    cpu = [(getattr(a, "cpu", 0.0), getattr(b, "cpu", 0.0)) for a, b in rows]
    return {"ferrule_s": ferrule, "maturin_s": maturin, "ferrule_median_s": statistics.median(ferrule),
            "maturin_median_s": statistics.median(maturin),
            "ratio_median": statistics.median(a / b for a, b in rows),
            "ferrule_cpu_s": [a for a, _ in cpu], "maturin_cpu_s": [b for _, b in cpu],
            "cpu_ratio_median": statistics.median(a / b for a, b in cpu) if all(b for _, b in cpu) else None}


# ---------------------------------------------------------------- cases

def case_new(rounds: int) -> dict:
    log("new project: warming ferrule's shared cache and maturin with one project each")
    for tool in ("ferrule", "maturin"):
        Crate(tool, 1, "warm").fresh()
    rows, before = [], load()
    for r in range(rounds):
        got = []
        for tool in ("ferrule", "maturin"):
            crate = Crate(tool, 1, f"new{r}")
            shutil.rmtree(crate.dir, ignore_errors=True)
            shutil.rmtree(crate.target, ignore_errors=True)
            # The `ferrule new` template, as a user starts; maturin's copy has the same source in PyO3's API.
            subprocess.run([sys.executable, "-m", "ferrule", "new", str(crate.dir)], check=True, capture_output=True,
                           env=env_for(crate.target))
            if tool == "maturin":
                manifest = crate.dir / "Cargo.toml"
                manifest.write_text(manifest.read_text().replace(
                    'ferrule-runtime = { version = "0.1", registry = "ferrule" }', f'pyo3 = "={bench.PYO3_VERSION}"'))
                lib = crate.dir / "src" / "lib.rs"
                lib.write_text(lib.read_text().replace("use ferrule::", "use pyo3::"))
                shutil.rmtree(crate.dir / ".cargo", ignore_errors=True)
                pyproject = crate.dir / "pyproject.toml"
                pyproject.write_text(pyproject.read_text().replace('["ferrule>=0.1,<0.2"]', '["maturin>=1,<2"]')
                                     .replace('"ferrule.backend"', '"maturin"'))
            got.append(timed(develop_cmd(tool, crate.dir / "Cargo.toml"), env_for(crate.target, CACHE, crate.timings)))
            subprocess.run([str(python()), "-c", f"import {crate.name} as m; assert m.add(2, 3) == 5"], check=True)
        rows.append(tuple(got))
        log(f"new project round {r + 1}: ferrule {got[0]:.2f} s, maturin {got[1]:.2f} s")
    return {**pair(rows), "load_before": before, "load_after": load()}


def case_incremental(sizes: list[int], rounds: int) -> list[dict]:
    out = []
    for n in sizes:
        crates = [Crate(tool, n, "inc") for tool in ("ferrule", "maturin")]
        log(f"incremental, {n} binding(s): first builds")
        for c in crates:
            c.fresh()
        for step in ("touch lib.rs", "edit a body"):
            rows, phases, before = [], [], load()
            for _ in range(rounds):
                got = [c.touch() if step == "touch lib.rs" else c.edit_body() for c in crates]
                rows.append(tuple(got))
                phases.append(last_phases(crates[0].timings))
            med = {k: statistics.median(p.get(k, 0.0) for p in phases) for k in phases[0]}
            out.append({"bindings": n, "step": step, **pair(rows), "ferrule_phases_median_s": med,
                        "load_before": before, "load_after": load()})
            log(f"{step}, {n}: ferrule {out[-1]['ferrule_median_s']:.2f} s, maturin "
                f"{out[-1]['maturin_median_s']:.2f} s, ratio {out[-1]['ratio_median']:.2f}")
    return out


def case_clean(sizes: list[int], rounds: int) -> list[dict]:
    out = []
    for n in sizes:
        rows, before = [], load()
        for r in range(rounds):
            cache = ROOT / "clean-cache"
            shutil.rmtree(cache, ignore_errors=True)
            got = [Crate("ferrule", n, "clean").fresh(cache), Crate("maturin", n, "clean").fresh()]
            rows.append(tuple(got))
            log(f"clean, {n}, round {r + 1}: ferrule {got[0]:.1f} s, maturin {got[1]:.1f} s")
        out.append({"bindings": n, **pair(rows), "load_before": before, "load_after": load()})
    return out


def case_profile(sizes: list[int]) -> list[dict]:
    """One touch-lib.rs rebuild per tool and size with every rustc timed (the crates of `incremental`)."""
    out = []
    for n in sizes:
        for tool in ("ferrule", "maturin"):
            crate = Crate(tool, n, "inc")
            if not crate.dir.exists():
                crate.fresh()
            log_file = ROOT / "timings" / f"rustc-{crate.name}.jsonl"
            log_file.unlink(missing_ok=True)
            os.utime(crate.dir / "src" / "lib.rs")
            env = env_for(crate.target, CACHE, crate.timings)
            env.update(RUSTC_WRAPPER=str(HERE / "rustc_timer.py"), FERRULE_RUSTC_TIMES=str(log_file))
            wall = timed(develop_cmd(tool, crate.dir / "Cargo.toml"), env)
            calls = [json.loads(line) for line in log_file.read_text().splitlines()] if log_file.exists() else []
            compiles = [c for c in calls if c["crate"] and c["crate"] != "___"]
            row = {"bindings": n, "tool": tool, "wall_s": wall, "rustc": compiles,
                   "rustc_s": sum(c["s"] for c in compiles),
                   "rustc_probes_s": sum(c["s"] for c in calls if c not in compiles), "load": load()}
            if tool == "ferrule":
                row["phases_s"] = last_phases(crate.timings)
            out.append(row)
    return out


def case_real(checkout: Path, rounds: int) -> list[dict]:
    sys.path.insert(0, str(REPO / "scripts"))
    import pyo3_compat

    version = pyo3_compat.pyo3_version(checkout)
    out = []
    for release in (False, True):
        copies = []
        for tool in ("ferrule", "maturin"):
            crate = ROOT / "real" / f"pytests-{tool}"
            shutil.rmtree(crate, ignore_errors=True)
            shutil.copytree(checkout / "pytests", crate, ignore=shutil.ignore_patterns("target", "*.so"))
            manifest = crate / "Cargo.toml"
            manifest.write_text(pyo3_compat.port_manifest(manifest.read_text(), "ferrule" if tool == "ferrule"
                                                          else "pyo3", version))
            copies.append((tool, crate))
        mode = "release" if release else "debug"
        clean_rows, touch_rows, before = [], [], load()
        for r in range(rounds):
            got = []
            cache = ROOT / "real-cache"
            shutil.rmtree(cache, ignore_errors=True)  # ferrule's clean build starts without a shared cache
            for tool, crate in copies:
                target = ROOT / "targets" / f"real-{tool}-{mode}"
                shutil.rmtree(target, ignore_errors=True)
                got.append(timed(develop_cmd(tool, crate / "Cargo.toml", release), env_for(target, cache), cwd=crate))
            clean_rows.append(tuple(got))
            got = []
            for tool, crate in copies:
                os.utime(crate / "src" / "lib.rs")
                target = ROOT / "targets" / f"real-{tool}-{mode}"
                got.append(timed(develop_cmd(tool, crate / "Cargo.toml", release),
                                 env_for(target, ROOT / "real-cache"), cwd=crate))
            touch_rows.append(tuple(got))
            log(f"pytests {mode} round {r + 1}: clean {clean_rows[-1]}, touch {touch_rows[-1]}")
        subprocess.run([str(python()), "-c", "import pyo3_pytests.pyfunctions"], check=True)
        out.append({"crate": "pyo3 pytests", "pyo3": version, "mode": mode, "clean": pair(clean_rows),
                    "touch lib.rs": pair(touch_rows), "load_before": before, "load_after": load()})
    return out


# ---------------------------------------------------------------- report

def _cpu(r: dict) -> str:
    return f"{r['cpu_ratio_median']:.2f}" if r.get("cpu_ratio_median") else "–"


def render(result: dict) -> str:
    m = result["meta"]
    lines = [f"Build time, ferrule develop vs maturin develop {m['maturin']} + PyO3 ({m['python']}, {m['machine']}, "
             f"{m['rounds']} interleaved rounds, {m['date']}; load average {m['load_start']} at start, "
             f"{m['load_end']} at end). Seconds are medians; the ratio is the median of per-round ratios.", ""]
    if "new" in result:
        r = result["new"]
        lines += ["| new project's first develop (debug, warm shared cache) | ferrule s | maturin s | ratio | "
                  "CPU ratio | load |", "|---|---:|---:|---:|---:|---|",
                  f"| `ferrule new` template | {r['ferrule_median_s']:.2f} | {r['maturin_median_s']:.2f} | "
                  f"{r['ratio_median']:.3f} | {_cpu(r)} | {r['load_before']} |", ""]
    if "incremental" in result:
        lines += ["| incremental (debug) | ferrule s | maturin s | ratio | CPU ratio | ferrule: glue s | cargo s | "
                  "install s | load |", "|---|---:|---:|---:|---:|---:|---:|---:|---|"]
        for r in result["incremental"]:
            p = r["ferrule_phases_median_s"]
            lines.append(f"| {r['step']}, {r['bindings']} binding(s) | {r['ferrule_median_s']:.2f} | "
                         f"{r['maturin_median_s']:.2f} | {r['ratio_median']:.2f} | {_cpu(r)} | "
                         f"{p.get('glue', 0):.3f} | "
                         f"{p.get('cargo', 0):.2f} | {p.get('install', 0):.3f} | {r['load_before']} |")
        lines.append("")
    if "clean" in result:
        lines += ["| clean (debug, fresh target, no cache) | ferrule s | maturin s | ratio | CPU ratio | load |",
                  "|---|---:|---:|---:|---:|---|"]
        for r in result["clean"]:
            lines.append(f"| {r['bindings']} binding(s) | {r['ferrule_median_s']:.1f} | {r['maturin_median_s']:.1f} | "
                         f"{r['ratio_median']:.2f} | {_cpu(r)} | {r['load_before']} |")
        lines.append("")
    if "real" in result:
        lines += ["| PyO3's pytests crate | ferrule s | maturin s | ratio | CPU ratio | load |",
                  "|---|---:|---:|---:|---:|---|"]
        for r in result["real"]:
            for step in ("clean", "touch lib.rs"):
                s = r[step]
                lines.append(f"| {r['mode']}, {step} | {s['ferrule_median_s']:.2f} | {s['maturin_median_s']:.2f} | "
                             f"{s['ratio_median']:.2f} | {_cpu(s)} | {r['load_before']} |")
        lines.append("")
    if "real_failed" in result:
        lines += ["PyO3's pytests crate: not measured, a build failed:", "```", result["real_failed"][-1500:], "```",
                  ""]
    if "profile" in result:
        lines += ["| where a touch-lib.rs rebuild goes (s) | wall | rustc: the crate | rustc: other calls | "
                  "ferrule: start-up, imports | interpreter, metadata | glue | cargo besides rustc | install | "
                  "maturin: besides rustc |", "|---|" + "---:|" * 9]
        for r in result["profile"]:
            p = r.get("phases_s")
            rustc = r["rustc_s"] + r["rustc_probes_s"]
            if p:
                startup = r["wall_s"] - sum(p.values())
                cols = [startup, p.get("interpreter", 0) + p.get("metadata", 0) + p.get("requirements", 0),
                        p.get("glue", 0), p.get("cargo", 0) - rustc, p.get("install", 0)]
                cells = " | ".join(f"{c:.3f}" for c in cols) + " | |"
            else:
                cells = " | | | | | " + f"{r['wall_s'] - rustc:.2f} |"
            lines.append(f"| {r['tool']}, {r['bindings']} binding(s) | {r['wall_s']:.2f} | {r['rustc_s']:.2f} | "
                         f"{r['rustc_probes_s']:.2f} | {cells}")
        lines.append("")
    return "\n".join(lines)


def save(out: Path, result: dict) -> None:
    """After every case, so a failure late in a long run keeps what was measured."""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=1) + "\n")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cases", default="new,incremental,clean,profile,real")
    ap.add_argument("--sizes", default="1,100,500")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--pyo3", type=Path, default=os.environ.get("PYO3_CHECKOUT"),
                    help="a PyO3 checkout for the `real` case (default $PYO3_CHECKOUT; skipped without one)")
    ap.add_argument("--out", type=Path)
    args = ap.parse_args()
    if shutil.which("maturin") is None:
        raise SystemExit("maturin is not on PATH (pip install maturin)")
    cases = args.cases.split(",")
    out = args.out or HERE / "results" / f"{_dt.datetime.now(_dt.timezone.utc):%Y-%m-%d-%H%M}-build.json"
    sizes = [int(s) for s in args.sizes.split(",")]
    ROOT.mkdir(parents=True, exist_ok=True)
    if not python().exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)  # with pip, for maturin develop
    now = _dt.datetime.now(_dt.timezone.utc)
    result: dict = {"meta": {
        "date": now.strftime("%Y-%m-%d %H:%M UTC"), "python": f"CPython {platform.python_version()}",
        "machine": f"{platform.machine()}, {os.cpu_count()} cpu", "rounds": args.rounds, "pyo3": bench.PYO3_VERSION,
        "maturin": subprocess.run(["maturin", "--version"], capture_output=True, text=True).stdout.strip(),
        "rustc": subprocess.run(["rustc", "--version"], capture_output=True, text=True).stdout.strip(),
        "load_start": load()}}
    if "new" in cases:
        result["new"] = case_new(args.rounds)
        save(out, result)
    if "incremental" in cases:
        result["incremental"] = case_incremental(sizes, args.rounds)
        save(out, result)
    if "profile" in cases:
        result["profile"] = case_profile(sizes)
        save(out, result)
    if "clean" in cases:
        result["clean"] = case_clean(sizes, max(1, args.rounds - 1))
        save(out, result)
    if "real" in cases and args.pyo3:
        try:
            result["real"] = case_real(Path(args.pyo3), max(1, args.rounds - 1))
        except SystemExit as failed:  # e.g. the crate does not build yet: say so, keep the other cases
            result["real_failed"] = str(failed)[-4000:]
            log(f"real: {str(failed)[-2000:]}")
    result["meta"]["load_end"] = load()
    save(out, result)
    md = render(result)
    out.with_suffix(".md").write_text(md)
    print(md)
    log(f"wrote {out} and {out.with_suffix('.md')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
