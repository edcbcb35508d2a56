"""A dependency built on PyO3 itself (numpy, pyo3-ffi, ...) cannot sit next to the runtime: both crates link
`python`, and cargo's resolver refuses the graph with a chain of package names. This turns that chain into
one error at the user's dependency line, and finds the crates.io crate a stand-in can replace (pyo3_redirect)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from .errors import CargoError
from .project import _key_line
from .pyo3_ffi_standin import names_registry_ffi

PYO3_CRATES = ("pyo3", "pyo3-ffi")
_START = re.compile(r"^(?:error: )?failed to select a version for `([^`]+)`")
_PREVIOUS = re.compile(r"^package `([^ `]+) v([^ `]+)(?: \(([^)`]+)\))?`")
_REQUIRED = re.compile(r"^\s*\.\.\. required by package `([^ `]+) v([^ `]+)(?: \(([^)`]+)\))?`")
# With a Cargo.lock, cargo adds `(locked to 0.30.1)` after the requirement.
# After a `failed to select a version for `pyo3-ffi`` chain: the candidates, newest (or the locked one) first.
_CANDIDATES = re.compile(r"^versions that meet the requirements `[^`]*`(?: \(locked to ([^)\s]+)\))? are: ([^\s,]+)")
# A git dependency is named without its requirement (`which satisfies git dependency `x` of package ...`).
_SATISFIES = re.compile(r"^\s*\.\.\. which satisfies (?:git |path )?dependency `([^ `]+)(?: = [^`]*)?` "
                        r"(?:\(locked to [^)]*\) )?of package `([^ `]+) v([^ `]+)(?: \(([^)`]+)\))?`")


def _chains(stderr: str) -> list[list[tuple[str, str, str | None, str | None]]]:
    """Each chain as (package, version, folder or None, the key its dependent names it by)."""
    chains: list[list] = []
    for line in stderr.splitlines():
        start, previous = _START.match(line), _PREVIOUS.match(line)
        if start or previous:
            chains.append([(start.group(1), "", None, None) if start else
                           (previous.group(1), previous.group(2), previous.group(3), None)])
        elif chains and (found := _REQUIRED.match(line)):
            chains[-1].append((found.group(1), found.group(2), found.group(3), chains[-1][-1][0]))
        elif chains and (found := _SATISFIES.match(line)):
            chains[-1].append((found.group(2), found.group(3), found.group(4), found.group(1)))
    return chains


def explain(stderr: str) -> CargoError | None:
    """The error for a `links = "python"` conflict in cargo's output, or None for any other failure."""
    if "links to the native library `python`" not in stderr:
        return None
    for chain in _chains(stderr):
        names = [package for package, *_ in chain]
        if names[0] not in PYO3_CRATES or len(chain) < 2 or "ferrule-runtime" in names:
            continue
        # The user's line is in the first local package up the chain (a workspace crate naming `numpy`),
        # not in the crates above it that only bring that one in.
        first_local = next((i for i, (_, _, folder, _) in enumerate(chain) if i and _is_local(folder)), len(chain) - 1)
        chain = chain[:first_local + 1]
        user, version, folder, key = chain[-1]
        direct = chain[-2]
        manifest = Path(folder) / "Cargo.toml" if folder else None
        line = _key_line(manifest, key) if manifest and key else None
        built_on = next(((p, v) for p, v, *_ in chain[:-1] if p not in PYO3_CRATES), None)
        if built_on is None:
            return CargoError(
                f"the dependency `{key}` is PyO3's own crate `{direct[0]}`, which cannot be linked next to "
                "ferrule's runtime (both link the `python` library)", path=manifest, line=line,
                col=1 if line else None,
                hint="the runtime has PyO3's API, `ffi` included: use `pyo3::ffi` and remove this dependency (ferrule "
                     "replaces a crates.io `pyo3-ffi` by the runtime's `ffi`, not one from a path or git)")
        pyo3 = next(((p, v) for p, v, *_ in chain if p in PYO3_CRATES and v), (names[0], ""))
        through = f"{pyo3[0]} {pyo3[1]}".strip()
        return CargoError(
            f"the dependency `{key}` is built on PyO3 ({built_on[0]} {built_on[1]} depends on {through}), which "
            "cannot be linked next to ferrule's runtime (both link the `python` library)", path=manifest,
            line=line, col=1 if line else None,
            hint=f"a crate made for PyO3 uses PyO3's own macros and internals, and ferrule has no port of "
                 f"`{built_on[0]}`: remove the dependency and the code using it, or build this crate with PyO3")
    return None


def _is_local(folder: str | None) -> bool:
    """A path package's folder, as cargo names it (a git one is `file:///x#rev` or `https://...#rev`)."""
    return folder is not None and "://" not in folder and "#" not in folder and Path(folder).is_absolute()


def redirectable(stderr: str) -> tuple[str, str] | None:
    """The crates.io crate of PyO3 in a `links = "python"` conflict's chain that a stand-in of that version over
    the runtime can replace (`pyo3_redirect`), as (name, version): `pyo3` when the chain runs through it (the
    version cargo chose or Cargo.lock holds), else `pyo3-ffi` depended on directly (by the user's crate, or one
    built on PyO3's C API alone) at the version cargo would take; None when PyO3's crate comes from a path."""
    if "links to the native library `python`" not in stderr:
        return None
    candidate = next((m.group(1) or m.group(2) for m in map(_CANDIDATES.match, stderr.splitlines()) if m), None)
    for chain in _chains(stderr):
        if chain[0][0] not in PYO3_CRATES or any(package == "ferrule-runtime" for package, *_ in chain):
            continue
        for package, version, folder, _ in chain:
            if package == "pyo3" and version and folder is None:
                return "pyo3", version
        version = _ffi_version(chain, candidate)
        if version:
            return "pyo3-ffi", version
    return None


def _ffi_version(chain: list, candidate: str | None) -> str | None:
    """The version of a registry `pyo3-ffi` that a package other than `pyo3` names (`package `pyo3-ffi v0.29.2``
    when cargo chose it before the runtime, else the first candidate cargo lists): cargo says the same of a
    path or git `pyo3-ffi`, so a local package's manifest must name it from a registry."""
    name, version, folder, _ = chain[0]
    if name != "pyo3-ffi" or len(chain) < 2 or chain[1][0] == "pyo3" or folder is not None:
        return None
    dependent = chain[1][2]
    if dependent is not None and not names_registry_ffi(Path(dependent) / "Cargo.toml"):
        return None
    return version or candidate


def check(cmd: list[str], env: dict[str, str]) -> tuple[CargoError | None, tuple[str, str] | None]:
    """Runs cargo's resolver again (`cargo metadata`, cheap after the failed build) to read its reason:
    the error, and the crate (`pyo3`/`pyo3-ffi`) and version a stand-in could replace."""
    out = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if out.returncode == 0:
        return None, None
    return explain(out.stderr), redirectable(out.stderr)
