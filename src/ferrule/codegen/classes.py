"""Glue of a `#[pyclass]`: its `PyTypeInfo`/`PyClass` impls, conversions, field
properties, enum variants, and the C slot functions built from the special
methods of all its `#[pymethods]` blocks (whose glue is referenced by path)."""

from __future__ import annotations

from ..parse.class_new import from_fields_impl
from ..parse.model import SLOT_KINDS, Crate, MethodKind, MethodsBlock, PyClassDecl
from .glue import ALLOWS, PTR, c_string, cfg_prefix, ident
from .enum_variants import instance_type, variant_class_attrs, variant_fn
from .methods import PYCLASS, block_glue
from .protocols import COMPARE_OPS, NB_SLOT, NUMERIC, SHAPES, UNARY_SLOTS, is_slot_method
from .signature import parameter_list

FFI = "_ferrule::ffi"


def generate_class_glue(crate: Crate) -> dict[str, str]:
    files: dict[str, str] = {}
    for cls in crate.classes:
        files[cls.key.relpath()] = class_glue(cls, crate)
        for block in cls.blocks:
            if not block.generated:  # a generated block's glue is the class's (`parse/class_new.py`)
                files[block.key.relpath()] = block_glue(cls, block, crate.runtime_crate)
    return files


def block_path(cls: PyClassDecl, block: MethodsBlock) -> str:
    if block.key.local:  # beside the class in a function body (the parser checks): by its bare name
        return block.glue_mod
    if block.module_path == cls.module_path:
        return f"self::{block.glue_mod}"
    return "crate::" + "::".join(block.module_path + (block.glue_mod,))


def class_doc(cls: PyClassDecl) -> str:
    new = next((m for m in cls.methods() if m.kind == MethodKind.NEW), None)
    if new is None:
        return cls.doc
    sig = new.fn.text_signature
    if sig is None:
        sig = "(" + ", ".join(parameter_list(new.fn)) + ")"
    return f"{cls.py_name}{sig}\n--\n\n{cls.doc}" if sig else cls.doc


TRAMPOLINES = "_ferrule::impl_::trampoline"


def slot_fn(fn_name: str, args: str, ret: str, body: str | None = None, direct: str | None = None,
            unused: str = "") -> str:
    """A C slot function `fn_name(args) -> ret` handing its arguments to the
    runtime's shared trampoline (`slot1`..`slot3`, `richcmp`), with either
    `direct` (a plain `fn` with the body's signature) or `body` (the lines of a
    plain `fn __b_<fn_name>`, generated here) as the body: no closure per slot.
    `unused` parameters (a property's closure) are not passed on."""
    names = [a.split(":")[0].strip() for a in args.split(",")]
    types = [a.split(":", 1)[1].strip() for a in args.split(",")]
    if "::core::ffi::c_int" in types:
        helper = "richcmp"
    else:
        helper = f"slot{len(names)}"
    target = direct or f"__b_{fn_name}"
    text = (f"    unsafe extern \"C\" fn {fn_name}({args}{unused}) -> {ret} {{\n"
            f"        unsafe {{ {TRAMPOLINES}::{helper}({target}, {', '.join(names)}) }}\n    }}\n")
    if direct is None:
        text += (f"    unsafe fn __b_{fn_name}(py: _ferrule::Python<'_>, {args}) -> _ferrule::PyResult<{ret}> {{\n"
                 f"        unsafe {{ {body} }}\n    }}\n")
    return text


class _Slots:
    def __init__(self, name: str):
        self.name = name
        self.fns: list[str] = []
        self.lines: list[str] = []

    def add(self, slot: str, fn_name: str, args: str, ret: str, body: str | None = None,
            direct: str | None = None) -> None:
        self.fns.append(slot_fn(fn_name, args, ret, body, direct))
        self.slot(slot, fn_name)

    def slot(self, slot: str, fn_path: str) -> None:
        self.lines.append(f"            b.slot({FFI}::{slot}, {fn_path} as *mut ::core::ffi::c_void);")


