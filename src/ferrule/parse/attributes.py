"""Attributes and their options: `#[pyo3(signature = (a, b=1), name = "x")]`."""

from __future__ import annotations

import re

from dataclasses import dataclass

import tree_sitter

from .model import Span
from .source import SourceFile

_OPEN = {"(": ")", "[": "]", "{": "}"}


@dataclass
class Option_:
    """One option: `key`, `key = value` or `key(args)`."""

    key: str
    value: str | None  # source text after `=`, or inside the parentheses
    span: Span
    called: bool = False  # written as key(args)


@dataclass
class Attribute:
    name: str  # last path segment: `pyfunction` for `#[ferrule::pyfunction]`
    args: str | None  # text inside the outer delimiters, or None
    span: Span
    value: str | None = None  # `#[doc = "..."]`
    args_offset: tuple[int, int] = (0, 0)  # (line, col) of the first char inside the delimiters
    path: str = ""  # as written: `ferrule::pyfunction`

    def options(self) -> list[Option_]:
        if not self.args:
            return []
        return split_options(self.args, self.span.path, *self.args_offset)


def read_attribute(src: SourceFile, item: tree_sitter.Node) -> Attribute | None:
    attr = next((c for c in item.named_children if c.type == "attribute"), None)
    if attr is None:
        return None
    path = attr.named_children[0] if attr.named_children else None
    if path is None:
        return None
    name = src.text(path).split("::")[-1].strip()
    args_node = attr.child_by_field_name("arguments")
    value_node = attr.child_by_field_name("value")
    args = None
    offset = (0, 0)
    if args_node is not None:
        args = src.text(args_node)[1:-1]
        inner = src.span(args_node)
        offset = (inner.line, inner.col + 1)
    value = src.text(value_node) if value_node is not None else None
    return Attribute(name, args, src.span(item), value, offset, "".join(src.text(path).split()))


_INNER = re.compile(r"\s*((?:::)?[A-Za-z_][\w]*(?:\s*::\s*[A-Za-z_][\w]*)*)\s*")


def expand_cfg_attr(attr: Attribute, enabled) -> list[Attribute]:
    """`#[cfg_attr(pred, a, b(..))]` as rustc expands it: `a` and `b(..)` when `enabled(pred)`, else nothing.
    Nested `cfg_attr`s expand too; an unreadable one is kept as written."""
    if attr.name != "cfg_attr" or not attr.args:
        return [attr]
    parts = split_top_level(attr.args)
    if len(parts) < 2:
        return [attr]
    if not enabled(parts[0][0].strip()):
        return []
    out: list[Attribute] = []
    for text, offset in parts[1:]:
        head = _INNER.match(text)
        if head is None:
            return [attr]
        path, rest = "".join(head.group(1).split()), text[head.end():]
        args, value, inner = None, None, (0, 0)
        if rest[:1] in ("(", "[", "{") and rest.rstrip()[-1:] in (")", "]", "}"):
            args = rest.rstrip()[1:-1]
            start = offset + head.end() + 1
            inner = _position(attr.args, start, *attr.args_offset)
        elif rest.startswith("="):
            value = rest[1:].strip()
        elif rest.strip():
            return [attr]
        out += expand_cfg_attr(Attribute(path.split("::")[-1], args, attr.span, value, inner, path), enabled)
    return out


def split_top_level(text: str, sep: str = ",") -> list[tuple[str, int]]:
    """Splits on `sep` outside brackets and string/char literals; returns (part, offset)."""
    parts: list[tuple[str, int]] = []
    depth: list[str] = []
    start = 0
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == '"':
            i = _skip_string(text, i)
            continue
        if ch == "r" and text[i + 1:i + 2] in ('"', "#") and (i == 0 or not text[i - 1].isalnum()):
            end = _skip_raw_string(text, i)
            if end is not None:
                i = end
                continue
        if ch == "'" and i + 2 < len(text) and (text[i + 2] == "'" or text[i + 1] == "\\"):
            close = text.find("'", i + 2)
            i = close + 1 if close != -1 else i + 1
            continue
        if ch in _OPEN:
            depth.append(_OPEN[ch])
        elif ch == "<" and _opens_generics(text, start, i):
            depth.append(">")
        elif depth and ch == depth[-1]:
            depth.pop()
        elif ch == sep and not depth:
            parts.append((text[start:i], start))
            start = i + 1
        i += 1
    parts.append((text[start:], start))
    return [(p, off) for p, off in parts if p.strip()]


def _opens_generics(text: str, start: int, i: int) -> bool:
    """A `<` that starts generic arguments in a path (`Bound::<'_, PyAny>::len`) or a qualified
    path (`<T as Trait>::f` after `=` or at the part's start), whose commas do not split options."""
    before = text[start:i].rstrip()
    return before.endswith("::") or before == "" or (before.endswith("=") and not before.endswith(("==", "<=", ">=", "!=")))


