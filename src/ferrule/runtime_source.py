"""Where the runtime dependency may come from: the registry `ferrule`, which only ferrule's config defines.

A `ferrule-runtime` dependency without `registry = "ferrule"` names crates.io, where that name is not
held by this project: plain cargo (an IDE, a CI job) would fetch whatever is published there and run
its build script. So such a dependency is refused anywhere in the workspace, in every dependency table,
before cargo builds anything; so is the crates.io package `ferrule`, another party's crate.
"""

from __future__ import annotations

import re
from pathlib import Path

from .cargo_config import REGISTRY, REGISTRY_INDEX
from .errors import ConfigError

RUNTIME_PACKAGE = "ferrule-runtime"
SAFE_SPEC = f'registry = "{REGISTRY}"'


def runtime_line(key: str, features: list[str] | None = None) -> str:
    """The dependency line to write: `key` as the name the code uses (`pyo3`, `ferrule-runtime`)."""
    shown = ", ".join(f'"{f}"' for f in features or [])
    extra = f", features = [{shown}]" if shown else ""
    if key == RUNTIME_PACKAGE:
        return f'{key} = {{ version = "0.1", {SAFE_SPEC}{extra} }}'
    return f'{key} = {{ package = "{RUNTIME_PACKAGE}", version = "0.1", {SAFE_SPEC}{extra} }}'


def check_sources(packages: list[dict] | tuple[dict, ...], workspace_root: Path | None = None) -> None:
    """Raises ConfigError for the first dependency (cargo metadata's shape) on the runtime from another
    source than ferrule's registry or a path, or on the crates.io package `ferrule`."""
    for package in packages:
        for dep in package.get("dependencies") or []:
            source = dep.get("source") or ""
            if not source or source.startswith("git+"):
                continue  # a path (or a git checkout the user chose): never a registry lookup
            name, key = dep.get("name"), dep.get("rename") or dep.get("name")
            if name == RUNTIME_PACKAGE and source != REGISTRY_INDEX:
                where, line, col = _find(Path(package["manifest_path"]), name, key, workspace_root)
                raise ConfigError(f"the dependency `{key}` on ferrule's runtime would come from {_named(source)}, "
                                  f"where `{RUNTIME_PACKAGE}` is not ferrule's", path=where, line=line, col=col,
                                  hint=f"add `{SAFE_SPEC}` to it (`{runtime_line(key, dep.get('features'))}`): "
                                       "that registry is defined by ferrule's config alone, so cargo can never "
                                       "fetch another party's crate")
            if name == "ferrule" and source.endswith("crates.io-index"):
                where, line, col = _find(Path(package["manifest_path"]), name, key, workspace_root)
                raise ConfigError(f"the dependency `{key}` names the crates.io package `ferrule`, which is an "
                                  "unrelated crate, not ferrule's runtime", path=where, line=line, col=col,
                                  hint=f"write `{runtime_line(key if key != 'ferrule' else RUNTIME_PACKAGE)}` "
                                       "(keep the features): plain cargo can then never fetch another party's "
                                       "crate")


def _named(source: str) -> str:
    return "crates.io" if source.endswith("crates.io-index") else f"the registry {source.split('+', 1)[-1]}"


def _find(manifest: Path, name: str, key: str, workspace_root: Path | None) -> tuple[Path, int | None, int | None]:
    """The first line of `manifest` (else of the workspace root's Cargo.toml, for an inherited entry)
    that writes the dependency, as `key = ...`, `[...dependencies.key]` or `package = "name"`."""
    spelled = re.compile(rf"""^\s*(\[[^\]]*dependencies\s*\.\s*)?["']?{re.escape(key)}["']?\s*[=\].]""")
    renamed = re.compile(rf"""package\s*=\s*["']{re.escape(name)}["']""")
    candidates = [manifest] + ([workspace_root / "Cargo.toml"] if workspace_root else [])
    for path in candidates:
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except OSError:
            continue
        for number, text in enumerate(lines, 1):
            if "workspace" in text and path == manifest and path != candidates[-1]:
                if re.search(r"workspace\s*=\s*true", text) and spelled.match(text):
                    break  # inherited: the entry is in the workspace root
            if spelled.match(text) or (key == name and renamed.search(text)):
                return path, number, len(text) - len(text.lstrip()) + 1
    return manifest, None, None
