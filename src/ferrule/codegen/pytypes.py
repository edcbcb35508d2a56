"""Rust types as Python annotations, for stubs."""

from __future__ import annotations

import builtins
import contextlib
import dataclasses
import contextvars
import re
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Iterable, Iterator

from ..parse.model import TypeRef

# The crate's own Python-visible type names (classes, derived conversions), while stubs are written:
# any other type (one with a hand-written `IntoPyObject`, say) has no Python name, so it is `Any`.
KNOWN_TYPES: contextvars.ContextVar[frozenset[str] | None] = contextvars.ContextVar("ferrule_types", default=None)

INTS = {"i8", "i16", "i32", "i64", "i128", "isize", "u8", "u16", "u32", "u64", "u128", "usize",
        "NonZeroI32", "NonZeroU32", "NonZeroI64", "NonZeroU64", "NonZeroUsize", "NonZeroIsize"}
FLOATS = {"f32", "f64"}
STRS = {"str", "String", "char", "OsString", "OsStr"}
NATIVE = {
    "PyAny": "Any", "PyObject": "Any", "PyInt": "int", "PyLong": "int", "PyFloat": "float", "PyBool": "bool",
    "PyString": "str", "PyBytes": "bytes", "PyByteArray": "bytearray", "PyList": "list[Any]",
    "PyTuple": "tuple[Any, ...]", "PyDict": "dict[Any, Any]", "PySet": "set[Any]", "PyFrozenSet": "frozenset[Any]",
    "PyModule": "types.ModuleType", "PyType": "type", "PyCFunction": "Callable[..., Any]",
    "PyFunction": "Callable[..., Any]", "PyIterator": "Iterator[Any]", "PySequence": "Sequence[Any]",
    "PyMapping": "Mapping[Any, Any]", "PyNone": "None", "PyComplex": "complex", "PySlice": "slice",
    "PyMemoryView": "memoryview", "PyBuffer": "Any", "PyUntypedBuffer": "Any",
    "PyDate": "datetime.date", "PyDateTime": "datetime.datetime", "PyTime": "datetime.time",
    "PyDelta": "datetime.timedelta", "PyTzInfo": "datetime.tzinfo",
    "Duration": "datetime.timedelta", "SystemTime": "datetime.datetime",
    "Ipv4Addr": "ipaddress.IPv4Address", "Ipv6Addr": "ipaddress.IPv6Address",
    "IpAddr": "ipaddress.IPv4Address | ipaddress.IPv6Address",
    "CString": "str", "CStr": "str",
    # typeshed has `types.CapsuleType` only from 3.13; typing_extensions' stub names it for every version.
    "PyCapsule": "typing_extensions.CapsuleType", "PyCode": "types.CodeType", "PyFrame": "types.FrameType",
    "PyRange": "range", "PySuper": "super", "PyMappingProxy": "types.MappingProxyType[Any, Any]",
    "PyDictKeys": "KeysView[Any]", "PyDictValues": "ValuesView[Any]", "PyDictItems": "ItemsView[Any, Any]",
    "PyWeakrefReference": "weakref.ReferenceType[Any]",
    "PyWeakrefProxy": "weakref.ProxyType[Any] | weakref.CallableProxyType[Any]",
    "PyWeakref": "weakref.ReferenceType[Any] | weakref.ProxyType[Any] | weakref.CallableProxyType[Any]",
    "PyGenericAlias": "types.GenericAlias", "PyTraceback": "types.TracebackType",
}
# Types of the optional crates PyO3 converts, by last segment: (as a parameter, as a result).
# A class or derive of the crate with the same name wins (`_crate_types`).
OPTIONAL = {
    **dict.fromkeys(("BigInt", "BigUint"), ("int",) * 2),
    **dict.fromkeys(("Complex", "Complex32", "Complex64"), ("complex",) * 2),
    **dict.fromkeys(("Ratio", "BigRational", "Rational32", "Rational64", "Rational"), ("fractions.Fraction",) * 2),
    **dict.fromkeys(("Decimal", "BigDecimal"), ("decimal.Decimal",) * 2),
    **dict.fromkeys(("OrderedFloat", "NotNan"), ("float",) * 2),
    **dict.fromkeys(("NaiveDate", "Date", "ISOWeekDate"), ("datetime.date",) * 2),
    **dict.fromkeys(("NaiveTime", "Time"), ("datetime.time",) * 2),
    **dict.fromkeys(("NaiveDateTime", "PrimitiveDateTime", "OffsetDateTime", "UtcDateTime", "DateTime", "Zoned",
                     "Timestamp"), ("datetime.datetime",) * 2),
    **dict.fromkeys(("TimeDelta", "SignedDuration", "Span"), ("datetime.timedelta",) * 2),
    # Any tzinfo with a fixed offset is accepted; the result is a datetime.timezone.
    **dict.fromkeys(("FixedOffset", "UtcOffset", "Offset"), ("datetime.tzinfo", "datetime.timezone")),
    "Utc": ("datetime.timezone",) * 2,
    **dict.fromkeys(("Tz", "Local"), ("zoneinfo.ZoneInfo",) * 2),
    "TimeZone": ("datetime.tzinfo",) * 2,  # a ZoneInfo, or a timezone for a fixed offset
    **dict.fromkeys(("Uuid", "NonNilUuid"), ("uuid.UUID",) * 2),
}
_crate_types: ContextVar[frozenset[str]] = ContextVar("crate_types", default=frozenset())


