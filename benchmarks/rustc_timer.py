#!/usr/bin/env python3
"""RUSTC_WRAPPER for benchmarks/build_time.py: runs rustc and appends its crate name and wall time as one
JSON line to $FERRULE_RUSTC_TIMES (stable Rust has no -Z time-passes; this shows which crates cargo
compiled and for how long; cpu_s, the user+system time, moves less with the load)."""

import json
import os
import resource
import subprocess
import sys
import time

args = sys.argv[1:]
start = time.perf_counter()
code = subprocess.call(args)
wall = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = usage.ru_utime + usage.ru_stime
crate = args[args.index("--crate-name") + 1] if "--crate-name" in args else ""
log = os.environ.get("FERRULE_RUSTC_TIMES")
if log:
    with open(log, "a", encoding="utf-8") as f:
        f.write(json.dumps({"crate": crate, "s": wall, "cpu_s": cpu, "code": code}) + "\n")
sys.exit(code)
