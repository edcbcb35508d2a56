"""The package's other crates that `ferrule cargo` builds: binaries, examples, integration tests, benches.

Each is a crate of its own (its root file and the files its `mod`s name) that may define `#[pyclass]`es,
`#[pyfunction]`s and `#[pymodule]`s, and use the library's and the binding dependencies'. Its glue goes
to `targets/<package>/bin-<name>` (binaries, examples) or `targets/<package>/test-<crate name>` (tests,
benches) below the glue folder: the attributes look there when cargo compiles such a target
(`glue_folder` in ferrule-macros, from `CARGO_BIN_NAME`/`CARGO_TARGET_TMPDIR`), so a file that two
targets share (`mod common;`) gets each one's glue. An example built as a library (`crate-type =
["cdylib"]`) has neither variable: its glue sits beside the library's (their files differ).
"""

from __future__ import annotations

import re
from pathlib import Path

from .dep_crates import RUNTIME_LIB, RUNTIME_PACKAGE
from .parse.model import Crate

KINDS = {"bin", "example", "test", "bench"}
# A file with none of these has nothing for ferrule to bind: its syntax is rustc's to judge.
_BINDING = re.compile(rb"#\s*\[\s*(?:pyo3\s*::\s*)?(?:pyfunction|pyclass|pymethods|pymodule)\b"
                      rb"|\b(?:FromPyObject|IntoPyObject|IntoPyObjectRef)\b")


def folder(package: str, target: dict) -> str:
    """Where the target's glue goes, below the glue folder ("" for the folder itself)."""
    kinds = set(target.get("kind", []))
    if "bin" in kinds or ("example" in kinds and "bin" in target.get("crate_types", ["bin"])):
        return f"targets/{package}/bin-{target['name']}"
    if kinds & {"test", "bench"}:
        return f"targets/{package}/test-{target['name'].replace('-', '_')}"
    return ""


def _runtime(package: dict, target: dict) -> str | None:
    """How the target names the runtime: a binary links the package's dependencies, the
    others its dev-dependencies too."""
    kinds = (None, "normal") if "bin" in target.get("kind", []) else (None, "normal", "dev")
    for dep in package.get("dependencies", []):
        if dep.get("name") == RUNTIME_PACKAGE and dep.get("kind") in kinds:
            return (dep.get("rename") or RUNTIME_LIB).replace("-", "_")
    return None


def _binds(crate: Crate) -> bool:
    for path in crate.files:
        try:
            if _BINDING.search(Path(path).read_bytes()):
                return True
        except OSError:
            continue
    return False


def parse_targets(package: dict, root: Path, workspace_root: Path, externs: dict[str, Crate],
                  unread: dict[str, str]) -> tuple[dict[str, str], list]:
    """The glue of every binary, example, test and bench of `package` that holds bindings, by
    path below the glue folder, and the binding mistakes found in them. `externs`: the crates
    they may name (the library, the binding dependencies)."""
    from .codegen.glue import generate_glue
    from .parse import parse_crate

    files: dict[str, str] = {}
    diagnostics: list = []
    dep_classes = [c for dep in externs.values() for c in dep.classes]
    for target in package.get("targets", []):
        if not KINDS & set(target.get("kind", [])):
            continue
        runtime = _runtime(package, target)
        if runtime is None:
            continue
        crate_name = target["name"].replace("-", "_")
        # A target's modules may claim a dependency's classes (`__module__`); that glue is already written.
        modules = [c.python_module for c in dep_classes]
        try:
            crate, found = parse_crate(root, Path(target["src_path"]), package=package["name"],
                                       lib_name=crate_name, workspace_root=workspace_root,
                                       runtime_crate=runtime, externs=externs, unread=unread)
        finally:
            for cls, module in zip(dep_classes, modules):
                cls.python_module = module
        if not _binds(crate):
            continue
        diagnostics += found
        _builtins_without_module(crate)
        sub = folder(package["name"], target)
        for rel, text in generate_glue(crate).items():
            files[f"{sub}/{rel.lstrip('/')}" if sub else rel.lstrip("/")] = text
    return files, diagnostics


def _builtins_without_module(crate: Crate) -> None:
    """A class no `#[pymodule]` of the target holds is `builtins.<name>`, as PyO3 names a class
    without `module = ...` (a library's belongs to its extension module instead)."""
    if crate.top_module() is not None:
        return
    for cls in crate.classes:
        if "module" not in cls.options:
            cls.python_module = "builtins"
