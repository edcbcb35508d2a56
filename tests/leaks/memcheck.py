"""Runs the leak driver's scenarios (once each) under valgrind memcheck and fails on any
memory error whose stacks involve ferrule: the runtime or an extension module built with it.

    python tests/leaks/memcheck.py PYTHON [driver arguments]

PYTHON is an interpreter with the e2e crates installed (`ferrule develop -i PYTHON` of
tests/crates/fe_functions, fe_conversions, optionally fe_classes). PYTHONMALLOC=malloc makes
every Python allocation visible to valgrind. CPython 3.11 itself produces a few reports under
valgrind (uninitialised reads in `maybe_small_long` and in GC traversal during start-up);
those stacks contain no ferrule frame and are counted but not failed on, and the
`maybe_small_long` report (CPython's, also reached from ferrule's i128/u128 conversion) is
ignored. Leaks at exit are not reported (tests/test_refleaks.py measures leaks).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

DRIVER = Path(__file__).resolve().parent / "driver.py"
OURS = ("ferrule", "/fe_", "fe_functions", "fe_conversions", "fe_classes")
# CPython 3.11's own false positive: `maybe_small_long` reads the (unset) first digit of a
# zero-sized int, also from pure Python (`int.from_bytes(bytes(16), "little")`).
CPYTHON_KNOWN = ("maybe_small_long",)


def function_names(error: ET.Element):
    return [frame.findtext("fn") or "" for frame in error.iter("frame")]


def frames(error: ET.Element):
    for stack in error.iter("stack"):
        for frame in stack.iter("frame"):
            yield " ".join(filter(None, (frame.findtext("fn"), frame.findtext("obj"), frame.findtext("file"))))


def main() -> int:
    if len(sys.argv) < 2:
        print(__doc__)
        return 2
    if shutil.which("valgrind") is None:
        print("error: valgrind is not installed (apt-get install valgrind)")
        return 2
    python, driver_args = sys.argv[1], sys.argv[2:] or ["--once"]
    env = dict(os.environ, PYTHONMALLOC="malloc")
    env.pop("RUST_BACKTRACE", None)
    with tempfile.TemporaryDirectory() as tmp:
        xml_path = Path(tmp) / "memcheck.xml"
        cmd = ["valgrind", "--tool=memcheck", "--xml=yes", f"--xml-file={xml_path}", "--num-callers=50",
               "--leak-check=no", python, str(DRIVER), *driver_args]
        out = subprocess.run(cmd, capture_output=True, text=True, env=env)
        print(out.stdout, end="")
        if out.returncode != 0:
            print(f"error: the driver exited with {out.returncode} under valgrind\n{out.stderr[-3000:]}")
            return 1
        root = ET.parse(xml_path).getroot()
    # Leaks at exit are not memory errors (reference leaks are tests/test_refleaks.py's job).
    errors = [e for e in root.findall("error") if not (e.findtext("kind") or "").startswith("Leak_")]
    ours = [e for e in errors if any(any(mark in f for mark in OURS) for f in frames(e))
            and not any(fn in CPYTHON_KNOWN for fn in function_names(e))]
    for e in ours:
        print(f"{e.findtext('kind')}: {e.findtext('what') or e.findtext('xwhat/text')}")
        for f in list(frames(e))[:25]:
            print(f"    {f}")
    print(f"memcheck: {len(errors)} error reports, {len(ours)} involving ferrule")
    return 1 if ours else 0


if __name__ == "__main__":
    sys.exit(main())
