"""`ferrule build` and the backend's work: compile once, then write wheels, editable wheels and sdists."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from . import cargo, cargo_config, cargo_names
from .build_cfg import compile_exact
from .archive.compatibility import Compatibility, apply_compatibility, auditwheel_plat, checked
from .archive.contents import editable_files, extension_files, sdist_files, wheel_files
from .archive.metadata import DistMetadata, load_metadata
from .archive.repair import repair
from .archive.sdist import write_sdist
from .archive.tags import check_abi3, effective_abi3, extension_suffix, platform_tag, wheel_tag
from .archive.wheel import write_wheel
from .build_options import CargoOptions, pick_profile
from .errors import ConfigError, keep_warnings
from .codegen.stubs import generate_stubs
from .generate import write_python_config
from .install import write_into_source
from .interpreter import Interpreter, find_interpreter
from .project import Project, find_manifest, load_project, with_command_line_abi3


@dataclass
class BuildResult:
    wheel: Path | None = None
    sdist: Path | None = None
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what happened beyond the build (auditwheel's repair)


@dataclass(frozen=True)
class Compiled:
    library: Path
    stubs: dict[str, str]
    suffix: str
    target_dir: Path
    warnings: tuple[str, ...] = ()


def compile_extension(project: Project, interp: Interpreter, *, release: bool, abi3: str | None,
                      profile: str | None = None, options: CargoOptions | None = None) -> Compiled:
    if abi3:
        check_abi3(interp, abi3)
    options = options or project.cargo
    cargo_config.refresh(project.root)
    meta = cargo.metadata(project, options)
    write_python_config(meta, interp, abi3)
    profile = profile or pick_profile(None, release, options.profile, "dev")
    crate, library = compile_exact(project, meta, interp, abi3=abi3, options=options, profile=profile, release=release)
    warnings = tuple(d.render(project.crate_root, None) for d in crate.warnings)
    warnings += (meta.cache.warning,) if meta.cache.warning else ()
    return Compiled(library, generate_stubs(crate), extension_suffix(interp, abi3), meta.target_dir, warnings)


def wheel(project: Project, interp: Interpreter, out_dir: Path, *, release: bool, abi3: str | None = None,
          editable: bool = False, profile: str | None = None, options: CargoOptions | None = None,
          compatibility: Compatibility | None = None) -> BuildResult:
    """`compatibility` (the command line's) overrides the pyproject's; both are maturin's platform tag."""
    abi3 = abi3 or project.abi3
    warnings = []
    if abi3 and interp.is_pypy:
        warnings.append(f"PyPy has no stable ABI (abi3); building a wheel for {interp.describe()} only")
    abi3 = effective_abi3(interp, abi3)
    meta = load_metadata(project)  # before compiling: a bad pyproject fails fast
    with keep_warnings(list(meta.warnings)):
        given = options or project.cargo
        cargo_names.check(project, given, profile or pick_profile(None, release, given.profile, "dev"),
                          "-C profile=" if options is None else "--profile ")  # the backend passes no options
        return _wheel(project, interp, out_dir, meta, release=release, abi3=abi3, editable=editable, profile=profile,
                      options=options, compatibility=compatibility, warnings=warnings)


def _wheel(project: Project, interp: Interpreter, out_dir: Path, meta: DistMetadata, *, release: bool,
           abi3: str | None, editable: bool, profile: str | None, options: CargoOptions | None,
           compatibility: Compatibility | None, warnings: list[str]) -> BuildResult:
    compiled = compile_extension(project, interp, release=release, abi3=abi3, profile=profile, options=options)
    platform = platform_tag(interp, compiled.library)
    compat = compatibility if compatibility is not None else project.compatibility
    if not editable:  # an editable wheel runs where it was built, as maturin's develop
        platform = apply_compatibility(compat, platform, interp.machine, _compat_error(project, compatibility))
    tag = wheel_tag(interp, abi3, platform.tag)
    if editable:
        if project.python_source is not None:
            write_into_source(project, extension_files(project, compiled.suffix, compiled.library, compiled.stubs),
                              interp.ext_suffix)
        files = editable_files(project, meta.distribution, compiled.suffix, compiled.library, compiled.stubs)
    else:
        files = wheel_files(project, compiled.suffix, compiled.library, compiled.stubs)
    warnings += [*meta.warnings, *compiled.warnings, *([platform.warning] if platform.warning else [])]
    if not platform.external or editable:  # an editable wheel runs where it was built: nothing to repair
        return BuildResult(wheel=write_wheel(out_dir, meta, tag, files), warnings=warnings)
    with tempfile.TemporaryDirectory(prefix="ferrule-wheel-") as tmp:
        repaired = repair(write_wheel(Path(tmp), meta, tag, files), out_dir, list(platform.external),
                          mode="skip" if compat is not None and compat.kind == "linux" else project.auditwheel,
                          plat=auditwheel_plat(compat, interp.machine))
    if compat is not None and compat.kind != "linux" and "-linux_" in repaired.wheel.name:
        repaired.wheel.unlink(missing_ok=True)  # nothing broken is left behind
        raise _compat_error(project, compatibility)(
            f"compatibility = \"{compat.describe()}\": auditwheel could not make the wheel {compat.describe()} "
            f"({'; '.join(repaired.warnings)})", 'set compatibility = "linux" for a wheel that installs only here')
    return BuildResult(wheel=repaired.wheel, warnings=warnings + repaired.warnings, notes=repaired.notes)


def _compat_error(project: Project, from_cli: Compatibility | None):
    """Errors about the asked-for tag point at the pyproject key, unless the command line asked."""
    def make(message: str, hint: str) -> ConfigError:
        if from_cli is not None:
            return ConfigError(message.replace("compatibility = ", "--compatibility ", 1), hint=hint)
        from .tool_config import Reader

        return Reader(project.pyproject, project.tool_table, {}).error(project.compatibility_key, message, hint)
    return make


def sdist(project: Project, out_dir: Path) -> Path:
    if project.sdist_generator == "git":
        from .tool_config import Reader

        raise Reader(project.pyproject, project.tool_table, {}).error(
            "sdist-generator", 'sdist-generator = "git" is not supported by ferrule',
            "ferrule's sdist holds the project folder's files (with include/exclude), not `git ls-files`: "
            'remove the key or set "cargo"')
    meta: DistMetadata = load_metadata(project)
    cargo.ensure_lockfile(project)
    target = Path(os.environ["CARGO_TARGET_DIR"]) if os.environ.get("CARGO_TARGET_DIR") else None
    return write_sdist(out_dir, meta, sdist_files(project, target))


def build(manifest: str | None, interpreter: str | None, out: str | None, *, release: bool, with_sdist: bool,
          abi3: str | None, profile: str | None = None, cli_options: dict | None = None,
          compatibility: str | None = None) -> BuildResult:
    """`ferrule build`: a wheel in `out` (default `<project>/target/wheels`), and an sdist with `with_sdist`."""
    project = load_project(find_manifest(manifest))
    interp = find_interpreter(interpreter, require_venv=False)
    out_dir = Path(out) if out else project.root / "target" / "wheels"
    result = BuildResult()
    options = project.cargo.with_command_line(**(cli_options or {}))
    project = with_command_line_abi3(project, options, cli_options)
    with keep_warnings(list(project.warnings)):
        cargo_names.check(project, options, pick_profile(profile, release, options.profile, "dev"))
    if with_sdist:
        result.sdist = sdist(project, out_dir)
    built = wheel(project, interp, out_dir, release=release, abi3=abi3, options=options,
                  profile=pick_profile(profile, release, options.profile, "dev"), compatibility=checked(compatibility))
    result.wheel, result.warnings, result.notes = built.wheel, built.warnings, built.notes
    return result
