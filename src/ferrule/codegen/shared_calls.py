"""Functions whose whole call is one generic function of the runtime (`impl_::call`).

A function qualifies when every parameter is a plain conversion: visible to Python, no default,
no holder, no `from_py_with`, no borrow, no `*args`/`**kwargs`, at most eight (a `py` token may
come first). Its glue then passes the function as a `fn` pointer, and rustc checks the call code
once in the runtime instead of once per binding (a debug build of 500 bindings: about half the
compile work). Methods on `&self`/`&mut self` and getters get the same through `impl_::call_method`
when their result cannot borrow the receiver (`method_body`).

Two levels:
- "whole": the trampoline is the runtime's (`fastcallN`), when every type is known to hold no
  lifetime (std types, `Py`, the crate's own classes): one generic copy per signature;
- "body": `__body` is the runtime's (`bodyN`), for other owned types (`Bound<'py, T>`, `PyRef<T>`,
  types ferrule cannot see into), whose lifetimes rustc infers through the `fn` pointer.
"""

from __future__ import annotations

from ..parse.model import Function, ParamKind, TypeRef

CALL = "_ferrule::impl_::call"
MAX_PARAMS = 8

# Types with no lifetime parameter, hidden or written: a signature of only these (and the crate's
# classes) may use the trampoline-level call, whose bounds are `for<'py>`.
LIFETIME_FREE = frozenset("""
    i8 i16 i32 i64 i128 isize u8 u16 u32 u64 u128 usize f32 f64 bool char String
    Vec VecDeque LinkedList BinaryHeap HashMap BTreeMap HashSet BTreeSet Option Box Rc Arc
    Py PyObject PyErr PyResult Result PathBuf OsString Duration SystemTime Instant
    IpAddr Ipv4Addr Ipv6Addr NonZeroI8 NonZeroI16 NonZeroI32 NonZeroI64 NonZeroI128 NonZeroIsize
    NonZeroU8 NonZeroU16 NonZeroU32 NonZeroU64 NonZeroU128 NonZeroUsize PyBackedStr PyBackedBytes
""".split())
# Owned types whose lifetime is the attachment's `'py`: fine for the body-level call only.
PY_LIFETIME = frozenset(("Bound", "PyRef", "PyRefMut"))
# Types that borrow from the argument itself: never through a shared call.
BORROWING = frozenset(("Cow", "Borrowed", "PyBuffer", "PyClassGuard", "PyClassGuardMut"))


def shared_level(fn: Function, conv: str, own_classes: frozenset[str], with_lifetimes: frozenset[str]) -> str:
    """'whole', 'body' or '' (the function keeps its own extraction code). `own_classes` are the crate's
    `#[pyclass]` names, `with_lifetimes` its derived conversions that take lifetimes (even when a
    signature leaves them out)."""
    params = _python_params(fn)
    if fn.is_async or fn.warnings or conv == "tuple_dict" or params is None or len(params) > MAX_PARAMS:
        return ""
    for p in params:
        if p.kind not in (ParamKind.POSITIONAL_ONLY, ParamKind.POSITIONAL_OR_KEYWORD, ParamKind.KEYWORD_ONLY):
            return ""
        if p.default is not None or p.from_py_with or p.holder or not _owned(p.ty, with_lifetimes):
            return ""
    types = [p.ty for p in params] + ([fn.ret] if fn.ret is not None else [])
    if all(_lifetime_free(t, own_classes) for t in types):
        return "whole"
    return "body"


def _python_params(fn: Function):
    """The parameters Python passes, when a `py` token comes first or not at all (else None)."""
    rest = fn.params[1:] if _takes_py(fn) else fn.params
    return None if any(p.kind == ParamKind.PYTHON for p in rest) else rest


def _takes_py(fn: Function) -> bool:
    return bool(fn.params) and fn.params[0].kind == ParamKind.PYTHON


def _owned(ty: TypeRef, with_lifetimes: frozenset[str]) -> bool:
    """No reference, slice, `impl`/`dyn` or borrowing type anywhere, and no lifetime except a `'py` one
    inside `Bound`/`PyRef`-like types."""
    if ty.kind in ("ref", "slice", "other"):
        return False
    if ty.kind == "path" and (ty.name in BORROWING or ty.name in with_lifetimes):
        return False
    if ty.kind == "path" and ty.name not in PY_LIFETIME and "'" in _own_text(ty):
        return False
    return all(_owned(a, with_lifetimes) for a in ty.args)