def _protocol_slots(cls: PyClassDecl, s: _Slots) -> None:
    protos = {}
    for block in cls.blocks:
        for m in block.methods:
            if is_slot_method(m):
                protos[m.fn.py_name] = f"{block_path(cls, block)}::__p_{m.fn.py_name.strip('_')}"
        for m in block.methods:
            if m.kind == MethodKind.NEW:
                s.slot("Py_tp_new", f"{block_path(cls, block)}::__new")
    p1 = f"slf: {PTR}"
    for name, slot in UNARY_SLOTS.items():
        if name not in protos:
            continue
        shape = SHAPES[name]
        fn = f"__slot_{name.strip('_')}"
        if shape in ("unary", "next", "anext"):
            s.add(slot, fn, p1, PTR, direct=protos[name])
        elif shape == "hash":
            s.add(slot, fn, p1, f"{FFI}::Py_hash_t", direct=protos[name])
        elif shape == "bool":
            s.add(slot, fn, p1, "::core::ffi::c_int", direct=protos[name])
        elif shape == "binary":
            s.add(slot, fn, f"{p1}, arg: {PTR}", PTR, direct=protos[name])
        elif shape == "objobj":
            s.add(slot, fn, f"{p1}, arg: {PTR}", "::core::ffi::c_int", direct=protos[name])
    if "__len__" in protos:
        # As in PyO3, a `sequence` class's length is `sq_length` alone (so negative indices count from the
        # end and `PyMapping_Size` refuses it), any other class's `mp_length`.
        slot = "Py_sq_length" if cls.has("sequence") else "Py_mp_length"
        s.add(slot, "__slot_len", p1, f"{FFI}::Py_ssize_t", direct=protos["__len__"])
    mapping = cls.has("mapping")  # a pure mapping gets no sequence item slots (PyO3)
    if "__getitem__" in protos and not mapping:
        s.slot("Py_sq_item", f"{PYCLASS}::sq_item_from_mapping")
    if "__setitem__" in protos or "__delitem__" in protos:
        set_ = (f"{protos['__setitem__']}(py, slf, key, value)" if "__setitem__" in protos else
                "Err(_ferrule::exceptions::PyNotImplementedError::new_err(\"can't set item\"))")
        del_ = (f"{protos['__delitem__']}(py, slf, key)" if "__delitem__" in protos else
                "Err(_ferrule::exceptions::PyNotImplementedError::new_err(\"can't delete item\"))")
        s.add("Py_mp_ass_subscript", "__slot_setitem", f"{p1}, key: {PTR}, value: {PTR}", "::core::ffi::c_int",
              f"if value.is_null() {{ {del_} }} else {{ {set_} }}")
        if not mapping:
            s.slot("Py_sq_ass_item", f"{PYCLASS}::sq_ass_item_from_mapping")
    if "__call__" in protos:
        s.add("Py_tp_call", "__slot_call", f"{p1}, args: {PTR}, kwargs: {PTR}", PTR, direct=protos["__call__"])
    if "__init__" in protos:
        s.add("Py_tp_init", "__slot_init", f"{p1}, args: {PTR}, kwargs: {PTR}", "::core::ffi::c_int",
              direct=protos["__init__"])
    _attribute_slots(protos, s)
    _sequence_and_buffer_slots(protos, s)
    if "__traverse__" in protos:
        s.fns.append(f"    unsafe extern \"C\" fn __slot_traverse(slf: {PTR}, visit: {FFI}::visitproc, "
                     f"arg: *mut ::core::ffi::c_void) -> ::core::ffi::c_int {{\n"
                     f"        unsafe {{ {PYCLASS}::traverse::<{cls.rust_name}>(slf, visit, arg, "
                     f"{protos['__traverse__']}) }}\n    }}\n")
        s.slot("Py_tp_traverse", "__slot_traverse")
    if "__clear__" in protos:
        clear = cls.method_named("__clear__")
        bound = clear is not None and clear.receiver in ("bound_ref", "bound")
        s.fns.append(f"    unsafe extern \"C\" fn __slot_clear(slf: {PTR}) -> ::core::ffi::c_int {{\n"
                     f"        unsafe {{ {PYCLASS}::{'clear_bound' if bound else 'clear'}::<{cls.rust_name}>"
                     f"(slf, {protos['__clear__']}) }}\n    }}\n")
        s.slot("Py_tp_clear", "__slot_clear")
    for op in NUMERIC:
        fwd, rev = protos.get(f"__{op}__"), protos.get(f"__r{op}__")
        ternary = op == "pow"
        args = f"a: {PTR}, b: {PTR}" + (f", m: {PTR}" if ternary else "")
        if fwd and not rev:
            s.add(f"Py_nb_{NB_SLOT[op]}", f"__slot_nb_{op}", args, PTR, direct=fwd)
        elif fwd or rev:
            extra = ", m" if ternary else ""
            first = f"{fwd}(py, a, b{extra})?" if fwd else f"{PYCLASS}::not_implemented()"
            body = f"let r = {first};"
            if rev:
                body += (f" if {PYCLASS}::is_not_implemented(r) {{ {FFI}::Py_DECREF(r); "
                         f"return {rev}(py, b, a{extra}); }}")
            body += " Ok(r)"
            s.add(f"Py_nb_{NB_SLOT[op]}", f"__slot_nb_{op}", args, PTR, body)
        inplace = protos.get(f"__i{op}__")
        if inplace:
            args = f"a: {PTR}, b: {PTR}" + (f", _m: {PTR}" if op == "pow" else "")
            if op == "pow":
                s.add(f"Py_nb_inplace_{NB_SLOT[op]}", f"__slot_nb_i{op}", args, PTR, f"{inplace}(py, a, b, _m)")
            else:
                s.add(f"Py_nb_inplace_{NB_SLOT[op]}", f"__slot_nb_i{op}", args, PTR, direct=inplace)
    _richcompare(cls, protos, s)


