"""Glue of one `#[pymethods]` block: method trampolines, properties, class
attributes, `#[new]`, and the Rust-level bodies of special methods.

It lives in the block's module (so private methods are callable) as
`mod __ferrule_methods_L<line>`; the class's glue calls its `__items` and
`__p_*` functions by path.
"""

from __future__ import annotations

import dataclasses
import re

from ..parse.model import Method, MethodKind, MethodsBlock, ParamKind, PyClassDecl
from .glue import (ALLOWS, ident, PTR, _C_SIGNATURES, c_ptr, c_string, call_body, convention, description, extract_expr,
                   extract_lines, holder_arg, holder_type, str_holder_lines)
from .glue import _BODY_CALLS, _BODY_PARAMS, needs_parent_scope
from . import shared_calls
from .protocols import SHAPES, UNIT_RESULT, is_slot_method
from .signature import parameter_list
from .warn import warn_lines

PYCLASS = "_ferrule::impl_::pyclass"


def receiver_setup(method: Method, slf: str = "_slf", checked: bool = False) -> tuple[list[str], str]:
    """Lines that obtain the receiver from `slf`, and the argument passed for it.
    `&self`/`&mut self` borrow without a reference of their own (the caller
    holds `slf`); `checked` when `slf`'s type is already known to be right."""
    r = method.receiver
    if r == "ref":
        fn = f"self_borrow_unchecked::<__Self>({slf})" if checked else f"self_borrow::<__Self>(py, {slf})"
        return [f"let __recv = {PYCLASS}::{fn}?;"], "&*__recv"
    if r == "mut":
        fn = f"self_borrow_mut_unchecked::<__Self>({slf})" if checked else f"self_borrow_mut::<__Self>(py, {slf})"
        return [f"let mut __recv = {PYCLASS}::{fn}?;"], "&mut *__recv"
    if r == "pyref":
        return [f"let __recv = {PYCLASS}::self_ref::<__Self>(py, {slf})?;"], "__recv"
    if r == "pyrefmut":
        return [f"let mut __recv = {PYCLASS}::self_mut::<__Self>(py, {slf})?;"], "__recv"
    if r in ("guard", "guardmut"):
        fn = "self_guard" if r == "guard" else "self_guard_mut"
        return [f"let {'mut ' if r == 'guardmut' else ''}__recv = {PYCLASS}::{fn}::<__Self>(py, &{slf})?;"], "__recv"
    if r in ("bound_ref", "bound", "py"):
        line = f"let __recv = {PYCLASS}::self_bound::<__Self>(py, &{slf})?;"
        arg = {"bound_ref": "__recv", "bound": "__recv.clone()", "py": "__recv.clone().unbind()"}[r]
        return [line], arg
    return [], ""


def method_text_signature(cls: PyClassDecl, method: Method) -> str | None:
    fn = method.fn
    if fn.text_signature is not None:
        return fn.text_signature or None
    params = parameter_list(fn)
    if method.kind == MethodKind.INSTANCE:
        params = ["$self"] + params
    elif method.kind == MethodKind.CLASS:
        params = ["$cls"] + params
    return "(" + ", ".join(params) + ")"


def _doc_with_signature(name: str, sig: str | None, doc: str) -> str:
    return f"{name}{sig}\n--\n\n{doc}" if sig is not None else doc


def _body(lines: list[str], indent: int = 12) -> str:
    return "\n".join(" " * indent + line for line in lines)


def _described(cls: PyClassDecl, method: Method):
    return dataclasses.replace(method.fn, py_name=f"{cls.py_name}.{method.fn.py_name}")


def _rename_desc(text: str, name: str) -> str:
    """Each method's argument description gets its own static in the block's module."""
    return text.replace("__DESC", name)


