"""Builds each of PyO3's compile-fail cases (`tests/ui/*.rs`) with ferrule and says where the errors land.

Usage: python scripts/pyo3_ui_sweep.py PYO3_CHECKOUT [--out DIR] [--only NAME ...]

Each case becomes a crate of its own (the `pyo3` dependency is ferrule's runtime, a `#[pymodule]` is
added when the case has none) and is built with `ferrule build` (debug). A case is:
- `located`: it fails, and every error points into the user's `src/lib.rs` (ferrule's or rustc's);
- `in-glue`: some error points into ferrule's generated glue: the mistake the issue forbids;
- `accepted`: it builds, though PyO3 rejects it (a `.stderr` with an `error` exists): silently ignored;
- `passes`: it builds, and PyO3 builds it too (no `.stderr`, or warnings only).
For the `located` cases it also counts the lines PyO3 reports an error on that ferrule reports too.
Not run in CI: it needs a PyO3 checkout.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

CARGO = """[package]
name = "ui_case"
version = "0.1.0"
edition = "2021"

[lib]
crate-type = ["cdylib"]

[dependencies]
pyo3 = {{ package = "ferrule-runtime", version = "0.1", registry = "ferrule"{features} }}

[workspace]
"""
PYPROJECT = """[build-system]
requires = ["ferrule>=0.1,<0.2"]
build-backend = "ferrule.backend"

[project]
name = "ui_case"
version = "0.1.0"
"""
MODULE = "\n#[pyo3::pymodule]\nfn ui_case(_m: &pyo3::Bound<'_, pyo3::types::PyModule>) -> pyo3::PyResult<()> { Ok(()) }\n"
# The cases PyO3 compiles with its `abi3` feature (what they test exists only under the limited API).
ABI3_CASES = ("abi3_dict", "abi3_inheritance", "abi3_nativetype_inheritance", "abi3_weakref", "immutable_type")
# `--> path:line:col` as rustc and ferrule print it.
ARROW = re.compile(r"^\s*--> ([^:\n]+):(\d+):(\d+)", re.M)


def expected_lines(case: Path) -> set[int] | None:
    """Lines PyO3's `.stderr` puts an error on; None when PyO3 builds the case."""
    stderr = case.with_suffix(".stderr")
    if not stderr.exists():
        stderr = next(iter(sorted(case.parent.glob(case.stem + ".default.stderr"))), stderr)
    if not stderr.exists() or "error" not in stderr.read_text():
        return None
    text = stderr.read_text()
    lines = set()
    for block in re.split(r"\n(?=error|warning)", text):
        if block.startswith("error"):
            m = ARROW.search(block)
            if m and m.group(1).endswith(case.name):
                lines.add(int(m.group(2)))
    return lines


def prepare(case: Path, out: Path) -> Path:
    crate = out / case.stem
    (crate / "src").mkdir(parents=True, exist_ok=True)
    source = case.read_text()
    # The library is named after the case's first module, as a crate's lib name must match it.
    first = re.search(r"#\[\s*(?:pyo3::)?pymodule\b[^\]]*\]\s*(?:#\[[^\]]*\]\s*)*(?:pub\s+)?(?:fn|mod)\s+(\w+)",
                      source)
    if first is None:
        source += MODULE
    name = first.group(1) if first else "ui_case"
    wanted = (["experimental-async"] if "async" in source else []) + (
        ["abi3-py37"] if case.stem in ABI3_CASES else [])
    features = f", features = {wanted!r}".replace("'", '"') if wanted else ""
    (crate / "Cargo.toml").write_text(CARGO.format(features=features).replace("ui_case", name))
    (crate / "pyproject.toml").write_text(PYPROJECT.replace("ui_case", name.replace("_", "-")))
    (crate / "src" / "lib.rs").write_text(source)
    return crate


def sweep_one(case: Path, out: Path) -> tuple[str, str]:
    crate = prepare(case, out)
    done = subprocess.run([sys.executable, "-m", "ferrule", "build", "--out", str(crate / "wheels")], cwd=crate,
                          capture_output=True, text=True)
    expected = expected_lines(case)
    if done.returncode == 0:
        return ("passes" if expected is None else "accepted"), ""
    log = done.stderr + done.stdout
    errors = [b for b in re.split(r"\n(?=error)", log) if b.startswith("error")]
    places = [m for b in errors for m in [ARROW.search(b)] if m]
    outside = sorted({f"{m.group(1)}:{m.group(2)}" for m in places if m.group(1) != "src/lib.rs"})
    if outside:
        return "in-glue", ", ".join(outside[:3])
    got = {int(m.group(2)) for m in places}
    if not expected:
        return "located", f"{len(got)} error lines"
    return "located", f"{len(expected & got)}/{len(expected)} of PyO3's error lines"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("checkout", type=Path)
    parser.add_argument("--out", type=Path, default=Path("target/pyo3-ui"))
    parser.add_argument("--only", nargs="*", default=[])
    args = parser.parse_args()
    cases = sorted((args.checkout / "tests" / "ui").glob("*.rs"))
    if args.only:
        cases = [c for c in cases if c.stem in args.only]
    os.environ.setdefault("CARGO_TARGET_DIR", str((args.out / "target").resolve()))
    tally: dict[str, int] = {}
    for case in cases:
        kind, detail = sweep_one(case, args.out.resolve())
        tally[kind] = tally.get(kind, 0) + 1
        print(f"{case.stem:40} {kind:9} {detail}", flush=True)
    print(", ".join(f"{k}: {v}" for k, v in sorted(tally.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
