#!/usr/bin/env python3
"""Instructions per call, counted by valgrind's callgrind: ferrule vs PyO3 vs the hand-written C floor.

    python benchmarks/instructions.py             # writes benchmarks/results/<date>-instructions.{json,md}
    python benchmarks/instructions.py --cases add  # only cases whose name matches the regex

Timings on a shared two-core machine move by 10-30 % with the load; instruction counts do not, so this
is the check of the call-path targets that holds under load (time still decides; see run.py). Each
case's statement runs N times in one process under callgrind and 0 times in another; the difference
over N is the count per call (interpreter loop included, the same for all three modules). It uses
run.py's modules (bench.rs built with ferrule and PyO3, floor/floor.c with cc) and its cases, plus
calls through `f(*args, **kwargs)`, as pytest-benchmark and forwarding wrappers make them.
Needs valgrind (`apt-get install valgrind`).
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run as bench  # noqa: E402  (run.py: the modules, the venv and the cases)

N = 20_000
STAR_CASES = [
    ("call", "add(*a) (star call)", "f = M.add\na = (1, 2)", "f(*a)"),
    ("call", "defaults: f(*a, **k) (star call)", "f = M.defaults\na = (1,)\nk = {'b': 5}", "f(*a, **k)"),
]
_COLLECTED = re.compile(r"Collected : (\d+)")


def _script(setup: str, stmt: str, module: str, n: int) -> str:
    body = "\n".join("    " + line for line in stmt.splitlines())
    return f"import {module} as M\n{setup}\nfor _ in range({n}):\n{body}\n"


def count(module: str, setup: str, stmt: str, n: int) -> int:
    """Instructions callgrind counts for the whole process running `stmt` n times."""
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as f:
        f.write(_script(setup, stmt, module, n))
    try:
        # A fixed hash seed: dict layouts (and so lookup costs) would otherwise differ per process.
        env = {**os.environ, "PYTHONHASHSEED": "0"}
        out = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
                              str(bench.venv_python()), f.name], capture_output=True, text=True, env=env)
    finally:
        os.unlink(f.name)
    found = _COLLECTED.search(out.stderr)
    if out.returncode != 0 or found is None:
        raise SystemExit(f"callgrind failed for {module}: {stmt}\n{out.stderr[-3000:]}")
    return int(found.group(1))


def per_call(module: str, setup: str, stmt: str) -> float:
    return (count(module, setup, stmt, N) - count(module, setup, stmt, 0)) / N


def markdown(result: dict) -> str:
    lines = [f"Instructions per call (callgrind, N={N}; {result['python']}, {result['date']}; "
             f"PyO3 {result['pyo3_version']})", "",
             "| case | ferrule | PyO3 | C floor | ferrule/PyO3 | ferrule/floor |", "|---|---:|---:|---:|---:|---:|"]
    for row in result["cases"]:
        f, p, c = (row["instructions"][m] for m in bench.MODULES)
        lines.append(f"| {row['case']} | {f:.0f} | {p:.0f} | {c:.0f} | {f / p:.2f} | {f / c:.2f} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cases", help="only cases whose name matches this regex")
    ap.add_argument("--out", help="JSON result path (default benchmarks/results/<date>-instructions.json)")
    args = ap.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed: `apt-get install valgrind`")
    bench.BENCH.mkdir(parents=True, exist_ok=True)
    bench.ensure_venv()
    bench.build_bench_modules()
    selected = [c for c in bench.cases(quick=True) + STAR_CASES
                if c[0] != "conversion" and (args.cases is None or re.search(args.cases, c[1]))]
    rows = []
    for group, name, setup, stmt in selected:
        counts = {m: per_call(m, setup, stmt) for m in bench.MODULES}
        bench.log(f"{name}: " + ", ".join(f"{bench.LABELS[m]} {v:.0f}" for m, v in counts.items()))
        rows.append({"group": group, "case": name, "instructions": counts})
    now = _dt.datetime.now(_dt.timezone.utc)
    result = {"date": now.strftime("%Y-%m-%d %H:%M UTC"), "python": f"CPython {platform.python_version()}",
              "pyo3_version": bench.PYO3_VERSION, "n": N, "cases": rows}
    out = Path(args.out) if args.out else bench.HERE / "results" / f"{now:%Y-%m-%d-%H%M}-instructions.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=1) + "\n")
    out.with_suffix(".md").write_text(markdown(result))
    print(markdown(result))
    bench.log(f"wrote {out} and {out.with_suffix('.md')}")


if __name__ == "__main__":
    main()
