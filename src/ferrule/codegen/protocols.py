"""Python's special methods: which type slot each fills and how it is called.

A `#[pymethods]` block's glue turns each special method into a Rust function
`__p_<name>` with the slot's C result type; the class's glue wraps those in the
C-ABI slot functions, combining the pairs one slot serves (`__add__` with
`__radd__`, `__setitem__` with `__delitem__`, `__eq__` ... `__ge__`).
"""

from __future__ import annotations

from ..parse.model import SLOT_KINDS, Method, MethodKind

# name -> shape. Shapes: unary (slf) -> PTR, hash, bool, len, binary (slf, arg) -> PTR,
# objobj (slf, arg) -> c_int, setitem (slf, key, value) -> c_int, numeric (either side may
# be the instance; the other operand's type mismatch gives NotImplemented), inplace,
# ternary (__pow__), compare (one operator), richcmp, call, traverse, clear, next.
SHAPES = {
    "__repr__": "unary", "__str__": "unary", "__iter__": "unary", "__next__": "next",
    "__neg__": "unary", "__pos__": "unary", "__abs__": "unary", "__invert__": "unary",
    "__int__": "unary", "__float__": "unary", "__index__": "unary",
    "__hash__": "hash", "__bool__": "bool", "__len__": "len",
    "__getitem__": "binary", "__contains__": "objobj", "__delitem__": "objobj", "__setitem__": "setitem",
    "__richcmp__": "richcmp", "__call__": "call", "__traverse__": "traverse", "__clear__": "clear",
    "__eq__": "compare", "__ne__": "compare", "__lt__": "compare", "__le__": "compare", "__gt__": "compare",
    "__ge__": "compare",
}

# The attribute, descriptor, async, sequence and buffer protocols, `__init__`.
SHAPES.update({
    "__getattr__": "binary", "__getattribute__": "binary", "__setattr__": "setitem", "__delattr__": "objobj",
    "__get__": "descr_get", "__set__": "setitem", "__delete__": "objobj",
    "__await__": "unary", "__aiter__": "unary", "__anext__": "anext",
    "__concat__": "binary", "__inplace_concat__": "binary", "__repeat__": "ssize", "__inplace_repeat__": "ssize",
    "__getbuffer__": "getbuffer", "__releasebuffer__": "releasebuffer", "__init__": "init",
})
# Special methods returning nothing to Python (`-1`/`0` in C).
UNIT_RESULT = ("__delitem__", "__delattr__", "__delete__")

# Names PyO3 does not bind as written: an error before cargo, with what to do.
UNSUPPORTED = {
    "__new__": "write the constructor as a method marked `#[new]`",
    "__del__": "`__del__` is not supported (as in PyO3): implement `Drop` for the type",
    "__buffer__": "implement `unsafe fn __getbuffer__(slf, view: *mut ffi::Py_buffer, flags: c_int)` instead",
    "__release_buffer__": "implement `unsafe fn __releasebuffer__(&self, view: *mut ffi::Py_buffer)` instead",
}

NUMERIC = ("add", "sub", "mul", "matmul", "truediv", "floordiv", "mod", "divmod", "lshift", "rshift", "and",
           "xor", "or", "pow")
NB_SLOT = {"add": "add", "sub": "subtract", "mul": "multiply", "matmul": "matrix_multiply",
           "truediv": "true_divide", "floordiv": "floor_divide", "mod": "remainder", "divmod": "divmod",
           "lshift": "lshift", "rshift": "rshift", "and": "and", "xor": "xor", "or": "or", "pow": "power"}
for _op in NUMERIC:
    SHAPES[f"__{_op}__"] = "ternary" if _op == "pow" else "numeric"
    SHAPES[f"__r{_op}__"] = "ternary" if _op == "pow" else "numeric"
    if _op not in ("divmod", "matmul") or _op == "matmul":
        SHAPES[f"__i{_op}__"] = "inplace"
SHAPES.pop("__idivmod__", None)

# unary-like name -> slot constant
UNARY_SLOTS = {
    "__repr__": "Py_tp_repr", "__str__": "Py_tp_str", "__iter__": "Py_tp_iter", "__next__": "Py_tp_iternext",
    "__neg__": "Py_nb_negative", "__pos__": "Py_nb_positive", "__abs__": "Py_nb_absolute",
    "__invert__": "Py_nb_invert", "__int__": "Py_nb_int", "__float__": "Py_nb_float", "__index__": "Py_nb_index",
    "__getitem__": "Py_mp_subscript", "__hash__": "Py_tp_hash", "__bool__": "Py_nb_bool",
    "__contains__": "Py_sq_contains",
    "__await__": "Py_am_await", "__aiter__": "Py_am_aiter", "__anext__": "Py_am_anext",
    "__concat__": "Py_sq_concat", "__inplace_concat__": "Py_sq_inplace_concat",
}
COMPARE_OPS = {"__lt__": "Py_LT", "__le__": "Py_LE", "__eq__": "Py_EQ", "__ne__": "Py_NE", "__gt__": "Py_GT",
               "__ge__": "Py_GE"}


def is_protocol(name: str) -> bool:
    return name in SHAPES


def is_slot_method(method: Method) -> bool:
    """Whether the method fills a type slot (`SLOT_KINDS`); `__traverse__`/`__clear__` need the object."""
    name = method.fn.py_name
    if name in ("__traverse__", "__clear__"):
        return method.kind == MethodKind.INSTANCE
    return method.kind in SLOT_KINDS and name in SHAPES