SLOTS = "_ferrule::impl_::slots"


def _attribute_slots(protos: dict[str, str], s: _Slots) -> None:
    """`tp_getattro` tries `__getattribute__` (else the generic lookup) and, on
    AttributeError, `__getattr__` (PyO3's default: `AttributeError(name)`); `tp_setattro` and `tp_descr_set` each serve a
    set/delete pair, the missing half raising as PyO3's does."""
    p1 = f"slf: {PTR}"
    get, fallback = protos.get("__getattribute__"), protos.get("__getattr__")
    if get or fallback:
        first = f"{get}(py, slf, name)" if get else f"{SLOTS}::generic_getattr(py, slf, name)"
        # As PyO3: without `__getattr__`, its default raises `AttributeError(name)`.
        fallback = fallback or f"{SLOTS}::no_attribute"
        body = f"match {first} {{ Err(e) if {SLOTS}::is_attribute_error(py, &e) => {fallback}(py, slf, name), r => r }}"
        s.add("Py_tp_getattro", "__slot_getattro", f"{p1}, name: {PTR}", PTR, body)
    pairs = (("Py_tp_setattro", "__slot_setattro", "__setattr__", "__delattr__", "attribute"),
             ("Py_tp_descr_set", "__slot_descr_set", "__set__", "__delete__", "descriptor"))
    for slot, fn, set_name, del_name, what in pairs:
        if set_name not in protos and del_name not in protos:
            continue
        set_ = f"{protos[set_name]}(py, slf, key, value)" if set_name in protos else f"Err({SLOTS}::cannot_set_{what}())"
        del_ = f"{protos[del_name]}(py, slf, key)" if del_name in protos else f"Err({SLOTS}::cannot_delete_{what}())"
        s.add(slot, fn, f"{p1}, key: {PTR}, value: {PTR}", "::core::ffi::c_int",
              f"if value.is_null() {{ {del_} }} else {{ {set_} }}")
    if "__get__" in protos:
        s.add("Py_tp_descr_get", "__slot_descr_get", f"{p1}, obj: {PTR}, owner: {PTR}", PTR,
              direct=protos["__get__"])


