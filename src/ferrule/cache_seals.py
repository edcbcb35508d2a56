"""Damaged files in the shared build folder are found before cargo links them.

Cargo trusts a compiled unit whose fingerprint is current; it never looks at the unit's files again, so a
file shortened, emptied, replaced or removed after the build that wrote it (a disk that filled up, a
crash before the data reached the disk, a clean-up tool) would be linked into the next project. After
each build ferrule records, per shared unit (the runtime, its macros, crates.io dependencies: not the
project's own crates), the size and modification time of its files; before the next build it compares
them, and checks the leading bytes of rlibs and rmeta files. A unit that differs loses its fingerprint,
so cargo compiles it again. Contents are not hashed (that would cost every build a read of the runtime).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

SEALS = "ferrule-seals"
_MAGIC = {".rlib": b"!<arch>\n", ".rmeta": b"rust"}


@contextmanager
def locked(build_dir: Path) -> Iterator[None]:
    """One ferrule build at a time per shared folder: the check, cargo's build and the new seals belong
    together (cargo's own lock covers only its part)."""
    build_dir.mkdir(parents=True, exist_ok=True)
    with open(build_dir / ".ferrule-lock", "a+b") as handle:
        try:
            import fcntl
        except ImportError:  # Windows: cargo's lock alone
            yield
            return
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            sys.stderr.write(f"    Blocking waiting for another ferrule build using {build_dir}\n")
            sys.stderr.flush()
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def check(build_dir: Path) -> list[str]:
    """Unseals every damaged unit (its fingerprint removed: cargo rebuilds it); returns the damaged files."""
    folder = build_dir / SEALS
    damaged: list[str] = []
    try:
        seals = list(folder.iterdir())
    except OSError:
        return damaged
    for seal in seals:
        if seal.suffix != ".json":
            continue
        try:
            data = json.loads(seal.read_text(encoding="utf-8"))
            files, fingerprints = data["files"], data["fingerprints"]
        except (OSError, ValueError, KeyError, TypeError):
            data, files, fingerprints = None, {}, []
        bad = [name for name, stamp in files.items() if not _intact(Path(name), stamp)]
        if data is None or bad:
            for fingerprint in fingerprints:
                shutil.rmtree(fingerprint, ignore_errors=True)
            try:
                seal.unlink()
            except OSError:
                pass
            damaged += bad or [str(seal)]
    return damaged


def _intact(path: Path, stamp: list[int]) -> bool:
    try:
        st = path.stat()
        if [st.st_size, st.st_mtime_ns] != stamp:
            return False
        magic = _MAGIC.get(path.suffix)
        if magic is not None:
            with open(path, "rb") as f:
                return f.read(len(magic)) == magic
    except OSError:
        return False
    return True


def seal(build_dir: Path, artifacts: list[dict], own_root: Path) -> None:
    """Records the files of every shared unit cargo reported (`compiler-artifact` messages)."""
    folder = build_dir / SEALS
    root = os.path.normpath(build_dir) + os.sep
    own = os.path.normpath(own_root) + os.sep
    for msg in artifacts:
        if os.path.normpath(msg.get("manifest_path", "")).startswith(own):
            continue  # the project's own crates change with every edit
        names = [f for f in msg.get("filenames") or [] if os.path.normpath(f).startswith(root)]
        if not names:
            continue
        files = {}
        try:
            for name in names:
                st = os.stat(name)
                files[name] = [st.st_size, st.st_mtime_ns]
        except OSError:
            continue
        fingerprints = sorted({str(p) for name in names for p in _fingerprints(Path(name))})
        key = hashlib.sha256(json.dumps(sorted(names)).encode()).hexdigest()[:24]
        if msg.get("fresh") and (folder / f"{key}.json").is_file():
            continue  # reused as checked before the build: its seal stands
        try:
            folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump({"files": files, "fingerprints": fingerprints}, f)
            os.replace(tmp, folder / f"{key}.json")
        except OSError:
            pass  # unsealed: not checked next time, still built correctly by cargo


def _fingerprints(artifact: Path) -> list[Path]:
    """Cargo's fingerprint folders of the unit that wrote `artifact` (`deps/libx-<hash>.rlib` or
    `build/<pkg>-<hash>/build-script-build`): `.fingerprint/<pkg>-<hash>` in the profile's folder."""
    for unit_dir in (artifact.parent, artifact.parent.parent):
        marker = (artifact.stem if unit_dir == artifact.parent else artifact.parent.name).rpartition("-")[2]
        fingerprint = unit_dir.parent / ".fingerprint"
        if marker and fingerprint.is_dir():
            return [p for p in fingerprint.glob(f"*-{marker}")]
    return []
