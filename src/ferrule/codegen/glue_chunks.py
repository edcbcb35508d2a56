"""The glue of a module's plain functions, gathered into a few hidden modules.

rustc gives each module its own codegen unit in a debug build, and a unit has a
fixed cost (an LLVM module, its own copy of the debug info of the types it
touches, an object file to write, link and, on every rebuild, check). With one
glue module per function that cost was most of the codegen of a crate with many
bindings. Here up to `CHUNK` functions of one Rust module share one glue module,
hosted in the glue file of the first of them; each function keeps its own small
module (`f::__FERRULE_DEF`, which `wrap_pyfunction!(f)` names) holding just a
re-export, which costs no codegen. The user's edited code stays out of these
units, so an edit still recompiles only its own.

A function joins only when its glue is included whenever the host's is: same
file and module, no `#[cfg]`/`#[cfg_attr]` of its own, not written by a macro
and not in a function body. Each function's items are renamed with its name as
a suffix (its argument description becomes an element of the module's
`__DESCS` array), and a marker line before them tells `glue_errors` whose they
are.
"""

from __future__ import annotations

import re

from ..parse.model import Function
from .glue import ALLOWS, _header, glue_parts, glue_visibility, has_description, ident, needs_parent_scope
from .statics import EX, description_expr

CHUNK = 64  # functions per glue module: an edited signature recompiles this many trampolines
MARKER = "// ferrule: glue of "  # followed by the function's glue key path
# A string literal (kept as written: docs, defaults), or one of the glue's own item names.
# Never after `::`: `super::__body` is the user's function of that name.
_NAME_OR_STRING = re.compile(r'(b?r(#*)".*?"\2|b?"(?:\\.|[^"\\])*")|(?<!::)\b(__FERRULE_DEF|__DESC|__trampoline|__body)\b',
                             re.S)


def joins(fn: Function) -> bool:
    """Whether the function's glue may live in a module hosted by another function's glue."""
    key = fn.key
    # A char literal in a default could hold a `"`, which `_renamed` would take for a string's start.
    return not (fn.deferred_error or fn.conditional or key.local or key.dynamic or key.name_at or key.suffix
                or needs_parent_scope(fn) or any("'" in (p.default or "") for p in fn.params))


def chunks(functions: list[Function]) -> list[list[Function]]:
    """Functions that share glue modules: by file and module, in source order, `CHUNK` at most; a
    function alone in its module keeps its own glue."""
    groups: dict[tuple[str, tuple[str, ...]], list[Function]] = {}
    for fn in functions:
        if joins(fn):
            groups.setdefault((fn.key.file, fn.module_path), []).append(fn)
    out = []
    for members in groups.values():
        members.sort(key=lambda f: f.key.line)
        out += [members[i:i + CHUNK] for i in range(0, len(members), CHUNK) if len(members[i:i + CHUNK]) > 1]
    return out


def chunk_glue(members: list[Function], runtime: str, own_classes: frozenset[str],
               with_lifetimes: frozenset[str]) -> dict[str, str]:
    """Each member's glue file; the first also holds the shared module. Their argument descriptions
    and keyword caches are one array static each: every static costs rustc a whole const-evaluation
    pipeline (about a quarter of a millisecond), whatever its size."""
    host = members[0]
    module = f"__ferrule_glue_{host.key.ident}"
    files = {}
    items, descs = [], []
    for fn in members:
        vis = glue_visibility(fn)
        files[fn.key.relpath()] = (f"{_header(fn)}{ALLOWS}\n{vis} mod {fn.rust_name} {{\n"
                                   f"    {vis} use super::{module}::__FERRULE_DEF_{ident(fn.rust_name)} "
                                   "as __FERRULE_DEF;\n}\n")
        def_expr, rest = glue_parts(fn, own_classes, with_lifetimes, own_desc=False)
        names = {name: f"{name}_{ident(fn.rust_name)}" for name in ("__FERRULE_DEF", "__trampoline", "__body")}
        if has_description(fn):
            names["__DESC"] = f"__DESCS[{len(descs)}]"
            descs.append("        " + description_expr(fn, f"&__KW[{len(descs)}]").replace("\n", "\n    ") + ",\n")
        text = f"    {vis} static __FERRULE_DEF: _ferrule::impl_::pyfunction::MethodDef =\n{def_expr};\n{rest}"
        items.append(f"    {MARKER}{fn.key.relpath()}\n" + _renamed(text, names))
    outer = "pub" if any(glue_visibility(fn) == "pub" for fn in members) else "pub(crate)"
    shared = ""
    if descs:
        n = len(descs)
        shared = (f"    static __DESCS: [{EX}::FunctionDescription; {n}] = [\n{''.join(descs)}    ];\n"
                  f"    static __KW: [{EX}::KeywordCache; {n}] = [{EX}::KeywordCache::NEW; {n}];\n")
    files[host.key.relpath()] += (f"{ALLOWS}\n{outer} mod {module} {{\n    use ::{runtime} as _ferrule;\n"
                                  + shared + "".join(items) + "}\n")
    return files


def _renamed(text: str, names: dict[str, str]) -> str:
    """The glue's own item names as `names` maps them; string literals (docs, defaults) untouched."""
    return _NAME_OR_STRING.sub(lambda m: m.group(1) or names.get(m.group(3), m.group(3)), text)
