"""`#[pyclass]` → a class in the `.pyi`: constructor, methods, properties,
class attributes, special methods and enum variants."""

from __future__ import annotations

import keyword
import re
from typing import Callable

from ..parse.model import Crate, Function, Method, MethodKind, PyClassDecl, TypeRef, Variant
from ..parse.module_values import builtin_exception_name
from ..parse.classes import variant_params
from .derives import derive_annotation
from .enum_variants import field_names
from .protocols import COMPARE_OPS, NUMERIC, SHAPES, is_slot_method
from .pytypes import NATIVE, python_type
from .signature import parameter_list

# Special methods whose Python result type is fixed, whatever the Rust type.
FIXED_RESULTS = {"__len__": "int", "__hash__": "int", "__bool__": "bool", "__contains__": "bool", "__int__": "int",
                 "__index__": "int", "__float__": "float", "__repr__": "str", "__str__": "str",
                 "__setitem__": "None", "__delitem__": "None", "__setattr__": "None", "__delattr__": "None",
                 "__set__": "None", "__delete__": "None"}
# Not Python-level methods (`__init__`'s parameters are `#[new]`'s in the stub).
NOT_IN_STUBS = ("__traverse__", "__clear__", "__getbuffer__", "__releasebuffer__", "__init__")
# Sequence slots Python shows under the number protocol's names.
SEQUENCE_NAMES = {"__concat__": "__add__", "__repeat__": "__mul__", "__inplace_concat__": "__iadd__",
                  "__inplace_repeat__": "__imul__"}
RICH = ("__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__")


def python_names(crate: Crate) -> Callable[[str], str]:
    """Rewrites Rust class names in an annotation to the names Python sees; a class no
    module exports has no name in any stub, so it is `Any`."""
    # The dependency crates bound with this one (a core crate's classes and derives) count too;
    # for one Rust name in two crates, this crate's own wins.
    crates, pending = [], [crate]
    while pending:
        k = pending.pop()
        if all(k is not c for c in crates):
            crates.append(k)
            pending.extend(k.dependencies)
    own = {c.rust_name for c in crate.classes}
    all_classes = [c for k in crates for c in k.classes if k is crate or c.rust_name not in own]
    exported = {id(m.target) for d in crate.modules for m in d.members if m.kind == "class"}
    renamed = {c.rust_name: (c.py_name if id(c) in exported else "Any") for c in all_classes
               if c.rust_name != c.py_name or id(c) not in exported}
    classes = {c.rust_name for c in all_classes}
    # A derived conversion has no Python class: its annotation, or Any.
    renamed.update((d.rust_name, derive_annotation(d)) for k in crates for d in k.derives if d.rust_name not in classes)
    if not renamed:
        return lambda text: text
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, renamed)) + r")\b")
    return lambda text: pattern.sub(lambda m: renamed[m.group(1)], text)


