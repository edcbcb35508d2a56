"""`ferrule develop`'s core metadata, kept from the last develop while nothing it was made from changed.

Making it imports pyproject-metadata and packaging (with email and logging): about 0.05 s of every develop
loop on a slow machine, more than the rest of ferrule's start-up. A record in the cache folder
(`<cache>/metadata/<sha1 of pyproject.toml's path>.json`) holds the result and what it was made from: every
file the step opened and every folder it listed (seen through an audit hook while it ran, so a readme or
license file picked by a glob or by Cargo.toml counts), the entry names of those files' folders and of the
project's (a README that appears where Cargo would look for one), and the size and time of ferrule's own
Python files and of the two libraries'. Anything different, and the metadata is made again.

`ferrule build`, the PEP 517 backend and `ferrule publish` always make it afresh.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from .metadata import DistMetadata, load_metadata

_recording: list[tuple[str, object]] | None = None
_recorder: int | None = None  # the thread whose reads are recorded
_hooked = False


def _audit(event: str, args: tuple) -> None:
    recording = _recording  # read once: the recording thread may end it meanwhile
    if recording is None or event not in ("open", "os.listdir", "os.scandir"):
        return
    if threading.get_ident() != _recorder:  # another thread's files (develop's interpreter probe) are no input
        return
    frame = sys._getframe(1)
    while frame is not None:  # the import system reading modules (a lazy import) is no input
        if frame.f_code.co_filename.startswith("<frozen importlib"):
            return
        frame = frame.f_back
    recording.append((event, args[0] if args else None))


@dataclass(frozen=True)
class CachedMetadata(DistMetadata):
    """A kept result: the distribution name as recorded (no packaging import to normalise it again)."""

    cached_distribution: str = ""

    @property
    def distribution(self) -> str:
        return self.cached_distribution


class _KeptSpecifier:
    """requires-python as recorded; `contains` answers from the verdicts recorded for each Python version
    and asks packaging (then records) only for a version not seen yet."""

    def __init__(self, text: str, verdicts: dict, record) -> None:
        self.text, self.verdicts, self.record = text, verdicts, record

    def contains(self, version: str, prereleases: bool = True) -> bool:
        if version not in self.verdicts:
            from packaging.specifiers import SpecifierSet

            self.verdicts[version] = SpecifierSet(self.text).contains(version, prereleases=prereleases)
            self.record()
        return self.verdicts[version]

    def __str__(self) -> str:
        return self.text


def load_cached(project) -> DistMetadata:
    """The project's metadata, from the cache when its inputs are unchanged (see the module docstring)."""
    path = _record_path(project)
    record = _read(path) if path is not None else None
    if record is not None and record.get("inputs") == _inputs_now(record.get("inputs", {}), project):
        return _from_record(project, record, path)
    global _recording, _recorder, _hooked
    if not _hooked:
        sys.addaudithook(_audit)
        _hooked = True
    import pyproject_metadata  # noqa: F401  (imported before recording: the import system's reads are not inputs)
    from packaging import utils, version  # noqa: F401

    _recorder = threading.get_ident()
    _recording = []
    try:
        meta = load_metadata(project)
    finally:
        events, _recording = _recording, None
    if path is not None:
        record = _to_record(project, meta, _inputs_of(events, project))
        if record is not None:
            _write(path, record)
    return meta


def _record_path(project) -> Path | None:
    from ..build_cache import cache_root

    try:
        key = hashlib.sha1(str(Path(project.pyproject).resolve()).encode()).hexdigest()
    except OSError:
        return None
    return cache_root() / "metadata" / f"{key}.json"


def _code() -> list[list]:
    """ferrule's own Python files and the two libraries that write the metadata: size and time of each."""
    from importlib.util import find_spec

    from ..glue_stamp import _toolchain_files

    out = _toolchain_files()
    for name in ("pyproject_metadata", "packaging"):
        spec = find_spec(name)
        origin = spec.origin if spec is not None else None
        if origin:
            st = os.stat(origin)
            out.append([origin, st.st_size, st.st_mtime_ns])
    return out


def _digest_file(name: str) -> str | None:
    try:
        return hashlib.sha1(Path(name).read_bytes()).hexdigest()
    except OSError:
        return None


def _digest_folder(name: str) -> str | None:
    try:
        return hashlib.sha1("\0".join(sorted(os.listdir(name))).encode()).hexdigest()
    except OSError:
        return None


def _inputs_of(events: list, project) -> dict | None:
    """What the metadata step read, as {"files": {path: sha1}, "folders": {path: sha1 of names}, "code": ...};
    None when it opened something that is not a path (a descriptor): such a run is not kept."""
    files = {os.path.abspath(project.pyproject), os.path.abspath(project.manifest)}
    folders = {os.path.dirname(name) for name in files}
    for event, target in events:
        if isinstance(target, int):
            return None
        name = os.path.abspath(os.fsdecode(target if target is not None else "."))
        if event == "open":
            files.add(name)
            folders.add(os.path.dirname(name))
        else:
            folders.add(name)
    return {"files": {f: _digest_file(f) for f in sorted(files)},
            "folders": {d: _digest_folder(d) for d in sorted(folders)},
            "code": _code()}


def _inputs_now(recorded: dict, project) -> dict:
    return {"files": {f: _digest_file(f) for f in recorded.get("files", {})},
            "folders": {d: _digest_folder(d) for d in recorded.get("folders", {})},
            "code": _code()}


def _to_record(project, meta: DistMetadata, inputs: dict | None) -> dict | None:
    if inputs is None:
        return None
    own = list(meta.warnings[len(project.warnings):]) if meta.warnings[:len(project.warnings)] == tuple(
        project.warnings) else None
    if own is None:
        return None
    verdicts: dict = {}
    return {
        "inputs": inputs,
        "name": meta.name, "version": meta.version, "distribution": meta.distribution,
        "metadata": meta.metadata.decode("latin-1"),
        "entry_points": meta.entry_points.decode("latin-1") if meta.entry_points is not None else None,
        "license_files": {k: v.decode("latin-1") for k, v in meta.license_files.items()},
        "dependencies": [str(r) for r in meta.dependencies],
        "optional_dependencies": {k: [str(r) for r in v] for k, v in meta.optional_dependencies.items()},
        "warnings": own,
        "requires_python": str(meta.requires_python) if meta.requires_python is not None else None,
        "verdicts": verdicts,
    }


def _from_record(project, record: dict, path: Path) -> DistMetadata:
    deps, optional = record["dependencies"], record["optional_dependencies"]
    if deps or any(optional.values()):
        from packaging.requirements import Requirement

        deps = [Requirement(r) for r in deps]
        optional = {k: [Requirement(r) for r in v] for k, v in optional.items()}
    kept = record["requires_python"]
    specifier = None if kept is None else _KeptSpecifier(kept, record["verdicts"], lambda: _write(path, record))
    return CachedMetadata(
        name=record["name"], version=record["version"], metadata=record["metadata"].encode("latin-1"),
        entry_points=record["entry_points"].encode("latin-1") if record["entry_points"] is not None else None,
        license_files={k: v.encode("latin-1") for k, v in record["license_files"].items()},
        dependencies=deps, optional_dependencies=optional,
        warnings=tuple(project.warnings) + tuple(record["warnings"]),
        requires_python=specifier, cached_distribution=record["distribution"])


def _read(path: Path) -> dict | None:
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) else None


def _write(path: Path, record: dict) -> None:
    """Atomically, and not at all when the folder cannot be written (the next develop makes it again)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(record, f)
        os.replace(tmp, path)
    except OSError:
        pass
