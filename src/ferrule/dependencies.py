"""`ferrule develop` installs `[project].dependencies` (and extras with `-E`) as maturin develop does.

Requirements already satisfied in the target environment are not handed to pip, so an
unchanged project's develop loop never waits for the installer.
"""

from __future__ import annotations

import platform
import shutil
import subprocess
import sys
from typing import TYPE_CHECKING

from .errors import ConfigError, InstallError
from .interpreter import Interpreter

if TYPE_CHECKING:  # packaging costs every develop loop some 0.03 s: imported when there are requirements
    from packaging.requirements import Requirement


def _canonical_name(name: str) -> str:
    """PEP 503's form, by packaging (imported on the first name to compare)."""
    from packaging.utils import canonicalize_name

    return canonicalize_name(name)


def wanted(dependencies: list[Requirement], optional: dict[str, list[Requirement]], extras: tuple[str, ...],
           interp: Interpreter, project_path, table_hint: str = "[project.optional-dependencies]") -> list[Requirement]:
    """The project's requirements that apply to this interpreter, with the named extras."""
    known = {_canonical_name(k): v for k, v in optional.items()}
    chosen = []
    for extra in extras:
        if _canonical_name(extra) not in known:
            raise _unknown("extra", extra, sorted(optional), project_path, table_hint.strip("[]"), "-E")
    env = _environment(interp)
    for req in dependencies:
        if req.marker is None or req.marker.evaluate(env | {"extra": ""}):
            chosen.append(req)
    for extra in extras:
        for req in known[_canonical_name(extra)]:
            if req.marker is None or req.marker.evaluate(env | {"extra": extra}):
                chosen.append(req)
    return chosen


def _unknown(kind: str, name: str, names: list[str], path, table: str, option: str) -> ConfigError:
    """`-E`/`-G` naming nothing: at the table (when written), with the close name or what to add."""
    import difflib

    from .tool_config import locate

    line, col = locate(path, table, None) if path is not None else (None, None)
    close = difflib.get_close_matches(name, names, n=1)
    known = f"the project's: {', '.join(names)}" if names else f"the project has no [{table}]"
    fix = (f"did you mean `{option} {close[0]}`?" if close else
           f"add `{name} = [...]` under [{table}], or leave out `{option} {name}`")
    return ConfigError(f"the project has no {kind} `{name}`", path=path, line=line, col=col, hint=f"{fix} ({known})")


def groups(pyproject: dict, names: tuple[str, ...], path) -> list[Requirement]:
    """PEP 735 `[dependency-groups]`, `{ include-group = ... }` followed (what `maturin develop -G` installs)."""
    from packaging.requirements import InvalidRequirement, Requirement

    table = pyproject.get("dependency-groups") or {}
    known = {_canonical_name(k): v for k, v in table.items()}
    out: list[Requirement] = []

    def add(name: str, seen: tuple[str, ...]) -> None:
        key = _canonical_name(name)
        if key not in known:
            raise _unknown("dependency group", name, sorted(table), path, "dependency-groups", "-G")
        if key in seen:
            raise ConfigError(f"dependency group `{name}` includes itself", path=path)
        for item in known[key]:
            if isinstance(item, dict) and "include-group" in item:
                add(str(item["include-group"]), seen + (key,))
                continue
            try:
                out.append(Requirement(str(item)))
            except InvalidRequirement:
                from .archive.project_errors import requirement_error

                raise requirement_error(path, name, str(item), top="dependency-groups") from None

    for name in names:
        add(name, ())
    return out


def _environment(interp: Interpreter) -> dict[str, str]:
    major, minor, micro = interp.version
    return {"python_version": f"{major}.{minor}", "python_full_version": f"{major}.{minor}.{micro}",
            "implementation_name": interp.implementation.lower(), "sys_platform": sys.platform,
            "platform_machine": interp.machine or platform.machine(), "os_name": "posix" if sys.platform != "win32"
            else "nt", "platform_system": platform.system(),
            "platform_python_implementation": "CPython" if interp.implementation.lower() == "cpython" else "PyPy"}


def missing(requirements: list[Requirement], interp: Interpreter, own_name: str) -> list[Requirement]:
    """Those not installed in the interpreter's site-packages at a matching version."""
    if not requirements:
        return []  # nothing to look for: no walk over every dist-info in the environment
    import importlib.metadata  # slow to import (email, zipfile): only when there is something to check

    installed = {}
    for dist in importlib.metadata.distributions(path=[str(interp.purelib), str(interp.platlib)]):
        name = dist.metadata["Name"]
        if name:
            installed.setdefault(_canonical_name(name), dist.version)
    out = []
    for req in requirements:
        name = _canonical_name(req.name)
        if name == _canonical_name(own_name):
            continue  # an extra that names the project itself
        version = installed.get(name)
        if version is None or (req.specifier and not req.specifier.contains(version, prereleases=True)) or req.url:
            out.append(req)
    return out


def install(requirements: list[Requirement], interp: Interpreter, *, uv: bool, quiet: bool) -> None:
    if not requirements:
        return
    specs = [str(r) for r in requirements]
    if uv:
        tool = shutil.which("uv")
        if tool is None:
            raise InstallError("`--uv` was given but uv is not on PATH",
                               hint="install uv (`pip install uv`) or leave out --uv to use pip")
        cmd = [tool, "pip", "install", "--python", str(interp.executable), *specs]
    else:
        cmd = [str(interp.executable), "-m", "pip", "install", "--disable-pip-version-check", *specs]
        probe = subprocess.run([str(interp.executable), "-m", "pip", "--version"], capture_output=True)
        if probe.returncode != 0:
            raise InstallError(f"pip is not installed in {interp.prefix}, so dependencies cannot be installed",
                               hint="use `ferrule develop --uv` (for a uv-made venv), or "
                                    "`python -m ensurepip` in the environment")
    if quiet:
        cmd.append("-q")
    done = subprocess.run(cmd, stdout=sys.stderr if not quiet else subprocess.DEVNULL)
    if done.returncode != 0:
        raise InstallError(f"installing the dependencies failed: {', '.join(specs)}",
                           hint="see the installer's output above")
