"""The extension crate's dependencies whose bindings ferrule generates too.

PyO3 projects often keep their `#[pyclass]`es in a core crate and bind them in
a thin one. Rust's orphan rules put a type's trait impls in the crate defining
the type, so that glue is compiled inside the core crate: its attributes
include it from the same `FERRULE_GLUE_DIR` as the extension's (cargo passes the
variable to every rustc it runs). ferrule reads path dependencies (workspace
members or not) that depend on the runtime, and theirs in turn; registry and git
dependencies are named so that a path into them gets a clear error, unless they are built on PyO3 or
patched in by path (registry_bindings).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .cargo_config import REGISTRY, REGISTRY_INDEX
from .runtime_source import check_sources
from .toml_compat import tomllib

RUNTIME_PACKAGE = "ferrule-runtime"
UNREAD = "whose sources ferrule does not read"
RUNTIME_LIB = "ferrule"


@dataclass(frozen=True)
class DepCrate:
    """A dependency as the code depending on it names it."""

    package: str
    crate_name: str  # the name paths use: the dependency key (renamed) or its lib name
    root: Path  # the folder of its Cargo.toml
    lib_path: Path
    runtime_crate: str  # how its code names the runtime
    readable: bool  # a path dependency ferrule parses
    reason: str = ""  # why not, when it is not


def _lib_name(package: str, manifest: dict | None) -> str:
    lib = (manifest or {}).get("lib") or {}
    return str(lib.get("name") or package).replace("-", "_")


CRATES_IO = "registry+https://github.com/rust-lang/crates.io-index"


def _runtime_name(deps: list[dict]) -> str | None:
    """The name a crate's code gives the runtime: its `ferrule-runtime` dependency, else its crates.io
    `pyo3`, which ferrule redirects to a stand-in over the runtime (pyo3_redirect: a vendored copy of a crate
    made for PyO3, such as pyo3-async-runtimes, whose `#[pyclass]`es then get glue)."""
    for dep in deps:
        if dep.get("name") == RUNTIME_PACKAGE and dep.get("kind") in (None, "normal"):
            return (dep.get("rename") or RUNTIME_LIB).replace("-", "_")
    for dep in deps:
        if dep.get("name") == "pyo3" and dep.get("kind") in (None, "normal") and dep.get("source") == CRATES_IO:
            return (dep.get("rename") or "pyo3").replace("-", "_")
    return None


def _read_manifest(path: Path) -> dict | None:
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except (OSError, tomllib.TOMLDecodeError):
        return None


def _package_deps(manifest_path: Path, packages: dict[Path, dict]) -> tuple[str, Path, list[dict]] | None:
    """(package name, lib root file, dependency specs in cargo metadata's shape)."""
    known = packages.get(manifest_path.resolve())
    if known is not None:
        # The extension itself is a cdylib; a dependency's bindings need an rlib.
        lib = next((t for t in known.get("targets", []) if {"lib", "rlib", "cdylib"} & set(t.get("kind", []))),
                   None)
        # A program (`ferrule cargo run`) has no library, but its dependencies may have bindings.
        lib_path = Path(lib["src_path"]) if lib is not None else Path()
        return known["name"], lib_path, list(known.get("dependencies", []))
    manifest = _read_manifest(manifest_path)
    if manifest is None or "package" not in manifest:
        return None
    root = manifest_path.parent
    lib_path = root / str((manifest.get("lib") or {}).get("path") or "src/lib.rs")
    deps = []
    for key, spec in (manifest.get("dependencies") or {}).items():
        spec = spec if isinstance(spec, dict) else {"version": spec}
        name = str(spec.get("package") or key)
        entry = {"name": name, "rename": key if name != key else None, "kind": None}
        if "path" in spec:
            entry["path"] = str((root / str(spec["path"])).resolve())
        entry["source"] = _source(spec)
        deps.append(entry)
    check_sources([{"manifest_path": str(manifest_path), "dependencies": deps}])
    return str(manifest["package"]["name"]), lib_path, deps


def _source(spec: dict) -> str:
    """cargo metadata's `source` of a dependency as written ("" for a path, or inherited: not known here)."""
    if "path" in spec or spec.get("workspace") is True:
        return ""
    if "git" in spec:
        return f"git+{spec['git']}"
    if spec.get("registry") == REGISTRY:
        return REGISTRY_INDEX
    if "registry" in spec:
        return f"registry+{spec['registry']}"
    return CRATES_IO


def binding_dependencies(package: str, manifest_path: Path, metadata_packages: list[dict],
                         dev: bool = False, outside: dict[str, dict] | None = None,
                         patched: dict[str, Path] | None = None) -> list[DepCrate]:
    """The crates `package` depends on (directly or through each other) that use the runtime.
    Each appears once, under the name its first dependent gives it. `dev`: `package`'s own
    dev-dependencies too (its tests, examples and benches link them). `outside` (registry or git
    packages built on PyO3, by name) and `patched` (`[patch]` path crates, by name): registry
    dependencies read all the same (registry_bindings)."""
    packages = {Path(p["manifest_path"]).resolve(): p for p in metadata_packages}
    outside, patched = outside or {}, patched or {}
    found: dict[str, DepCrate] = {}
    todo: list[tuple[Path, bool]] = [(manifest_path, True)]
    seen: set[Path] = set()
    while todo:
        manifest, top = todo.pop(0)
        if manifest.resolve() in seen:
            continue
        seen.add(manifest.resolve())
        info = _package_deps(manifest, packages)
        if info is None:
            continue
        for dep in info[2]:
            kinds = (None, "normal", "dev") if dev and top else (None, "normal")
            if dep.get("kind") not in kinds or dep.get("name") == RUNTIME_PACKAGE:
                continue
            path = dep.get("path")
            if path is None and dep["name"] in patched:
                path = str(patched[dep["name"]])
            elif path is None and dep["name"] in outside:
                found_pkg = outside[dep["name"]]
                packages.setdefault(Path(found_pkg["manifest_path"]).resolve(), found_pkg)
                path = str(Path(found_pkg["manifest_path"]).parent)
            if path is None:
                # Not read; named so that `add_class::<dep::T>()` can say why.
                name = (dep.get("rename") or dep["name"]).replace("-", "_")
                if top and name not in found:
                    found[name] = DepCrate(dep["name"], name, Path(), Path(), "", readable=False, reason=(
                        f"`{name}` is the registry or git dependency `{dep['name']}`, {UNREAD}: its `#[pyclass]`es and `#[pyfunction]`s get no glue; make it a path "
                        "dependency (`path = \"...\"` in Cargo.toml, or `[patch.crates-io]` with a path, e.g. a vendored "
                        "copy) to bind them"))
                continue
            dep_manifest = Path(path) / "Cargo.toml"
            dep_info = _package_deps(dep_manifest, packages)
            if dep_info is None:
                continue
            runtime = _runtime_name(dep_info[2])
            if runtime is None:  # it cannot hold bindings of its own
                name = (dep.get("rename") or dep_info[0]).replace("-", "_")
                if top and name not in found:
                    found[name] = DepCrate(dep_info[0], name, dep_manifest.parent, dep_info[1], "", readable=False,
                                           reason=f"`{name}` (the path dependency `{dep_info[0]}`) does not depend "
                                                  "on ferrule's runtime, so it has no Python bindings")
                continue
            manifest_data = packages.get(dep_manifest.resolve())
            lib = _lib_name(dep_info[0], _read_manifest(dep_manifest)) if manifest_data is None else next(
                (t["name"] for t in manifest_data.get("targets", []) if "lib" in t.get("kind", [])
                 or "rlib" in t.get("kind", [])), dep_info[0].replace("-", "_"))
            name = (dep.get("rename") or lib).replace("-", "_")
            if name not in found or not found[name].readable:
                found[name] = DepCrate(dep_info[0], name, dep_manifest.parent, dep_info[1], runtime, readable=True)
            todo.append((dep_manifest, False))
    return list(found.values())
