"""`#[pyclass]` structs and enums, `#[pymethods]` impl blocks, and linking the two."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .attributes import string_value
from .blocks import is_local
from .class_new import add_from_fields
from .class_checks import (_check_traverse, check_class_options, check_constructor_result, check_field_options,
                           check_method_names, check_special)
from .functions import (apply_signature, check_async, check_cancel_handle, check_name_values, check_options,
                        collect_options, read_params)
from .model import (SLOT_KINDS, ClassField, Function, Method, MethodKind, MethodsBlock, Param, ParamKind,
                    PyClassDecl, TypeRef, Variant)
from .source import SourceFile, child_of_type
from .warn_option import read_warnings
from .types import type_ref

if TYPE_CHECKING:
    from .crate import Item, Walk

CLASS_OPTIONS = ("name", "module", "frozen", "subclass", "extends", "dict", "weakref", "eq", "ord", "hash", "str",
                 "get_all", "set_all", "eq_int", "rename_all", "crate", "unsendable", "freelist", "sequence",
                 "mapping", "immutable_type", "generic", "from_py_object", "skip_from_py_object", "new")
FIELD_OPTIONS = ("get", "set", "name")
METHOD_OPTIONS = ("name", "signature", "text_signature", "warn")
METHOD_MARKERS = ("new", "getter", "setter", "deleter", "staticmethod", "classmethod", "classattr")
RENAME_RULES = ("camelCase", "kebab-case", "lowercase", "PascalCase", "SCREAMING-KEBAB-CASE",
                "SCREAMING_SNAKE_CASE", "snake_case", "UPPERCASE")


def rename(name: str, rule: str | None) -> str:
    if not rule:
        return name
    words = [w for w in name.split("_") if w] if "_" in name or name.islower() else _split_camel(name)
    if rule == "camelCase":
        return words[0].lower() + "".join(w.capitalize() for w in words[1:]) if words else name
    if rule == "PascalCase":
        return "".join(w.capitalize() for w in words)
    if rule == "snake_case":
        return "_".join(w.lower() for w in words)
    if rule == "SCREAMING_SNAKE_CASE":
        return "_".join(w.upper() for w in words)
    if rule == "kebab-case":
        return "-".join(w.lower() for w in words)
    if rule == "SCREAMING-KEBAB-CASE":
        return "-".join(w.upper() for w in words)
    if rule == "lowercase":
        return "".join(w.lower() for w in words)
    if rule == "UPPERCASE":
        return "".join(w.upper() for w in words)
    return name


def _split_camel(name: str) -> list[str]:
    words, current = [], ""
    for ch in name:
        if ch.isupper() and current:
            words.append(current)
            current = ""
        current += ch
    return words + ([current] if current else [])


def read_pyclass(walk: "Walk", src: SourceFile, item: "Item", module_path: tuple[str, ...]) -> PyClassDecl | None:
    node = item.node
    name_node = node.child_by_field_name("name")
    if name_node is None:
        return None
    rust_name = src.text(name_node)
    options = collect_options(item, "pyclass")
    check_options(walk, options, CLASS_OPTIONS, "`#[pyclass]`")
    check_name_values(walk, options)
    opts: dict[str, str | None] = {o.key: o.value for o in options}
    py_name = (string_value(opts.get("name")) or opts.get("name") or rust_name).removeprefix("r#")
    decl = PyClassDecl(rust_name, py_name, "struct" if node.type == "struct_item" else "enum", item.doc,
                       src.span(name_node), walk.glue_key(src, node), module_path, opts,
                       option_spans={o.key: o.span for o in options})
    decl.cfgs = _cfgs(item)
    decl.repr_type = _repr_type(item)
    check_class_options(walk, decl)
    if "rename_all" in opts and string_value(opts["rename_all"]) not in RENAME_RULES:
        walk.error(f"unknown `rename_all` rule {opts['rename_all']}", decl.span, "rules: " + ", ".join(RENAME_RULES))
    tparams = node.child_by_field_name("type_parameters")
    if tparams is not None:
        walk.error(f"generic `#[pyclass]` `{rust_name}` is not supported", src.span(tparams),
                   "Python needs one concrete type: wrap a concrete instantiation in a new struct")
        decl.generics = True
    body = node.child_by_field_name("body")
    if decl.kind == "struct":
        decl.fields = _read_fields(walk, src, body, decl) if body is not None else []
        if body is None and ("get_all" in opts or "set_all" in opts):
            for opt in [o for o in ("set_all", "get_all") if o in opts]:
                walk.error(f"`{opt}` on the unit struct `{rust_name}`, which has no fields", decl.option_spans[opt],
                           "remove the option, or give the struct fields")
    else:
        decl.variants = _read_variants(walk, src, body, decl) if body is not None else []
        if not decl.variants:
            walk.error(f"`#[pyclass]` enum `{rust_name}` has no variants", decl.span,
                       "a Python enum needs at least one variant")
        for bad in [v for v in decl.variants if v.unit] if decl.complex_enum else []:
            walk.error(f"unit variant `{rust_name}::{bad.rust_name}` in a `#[pyclass]` enum whose other variants "
                       "have fields", bad.span, f"write it as an empty tuple variant: `{bad.rust_name}()`")
        for v in decl.variants if decl.complex_enum else []:
            for f in v.fields:
                f.get, f.set = True, False
    add_from_fields(walk, decl)
    return decl


def struct_fields(src: SourceFile, body):
    """(item, name, type node) of each field of a struct body; tuple fields are named "0", "1", ..."""
    from .crate import _items

    tuple_like = body.type == "ordered_field_declaration_list"
    index = 0
    for item in _items(src, body):
        node = item.node
        if tuple_like:
            if node.type == "visibility_modifier":
                continue
            yield item, str(index), node
            index += 1
        elif node.type == "field_declaration":
            name_node, ty_node = node.child_by_field_name("name"), node.child_by_field_name("type")
            if name_node is not None and ty_node is not None:
                yield item, src.text(name_node), ty_node


def _read_fields(walk: "Walk", src: SourceFile, body, decl: PyClassDecl) -> list[ClassField]:
    fields: list[ClassField] = []
    rule = string_value(decl.options.get("rename_all"))
    tuple_like = body.type == "ordered_field_declaration_list"
    for item, name, ty_node in struct_fields(src, body):
        node = item.node
        options = collect_options(item, "pyo3")
        check_options(walk, options, FIELD_OPTIONS, "a `#[pyclass]` field")
        check_field_options(walk, decl, options)
        opts = {o.key: o.value for o in options}
        py_name = (string_value(opts.get("name")) or "").removeprefix("r#") or rename(name.removeprefix("r#"), rule)
        field = ClassField(name, py_name, type_ref(src, ty_node), src.span(node),
                           get="get" in opts or decl.has("get_all"), set="set" in opts or decl.has("set_all"),
                           doc=item.doc, cfgs=_cfgs(item))
        if field.set and decl.frozen:
            walk.error(f"field `{name}` of frozen class `{decl.rust_name}` cannot have a setter",
                       next((o.span for o in options if o.key == "set"), field.span),
                       "remove `set` (frozen classes cannot be mutated from Python)")
        if (field.get or field.set) and tuple_like:
            walk.error("`get`/`set` on a tuple struct field needs `name = \"...\"`", field.span) \
                if "name" not in opts else None
        fields.append(field)
    return fields


def _read_variants(walk: "Walk", src: SourceFile, body, decl: PyClassDecl) -> list[Variant]:
    from .crate import _items

    variants = []
    rule = string_value(decl.options.get("rename_all"))
    for item in _items(src, body):
        node = item.node
        if node.type != "enum_variant":
            continue
        name = src.text(node.child_by_field_name("name"))
        options = collect_options(item, "pyo3")
        check_options(walk, options, ("name", "constructor"), "an enum variant")
        opts = {o.key: o.value for o in options}
        py_name = (string_value(opts.get("name")) or "").removeprefix("r#") or rename(name.removeprefix("r#"), rule)
        variant = Variant(name, py_name, src.span(node), cfgs=_cfgs(item))
        vbody = node.child_by_field_name("body")
        if vbody is not None:
            variant.tuple_like = vbody.type == "ordered_field_declaration_list"
            variant.braced = not variant.tuple_like
            variant.fields = _read_fields(walk, src, vbody, decl)
        ctor = next((o for o in options if o.key == "constructor"), None)
        if ctor is not None:
            variant.constructor = _variant_constructor(walk, decl, variant, ctor)
        variants.append(variant)
    return variants


def variant_params(variant: Variant) -> list[Param]:
    """The constructor parameters of a complex enum's variant: its fields
    (`_0`, `_1`... for a tuple variant, positional-only)."""
    kind = ParamKind.POSITIONAL_ONLY if variant.tuple_like else ParamKind.POSITIONAL_OR_KEYWORD
    return [Param(f"_{f.rust_name}" if variant.tuple_like else f.py_name, f.ty, f.span, kind) for f in variant.fields]


def _variant_constructor(walk: "Walk", decl: PyClassDecl, variant: Variant, option) -> list[Param]:
    """`#[pyo3(constructor = (a = 1, b = None))]`: a signature over the fields."""
    fn = Function(variant.rust_name, variant.py_name, variant_params(variant), None, "", variant.span,
                  decl.key, decl.module_path)
    apply_signature(walk, fn, option)
    return fn.params


def read_pymethods(walk: "Walk", src: SourceFile, item: "Item", module_path: tuple[str, ...]) -> MethodsBlock | None:
    from .crate import _items

    node = item.node
    ty = node.child_by_field_name("type")
    if ty is None:
        return None
    if node.child_by_field_name("trait") is not None:
        walk.error("`#[pymethods]` goes on an inherent `impl`, not a trait impl", src.span(node))
        return None
    tref = type_ref(src, ty)
    block = MethodsBlock(tref.text, tref.name or tref.text, src.span(ty), walk.glue_key(src, node), module_path,
                         cfgs=_cfgs(item))
    body = node.child_by_field_name("body")
    for inner in _items(src, body) if body is not None else []:
        if inner.node.type == "function_item":
            method = _read_method(walk, src, inner, module_path, block.self_name)
            if method is not None:
                block.methods.append(method)
        elif inner.node.type == "const_item":
            from .crate import attribute_named

            if attribute_named(inner, "classattr"):
                name = src.text(inner.node.child_by_field_name("name"))
                ty_node = inner.node.child_by_field_name("type")
                opts = {o.key: o.value for o in collect_options(inner, "pyo3")}
                fn = Function(name, string_value(opts.get("name")) or name.removeprefix("r#"), [],
                              type_ref(src, ty_node) if ty_node is not None else None, inner.doc,
                              src.span(inner.node), block.key, module_path)
                block.methods.append(Method(fn, MethodKind.CLASSATTR, is_const=True))
    return block


def _receiver(src: SourceFile, node) -> str | None:
    params = node.child_by_field_name("parameters")
    self_param = child_of_type(params, "self_parameter") if params is not None else None
    if self_param is None:
        return None
    text = src.text(self_param).replace(" ", "")
    if text.startswith("&mut") or text.startswith("&'"):
        return "mut" if "mut" in text else "ref"
    if text.startswith("&"):
        return "ref"
    return "value"


def _receiver_lifetime(src: SourceFile, node) -> bool:
    params = node.child_by_field_name("parameters")
    self_param = child_of_type(params, "self_parameter") if params is not None else None
    return self_param is not None and src.text(self_param).replace(" ", "").startswith("&'")


def _self_param_kind(ty: TypeRef, self_name: str = "Self") -> str | None:
    """The receiver kind of an explicit `slf: ...` parameter (of `Self` or the class named so), or None."""
    target = ty.arg() if ty.kind == "ref" else ty
    if target is None or target.kind != "path" or not target.args:
        return None
    inner = target.args[0]
    if not (inner.is_named("Self") or (inner.is_named(self_name) and not inner.args)):
        return None
    if target.name == "PyRef":
        return "pyref"
    if target.name == "PyRefMut":
        return "pyrefmut"
    if target.name == "PyClassGuard":
        return "guard"
    if target.name == "PyClassGuardMut":
        return "guardmut"
    if target.name == "Bound":
        return "bound_ref" if ty.kind == "ref" else "bound"
    if target.name == "Py":
        return "py"
    return None


def _read_method(walk: "Walk", src: SourceFile, item: "Item", module_path: tuple[str, ...],
                 self_name: str = "Self") -> Method | None:
    from .crate import attribute_named, check_doc

    node = item.node
    name_node = node.child_by_field_name("name")
    if name_node is None:
        return None
    rust_name = src.text(name_node)
    check_doc(walk, item)
    options = collect_options(item, "pyo3")
    markers = [m for m in METHOD_MARKERS if attribute_named(item, m)]
    for m in markers:
        attr = attribute_named(item, m)
        if m in ("getter", "setter", "deleter") and attr is not None and attr.args:
            options.append(_name_option(attr))
    check_options(walk, options, METHOD_OPTIONS + ("getter_name",), "a `#[pymethods]` function")
    check_method_names(walk, item, markers, options)
    check_name_values(walk, options)
    takes_cls = markers == ["new", "classmethod"]  # a constructor handed the type being built
    if takes_cls:
        markers = ["new"]
    if len(markers) > 1:
        walk.error(f"`{rust_name}` has conflicting attributes: " + ", ".join(f"#[{m}]" for m in markers),
                   src.span(name_node))
    opts = {o.key: o for o in options}
    kind = {"new": MethodKind.NEW, "getter": MethodKind.GETTER, "setter": MethodKind.SETTER, "deleter": MethodKind.DELETER,
            "staticmethod": MethodKind.STATIC, "classmethod": MethodKind.CLASS,
            "classattr": MethodKind.CLASSATTR}.get(markers[0] if markers else "", MethodKind.INSTANCE)
    params = read_params(walk, src, node)
    receiver = _receiver(src, node)
    if receiver is None and params and kind not in (MethodKind.STATIC, MethodKind.CLASS, MethodKind.NEW):
        explicit = _self_param_kind(params[0].ty, self_name)
        if explicit is not None:
            receiver = explicit
            params = params[1:]
    cls_type = ""
    if kind == MethodKind.CLASS or takes_cls:
        cls_type = params[0].ty.text.replace(" ", "") if params else ""
        if not params:
            walk.error(f"`#[classmethod]` `{rust_name}` must take the class first: `cls: &Bound<'_, PyType>`",
                       src.span(name_node))
        elif "PyType" not in params[0].ty.text:
            walk.error("Expected `&Bound<PyType>` or `Py<PyType>` as the first argument to `#[classmethod]`",
                       params[0].span, f"take the class first: `cls: &Bound<'_, PyType>`, then `{params[0].name}`")
            params = params[1:]
        else:
            params = params[1:]
    ret_node = node.child_by_field_name("return_type")
    py_name = rust_name.removeprefix("r#")
    if "name" in opts:
        py_name = (string_value(opts["name"].value) or py_name).removeprefix("r#")  # PyO3 unraws names
    fn = Function(rust_name, py_name, params, type_ref(src, ret_node) if ret_node is not None else None, item.doc,
                  src.span(name_node), GlueKeyless, module_path, gated=attribute_named(item, "cfg") is not None,
                  ret_span=src.span(ret_node) if ret_node is not None else None)
    fn.cfgs = _cfgs(item)
    if "text_signature" in opts:
        value = opts["text_signature"].value
        fn.text_signature = "" if value == "None" else (string_value(value) or "")
    supported = kind not in SLOT_KINDS or check_special(walk, src, item, py_name, opts)
    if "signature" in opts:
        fn.signature_given = True
        apply_signature(walk, fn, opts["signature"])
    fn.warnings = read_warnings(walk, options)
    if fn.warnings and (kind == MethodKind.CLASSATTR or py_name == "__traverse__"):
        what = "#[classattr]" if kind == MethodKind.CLASSATTR else "__traverse__"
        where = next(o.span for o in options if o.key == "warn")
        walk.error(f"{what} cannot be used with #[pyo3(warn)]", where,
                   "nothing calls it from Python code that could see the warning")
    fn.is_async = check_async(walk, src, node)[0]
    if fn.is_async and (kind not in (MethodKind.INSTANCE, MethodKind.STATIC, MethodKind.CLASS) or _is_slot(py_name)):
        what = f"#[{markers[0]}]" if markers else f"special method `{py_name}`"
        walk.error(f"`async fn` cannot be a {what}", src.span(name_node),
                   "only plain, static and class methods can be `async fn` (as in PyO3); return a future's "
                   "result from a plain method instead")
        fn.is_async = False
    check_cancel_handle(walk, fn)
    method = Method(fn, kind, receiver, cls_type=cls_type, receiver_lifetime=_receiver_lifetime(src, node))
    check_constructor_result(walk, method)
    if kind in (MethodKind.GETTER, MethodKind.SETTER, MethodKind.DELETER):
        explicit = (string_value(opts["getter_name"].value) or opts["getter_name"].value.removeprefix("r#")
                    if "getter_name" in opts else None)
        prefix = {MethodKind.GETTER: "get_", MethodKind.SETTER: "set_", MethodKind.DELETER: "delete_"}[kind]
        method.attr_name = explicit or (py_name if "name" in opts else py_name.removeprefix(prefix))
    if receiver is not None and kind in (MethodKind.STATIC, MethodKind.NEW, MethodKind.CLASSATTR):
        walk.error(f"`{rust_name}` takes `self` but is a #[{markers[0]}]", src.span(name_node))
    if receiver is None and supported and kind in (MethodKind.INSTANCE, MethodKind.GETTER, MethodKind.SETTER,
                                                   MethodKind.DELETER):
        first = next((p for p in fn.params if p.kind != ParamKind.PYTHON), None)
        if first is not None and first.name.lstrip("_") in ("slf", "self_", "this"):
            # Meant as the receiver (PyO3 takes the first parameter as it), but its type cannot hold the object.
            walk.error(f"`{first.name}: {first.ty.text}` cannot be the receiver of `{rust_name}`: a method's "
                       "receiver is `&self`, `&mut self`, or the object as `PyRef<Self>`, `PyRefMut<Self>`, "
                       "`&Bound<Self>`, `Bound<Self>` or `Py<Self>`", first.span,
                       f"write `{first.name}: PyRef<'_, Self>` (or `&self`), or mark it `#[staticmethod]`")
        else:
            walk.error(f"method `{rust_name}` has no `self`", src.span(name_node),
                       "add `&self`, or mark it `#[staticmethod]`")
    if receiver == "value":
        walk.error(f"method `{rust_name}` takes `self` by value; take `&self` or `slf: Py<Self>`",
                   src.span(name_node))
    if kind == MethodKind.CLASSATTR and fn.visible_params():
        walk.error(f"`#[classattr]` `{rust_name}` cannot take parameters (only `py: Python<'_>`)",
                   fn.visible_params()[0].span, "a class attribute is computed once, with no arguments")
    if rust_name == "__traverse__" and kind == MethodKind.INSTANCE:
        _check_traverse(walk, src, name_node, method)
    _check_arity(walk, src, name_node, method)
    return method


def _is_slot(py_name: str) -> bool:
    from ..codegen.protocols import SHAPES

    return py_name in SHAPES


# Non-Python arguments each special method's slot passes: (least, most).
_SHAPE_ARITY = {"unary": (0, 0), "next": (0, 0), "hash": (0, 0), "bool": (0, 0), "len": (0, 0),
                "clear": (0, 0), "binary": (1, 1), "objobj": (1, 1), "numeric": (1, 1), "compare": (1, 1),
                "inplace": (1, 1), "setitem": (2, 2), "ternary": (1, 2), "richcmp": (2, 2),
                "descr_get": (2, 2), "anext": (0, 0), "ssize": (1, 1), "getbuffer": (2, 2), "releasebuffer": (1, 1)}


def _check_arity(walk: "Walk", src: SourceFile, name_node, method: Method) -> None:
    """The glue calls each getter, setter and special method with exactly what its slot gives."""
    from ..codegen.protocols import SHAPES, is_slot_method

    fn = method.fn
    visible = fn.visible_params()
    if method.kind == MethodKind.GETTER and visible:
        walk.error("getter function can only have one argument (of type pyo3::Python)", visible[0].span,
                   f"a getter takes only `&self` (and `py: Python<'_>`); remove `{visible[0].name}`")
    elif method.kind == MethodKind.SETTER and len(visible) != 1:
        walk.error("setter function expected to have one argument", src.span(name_node),
                   "a setter takes `&mut self` and the new value: `fn set_x(&mut self, value: T)`")
    elif is_slot_method(method):
        least, most = _SHAPE_ARITY.get(SHAPES[fn.py_name], (0, len(visible)))
        if fn.py_name == "__ipow__":  # may take the modulo too, as PyO3 allows
            most = 2
        if len(visible) > most:
            walk.error(f"Expected at most {most} non-python arguments", visible[most].span,
                       f"`{fn.py_name}` receives {most} argument{'s' if most != 1 else ''} from Python "
                       f"besides `self`; remove `{visible[most].name}`")
        elif len(visible) < least:
            walk.error(f"Expected {least} arguments, got {len(visible)}", src.span(name_node),
                       f"`{fn.py_name}` receives {least} argument{'s' if least != 1 else ''} from Python besides `self`")


def _name_option(attr):
    from .attributes import Option_

    from .model import Span

    return Option_("getter_name", attr.args.strip(), Span(attr.span.path, *attr.args_offset))


class _NoKey:
    file = ""
    line = 0

    def relpath(self) -> str:
        return ""


GlueKeyless = _NoKey()  # methods have no glue file of their own: their block does


_NAMESPACE = (MethodKind.INSTANCE, MethodKind.STATIC, MethodKind.CLASS, MethodKind.CLASSATTR)


def _check_duplicates(walk: "Walk", cls: PyClassDecl) -> None:
    """Two methods under one Python name (or two `#[new]`): one would silently replace the other.
    Items under `#[cfg]` may be alternatives that never meet, so they are left to the build."""
    seen: dict[str, Method] = {}
    new: Method | None = None
    for method in cls.methods():
        fn = method.fn
        if fn.gated:
            continue
        if method.kind == MethodKind.NEW:
            if new is not None:
                walk.error(f"`{cls.rust_name}` has a second `#[new]`, `{fn.rust_name}`", fn.span,
                           f"the first is `{new.fn.rust_name}` at line {new.fn.span.line}; a class has one constructor")
            new = method
        elif method.kind in _NAMESPACE:
            if fn.py_name == "__class_getitem__" and "generic" in cls.options:
                walk.error(f"`{cls.rust_name}` defines `__class_getitem__`, which `#[pyclass(generic)]` "
                           "already defines", fn.span, "remove `generic` to keep this method, or remove the method")
            first = seen.setdefault(fn.py_name, method)
            if first is not method:
                walk.error(f"`{cls.rust_name}` defines `{fn.py_name}` twice", fn.span,
                           f"also `{first.fn.rust_name}` at line {first.fn.span.line}; rename one (`#[pyo3(name = \"...\")]`)")


_INTEGERS = ("u8", "i8", "u16", "i16", "u32", "i32", "u64", "i64", "u128", "i128", "usize", "isize")


def _repr_type(item) -> str:
    """The integer of `#[repr(u8)]` / `#[repr(C, u16, align(8))]`; `isize` otherwise (rustc's default)."""
    for attr in item.attrs:
        if attr.name == "repr" and attr.args:
            found = [w.strip() for w in attr.args.split(",") if w.strip() in _INTEGERS]
            if found:
                return found[0]
    return "isize"


def _cfgs(item) -> tuple[str, ...]:
    return tuple(" ".join(a.args.split()) for a in item.attrs if a.name == "cfg" and a.args)


def _visible_classes(candidates: list[PyClassDecl], at: tuple[str, ...]) -> list[PyClassDecl]:
    """The classes of that name an `impl` at `at` names: the innermost block's or module's (a body's
    items shadow the module's), else any outside function bodies (`impl crate::a::K` in another module)."""
    while True:
        here = [c for c in candidates if c.module_path == at]
        if here:
            return here
        if not is_local(at[-1:]):
            return [c for c in candidates if not is_local(c.module_path)]
        at = at[:-1]


def link_classes(walk: "Walk") -> None:
    """Attaches every `#[pymethods]` block to its class (by the type's last path segment)."""
    crate = walk.crate
    by_name: dict[str, list[PyClassDecl]] = {}
    for cls in crate.classes:  # `r#Name` and `Name` are one identifier
        by_name.setdefault(cls.rust_name.removeprefix("r#"), []).append(cls)
    for block in crate.method_blocks:
        chosen = _visible_classes(by_name.get(block.self_name.removeprefix("r#"), []), block.module_path)
        if not chosen:
            walk.error(f"`#[pymethods]` for `{block.self_type}`, which is not a `#[pyclass]` of this crate",
                       block.span, f"add `#[pyclass]` to `{block.self_name}`")
            continue
        if len(chosen) > 1:  # `#[cfg]` alternatives (a build not in view): the one under the block's cfgs
            same = [c for c in chosen if c.cfgs == block.cfgs and c.cfgs]
            chosen = same if len(same) == 1 else chosen
        if len(chosen) > 1:
            walk.error(f"`{block.self_name}` names several `#[pyclass]` types; ferrule cannot tell which this "
                       "`#[pymethods]` block is for", block.span, "give the classes distinct Rust names")
            continue
        if is_local(block.module_path) and chosen[0].module_path[:len(block.module_path)] != block.module_path:
            walk.error(f"`#[pymethods]` for `{block.self_name}` is inside a function body (or a `const` block) that does "
                       f"not declare `{block.self_name}`; ferrule binds such a block only in the body (or block) "
                       "declaring its class", block.span, f"move the `impl` next to `{block.self_name}`")
            continue
        chosen[0].blocks.append(block)
        if chosen[0].frozen:
            for m in block.methods:
                if m.receiver in ("mut", "pyrefmut", "guardmut"):
                    taken = {"mut": "&mut self", "pyrefmut": "PyRefMut<Self>", "guardmut": "PyClassGuardMut<Self>"}
                    walk.error(f"`{m.fn.rust_name}` takes `{taken[m.receiver]}`, "
                               f"but `{chosen[0].rust_name}` is `frozen`: its value is shared with no borrow flag "
                               "and is never mutated", m.fn.span,
                               "take `&self` and keep mutable state in a `Mutex` or atomics, or remove `frozen`")
    for cls in crate.classes:
        _check_duplicates(walk, cls)
