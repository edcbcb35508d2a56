"""`__text_signature__` for functions, so `inspect.signature()` works."""

from __future__ import annotations

import keyword
import re

from ..parse.attributes import string_value
from ..parse.model import Function, Param, ParamKind, TypeRef

_POSITIONAL = (ParamKind.POSITIONAL_ONLY, ParamKind.POSITIONAL_OR_KEYWORD)

# `"text".to_string()`, `"text".to_owned()`, `"text".into()`, `String::from("text")`
_STRING_CALL = re.compile(r'^(?:String::from\((?P<a>.+)\)|(?P<b>.+?)\s*\.\s*(?:to_string|to_owned|into)\(\s*\))$', re.S)
_CHAR = re.compile(r"^'(?:(?P<plain>[^'\\])|\\(?P<esc>[ntr0'\"\\])|\\u\{(?P<hex>[0-9a-fA-F_]{1,6})\})'$")
_CHAR_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "0": "\0", "'": "'", '"': '"', "\\": "\\"}
_RADIX = re.compile(r"^(?P<neg>-)?0(?P<base>[xob])(?P<digits>[0-9a-fA-F_]+?)(?:i\d+|u\d+|isize|usize)?$")
_NUMBER = re.compile(r"^-?\d[\d_]*(\.\d[\d_]*)?([eE][+-]?\d+)?(i\d+|u\d+|f\d+|isize|usize)?$")


def python_default(expr: str, as_written: bool = False) -> str:
    """A Rust default as Python source, or `...` when it has no Python spelling. `as_written`
    (text signatures): a plain string literal is its token, as PyO3 writes it (`"pyo3"`)."""
    expr = expr.strip()
    some = re.fullmatch(r"(?:Option::)?Some\((.*)\)", expr, re.S)
    if some:
        return python_default(some.group(1), as_written)
    if expr in ("None", "Option::None"):
        return "None"
    if expr == "true":
        return "True"
    if expr == "false":
        return "False"
    text = string_value(expr)
    if as_written and text is not None and expr.startswith('"') and "\\" not in expr:
        return expr
    call = _STRING_CALL.match(expr)
    if text is None and call is not None:
        text = string_value((call.group("a") or call.group("b")).strip())
    char = _CHAR.match(expr)
    if text is None and char is not None:
        text = char["plain"] or _CHAR_ESCAPES.get(char["esc"] or "") or chr(int((char["hex"] or "0").replace("_", ""), 16))
    if text is not None:
        return repr(text)
    radix = _RADIX.match(expr)
    if radix:  # `0x10` is `16`, as PyO3 writes an integer literal's base-10 digits
        try:
            value = int(radix["digits"].replace("_", ""), {"x": 16, "o": 8, "b": 2}[radix["base"]])
        except ValueError:
            return "..."
        return str(-value if radix["neg"] else value)
    if _NUMBER.match(expr):
        number = re.sub(r"(i\d+|u\d+|f\d+|isize|usize)$", "", expr).replace("_", "")
        return number
    return "..."


def parameter_list(fn: Function, *, annotate=None) -> list[str]:
    """Python parameter list entries, with `/` and `*` markers where needed."""
    parts: list[str] = []
    visible = fn.visible_params()
    star_written = False
    # A stub must be valid Python: a parameter named by a keyword (`r#in`) can
    # only be passed positionally, so it and those before it are positional-only
    # (and it is spelled `in_`); a keyword-only one can only come through `**kwargs`.
    kw_named = [i for i, p in enumerate(visible) if annotate is not None and keyword.iskeyword(p.py_name)]
    last_positional = max((i for i in kw_named if visible[i].kind in _POSITIONAL), default=-1)
    hidden = {i for i in kw_named if visible[i].kind == ParamKind.KEYWORD_ONLY}
    if hidden and not any(p.kind == ParamKind.VARKEYWORDS for p in visible):
        visible = visible + [Param("kwargs", TypeRef("other", "Any"), fn.span, ParamKind.VARKEYWORDS)]
    for i, param in enumerate(visible):
        if i in hidden:
            continue
        kind = param.kind
        if i <= last_positional and kind in _POSITIONAL:
            kind = ParamKind.POSITIONAL_ONLY
        if kind == ParamKind.KEYWORD_ONLY and not star_written:
            parts.append("*")
            star_written = True
        name = param.py_name + ("_" if i in kw_named else "")  # positional-only: the name is free
        if kind == ParamKind.VARARGS:
            name = "*" + name
            star_written = True
        elif kind == ParamKind.VARKEYWORDS:
            name = "**" + name
        if annotate is not None:
            name += f": {annotate(param)}"
        if param.default is not None:
            name += f"={python_default(param.default, True)}" if annotate is None else f" = {python_default(param.default)}"
        parts.append(name)
        nxt = visible[i + 1] if i + 1 < len(visible) else None
        next_posonly = nxt is not None and (nxt.kind == ParamKind.POSITIONAL_ONLY or
                                            (i + 1 <= last_positional and nxt.kind in _POSITIONAL))
        if kind == ParamKind.POSITIONAL_ONLY and not next_posonly:
            parts.append("/")
    return parts


def text_signature(fn: Function) -> str | None:
    if fn.text_signature is not None:
        return fn.text_signature or None
    # `pass_module`: PyO3 writes `$module` first; `inspect.signature` drops it for the bound module.
    return "(" + ", ".join((["$module"] if fn.pass_module else []) + parameter_list(fn)) + ")"
