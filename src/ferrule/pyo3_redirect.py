"""Crates built on PyO3 (pythonize, pyo3-log, ...) compiled against ferrule's runtime.

Such a crate depends on crates.io's `pyo3`, whose `pyo3-ffi` links `python` as the runtime does, so cargo's
resolver refuses the graph. Once a build has failed that way at `pyo3 vX.Y.Z` (the version cargo chose, or the
one Cargo.lock holds, so it meets every requirement that picked it), ferrule writes a crate named `pyo3` of
exactly that version whose library re-exports the runtime (`pub use ferrule::*`, every runtime feature
forwarded) and patches crates.io's `pyo3` with it (`--config patch.crates-io...`), then builds again. The
versions found are kept per package in the target folder, so later builds pass the patch from the start.
A crate that uses PyO3 internals the runtime lacks then fails to compile: `explain_failure` turns that into one
error at the user's dependency line.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from .cargo_config import REGISTRY, RUNTIME_DIR
from .errors import CargoError
from .project import _key_line
from .toml_compat import tomllib

_RUNTIME_MANIFEST = RUNTIME_DIR / "ferrule" / "Cargo.toml"


def _features() -> list[str]:
    data = tomllib.loads(_RUNTIME_MANIFEST.read_text(encoding="utf-8"))
    return sorted(k for k in data.get("features", {}) if k != "default")


def facade_manifest(version: str, links: bool = True) -> str:
    """The Cargo.toml of the stand-in `pyo3` crate: PyO3's name and version, the runtime underneath. With
    `links`, PyO3 0.29+'s `links = "pyo3-python"`, whose build script hands dependents' build scripts the
    interpreter config (`DEP_PYO3_PYTHON_PYO3_CONFIG`, which pyo3-build-config's `get()` reads); only one
    crate of a graph may declare it, so only the first of several stand-ins does."""
    package = ["[package]", 'name = "pyo3"', f'version = "{version}"', 'edition = "2021"', "publish = false"]
    package += ['links = "pyo3-python"', 'build = "build.rs"'] if links else ["build = false"]
    lines = ["# Written by ferrule: crates.io's `pyo3` for crates built on PyO3, re-exporting ferrule's runtime.",
             *package, "",
             "[lib]", 'path = "lib.rs"', "",
             "[dependencies]",
             f'ferrule-runtime = {{ version = "0.1", registry = "{REGISTRY}", default-features = false }}', "",
             "[features]", 'default = ["macros"]']
    features = _features()
    lines += [f'{name} = ["ferrule-runtime/{name}"]' for name in features]
    # Older PyO3 features the runtime has no use for: a dependency may still ask for them.
    lines += [f"{name} = []" for name in _OLD_PYO3_FEATURES if name not in features]
    return "\n".join(lines) + "\n"


# `gil-refs` and `experimental-declarative-modules` (0.21-0.22), the implicit features of PyO3's optional
# `indoc`/`unindent` dependencies (before 0.23).
_OLD_PYO3_FEATURES = ("gil-refs", "experimental-declarative-modules", "indoc", "unindent")


FACADE_LIB = "// Written by ferrule: PyO3's crate name over ferrule's runtime.\npub use ferrule::*;\n"
# The runtime (`links = "python"`) gives its direct dependents the config; this passes it on, as PyO3's does.
FACADE_BUILD = """// Written by ferrule: the runtime's interpreter config, passed on under `links = "pyo3-python"`.
fn main() {
    println!("cargo:rerun-if-env-changed=DEP_PYTHON_PYO3_CONFIG");
    if let Some(config) = std::env::var_os("DEP_PYTHON_PYO3_CONFIG") {
        println!("cargo:PYO3_CONFIG={}", config.to_string_lossy());
    }
}
"""


def facade_files(version: str, links: bool) -> list[tuple[str, str]]:
    """(file name, text) of the stand-in crate."""
    files = [("Cargo.toml", facade_manifest(version, links)), ("lib.rs", FACADE_LIB)]
    return files + [("build.rs", FACADE_BUILD)] if links else files


class Redirects:
    """The `pyo3` versions one package's dependencies need redirected, kept in `<target>/ferrule/pyo3-facade/`."""

    def __init__(self, ferrule_dir: Path, package: str, workspace_root: Path | None = None) -> None:
        self.folder = ferrule_dir / "pyo3-facade"
        self.root = workspace_root
        # Per project: a target folder shared by several projects (CARGO_TARGET_DIR) must not pass one's
        # stand-ins to another, whose Cargo.lock would then list them as unused patches.
        where = hashlib.sha1(str(workspace_root.resolve() if workspace_root else "").encode()).hexdigest()[:12]
        self._record = self.folder / f"{package}-{where}.json"
        try:
            self.found: dict[str, dict] = json.loads(self._record.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.found = {}

    def args(self) -> list[str]:
        """cargo `--config` options patching crates.io's `pyo3` with a stand-in of each version found."""
        out: list[str] = []
        for number, version in enumerate(sorted(self.found)):
            crate = self._write(version, links=number == 0)
            key = "pyo3" if number == 0 else f"pyo3-ferrule-{version.replace('.', '-')}"
            out += ["--config", f"patch.crates-io.{key}.path={json.dumps(str(crate))}"]
            if number:
                out += ["--config", f'patch.crates-io.{key}.package="pyo3"']
        return out

    def add(self, version: str, error: CargoError) -> bool:
        """Records `version` (and the error naming the user's line that brought it); False if already there."""
        if version in self.found:
            return False
        path = error.path
        if path is not None and self.root is not None and Path(path).is_relative_to(self.root):
            path = Path(path).relative_to(self.root)
        key = re.match(r"the dependency `([^`]+)`", error.message)
        self.found[version] = {"message": error.message, "path": str(path) if path else None,
                               "key": key.group(1) if key else None,
                               "dependent": _dependent(error.message, error.path)}
        self.folder.mkdir(parents=True, exist_ok=True)
        self._record.write_text(json.dumps(self.found, indent=1, sort_keys=True), encoding="utf-8")
        return True

    def prune(self, lock: Path) -> None:
        """After a build: forgets the versions Cargo.lock lists as unused patches (the dependency built on
        PyO3 was removed), so the next build neither passes them nor gets cargo's warning about them."""
        if not self.found:
            return
        try:
            data = tomllib.loads(lock.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        unused = {entry.get("version") for entry in (data.get("patch") or {}).get("unused") or []
                  if isinstance(entry, dict) and entry.get("name") == "pyo3"}
        if unused & set(self.found):
            self.found = {v: seen for v, seen in self.found.items() if v not in unused}
            self._record.write_text(json.dumps(self.found, indent=1, sort_keys=True), encoding="utf-8")

    def _write(self, version: str, links: bool) -> Path:
        crate = self.folder / version
        crate.mkdir(parents=True, exist_ok=True)
        for name, text in facade_files(version, links):
            path = crate / name
            if not path.is_file() or path.read_text(encoding="utf-8") != text:
                path.write_text(text, encoding="utf-8")
        return crate

    def explain_failure(self, messages: list[dict]) -> CargoError | None:
        """An error for rustc errors inside a crate that was compiled against a stand-in `pyo3`."""
        failing = {_package_name(m.get("package_id", "")) for m in messages if m.get("level") == "error"}
        for version, seen in sorted(self.found.items()):
            dependent = seen.get("dependent")
            if dependent and dependent in failing:
                path = Path(seen["path"]) if seen.get("path") else None
                if path is not None and not path.is_absolute() and self.root is not None:
                    path = self.root / path
                line = _key_line(path, seen["key"]) if path and seen.get("key") else None
                return CargoError(
                    f"the dependency `{dependent}` is built on PyO3 (pyo3 {version}); ferrule compiled it against "
                    "its runtime, and it does not compile there (rustc's errors above)",
                    path=path, line=line, col=1 if line else None,
                    hint=f"`{dependent}` uses parts of PyO3 that ferrule's runtime does not have: remove the "
                         "dependency and the code using it, or build this crate with PyO3")
        return None


def _dependent(message: str, manifest: Path | None) -> str | None:
    """The crate built on PyO3: named in the message, else (a path crate naming crates.io's `pyo3` itself)
    the package of the manifest holding that line."""
    found = re.search(r"is built on PyO3 \(([^ ]+) ", message)
    if found:
        return found.group(1)
    try:
        return tomllib.loads(Path(manifest).read_text(encoding="utf-8"))["package"]["name"] if manifest else None
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _package_name(package_id: str) -> str:
    """cargo's package id (`registry+https://...#numpy@0.25.0`, `path+file:///x#0.1.0`, or the older
    `numpy 0.25.0 (registry+...)`) → the package name."""
    if " " in package_id:
        return package_id.split(" ", 1)[0]
    tail = package_id.rsplit("#", 1)[-1]
    if "@" in tail:
        return tail.split("@", 1)[0]
    return package_id.rstrip("/").rsplit("#", 1)[0].rsplit("/", 1)[-1]