def _lifetime_free(ty: TypeRef, own_classes: frozenset[str]) -> bool:
    if ty.kind == "unit":
        return True
    if ty.kind in ("tuple", "array"):
        return all(_lifetime_free(a, own_classes) for a in ty.args)
    if ty.kind != "path" or "'" in ty.text:
        return False
    if ty.name in ("Result", "PyResult") and len(ty.args) == 2:
        # The error type only needs `Into<PyErr>`; a lifetime there would be written.
        return _lifetime_free(ty.args[0], own_classes)
    if ty.name == "Py":
        return True  # `Py<T>` holds no lifetime, and its `T` is a Python type (a `'static` one)
    if ty.name not in LIFETIME_FREE and ty.name not in own_classes:
        return False
    return all(_lifetime_free(a, own_classes) for a in ty.args)


def _own_text(ty: TypeRef) -> str:
    """The type's text without its type arguments' texts: what is left holds its own lifetimes."""
    text = ty.text
    for a in ty.args:
        text = text.replace(a.text, "", 1)
    return text


def _kind(fn: Function) -> str:
    from .glue import _returns_unit

    return f"{CALL}::AsNone" if _returns_unit(fn.ret) else f"{CALL}::AsValue"


def whole_trampoline(fn: Function, conv: str, callee: str) -> str:
    """The trampoline's statement for level 'whole'."""
    kind, n, py = _kind(fn), len(_python_params(fn)), "_py" if _takes_py(fn) else ""
    if conv == "noargs":
        return f"{CALL}::noargs{py}({kind}, {callee})"
    if conv == "o":
        return f'{CALL}::meth_o{py}({kind}, "{_python_params(fn)[0].py_name}", {callee}, arg)'
    kwnames = "kwnames" if conv == "fastcall_keywords" else "::core::ptr::null_mut()"
    return f"{CALL}::fastcall{n}{py}({kind}, &__DESC, {callee}, args, nargs, {kwnames})"


def shared_body(fn: Function, conv: str, callee: str) -> list[str]:
    """The `__body` lines for level 'body'."""
    kind, n, py = _kind(fn), len(_python_params(fn)), "_py" if _takes_py(fn) else ""
    if conv == "noargs":
        return [f"{CALL}::body0{py}({kind}, py, {callee})"]
    if conv == "o":
        return [f'{CALL}::body_o{py}({kind}, py, "{_python_params(fn)[0].py_name}", arg, {callee})']
    kwnames = "kwnames" if conv == "fastcall_keywords" else "::core::ptr::null_mut()"
    return [f"{CALL}::body{n}{py}({kind}, py, &__DESC, args, nargs, {kwnames}, {callee})"]


METHOD = "_ferrule::impl_::call_method"


def method_body(method, conv: str, self_name: str = "") -> list[str] | None:
    """A `&self`/`&mut self` method's (or getter's) `__body` lines through `impl_::call_method`, or None
    when it keeps its own glue. conv is "noargs" (also for getters) or a fastcall one."""
    from ..parse.model import MethodKind

    fn = method.fn
    if method.kind != MethodKind.INSTANCE or method.receiver not in ("ref", "mut"):
        return None
    if shared_level(fn, conv if conv != "o" else "fastcall", frozenset(), frozenset()) == "":
        return None
    # The result must not borrow from the receiver: with `&self`, an elided lifetime in it is `self`'s,
    # also one a type hides (`-> View` for `View<'a>`); with `&'a self`, a named one may be.
    if method.receiver_lifetime:
        return None
    if fn.ret is not None and not _no_elided_lifetime(fn.ret, frozenset(("Self", self_name))):
        return None
    name = ("ref" if method.receiver == "ref" else "mut") + str(len(_python_params(fn))) + ("_py" if _takes_py(fn) else "")
    callee = f"__Self::{fn.rust_name}"
    if conv == "noargs":
        return [f"{METHOD}::{name}({_kind(fn)}, py, _slf, {callee})"]
    kwnames = "kwnames" if conv == "fastcall_keywords" else "::core::ptr::null_mut()"
    return [f"{METHOD}::{name}({_kind(fn)}, py, _slf, &__DESC, args, nargs, {kwnames}, {callee})"]


def _no_elided_lifetime(ty: TypeRef, classes: frozenset[str]) -> bool:
    """No lifetime elided in the type, written or hidden: a path type without a written lifetime must be
    one known to hold none (std types, `Py`, the class itself); a crate's other types and aliases may hide one."""
    if ty.kind in ("ref", "slice", "other") or "'_" in ty.text:
        return False
    if ty.kind == "path" and "'" not in _own_text(ty) and not (
            ty.name in LIFETIME_FREE or ty.name in classes or ty.name == "PyObject"):
        return False
    if ty.kind == "path" and (ty.name == "Py" or ty.name in PY_LIFETIME):
        return True  # its type argument is a Python type or a class: `'static`
    return all(_no_elided_lifetime(a, classes) for a in ty.args)