def method_glue(cls: PyClassDecl, method: Method) -> tuple[str, str]:
    """A method's trampoline, body and description, and the `__items` line adding it."""
    fn = method.fn
    conv = convention(fn)
    if conv == "o":
        conv = "fastcall"  # METH_O would bypass the argument-name remapping of errors
    field, flags, c_params = _C_SIGNATURES[conv]
    if method.kind == MethodKind.STATIC:
        flags += " | _ferrule::ffi::METH_STATIC"
    elif method.kind == MethodKind.CLASS:
        flags += " | _ferrule::ffi::METH_CLASS"
    setup, recv = receiver_setup(method)
    leading: tuple[str, ...] = (recv,) if recv else ()
    if method.kind == MethodKind.CLASS:
        setup, leading = _cls_setup(method, "_slf")
    desc_name = f"__D_{ident(fn.rust_name)}"
    if fn.is_async:
        from .coroutines import async_call_body

        own = None if method.receiver in ("ref", "mut") else (setup, list(leading))
        lines = async_call_body(fn, conv, f"__Self::{fn.rust_name}", method, cls.py_name, own)
    else:
        lines = shared_calls.method_body(method, conv, cls.rust_name) or \
            setup + call_body(fn, conv, callee=f"__Self::{fn.rust_name}", leading=leading)
    lines = [_rename_desc(line, desc_name) for line in lines]
    desc = _rename_desc(description(_described(cls, method)), desc_name) if conv not in ("noargs", "o") else ""
    tramp, body = f"__m_{ident(fn.rust_name)}", f"__b_{ident(fn.rust_name)}"
    call = _BODY_CALLS[conv].replace("__body", body)
    doc = _doc_with_signature(fn.py_name, method_text_signature(cls, method), fn.doc)
    text = f"""{desc}
    unsafe extern "C" fn {tramp}({c_params}) -> {PTR} {{
        unsafe {{ _ferrule::impl_::trampoline::{call} }}
    }}

    unsafe fn {body}(py: _ferrule::Python<'_>, {_BODY_PARAMS[conv]}) -> _ferrule::PyResult<{PTR}> {{
        unsafe {{
{_body(lines, 12)}
        }}
    }}
"""
    item = f"""        b.method(_ferrule::ffi::PyMethodDef {{
            ml_name: {c_ptr(fn.py_name)},
            ml_meth: _ferrule::ffi::PyMethodDefPointer {{ {field}: {tramp} }},
            ml_flags: {flags},
            ml_doc: {c_ptr(doc)},
        }});"""
    return text, item


def _cls_setup(method: Method, ptr: str) -> tuple[list[str], tuple[str, ...]]:
    """The class object as the `cls` parameter's type asks for it."""
    setup = [f"let __cls = _ferrule::Bound::<_ferrule::types::PyAny>::ref_from_ptr(py, &{ptr})"
             ".cast_unchecked::<_ferrule::types::PyType>();"]
    ty = method.cls_type
    arg = "__cls" if ty.startswith("&") else "__cls.clone().unbind()" if ty.startswith("Py<") else "__cls.clone()"
    return setup, (arg,)


def new_glue(cls: PyClassDecl, method: Method) -> str:
    fn = method.fn
    setup, leading = _cls_setup(method, "subtype") if method.cls_type else ([], ())
    finish = lambda call: [f"let __init = _ferrule::pyclass::IntoPyClassInitializer::<__Self>::into_initializer({call})?;",  # noqa: E731
                           "__init.create_class_object_of_type(py, subtype as *mut _ferrule::ffi::PyTypeObject)"
                           ".map(_ferrule::Bound::into_ptr)"]
    lines = setup + call_body(fn, "tuple_dict", callee=f"__Self::{fn.rust_name}", leading=leading, finish=finish)
    desc = description(dataclasses.replace(fn, py_name=cls.py_name))
    return f"""{desc}
    pub(crate) unsafe extern "C" fn __new(subtype: *mut _ferrule::ffi::PyTypeObject, args: {PTR}, kwargs: {PTR}) -> {PTR} {{
        unsafe {{ _ferrule::impl_::trampoline::slot3(__b_new, subtype as {PTR}, args, kwargs) }}
    }}

    unsafe fn __b_new(py: _ferrule::Python<'_>, subtype: {PTR}, args: {PTR}, kwargs: {PTR}) -> _ferrule::PyResult<{PTR}> {{
        unsafe {{
{_body(lines, 12)}
        }}
    }}
"""


def getter_glue(method: Method, self_name: str = "") -> tuple[str, str]:
    fn = method.fn
    setup, recv = receiver_setup(method)
    lines = shared_calls.method_body(method, "noargs", self_name) or \
        setup + call_body(fn, "noargs", callee=f"__Self::{fn.rust_name}", leading=(recv,))
    name = f"__g_{ident(fn.rust_name)}"
    text = f"""
    pub(crate) unsafe extern "C" fn {name}(_slf: {PTR}, _closure: *mut ::core::ffi::c_void) -> {PTR} {{
        unsafe {{ _ferrule::impl_::trampoline::slot1(__b{name}, _slf) }}
    }}

    unsafe fn __b{name}(py: _ferrule::Python<'_>, _slf: {PTR}) -> _ferrule::PyResult<{PTR}> {{
        unsafe {{
{_body(lines, 12)}
        }}
    }}
"""
    return text, f"        b.getter({c_string(method.attr_name)}, {name}, {c_string(fn.doc)});"


