"""Installing a freshly built module into an interpreter's site-packages.

Layout (what type checkers need, PEP 561): `<name>/__init__.py` re-exporting
`<name>/<name><EXT_SUFFIX>`, the stubs as `<name>/__init__.pyi`, and
`<name>/py.typed`, plus a `.dist-info` so pip sees and can uninstall it.
A mixed Rust/Python project instead gets its extension and stub written into its
Python package folder, and a `.pth` that puts the source folder on `sys.path`.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from .archive.wheel import record_line
from .errors import InstallError
from .interpreter import Interpreter
from .project import Project


def normalized_dist(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


def package_files(project: Project, interp_suffix: str, artifact: Path, stubs: dict[str, str]) -> dict[str, bytes]:
    """Every file of the installed package, keyed by its path below site-packages (the wheel's own layout)."""
    from .archive.contents import wheel_files

    return {e.path: e.data for e in wheel_files(project, interp_suffix, artifact, stubs)}


def develop_suffix(project: Project, interp: Interpreter) -> str:
    """`.abi3.so` for an abi3 project, as maturin develop and ferrule's wheels name it; the interpreter's own
    where there is no stable ABI (PyPy, free-threaded)."""
    from .archive.tags import extension_suffix

    stable = project.abi3 and not interp.is_pypy and not interp.gil_disabled
    return extension_suffix(interp, project.abi3 if stable else None)


def write_into_source(project: Project, entries: list, shadowing: str | None = None) -> None:
    """A mixed project's extension and stub, written into its Python package folder (develop, editable).

    A stub the user wrote there is never overwritten; only ferrule's own (with its header) is refreshed.
    `shadowing`: the interpreter's own suffix; an old extension with it is removed beside a new `.abi3.so`,
    which CPython would otherwise never import (it tries its own suffix first).
    """
    from .archive.contents import is_hand_written

    assert project.python_source is not None
    try:
        for entry in entries:
            if entry.path.endswith(".pyi") and is_hand_written(project.python_source / entry.path):
                continue
            _write_atomic(project.python_source / entry.path, entry.data)
            if entry.executable:
                os.chmod(project.python_source / entry.path, 0o755)
                base = entry.path.split(".")[0] if ".abi3." in entry.path else None
                if shadowing and base:
                    (project.python_source / f"{base}{shadowing}").unlink(missing_ok=True)
    except OSError as e:
        raise InstallError(f"cannot write into {project.python_source}: {e}") from None


def _write_atomic(path: Path, data: bytes) -> None:
    """A new file then a rename: a process that has the old `.so` mapped keeps it intact."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.ferrule-tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


LAUNCHER = """#!{python}
import sys
from {module} import {top}
if __name__ == "__main__":
    sys.exit({call}())
"""


def _launchers(entry_points: bytes, interp: Interpreter, site: Path) -> dict[str, bytes]:
    """`[project.scripts]` as launchers in the environment's bin folder (what pip writes from a wheel)."""
    import configparser

    parser = configparser.ConfigParser(delimiters=("=",), interpolation=None)
    parser.optionxform = str  # type: ignore[assignment]
    parser.read_string(entry_points.decode())
    out = {}
    for group in ("console_scripts", "gui_scripts"):
        for name, target in (parser[group].items() if parser.has_section(group) else ()):
            module, _, attr = target.partition(":")
            attr = attr.split("[")[0].strip() or "main"
            text = LAUNCHER.format(python=interp.executable, module=module.strip(), top=attr.split(".")[0],
                                   call=attr)
            out[os.path.relpath(interp.scripts / name, site).replace(os.sep, "/")] = text.encode()
    return out


def remove_previous(site: Path, dist: str, prefix: Path | None = None) -> None:
    """Uninstalls an earlier install of `dist`: every file its RECORD lists (inside site-packages, or the
    environment's prefix for scripts), then the dist-info."""
    root = site.resolve()
    allowed = [root] + ([prefix.resolve()] if prefix is not None else [])
    for old in site.glob("*.dist-info"):
        if normalized_dist(old.name.split("-")[0]) != dist:
            continue
        try:
            listed = (old / "RECORD").read_text(encoding="utf-8").splitlines()
        except OSError:
            listed = []
        folders = set()
        for line in listed:
            rel = line.rsplit(",", 2)[0] if line.count(",") >= 2 else line
            path = (site / rel).resolve() if rel else root
            inside = any(r in path.parents for r in allowed)
            if inside and old.resolve() not in (path, *path.parents) and path.is_file():
                path.unlink()
                folders.update(p for p in path.parents if root in p.parents)
        for folder in sorted(folders, key=lambda p: len(p.parts), reverse=True):
            cache = folder / "__pycache__"
            if cache.is_dir() and not any(f for f in cache.iterdir() if not f.name.endswith(".pyc")):
                shutil.rmtree(cache, ignore_errors=True)
            try:
                folder.rmdir()  # only when nothing else lives there
            except OSError:
                pass
        shutil.rmtree(old, ignore_errors=True)


def install_develop(project: Project, interp: Interpreter, artifact: Path, stubs: dict[str, str],
                    metadata=None) -> Path:
    """`metadata` (a DistMetadata) gives the dist-info its full METADATA, so pip sees the requirements."""
    site = interp.platlib
    if not site.is_dir():
        raise InstallError(f"site-packages folder {site} does not exist")
    dist = metadata.distribution if metadata is not None else normalized_dist(project.dist_name)
    version = metadata.version if metadata is not None else project.version
    suffix = develop_suffix(project, interp)
    if project.python_source is not None:
        # Mixed project: the extension goes next to the Python sources, which a .pth puts on sys.path.
        from .archive.contents import editable_files, extension_files

        write_into_source(project, extension_files(project, suffix, artifact, stubs), interp.ext_suffix)
        files = {e.path: e.data for e in editable_files(project, dist, suffix, artifact, stubs)}
    else:
        files = package_files(project, suffix, artifact, stubs)
    remove_previous(site, dist, interp.prefix if interp.in_venv else None)
    package_dir = site / project.module_name
    if project.python_source is None and package_dir.is_dir():
        wanted = {site / rel for rel in files}
        for path in package_dir.rglob("*"):
            if path.is_file() and path not in wanted and "__pycache__" not in path.parts:
                path.unlink()
    try:
        for rel, data in files.items():
            _write_atomic(site / rel, data)
    except OSError as e:
        raise InstallError(f"cannot write into {site}: {e}") from None
    dist_info = f"{dist}-{version}.dist-info"
    meta = {
        f"{dist_info}/METADATA": metadata.metadata if metadata is not None else
        f"Metadata-Version: 2.1\nName: {project.dist_name}\nVersion: {version}\n".encode(),
        f"{dist_info}/INSTALLER": b"ferrule\n",
    }
    if metadata is not None and metadata.entry_points:
        meta[f"{dist_info}/entry_points.txt"] = metadata.entry_points
        meta.update(_launchers(metadata.entry_points, interp, site))
    for rel, data in meta.items():
        _write_atomic(site / rel, data)
        if rel.startswith(".."):
            os.chmod(site / rel, 0o755)
    record = [record_line(rel, data) for rel, data in {**files, **meta}.items()] + [f"{dist_info}/RECORD,,"]
    _write_atomic(site / dist_info / "RECORD", ("\n".join(record) + "\n").encode())
    return site
