"""Profiles and features asked for (config or command line) that Cargo.toml does not define: said at the
key that names them, before cargo runs (cargo's own error names neither pyproject.toml nor the option)."""

from __future__ import annotations

import os
import re
from pathlib import Path

from .build_options import CargoOptions
from .errors import ConfigError
from .project import Project, _load_toml
from .tool_config import locate

BUILT_IN_PROFILES = ("dev", "release", "test", "bench", "debug")  # `debug` is maturin's name of dev


def defined_profiles(project: Project) -> set[str]:
    """[profile.X] of the crate's Cargo.toml, its workspace root's, and cargo config files cargo would read."""
    names = set(BUILT_IN_PROFILES)
    files = [project.manifest]
    for folder in project.manifest.parent.parents:
        files += [folder / "Cargo.toml", folder / ".cargo" / "config.toml", folder / ".cargo" / "config"]
    files += [project.manifest.parent / ".cargo" / "config.toml", project.manifest.parent / ".cargo" / "config"]
    home = Path(os.environ.get("CARGO_HOME") or Path.home() / ".cargo")
    files += [home / "config.toml", home / "config"]
    for path in files:
        if path.is_file():
            try:
                names |= set((_load_toml(path).get("profile") or {}))
            except ConfigError:
                continue  # cargo reports a broken file of its own
    return names


def defined_features(project: Project) -> list[str] | None:
    """[features] keys and optional dependencies' implicit features; None when cargo must decide."""
    cargo = _load_toml(project.manifest)
    names = list(cargo.get("features") or {})
    tables = [cargo.get("dependencies") or {}] + [
        (t or {}).get("dependencies") or {} for t in (cargo.get("target") or {}).values() if isinstance(t, dict)]
    explicit = {v[4:] for values in (cargo.get("features") or {}).values() if isinstance(values, list)
                for v in values if isinstance(v, str) and v.startswith("dep:")}
    for table in tables:
        for key, spec in table.items():
            if isinstance(spec, dict) and spec.get("optional") is True and key not in explicit and key not in names:
                names.append(key)
    return names


def check(project: Project, options: CargoOptions, profile: str, option: str = "--profile ") -> None:
    """A profile the config does not name came from the command line's `option`."""
    key = "profile" if profile == project.cargo.profile else \
        "editable-profile" if profile == project.editable_profile else None
    if profile not in BUILT_IN_PROFILES and profile not in defined_profiles(project):
        message = f"the profile `{profile}` is not defined in {_shown(project, project.manifest)}"
        hint = f'add `[profile.{profile}]` with `inherits = "release"` (or "dev") to Cargo.toml, or use dev or release'
        if key is None:
            raise ConfigError(f"{option}{profile}: {message}", hint=hint)
        line, col = locate(project.pyproject, project.tool_table, key)
        raise ConfigError(message, path=project.pyproject, line=line, col=col, hint=hint)
    available = defined_features(project)
    configured = {f.name for f in project.cargo.features}
    for feature in options.features:
        name = feature.name
        if "/" in name or name == "default" or name in available:
            continue  # `dep/feature` is cargo's to check
        listed = ", ".join(f"`{n}`" for n in available) if available else "none"
        message = f"the feature `{name}` is not defined in {_shown(project, project.manifest)} (its features: {listed})"
        hint = "add it under [features] in Cargo.toml, or fix the name"
        if name not in configured:
            raise ConfigError(f"--features {name}: {message}", hint=hint)
        line, col = _entry_position(project, name)
        raise ConfigError(message, path=project.pyproject, line=line, col=col, hint=hint)


def _entry_position(project: Project, name: str) -> tuple[int | None, int | None]:
    """The feature's string in `features = [...]`, else the key."""
    line, col = locate(project.pyproject, project.tool_table, "features")
    if line is None:
        return None, None
    lines = project.pyproject.read_text(encoding="utf-8").splitlines()
    for number in range(line, min(len(lines), line + 50) + 1):
        found = re.search(rf"""(["']){re.escape(name)}\1""", lines[number - 1])
        if found:
            return number, found.start() + 1
    return line, col


def _shown(project: Project, path: Path) -> str:
    try:
        return str(path.relative_to(project.root))
    except ValueError:
        return str(path)