def _sequence_and_buffer_slots(protos: dict[str, str], s: _Slots) -> None:
    for name, slot in (("__repeat__", "Py_sq_repeat"), ("__inplace_repeat__", "Py_sq_inplace_repeat")):
        if name in protos:
            fn = f"__slot_{name.strip('_')}"
            s.fns.append(f"    unsafe extern \"C\" fn {fn}(slf: {PTR}, count: {FFI}::Py_ssize_t) -> {PTR} {{\n"
                         f"        unsafe {{ {TRAMPOLINES}::trampoline(|py| {protos[name]}(py, slf, count)) }}\n    }}\n")
            s.slot(slot, fn)
    if "__getbuffer__" in protos:
        s.fns.append(f"    unsafe extern \"C\" fn __slot_getbuffer(slf: {PTR}, view: *mut {FFI}::Py_buffer, "
                     f"flags: ::core::ffi::c_int) -> ::core::ffi::c_int {{\n"
                     f"        unsafe {{ {SLOTS}::getbuffer_result({TRAMPOLINES}::trampoline(|py| "
                     f"{protos['__getbuffer__']}(py, slf, view, flags)), view) }}\n    }}\n")
        s.slot("Py_bf_getbuffer", "__slot_getbuffer")
    if "__releasebuffer__" in protos:
        s.fns.append(f"    unsafe extern \"C\" fn __slot_releasebuffer(slf: {PTR}, view: *mut {FFI}::Py_buffer) {{\n"
                     f"        unsafe {{ {TRAMPOLINES}::trampoline_unraisable(|py| "
                     f"{protos['__releasebuffer__']}(py, slf, view).map(|_| ()), slf) }}\n    }}\n")
        s.slot("Py_bf_releasebuffer", "__slot_releasebuffer")


def _richcompare(cls: PyClassDecl, protos: dict[str, str], s: _Slots) -> None:
    args = f"slf: {PTR}, other: {PTR}, op: ::core::ffi::c_int"
    if "__richcmp__" in protos:
        s.add("Py_tp_richcompare", "__slot_richcmp", args, PTR, direct=protos["__richcmp__"])
        return
    ops = {name: path for name, path in protos.items() if name in COMPARE_OPS}
    auto_eq = cls.has("eq") and "__eq__" not in ops
    auto_ord = cls.has("ord")
    if not ops and not auto_eq and not auto_ord:
        return
    arms = []
    for name, const in COMPARE_OPS.items():
        if name in ops:
            arms.append(f"{FFI}::{const} => {ops[name]}(py, slf, other),")
    if "__ne__" not in ops and "__eq__" in ops:
        arms.append(f"{FFI}::Py_NE => {PYCLASS}::negate(py, {ops['__eq__']}(py, slf, other)?),")
    fallback = "_ => Ok(_ferrule::impl_::pyclass::not_implemented()),"
    auto = ""
    if auto_eq or auto_ord:
        cmp = "let __op = _ferrule::impl_::pyclass::compare_op(op)?;"
        other = (f"let __other = match _ferrule::impl_::pyclass::self_borrow::<{cls.rust_name}>(py, other) "
                 f"{{ Ok(o) => o, Err(_) => {{ {_eq_int(cls)} return Ok({PYCLASS}::not_implemented()); }} }};")
        me = f"let __me = {PYCLASS}::self_borrow::<{cls.rust_name}>(py, slf)?;"
        if auto_ord:
            result = ("match __op { _ferrule::types::CompareOp::Lt => *__me < *__other, "
                      "_ferrule::types::CompareOp::Le => *__me <= *__other, "
                      "_ferrule::types::CompareOp::Eq => *__me == *__other, "
                      "_ferrule::types::CompareOp::Ne => *__me != *__other, "
                      "_ferrule::types::CompareOp::Gt => *__me > *__other, "
                      "_ferrule::types::CompareOp::Ge => *__me >= *__other }")
        else:
            result = ("match __op { _ferrule::types::CompareOp::Eq => *__me == *__other, "
                      "_ferrule::types::CompareOp::Ne => *__me != *__other, "
                      "_ => return Ok(_ferrule::impl_::pyclass::not_implemented()) }")
        auto = f"{cmp} {me} {other} let __r: bool = {result}; Ok(_ferrule::types::PyBool::new(py, __r).to_owned().into_ptr())"
        fallback = f"_ => {{ {auto} }}"
    body = f"match op {{ {' '.join(arms)} {fallback} }}"
    s.add("Py_tp_richcompare", "__slot_richcmp", args, PTR, body)


