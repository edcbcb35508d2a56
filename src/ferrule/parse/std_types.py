"""Standard-library types with no Python conversion, found before cargo runs.

rustc would say so too, but in generated glue; naming them here gives one error
at the user's parameter or return type. A name counts only when it resolves to
std (a full `std::` path, or a `use` of it with no local item of that name), so
a crate's own `struct Instant` is left alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .model import Function, TypeRef

if TYPE_CHECKING:
    from .crate import Walk

# path after `std`/`core` -> what to use instead
NO_CONVERSION = {
    ("time", "Instant"): "use `std::time::SystemTime` (a `datetime`) or `Duration` (a `timedelta`)",
    ("sync", "Mutex"): "keep the lock inside a `#[pyclass]` and expose methods",
    ("sync", "RwLock"): "keep the lock inside a `#[pyclass]` and expose methods",
    ("cell", "RefCell"): "keep it inside a `#[pyclass]` (whose borrows are checked already)",
    ("fs", "File"): "take a path (`PathBuf`) and open the file in Rust",
    ("thread", "JoinHandle"): "keep the handle inside a `#[pyclass]`",
    ("thread", "Thread"): "keep the handle inside a `#[pyclass]`",
    ("sync", "mpsc", "Sender"): "keep the channel inside a `#[pyclass]`",
    ("sync", "mpsc", "Receiver"): "keep the channel inside a `#[pyclass]`",
    ("net", "TcpStream"): "keep the socket inside a `#[pyclass]`",
    ("process", "Child"): "keep the process inside a `#[pyclass]`",
}
_ROOTS = ("std", "core", "alloc")


def check_std_types(walk: "Walk") -> None:
    crate = walk.crate
    functions = list(crate.functions) + [m.fn for b in crate.method_blocks for m in b.methods]
    for fn in functions:
        for param in fn.visible_params():
            bad = _unconvertible(walk, fn, param.ty)
            if bad is not None:
                name, hint = bad
                walk.error(f"`{name}` cannot be used as a Python function argument", param.span,
                           f"parameter `{param.name}` of `{fn.rust_name}`: std's `{name}` has no conversion "
                           f"from Python; {hint}")
        if fn.ret is not None and fn.ret_span is not None:
            bad = _unconvertible(walk, fn, fn.ret)
            if bad is not None:
                name, hint = bad
                walk.error(f"`{name}` cannot be converted to a Python object (the return type of "
                           f"`{fn.rust_name}`)", fn.ret_span,
                           f"std's `{name}` has no conversion to Python; {hint}")


def _unconvertible(walk: "Walk", fn: Function, ty: TypeRef) -> tuple[str, str] | None:
    if ty.kind == "path":
        path = _std_path(walk, fn.module_path, ty)
        if path in NO_CONVERSION:
            return ty.name, NO_CONVERSION[path]
    for arg in ty.args:
        found = _unconvertible(walk, fn, arg)
        if found is not None:
            return found
    return None


def _std_path(walk: "Walk", module_path: tuple[str, ...], ty: TypeRef) -> tuple[str, ...] | None:
    """The type's path below `std`, when it names a std item; None otherwise."""
    base = ty.text.split("<", 1)[0].replace(" ", "").removeprefix("::")
    segments = tuple(base.split("::"))
    if len(segments) > 1:
        if segments[0] in _ROOTS:
            return segments[1:]
        segments = _through_use(walk, module_path, segments[0], segments[1:])
        return segments
    scope = walk.scopes.get(module_path)
    if scope is None or base in scope.items:
        return None
    return _through_use(walk, module_path, base, ())


def _through_use(walk: "Walk", module_path: tuple[str, ...], first: str,
                 rest: tuple[str, ...]) -> tuple[str, ...] | None:
    scope = walk.scopes.get(module_path)
    if scope is None or first in scope.items:
        return None
    for use in scope.uses:
        segs = tuple(s.removeprefix("::") for s in use.segments if s)
        if not segs or segs[0] not in _ROOTS:
            continue
        if use.glob and len(segs) > 1:
            full = segs[1:] + (first,) + rest
            if full in NO_CONVERSION:
                return full
        elif not use.glob and use.bound_name == first:
            return (segs[:-1] if segs[-1] == "self" else segs)[1:] + rest
    return None


# What the slot methods PyO3 types strictly may return (bare or in `PyResult`), and
# names that are certainly something else (an alias of `usize` could be anything).
SLOT_RESULTS = {"__len__": (("usize",), "`usize` (or `PyResult<usize>`)"),
                "__bool__": (("bool",), "`bool` (or `PyResult<bool>`)"),
                "__contains__": (("bool",), "`bool` (or `PyResult<bool>`)"),
                "__hash__": (("isize", "usize", "i64", "u64", "i32", "u32"), "an integer such as `u64` or `isize`")}
_KNOWN = {"String", "str", "bool", "char", "f32", "f64", "i8", "i16", "i32", "i64", "i128", "isize", "u8", "u16",
          "u32", "u64", "u128", "usize", "Vec", "Option", "HashMap", "BTreeMap", "HashSet", "Cow", "Box"}


def check_slot_results(walk: "Walk") -> None:
    from ..codegen.protocols import is_slot_method

    for block in walk.crate.method_blocks:
        for method in block.methods:
            fn = method.fn
            if fn.py_name not in SLOT_RESULTS or fn.ret is None or fn.ret_span is None or not is_slot_method(method):
                continue  # a `#[classattr] __contains__` is an attribute (`None` opts out of the protocol)
            allowed, wanted = SLOT_RESULTS[fn.py_name]
            ty = fn.ret
            if ty.is_named("PyResult", "Result") and ty.arg() is not None:
                ty = ty.args[0]
            name = ty.args[0].name if ty.kind == "ref" and ty.args else ty.name
            if ty.kind in ("path", "ref") and name in _KNOWN and not (ty.kind == "path" and name in allowed):
                walk.error(f"`{fn.py_name}` must return {wanted}, not `{ty.text}`", fn.ret_span,
                           f"change the return type of `{fn.rust_name}`")
