"""`macro_rules!` as rustc expands it, for the crate's own macros: rules are
matched in order against the invocation's tokens and the first match is
transcribed. Every token keeps the place it was written (the definition for
the macro's own tokens, the invocation for substituted fragments), as rustc's
spans do, so errors and glue keys of expanded items agree with the attributes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterator, Union

import tree_sitter

from .model import Span
from .source import SourceFile

_IDENT = re.compile(r"(r#)?[A-Za-z_][A-Za-z0-9_]*$")
_LITERALS = {"string_literal", "raw_string_literal", "char_literal", "integer_literal", "float_literal",
             "boolean_literal"}
_STRUCTURE = {"token_tree", "token_tree_pattern", "token_repetition", "token_repetition_pattern",
              "token_binding_pattern"}
# Where a fragment may end (rustc's follow sets), at the fragment's own nesting level.
_STOPS = {
    "expr": {",", ";", "=>"}, "stmt": {",", ";", "=>"},
    "ty": {"=>", ",", "=", "|", ";", ":", ">", ">>", "as", "where"},
    "path": {"=>", ",", "=", "|", ";", ":", ">", ">>", "as", "where"},
    "pat": {"=>", ",", "=", "if", "in"}, "pat_param": {"=>", ",", "=", "|", "if", "in"},
    "meta": {","},
}


@dataclass
class Tok:
    text: str
    span: Span
    kind: str = "punct"  # ident, literal, lifetime, punct


@dataclass
class Group:
    delim: str  # "(", "[" or "{"
    open: Tok
    close: Tok
    trees: list["Tree"]


@dataclass
class Var:
    name: str
    tok: Tok
    frag: str = ""  # in patterns: the fragment specifier


@dataclass
class Rep:
    elems: list["Tree"]
    sep: Tok | None
    op: str


Tree = Union[Tok, Group, Var, Rep]


@dataclass
class Fragment:
    trees: list[Tree]


@dataclass
class MacroDef:
    name: str
    rules: list[tuple[list[Tree], list[Tree]]]
    span: Span
    exported: bool = False
    uses: int = field(default=0)


class NoMatch(Exception):
    pass


def read_trees(src: SourceFile, node: tree_sitter.Node, pattern: bool = False) -> list[Tree]:
    """The trees inside a token tree node (its delimiters excluded)."""
    children = node.children[1:-1] if node.type in ("token_tree", "token_tree_pattern") else node.children
    out: list[Tree] = []
    for child in children:
        kind = child.type
        if kind in ("line_comment", "block_comment"):
            out.extend(_doc_attribute(src, child))
        elif kind in ("token_tree", "token_tree_pattern"):
            inner = read_trees(src, child, pattern)
            out.append(Group(src.text(child.children[0]), _tok(src, child.children[0]),
                             _tok(src, child.children[-1]), inner))
        elif kind == "token_binding_pattern":
            name = child.child_by_field_name("name") or child.named_children[0]
            spec = child.child_by_field_name("type") or child.named_children[-1]
            out.append(Var(src.text(name)[1:], _tok(src, name), src.text(spec)))
        elif kind in ("token_repetition", "token_repetition_pattern"):
            out.append(_repetition(src, child, pattern))
        elif kind == "metavariable":
            text = src.text(child)
            if text == "$crate":
                out.append(Tok("crate", src.span(child), "ident"))
            else:
                out.append(Var(text[1:], _tok(src, child)))
        elif kind == "'" and out is not None:
            out.append(Tok("'", src.span(child), "quote"))
        else:
            tok = _tok(src, child)
            if out and isinstance(out[-1], Tok) and out[-1].kind == "quote":
                out[-1] = Tok("'" + tok.text, out[-1].span, "lifetime")
            else:
                out.append(tok)
    return out


def _tok(src: SourceFile, node: tree_sitter.Node) -> Tok:
    text = src.text(node)
    if node.type in _LITERALS:
        kind = "literal"
    elif _IDENT.match(text):
        kind = "ident"
    else:
        kind = "punct"
    return Tok(text, src.span(node), kind)


def _doc_attribute(src: SourceFile, node: tree_sitter.Node) -> list[Tree]:
    """`/// text` is `#[doc = " text"]` to macros (plain comments are nothing)."""
    if not any(c.type in ("outer_doc_comment_marker", "inner_doc_comment_marker") for c in node.children):
        return []
    doc = node.child_by_field_name("doc")
    text = src.text(doc).rstrip("\n") if doc is not None else ""
    span = src.span(node)
    literal = '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    body = [Tok("doc", span, "ident"), Tok("=", span), Tok(literal, span, "literal")]
    return [Tok("#", span), Group("[", Tok("[", span), Tok("]", span), body)]


def _repetition(src: SourceFile, node: tree_sitter.Node, pattern: bool) -> Rep:
    children = node.children
    # `$ ( ... ) sep? op`: the body is between the first `(` and its `)`.
    close = max(i for i, c in enumerate(children) if c.type == ")")
    body = children[2:close]
    wrapper_trees = read_trees(src, _Slice(body), pattern)
    tail = children[close + 1:]
    op = src.text(tail[-1]) if tail else "*"
    # tree-sitter drops the separator token: read it from the text between `)` and the operator.
    end = tail[-1].start_byte if tail else children[close].end_byte
    sep_text = src.data[children[close].end_byte:end].decode("utf-8").strip()
    sep = Tok(sep_text, src.span(children[close]), "ident" if _IDENT.match(sep_text) else "punct") if sep_text else None
    return Rep(wrapper_trees, sep, op)


class _Slice:
    """A list of nodes that `read_trees` walks like a node's children."""

    type = "slice"

    def __init__(self, children: list[tree_sitter.Node]) -> None:
        self.children = children


