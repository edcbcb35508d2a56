"""The stand-in for crates.io's `pyo3-ffi`, PyO3's C API crate, which a ported crate may name beside `pyo3`.

A PyO3 crate that calls the C API directly often depends on `pyo3-ffi` too (serpyco-rs); under PyO3,
`pyo3::ffi` is that crate re-exported. Ported, its `pyo3` is ferrule's runtime, and crates.io's `pyo3-ffi`
would be a second crate linking `python` (cargo refuses the graph) with its own `PyObject`. The stand-in,
written and patched in as the `pyo3` stand-ins are (`pyo3_redirect`, `cargo_config_standins`), is a crate
named `pyo3-ffi` of the version cargo would take whose library is `pub use ferrule::ffi::*`: every
`pyo3_ffi::X` is the runtime's `ffi::X` (one type, one declaration), it has no build script and links
nothing, and its features (`abi3-py3X`, `extension-module`, ...) turn on the runtime's of the same name.
"""

from __future__ import annotations

from pathlib import Path

# pyo3-ffi's features, 0.2x to 0.30: each forwarded to the runtime's feature of that name where it has one.
FFI_FEATURES = ("abi3", "abi3-py37", "abi3-py38", "abi3-py39", "abi3-py310", "abi3-py311", "abi3-py312",
                "abi3-py313", "abi3-py314", "abi3-py315", "abi3t", "abi3t-py315", "extension-module",
                "generate-import-lib")

LIB = """// Written by ferrule: PyO3's `pyo3-ffi` over ferrule's runtime. Its items are the runtime's `ffi`
// module's, so `pyo3_ffi::PyObject` is `pyo3::ffi::PyObject`, and only the runtime links Python.
pub use ferrule::ffi::*;
"""


def ffi_manifest(version: str, runtime_features: list[str]) -> str:
    from .cargo_config import REGISTRY

    lines = ["# Written by ferrule: crates.io's `pyo3-ffi`, re-exporting the `ffi` of ferrule's runtime.",
             "[package]", 'name = "pyo3-ffi"', f'version = "{version}"', 'edition = "2021"', "publish = false",
             "build = false", "",
             "[lib]", 'path = "lib.rs"', "",
             "[dependencies]",
             f'ferrule-runtime = {{ version = "0.1", registry = "{REGISTRY}", default-features = false }}', "",
             "[features]", "default = []"]
    lines += [f'{name} = ["ferrule-runtime/{name}"]' if name in runtime_features else f"{name} = []"
              for name in FFI_FEATURES]
    return "\n".join(lines) + "\n"


def ffi_files(version: str, runtime_features: list[str]) -> list[tuple[str, str]]:
    """(file name, text) of the stand-in crate."""
    return [("Cargo.toml", ffi_manifest(version, runtime_features)), ("lib.rs", LIB)]


def ffi_dependency_keys(cargo: dict) -> list[str]:
    """The keys under `[dependencies]` naming crates.io's `pyo3-ffi` (`pyo3-ffi = "0.29"`, or a rename), whose
    features the stand-in hands to the runtime: an `abi3-py3X` there makes the build abi3, as under PyO3."""
    keys = []
    for key, spec in (cargo.get("dependencies") or {}).items():
        package = spec.get("package") if isinstance(spec, dict) else None
        if (package or key) == "pyo3-ffi" and not (isinstance(spec, dict) and {"path", "git"} & set(spec)):
            keys.append(key)
    return keys


def names_registry_ffi(manifest: Path) -> bool:
    """Whether the package of `manifest` names `pyo3-ffi` from a registry in a dependency table (cargo's
    resolver says the same of a path or git `pyo3-ffi`, which no `[patch.crates-io]` replaces)."""
    from .toml_compat import tomllib

    try:
        cargo = tomllib.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return True  # cargo read it: the second build's refusal is the error then
    tables = [cargo] + [t for t in (cargo.get("target") or {}).values() if isinstance(t, dict)]
    specs = [spec for table in tables for kind in ("dependencies", "dev-dependencies", "build-dependencies")
             for key, spec in (table.get(kind) or {}).items()
             if ((spec.get("package") if isinstance(spec, dict) else None) or key) == "pyo3-ffi"]
    return any(not (isinstance(spec, dict) and {"path", "git"} & set(spec)) for spec in specs)


def ffi_features(cargo: dict, manifest: Path) -> list[str]:
    """The features written on those dependencies (`workspace = true` ones: the workspace entry's too)."""
    from .project import _workspace_dependencies

    features: list[str] = []
    for key in ffi_dependency_keys(cargo):
        spec = cargo["dependencies"][key]
        if not isinstance(spec, dict):
            continue
        features += [str(f) for f in spec.get("features") or []]
        if spec.get("workspace") is True:
            found = _workspace_dependencies(manifest, cargo)
            inherited = found[1].get(key) if found else None
            if isinstance(inherited, dict):
                features += [str(f) for f in inherited.get("features") or []]
    return features