def _eq_int(cls: PyClassDecl) -> str:
    """`eq_int`: an operand that extracts as the enum's `#[repr]` integer compares with the
    discriminant (`==`/`!=`, the orderings too under `ord`); anything else is NotImplemented."""
    if not (cls.simple_enum and cls.has("eq_int")):
        return ""
    if cls.has("ord"):
        result = "__op.matches(__v.cmp(&__i))"
    else:
        result = ("match __op { _ferrule::types::CompareOp::Eq => __v == __i, _ferrule::types::CompareOp::Ne => __v != __i, "
                  f"_ => return Ok({PYCLASS}::not_implemented()) }}")
    return (f"if let Ok(__i) = _ferrule::types::PyAnyMethods::extract::<{cls.repr_type}>("
            f"_ferrule::Bound::<_ferrule::types::PyAny>::ref_from_ptr(py, &other)) {{ "
            f"let __me = {PYCLASS}::self_borrow::<{cls.rust_name}>(py, slf)?; let __v = {_discriminant(cls, '&*__me')}; "
            f"let __op = {PYCLASS}::compare_op(op)?; "
            f"return Ok(_ferrule::types::PyBool::new(py, {result}).to_owned().into_ptr()); }}")


def _gate(text: str, cfgs: tuple[str, ...]) -> str:
    """The functions and statics of `text` (slot functions of one field or variant) under its cfgs."""
    if not cfgs:
        return text
    pre = cfg_prefix(cfgs)
    for start in ("    unsafe extern", "    unsafe fn ", "    static ", "    fn "):
        text = text.replace("\n" + start, "\n" + start.replace(start.strip(), pre + start.strip(), 1))
        if text.startswith(start):
            text = start.replace(start.strip(), pre + start.strip(), 1) + text[len(start):]
    return text


def _discriminant(cls: PyClassDecl, value: str) -> str:
    """The variant's discriminant as the `#[repr]` integer (`usize::MAX` stays itself, as in PyO3)."""
    arms = " ".join(f"{cfg_prefix(v.cfgs)}{cls.rust_name}::{v.rust_name} => {cls.rust_name}::{v.rust_name} as {cls.repr_type},"
                    for v in cls.variants)
    return f"match {value} {{ {arms} }}"


def _into_body(cls: PyClassDecl) -> str:
    """A simple enum converts to its variant's class attribute, so `f() is Enum.V` (PyO3 0.28+)."""
    if not cls.simple_enum:
        return "            _ferrule::Bound::new(py, self)"
    arms = " ".join(f"{cfg_prefix(v.cfgs)}{cls.rust_name}::{v.rust_name} => \"{v.py_name}\"," for v in cls.variants)
    return f"""            let __name: &str = match &self {{ {arms} }};
            match <Self as _ferrule::PyTypeInfo>::type_object(py).getattr(__name) {{
                Ok(v) => v.cast_into::<Self>().map_err(::core::convert::Into::into),
                Err(_) => _ferrule::Bound::new(py, self),
            }}"""