class ClassStub:
    """Builds the lines of one class; `used` collects annotations (for imports)."""

    def __init__(self, cls: PyClassDecl, crate: Crate, annotate: Callable, docstring: Callable):
        self.cls, self.crate = cls, crate
        self._annotate_param, self._docstring = annotate, docstring
        self._names = python_names(crate)
        self.used: list[str] = []
        self.body: list[str] = []

    def ty(self, ty: TypeRef | None, returning: bool = True) -> str:
        text = self._names(python_type(ty, returning=returning))
        text = re.sub(r"\bSelf\b", self.cls.py_name, text)
        self.used.append(text)
        return text

    def _returns(self, fn: Function) -> str:
        if fn.return_annotation is None:
            return self.ty(fn.ret)
        self.used.append(fn.return_annotation)
        return fn.return_annotation

    def _params(self, fn: Function) -> list[str]:
        def annotate(param) -> str:
            text = re.sub(r"\bSelf\b", self.cls.py_name, self._names(self._annotate_param(param)))
            self.used.append(text)
            return text

        return parameter_list(fn, annotate=annotate)

    def _def(self, name: str, params: list[str], ret: str, doc: str = "", decorators: tuple[str, ...] = (),
             is_async: bool = False) -> None:
        if keyword.iskeyword(name):  # not valid Python source; reachable only through getattr
            self.body.append(f"    # `{name}`: a Python keyword, reachable only through getattr()")
            return
        self.body.extend(f"    @{d}" for d in decorators)
        head = f"    {'async ' if is_async else ''}def {name}({', '.join(params)}) -> {ret}:"
        lines = self._docstring(doc, "        ")
        self.body.extend([head] + lines if lines else [head + " ..."])

    def header(self) -> list[str]:
        cls = self.cls
        extends = cls.options.get("extends")
        base = ""
        if extends:
            name = extends.split("::")[-1].strip()
            parent = self.crate.base_class(extends)
            # A native base (`PyDict`, `PyTzInfo`) is named as Python names it.
            base = f"({parent.py_name if parent else NATIVE.get(name) or builtin_exception_name(name)})"
            self.used.append(base)
        out = [] if cls.has("subclass") or cls.complex_enum else ["@final"]
        if out:
            self.used.append("final")
        elif not _adds_nothing(cls):  # a layout of its own: no class can also derive from another such base
            out = ["@disjoint_base"]
            self.used.append("disjoint_base")
        return out + [f"class {cls.py_name}{base}:"]

    def build(self) -> list[str]:
        cls = self.cls
        head = self.header()
        self.body.extend(self._docstring(cls.doc, "    "))
        for v in cls.variants if cls.simple_enum else []:
            self.body.append(f"    {v.py_name}: ClassVar[{cls.py_name}]")
            self.used.append("ClassVar")
        for m in cls.methods():
            if m.kind == MethodKind.CLASSATTR:
                self.body.append(f"    {m.fn.py_name}: ClassVar[{self.ty(m.fn.ret)}]")
                self.used.append("ClassVar")
        new = next((m for m in cls.methods() if m.kind == MethodKind.NEW), None)
        # `#[new]` is the type's `tp_new`, which is what Python (and stubtest) sees: `__new__`.
        if new is not None:
            self._def("__new__", ["cls"] + self._params(new.fn), "Self")
            self.used.append("Self")
            init = cls.method_named("__init__")
            if init is not None:  # runs after `#[new]` with the same arguments
                self._def("__init__", ["self"] + self._params(init.fn), "None")
        else:  # a required argument nothing can be passed for: mypy rejects `Cls()`
            self.body.append("    def __new__(cls, _: NoReturn, /) -> Self: ...  # no #[new]: not constructible")
            self.used += ["NoReturn", "Self"]
        self._properties()
        defined = set()
        for m in cls.methods():
            if m.kind in (MethodKind.INSTANCE, MethodKind.STATIC, MethodKind.CLASS):
                defined.add(m.fn.py_name)
                self._method(m)
        self._option_methods(defined)
        self._reflected_slots(defined)
        self._all_comparisons(defined)
        for v in cls.variants if cls.complex_enum else []:
            self._variant(v)
        _mark_inplace_overrides(self.body)
        return head + (self.body or ["    ..."])

    def _variant(self, v: Variant) -> None:
        """A complex enum's variant: a nested final subclass taking its fields."""
        types = [self.ty(f.ty) for f in v.fields]
        names = field_names(v)
        ctor = Function("__init__", "__init__", v.constructor if v.constructor is not None else variant_params(v),
                        None, "", v.span, self.cls.key, self.cls.module_path)
        params = self._params(ctor)
        lines = ["@final", f"class {v.py_name}({self.cls.py_name}):",
                 f"    __match_args__ = ({', '.join(f'{chr(34)}{n}{chr(34)}' for n in names)}{',' * (len(names) == 1)})",
                 f"    def __new__(cls{''.join(', ' + p for p in params)}) -> Self: ..."]
        for n, t in zip(names, types):
            if keyword.iskeyword(n):  # `r#in`: not valid Python source; reachable only through getattr
                lines.append(f"    # `{n}`: a Python keyword, reachable only through getattr()")
                continue
            lines += ["    @property", f"    def {n}(self) -> {t}: ..."]
        if v.tuple_like:
            item = " | ".join(dict.fromkeys(types)) or "NoReturn"
            lines += ["    def __len__(self) -> int: ...", f"    def __getitem__(self, index: int, /) -> {item}: ..."]
            self.used.append(item)
        self.used += ["final", "Self"]
        self.body.extend("    " + line for line in lines)

    def _properties(self) -> None:
        props: dict[str, dict[str, str]] = {}
        for f in self.cls.fields:
            if f.get or f.set:
                entry = props.setdefault(f.py_name, {})
                if f.doc:
                    entry["doc"] = f.doc
                if f.get:
                    entry["get"] = self.ty(f.ty)
                if f.set:
                    entry["set"] = self.ty(f.ty, returning=False)
        for m in self.cls.methods():
            if m.kind == MethodKind.GETTER:
                props.setdefault(m.attr_name, {})["get"] = self.ty(m.fn.ret)
                if m.fn.doc:
                    props[m.attr_name].setdefault("doc", m.fn.doc)
            elif m.kind == MethodKind.SETTER:
                if m.fn.doc:
                    props.setdefault(m.attr_name, {}).setdefault("doc", m.fn.doc)
                visible = m.fn.visible_params()
                props.setdefault(m.attr_name, {})["set"] = self.ty(visible[0].ty, False) if visible else "Any"
            elif m.kind == MethodKind.DELETER:
                props.setdefault(m.attr_name, {})["del"] = "yes"
        for name, entry in props.items():
            get = entry.get("get", entry.get("set", "Any"))
            self._def(name, ["self"], get, entry.get("doc", ""), ("property",))
            if "set" in entry:
                self._def(name, ["self", f"value: {entry['set']}"], "None", decorators=(f"{name}.setter",))
            if "del" in entry:
                self._def(name, ["self"], "None", decorators=(f"{name}.deleter",))

    def _method(self, m: Method) -> None:
        fn = m.fn
        if fn.py_name in NOT_IN_STUBS:
            return
        if is_slot_method(m):  # Python calls the slot's wrapper on the object, whatever the Rust receiver
            self._special(m)
            return
        if m.kind == MethodKind.STATIC:
            self._def(fn.py_name, self._params(fn), self._returns(fn), fn.doc, ("staticmethod",), fn.is_async)
            return
        if m.kind == MethodKind.CLASS:
            self._def(fn.py_name, ["cls"] + self._params(fn), self._returns(fn), fn.doc, ("classmethod",), fn.is_async)
            return
        self._def(fn.py_name, ["self"] + self._params(fn), self._returns(fn), fn.doc, is_async=fn.is_async)

    def _special(self, m: Method) -> None:
        fn, name = m.fn, SEQUENCE_NAMES.get(m.fn.py_name, m.fn.py_name)
        if name == "__getattr__":
            # It lives in `tp_getattro`, which Python shows as `__getattribute__`; type checkers
            # read either as "other attributes have this type".
            if self.cls.method_named("__getattribute__") is not None:
                return
            name = "__getattribute__"
        params = [p for p in self._params(fn) if p != "/"]
        ret = FIXED_RESULTS.get(name) or self.ty(_unwrap_option(fn.ret) if name in ("__next__", "__anext__") else fn.ret)
        if name == "__richcmp__":
            other = params[0].split(":", 1)[1].strip() if params else "Any"
            for op in RICH:
                self._rich(op, other, ret)
            return
        if name in RICH:
            other = params[0].split(":", 1)[1].strip() if params else "Any"
            self._rich(name, other, ret)
            return
        if name in ("__pow__", "__rpow__") and len(params) == 2 and "=" not in params[1] and \
                params[1].endswith("None"):
            params[1] += " = None"  # `x ** y` passes no modulo
        elif name in ("__pow__", "__rpow__") and len(params) == 1:
            params.append("mod: None = None")  # the slot takes a modulo; this method ignores it
        if name == "__get__" and len(params) == 2 and "=" not in params[1]:
            params[1] += " = None"  # `owner` may be left out
        if name.startswith("__i") and SHAPES.get(name) == "inplace":
            ret = self.cls.py_name
            params = params[:1]  # `__ipow__`'s wrapper takes one operand; `**=` passes no modulo
        # A slot takes its operands by position only (`a[k] = v` names neither).
        call_like = name in ("__call__", "__init__")
        self._def(name, ["self"] + params + (["/"] if params and not call_like else []), ret, fn.doc)

    def _rich(self, name: str, other: str, ret: str) -> None:
        # `==`/`!=` accept any object (as `object.__eq__` does); others the declared type.
        self._def(name, ["self", f"other: {'object' if name in ('__eq__', '__ne__') else other}", "/"], ret)

    def _all_comparisons(self, defined: set[str]) -> None:
        """`tp_richcompare` answers all six operators; those the crate did not write give
        NotImplemented (Python then tries the reflected one), so they accept nothing."""
        if not defined & set(RICH[2:]) or "__richcmp__" in defined:
            return
        for op in RICH[2:]:
            if op not in defined:
                self._def(op, ["self", "other: NoReturn", "/"], "NoReturn")
                self.used.append("NoReturn")

    def _reflected_slots(self, defined: set[str]) -> None:
        """One number slot serves both `a op b` and `b op a`, so Python shows both methods;
        the one the crate did not write accepts nothing (it returns NotImplemented)."""
        for name in sorted(defined):
            shape, op = SHAPES.get(name), name[2:-2]
            if shape not in ("numeric", "ternary"):
                continue
            partner = f"__r{op}__" if op in NUMERIC else f"__{op[1:]}__"
            if partner in defined or SHAPES.get(partner) != shape:
                continue
            extra = ["mod: None = None"] if shape == "ternary" else []
            self._def(partner, ["self", "other: NoReturn", *extra, "/"], "NoReturn")
            self.used.append("NoReturn")
        if "__repeat__" in defined and "__rmul__" not in defined:  # `sq_repeat` serves `n * seq` too
            self._def("__rmul__", ["self", "count: int", "/"], self.cls.py_name)

    def _option_methods(self, defined: set[str]) -> None:
        cls, me = self.cls, self.cls.py_name
        has_cmp = "__richcmp__" in defined or bool(defined & set(COMPARE_OPS))
        if cls.has("eq") and not has_cmp:
            for op in ("__eq__", "__ne__"):
                self._rich(op, me, "bool")
        if cls.has("ord") and not has_cmp:
            for op in RICH[2:]:
                self._rich(op, me, "bool")
        if cls.has("hash") and "__hash__" not in defined:
            self._def("__hash__", ["self"], "int")
        elif (cls.has("eq") or "__eq__" in defined or "__richcmp__" in defined) and "__hash__" not in defined:
            self.body.append("    __hash__: ClassVar[None]  # type: ignore[assignment]")
            self.used.append("ClassVar")
        if cls.has("str") and "__str__" not in defined:
            self._def("__str__", ["self"], "str")
        if cls.simple_enum:
            if "__int__" not in defined:
                self._def("__int__", ["self"], "int")
        if cls.has("generic") and "__class_getitem__" not in defined:
            self._def("__class_getitem__", ["cls", "key: Any", "/"], "types.GenericAlias", decorators=("classmethod",))
            self.used += ["Any", "types.GenericAlias"]