@contextmanager
def crate_types(names: Iterable[str]) -> Iterator[None]:
    """While stubbing a crate: its own type names, which shadow OPTIONAL's."""
    token = _crate_types.set(frozenset(names))
    try:
        yield
    finally:
        _crate_types.reset(token)


WRAPPERS = {"Bound", "Py", "Borrowed", "Box", "Rc", "Arc", "Cow", "PyRef", "PyRefMut", "PyClassGuard",
            "PyClassGuardMut", "Cell", "RefCell"}


# The crate's `type` aliases while its stubs are written (see `type_aliases`).
_ALIASES: dict[str, "tuple[tuple[str, ...], TypeRef] | None"] = {}


@contextlib.contextmanager
def type_aliases(aliases: dict):
    """Makes `python_type` look through the crate's `type Name<T> = ...;` aliases."""
    saved = dict(_ALIASES)
    _ALIASES.clear()
    _ALIASES.update(aliases)
    try:
        yield
    finally:
        _ALIASES.clear()
        _ALIASES.update(saved)


def expand_aliases(ty: TypeRef | None, expanding: frozenset[str] = frozenset()) -> TypeRef | None:
    """`ty` with every alias replaced by what it names; an alias is not expanded inside
    itself (`type Result<T> = std::result::Result<T, E>`)."""
    if ty is None or not _ALIASES:
        return ty
    args = tuple(expand_aliases(a, expanding) for a in ty.args)
    alias = _ALIASES.get(ty.name) if ty.kind == "path" and ty.name not in expanding else None
    if alias is None:
        return dataclasses.replace(ty, args=args) if args != ty.args else ty
    params, target = alias
    return expand_aliases(_substitute(target, dict(zip(params, args))), expanding | {ty.name})


def _substitute(ty: TypeRef, mapping: dict[str, TypeRef]) -> TypeRef:
    if ty.kind == "path" and not ty.args and ty.name in mapping and ty.text == ty.name:
        return mapping[ty.name]
    return dataclasses.replace(ty, args=tuple(_substitute(a, mapping) for a in ty.args))