def setter_glue(setter: Method | None, deleter: Method | None = None) -> tuple[str, str]:
    """One C setter per property: `value` NULL means `del obj.attr`, which runs
    the `#[deleter]` (PyO3 0.29) or raises; a deleter alone refuses assignment."""
    method = setter or deleter
    assert method is not None
    attr = method.attr_name
    if deleter is not None:
        dsetup, drecv = receiver_setup(deleter)
        dargs = [drecv] + ["py" for p in deleter.fn.params if p.kind == ParamKind.PYTHON]
        on_delete = dsetup + warn_lines(deleter.fn) + [
            f"return {PYCLASS}::UnitOutput::unit_value(__Self::{deleter.fn.rust_name}({', '.join(dargs)}));"]
    else:
        on_delete = [f"return Err({PYCLASS}::cannot_delete(\"{attr}\"));"]
    lines = ["if value.is_null() {"] + ["    " + line for line in on_delete] + ["}"]
    if setter is None:
        lines.append("Err(_ferrule::impl_::slots::cannot_set_attribute())")
    else:
        fn = setter.fn
        setup, recv = receiver_setup(setter)
        visible = fn.visible_params()
        lines += setup
        args = [recv]
        for p in fn.params:
            if p.kind == ParamKind.PYTHON:
                args.append("py")
            elif visible and p is visible[0]:
                lines += str_holder_lines(p)
                lines.append(f"let __value = {extract_expr(dataclasses.replace(p, default=None), '&value')};")
                args.append("__value")
        lines += warn_lines(fn)
        lines.append(f"{PYCLASS}::UnitOutput::unit_value(__Self::{fn.rust_name}({', '.join(args)}))")
    name = f"__s_{ident(method.fn.rust_name)}"
    text = f"""
    pub(crate) unsafe extern "C" fn {name}(_slf: {PTR}, value: {PTR}, _closure: *mut ::core::ffi::c_void) -> ::core::ffi::c_int {{
        unsafe {{ _ferrule::impl_::trampoline::slot2(__b{name}, _slf, value) }}
    }}

    unsafe fn __b{name}(py: _ferrule::Python<'_>, _slf: {PTR}, value: {PTR}) -> _ferrule::PyResult<::core::ffi::c_int> {{
        unsafe {{
{_body(lines, 12)}
        }}
    }}
"""
    return text, f"        b.setter({c_string(attr)}, {name}, {c_string(method.fn.doc)});"


def classattr_glue(method: Method) -> tuple[str, str]:
    fn = method.fn
    if method.is_const:
        value = f"__Self::{fn.rust_name}"
    else:
        args = ", ".join("py" for p in fn.params if p.kind == ParamKind.PYTHON)
        value = f"__Self::{fn.rust_name}({args})"
    name = f"__ca_{ident(fn.rust_name)}"
    text = f"""
    pub(crate) fn {name}(py: _ferrule::Python<'_>) -> _ferrule::PyResult<_ferrule::Py<_ferrule::types::PyAny>> {{
        let __ptr = _ferrule::impl_::wrap::IntoPyCallbackOutput::convert({value}, py)?;
        Ok(unsafe {{ _ferrule::Py::from_owned_ptr(py, __ptr) }})
    }}
"""
    item = f"        b.class_attr(_ferrule::pyclass::ClassAttr {{ name: \"{fn.py_name}\", make: {name} }});"
    return text, item


def _other_arg(method: Method, index: int, slot: str, on_mismatch: str) -> list[str]:
    """Extracts the `index`th visible parameter from `slot`; a failure runs `on_mismatch`."""
    p = method.fn.visible_params()[index]
    expr = extract_expr(dataclasses.replace(p, default=None), slot).removesuffix("?")
    var, tail = f"__arg{index}", []
    head = str_holder_lines(p)
    if p.holder:  # a borrowed #[pyclass]: the holder lives until the call returns
        var = f"mut __holder{index}: {holder_type(p)}"
        tail = [f"let __arg{index} = {holder_arg(p, f'__holder{index}')};"]
    if on_mismatch == "raise":
        return head + [f"let {var} = {expr}?;"] + tail
    return head + [f"let {var} = match {expr} {{ Ok(v) => v, Err(_) => return Ok({on_mismatch}) }};"] + tail