def _adds_nothing(cls: PyClassDecl) -> bool:
    """A frozen class of no fields over `object` adds nothing to its instances (no borrow flag, no
    value): Python does not see it as a base of its own layout."""
    return (cls.kind == "struct" and cls.frozen and not cls.fields and "extends" not in cls.options
            and not any(cls.has(o) for o in ("dict", "weakref", "unsendable")))


_DEF = re.compile(r"    def (__\w+__)(\(.*)$")


def _mark_inplace_overrides(body: list[str]) -> None:
    """Python lets `a += b` take other operands than `a + b`; type checkers read `__iadd__`
    as an override of `__add__` and reject that. The stub says what the class does, so the
    check is silenced there, on the in-place method only."""
    heads = {m.group(1): (i, m.group(2)) for i, line in enumerate(body) if (m := _DEF.match(line))}
    for name, (i, rest) in heads.items():
        binary = "__" + name[3:] if name.startswith("__i") else ""
        if binary in heads and SHAPES.get(name) == "inplace" and heads[binary][1] != rest:
            line = body[i]
            body[i] = line + "  # type: ignore[misc]" if line.endswith(":") else line.replace(
                ": ...", ": ...  # type: ignore[misc]", 1)


def _unwrap_option(ty: TypeRef | None) -> TypeRef | None:
    """`Option<T>` / `PyResult<Option<T>>` → `T`: `None` ends the iteration."""
    if ty is not None and ty.is_named("PyResult", "Result") and ty.args:
        ty = ty.args[0]
    if ty is not None and ty.is_named("Option") and ty.args:
        return ty.args[0]
    return ty


def class_stub(cls: PyClassDecl, crate: Crate, annotate: Callable, docstring: Callable) -> tuple[list[str], list[str]]:
    stub = ClassStub(cls, crate, annotate, docstring)
    return stub.build(), stub.used
