"""The static data of glue: C strings for names and docs, and argument descriptions."""

from __future__ import annotations

from ..parse.model import Function, ParamKind

EX = "_ferrule::impl_::extract_argument"


def c_string(text: str, runtime: str = "_ferrule") -> str:
    """A `&'static CStr` for `text` (NULs cannot be represented, so they are dropped): the runtime's
    `glue_c_str!`, not a `c"..."` literal, which an edition-2018 crate cannot parse (rustc reads included
    glue in its edition), and not `c_str!`, whose NUL check costs const evaluation per string."""
    return f'{runtime}::ffi::glue_c_str!("{_escape(text)}")'


def c_ptr(text: str) -> str:
    """A `*const c_char` to `text` and a NUL: `c_string(text).as_ptr()` at less compile work (a plain
    literal: no macro to expand, as `concat!` was, twice per function)."""
    return f'"{_escape(text)}\\0".as_ptr().cast()'


def _escape(text: str) -> str:
    return (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
            .replace("\r", "\\r").replace("\t", "\\t").replace("\0", ""))


def description(fn: Function) -> str:
    """The function's `__DESC` static (and its `__DESC_KW` keyword cache)."""
    return f"""
    static __DESC: {EX}::FunctionDescription = {description_expr(fn, "&__DESC_KW")};
    static __DESC_KW: {EX}::KeywordCache = {EX}::KeywordCache::NEW;
"""


def description_expr(fn: Function, keyword_cache: str) -> str:
    """The `FunctionDescription` value of the function's parameters; `keyword_cache` is the
    expression of its `&'static KeywordCache`."""
    slots = _slot_params(fn)
    positional = [p for p in slots if p.kind != ParamKind.KEYWORD_ONLY]
    keyword_only = [p for p in slots if p.kind == ParamKind.KEYWORD_ONLY]
    pos_only = sum(1 for p in positional if p.kind == ParamKind.POSITIONAL_ONLY)
    required = 0
    for p in positional:
        if p.default is None:
            required += 1
        else:
            break
    kinds = {p.kind for p in fn.visible_params()}
    names = ", ".join(f'"{p.py_name}"' for p in positional)
    kw = ", ".join(f'{EX}::KeywordOnlyParameter {{ name: "{p.py_name}", required: {str(p.default is None).lower()} }}'
                   for p in keyword_only)
    return f"""{EX}::FunctionDescription {{
        func_name: "{fn.py_name}",
        positional_parameter_names: &[{names}],
        positional_only_parameters: {pos_only},
        required_positional_parameters: {required},
        keyword_only_parameters: &[{kw}],
        accept_varargs: {str(ParamKind.VARARGS in kinds).lower()},
        accept_varkeywords: {str(ParamKind.VARKEYWORDS in kinds).lower()},
        keyword_cache: {keyword_cache},
    }}"""


def _slot_params(fn: Function) -> list:
    """The parameters Python passes in slots (all but `*args`/`**kwargs`)."""
    return [p for p in fn.visible_params() if p.kind not in (ParamKind.VARARGS, ParamKind.VARKEYWORDS)]