def python_type(ty: TypeRef | None, *, returning: bool = False) -> str:
    """The annotation for `ty`. Parameters may be more permissive than returns."""
    ty = expand_aliases(ty)
    if ty is None or ty.kind == "unit":
        return "None"
    if ty.kind == "ref":
        inner = ty.arg()
        if inner is not None and inner.kind == "slice" and inner.arg() is not None and inner.args[0].is_named("u8"):
            return "bytes"
        return python_type(inner, returning=returning)
    if ty.kind == "tuple":
        return "tuple[" + ", ".join(python_type(a, returning=returning) for a in ty.args) + "]"
    if ty.kind in ("array", "slice"):
        inner = ty.arg()
        if inner is not None and inner.is_named("u8"):
            # A sequence of u8 converts to bytes (PyO3 0.23+), and is read from bytes too.
            return "bytes" if returning else "bytes | list[int]"
        return f"list[{python_type(inner, returning=returning)}]"
    if ty.kind != "path":
        return "Any"
    name, args = ty.name, ty.args
    if not args and name in (_crate_types.get() | (KNOWN_TYPES.get() or frozenset())) \
            and not ty.text.startswith(("std::", "core::", "alloc::", "::std::", "::core::")):
        return name  # a class of the crate named like a std type (`struct Cell`): the class
    if name in INTS:
        return "int"
    if name in FLOATS:
        return "float"
    if name in STRS:
        return "str"
    if name == "bool":
        return "bool"
    if name in ("PathBuf", "Path"):
        return "pathlib.Path" if returning else "str | os.PathLike[str]"
    if name in ("PyResult", "Result"):
        return python_type(args[0] if args else None, returning=returning)
    if name == "Option":
        inner = python_type(args[0] if args else None, returning=returning)
        return inner if inner in ("None", "Any") else f"{inner} | None"
    if name == "SmallVec" and args and args[0].kind == "array":
        args = args[0].args[:1]  # SmallVec<[T; N]> holds T
    if name in ("Vec", "VecDeque", "LinkedList", "SmallVec"):
        if args and args[0].is_named("u8") and returning and name in ("Vec", "SmallVec"):
            return "bytes"  # a sequence of u8 converts to bytes (PyO3 0.23+)
        if args and args[0].is_named("u8"):
            # `Vec<u8>` (any sequence of ints, bytes too) in; a VecDeque<u8> out is a list.
            return "list[int]" if returning else "bytes | list[int]"
        return f"list[{python_type(args[0] if args else None, returning=returning)}]"
    if name in ("HashMap", "BTreeMap", "IndexMap"):
        key = python_type(args[0] if args else None, returning=returning)
        value = python_type(args[1] if len(args) > 1 else None, returning=returning)
        return f"dict[{key}, {value}]"
    if name in ("HashSet", "BTreeSet", "IndexSet"):
        return f"set[{python_type(args[0] if args else None, returning=returning)}]"
    if name == "Either" and len(args) == 2:
        left, right = (python_type(a, returning=returning) for a in args)
        return "Any" if "Any" in (left, right) else left if left == right else f"{left} | {right}"
    if name == "Bytes":
        return "bytes" if returning else "bytes | bytearray"
    if name in WRAPPERS:
        if name == "Cow" and args and args[0].kind == "slice":
            return "bytes"
        if name == "Box" and args and args[0].kind == "slice":  # the runtime makes a `Box<[T]>` a list, `u8` too
            return f"list[{python_type(args[0].arg(), returning=returning)}]"
        return python_type(args[0] if args else None, returning=returning)
    if name in NATIVE:
        return NATIVE[name]
    if name in OPTIONAL and name not in _crate_types.get():
        return OPTIONAL[name][returning]
    if name == "PyErr":
        return "BaseException"  # a returned `PyErr` is its exception object
    if name.startswith("Py") and _is_builtin_exception(name[2:]):
        return name[2:]  # `Bound<PyValueError>` is a `ValueError`
    known = KNOWN_TYPES.get()
    if known is not None and name not in known and name != "Self":
        return "Any"  # no Python name (a hand-written `IntoPyObject`, say)
    return name  # a #[pyclass] (or a derived conversion): named as in Python


def _is_builtin_exception(name: str) -> bool:
    found = getattr(builtins, name, None)
    return isinstance(found, type) and issubclass(found, BaseException)


def stub_imports(annotation_text: str) -> list[str]:
    """The import lines a stub needs for the annotations used in it."""
    lines = []
    for module in ("datetime", "decimal", "fractions", "ipaddress", "os", "pathlib", "types", "typing_extensions",
                   "uuid", "weakref", "zoneinfo"):
        if re.search(rf"\b{module}\.", annotation_text):
            lines.append(f"import {module}")
    typing_names = sorted(set(re.findall(
        r"\b(Any|Callable|ClassVar|Final|ItemsView|Iterator|KeysView|Sequence|Mapping|NoReturn|ValuesView|final)\b",
        annotation_text)))
    if typing_names:
        lines.append(f"from typing import {', '.join(typing_names)}")
    # Stubs are read by type checkers only, which all ship typing_extensions (Python 3.9 has no `Self`).
    extensions = sorted(set(re.findall(r"\b(Self|disjoint_base)\b", annotation_text)))
    if extensions:
        lines.append(f"from typing_extensions import {', '.join(extensions)}")
    return lines
