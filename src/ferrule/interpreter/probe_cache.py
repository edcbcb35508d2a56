"""The probe's answer for a virtualenv's interpreter, kept in ferrule's cache folder: asking again costs a
Python start-up (0.05-0.2 s) on every develop.

Only venv interpreters are kept (`<venv>/bin/python` beside `<venv>/pyvenv.cfg`): a bare name or a shim
(pyenv picks a version per folder) may answer differently each time. The key holds what decides the
answer: the interpreter binary behind the link (replaced by an upgrade), pyvenv.cfg (rewritten when the
venv is recreated), the probe script and the variables that move sysconfig's paths.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

_ENV = ("PYTHONHOME", "PYTHONPATH", "PYTHONPLATLIBDIR", "PYTHONUSERBASE", "_PYTHON_SYSCONFIGDATA_NAME")


def _key(executable: Path, probe_script: Path) -> str | None:
    venv_cfg = executable.parent.parent / "pyvenv.cfg"
    try:
        real, link, cfg = os.stat(executable), os.lstat(executable), os.stat(venv_cfg)
        script = probe_script.read_bytes()
    except OSError:
        return None
    parts = [os.path.abspath(executable), os.path.realpath(executable), real.st_mtime_ns, real.st_size,
             real.st_ino, link.st_mtime_ns, link.st_ino, cfg.st_mtime_ns, cfg.st_size, cfg.st_ino,
             hashlib.sha256(script).hexdigest(), *(os.environ.get(v, "") for v in _ENV)]
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:24]


def _folder() -> Path | None:
    from ..build_cache import DISABLE_VAR, cache_root

    return None if os.environ.get(DISABLE_VAR) else cache_root() / "interpreters"


def load(executable: Path, probe_script: Path) -> tuple[str | None, dict | None]:
    """(key, facts): facts None when not cached; key None when this interpreter is never cached."""
    folder = _folder()
    key = _key(executable, probe_script) if folder is not None else None
    if key is None:
        return None, None
    try:
        facts = json.loads((folder / f"probe-{key}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return key, None
    return key, facts if isinstance(facts, dict) else None


def store(key: str, facts: dict) -> None:
    folder = _folder()
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(facts, f)
        os.replace(tmp, folder / f"probe-{key}.json")  # whole or absent
    except OSError:
        pass  # an unwritable cache only costs the next probe
