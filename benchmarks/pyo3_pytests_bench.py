#!/usr/bin/env python3
"""PyO3's `pytests` pytest-benchmark cases (`--benchmark-only`) on the ferrule and the maturin + PyO3 builds.

    python benchmarks/pyo3_pytests_bench.py PYO3_CHECKOUT [--out DIR] [--features F1,F2]

Both builds are release (`ferrule develop --release`, `maturin develop --release`, the checkout's PyO3
version from crates.io), made as scripts/pyo3_compat.py makes its one-line port. The two suites run in
one process each, one after the other, twice (ferrule, PyO3, ferrule, PyO3); each case's median is the
lower of its two runs' medians. Writes benchmarks/results/<date>-pytests-bench.{json,md}.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "scripts"))
import pyo3_compat as pc  # noqa: E402


def bench(python: Path, crate: Path, report: Path) -> dict[str, float]:
    out = pc.run([str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider", "--benchmark-enable",
                  "--benchmark-only", f"--benchmark-json={report}", str(crate / "tests")], cwd=crate)
    if not report.exists():
        raise SystemExit(f"benchmark run failed in {crate}:\n{out.stdout[-3000:]}{out.stderr[-3000:]}")
    data = json.loads(report.read_text())
    return {b["name"]: b["stats"]["median"] for b in data["benchmarks"]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("checkout", type=Path)
    parser.add_argument("--out", type=Path, default=Path("target/pyo3-bench"))
    parser.add_argument("--features", default="")
    args = parser.parse_args()
    checkout, out = args.checkout.resolve(), args.out.resolve()
    version = pc.pyo3_version(checkout)
    out.mkdir(parents=True, exist_ok=True)
    options = (["--features", args.features] if args.features else []) + ["--release"]
    pythons = {"ferrule": pc.venv(out / "venv-ferrule", [str(pc.REPO), *pc.TEST_DEPS]),
               "pyo3": pc.venv(out / "venv-pyo3", ["maturin>=1.9,<2", *pc.TEST_DEPS])}
    crates = {}
    for side, python in pythons.items():
        outcome = pc.one(side, python, checkout, "pytests", out, version, options)
        if not outcome.built:
            raise SystemExit(f"{side} build failed:\n{outcome.log}")
        crates[side] = out / side / "pytests"
    load_before = os.getloadavg()
    medians: dict[str, dict[str, float]] = {"ferrule": {}, "pyo3": {}}
    for round_ in range(2):
        for side in ("ferrule", "pyo3"):
            got = bench(pythons[side], crates[side], out / f"bench-{side}-{round_}.json")
            for name, median in got.items():
                medians[side][name] = min(median, medians[side].get(name, median))
    load_after = os.getloadavg()
    stamp = _dt.datetime.now(_dt.timezone.utc)
    names = sorted(set(medians["ferrule"]) & set(medians["pyo3"]))
    lines = [f"PyO3 {version} pytests, pytest --benchmark-only, release builds, ferrule vs maturin + PyO3 "
             f"(CPython {sys.version.split()[0]}, {os.cpu_count()} cpu, {stamp:%Y-%m-%d %H:%M} UTC; load average "
             f"{load_before[0]:.2f} before, {load_after[0]:.2f} after)", "",
             "| test | ferrule median µs | PyO3 median µs | ferrule/PyO3 |", "|---|---:|---:|---:|"]
    for name in names:
        f, p = medians["ferrule"][name], medians["pyo3"][name]
        lines.append(f"| {name} | {f * 1e6:.3g} | {p * 1e6:.3g} | {f / p:.2f} |")
    table = "\n".join(lines)
    print(table)
    results = HERE / "results"
    base = results / f"{stamp:%Y-%m-%d-%H%M}-pytests-bench"
    base.with_suffix(".md").write_text(table + "\n")
    base.with_suffix(".json").write_text(json.dumps(
        {"pyo3": version, "load_before": load_before, "load_after": load_after, "medians_s": medians}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