def _str_format(value: str | None) -> str | None:
    """`str = "({x}, {0:>3})"`: PyO3's format string naming fields, as a `format!` of `__me`'s
    fields (each `{field[:spec]}` becomes `{[:spec]}` with the field as its argument)."""
    value = (value or "").strip()
    if not (value.startswith('"') and value.endswith('"') and len(value) >= 2):
        return None
    text, out, args, i = value[1:-1], [], [], 0
    while i < len(text):
        if text.startswith(("{{", "}}"), i):
            out.append(text[i:i + 2])
            i += 2
        elif text[i] == "{" and "}" in text[i:]:
            end = text.index("}", i)
            field, colon, spec = text[i + 1:end].partition(":")
            args.append(f"__me.{field.strip()}")
            out.append("{" + colon + spec + "}")
            i = end + 1
        else:
            out.append(text[i])
            i += 1
    return f'format!("{"".join(out)}"{"".join(", " + a for a in args)})'


def _option_slots(cls: PyClassDecl, s: _Slots) -> None:
    defined = {m.fn.py_name for m in cls.methods() if m.kind in SLOT_KINDS}
    me = f"let __me = {PYCLASS}::self_borrow::<{cls.rust_name}>(py, slf)?;"
    conv = "_ferrule::impl_::wrap::IntoPyCallbackOutput::convert"
    if cls.has("hash") and "__hash__" not in defined:
        s.add("Py_tp_hash", "__slot_auto_hash", f"slf: {PTR}", f"{FFI}::Py_hash_t",
              f"{me} let mut __h = ::std::collections::hash_map::DefaultHasher::new(); "
              f"::core::hash::Hash::hash(&*__me, &mut __h); "
              f"{PYCLASS}::HashOutput::hash_value(::core::hash::Hasher::finish(&__h))")
    if cls.has("str") and "__str__" not in defined:
        text = _str_format(cls.options.get("str"))
        s.add("Py_tp_str", "__slot_auto_str", f"slf: {PTR}", PTR,
              f"{me} {conv}({text or '::std::string::ToString::to_string(&*__me)'}, py)")
    if cls.simple_enum:
        names = " ".join(f"{cfg_prefix(v.cfgs)}{cls.rust_name}::{v.rust_name} => \"{v.py_name}\"," for v in cls.variants)
        if "__repr__" not in defined:
            s.add("Py_tp_repr", "__slot_auto_repr", f"slf: {PTR}", PTR,
                  f"{me} let __n: &str = match &*__me {{ {names} }}; {conv}(format!(\"{cls.py_name}.{{}}\", __n), py)")
        if "__int__" not in defined:
            s.add("Py_nb_int", "__slot_auto_int", f"slf: {PTR}", PTR, f"{me} {conv}({_discriminant(cls, '&*__me')}, py)")


def _field_props(cls: PyClassDecl, s: _Slots) -> None:
    closure = ", _c: *mut ::core::ffi::c_void"
    for f in cls.fields:
        pre = cfg_prefix(f.cfgs)
        if f.get:
            s.fns.append(_gate(slot_fn(f"__fg_{ident(f.rust_name)}", f"slf: {PTR}", PTR, f"""
            let __me = {PYCLASS}::self_borrow::<{cls.rust_name}>(py, slf)?;
            #[allow(unused_imports)]
            use {PYCLASS}::GetFieldByRef as _;
            (&{PYCLASS}::GetField(&__me.{f.rust_name})).get_field(py)
        """, unused=closure), f.cfgs))
            s.lines.append(f"            {pre}b.getter({c_string(f.py_name)}, __fg_{ident(f.rust_name)}, {c_string(f.doc)});")
        if f.set:
            s.fns.append(_gate(slot_fn(f"__fs_{ident(f.rust_name)}", f"slf: {PTR}, value: {PTR}", "::core::ffi::c_int", f"""
            if value.is_null() {{ return Err({PYCLASS}::cannot_delete("{f.py_name}")); }}
            let __v: {f.ty.text} = _ferrule::impl_::extract_argument::extract(py, &value, "value")?;
            let mut __me = {PYCLASS}::self_borrow_mut::<{cls.rust_name}>(py, slf)?;
            __me.{f.rust_name} = __v;
            Ok(0)
        """, unused=closure), f.cfgs))
            s.lines.append(f"            {pre}b.setter({c_string(f.py_name)}, __fs_{ident(f.rust_name)}, {c_string(f.doc)});")