def _skip_string(text: str, i: int) -> int:
    i += 1
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] == '"':
            return i + 1
        i += 1
    return i


def _skip_raw_string(text: str, i: int) -> int | None:
    j = i + 1
    hashes = 0
    while j < len(text) and text[j] == "#":
        hashes += 1
        j += 1
    if j >= len(text) or text[j] != '"':
        return None
    close = text.find('"' + "#" * hashes, j + 1)
    return len(text) if close == -1 else close + 1 + hashes


def _position(text: str, offset: int, line: int, col: int) -> tuple[int, int]:
    before = text[:offset]
    newlines = before.count("\n")
    if newlines:
        return line + newlines, len(before) - before.rfind("\n")
    return line, col + offset


def split_options(text: str, path, line: int, col: int) -> list[Option_]:
    options = []
    for part, offset in split_top_level(text):
        lead = len(part) - len(part.lstrip())
        stripped = part.strip()
        span = Span(path, *_position(text, offset + lead, line, col))
        key_end = 0
        while key_end < len(stripped) and (stripped[key_end].isalnum() or stripped[key_end] in "_:"):
            key_end += 1
        key = stripped[:key_end]
        rest = stripped[key_end:].strip()
        if rest.startswith("="):
            options.append(Option_(key, rest[1:].strip(), span))
        elif rest.startswith("(") and rest.endswith(")"):
            options.append(Option_(key, rest[1:-1], span, called=True))
        elif not rest:
            options.append(Option_(key, None, span))
        else:
            options.append(Option_(stripped, None, span))
    return options


def string_value(value: str | None) -> str | None:
    """The contents of a plain Rust string literal, or None when it is not one."""
    if value is None:
        return None
    value = value.strip()
    if len(value) >= 2 and value[0] == '"' and value[-1] == '"':
        return unescape(value[1:-1])
    if value.startswith("r"):
        stripped = value[1:].strip("#")
        if len(stripped) >= 2 and stripped[0] == '"' and stripped[-1] == '"':
            return stripped[1:-1]
    return None


_LITERAL = re.compile(r'\s*(r#*"|"|-?[0-9][0-9_.eE]*[a-z0-9]*|true|false|\'(?:[^\'\\]|\\.)+\')')


def doc_value(value: str | None) -> str | None:
    """A `#[doc = ...]` value: a string literal, or `concat!` of literals (rustc joins them as text)."""
    text = (value or "").strip()
    if not text.startswith("concat!"):
        return string_value(value)
    body = text[len("concat!"):].strip()
    if len(body) < 2 or body[0] not in "([{" or body[-1] not in ")]}":
        return None
    parts, rest = [], body[1:-1].strip()
    while rest:
        m = _LITERAL.match(rest)
        if m is None:
            return None  # another macro or an expression: not ferrule's to evaluate
        token = m.group(1)
        if token.startswith(("r", '"')):
            end = _string_end(rest, m.start(1))
            if end is None:
                return None
            literal = string_value(rest[m.start(1):end])
            if literal is None:
                return None
            parts.append(literal)
            rest = rest[end:].strip()
        else:
            parts.append(unescape(token[1:-1]) if token.startswith("'")
                         else re.sub(r"(?:[iu](?:8|16|32|64|128|size)|f32|f64)$", "", token.replace("_", "")))
            rest = rest[m.end(1):].strip()
        rest = rest[1:].strip() if rest.startswith(",") else rest if not rest else None
        if rest is None:
            return None
    return "".join(parts)


def _string_end(text: str, start: int) -> int | None:
    """The index after the string literal starting at `start` (plain or raw)."""
    if text[start] == "r":
        hashes = len(text[start + 1:]) - len(text[start + 1:].lstrip("#"))
        close = text.find('"' + "#" * hashes, start + 2 + hashes)
        return None if close < 0 else close + 1 + hashes
    i = start + 1
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] == '"':
            return i + 1
        i += 1
    return None


def unescape(body: str) -> str:
    out = []
    i = 0
    simple = {"n": "\n", "t": "\t", "r": "\r", "0": "\0", "\\": "\\", '"': '"', "'": "'"}
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body):
            nxt = body[i + 1]
            if nxt in simple:
                out.append(simple[nxt])
                i += 2
                continue
            if nxt == "\n":
                i += 2
                while i < len(body) and body[i] in " \t\n\r":
                    i += 1
                continue
            if nxt == "u" and body[i + 2:i + 3] == "{":
                close = body.index("}", i)
                out.append(chr(int(body[i + 3:close], 16)))
                i = close + 1
                continue
            if nxt == "x":
                out.append(chr(int(body[i + 2:i + 4], 16)))
                i += 4
                continue
        out.append(ch)
        i += 1
    return "".join(out)