def protocol_glue(method: Method, cls_name: str) -> str:
    """`__p_<name>`: the Rust-level body of a special method, in the slot's C types. `cls_name` names it in
    argument errors, as PyO3 does (`Adder.__call__()`)."""
    fn = method.fn
    name = fn.py_name.strip("_")
    shape = SHAPES[fn.py_name]
    call_args = []
    # Operators check `is_instance` first; the receiver's type is then known.
    setup, recv = receiver_setup(method, checked=shape in _NOT_IMPLEMENTED_SHAPES)
    if method.kind == MethodKind.CLASS:  # PyO3 hands a `#[classmethod]` slot the object's type
        setup, (recv,) = _cls_setup(method, "__tp")
        setup.insert(0, f"let __tp = _ferrule::ffi::Py_TYPE(_slf) as {PTR};")
    leading = (recv,) if recv else ()
    nvis = len(fn.visible_params())
    params = f"py: _ferrule::Python<'_>, _slf: {PTR}"
    lines: list[str] = []
    ni = f"{PYCLASS}::not_implemented()"
    result = "PTR"
    if shape in ("unary", "next", "anext"):
        pass
    elif shape == "descr_get":
        params += f", obj: {PTR}, owner: {PTR}"
        lines.append("let (__obj, __owner) = (_ferrule::impl_::slots::none_if_null(obj), "
                     "_ferrule::impl_::slots::none_if_null(owner));")
        for i, slot in enumerate(("&__obj", "&__owner")[:nvis]):
            lines += _other_arg(method, i, slot, "raise")
    elif shape == "ssize":
        params += ", count: _ferrule::ffi::Py_ssize_t"
        lines.append("let __arg0 = _ferrule::impl_::slots::repeat_count(count)?;")
    elif shape in ("getbuffer", "releasebuffer"):
        params += ", view: *mut _ferrule::ffi::Py_buffer"
        lines.append("let __arg0 = view;")
        if shape == "getbuffer":
            params += ", flags: ::core::ffi::c_int"
            lines.append("let __arg1 = flags;")
    elif shape in ("binary", "objobj"):
        params += f", arg: {PTR}"
        lines += _other_arg(method, 0, "&arg", "raise")
    elif shape == "setitem":
        params += f", key: {PTR}, value: {PTR}"
        lines += _other_arg(method, 0, "&key", "raise") + _other_arg(method, 1, "&value", "raise")
    elif shape in ("numeric", "compare", "inplace"):
        params += f", other: {PTR}"
        lines.append(f"if !{PYCLASS}::is_instance::<__Self>(py, _slf) {{ return Ok({ni}); }}")
        lines += _other_arg(method, 0, "&other", ni)
        if fn.py_name == "__ipow__":  # a ternary slot: the modulo (None from `**=`) for a second parameter
            params += f", modulo: {PTR}"
            if nvis > 1:
                lines += _other_arg(method, 1, "&modulo", ni)
    elif shape == "ternary":
        params += f", other: {PTR}, modulo: {PTR}"
        lines.append(f"if !{PYCLASS}::is_instance::<__Self>(py, _slf) {{ return Ok({ni}); }}")
        lines += _other_arg(method, 0, "&other", ni)
        if nvis > 1:
            lines += _other_arg(method, 1, "&modulo", ni)
    elif shape == "richcmp":
        params += f", other: {PTR}, op: ::core::ffi::c_int"
        lines.append(f"if !{PYCLASS}::is_instance::<__Self>(py, _slf) {{ return Ok({ni}); }}")
        lines += _other_arg(method, 0, "&other", ni)
        lines.append(f"let __arg1 = {PYCLASS}::compare_op(op)?;")
    elif shape in ("call", "init"):
        params += f", args: {PTR}, kwargs: {PTR}"
    call_args = [f"__arg{i}" for i in range(nvis)] if shape not in ("call", "init", "unary", "next", "anext") else []
    if shape == "init":
        finish = lambda call: [f"{PYCLASS}::UnitOutput::unit_value({call})"]  # noqa: E731
        body = setup + call_body(fn, "tuple_dict", callee=f"__Self::{fn.rust_name}", leading=leading, finish=finish)
        desc = _rename_desc(description(dataclasses.replace(fn, py_name=f"{cls_name}.__init__")), "__D___init__")
        body = [_rename_desc(line, "__D___init__") for line in body]
        return f"""{desc}
    pub(crate) unsafe fn __p_{name}({params}) -> _ferrule::PyResult<::core::ffi::c_int> {{
        unsafe {{
{_body(body)}
        }}
    }}
"""
    if shape == "call":
        body = setup + call_body(fn, "tuple_dict", callee=f"__Self::{fn.rust_name}", leading=leading)
        desc = _rename_desc(description(dataclasses.replace(fn, py_name=f"{cls_name}.__call__")), "__D___call__")
        body = [_rename_desc(line, "__D___call__") for line in body]
        return f"""{desc}
    pub(crate) unsafe fn __p_{name}({params}) -> _ferrule::PyResult<{PTR}> {{
        unsafe {{
{_body(body)}
        }}
    }}
"""
    py_args = ["py" if p.kind == ParamKind.PYTHON else None for p in fn.params]
    args_iter = iter(call_args)
    full_args = [*leading] + [a if a else next(args_iter) for a in py_args]
    call = f"__Self::{fn.rust_name}({', '.join(full_args)})"
    if shape in ("getbuffer", "releasebuffer"):
        call = f"unsafe {{ {call} }}"  # PyO3 declares both `unsafe fn`
    ret = fn.ret
    is_option = ret is not None and (ret.is_named("Option") or (
        ret.is_named("PyResult", "Result") and ret.arg() is not None and ret.args[0].is_named("Option")))
    if shape == "hash":
        result, finish = "_ferrule::ffi::Py_hash_t", f"{PYCLASS}::HashOutput::hash_value({call})"
    elif shape in ("bool", "objobj") and fn.py_name not in UNIT_RESULT:
        result, finish = "::core::ffi::c_int", f"{PYCLASS}::BoolOutput::bool_value({call})"
    elif shape in ("setitem", "getbuffer", "releasebuffer") or fn.py_name in UNIT_RESULT:
        result, finish = "::core::ffi::c_int", f"{PYCLASS}::UnitOutput::unit_value({call})"
    elif shape == "anext" and is_option:
        result, finish = PTR, f"_ferrule::impl_::slots::AsyncNextOutput::convert_anext({call}, py)"
    elif shape == "len":
        result, finish = "_ferrule::ffi::Py_ssize_t", f"{PYCLASS}::LenOutput::len_value({call})"
    elif shape in ("next", "unary") and is_option and fn.py_name in ("__next__",):
        result, finish = PTR, f"{PYCLASS}::IterNextOutput::convert_next({call}, py)"
    elif shape == "inplace":
        result = PTR
        lines += _or_not_implemented(setup) + warn_lines(fn)
        lines.append(f"{PYCLASS}::UnitOutput::unit_value({call})?;")
        if recv:
            lines.append("drop(__recv);")
        lines.append(f"Ok({PYCLASS}::new_ref(_slf))")
        return _p_fn(name, params, result, lines)
    elif ret is None or ret.kind == "unit":
        result, finish = PTR, f"{{ {call}; Ok(_ferrule::impl_::wrap::none()) }}"
    else:
        result, finish = PTR, f"_ferrule::impl_::wrap::IntoPyCallbackOutput::convert({call}, py)"
    if shape == "clear" and method.receiver in ("bound_ref", "bound"):  # `slf: &Bound<'_, Self>`
        recv = "__b" if method.receiver == "bound_ref" else "__b.clone()"
        return f"""
    #[allow(private_interfaces)] // a private class in a module: the glue is only called by its own slot
    pub(crate) fn __p_{name}(__b: &_ferrule::Bound<'_, __Self>) {{
        __Self::{fn.rust_name}({recv})
    }}
"""
    if shape in ("traverse", "clear"):
        arg = "visit" if shape == "traverse" else ""
        sig = ("__v: &__Self, visit: _ferrule::PyVisit<'_>) -> ::core::result::Result<(), _ferrule::PyTraverseError>"
               if shape == "traverse" else "__v: &mut __Self)")
        return f"""
    #[allow(private_interfaces)] // a private class in a module: the glue is only called by its own slot
    pub(crate) fn __p_{name}({sig} {{
        __Self::{fn.rust_name}(__v{', ' + arg if arg else ''})
    }}
"""
    if shape in _NOT_IMPLEMENTED_SHAPES:
        setup = _or_not_implemented(setup)
    lines += setup + warn_lines(fn) + [finish]
    return _p_fn(name, params, result, lines)


