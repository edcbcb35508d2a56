"""`ferrule cargo <subcommand>` (and `ferrule test`): plain cargo with the glue written first.

`cargo test` on a crate whose tests call `#[pyfunction]`s, and programs that embed Python and use
a binding crate's `#[pyclass]`es (`append_to_inittab!`), need the glue that ferrule's builds
generate. This writes it for the crate in the current folder and the path dependencies that use
the runtime, then runs cargo with the runtime patched in, as a ferrule build does, except that
the runtime links libpython (`FERRULE_EMBED`): these binaries start the interpreter themselves.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from . import cargo, prelude_pyobject, pyo3_redirect
from .build_cache import open_cache
from .dep_crates import _runtime_name, binding_dependencies
from .errors import BindingErrors, CargoError, ConfigError
from .generate import write_glue, write_python_config
from .runtime_source import check_sources
from .project import find_manifest, find_pyproject, load_project


def _metadata(manifest: Path, env: dict[str, str]) -> tuple[cargo.Metadata, dict]:
    """cargo's view of the workspace, and the package whose manifest is `manifest`."""
    cmd = [cargo._cargo(), "metadata", "--no-deps", "--format-version", "1", "--manifest-path", str(manifest),
           *cargo.patch_args()]
    out = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if out.returncode != 0:
        raise CargoError(f"`cargo metadata` failed:\n{out.stderr.strip()}", path=manifest)
    data = json.loads(out.stdout)
    packages = tuple(data.get("packages", []))
    check_sources(packages, Path(data["workspace_root"]))
    package = next((p for p in packages if Path(p["manifest_path"]).resolve() == manifest.resolve()), None)
    if package is None:  # a virtual workspace manifest: no crate of its own
        raise ConfigError(f"{manifest} defines no package", path=manifest,
                          hint="run `ferrule cargo` in the folder of the crate to build (a workspace member)")
    return cargo.Metadata(Path(data["target_directory"]), Path(data["workspace_root"]), open_cache(),
                          packages), package


def _module_name(manifest: Path, lib_name: str) -> str:
    """The project's `module-name` when pyproject.toml names this crate; else the library's name."""
    pyproject = find_pyproject(manifest)
    if pyproject is None:
        return lib_name
    return load_project(manifest).module_name


def prepare_embedded(manifest: Path, env: dict[str, str]) -> cargo.Metadata:
    """Parses the crate's library (when it has one and uses the runtime), its binding path
    dependencies (dev-dependencies too) and its binaries, examples, tests and benches that hold
    bindings (cargo_targets), and writes their glue. Raises BindingErrors."""
    from .cargo_targets import parse_targets
    from .generate import glue_files
    from .glue_stamp import forget
    from .parse import parse_crate
    from .parse.model import Crate
    from .registry_bindings import patched_paths, resolved_packages

    meta, package = _metadata(manifest, env)
    name = package["name"]
    redirects = pyo3_redirect.Redirects(meta.ferrule_dir, name, meta.workspace_root)
    outside = resolved_packages(manifest, name, meta, redirects.args(), bool(redirects.found), env=env)
    deps = binding_dependencies(name, manifest, list(meta.packages), dev=True, outside=outside,
                                patched=patched_paths(meta.workspace_root))
    crates, externs, unread, diagnostics = [], {}, {}, []
    for dep in deps:
        if not dep.readable:
            unread[dep.crate_name] = dep.reason
            continue
        crate, found = parse_crate(dep.root, dep.lib_path, package=dep.package, lib_name=dep.crate_name,
                                   workspace_root=meta.workspace_root, runtime_crate=dep.runtime_crate,
                                   dependency=True)
        crates.append(crate)
        externs[dep.crate_name] = crate
        diagnostics += found
    lib = next((t for t in package.get("targets", []) if {"lib", "rlib", "cdylib"} & set(t.get("kind", []))), None)
    runtime = _runtime_name(list(package.get("dependencies", [])))
    if lib is not None and runtime is not None:
        lib_name = lib["name"].replace("-", "_")
        top, found = parse_crate(manifest.parent, Path(lib["src_path"]), package=name, lib_name=lib_name,
                                 workspace_root=meta.workspace_root, runtime_crate=runtime,
                                 module_name=_module_name(manifest, lib_name), externs=externs, unread=unread)
        diagnostics += found
    else:  # a program only using binding crates: the glue folder holds theirs
        top = Crate(package=name, lib_name=name.replace("-", "_"), root=manifest.parent,
                    workspace_root=meta.workspace_root, runtime_crate=runtime or "ferrule")
    top.dependencies = crates
    # The library's glue before the targets are read: their modules may claim its classes.
    files = glue_files(top) if not diagnostics else {}
    if lib is not None and runtime is not None:
        externs = {**externs, top.lib_name: top}
    extra, found = parse_targets(package, manifest.parent, meta.workspace_root, externs, unread)
    diagnostics += found
    if diagnostics:
        raise BindingErrors(diagnostics, root=manifest.parent)
    # What develop last generated is rewritten here: its stamp no longer says what the glue came from.
    forget(meta.glue_dir(name).with_name(f"{name}.stamp.json"))
    files.update(extra)
    write_glue(top, meta.glue_dir(name), files)
    return meta


def run(args: list[str], interpreter: str | None = None) -> int:
    """Writes the glue, then runs `cargo <args>`; cargo's exit code."""
    from .interpreter import find_interpreter

    if not args:
        raise ConfigError("`ferrule cargo` needs a cargo subcommand",
                          hint="for example `ferrule cargo test` or `ferrule cargo run --bin app`")
    manifest = find_manifest(None)
    env = dict(os.environ)
    meta = prepare_embedded(manifest, env)
    interp = find_interpreter(interpreter, require_venv=False, search_from=(Path.cwd(),))
    write_python_config(meta, interp)
    package = _package_name(meta, manifest)
    env["FERRULE_GLUE_DIR"] = str(meta.glue_dir(package))
    env["FERRULE_PYTHON_CONFIG"] = str(meta.python_config)
    env["FERRULE_EMBED"] = "1"
    found = _lib_and_runtime_name(meta, manifest)
    if found is not None:
        prelude_pyobject.set_env(env, *found)
    # The stand-in `pyo3` versions a develop or build found for crates built on PyO3 (pyo3_redirect).
    redirects = pyo3_redirect.Redirects(meta.ferrule_dir, package, meta.workspace_root).args()
    cmd = [cargo._cargo(), *cargo.patch_args(), *redirects, *args]
    return subprocess.run(cmd, env=env).returncode


def _lib_and_runtime_name(meta: cargo.Metadata, manifest: Path) -> tuple[Path, str] | None:
    """The package's library root file and the name its code gives the runtime (`pyo3`, `ferrule`)."""
    package = next((p for p in meta.packages if Path(p["manifest_path"]).resolve() == manifest.resolve()), None)
    if package is None:
        return None
    lib = next((t for t in package.get("targets", []) if {"lib", "cdylib", "rlib"} & set(t.get("kind", []))), None)
    runtime = _runtime_name(package.get("dependencies", []))
    if lib is None or runtime is None:
        return None
    return Path(lib["src_path"]), runtime


def _package_name(meta: cargo.Metadata, manifest: Path) -> str:
    return next(p["name"] for p in meta.packages if Path(p["manifest_path"]).resolve() == manifest.resolve())
