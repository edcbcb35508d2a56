"""`[project]` (PEP 621) → core metadata, validated by `pyproject-metadata`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ConfigError, keep_warnings
from ..project import Project, _load_toml, cargo_version
from .project_errors import PROJECT_KEYS, metadata_error, position

if TYPE_CHECKING:  # imported where used: `ferrule develop` mostly takes its metadata from metadata_cache
    import pyproject_metadata


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
        from packaging.utils import canonicalize_name

        return re.sub(r"[-_.]+", "_", canonicalize_name(self.name))


def _config_error(message: str, project: Project, key: str | None, hint: str | None = None) -> ConfigError:
    line, col = position(project.pyproject, key)
    return ConfigError(message, path=project.pyproject, line=line, col=col, hint=hint)


def _cargo_version(project: Project) -> str:
    from packaging.version import InvalidVersion, Version

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
    import pyproject_metadata

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
    dynamic = _dynamic_from_cargo(project, table, dynamic, warnings)
    table = {**table, "dynamic": dynamic} if "dynamic" in table or dynamic else table
    data = {**pyproject, "project": table}
    if "version" in dynamic:
        # ferrule fills it in from Cargo.toml, so the metadata is static from here on.
        data["project"] = {**table, "version": _cargo_version(project),
                           "dynamic": [d for d in dynamic if d != "version"]}
    data, license_classifiers = _license_classifiers_apart(project, data, warnings)
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
        metadata=_with_classifiers(bytes(meta.as_rfc822()), license_classifiers),
        entry_points=_entry_points(meta),
        license_files={str(Path(p).as_posix()): (project.root / p).read_bytes() for p in (meta.license_files or [])},
        dependencies=list(meta.dependencies),
        optional_dependencies={k: list(v) for k, v in meta.optional_dependencies.items()},
        warnings=tuple(warnings),
        requires_python=meta.requires_python,
    )


def _license_classifiers_apart(project: Project, data: dict, warnings: list) -> tuple[dict, list | None]:
    """PEP 639 lets a build tool refuse `License ::` classifiers beside an SPDX `license` (pyproject-metadata
    does); maturin keeps them, so a ported project keeps its metadata as it was, with a warning. Returns the
    data without those classifiers and the full list to put back (None when there is nothing to do)."""
    table = data["project"]
    classifiers = table.get("classifiers")
    if not isinstance(table.get("license"), str) or not isinstance(classifiers, list):
        return data, None
    kept = [c for c in classifiers if not (isinstance(c, str) and c.startswith("License ::"))]
    if len(kept) == len(classifiers):
        return data, None
    line, col = position(project.pyproject, "license")
    warnings.append(f"{project.pyproject}:{line}:{col}: `license` is an SPDX expression and `classifiers` also "
                    "has `License ::` entries, which PEP 639 deprecates and lets build tools refuse; kept, as "
                    "maturin does (remove those classifiers)")
    return {**data, "project": {**table, "classifiers": kept}}, list(classifiers)


def _with_classifiers(metadata: bytes, classifiers: list | None) -> bytes:
    """Core metadata with its `Classifier` headers replaced by `classifiers` (in place of the first one)."""
    if classifiers is None:
        return metadata
    head, sep, body = metadata.partition(b"\n\n")
    lines = head.split(b"\n")
    at = next((i for i, line in enumerate(lines) if line.startswith(b"Classifier: ")), len(lines))
    lines = [line for line in lines if not line.startswith(b"Classifier: ")]
    lines[at:at] = [f"Classifier: {c}".encode() for c in classifiers]
    return b"\n".join(lines) + sep + body


# What maturin fills from Cargo.toml's [package] for a field `dynamic` lists (version is handled apart).
_FROM_CARGO = ("description", "license", "keywords", "authors", "urls")


def _dynamic_from_cargo(project: Project, table: dict, dynamic: list, warnings: list) -> list:
    """`dynamic` fields maturin takes from Cargo.toml are filled in from it (they are static from here on);
    names that are no [project] field (`home_page`, core metadata's spelling) are ignored with a warning, as
    maturin ignores them. Returns what stays dynamic."""
    package = _load_toml(project.manifest).get("package") or {}
    kept = []
    for name in dynamic:
        if not isinstance(name, str):
            kept.append(name)  # not a name at all: pyproject-metadata's error, at `dynamic`
            continue
        if name not in PROJECT_KEYS:
            line, col = position(project.pyproject, "dynamic", name)
            warnings.append(f"{project.pyproject}:{line}:{col}: `{name}` in [project] `dynamic` is not a [project] "
                            "field; ignored")
            continue
        value = _cargo_field(package, name, table) if name in _FROM_CARGO and name not in table else None
        if name == "readme" and "readme" not in table:
            value = _dynamic_readme(project, package)
        if value is None:
            kept.append(name)
        else:
            table[name] = value
    return kept


def _cargo_field(package: dict, name: str, table: dict) -> object:
    """Cargo.toml's value for the [project] field `name`, in pyproject's form; None when it has none."""
    if name == "description" and isinstance(package.get("description"), str):
        return package["description"]
    if name == "keywords" and isinstance(package.get("keywords"), list):
        return [str(k) for k in package["keywords"]]
    if name == "license" and isinstance(package.get("license"), str):
        legacy = any(str(c).startswith("License ::") for c in table.get("classifiers") or [])
        return {"text": package["license"]} if legacy or not _spdx(package["license"]) else package["license"]
    if name == "authors" and isinstance(package.get("authors"), list):
        out = []
        for author in package["authors"]:
            found = re.fullmatch(r"\s*(.*?)\s*<([^>]+)>\s*", str(author))
            out.append({"name": found.group(1), "email": found.group(2)} if found and found.group(1) else
                       {"email": found.group(2)} if found else {"name": str(author)})
        return out
    if name == "urls":
        urls = {label: package[key] for key, label in (("homepage", "Homepage"), ("repository", "Repository"),
                                                       ("documentation", "Documentation"))
                if isinstance(package.get(key), str)}
        return urls or None
    return None


def _dynamic_readme(project: Project, package: dict) -> dict | None:
    """A dynamic `readme`: where setuptools builds the project (a setuptools-rust entry or setup.py, or
    setuptools as the build backend, PEP 517's default), setuptools' `[tool.setuptools.dynamic] readme =
    {file = ..., content-type = ...}`; else Cargo.toml's `readme` path (maturin's, which reads no
    `[tool.setuptools]` table even when one is left there)."""
    from ..setuptools_rust import TABLE

    doc = _load_toml(project.pyproject)
    tool = doc.get("tool") or {}
    backend = str((doc.get("build-system") or {}).get("build-backend") or "setuptools.build_meta:__legacy__")
    setuptools = project.tool_table in (TABLE, "setup.py") or backend.startswith("setuptools")
    given = ((tool.get("setuptools") or {}).get("dynamic") or {}).get("readme") if setuptools else None
    if isinstance(given, dict):
        files = given.get("file")
        files = [files] if isinstance(files, str) else files
        if isinstance(files, list) and len(files) == 1 and isinstance(files[0], str):
            kind = given.get("content-type")
            return {"file": files[0], "content-type": kind if isinstance(kind, str) else _readme_type(files[0])}
        return None
    readme = package.get("readme")
    if isinstance(readme, str) and _readable(project.manifest.parent / readme):
        path = (project.manifest.parent / readme).resolve()
        try:
            shown = path.relative_to(project.root.resolve()).as_posix()
        except ValueError:  # outside the project: pyproject-metadata reads it all the same
            shown = str(path)
        return {"file": shown, "content-type": _readme_type(shown)}
    return None


def _readable(path: Path) -> bool:
    """Opened rather than looked at, so that metadata_cache sees the file even while it is missing."""
    try:
        with open(path, "rb"):
            return True
    except OSError:
        return False


def _readme_type(path: str) -> str:
    """The content type a readme's extension says (PEP 621's rule for a plain `readme = "FILE"`)."""
    suffix = Path(path).suffix.lower()
    return {".md": "text/markdown", ".markdown": "text/markdown", ".rst": "text/x-rst"}.get(suffix, "text/plain")


def _spdx(expression: str) -> bool:
    """Whether Cargo's `license` is an SPDX expression (`Apache 2.0` is not: it becomes `License:` text)."""
    try:
        from packaging.licenses import InvalidLicenseExpression, canonicalize_license_expression
    except ImportError:  # packaging before 24.2: the legacy text form
        return False
    try:
        canonicalize_license_expression(expression)
    except InvalidLicenseExpression:
        return False
    return True


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