def read_macro_def(src: SourceFile, node: tree_sitter.Node, exported: bool) -> MacroDef | None:
    name = node.child_by_field_name("name")
    if name is None:
        return None
    rules = []
    for rule in node.named_children:
        if rule.type != "macro_rule":
            continue
        left, right = rule.child_by_field_name("left"), rule.child_by_field_name("right")
        if left is None or right is None:
            continue
        rules.append((read_trees(src, left, pattern=True), read_trees(src, right)))
    return MacroDef(src.text(name), rules, src.span(name), exported)


def expand(macro: MacroDef, args: list[Tree]) -> list[Tree]:
    """The transcription of the first rule that matches `args`. Raises NoMatch."""
    for pattern, body in macro.rules:
        for end, env in _match(pattern, 0, args, 0, {}):
            if end == len(args):
                out: list[Tree] = []
                _transcribe(body, env, out)
                return out
    raise NoMatch(macro.name)


Env = dict


def _match(pats: list[Tree], pi: int, trees: list[Tree], ti: int, env: Env) -> Iterator[tuple[int, Env]]:
    if pi == len(pats):
        yield ti, env
        return
    p = pats[pi]
    if isinstance(p, Tok):
        t = trees[ti] if ti < len(trees) else None
        if isinstance(t, Tok) and t.text == p.text:
            yield from _match(pats, pi + 1, trees, ti + 1, env)
    elif isinstance(p, Group):
        t = trees[ti] if ti < len(trees) else None
        if isinstance(t, Group) and t.delim == p.delim:
            for end, inner in _match(p.trees, 0, t.trees, 0, env):
                if end == len(t.trees):
                    yield from _match(pats, pi + 1, trees, ti + 1, inner)
                    return
    elif isinstance(p, Var):
        for n in _fragment_lengths(p.frag, trees, ti):
            yield from _match(pats, pi + 1, trees, ti + n, {**env, p.name: Fragment(trees[ti:ti + n])})
    elif isinstance(p, Rep):
        yield from _match_rep(p, pats, pi, trees, ti, env, [])


def _match_rep(p: Rep, pats: list[Tree], pi: int, trees: list[Tree], ti: int, env: Env,
               done: list[Env]) -> Iterator[tuple[int, Env]]:
    if p.op != "?" or not done:
        start = ti
        if done and p.sep is not None:
            t = trees[ti] if ti < len(trees) else None
            start = ti + 1 if isinstance(t, Tok) and t.text == p.sep.text else -1
        if start >= 0:
            for end, inner in _match(p.elems, 0, trees, start, {}):
                if end > start:
                    yield from _match_rep(p, pats, pi, trees, end, env, done + [inner])
                    break  # greedy: one way to match each repetition
    if p.op != "+" or done:
        names = _bound_names(p.elems)
        yield from _match(pats, pi + 1, trees, ti, {**env, **{n: [d.get(n) for d in done] for n in names}})


def _bound_names(elems: list[Tree]) -> list[str]:
    names: list[str] = []
    for e in elems:
        if isinstance(e, Var):
            names.append(e.name)
        elif isinstance(e, Group):
            names += _bound_names(e.trees)
        elif isinstance(e, Rep):
            names += _bound_names(e.elems)
    return names


