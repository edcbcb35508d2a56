"""Finding the interpreter to build for and asking it about itself."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from ..errors import InterpreterError
from .model import Interpreter

PROBE = Path(__file__).with_name("probe_script.py")
# What the runtime's ffi declares layouts and link names for (build.rs's MIN_MINOR..MAX_MINOR).
CPYTHON_MINORS = range(9, 15)
PYPY_MINORS = range(9, 12)
SUPPORTED = "CPython 3.9–3.14 and PyPy 3.9–3.11"


def check_supported(interp: Interpreter, given: str | Path) -> None:
    """Refuses what ferrule cannot build for, so no wheel ever gets a wrong tag."""
    major, minor = interp.version[0], interp.version[1]
    minors = {"cpython": CPYTHON_MINORS, "pypy": PYPY_MINORS}.get(interp.implementation)
    if minors is None or major != 3 or minor not in minors:
        raise InterpreterError(f"`{given}` is {interp.describe()}; ferrule builds for {SUPPORTED}",
                               hint="pass one of those with -i/--interpreter")


def probe(executable: str | Path) -> Interpreter:
    """Runs the probe script in `executable` (a venv's interpreter answers from the cache when it can)."""
    from . import probe_cache

    key, facts = probe_cache.load(Path(executable), PROBE)
    fresh = facts is None
    if facts is None:
        facts = _run_probe(executable)
    try:
        interp = Interpreter.from_facts(facts)
    except (ValueError, KeyError, TypeError) as e:
        raise InterpreterError(f"`{executable}` reported its configuration in a form ferrule cannot read ({e})",
                               hint=f"ferrule builds for {SUPPORTED}") from None
    check_supported(interp, executable)
    if key is not None and fresh:
        probe_cache.store(key, facts)
    return interp


def _run_probe(executable: str | Path) -> dict:
    try:
        out = subprocess.run([str(executable), str(PROBE)], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as e:
        raise InterpreterError(f"cannot run Python interpreter `{executable}`: {e}",
                               hint="pass an existing interpreter with -i/--interpreter") from None
    if out.returncode != 0:
        raise InterpreterError(f"`{executable}` failed to report its configuration:\n{out.stderr.strip()}",
                               hint=f"ferrule builds for {SUPPORTED}")
    try:
        facts = json.loads(out.stdout)
    except ValueError as e:
        raise InterpreterError(f"`{executable}` reported its configuration in a form ferrule cannot read ({e})",
                               hint=f"ferrule builds for {SUPPORTED}") from None
    if not isinstance(facts, dict):
        raise InterpreterError(f"`{executable}` reported its configuration in a form ferrule cannot read",
                               hint=f"ferrule builds for {SUPPORTED}")
    return facts


def _venv_python(venv: Path) -> Path:
    for name in ("bin/python", "bin/python3", "Scripts/python.exe"):
        candidate = venv / name
        if candidate.exists():
            return candidate
    raise InterpreterError(f"the virtualenv {venv} has no Python interpreter")


def _dot_venv(folders) -> Path | None:
    """A `.venv` in one of `folders` or their parents, as maturin develop finds one that is not activated."""
    seen = set()
    for start in folders:
        for folder in (Path(start).resolve(), *Path(start).resolve().parents):
            if folder in seen:
                break
            seen.add(folder)
            venv = folder / ".venv"
            if venv.is_dir():
                if not (venv / "pyvenv.cfg").is_file():
                    raise InterpreterError(f"{venv} is not a virtualenv (it has no pyvenv.cfg)",
                                           hint="recreate it with `python -m venv .venv`, or pass -i")
                return venv
    return None


def find_interpreter(explicit: str | None, *, require_venv: bool, search_from=()) -> Interpreter:
    """`explicit` (-i), else the active virtualenv (VIRTUAL_ENV, CONDA_PREFIX), else a `.venv` in or above one of
    `search_from`; installing (`require_venv`), nothing else, as maturin; else this process's interpreter.

    Building without installing (`require_venv` false), `PYO3_PYTHON` comes first, as PyO3 reads it."""
    if not explicit and not require_venv and os.environ.get("PYO3_PYTHON"):
        explicit = os.environ["PYO3_PYTHON"]
    if explicit:
        path = shutil.which(explicit) or explicit
        if not Path(path).exists():
            raise InterpreterError(f"interpreter `{explicit}` not found",
                                   hint="give a path or a name on PATH, such as `python3.11`")
        return probe(path)
    for var in ("VIRTUAL_ENV", "CONDA_PREFIX"):
        if os.environ.get(var):
            return probe(_venv_python(Path(os.environ[var])))
    venv = _dot_venv(search_from)
    if venv is not None:
        return probe(_venv_python(venv))
    if require_venv:
        # Not the environment ferrule runs from (pipx's, a tools venv): maturin does not install there either.
        own = f"; ferrule's own environment ({sys.prefix}) is not used" if sys.prefix != sys.base_prefix else ""
        raise InterpreterError("no virtualenv is active and no `.venv` is beside the project, so there is "
                               "nowhere to install",
                               hint="create one beside the project (`python -m venv .venv`), activate one, "
                                    f"or name an interpreter with `-i`{own}")
    return probe(sys.executable)
