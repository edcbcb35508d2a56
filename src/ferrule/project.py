"""A ferrule project: Cargo.toml and pyproject.toml read into one description."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .archive.project_errors import unknown_keys
from .build_options import CargoOptions
from .cargo_config import REGISTRY
from .errors import ConfigError, keep_warnings
from .runtime_source import SAFE_SPEC, runtime_line
from .toml_compat import tomllib
from .tool_config import AUDITWHEEL, BINDINGS, Reader, host_triple, locate, table_of

if TYPE_CHECKING:  # imported where a project asks for a tag: packaging.tags costs every develop otherwise
    from .archive.compatibility import Compatibility


@dataclass(frozen=True)
class Project:
    root: Path
    manifest: Path
    pyproject: Path
    package: str  # Cargo package name
    version: str
    lib_name: str  # the cdylib's name (what cargo builds: lib<lib_name>.so)
    lib_path: Path  # the crate root file
    module_name: str  # the dotted Python import name; its last part names PyInit_<part>
    dist_name: str  # the [project] name
    runtime_crate: str  # how the crate names ferrule (`ferrule`, or a rename like `pyo3`)
    features: tuple[str, ...] = ()
    abi3: str | None = None
    # Mixed Rust/Python projects: the folder holding the Python package (`[tool.ferrule] python-source`,
    # else the project root when a package folder named after the module's top part is there).
    python_source: Path | None = None
    include: tuple[str, ...] = ()  # extra files for the sdist, glob patterns relative to the root
    exclude: tuple[str, ...] = ()  # files kept out of the sdist and the wheel
    cargo: CargoOptions = CargoOptions()  # features, profile, locked... from the tool table
    editable_profile: str | None = None  # maturin's profile for PEP 660 builds
    python_packages: tuple[str, ...] = ()  # more top-level packages from python-source
    auditwheel: str = "repair"  # repair, check or skip (maturin's values)
    compatibility: Compatibility | None = None  # the platform tag asked for (maturin's key)
    compatibility_key: str = "compatibility"  # or `manylinux`, its older name: where errors point
    tool_table: str = "tool.ferrule"  # where the settings came from, for messages
    sdist_generator: str = "cargo"  # maturin's; ferrule's sdists are always the project folder's files
    warnings: tuple[str, ...] = ()  # noticed while reading the config, printed by the command

    @property
    def crate_root(self) -> Path:
        """Cargo.toml's folder; `root` is pyproject.toml's (they differ with `manifest-path`)."""
        return self.manifest.parent

    @property
    def python_package(self) -> Path | None:
        """The Python package folder a mixed project's extension goes into."""
        if self.python_source is None:
            return None
        return self.python_source / self.module_name.split(".")[0]


_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")


def _toml_hint(message: str, path: Path) -> str:
    """What to do about tomllib's complaint, in words a user acts on."""
    if "\\n" in message or "newline" in message.lower() or "end of" in message.lower():
        hint = "a string or an inline table must close on the line it opens (`\"...\"`, `{ ... }`)"
    elif "Cannot overwrite" in message or "already" in message:
        hint = "a key or table is defined twice: keep one"
    else:
        hint = "fix the syntax there (TOML: https://toml.io)"
    return f"{hint} in {path.name}; nothing was built or installed"


