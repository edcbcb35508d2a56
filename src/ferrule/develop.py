"""`ferrule develop`: generate, build, and install into a virtualenv, as `maturin develop` does."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from . import cargo, cargo_config, cargo_names, dependencies, glue_stamp
from .archive.contents import path_dependencies
from .build_cfg import compile_exact
from .archive.metadata_cache import load_cached
from .build_options import pick_profile
from .errors import ConfigError, keep_warnings
from .generate import prepare, stamp_path, write_python_config
from .install import develop_suffix, install_develop, write_into_source
from .interpreter import Interpreter, find_interpreter
from .project import find_manifest, load_project, with_command_line_abi3
from .timings import phase


class Background:
    """`fn()` in a thread; `result()` returns its value or raises what it raised, in the caller's thread."""

    def __init__(self, fn) -> None:
        self._box: dict = {}

        def work():
            try:
                self._box["value"] = fn()
            except BaseException as err:  # noqa: BLE001 - re-raised by result()
                self._box["error"] = err
        self._thread = threading.Thread(target=work, name="ferrule-probe", daemon=True)
        self._thread.start()

    def wait(self) -> None:
        self._thread.join()

    def result(self):
        self._thread.join()
        if "error" in self._box:
            raise self._box["error"]
        return self._box["value"]


@dataclass(frozen=True)
class DevelopResult:
    module: str
    version: str
    site_packages: Path
    interpreter: Interpreter
    installed_requirements: list[str] = field(default_factory=list)
    skipped_install: bool = False
    warnings: tuple[str, ...] = ()
    distribution: str = ""  # the project's name, whose version `version` is

    @property
    def label(self) -> str:
        """`demo 0.1.0`, or `tiktoken 0.14.0 (module tiktoken._tiktoken)` when the two names differ."""
        name = self.distribution or self.module
        same = name.replace("-", "_").lower() == self.module.lower()
        return f"{name} {self.version}" + ("" if same else f" (module {self.module})")


def _explainer(project, cargo_meta, crate, options):
    """Maps rustc's errors in glue back to the user's items; parses the crate (and imports the
    mapper) only when a build fails."""
    glue_dir = cargo_meta.glue_dir(project.package)
    if crate is not None:
        from . import glue_errors

        return glue_errors.explainer(crate, glue_dir)

    def explain(messages):
        from . import glue_errors
        from .generate import parse_project
        from .runtime_features import async_enabled

        parsed, _ = parse_project(project, list(cargo_meta.packages), cargo_meta.workspace_root,
                                  async_enabled(project, options))
        return glue_errors.explainer(parsed, glue_dir)(messages)
    return explain


def check_requires_python(project, meta, interp: Interpreter) -> None:
    """pip refuses to install into an interpreter `requires-python` excludes; so does develop."""
    version = ".".join(map(str, interp.version))
    if meta.requires_python is None or meta.requires_python.contains(version, prereleases=True):
        return
    from .archive.project_errors import position

    line, col = position(project.pyproject, "requires-python")
    raise ConfigError(f"Python {version} ({interp.executable}) does not satisfy requires-python "
                      f"`{meta.requires_python}`", path=project.pyproject, line=line, col=col,
                      hint="develop into an environment whose Python matches (`-i python3.X`), or change "
                           "requires-python")


def develop(manifest: str | None, interpreter: str | None, *, release: bool, profile: str | None = None,
            cli_options: dict | None = None, extras: tuple[str, ...] = (), skip_install: bool = False,
            uv: bool = False, groups: tuple[str, ...] = ()) -> DevelopResult:
    project = load_project(find_manifest(manifest))
    return _develop(project, interpreter, release=release, profile=profile, cli_options=cli_options,
                    extras=extras, skip_install=skip_install, uv=uv, groups=groups)


