"""Which interpreter the toolchain picks when no `-i` is given: `PYO3_PYTHON` first, as PyO3 does.

A toolchain test (it imports ferrule in-process), so it lives apart from the e2e files that
scripts/test-interpreters.sh also runs on interpreters without ferrule installed."""

from __future__ import annotations

import shutil
import sys

import pytest


def test_ferrule_build_takes_pyo3_python_without_i(monkeypatch: pytest.MonkeyPatch) -> None:
    from ferrule.interpreter import find_interpreter

    debug_python = shutil.which("python3.11-dbg")
    assert debug_python is not None, "python3.11-dbg is not installed (.ci/run installs it)"
    monkeypatch.setenv("PYO3_PYTHON", debug_python)
    assert find_interpreter(None, require_venv=False).debug
    # develop installs into the active venv: PYO3_PYTHON does not move it elsewhere, as with maturin.
    monkeypatch.setenv("VIRTUAL_ENV", sys.prefix)
    assert not find_interpreter(None, require_venv=True).debug
