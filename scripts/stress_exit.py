"""Stress: Rust threads calling `Python::attach` in a loop while the interpreter exits.

    python scripts/stress_exit.py PYTHON [--runs 1000] [--threads 4]

PYTHON must have tests/crates/fe_soundness installed (`ferrule develop -i PYTHON`).
Each run starts the threads and lets the main thread return at once; the run
passes when the process exits 0 with no crash report. tests/test_soundness.py
runs the same 1,000 runs in CI; this script runs them against any interpreter.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

CHILD = """
import sys, time
import fe_soundness as m
m.spawn_attachers(int(sys.argv[1]))
time.sleep(float(sys.argv[2]))
"""
CRASH_MARKS = ("Fatal Python error", "FATAL", "Segmentation fault", "core dumped", "Aborted")
FINALIZING = "Cannot attach to the Python interpreter while it is finalizing."


def one_run(python: str, threads: int, env: dict[str, str], delay: float = 0.0) -> str | None:
    """None when the run exited cleanly, else what went wrong. The main thread
    returns after `delay` seconds (the threads are then attaching in their loops)."""
    out = subprocess.run([python, "-c", CHILD, str(threads), str(delay)], capture_output=True, text=True, env=env, timeout=60)
    if out.returncode != 0 or any(mark in out.stderr for mark in CRASH_MARKS):
        return f"exit {out.returncode}\n{out.stderr[-2000:]}"
    # Any panic the threads report must be the clear one.
    for line in out.stderr.splitlines():
        if "panicked at" in line:
            continue
        if line.strip() and not line.startswith(("note:", FINALIZING)):
            return f"unexpected output: {line}\n{out.stderr[-2000:]}"
    return None


def run_many(python: str, runs: int, env: dict[str, str] | None = None, threads: int = 4,
             at_once: int | None = None) -> list[str]:
    """What went wrong in each failed run. `at_once` processes run side by side (default: one per core,
    at most two); each run is its own process, so the count of runs tested is the same."""
    env = dict(os.environ if env is None else env)
    env.pop("RUST_BACKTRACE", None)
    workers = at_once or max(1, min(2, os.cpu_count() or 1))
    with ThreadPoolExecutor(workers) as pool:
        results = pool.map(lambda i: one_run(python, threads, env, delay=(i % 5) * 0.005), range(runs))
        return [result for result in results if result is not None]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("python")
    parser.add_argument("--runs", type=int, default=1000)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args()
    failures = run_many(args.python, args.runs, threads=args.threads)
    print(f"{args.runs - len(failures)} of {args.runs} runs exited cleanly")
    for failure in failures[:5]:
        print("---", failure, sep="\n")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