def _develop(project, interpreter: str | None, *, release: bool, profile: str | None, cli_options: dict | None,
             extras: tuple[str, ...], skip_install: bool, uv: bool, groups: tuple[str, ...]) -> DevelopResult:
    options = project.cargo.with_command_line(**(cli_options or {}))
    cargo_config.refresh(project.root)  # before cargo reads .cargo/config.toml
    # cargo metadata and the interpreter's probe (two processes) run while the project's metadata is validated.
    pending = cargo.PendingMetadata(project, options)
    probing = Background(lambda: find_interpreter(interpreter, require_venv=True, search_from=(Path.cwd(), project.root)))
    try:
        # Validated as `ferrule build` would: a bad name or version is refused before anything is built.
        meta = load_cached(project)
        with keep_warnings(list(meta.warnings)):  # printed before any later error
            if skip_install and project.python_source is None:
                raise ConfigError("--skip-install builds the extension into the Python package, but this project "
                                  "has none", path=project.pyproject,
                                  hint="use it with a mixed Rust/Python layout (python-source), or leave it out")
            project = with_command_line_abi3(project, options, cli_options)
            chosen_profile = pick_profile(profile, release, options.profile, "dev")
            cargo_names.check(project, options, chosen_profile)
    except BaseException:
        pending.cancel()  # the probe's thread ends with the process
        raise
    with keep_warnings(list(meta.warnings)):
        return _develop_with(project, meta, pending, probing, options, chosen_profile, release=release,
                             extras=extras, skip_install=skip_install, uv=uv, groups=groups)


def _develop_with(project, meta, pending, probing, options, chosen_profile: str, *, release: bool,
                  extras: tuple[str, ...], skip_install: bool, uv: bool, groups: tuple[str, ...]) -> DevelopResult:
    try:
        with phase("interpreter"):
            interp = probing.result()
        check_requires_python(project, meta, interp)
        requirements = []
        if not skip_install:
            with phase("requirements"):
                chosen = dependencies.wanted(meta.dependencies, meta.optional_dependencies, extras, interp,
                                             project.pyproject)
                if groups:
                    from .project import _load_toml

                    chosen += dependencies.wanted(dependencies.groups(_load_toml(project.pyproject), groups,
                                                                      project.pyproject), {}, (), interp,
                                                  project.pyproject)
                requirements = dependencies.missing(chosen, interp, meta.name)
                dependencies.install(requirements, interp, uv=uv, quiet=options.quiet)
    except BaseException:
        pending.cancel()
        raise
    with phase("metadata"):
        cargo_meta = pending.result()
    with phase("glue"):
        stamp = stamp_path(cargo_meta, project)
        settings = glue_stamp.settings(project, cargo_meta.glue_dir(project.package), options)
        stubs = glue_stamp.load(stamp, settings)  # sources unchanged: last develop's glue stands
        write_python_config(cargo_meta, interp, project.abi3)
    with phase("cargo"):
        crate = None
        if stubs is None:  # glue written for the cfgs of this build (see build_cfg.py)
            crate, artifact = compile_exact(project, cargo_meta, interp, abi3=project.abi3, options=options,
                                            profile=chosen_profile, release=release,
                                            explainer=lambda c: _explainer(project, cargo_meta, c, options))
        else:
            seen: list[dict] = []
            artifact = cargo.build(project, cargo_meta, release=release, options=options, profile=chosen_profile,
                                   python_version=interp.version[:2], observe=seen,
                                   explain=_explainer(project, cargo_meta, crate, options))
            # What the build script printed this time: a change makes the next develop regenerate.
            from .build_cfg import observed, remember

            remember(project, cargo_meta.ferrule_dir, interp, project.abi3, observed(seen, project))
    with phase("install"):
        if crate is not None:
            from .codegen.stubs import generate_stubs

            stubs = generate_stubs(crate)
        if skip_install:
            from .archive.contents import extension_files

            write_into_source(project, extension_files(project, develop_suffix(project, interp), artifact, stubs),
                              interp.ext_suffix)
            site = project.python_source
        else:
            site = install_develop(project, interp, artifact, stubs, metadata=meta)
    # A crate with warnings is parsed every time, so they are shown every time (as cargo replays rustc's).
    if crate is not None and not crate.dependencies and not crate.warnings and not path_dependencies(project):
        # Path dependencies' manifests and sources are not in the stamp: such projects always parse.
        # Settings are read again: the build may have just saved its build script's cfgs.
        settings = glue_stamp.settings(project, cargo_meta.glue_dir(project.package), options)
        glue_stamp.save(stamp, settings, crate.inputs, stubs, crate.shapes)
    cache_warnings = (cargo_meta.cache.warning,) if cargo_meta.cache.warning else ()
    if crate is not None:
        cache_warnings = tuple(d.render(project.crate_root, None) for d in crate.warnings) + cache_warnings
    return DevelopResult(project.module_name, meta.version, site, interp, [str(r) for r in requirements],
                         skip_install, meta.warnings + cache_warnings, meta.name)