def _fragment_lengths(frag: str, trees: list[Tree], ti: int) -> list[int]:
    t = trees[ti] if ti < len(trees) else None
    if frag == "vis":
        if isinstance(t, Tok) and t.text == "pub":
            nxt = trees[ti + 1] if ti + 1 < len(trees) else None
            return [2] if isinstance(nxt, Group) and nxt.delim == "(" else [1]
        return [0]
    if t is None:
        return []
    if frag == "tt":
        return [1]
    if frag == "ident":
        return [1] if isinstance(t, Tok) and t.kind == "ident" and t.text != "_" else []
    if frag == "lifetime":
        return [1] if isinstance(t, Tok) and t.kind == "lifetime" else []
    if frag == "literal":
        if isinstance(t, Tok) and t.kind == "literal":
            return [1]
        if isinstance(t, Tok) and t.text == "-" and ti + 1 < len(trees):
            nxt = trees[ti + 1]
            return [2] if isinstance(nxt, Tok) and nxt.kind == "literal" else []
        return []
    if frag == "block":
        return [1] if isinstance(t, Group) and t.delim == "{" else []
    if frag == "item":
        return _item_length(trees, ti)
    stops = _STOPS.get(frag, {","})
    depth, n = 0, 0
    for tree in trees[ti:]:
        if isinstance(tree, Tok):
            if frag in ("ty", "path"):
                if tree.text == "<":
                    depth += 1
                elif tree.text in (">", ">>") and depth > 0:
                    depth -= len(tree.text)
                    n += 1
                    continue
            if depth <= 0 and tree.text in stops:
                break
        elif frag in ("ty", "path") and depth <= 0 and isinstance(tree, Group) and tree.delim in ("{", "["):
            if frag == "path" or tree.delim == "{":
                break
        n += 1
    return [n] if n else []


def _item_length(trees: list[Tree], ti: int) -> list[int]:
    n = 0
    for tree in trees[ti:]:
        n += 1
        if isinstance(tree, Tok) and tree.text == ";":
            return [n]
        if isinstance(tree, Group) and tree.delim == "{":
            nxt = trees[ti + n] if ti + n < len(trees) else None
            if isinstance(nxt, Tok) and nxt.text == ";":  # `struct S(...) ;` or `X { .. };`
                return [n + 1]
            return [n]
    return [n] if n else []


def _transcribe(elems: list[Tree], env: Env, out: list[Tree]) -> None:
    for e in elems:
        if isinstance(e, Tok):
            out.append(e)
        elif isinstance(e, Group):
            inner: list[Tree] = []
            _transcribe(e.trees, env, inner)
            out.append(Group(e.delim, e.open, e.close, inner))
        elif isinstance(e, Var):
            value = env.get(e.name)
            if isinstance(value, Fragment):
                out.extend(value.trees)
            else:  # not a metavariable of this rule: rustc keeps `$name` as written
                out.extend([Tok("$", e.tok.span), Tok(e.name, e.tok.span, "ident")])
        elif isinstance(e, Rep):
            lists = {n: env[n] for n in _bound_names(e.elems) if isinstance(env.get(n), list)}
            count = min((len(v) for v in lists.values()), default=0)
            for i in range(count):
                if i and e.sep is not None:
                    out.append(e.sep)
                _transcribe(e.elems, {**env, **{n: v[i] for n, v in lists.items()}}, out)


def render(trees: list[Tree]) -> tuple[bytes, list[int], list[Span]]:
    """Source text for the trees, with each token's byte offset and origin."""
    parts: list[str] = []
    offsets: list[int] = []
    spans: list[Span] = []
    size = 0

    def emit(tok: Tok) -> None:
        nonlocal size
        if tok.text == "::" and parts and parts[-1].endswith(" "):
            parts[-1] = parts[-1][:-1]  # paths read as written (`crate::x`, not `crate :: x`)
            size -= 1
        offsets.append(size)
        spans.append(tok.span)
        data = tok.text if tok.text == "::" else tok.text + " "
        parts.append(data)
        size += len(data.encode("utf-8"))

    def walk(items: list[Tree]) -> None:
        for t in items:
            if isinstance(t, Group):
                emit(t.open)
                walk(t.trees)
                emit(t.close)
            elif isinstance(t, Tok):
                emit(t)

    walk(trees)
    return "".join(parts).encode("utf-8"), offsets, spans
