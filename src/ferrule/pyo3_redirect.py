"""Crates built on PyO3 (pythonize, pyo3-log, ...) compiled against ferrule's runtime.

Such a crate depends on crates.io's `pyo3`, whose `pyo3-ffi` links `python` as the runtime does, so cargo's
resolver refuses the graph. Once a build has failed that way at `pyo3 vX.Y.Z` (the version cargo chose, or the
one Cargo.lock holds, so it meets every requirement that picked it), ferrule writes a crate named `pyo3` of
exactly that version whose library re-exports the runtime (`pub use ferrule::*`, every runtime feature
forwarded) and patches crates.io's `pyo3` with it (`--config patch.crates-io...`), then builds again. The
versions found are kept per package in the target folder, so later builds pass the patch from the start.
A crate that uses PyO3 internals the runtime lacks then fails to compile: `explain_failure` turns that into one
error at the user's dependency line. A direct dependency on crates.io's `pyo3-ffi` (the user's crate, or one
built on PyO3's C API alone) is met the same way by a stand-in `pyo3-ffi` over the runtime's `ffi` module
(`pyo3_ffi_standin`), recorded as `pyo3-ffi <version>` beside the bare `pyo3` versions.
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


STANDIN_CRATES = ("pyo3", "pyo3-ffi")


def standin_files(crate: str, version: str, links: bool) -> list[tuple[str, str]]:
    """(file name, text) of the stand-in for crates.io's `crate` (`pyo3` or `pyo3-ffi`)."""
    if crate == "pyo3-ffi":
        from .pyo3_ffi_standin import ffi_files

        return ffi_files(version, _features())
    return facade_files(version, links)


def folder_name(crate: str, version: str) -> str:
    """The stand-in's folder: the bare version for `pyo3` (as first written), `pyo3-ffi-<version>` for the other."""
    return version if crate == "pyo3" else f"{crate}-{version}"


def patches(found: list[tuple[str, str]]) -> list[tuple[str, str, str, bool]]:
    """(patch key, crate, version, links) per stand-in: a `[patch]` entry must carry the crate's name, so the first
    version of each crate is patched under it and further ones under renamed keys (`package = "<crate>"`); only
    the first `pyo3` declares `links` (one crate of a graph may)."""
    out = []
    for crate in STANDIN_CRATES:
        for number, version in enumerate(sorted(v for c, v in found if c == crate)):
            key = crate if number == 0 else f"{crate}-ferrule-{version.replace('.', '-')}"
            out.append((key, crate, version, crate == "pyo3" and number == 0))
    return out


def _entry(record_key: str) -> tuple[str, str]:
    """A record's key → (crate, version); a bare version is `pyo3`'s (the record's first form)."""
    crate, _, version = record_key.rpartition(" ")
    return crate or "pyo3", version


def _record_key(crate: str, version: str) -> str:
    return version if crate == "pyo3" else f"{crate} {version}"


