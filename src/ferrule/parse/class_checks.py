"""Rules on `#[pyclass]` options and `#[pymethods]` special methods that PyO3 enforces, checked before cargo."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .model import ParamKind, PyClassDecl
from .source import SourceFile, child_of_type

if TYPE_CHECKING:
    from .crate import Item, Walk

# Slots whose C contract the compiler cannot check: the method is an `unsafe fn`, so its caller
# (the glue) vouches for the raw pointer, as PyO3 requires.
UNSAFE_SLOTS = ("__getbuffer__", "__releasebuffer__")


def check_class_options(walk: "Walk", decl: PyClassDecl) -> None:
    opts, where = decl.options, decl.option_spans
    if "from_py_object" in opts and "skip_from_py_object" in opts:
        walk.error("`skip_from_py_object` and `from_py_object` are mutually exclusive", decl.span)
    if decl.kind == "enum" and "generic" in opts:
        walk.error("`generic` is for structs: an enum `#[pyclass]` cannot be generic", where["generic"],
                   "remove `generic`")


def check_special(walk: "Walk", src: SourceFile, item: "Item", py_name: str, opts) -> bool:
    """A special method lands in its slot, where PyO3's rules apply: no
    `signature` (except `__call__`/`__init__`), no `text_signature`; names PyO3
    does not bind as written are errors. Other dunders are plain methods."""
    from ..codegen.protocols import SHAPES, UNSUPPORTED

    span = src.span(item.node.child_by_field_name("name"))
    if py_name in UNSUPPORTED:
        walk.error(f"special method `{py_name}` is not supported", span, UNSUPPORTED[py_name])
        return False
    if py_name not in SHAPES:
        return True
    if "signature" in opts and py_name not in ("__call__", "__init__"):
        walk.error(f"`signature` cannot be used with magic method `{py_name}`", opts["signature"].span)
    if "text_signature" in opts:
        walk.error(f"`text_signature` cannot be used with magic method `{py_name}`", opts["text_signature"].span)
    if py_name in UNSAFE_SLOTS and not _is_unsafe(src, item.node):
        walk.error(f"`{py_name}` has to be an `unsafe fn`", span,
                   f"write `unsafe fn`: CPython hands `{py_name}` a raw `Py_buffer` whose contract only the "
                   "method can keep")
    return True


def _is_unsafe(src: SourceFile, node) -> bool:
    modifiers = child_of_type(node, "function_modifiers")
    return modifiers is not None and "unsafe" in src.text(modifiers).split()


def check_constructor_result(walk: "Walk", method) -> None:
    """`#[new]` returning `(Self, Base)` builds (each level's value), but PyO3 0.29 deprecates it."""
    from .model import MethodKind

    ret = method.fn.ret
    if method.kind != MethodKind.NEW or ret is None or method.fn.ret_span is None:
        return
    inner = ret.args[0] if ret.is_named("PyResult", "Result") and ret.args else ret
    if inner.kind == "tuple" and len(inner.args) == 2:
        walk.warn(f"`#[new]` `{method.fn.rust_name}` returns `{inner.text}`: a tuple of the class and its base is "
                  "deprecated (PyO3 0.29)", method.fn.ret_span,
                  f"return `PyClassInitializer::from({inner.args[1].text}).add_subclass({inner.args[0].text})` "
                  "(with the values) instead")


def check_field_options(walk: "Walk", decl: PyClassDecl, options) -> None:
    """A field's `get`/`set` that the class's `get_all`/`set_all` already gives, and options written twice."""
    seen = set()
    for opt in options:
        if opt.key in seen:
            walk.error(f"`{opt.key}` is given twice for one field", opt.span, "keep one of them")
        seen.add(opt.key)
        if opt.key in ("get", "set") and decl.has(f"{opt.key}_all"):
            walk.error(f"`{opt.key}` on a field of `{decl.rust_name}` repeats the class's `{opt.key}_all`", opt.span,
                       f"remove `{opt.key}` here: `{opt.key}_all` already covers every field")


def check_method_names(walk: "Walk", item: "Item", markers: list[str], options) -> None:
    """`name` (or a getter/setter's own name) given once, never on a constructor, and spelled as an
    identifier or string; `#[getter = x]` is not how a property is named."""
    from .attributes import Option_
    from .crate import attribute_named
    from .model import Span

    for m in ("getter", "setter", "deleter"):
        attr = attribute_named(item, m) if m in markers else None
        if attr is None:
            continue
        if attr.value is not None:
            walk.error(f"`#[{m} = ...]` does not name the property", attr.span,
                       f"write `#[{m}(name)]` or `#[{m}(\"name\")]`")
        elif attr.args is not None and attr.args.strip():
            value = attr.args.strip()
            if not (value[0].isalpha() or value[0] == "_" or value.startswith(("\"", "r#"))):
                walk.error(f"a property name is an identifier or a string literal, not `{value}`",
                           Span(attr.span.path, *attr.args_offset), f"write `#[{m}(name)]`")
    names = [o for o in options if isinstance(o, Option_) and o.key in ("name", "getter_name")]
    for extra in names[1:]:
        walk.error("the Python name is given twice", extra.span, "keep one `name` (or the getter's own name)")
    if names and "new" in markers:
        walk.error("`name` cannot be used with `#[new]`: a constructor is always `__new__`", names[0].span,
                   "remove `name`")


TRAVERSE_HINT = ("Usually, an implementation of `__traverse__(&self, visit: PyVisit<'_>) -> Result<(), PyTraverseError>` "
                 "should do nothing but calls to `visit.call`. Most importantly, safe access to the Python interpreter "
                 "is prohibited inside implementations of `__traverse__`, i.e. `Python::attach` will panic.")


def _check_traverse(walk: "Walk", src: SourceFile, name_node, method: Method) -> None:
    """`__traverse__` runs inside the collector: `&self` only (a `PyRef` or `Bound`
    would give it a `Python`), and no `Python` parameter."""
    if method.receiver != "ref":
        walk.error("__traverse__ may not take a receiver other than `&self`. " + TRAVERSE_HINT, src.span(name_node))
    if any(p.kind == ParamKind.PYTHON for p in method.fn.params):
        walk.error("__traverse__ may not take `Python`. " + TRAVERSE_HINT, src.span(name_node))
