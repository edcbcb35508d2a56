"""Name resolution as rustc does it for what modules export: each Rust module's
items and `use` imports, and paths (`crate::`, `self::`, `super::`, renames,
groups, globs, re-exports) followed through them to the bound item."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import tree_sitter

from .model import Span
from .source import SourceFile, child_of_type

ModPath = tuple[str, ...]


@dataclass
class Binding:
    """A name an item declares in a module. kind: mod, function, pymodule, class, exception, item."""

    kind: str
    name: str
    vis: str
    span: Span
    target: object = None  # the model object; for `mod`, the module's path
    what: str = ""  # for `item`: `struct`, `fn`, ... (for messages)
    macros: tuple[tuple[str, Span], ...] = ()  # for `item`: attributes and derives that may be other crates' macros


@dataclass
class UseDecl:
    """One imported name (or glob) of a `use` declaration."""

    segments: tuple[str, ...]  # the path as written, `self` last for `{self}`
    alias: str | None  # `as x`; None for the last segment's own name
    glob: bool
    vis: str
    span: Span
    text: str  # the whole `use` for messages

    @property
    def bound_name(self) -> str:
        if self.alias is not None:
            return self.alias
        if self.segments[-1] == "self" and len(self.segments) > 1:
            return self.segments[-2]
        return self.segments[-1]


@dataclass
class Scope:
    path: ModPath
    span: Span  # where the module is declared (or its file's start)
    items: dict[str, list[Binding]] = field(default_factory=dict)
    uses: list[UseDecl] = field(default_factory=list)
    # Item-level invocations of macros ferrule does not expand (another crate's, or unknown): `path!`, where.
    macros: list[tuple[str, Span]] = field(default_factory=list)

    def declare(self, binding: Binding) -> None:
        self.items.setdefault(binding.name, []).append(binding)


def read_use(src: SourceFile, node: tree_sitter.Node) -> list[UseDecl]:
    """`use a::{b, c as d, e::*}` → one UseDecl per name or glob."""
    vis_node = child_of_type(node, "visibility_modifier")
    vis = src.text(vis_node) if vis_node is not None else ""
    span, text = src.span(node), " ".join(src.text(node).split())
    out: list[UseDecl] = []

    def segs(n: tree_sitter.Node | None) -> tuple[str, ...]:
        return tuple(p.strip() for p in src.text(n).split("::")) if n is not None else ()

    def visit(n: tree_sitter.Node | None, prefix: tuple[str, ...]) -> None:
        if n is None:
            return
        if n.type == "use_as_clause":
            alias = n.child_by_field_name("alias")
            out.append(UseDecl(prefix + segs(n.child_by_field_name("path")),
                               src.text(alias) if alias is not None else None, False, vis, span, text))
        elif n.type == "scoped_use_list":
            visit(n.child_by_field_name("list"), prefix + segs(n.child_by_field_name("path")))
        elif n.type == "use_list":
            for child in n.named_children:
                visit(child, prefix)
        elif n.type == "use_wildcard":
            base = next((c for c in n.named_children), None)
            out.append(UseDecl(prefix + segs(base), None, True, vis, span, text))
        elif n.type not in ("line_comment", "block_comment"):
            out.append(UseDecl(prefix + segs(n), None, False, vis, span, text))

    visit(node.child_by_field_name("argument"), ())
    return out


class Unresolved(Exception):
    """A path that does not lead to an item: the message names the step that failed."""


# The modules of a dependency crate sit in the same table, under `("::name", ...)`.
EXTERN = "::"


# A block with `use`s (a function body) is a scope below its module, named `{block ...}`:
# its names shadow the module's, and `self`/`super` mean what they mean in the module.
BLOCK = "{"


def module_of(path: ModPath) -> ModPath:
    while path and path[-1].startswith(BLOCK):
        path = path[:-1]
    return path


def crate_root(path: ModPath) -> ModPath:
    return path[:1] if path and path[0].startswith(EXTERN) else ()


def extern_root(name: str) -> ModPath:
    return (EXTERN + name,)


def _visible(vis: str, owner: ModPath, seen_from: ModPath) -> bool:
    # Private items are visible in their module and its descendants; every
    # `pub(...)` form is treated as visible (rustc checks the exact scope).
    # Another crate sees only plain `pub`.
    if crate_root(owner) != crate_root(seen_from):
        return vis == "pub"
    return bool(vis) or seen_from[:len(owner)] == owner


def _display(path: ModPath) -> str:
    path = module_of(path)
    root = crate_root(path)
    head = root[0][len(EXTERN):] if root else "crate"
    return "::".join((head,) + path[len(root):])


class Resolver:
    def __init__(self, scopes: dict[ModPath, Scope], unread: dict[str, str] | None = None) -> None:
        self.scopes = scopes
        self.unread = unread or {}  # dependency name -> why ferrule does not read it

    def _extern(self, name: str, span: Span) -> Binding | None:
        """`name` as a crate of the extern prelude (a dependency ferrule read); else None."""
        if extern_root(name) in self.scopes:
            return Binding("mod", name, "pub", span, extern_root(name))
        if name in self.unread:
            raise Unresolved(self.unread[name])
        return None

    def _module_binding(self, current: tuple[str, ...]) -> "Binding":
        scope = self.scopes.get(current)
        if scope is None:  # a module a syntax error hid from the parser
            raise Unresolved(f"module `{_display(current)}` was not found in the crate's files")
        return Binding("mod", current[-1] if current else "crate", "pub", scope.span, current)

    def resolve(self, base: ModPath, segments: tuple[str, ...], want: str = "",
                active: frozenset = frozenset()) -> Binding:
        """The item `segments` names when written in module `base`. Raises Unresolved."""
        segs = list(segments)
        if not segs or segs == [""]:
            raise Unresolved("an empty path")
        current, via = base, None
        if segs[0] == "":
            found = self._extern(segs[1], Span(Path(), 1, 1)) if len(segs) > 1 else None
            if found is None:
                raise Unresolved(f"`{'::'.join(segs)}` names a crate that is not a dependency ferrule reads")
            current, segs = found.target, segs[2:]  # type: ignore[assignment]
        elif segs[0] == "crate":
            current, segs = crate_root(base), segs[1:]
        elif segs[0] in ("self", "super"):
            current = module_of(current)
            while segs and segs[0] in ("self", "super"):
                if segs.pop(0) == "super":
                    if current == crate_root(current):
                        raise Unresolved("`super` at the crate root")
                    current = current[:-1]
        else:
            via = segs[0]
        if not segs:
            return self._module_binding(current)
        for i, seg in enumerate(segs[:-1]):
            found = self.lookup(current, seg, "mod", base, first=(i == 0 and via is not None), _active=active)
            if found.kind != "mod":
                raise Unresolved(f"`{seg}` is a {found.what or found.kind}, not a module")
            current = found.target  # type: ignore[assignment]
        last = segs[-1]
        if last == "self":
            return self._module_binding(current)
        return self.lookup(current, last, want, base, first=(len(segs) == 1 and via is not None), _active=active)

    def lookup(self, module: ModPath, name: str, want: str, seen_from: ModPath, first: bool = False,
               _active: frozenset = frozenset()) -> Binding:
        """`name` in `module`: declared items and explicit imports shadow glob imports."""
        scope = self.scopes.get(module)
        if scope is None:
            raise Unresolved(f"module `{_display(module)}` was not found in the crate's files")
        # An import being resolved is skipped (rustc: an import never names itself),
        # and each glob is followed once per path, so mutual globs end.
        candidates = [b for b in scope.items.get(name, []) if _visible(b.vis, module, seen_from)]
        skipped = False
        for use in scope.uses:
            if not use.glob and use.bound_name == name and _visible(use.vis, module, seen_from):
                if ("use", id(use)) in _active:
                    skipped = True
                    continue
                try:
                    candidates.append(self._through_use(module, use, want, _active | {("use", id(use))}))
                except Unresolved as e:
                    raise Unresolved(f"`{use.text}` ({_where(use.span)}): {e}") from None
        if candidates:
            return _pick(candidates, want)
        from_globs: list[tuple[Binding, UseDecl]] = []
        for use in scope.uses:
            if not use.glob or not _visible(use.vis, module, seen_from) or ("glob", id(use)) in _active:
                continue
            active = _active | {("glob", id(use))}
            try:
                source = self.resolve(module, use.segments + ("self",), active=active) if use.segments else None
            except Unresolved:
                continue  # a glob of another crate (`pyo3::prelude::*`) or of something absent
            if source is None or source.kind != "mod":
                continue
            try:
                found = self.lookup(source.target, name, want, module, _active=active)  # type: ignore[arg-type]
            except Unresolved:
                continue
            if not any(_same(found, b) for b, _ in from_globs):
                from_globs.append((found, use))
        if len(from_globs) > 1:
            places = " and ".join(f"`{u.text}` ({_where(u.span)})" for _, u in from_globs)
            raise Unresolved(f"`{name}` is ambiguous in `{_display(module)}`: both {places} bring one in")
        if from_globs:
            return from_globs[0][0]
        if skipped:
            raise Unresolved(f"`{name}` in `{_display(module)}` is imported in a cycle")
        if first:
            found = self._extern(name, scope.span)
            if found is not None:
                return found
        if module[-1:] and module[-1].startswith(BLOCK):  # not in the block: in its enclosing scope
            return self.lookup(module[:-1], name, want, seen_from, first, _active)
        private = _private(scope, name)
        if private:
            decl, vis = private
            reader = (f"`{_display(seen_from)}`" if crate_root(module) == crate_root(seen_from)
                      else "another crate")
            raise Unresolved(f"`{name}` is private: {decl} in `{_display(module)}` is "
                             f"{f'only `{vis}`' if vis else 'not `pub`'}, so {reader} cannot use it")
        where = f"`{_display(module)}` ({scope.span.path.name})"
        if scope.macros:
            path, at = scope.macros[0]
            raise Unresolved(f"no item `{name}` is declared or imported in {where}; it may be written by the macro "
                             f"`{path}!` ({where_exactly(at)}), and ferrule cannot see items written by other crates' "
                             "macros: write the item in this crate, or in a `macro_rules!` macro of this crate")
        if first:
            raise Unresolved(f"no item `{name}` is declared or imported in {where}")
        raise Unresolved(f"{where} has no item `{name}`")

    def _through_use(self, module: ModPath, use: UseDecl, want: str, active: frozenset) -> Binding:
        segs = use.segments
        if segs[-1] == "self":
            segs = segs[:-1]
        # A use path resolves from its own module, which `lookup` guards for cycles.
        if len(segs) == 1 and segs[0] not in ("crate", "self", "super"):
            scope = self.scopes[module]
            if any(segs[0] == b.name for bs in scope.items.values() for b in bs):
                return self.lookup(module, segs[0], want, module, _active=active)
            found = self._extern(segs[0], use.span)
            if found is not None:
                return found
            raise Unresolved(f"`{segs[0]}` is an item of another crate")
        head = self.resolve(module, segs[:-1] + ("self",), active=active) if len(segs) > 1 else None
        if head is None:
            return self.resolve(module, segs, want, active=active)
        if head.kind != "mod":
            raise Unresolved(f"`{'::'.join(segs[:-1])}` is not a module")
        return self.lookup(head.target, segs[-1], want, module, _active=active)  # type: ignore[arg-type]


def _private(scope: Scope, name: str) -> tuple[str, str] | None:
    """How `name` is declared in `scope` when it is, but not for the one looking: for messages."""
    for b in scope.items.get(name, []):
        return f"`{b.what or b.kind} {name}` ({_where(b.span)})", b.vis
    for use in scope.uses:
        if not use.glob and use.bound_name == name:
            return f"`{use.text}` ({_where(use.span)})", use.vis
    return None


def _same(a: Binding, b: Binding) -> bool:
    if a.kind == "mod" or b.kind == "mod":
        return a.kind == b.kind and a.target == b.target
    return a.target is b.target if a.target is not None else (a.span, a.name) == (b.span, b.name)


def _pick(candidates: list[Binding], want: str) -> Binding:
    for b in candidates:
        if b.kind == want or (want == "module" and b.kind == "pymodule"):
            return b
    bound = [b for b in candidates if b.kind != "item"]
    return bound[0] if bound else candidates[0]


def _where(span: Span) -> str:
    return f"{span.path.name}:{span.line}"


def where_exactly(span: Span) -> str:
    return f"{span.path.name}:{span.line}:{span.col}"
