"""The benchmark still works: `benchmarks/run.py --quick` builds the benchmark
crate with ferrule and with PyO3 (maturin, from crates.io; the release build is
cached in target/bench/cargo), the C floor, times one round of every case, and
measures the 1-binding build-time crates. Numbers are not checked here: they
come from full runs (see README, "Benchmarks")."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_benchmark_quick_mode_runs(tmp_path: Path) -> None:
    out = tmp_path / "quick.json"
    res = subprocess.run([sys.executable, str(REPO / "benchmarks" / "run.py"), "--quick", "--out", str(out)],
                         capture_output=True, text=True, timeout=900)
    assert res.returncode == 0, f"--- stdout ---\n{res.stdout}\n--- stderr ---\n{res.stderr}"
    result = json.loads(out.read_text())
    cases = {t["case"] for t in result["timings"]}
    assert {"f()", "add(1, 2)", "16 keyword-only", "raise and catch", "callback into Python"} <= cases
    assert any(c.startswith("dict[str, int]") for c in cases)
    for t in result["timings"]:
        assert set(t["min_ns"]) == {"ferrule", "pyo3", "floor"}
        assert all(v > 0 for v in t["min_ns"].values()), t
    assert {(b["bindings"], b["tool"]) for b in result["build"]} == {(1, "ferrule"), (1, "pyo3")}
    assert all(b["clean_s"] > 0 and b["incremental_s"] > 0 for b in result["build"])
    assert all(result["so_size"][k] > 0 for k in ("ferrule", "pyo3", "floor"))
    assert out.with_suffix(".md").read_text().startswith("ferrule vs PyO3")


def test_instruction_counts_run(tmp_path: Path) -> None:
    """benchmarks/instructions.py counts one case's instructions per call under callgrind for all three modules."""
    out = tmp_path / "instructions.json"
    res = subprocess.run([sys.executable, str(REPO / "benchmarks" / "instructions.py"), "--cases", r"^add\(1, 2\)$",
                          "--out", str(out)], capture_output=True, text=True, timeout=900)
    assert res.returncode == 0, f"--- stdout ---\n{res.stdout}\n--- stderr ---\n{res.stderr}"
    [row] = json.loads(out.read_text())["cases"]
    assert row["case"] == "add(1, 2)"
    # A call is hundreds of instructions: the interpreter loop, the argument conversions, the result.
    assert all(100 < n < 100_000 for n in row["instructions"].values()), row
