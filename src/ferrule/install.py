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


def write_into_source(project: Project, entries: list) -> None:
    """A mixed project's extension and stub, written into its Python package folder (develop, editable)."""
    assert project.python_source is not None
    try:
        for entry in entries:
            _write_atomic(project.python_source / entry.path, entry.data)
            if entry.executable:
                os.chmod(project.python_source / entry.path, 0o755)
    except OSError as e:
        raise InstallError(f"cannot write into {project.python_source}: {e}") from None


def _write_atomic(path: Path, data: bytes) -> None:
    """A new file then a rename: a process that has the old `.so` mapped keeps it intact."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.ferrule-tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def install_develop(project: Project, interp: Interpreter, artifact: Path, stubs: dict[str, str]) -> Path:
    site = interp.platlib
    if not site.is_dir():
        raise InstallError(f"site-packages folder {site} does not exist")
    dist = normalized_dist(project.dist_name)
    if project.python_source is not None:
        # Mixed project: the extension goes next to the Python sources, which a .pth puts on sys.path.
        from .archive.contents import editable_files, extension_files

        write_into_source(project, extension_files(project, interp.ext_suffix, artifact, stubs))
        files = {e.path: e.data for e in editable_files(project, dist, interp.ext_suffix, artifact, stubs)}
    else:
        files = package_files(project, interp.ext_suffix, artifact, stubs)
    for old in site.glob("*.dist-info"):
        if normalized_dist(old.name.split("-")[0]) == dist:
            shutil.rmtree(old)
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
    dist_info = f"{dist}-{project.version}.dist-info"
    meta = {
        f"{dist_info}/METADATA": f"Metadata-Version: 2.1\nName: {project.dist_name}\nVersion: {project.version}\n".encode(),
        f"{dist_info}/INSTALLER": b"ferrule\n",
    }
    for rel, data in meta.items():
        _write_atomic(site / rel, data)
    record = [record_line(rel, data) for rel, data in {**files, **meta}.items()] + [f"{dist_info}/RECORD,,"]
    _write_atomic(site / dist_info / "RECORD", ("\n".join(record) + "\n").encode())
    return site
