"""Whether a crate means another `PyObject` where the prelude would also offer PyO3 0.27's alias.

ferrule's prelude keeps `PyObject` (`Py<PyAny>`), which PyO3 0.26 deprecated and 0.28 removed, so
crates written for older PyO3 still build. Code written for 0.28 or newer may glob in another
`PyObject` beside `pyo3::prelude::*`: ffi's C struct (`use pyo3::ffi::*`, or `use pyo3_ffi::*` through
its stand-in) or a type of its own (`use crate::ser::*`, where `ser` declares `struct PyObject`).
Naming it then gets rustc's "`PyObject` is ambiguous" (E0659, or its future-incompatibility warning
in a type). Under PyO3 0.27 or older the same two globs clash too, so such a crate is written for
0.28+, where the prelude has no `PyObject`: the build drops the alias
(`FERRULE_PRELUDE_WITHOUT_PYOBJECT=1`, which the runtime's build script reads). Runs before cargo
starts, so tree-sitter reads only the files that name `PyObject`; module paths come from file paths
(`#[path]` and inline modules are not followed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

ENV_VAR = "FERRULE_PRELUDE_WITHOUT_PYOBJECT"
CFG = "ferrule_prelude_without_pyobject"
NAME = "PyObject"
_DECLARING = ("struct_item", "enum_item", "union_item", "type_item")
ModPath = tuple[str, ...]
_WORD = re.compile(rb"\bPyObject\b")  # not FromPyObject, IntoPyObject


@dataclass
class _Module:
    globs: list[ModPath] = field(default_factory=list)  # `use a::b::*`, as crate-absolute paths
    reexported_globs: list[ModPath] = field(default_factory=list)  # `pub use a::*`
    binds: bool = False  # declares `PyObject` or imports it by name
    exports: bool = False  # ... publicly
    names_it: bool = False  # a bare `PyObject` in its code


def set_env(env: dict, lib_path: Path, runtime_crate: str) -> bool:
    """Sets or clears ENV_VAR in a cargo environment; whether the alias is dropped."""
    drop = other_pyobject_meant(lib_path, runtime_crate)
    if drop:
        env[ENV_VAR] = "1"
    else:
        env.pop(ENV_VAR, None)
    return drop


def other_pyobject_meant(lib_path: Path, runtime_crate: str) -> bool:
    """True when a module of the crate globs `<runtime>::prelude` and another module that provides a
    `PyObject` (`<runtime>::ffi`, `pyo3_ffi`, or one of the crate's own), binds none itself, and names it
    bare."""
    crate = _Crate(lib_path, runtime_crate)
    prelude = (runtime_crate, "prelude")
    for here in crate.naming():
        module = crate.module(here)
        if module is not None and module.names_it and not module.binds and prelude in module.globs \
                and any(crate.provides(p) for p in module.globs if p != prelude):
            return True
    return False


class _Crate:
    """The crate's modules by path, read when first asked for."""

    def __init__(self, lib_path: Path, runtime_crate: str) -> None:
        self.lib_path, self.runtime_crate = lib_path, runtime_crate
        self.folder = lib_path.parent
        self.read: dict[ModPath, _Module | None] = {}

    def naming(self) -> list[ModPath]:
        """The modules whose files contain the name at all (the only ones tree-sitter must read first)."""
        found = []
        for path in sorted(self.folder.rglob("*.rs")):
            rel = path.relative_to(self.folder).parts
            if any(part == "target" or part.startswith(".") for part in rel[:-1]):
                continue  # a crate root beside Cargo.toml: skip build output and hidden folders
            try:
                if _WORD.search(path.read_bytes()):
                    found.append(() if path == self.lib_path else
                                 tuple(rel[:-1]) if path.stem == "mod" else (*rel[:-1], path.stem))
            except OSError:
                continue
        return found

    def module(self, here: ModPath) -> _Module | None:
        if here not in self.read:
            self.read[here] = None
            for path in self._files(here):
                if path.is_file():
                    self.read[here] = _read_module(path, path.read_bytes(), here, self)
                    break
        return self.read[here]

    def _files(self, here: ModPath) -> list[Path]:
        if not here:
            return [self.lib_path]
        base = self.folder.joinpath(*here)
        return [base.with_suffix(".rs"), base / "mod.rs"]

    def provides(self, path: ModPath, seen: frozenset[ModPath] = frozenset()) -> bool:
        if path in ((self.runtime_crate, "ffi"), ("pyo3_ffi",)):  # the second: a stand-in over the first
            return True
        module = None if path in seen or path[:1] == (self.runtime_crate,) else self.module(path)
        if module is None:
            return False
        return module.exports or any(self.provides(p, seen | {path}) for p in module.reexported_globs)


def _read_module(path: Path, data: bytes, here: ModPath, crate: _Crate) -> _Module:
    from .parse.resolve import read_use
    from .parse.source import SourceFile

    src = SourceFile(path, data)
    module = _Module()
    for node in src.tree.root_node.named_children:
        public = any(c.type == "visibility_modifier" for c in node.children)
        if node.type == "use_declaration":
            for use in read_use(src, node):
                target = _absolute(use.segments, here, crate)
                if use.glob:
                    if target is not None:
                        module.globs.append(target)
                        if public:
                            module.reexported_globs.append(target)
                elif (use.alias or (use.segments[-1] if use.segments else "")) == NAME:
                    module.binds = True
                    module.exports |= public
        elif node.type in _DECLARING:
            name = node.child_by_field_name("name")
            if name is not None and src.text(name) == NAME:
                module.binds = True
                module.exports |= public
    stack = [src.tree.root_node]
    while stack and not module.names_it:
        node = stack.pop()
        if node.type in ("identifier", "type_identifier") and src.text(node) == NAME:
            parent = node.parent
            qualified = parent is not None and parent.type in ("scoped_identifier", "scoped_type_identifier") \
                and parent.child_by_field_name("name") == node
            declared = parent is not None and parent.type in _DECLARING
            module.names_it = not qualified and not declared and parent is not None \
                and parent.type not in ("use_declaration", "use_as_clause", "scoped_use_list", "use_list")
        stack.extend(node.children)
    return module


def _absolute(segments: tuple[str, ...], here: ModPath, crate: _Crate) -> ModPath | None:
    """A glob's module as a crate path (`crate::`, `self::`, `super::`, or a bare path: a child module
    when there is one, else from the crate root as in 2015), or `(<runtime>, ...)` for the runtime's."""
    parts = [s for s in segments if s]
    if not parts:
        return None
    if parts[0] == crate.runtime_crate:
        return tuple(parts)
    if parts[0] == "crate":
        return tuple(parts[1:])
    if parts[0] in ("self", "super"):
        base = list(here)
        while parts and parts[0] in ("self", "super"):
            if parts.pop(0) == "super":
                if not base:
                    return None
                base.pop()
        return (*base, *parts)
    child = (*here, *parts)
    return child if any(p.is_file() for p in crate._files(child)) else tuple(parts)