def from_py_object(cls: PyClassDecl) -> str:
    """Extraction by clone, as PyO3 0.27+ decides: `from_py_object` asks for it
    (the class must be `Clone`), `skip_from_py_object` leaves it out, and by
    default the runtime's blanket impl applies when the class is `Clone`, so a
    hand-written `impl FromPyObject` on a class that is not does not clash."""
    name = cls.rust_name
    if cls.has("skip_from_py_object"):
        return ""
    if not cls.has("from_py_object"):
        return f"    impl _ferrule::impl_::extract_pyclass::ExtractPyClassWithClone for {name} {{}}\n"
    # No `where Self: Clone`: rustc accepts that bound unmet (the impl has lifetimes) and the
    # option would do nothing; PyO3 requires `Clone`, so the clone in the body asks for it.
    return f"""    impl<'a, 'py> _ferrule::FromPyObject<'a, 'py> for {name} {{
        type Error = _ferrule::PyErr;
        _ferrule::__ferrule_inspect_const!(INPUT_TYPE = <Self as _ferrule::PyTypeInfo>::TYPE_HINT);
        fn extract(obj: _ferrule::Borrowed<'a, 'py, _ferrule::types::PyAny>) -> _ferrule::PyResult<Self> {{
            let r: _ferrule::PyRef<'py, {name}> = obj.extract()?;
            Ok(::core::clone::Clone::clone(&*r))
        }}
    }}
"""


def _has_mutable_level(crate: Crate, name: str | None) -> bool:
    """Whether the class `name` or one of its bases is mutable (unknown classes count as mutable)."""
    while name is not None:
        base = crate.base_class(name)
        if base is None or not base.frozen:
            return base is not None or not name.split("::")[-1].strip().startswith("Py")
        name = base.options.get("extends")
    return False