def _load_toml(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as e:
        message = str(e).splitlines()[0] if str(e) else "parse error"
        line = getattr(e, "lineno", None)
        col = getattr(e, "colno", None)
        # Before Python 3.14 the position is only in the message: "... (at line 3, column 7)".
        found = _TOML_POSITION.search(message)
        if found:
            message = message[:found.start()]
            if line is None:
                line, col = int(found.group(1)), int(found.group(2))
        elif line is not None and message.endswith(")") and f"line {line}" in message:
            message = message[:message.rfind("(")].rstrip()
        raise ConfigError(f"invalid TOML: {message}", path=path, line=line, col=col,
                          hint=_toml_hint(message, path)) from None


def _key_line(path: Path, key: str) -> int | None:
    """The line where `key = ...` is written, for pointing at a bad key."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    pattern = re.compile(rf"""^\s*(["']?){re.escape(key)}\1\s*=""")
    return next((i for i, text in enumerate(lines, 1) if pattern.match(text)), None)


def _manifest_from_pyproject(pyproject: Path) -> Path | None:
    """maturin's lookup: `manifest-path` in the tool table, else `rust/Cargo.toml` (Python-first layout)."""
    name, tool = table_of(_load_toml(pyproject), pyproject)
    folder = pyproject.parent
    if "manifest-path" in tool:
        value = tool["manifest-path"]
        line, col = locate(pyproject, name, "manifest-path")
        if not isinstance(value, str):
            raise ConfigError(f"[{name}] `manifest-path` must be a string", path=pyproject, line=line, col=col,
                              hint='write `manifest-path = "rust/Cargo.toml"`')
        path = (folder / value).resolve()
        if path.is_dir():
            path = path / "Cargo.toml"
        if not path.is_file():
            raise ConfigError(f"manifest-path `{value}` names no Cargo.toml ({path} does not exist)",
                              path=pyproject, line=line, col=col, hint="fix the path, relative to pyproject.toml")
        return path
    if not (folder / "Cargo.toml").is_file() and (folder / "rust" / "Cargo.toml").is_file():
        return folder / "rust" / "Cargo.toml"
    return None


def find_manifest(manifest: str | Path | None, cwd: Path | None = None) -> Path:
    if manifest is not None:
        path = Path(manifest)
        if path.is_dir():
            path = path / "Cargo.toml"
        if not path.is_file():
            raise ConfigError(f"no Cargo.toml at {path}", hint="pass the path of the crate's Cargo.toml with -m")
        return path.resolve()
    start = (cwd or Path.cwd()).resolve()
    for folder in (start, *start.parents):
        if (folder / "pyproject.toml").is_file():
            found = _manifest_from_pyproject(folder / "pyproject.toml")
            if found is not None:
                return found
        candidate = folder / "Cargo.toml"
        if candidate.is_file():
            return candidate
    raise ConfigError(f"no Cargo.toml in {start} or any parent folder",
                      hint="run ferrule in a crate's folder, pass -m path/to/Cargo.toml, "
                           "or create a project with `ferrule new NAME`")


def find_pyproject(manifest: Path) -> Path | None:
    """Next to Cargo.toml, else the nearest parent folder's whose `manifest-path` leads here (maturin's rule)."""
    beside = manifest.parent / "pyproject.toml"
    if beside.is_file():
        return beside
    for folder in list(manifest.parent.parents)[:4]:
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            try:
                found = _manifest_from_pyproject(candidate)
            except ConfigError:
                return candidate
            return candidate if found is not None and found.resolve() == manifest.resolve() else None
    return None


RUNTIME_PACKAGE = "ferrule-runtime"  # `ferrule` on crates.io is another party's crate
RUNTIME_LIB = "ferrule"  # the runtime's [lib] name: what a `ferrule-runtime` dependency is called in code


def _workspace_table(manifest: Path, cargo: dict) -> tuple[Path, dict] | None:
    """The `[workspace]` table of the crate's workspace, and the root Cargo.toml holding it."""
    explicit = (cargo.get("package") or {}).get("workspace")
    folders = [manifest.parent / str(explicit)] if explicit else [manifest.parent, *manifest.parent.parents]
    for folder in folders:
        root = folder / "Cargo.toml"
        data = cargo if root == manifest else (_load_toml(root) if root.is_file() else None)
        if data is not None and "workspace" in data:
            return root, data["workspace"] or {}
    return None


def _workspace_dependencies(manifest: Path, cargo: dict) -> tuple[Path, dict] | None:
    """The `[workspace.dependencies]` of the crate's workspace, and the root Cargo.toml holding them."""
    found = _workspace_table(manifest, cargo)
    return (found[0], found[1].get("dependencies") or {}) if found else None


def cargo_version(manifest: Path, cargo: dict) -> str:
    """`[package] version`, also when inherited with `version = { workspace = true }` (or `version.workspace`)."""
    version = (cargo.get("package") or {}).get("version")
    if isinstance(version, dict) and version.get("workspace") is True:
        found = _workspace_table(manifest, cargo)
        version = ((found[1].get("package") or {}).get("version")) if found else None
    return str(version or "")


def _runtime_dependency(cargo: dict, manifest: Path) -> tuple[str, dict, Path] | None:
    """The dependency on ferrule's runtime: its key, its spec (a `workspace = true` entry merged with the
    workspace's, features added up as cargo does), and the Cargo.toml that names the package."""
    workspace: tuple[Path, dict] | None = None
    for key, spec in (cargo.get("dependencies") or {}).items():
        spec = {"version": spec} if isinstance(spec, str) else spec
        if not isinstance(spec, dict):
            continue
        where = manifest
        if spec.get("workspace") is True:
            workspace = workspace or _workspace_dependencies(manifest, cargo)
            inherited = workspace[1].get(key) if workspace else None
            if inherited is None:
                continue  # cargo reports the missing entry itself
            inherited = {"version": inherited} if isinstance(inherited, str) else dict(inherited)
            features = [*(inherited.get("features") or []), *(spec.get("features") or [])]
            spec = {**inherited, **{k: v for k, v in spec.items() if k != "workspace"}, "features": features}
            where = workspace[0]
        package = spec.get("package")
        if package == "ferrule" or (package is None and key == "ferrule"):
            line = _key_line(where, key)
            fixed = runtime_line(key if package else RUNTIME_PACKAGE)
            raise ConfigError(f"the dependency `{key}` names the crates.io package `ferrule`, which is an "
                              "unrelated crate, not ferrule's runtime", path=where, line=line,
                              col=1 if line else None,
                              hint=f"write `{fixed}` (keep the features): plain cargo can then never "
                                   "fetch another party's crate")
        if package == RUNTIME_PACKAGE or (package is None and key == RUNTIME_PACKAGE):
            if not {"path", "git"} & set(spec) and spec.get("registry") != REGISTRY:
                table = "workspace.dependencies" if where != manifest else "dependencies"
                line, col = _dependency_position(where, table, key)
                raise ConfigError(f"the dependency `{key}` on ferrule's runtime would come from crates.io, where "
                                  f"`{RUNTIME_PACKAGE}` is not ferrule's", path=where, line=line, col=col,
                                  hint=f'add `{SAFE_SPEC}`: `{runtime_line(key, spec.get("features"))}` (the '
                                       "registry `ferrule` is defined by ferrule's config alone, so cargo can "
                                       "never fetch another party's crate)")
            return key, spec, where
    return None


def _dependency_position(path: Path, table: str, key: str) -> tuple[int, int]:
    """Where `key` is written in `[table]` (or as its own `[table.key]`); else the table, else line 1."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        lines = []
    own = re.compile(rf"""^\s*\[\s*{re.escape(table)}\s*\.\s*(["']?){re.escape(key)}\1\s*\]""")
    for number, text in enumerate(lines, 1):
        if own.match(text):
            return number, 1
    line, col = locate(path, table, key)
    return line or 1, col or 1


def _no_runtime_error(cargo: dict, manifest: Path) -> ConfigError:
    """No dependency on the runtime: point at a PyO3 dependency (a crate being ported) and say what to write."""
    for key, spec in (cargo.get("dependencies") or {}).items():
        package = spec.get("package") if isinstance(spec, dict) else None
        if package != "pyo3" and not (package is None and key == "pyo3"):
            continue
        where, table, features = manifest, "dependencies", []
        if isinstance(spec, dict):
            features = list(spec.get("features") or [])
            if spec.get("workspace") is True:
                workspace = _workspace_dependencies(manifest, cargo)
                inherited = workspace[1].get(key) if workspace else None
                if inherited is not None:
                    where, table = workspace[0], "workspace.dependencies"
                    if isinstance(inherited, dict):
                        features = [*(inherited.get("features") or []), *features]
        line, col = _dependency_position(where, table, key)
        fixed = runtime_line(key, [f for f in features if isinstance(f, str)])
        return ConfigError(f"the crate does not depend on ferrule's runtime: `{key}` is PyO3 itself", path=where,
                           line=line, col=col,
                           hint=f"write `{fixed}` under [{table}]: the code keeps its `{key.replace('-', '_')}::` "
                                "paths")
    line, col = _dependency_position(manifest, "dependencies", RUNTIME_PACKAGE)
    return ConfigError("the crate does not depend on ferrule's runtime", path=manifest, line=line, col=col,
                       hint=f"add `{runtime_line(RUNTIME_PACKAGE)}` under [dependencies] (or, porting a PyO3 "
                            f"crate, `{runtime_line('pyo3')}` to keep `pyo3::` paths)")


def _runtime_crate_name(cargo: dict, manifest: Path) -> str | None:
    """How the crate's code names the runtime: the dependency key of a rename, else the lib name."""
    found = _runtime_dependency(cargo, manifest)
    if found is None:
        return None
    key, spec, _ = found
    return key.replace("-", "_") if spec.get("package") == RUNTIME_PACKAGE else RUNTIME_LIB


def _runtime_abi3(cargo: dict, manifest: Path, requested: tuple[str, ...] = (), *, all_features: bool = False,
                  default: bool = True) -> str | None:
    """`abi3-py39`... (or `abi3`) among the runtime dependency's features, as PyO3 spells them: on the dependency
    itself, or turned on through features (`pyo3/abi3-py310` asked for in pyproject's `features` or with `-F`,
    or reached through the crate's `[features]` from those and `default`), as cargo resolves them."""
    found = _runtime_dependency(cargo, manifest)
    if found is None:
        return None
    key, spec, _ = found
    features = [str(f) for f in spec.get("features") or []] + _dependency_features(cargo, key, requested,
                                                                                   all_features, default)
    # A `pyo3-ffi` dependency's features reach the runtime through its stand-in (pyo3_ffi_standin).
    from .pyo3_ffi_standin import ffi_dependency_keys, ffi_features

    features += ffi_features(cargo, manifest) + [f for ffi in ffi_dependency_keys(cargo) for f in
                                                 _dependency_features(cargo, ffi, requested, all_features, default)]
    # `abi3t`/`abi3t-py315` (PEP 803) apply, in PyO3's build config, only to an interpreter of 3.15 or newer; below
    # it PyO3 builds the `abi3-py3X` level beside them, or a version-specific module. ferrule builds for 3.9-3.14
    # (interpreter/discover.py refuses newer), so they never apply: `abi3-py310` + `abi3t-py315` is abi3 3.10.
    # PyO3's `abi3-py38` (older: `abi3-py37`) builds for 3.8 and later; ferrule's oldest Python is 3.9.
    minors = [max(9, int(f[len("abi3-py3"):])) for f in features if re.fullmatch(r"abi3-py3\d+", f)]
    if minors:
        return f"3.{max(minors)}"
    return "3.9" if "abi3" in features else None


def _dependency_features(cargo: dict, key: str, requested: tuple[str, ...], all_features: bool,
                         default: bool) -> list[str]:
    """The features of dependency `key` that the requested features (and `default`) turn on."""
    table = {name: entries for name, entries in (cargo.get("features") or {}).items() if isinstance(entries, list)}
    todo = list(table) if all_features else list(requested)
    if default and "default" in table:
        todo.append("default")
    seen: set[str] = set()
    found: list[str] = []
    while todo:
        name = str(todo.pop())
        if name in seen:
            continue
        seen.add(name)
        if "/" in name:
            dep, feature = name.split("/", 1)
            if dep.rstrip("?") == key:
                found.append(feature)
            continue
        todo.extend(table.get(name, ()))
    return found


def with_command_line_abi3(project: "Project", options, cli_options: dict | None) -> "Project":
    """The project as built with `options`: command-line features may turn abi3 on (`-F pyo3/abi3-py310`),
    as pyproject's `features` do."""
    if not any((cli_options or {}).get(k) for k in ("features", "all_features", "no_default_features")):
        return project
    from dataclasses import replace

    return replace(project, abi3=_abi3_for(project, options))


def _abi3_for(project: "Project", options) -> str | None:
    try:
        cargo = _load_toml(project.manifest)
    except Exception:  # noqa: BLE001 - read before; cargo reports a manifest broken since
        return project.abi3
    features = _runtime_abi3(cargo, project.manifest, tuple(f.name for f in options.features if f.python_version is None),
                             all_features=options.all_features, default=not options.no_default_features)
    levels = [a for a in (project.abi3, features) if a]
    return max(levels, key=lambda a: tuple(int(x) for x in a.split(".")[:2])) if levels else None


def _python_source(root: Path, tool: dict, module_name: str, pyproject: Path, table: str,
                   crate_root: Path) -> Path | None:
    top = module_name.split(".")[0]
    if "python-source" not in tool:
        if (root / top / "__init__.py").is_file():
            return root
        # maturin's Python-first layout: src/<pkg> when Cargo.toml lives elsewhere (rust/)
        if crate_root != root and (root / "src" / top / "__init__.py").is_file():
            return root / "src"
        return None
    line, col = locate(pyproject, table, "python-source")
    if not isinstance(tool["python-source"], str):
        from .tool_config import _kind

        raise ConfigError(f"[{table}] `python-source` must be a string (a folder), not {_kind(tool['python-source'])}",
                          path=pyproject,
                          line=line, col=col, hint='write `python-source = "python"`')
    folder = (root / tool["python-source"]).resolve()
    if root.resolve() not in (folder, *folder.parents):
        raise ConfigError(f"python-source `{tool['python-source']}` points outside the project", path=pyproject,
                          line=line, col=col)
    if not (folder / top).is_dir():
        raise ConfigError(f"python-source `{tool['python-source']}` has no package folder `{top}`", path=pyproject,
                          line=line, col=col,
                          hint=f"create {folder / top / '__init__.py'} or fix the path")
    return folder


def load_project(manifest: Path) -> Project:
    cargo = _load_toml(manifest)
    root = manifest.parent
    package = cargo.get("package") or {}
    name = package.get("name")
    if not name:
        raise ConfigError("Cargo.toml has no [package] name", path=manifest,
                          hint="ferrule builds a library package, not a bare workspace: pass -m with a member crate")
    lib = cargo.get("lib") or {}
    crate_types = lib.get("crate-type") or []
    if "cdylib" not in crate_types:
        line, col = locate(manifest, "lib", "crate-type")
        if "crate-type" in lib and isinstance(crate_types, list):
            kept = ", ".join(f'"{t}"' for t in ["cdylib", *crate_types] if isinstance(t, str))
            hint = f"write `crate-type = [{kept}]`"
        elif "lib" in cargo:
            hint = 'add `crate-type = ["cdylib"]` to [lib] (keep "rlib" too if other crates use it)'
        else:
            hint = 'add `[lib]` with `crate-type = ["cdylib"]` (keep "rlib" too if other crates use it)'
        raise ConfigError("the crate does not build a `cdylib`, which a Python extension module is", path=manifest,
                          line=line or 1, col=col or 1, hint=hint)
    lib_name = str(lib.get("name") or name).replace("-", "_")
    lib_path = root / lib.get("path", "src/lib.rs")
    if not lib_path.is_file():
        line, col = locate(manifest, "lib", "path" if "path" in lib else None)
        shown = lib.get("path", "src/lib.rs")
        raise ConfigError(f"the library's root file {shown} does not exist ({lib_path})", path=manifest,
                          line=line or 1, col=col or 1,
                          hint=f"create {shown}, or name the crate's root file with `path = \"...\"` under [lib]")
    runtime_crate = _runtime_crate_name(cargo, manifest)
    if runtime_crate is None:
        raise _no_runtime_error(cargo, manifest)
    pyproject_path = find_pyproject(manifest)
    if pyproject_path is None:
        raise ConfigError(f"no pyproject.toml next to {manifest}",
                          hint="create one with a [project] table; `ferrule new` writes a template")
    pyproject = _load_toml(pyproject_path)
    warnings = (*_ignored_table_warning(pyproject, pyproject_path),
                *unknown_keys(pyproject.get("project"), pyproject_path))
    with keep_warnings(list(warnings)):  # printed before an error in the table that is read
        return _with_pyproject(manifest, cargo, pyproject_path, pyproject, name, lib_name, lib_path, runtime_crate,
                               warnings)


def _with_pyproject(manifest: Path, cargo: dict, pyproject_path: Path, pyproject: dict, name: str, lib_name: str,
                    lib_path: Path, runtime_crate: str, warnings: tuple[str, ...]) -> Project:
    project_root = pyproject_path.parent
    table, tool = table_of(pyproject, pyproject_path)
    read = Reader(pyproject_path, table, tool)
    read.check_keys()
    project_table = pyproject.get("project") or {}
    # module-name may differ from the [lib] name: the built library is installed
    # under the module's name, and the generator checks `#[pymodule]` against it.
    module_name = read.string("module-name") or lib_name
    if not re.fullmatch(r"[A-Za-z_]\w*(\.[A-Za-z_]\w*)*", module_name):
        raise read.error("module-name", f"module-name `{module_name}` is not a Python import name",
                         'write dotted identifiers, for example `module-name = "pkg._native"`')
    read.choice("bindings", BINDINGS, "ferrule builds PyO3-style bindings only; remove the key or set \"pyo3\"")
    compatibility = None
    for key in ("compatibility", "manylinux"):  # `manylinux` is maturin's older name of the key
        wanted = read.string(key)
        if wanted is not None:
            from .archive.compatibility import VALUES_HINT, UnsupportedCompatibility, parse_compatibility

            try:
                compatibility = parse_compatibility(wanted)
            except UnsupportedCompatibility as e:
                raise read.error(key, f"[{table}] {key} = \"{wanted}\" is not supported by ferrule",
                                 f"{e}; {VALUES_HINT}")
            compatibility_key = key
    auditwheel = read.choice("auditwheel", AUDITWHEEL, "maturin's values are repair, check and skip") or "repair"
    if read.boolean("skip-auditwheel"):
        auditwheel = "skip"
    # "git" matters only to sdists: `ferrule build --sdist` refuses it then (develop and wheels build fine)
    sdist_generator = read.choice("sdist-generator", ("cargo", "git"), "maturin's values are cargo and git")
    if read.boolean("include-import-lib"):
        raise read.error("include-import-lib", "include-import-lib is not supported by ferrule",
                         "Windows import libraries are not written into wheels")
    read.boolean("use-base-python")
    read.targets(host_triple())
    profile = read.string("profile")
    cargo_options = CargoOptions(
        features=read.features(), all_features=read.boolean("all-features"),
        no_default_features=read.boolean("no-default-features"), profile=profile,
        locked=read.boolean("locked"), frozen=read.boolean("frozen"), strip=read.boolean("strip"),
        config=read.strings("config"), unstable_flags=read.strings("unstable-flags"),
        rustc_args=read.strings("rustc-args"))
    abi3 = read.string("abi3")
    python_source = _python_source(project_root, tool, module_name, pyproject_path, table, manifest.parent)
    python_packages = read.strings("python-packages")
    for extra in python_packages:
        base = python_source or project_root
        if not (base / extra).is_dir() and not (base / f"{extra}.py").is_file():
            raise read.error("python-packages", f"python-packages names `{extra}`, which is not in {base}",
                             f"create {base / extra / '__init__.py'} or remove it from the list")
    version = str(project_table.get("version") or cargo_version(manifest, cargo) or "0.0.0")
    return Project(
        root=project_root,
        manifest=manifest,
        pyproject=pyproject_path,
        package=name,
        version=version,
        lib_name=lib_name,
        lib_path=lib_path,
        module_name=module_name,
        dist_name=str(project_table.get("name") or name),
        runtime_crate=runtime_crate,
        features=tuple(f.name for f in cargo_options.features if f.python_version is None),
        abi3=abi3 or _runtime_abi3(cargo, manifest, tuple(f.name for f in cargo_options.features
                                                          if f.python_version is None),
                                   all_features=cargo_options.all_features,
                                   default=not cargo_options.no_default_features),
        python_source=python_source,
        include=read.patterns("include") + read.patterns("sdist-include"),
        exclude=read.patterns("exclude"),
        cargo=cargo_options,
        editable_profile=read.string("editable-profile"),
        python_packages=python_packages,
        auditwheel=auditwheel,
        compatibility=compatibility,
        compatibility_key=compatibility_key if compatibility else "compatibility",
        tool_table=table,
        sdist_generator=sdist_generator or "cargo",
        warnings=warnings,
    )


def _ignored_table_warning(pyproject: dict, path: Path) -> tuple[str, ...]:
    """Both tables: [tool.ferrule] is read alone (no merging: one place says how the project builds)."""
    tool = pyproject.get("tool") or {}
    if "ferrule" not in tool or "maturin" not in tool:
        return ()
    line, col = locate(path, "tool.maturin", None)
    if line is None:  # only sub-tables such as [tool.maturin.generate-ci.github], or dotted keys
        lines = path.read_text(encoding="utf-8").splitlines()
        line = next((i for i, text in enumerate(lines, 1)
                     if re.match(r"^\s*(\[\s*tool\.maturin\b|tool\.maturin\b|maturin\b\s*[.=])", text)), 1)
        col = 1
    return (f"{path}:{line}:{col}: [tool.maturin] is ignored because [tool.ferrule] is present; move its keys "
            "into [tool.ferrule] (or remove [tool.ferrule] to use [tool.maturin])",)
