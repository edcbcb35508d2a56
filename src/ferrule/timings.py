"""Where a command's time goes, for the build-time benchmarks: with FERRULE_TIMINGS=<file> set, each run
appends one JSON line of phase durations (seconds) to that file. Nothing is measured or written otherwise."""

from __future__ import annotations

import json
import os
import time
from contextlib import contextmanager
from typing import Iterator

VAR = "FERRULE_TIMINGS"
_phases: dict[str, float] = {}


@contextmanager
def phase(name: str) -> Iterator[None]:
    start = time.perf_counter()
    try:
        yield
    finally:
        _phases[name] = _phases.get(name, 0.0) + time.perf_counter() - start


def write(command: str) -> None:
    path = os.environ.get(VAR)
    if not path or not _phases:
        return
    try:
        with open(path, "a", encoding="utf-8") as f:
            f.write(json.dumps({"command": command, "phases": _phases}) + "\n")
    except OSError:
        pass  # a benchmark's aid: never a reason to fail the build