def class_glue(cls: PyClassDecl, crate: Crate) -> str:
    rt = crate.runtime_crate
    name = cls.rust_name
    extends = cls.options.get("extends")
    base_is_class = extends is not None and crate.base_class(extends) is not None
    base = extends or "_ferrule::types::PyAny"
    s = _Slots(name)
    _field_props(cls, s)
    _protocol_slots(cls, s)
    _option_slots(cls, s)
    for block in cls.blocks:
        s.lines.append(f"            {block_path(cls, block)}::__items(b);")
    if cls.has("generic"):
        s.lines.append("            b.generic();")
    if cls.complex_enum:
        s.lines.extend(variant_class_attrs(cls))
        s.fns.extend(_gate(variant_fn(cls, v), v.cfgs) for v in cls.variants)
    for v in cls.variants if cls.simple_enum else []:
        s.lines.append(f"            {cfg_prefix(v.cfgs)}b.class_attr(_ferrule::pyclass::ClassAttr {{ name: \"{v.py_name}\", make: |py| "
                       f"Ok(_ferrule::Bound::new(py, {name}::{v.rust_name})?.into_any().unbind()) }});")
    flags = " | ".join([f"_ferrule::ffi::Py_TPFLAGS_{f}" for f, on in (
        ("BASETYPE", cls.has("subclass") or cls.complex_enum), ("IMMUTABLETYPE", cls.has("immutable_type"))) if on]) or "0"
    doc = class_doc(cls)
    qualified = f"{cls.python_module}.{cls.py_name}" if cls.python_module else cls.py_name
    frozen = "True" if cls.frozen else "False"
    # The borrow flag lives in the lowest level of the mutable part of the chain:
    # a mutable class over a frozen base has its own (the base's view needs none).
    shares_flag = base_is_class and (cls.frozen or _has_mutable_level(crate, extends))
    root = f"<{base} as _ferrule::pyclass::PyClass>::Root" if shares_flag else "Self"
    slot_ptr = lambda on: "_ferrule::pyclass::ObjectSlot" if on else "_ferrule::pyclass::NoSlot"  # noqa: E731
    into = "" if base_is_class else f"""
    impl<'py> _ferrule::IntoPyObject<'py> for {name} {{
        type Target = {name};
        type Output = _ferrule::Bound<'py, {name}>;
        type Error = _ferrule::PyErr;
        _ferrule::__ferrule_inspect_const!(OUTPUT_TYPE = <Self as _ferrule::PyTypeInfo>::TYPE_HINT);
        fn into_pyobject(self, py: _ferrule::Python<'py>) -> _ferrule::PyResult<_ferrule::Bound<'py, {name}>> {{
{_into_body(cls)}
        }}
    }}
"""
    generated = from_fields_impl(cls) if any(b.generated for b in cls.blocks) else ""
    return f"""// @generated by ferrule for {cls.key.file}:{cls.key.line}. Do not edit.
{ALLOWS}
const _: () = {{
    use ::{rt} as _ferrule;
    use _ferrule::types::PyAnyMethods as _;
    static __TYPE: _ferrule::pyclass::LazyType = _ferrule::pyclass::LazyType::new();

    unsafe impl _ferrule::PyTypeInfo for {name} {{
        const NAME: &'static str = "{cls.py_name}";
        const MODULE: ::core::option::Option<&'static str> = ::core::option::Option::Some("{cls.python_module}");
        _ferrule::__ferrule_inspect_const!(TYPE_HINT = _ferrule::inspect::PyStaticExpr::PyClass(
            _ferrule::inspect::PyClassNameStaticExpr::new(
                &_ferrule::type_hint_identifier!("{cls.python_module}", "{cls.py_name}"), "{qualified}")));
        #[inline]
        fn type_object_raw(py: _ferrule::Python<'_>) -> *mut _ferrule::ffi::PyTypeObject {{
            __TYPE.get::<{name}>(py)
        }}
    }}

    impl _ferrule::types::DerefToPyAny for {name} {{}}

    unsafe impl _ferrule::pyclass::PyClass for {name} {{
        type Frozen = _ferrule::pyclass::boolean::{frozen};
        type BaseType = {base};
        type Root = {root};
        type Checker = {"_ferrule::pyclass::NoBorrow" if cls.frozen else "_ferrule::pyclass::BorrowFlag"};
        type Dict = {slot_ptr(cls.has("dict"))};
        type WeakRef = {slot_ptr(cls.has("weakref"))};
        type ThreadChecker = _ferrule::pyclass::{"CreatingThread" if cls.has("unsendable") else "AnyThread"};
        fn lazy_type() -> &'static _ferrule::pyclass::LazyType {{
            &__TYPE
        }}
        fn build_type(b: &mut _ferrule::pyclass::TypeBuilder) {{
            b.name = {c_string(qualified)};
            b.doc = {f"::core::option::Option::Some({c_string(doc)})" if doc else "::core::option::Option::None"};
            b.flags = {flags};
{chr(10).join(s.lines)}
        }}
{instance_type(cls) if cls.complex_enum else ""}    }}
{into}
{from_py_object(cls)}
{"".join(s.fns)}{generated}}};
{"".join(block_glue(cls, b, rt) for b in cls.blocks if b.generated)}"""
