"""The set of cfgs rustc enables for one build, and `#[cfg(...)]` predicates evaluated
against it. Outside the parser package, so a develop that needs no parse loads no parser."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_TOKEN = re.compile(r'\s*(?:(?P<str>"(?:[^"\\]|\\.)*")|(?P<ident>(?:r#)?[A-Za-z_][A-Za-z0-9_]*)|(?P<punct>[(),=]))')


@dataclass(frozen=True)
class CfgSet:
    """What rustc enables for the crate: bare names (`unix`, `Py_3_11`) and `key = "value"` pairs."""

    names: frozenset[str] = frozenset()
    pairs: frozenset[tuple[str, str]] = frozenset()
    # Every predicate evaluated while parsing, so a build can check them against what cargo did.
    seen: set[str] = field(default_factory=set, compare=False, hash=False)

    def evaluate(self, text: str) -> bool:
        self.seen.add(text)
        try:
            tokens = _tokens(text)
            value, rest = _predicate(tokens, self)
        except ValueError:
            return True
        return value if not rest else True

    @classmethod
    def from_lines(cls, lines) -> "CfgSet":
        """From `rustc --print cfg` / build-script lines: `name` or `key="value"`."""
        names, pairs = set(), set()
        for raw in lines:
            line = raw.strip()
            if not line:
                continue
            key, eq, value = line.partition("=")
            if eq:
                pairs.add((key.strip(), value.strip().strip('"')))
            else:
                names.add(line)
        return cls(frozenset(names), frozenset(pairs))

    def union(self, other: "CfgSet") -> "CfgSet":
        return CfgSet(self.names | other.names, self.pairs | other.pairs)


def _tokens(text: str) -> list[tuple[str, str]]:
    out, pos = [], 0
    text = text.strip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None or m.end() == pos:
            raise ValueError(text[pos:])
        kind = m.lastgroup or ""
        out.append((kind, m.group(kind)))
        pos = m.end()
        while pos < len(text) and text[pos].isspace():
            pos += 1
    return out


def _predicate(tokens: list[tuple[str, str]], cfg: CfgSet) -> tuple[bool, list[tuple[str, str]]]:
    if not tokens or tokens[0][0] != "ident":
        raise ValueError("expected a name")
    name, rest = tokens[0][1], tokens[1:]
    if rest and rest[0] == ("punct", "="):
        if len(rest) < 2 or rest[1][0] != "str":
            raise ValueError("expected a string")
        return (name, rest[1][1][1:-1]) in cfg.pairs, rest[2:]
    if name in ("all", "any", "not") and rest and rest[0] == ("punct", "("):
        rest = rest[1:]
        values = []
        while rest and rest[0] != ("punct", ")"):
            value, rest = _predicate(rest, cfg)
            values.append(value)
            if rest and rest[0] == ("punct", ","):
                rest = rest[1:]
        if not rest:
            raise ValueError("unclosed")
        rest = rest[1:]
        if name == "not":
            if len(values) != 1:
                raise ValueError("not() takes one predicate")
            return not values[0], rest
        return (all(values) if name == "all" else any(values)), rest
    return name in cfg.names, rest