# Operators whose receiver may be the other operand: any failure to get it
# (wrong type, borrow conflict) returns NotImplemented so Python tries elsewhere.
_NOT_IMPLEMENTED_SHAPES = ("numeric", "compare", "inplace", "ternary", "richcmp")


def _or_not_implemented(setup: list[str]) -> list[str]:
    out = []
    for line in setup:
        head, _, expr = line.partition(" = ")
        if expr.endswith("?;"):
            line = f"{head} = match {expr[:-2]} {{ Ok(v) => v, Err(_) => return Ok({PYCLASS}::not_implemented()) }};"
        out.append(line)
    return out


# Every `__p_` body is an `unsafe {}` block: edition 2024 warns about unsafe calls outside one, even
# inside an `unsafe fn`.
def _p_fn(name: str, params: str, result: str, lines: list[str]) -> str:
    return f"""
    pub(crate) unsafe fn __p_{name}({params}) -> _ferrule::PyResult<{result}> {{
        unsafe {{
{_body(lines)}
        }}
    }}
"""


def block_glue(cls: PyClassDecl, block: MethodsBlock, runtime: str) -> str:
    parts: list[str] = []
    items: list[str] = []
    for method in block.methods:
        kind = method.kind
        if kind == MethodKind.NEW:
            parts.append(new_glue(cls, method))
        elif kind == MethodKind.GETTER:
            text, item = getter_glue(method, cls.rust_name)
            parts.append(text)
            items.append(item)
        elif kind in (MethodKind.SETTER, MethodKind.DELETER):
            pair = MethodKind.DELETER if kind == MethodKind.SETTER else MethodKind.SETTER
            other = next((m for m in block.methods if m.kind == pair and m.attr_name == method.attr_name), None)
            if kind == MethodKind.DELETER and other is not None:
                continue  # written with its setter
            text, item = setter_glue(method, other) if kind == MethodKind.SETTER else setter_glue(None, method)
            parts.append(text)
            items.append(item)
        elif kind == MethodKind.CLASSATTR:
            text, item = classattr_glue(method)
            parts.append(text)
            items.append(item)
        elif is_slot_method(method):
            parts.append(protocol_glue(method, cls.py_name))
        else:
            text, item = method_glue(cls, method)
            if method.fn.cfgs:
                text, item = _under_cfg(method, text, item)
            parts.append(text)
            items.append(item)
    body = "".join(parts)
    self_type, local = _self_path(block.self_type), ""
    if block.key.local:
        # A module cannot name a class declared in a function body: the block beside it tells the
        # module its type through a trait.
        self_type = "<__Of as __Local>::T"
        body = "    pub(super) trait __Local { type T; }\n    pub(super) struct __Of;\n" + body
        local = f"impl {block.glue_mod}::__Local for {block.glue_mod}::__Of {{ type T = {block.self_type}; }}\n"
    return f"""// @generated by ferrule for {block.key.file}:{block.key.line}. Do not edit.
{ALLOWS}
pub(crate) mod {block.glue_mod} {{
{_scope(block)}    use ::{runtime} as _ferrule;
    type __Self = {self_type};
{body}
    pub(crate) fn __items(b: &mut _ferrule::pyclass::TypeBuilder) {{
{chr(10).join(items)}
    }}
}}
{local}"""


