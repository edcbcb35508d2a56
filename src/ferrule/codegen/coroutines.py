"""Glue of an `async fn` binding (feature `experimental-async`), as PyO3 0.29 does it.

The call matches arguments to parameters at once (so a missing argument raises
at the call) and keeps new references to them; the returned `Coroutine`'s
future converts them to Rust values on its first poll (a wrong type raises at
`await`), calls the function, awaits its future and converts the result.
Borrows of `#[pyclass]` values (`&self`, `&T`) are `RefGuard`s that live in
the future: the instance stays borrowed until it completes. Nothing `!Send`
may live across the `.await`, so the `Send` bound of `new_coroutine` rejects
what PyO3 rejects (`Bound`/`Python` parameters, a non-`Send` future).
"""

from __future__ import annotations

from ..parse.model import Function, Method, MethodKind, ParamKind
from .glue import (PTR, _convert_var, _convert_varkw, _slot_params, bind_lines, extract_expr, holder_arg,
                   holder_is_optional, return_lines, str_holder_lines)
from .warn import warn_lines

CO = "_ferrule::impl_::coroutine"


def async_call_body(fn: Function, conv: str, callee: str, method: Method | None = None,
                    qualname_prefix: str | None = None,
                    receiver: tuple[list[str], list[str]] | None = None) -> list[str]:
    """The lines of a trampoline body returning a new coroutine. `receiver`: the
    lines making `__recv` (or `__cls`) from `_slf` and the arguments passed for
    it, for methods whose receiver is neither `&self` nor `&mut self`."""
    slots = _slot_params(fn)
    kinds = {p.kind for p in fn.params}
    lines = bind_lines(fn, conv) + warn_lines(fn)  # on the call, before the coroutine exists
    if slots:
        lines.append(f"let __owned = {CO}::own_args(py, &__out);")
    if ParamKind.VARARGS in kinds or ParamKind.VARKEYWORDS in kinds:
        lines.append("let (__va, __vk) = (__varargs.map(_ferrule::Bound::unbind), __varkw.map(_ferrule::Bound::unbind));")
    needs_slf = (method is not None and method.kind != MethodKind.STATIC) or ParamKind.MODULE in kinds
    if needs_slf:
        lines.append(f"let __slf = {CO}::own_ptr(py, _slf);")
    throw = "::core::option::Option::None"
    if ParamKind.CANCEL_HANDLE in kinds:
        lines.append("let __cancel = _ferrule::coroutine::CancelHandle::new();")
        throw = "::core::option::Option::Some(__cancel.throw_callback())"
    outer: list[str] = []  # holders: they outlive the block that fills them
    inner: list[str] = ["let py = __attached.py();"]
    if slots:
        inner.append(f"let __out = {CO}::arg_slots(&__owned);")
    if ParamKind.VARARGS in kinds or ParamKind.VARKEYWORDS in kinds:
        inner.append("let (__varargs, __varkw) = (__va.as_ref().map(|t| t.bind(py).clone()), "
                     "__vk.as_ref().map(|d| d.bind(py).clone()));")
    if needs_slf:
        inner.append("let _slf = __slf.as_ptr();")
    args: list[str] = []
    if method is not None and method.receiver in ("ref", "mut"):
        guard = "RefGuard" if method.receiver == "ref" else "RefMutGuard"
        outer.append("let mut __recv;")
        inner.append(f"__recv = {CO}::{guard}::<__Self>::receiver(py, &__slf)?;")
        args.append("&*__recv" if method.receiver == "ref" else "&mut *__recv")
    elif receiver:
        inner.extend(receiver[0])
        args.extend(receiver[1])
    for param in fn.params:
        var = f"__arg_{param.py_name}"
        if param.kind == ParamKind.PYTHON:
            args.append("py")
        elif param.kind == ParamKind.CANCEL_HANDLE:
            args.append("__cancel")
        elif param.kind == ParamKind.MODULE:
            inner.append(f"let {var} = _ferrule::Bound::<_ferrule::types::PyModule>::ref_from_ptr(py, &_slf);")
            args.append(var if param.ty.kind == "ref" else f"{var}.clone()")
        elif param.kind == ParamKind.VARARGS:
            inner.append(f"let {var}_tuple = __varargs.expect(\"*args\");")
            inner.extend(_convert_var(param, var, f"{var}_tuple"))
            args.append(var)
        elif param.kind == ParamKind.VARKEYWORDS:
            inner.extend(_convert_varkw(param, var))
            args.append(var)
        else:
            slot = f"&__out[{slots.index(param)}]"
            if param.holder:
                holder = f"__holder_{param.py_name}"
                outer.append(f"let mut {holder}: {_guard_type(param)};")
                inner.append(f"{holder} = {extract_expr(param, slot)};")
                args.append(holder_arg(param, holder))
            else:
                outer.extend(str_holder_lines(param))
                inner.append(f"let {var} = {extract_expr(param, slot)};")
                args.append(var)
    inner.append(f"{callee}({', '.join(args)})")
    prefix = f'::core::option::Option::Some("{qualname_prefix}")' if qualname_prefix else "::core::option::Option::None"
    future = (["let __attached = unsafe { " + CO + "::AssumeAttached::new() };"] + outer
              + ["let __future = {"] + ["    " + line for line in inner] + ["};",
                 "let __ret = __future.await;",
                 "let py = __attached.py();",
                 f"let __ptr: _ferrule::PyResult<{PTR}> = {{"]
              + ["    " + line for line in return_lines(fn.ret, "::core::convert::identity(__ret)")]
              + ["};",
                 "__ptr.map(|p| unsafe { _ferrule::Py::<_ferrule::types::PyAny>::from_owned_ptr(py, p) })"])
    lines.append(f'{CO}::new_coroutine(py, "{fn.py_name}", {prefix}, {throw}, async move {{')
    lines.extend("    " + line for line in future)
    lines.append("})")
    return lines


def _guard_type(param) -> str:
    base = f"{CO}::RefMutGuard<_>" if param.holder == "mut" else f"{CO}::RefGuard<_>"
    return f"::core::option::Option<{base}>" if holder_is_optional(param) else base