class Redirects:
    """The `pyo3` (and `pyo3-ffi`) versions one package's dependencies need redirected, kept in
    `<target>/ferrule/pyo3-facade/`."""

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
        """cargo `--config` options patching crates.io's `pyo3`/`pyo3-ffi` with a stand-in of each version found."""
        out: list[str] = []
        for key, crate, version, links in patches([_entry(k) for k in self.found]):
            folder = self._write(crate, version, links)
            out += ["--config", f"patch.crates-io.{key}.path={json.dumps(str(folder))}"]
            if key != crate:
                out += ["--config", f'patch.crates-io.{key}.package="{crate}"']
        return out

    def add(self, version: str, error: CargoError, crate: str = "pyo3") -> bool:
        """Records `crate` at `version` (and the error naming the user's line that brought it); False if already
        there."""
        record = _record_key(crate, version)
        if record in self.found:
            return False
        path = error.path
        if path is not None and self.root is not None and Path(path).is_relative_to(self.root):
            path = Path(path).relative_to(self.root)
        key = re.match(r"the dependency `([^`]+)`", error.message)
        # PyO3's own `pyo3-ffi` named by the crate itself: no dependency of its is compiled against a stand-in.
        direct = "is PyO3's own crate" in error.message
        self.found[record] = {"message": error.message, "path": str(path) if path else None,
                              "key": key.group(1) if key else None,
                              "dependent": None if direct else _dependent(error.message, error.path)}
        self.folder.mkdir(parents=True, exist_ok=True)
        self._record.write_text(json.dumps(self.found, indent=1, sort_keys=True), encoding="utf-8")
        return True

    def learn(self, cmd: list[str], env: dict[str, str]) -> tuple[CargoError | None, bool]:
        """Asks cargo's resolver (`cmd`, a full `cargo metadata`) why it refuses the graph, and records and
        announces a stand-in when one can replace the refused crate: (the refusal, whether one was recorded)."""
        import sys

        from . import pyo3_dependents

        conflict, standin = pyo3_dependents.check(cmd, env)
        if conflict is None or standin is None or not self.add(standin[1], conflict, standin[0]):
            return conflict, False
        sys.stderr.write(note(*standin, conflict) + "\n")
        return conflict, True

    def prune(self, lock: Path) -> None:
        """After a build: forgets the versions Cargo.lock lists as unused patches (the dependency built on
        PyO3 was removed), so the next build neither passes them nor gets cargo's warning about them."""
        if not self.found:
            return
        try:
            data = tomllib.loads(lock.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        unused = {_record_key(entry.get("name"), entry.get("version"))
                  for entry in (data.get("patch") or {}).get("unused") or []
                  if isinstance(entry, dict) and entry.get("name") in STANDIN_CRATES}
        if unused & set(self.found):
            self.found = {k: seen for k, seen in self.found.items() if k not in unused}
            self._record.write_text(json.dumps(self.found, indent=1, sort_keys=True), encoding="utf-8")

    def _write(self, crate_name: str, version: str, links: bool) -> Path:
        crate = self.folder / folder_name(crate_name, version)
        crate.mkdir(parents=True, exist_ok=True)
        for name, text in standin_files(crate_name, version, links):
            path = crate / name
            if not path.is_file() or path.read_text(encoding="utf-8") != text:
                path.write_text(text, encoding="utf-8")
        return crate

    def explain_failure(self, messages: list[dict]) -> CargoError | None:
        """An error for rustc errors inside a crate that was compiled against a stand-in `pyo3`."""
        failing = {_package_name(m.get("package_id", "")) for m in messages if m.get("level") == "error"}
        for record, seen in sorted(self.found.items()):
            crate, version = _entry(record)
            dependent = seen.get("dependent")
            if dependent and dependent in failing:
                path = Path(seen["path"]) if seen.get("path") else None
                if path is not None and not path.is_absolute() and self.root is not None:
                    path = self.root / path
                line = _key_line(path, seen["key"]) if path and seen.get("key") else None
                return CargoError(
                    f"the dependency `{dependent}` is built on PyO3 ({crate} {version}); ferrule compiled it against "
                    "its runtime, and it does not compile there (rustc's errors above)",
                    path=path, line=line, col=1 if line else None,
                    hint=f"`{dependent}` uses parts of PyO3 that ferrule's runtime does not have: remove the "
                         "dependency and the code using it, or build this crate with PyO3")
        return None


def note(crate: str, version: str, conflict: CargoError) -> str:
    """What develop says before building again with a new stand-in."""
    # cargo's refusal of crates.io's crate (a second `links = "python"`) is not shown: this says what follows.
    again = "(kept for later builds)"
    dependent = _dependent(conflict.message, conflict.path) or "a dependency"
    if crate == "pyo3":
        return (f"note: `{dependent}` is built on PyO3 {version}: ferrule compiles it against its runtime, "
                f"through a stand-in `pyo3 {version}` {again}")
    return (f"note: `{dependent}` depends on PyO3's C API crate `pyo3-ffi {version}`: ferrule builds with a "
            f"stand-in `pyo3-ffi {version}` that re-exports the runtime's `ffi` {again}")


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
