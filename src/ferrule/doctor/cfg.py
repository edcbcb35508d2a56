"""The cfgs the runtime's build.rs emits for an interpreter, and evaluating `#[cfg(...)]` predicates."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import FerruleError
from ..interpreter import Interpreter

MIN_MINOR = 9
MAX_MINOR = 14  # build.rs's MAX_MINOR
# Not a Rust cfg: true unless the limited API version is older than the headers.
# Then the ffi declares the older version's values while the C program sees the
# newer headers' ones, so `layout.py` skips constants whose value changed.
HEADERS_MATCH = "doctor_headers_match"


class DoctorError(FerruleError):
    """`ferrule doctor` could not run its check (a missing compiler, a program that did not build)."""


@dataclass(frozen=True)
class Target:
    """One interpreter as the runtime crate would be built for it."""

    interpreter: Interpreter
    abi3_minor: int | None  # limited API version (3.<minor>), None for the full API

    @property
    def cfgs(self) -> list[str]:
        """What build.rs prints as `cargo:rustc-cfg=...` for these facts."""
        interp = self.interpreter
        top = interp.minor if self.abi3_minor is None else min(self.abi3_minor, interp.minor)
        out = [f"Py_3_{m}" for m in range(MIN_MINOR, min(top, MAX_MINOR) + 1)]
        if self.abi3_minor is not None:
            out.append("Py_LIMITED_API")
        if interp.gil_disabled:
            out.append("Py_GIL_DISABLED")
        if interp.debug:
            out += ["Py_DEBUG", "Py_REF_DEBUG"]
        if interp.is_pypy:
            out.append("PyPy")
        return out

    @property
    def c_defines(self) -> list[str]:
        """`#define`s (name and value) the C program needs before Python.h."""
        if self.abi3_minor is None:
            return []
        return [f"Py_LIMITED_API 0x03{self.abi3_minor:02x}0000"]

    def active(self, predicate: str | None) -> bool:
        if predicate is None:
            return True
        facts = set(self.cfgs) | {f'target_pointer_width="{self.interpreter.pointer_width}"'}
        if self.abi3_minor is None or self.abi3_minor >= self.interpreter.minor:
            facts.add(HEADERS_MATCH)
        return evaluate(predicate, facts)

    def describe(self) -> str:
        interp = self.interpreter
        text = interp.describe()
        extras = [e for e, on in (("debug", interp.debug), ("free-threaded", interp.gil_disabled)) if on]
        if self.abi3_minor is not None:
            extras.append(f"limited API 3.{self.abi3_minor}")
        if extras:
            text += f" [{', '.join(extras)}]"
        return f"{text} ({interp.executable})"


def make_target(interp: Interpreter, limited_api: str | None) -> Target:
    """`limited_api` is None (full API) or a version such as "3.9"."""
    if limited_api is None:
        return Target(interp, None)
    m = re.fullmatch(r"3\.(\d+)", limited_api.strip())
    if not m or not MIN_MINOR <= int(m.group(1)) <= MAX_MINOR:
        raise DoctorError(f"--limited-api takes a version from 3.{MIN_MINOR} to 3.{MAX_MINOR}, not `{limited_api}`")
    if interp.is_pypy:
        raise DoctorError("PyPy has no limited API (stable ABI)",
                          hint="run `ferrule doctor` without --limited-api for PyPy")
    if interp.gil_disabled:
        raise DoctorError("the limited API is not available for free-threaded interpreters",
                          hint="run `ferrule doctor` without --limited-api for this interpreter")
    return Target(interp, int(m.group(1)))


_TOKEN = re.compile(r'\s*(?:(\w+)|("[^"]*")|([(),=]))')


def evaluate(predicate: str, facts: set[str]) -> bool:
    """Evaluates Rust cfg syntax (`all`, `any`, `not`, names, `key = "value"`) against `facts`."""
    tokens = []
    pos = 0
    while pos < len(predicate.rstrip()):
        m = _TOKEN.match(predicate, pos)
        if not m:
            raise ValueError(f"bad cfg predicate: {predicate!r}")
        tokens.append(m.group(m.lastindex or 0))
        pos = m.end()
    value, rest = _parse(tokens, facts)
    if rest:
        raise ValueError(f"bad cfg predicate: {predicate!r}")
    return value


def _parse(tokens: list[str], facts: set[str]) -> tuple[bool, list[str]]:
    head, rest = tokens[0], tokens[1:]
    if head in ("all", "any", "not") and rest and rest[0] == "(":
        rest = rest[1:]
        args = []
        while rest[0] != ")":
            arg, rest = _parse(rest, facts)
            args.append(arg)
            if rest[0] == ",":
                rest = rest[1:]
        rest = rest[1:]
        if head == "not":
            return not args[0], rest
        return (all(args) if head == "all" else any(args)), rest
    if rest and rest[0] == "=":
        return f"{head}={rest[1]}" in facts, rest[2:]
    return head in facts, rest
