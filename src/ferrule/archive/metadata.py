"""`[project]` (PEP 621) → core metadata, validated by `pyproject-metadata`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pyproject_metadata
from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

from ..errors import ConfigError, keep_warnings
from ..project import Project, _load_toml, cargo_version
from .project_errors import PROJECT_KEYS, metadata_error, position


@dataclass(frozen=True)
class DistMetadata:
    """What the dist-info and PKG-INFO are made of."""

    name: str  # as written in [project]
    version: str  # normalised
    metadata: bytes  # METADATA / PKG-INFO
    entry_points: bytes | None  # entry_points.txt, when there are any
    license_files: dict[str, bytes]  # path relative to the project → content
    dependencies: list = field(default_factory=list)  # packaging Requirements, for `ferrule develop`
    optional_dependencies: dict = field(default_factory=dict)  # extra → Requirements
    warnings: tuple[str, ...] = ()  # the project's (unknown [project] keys...), for the command to print
    requires_python: object = None  # a packaging SpecifierSet, or None

    @property
    def distribution(self) -> str:
        """The name as it appears in file names (PEP 427/625)."""
        return re.sub(r"[-_.]+", "_", canonicalize_name(self.name))


def _config_error(message: str, project: Project, key: str | None, hint: str | None = None) -> ConfigError:
    line, col = position(project.pyproject, key)
    return ConfigError(message, path=project.pyproject, line=line, col=col, hint=hint)


def _cargo_version(project: Project) -> str:
    version = cargo_version(project.manifest, _load_toml(project.manifest))
    # Cargo's SemVer pre-releases ("1.0.0-alpha.1") read as PEP 440 after normalisation.
    try:
        return str(Version(version))
    except InvalidVersion:
        raise ConfigError(f"Cargo.toml's version `{version}` is not a valid Python version (PEP 440)",
                          path=project.manifest, hint='set `version` in pyproject.toml\'s [project]') from None


def load_metadata(project: Project) -> DistMetadata:
    """The project's warnings are carried by an error, so the command prints them first."""
    with keep_warnings(list(project.warnings)):
        return _load_metadata(project)


def _load_metadata(project: Project) -> DistMetadata:
    warnings = list(project.warnings)
    pyproject = _load_toml(project.pyproject)
    table = pyproject.get("project")
    if not isinstance(table, dict):
        raise _config_error("pyproject.toml has no [project] table", project, None,
                            hint='add [project] with `name` and `version` (or `dynamic = ["version"]`)')
    table = {k: v for k, v in table.items() if k in PROJECT_KEYS}  # the others warned of by load_project
    if not table.get("name"):
        raise _config_error("[project] has no `name`", project, None, hint='add `name = "..."` under [project]')
    dynamic = list(table.get("dynamic") or [])
    if "version" not in table and "version" not in dynamic:
        # PEP 621 requires one of the two; maturin warns and takes Cargo.toml's version (PyO3's plugin
        # example relies on it), so a ported project keeps building.
        line, col = position(project.pyproject, None)
        warnings.append(f"{project.pyproject}:{line}:{col}: [project] has no `version` and `dynamic` does not list it; "
                        'using Cargo.toml\'s version (add `dynamic = ["version"]` to say so)')
        dynamic.append("version")
    data = {**pyproject, "project": table}
    if "version" in dynamic:
        # ferrule fills it in from Cargo.toml, so the metadata is static from here on.
        data["project"] = {**table, "version": _cargo_version(project),
                           "dynamic": [d for d in dynamic if d != "version"]}
    try:
        meta = pyproject_metadata.StandardMetadata.from_pyproject(data, project.root)
    except pyproject_metadata.ConfigurationError as e:
        raise metadata_error(str(e), getattr(e, "key", None), project.pyproject, table) from None
    except (OSError, ValueError) as e:  # a missing readme or license file
        key = "readme" if "readme" in str(e).lower() else "license" if "license" in str(e).lower() else None
        raise metadata_error(str(e), f"project.{key}" if key else None, project.pyproject, table) from None
    return DistMetadata(
        name=meta.name,
        version=str(meta.version),
        metadata=bytes(meta.as_rfc822()),
        entry_points=_entry_points(meta),
        license_files={str(Path(p).as_posix()): (project.root / p).read_bytes() for p in (meta.license_files or [])},
        dependencies=list(meta.dependencies),
        optional_dependencies={k: list(v) for k, v in meta.optional_dependencies.items()},
        warnings=tuple(warnings),
        requires_python=meta.requires_python,
    )


def _entry_points(meta: pyproject_metadata.StandardMetadata) -> bytes | None:
    groups: dict[str, dict[str, str]] = {}
    if meta.scripts:
        groups["console_scripts"] = dict(meta.scripts)
    if meta.gui_scripts:
        groups["gui_scripts"] = dict(meta.gui_scripts)
    for group, points in (meta.entrypoints or {}).items():
        groups[group] = dict(points)
    if not groups:
        return None
    text = ""
    for group in sorted(groups):
        text += f"[{group}]\n" + "".join(f"{k} = {v}\n" for k, v in sorted(groups[group].items())) + "\n"
    return text.encode()