def _under_cfg(method: Method, text: str, item: str) -> tuple[str, str]:
    """A method under `#[cfg(...)]`: its glue in a module compiled under the same predicates
    (so a method the build leaves out is never called), and its table entry too."""
    cfg = "".join(f"#[cfg({c})] " for c in method.fn.cfgs)
    mod = f"__cfg_{ident(method.fn.rust_name)}"
    text = text.replace('unsafe extern "C" fn ', 'pub(super) unsafe extern "C" fn ')
    item = re.sub(r"\b(__m_\w+)\b", rf"{mod}::\1", item)
    return f"\n    {cfg}mod {mod} {{\n    use super::*;\n{text}    }}\n", f"        {cfg}\n{item}"


_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _self_path(self_type: str) -> str:
    """The block's type as seen from its glue module (a child of the block's module)."""
    if _IDENT.fullmatch(self_type):
        return f"super::{self_type}"
    return self_type


def _scope(block: MethodsBlock) -> str:
    """`use super::*` only when something the user wrote needs the module's
    items: a default expression, or a `Self` type that is neither a plain name
    nor an absolute path. A glob import per block costs name resolution
    quadratic in the number of items of a module."""
    plain = _IDENT.fullmatch(block.self_type) or re.match(r"(crate|::)", block.self_type)
    if plain and not any(needs_parent_scope(m.fn) for m in block.methods):
        return ""
    return "    use super::*;\n"
