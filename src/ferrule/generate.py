"""Parse the crate, check its bindings and write the glue: everything before cargo."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from .build_options import CargoOptions
from .cargo import Metadata, write_if_changed
from .errors import BindingErrors, Diagnostic
from .glue_stamp import forget
from .interpreter import Interpreter
from .cfgset import CfgSet
from .project import Project
from .runtime_features import async_enabled

if TYPE_CHECKING:  # the parser and generator load only when a develop needs them (glue_stamp.py)
    from .parse.model import Crate


def check_crate(crate: Crate, project: Project, cfg: CfgSet | None = None) -> list[Diagnostic]:
    problems: list[Diagnostic] = []
    tops = crate.top_level_modules()
    if not tops:
        problems.append(Diagnostic(f"no `#[pymodule]` in crate `{crate.package}`", project.lib_path, 1, 1,
                                   f"add `#[pymodule] fn {project.lib_name}(m: &Bound<'_, PyModule>) -> PyResult<()>`"))
    # CPython imports `pkg._native` from `_native<EXT_SUFFIX>` by calling `PyInit__native`.
    expected = project.module_name.split(".")[-1]
    # Another top-level module only exports its `PyInit_` (for `append_to_inittab!`), as with PyO3.
    for module in tops if all(m.py_name != expected for m in tops) else []:
        if module.py_name != expected:
            problems.append(_name_mismatch(module, project, expected))
    problems += _stable_abi_problems(crate, project)
    problems += _version_problems(crate, project, cfg)
    problems += _unknown_bases(crate)
    return problems


def _unknown_bases(crate: Crate) -> list[Diagnostic]:
    """`extends = Base` naming no `#[pyclass]` ferrule read (every native base's name starts with `Py`):
    its layout and initializer are unknown, so the glue could only fail inside itself."""
    problems = []
    for cls in crate.classes:
        extends = cls.options.get("extends")
        name = (extends or "").split("::")[-1].strip()
        if not extends or name.startswith("Py") or crate.base_class(extends) is not None:
            continue
        span = cls.option_spans.get("extends", cls.span)
        problems.append(Diagnostic(
            f"`extends = {extends}`: ferrule read no `#[pyclass]` named `{name}`, in this crate or in the path "
            "dependencies that use the runtime", span.path, span.line, span.col,
            "a class of another crate can be extended when that crate is a path dependency of this one "
            "(a registry or git dependency is not read); a native base is one of the runtime's types "
            "(`PyException`, `PyDict`, ...)"))
    return problems


def _version_problems(crate: Crate, project: Project, cfg: CfgSet | None) -> list[Diagnostic]:
    """Class options the target Python cannot honour. `immutable_type` is a type flag CPython
    reads from 3.10 on; the stable ABI defines it only from 3.14."""
    if project.abi3:
        minimum, have, target = (3, 14), tuple(int(x) for x in project.abi3.split(".")[:2]), f"abi3 {project.abi3}"
        hint = "use the runtime feature `abi3-py314`, or build without abi3 for Python 3.10 or newer"
    elif cfg is not None and any(n.startswith("Py_3_") for n in cfg.names):
        minimum, target = (3, 10), "this interpreter"
        have = (3, 10) if "Py_3_10" in cfg.names else (3, 9)
        hint = "build for Python 3.10 or newer (`-i python3.10`), or drop the option"
    else:
        return []
    if have >= minimum:
        return []
    problems = []
    for cls in crate.classes:
        span = cls.option_spans.get("immutable_type")
        if span is not None:
            problems.append(Diagnostic(
                f"`immutable_type` needs Python {minimum[0]}.{minimum[1]} or newer here ({target} is older)",
                span.path, span.line, span.col, hint))
    return problems


def _name_mismatch(module, project: Project, expected: str) -> Diagnostic:
    """Both fixes, spelled out in full: the Rust name to write, or the whole dotted module-name."""
    table = f"[{project.tool_table}]"
    where = (f"`module-name` in {table}" if project.module_name != project.lib_name
             else f"the library name in {project.manifest.relative_to(project.root).as_posix()}"
             if project.root in project.manifest.parents else "the library name in Cargo.toml")
    parts = project.module_name.split(".")
    if project.python_package is not None and len(parts) == 1:
        parts = [parts[0], parts[0]]  # a mixed project's `pkg` is the extension pkg/pkg
    written = ".".join([*parts[:-1], module.py_name])
    return Diagnostic(
        f"`#[pymodule]` `{module.py_name}` does not match the module name `{expected}` ({where})",
        module.span.path, module.span.line, module.span.col,
        f"CPython imports `{'.'.join(parts)}` by calling `PyInit_{expected}`: name the module "
        f"with `#[pyo3(name = \"{expected}\")]`, or write `module-name = \"{written}\"` under {table} in "
        "pyproject.toml")


def _stable_abi_problems(crate: Crate, project: Project) -> list[Diagnostic]:
    """What the chosen stable ABI lacks, said before cargo instead of as rustc
    errors in glue: the buffer protocol is in the limited API from 3.11."""
    if not project.abi3 or tuple(int(x) for x in project.abi3.split(".")[:2]) >= (3, 11):
        return []
    problems = []
    for cls in crate.classes:
        for method in cls.methods():
            if method.fn.py_name in ("__getbuffer__", "__releasebuffer__") and not method.fn.gated:
                span = method.fn.span
                problems.append(Diagnostic(
                    f"`{method.fn.py_name}` needs the buffer protocol, which the stable ABI has only from Python 3.11 "
                    f"(this build targets abi3 {project.abi3})", span.path, span.line, span.col,
                    "use the runtime feature `abi3-py311` (or newer), or build without abi3"))
    return problems


def parse_dependencies(project: Project, packages: list[dict], workspace_root: Path, async_on: bool,
                       outside: dict[str, dict] | None = None) -> tuple[
        list[Crate], dict[str, Crate], dict[str, str], list[Diagnostic]]:
    """The path dependencies that use the runtime, parsed: their glue is compiled
    inside them (see dep_crates). Also the names of those ferrule does not read.
    `packages`: `cargo metadata`'s workspace members; `outside`: registry packages built on PyO3."""
    from .dep_crates import binding_dependencies
    from .parse import parse_crate
    from .registry_bindings import patched_paths

    deps = binding_dependencies(project.package, project.manifest, packages, outside=outside,
                                patched=patched_paths(workspace_root))
    crates, by_name, unread, diagnostics = [], {}, {}, []
    for dep in deps:
        if not dep.readable:
            unread[dep.crate_name] = dep.reason
            continue
        crate, found = parse_crate(dep.root, dep.lib_path, package=dep.package, lib_name=dep.crate_name,
                                   workspace_root=workspace_root, runtime_crate=dep.runtime_crate,
                                   async_enabled=async_on, dependency=True)
        crates.append(crate)
        by_name[dep.crate_name] = crate
        diagnostics += found
    return crates, by_name, unread, diagnostics


def parse_project(project: Project, packages: list[dict], workspace_root: Path,
                  async_on: bool, cfg: CfgSet | None = None,
                  outside: dict[str, dict] | None = None) -> tuple[Crate, list[Diagnostic]]:
    """The extension crate with the path dependencies that hold bindings (`crate.dependencies`).
    `cfg` decides the extension's own `#[cfg]`s (a dependency's features are its own: all its items are kept)."""
    from .parse import parse_crate

    dep_crates, externs, unread, diagnostics = parse_dependencies(project, packages, workspace_root, async_on,
                                                                  outside)
    crate, found = parse_crate(project.crate_root, project.lib_path, package=project.package,
                               lib_name=project.lib_name, workspace_root=workspace_root,
                               runtime_crate=project.runtime_crate, module_name=project.module_name,
                               async_enabled=async_on, externs=externs, unread=unread, cfg=cfg)
    crate.dependencies = dep_crates
    return crate, diagnostics + found


def prepare(project: Project, meta: Metadata, options: CargoOptions | None = None,
            cfg: CfgSet | None = None) -> Crate:
    """Parses and checks the crate (and the path dependencies holding bindings; items `cfg`
    turns off left out), then writes the glue of both. Raises BindingErrors."""
    from .dep_crates import UNREAD

    outside = _outside_bindings(project, meta, options)
    crate, diagnostics = parse_project(project, list(meta.packages), meta.workspace_root,
                                       async_enabled(project, options), cfg, outside)
    # Items of a git or registry crate named before any build: if it is built on PyO3, its sources are read
    # once cargo's resolver says so (and the stand-in `pyo3` is recorded for the build).
    if any(UNREAD in d.message for d in diagnostics) and _learn_redirects(project, meta, options):
        outside = _outside_bindings(project, meta, options)
        crate, diagnostics = parse_project(project, list(meta.packages), meta.workspace_root,
                                           async_enabled(project, options), cfg, outside)
    if outside:  # another Cargo.lock may pick other versions of them: the glue stamp must see it
        lock = meta.workspace_root / "Cargo.lock"
        if lock.is_file():
            import hashlib

            crate.inputs[str(lock)] = hashlib.sha1(lock.read_bytes()).hexdigest()
    # A syntax error may hide the module; saying it is missing would send the user elsewhere.
    if not any(d.message.startswith("syntax error") for d in diagnostics):
        diagnostics += check_crate(crate, project, cfg)
    if diagnostics:
        raise BindingErrors(diagnostics, root=project.root)
    # The glue changes now: the stamp of the last develop no longer says what it was made from.
    forget(stamp_path(meta, project))
    write_glue(crate, meta.glue_dir(project.package))
    return crate


def _learn_redirects(project: Project, meta: Metadata, options: CargoOptions | None) -> bool:
    """Asks cargo's resolver (as a failed build does) for crates built on PyO3; True when a stand-in
    `pyo3` version was newly recorded for them."""
    from . import pyo3_redirect
    from .cargo import resolve_command

    options = options or project.cargo
    redirects = pyo3_redirect.Redirects(meta.ferrule_dir, project.package, meta.workspace_root)
    learned = False
    for _ in range(4):  # one version at a time, as cargo names them
        cmd = resolve_command(project.manifest, redirects.args(), options.config_args())
        if not redirects.learn(cmd, options.environment(dict(os.environ)))[1]:
            break
        learned = True
    return learned


def _outside_bindings(project: Project, meta: Metadata, options: CargoOptions | None) -> dict[str, dict]:
    from . import pyo3_redirect
    from .registry_bindings import resolved_packages

    redirects = pyo3_redirect.Redirects(meta.ferrule_dir, project.package, meta.workspace_root)
    options = options or project.cargo
    return resolved_packages(project.manifest, project.package, meta, redirects.args(), bool(redirects.found),
                             options.config_args(), options.environment(dict(os.environ)))


def stamp_path(meta: Metadata, project: Project) -> Path:
    return meta.glue_dir(project.package).with_name(f"{project.package}.stamp.json")


def glue_files(crate: Crate) -> dict[str, str]:
    """The glue of `crate` and of the dependencies bound with it, by path below the glue folder."""
    from .codegen.glue import generate_glue

    files = generate_glue(crate)
    for dep in crate.dependencies:
        files.update(generate_glue(dep))
    # A crate outside the workspace root has absolute file names: its glue goes below
    # the glue folder all the same (`<dir>//abs/x.rs` is what the attributes include).
    return {rel.lstrip("/"): text for rel, text in files.items()}


def write_glue(crate: Crate, glue_dir: Path, files: dict[str, str] | None = None) -> None:
    """Writes the glue of `crate` and its dependencies (or `files`, by path below `glue_dir`:
    theirs and other targets'), and removes any other glue left in the folder."""
    if files is None:
        files = glue_files(crate)
    # The attributes of a crate not listed here say it is a dependency ferrule did not read.
    write_if_changed(glue_dir / "bound-packages", "".join(
        f"{c.package}\n" for c in [crate, *crate.dependencies]))
    for rel, text in files.items():
        write_if_changed(glue_dir / rel, text)
    # Glue of items that no longer exist would only confuse; remove it.
    if glue_dir.is_dir():
        # normpath folds `src/../x.rs` as resolve() would (the glue dir holds only
        # directories ferrule made, no links) without a realpath per file.
        wanted = {os.path.normpath(glue_dir / rel) for rel in files}
        for path in glue_dir.rglob("*.rs"):
            if os.path.normpath(path) not in wanted and path.is_file():
                path.unlink()
        # An emptied folder would still tell the attribute that a macro's expansions are below it.
        for root, _, _ in os.walk(glue_dir, topdown=False):
            if root != str(glue_dir) and not os.listdir(root):
                os.rmdir(root)


def write_python_config(meta: Metadata, interp: Interpreter, abi3: str | None = None) -> None:
    write_if_changed(meta.python_config, interp.build_config(abi3))
