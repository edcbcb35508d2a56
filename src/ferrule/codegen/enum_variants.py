"""Glue of a complex `#[pyclass]` enum (variants with fields): one subclass of
the enum's class per variant, reachable as `Enum.Variant`, with a constructor
taking the fields, read-only field properties and `__match_args__`; tuple
variants also get `__len__`/`__getitem__`. The runtime's `VariantType` creates
each class once; `PyClass::instance_type` sends every new value to its
variant's class, so values returned by value come out as the right subclass."""

from __future__ import annotations

import textwrap

from ..parse.classes import variant_params
from ..parse.model import ClassField, Function, PyClassDecl, Variant
from .glue import PTR, c_string, call_body, cfg_prefix, description
from .methods import PYCLASS
from .signature import parameter_list

TRAMP = "_ferrule::impl_::trampoline::trampoline"
CONVERT = "_ferrule::impl_::wrap::IntoPyCallbackOutput::convert"


def field_names(variant: Variant) -> list[str]:
    """The Python names of a variant's fields (`_0`, `_1`, ... for a tuple variant)."""
    return [f"_{f.rust_name}" if variant.tuple_like else f.py_name for f in variant.fields]


def _pattern(cls: PyClassDecl, v: Variant, field: ClassField) -> str:
    return f"{cls.rust_name}::{v.rust_name} {{ {field.rust_name}: __f, .. }}"


def _getter(cls: PyClassDecl, v: Variant, i: int, field: ClassField) -> str:
    return f"""        unsafe extern "C" fn __get_{i}(slf: {PTR}, _c: *mut ::core::ffi::c_void) -> {PTR} {{
            unsafe {{ {TRAMP}(|py| {{
                let __me = {PYCLASS}::self_ref::<{cls.rust_name}>(py, slf)?;
                let __v = match &*__me {{
                    {_pattern(cls, v, field)} => ::core::clone::Clone::clone(__f),
                    _ => ::core::unreachable!("a {v.py_name} instance holds another variant"),
                }};
                drop(__me);
                {CONVERT}(__v, py)
            }}) }}
        }}
"""


def _sequence(cls: PyClassDecl, v: Variant) -> tuple[str, list[str]]:
    n = len(v.fields)
    arms = "".join(f"                    ({_pattern(cls, v, f)}, {i}) => {CONVERT}(::core::clone::Clone::clone(__f), py),\n"
                   for i, f in enumerate(v.fields))
    text = f"""        unsafe extern "C" fn __len(_slf: {PTR}) -> _ferrule::ffi::Py_ssize_t {{
            {n}
        }}
        unsafe extern "C" fn __getitem(slf: {PTR}, key: {PTR}) -> {PTR} {{
            unsafe {{ {TRAMP}(|py| {{
                let __i: isize = _ferrule::impl_::extract_argument::extract(py, &key, "index")?;
                let __me = {PYCLASS}::self_ref::<{cls.rust_name}>(py, slf)?;
                match (&*__me, if __i < 0 {{ __i + {n} }} else {{ __i }}) {{
{arms}                    _ => Err(_ferrule::exceptions::PyIndexError::new_err("tuple index out of range")),
                }}
            }}) }}
        }}
"""
    lines = ["b.slot(_ferrule::ffi::Py_mp_length, __len as *mut ::core::ffi::c_void);",
             "b.slot(_ferrule::ffi::Py_mp_subscript, __getitem as *mut ::core::ffi::c_void);",
             f"b.slot(_ferrule::ffi::Py_sq_item, {PYCLASS}::sq_item_from_mapping as *mut ::core::ffi::c_void);"]
    return text, lines


def _constructor(cls: PyClassDecl, v: Variant) -> str:
    params = v.constructor if v.constructor is not None else variant_params(v)
    fn = Function("__make", v.py_name, params, None, "", v.span, cls.key, cls.module_path)
    args = ", ".join(f"__a{i}: {f.ty.text}" for i, f in enumerate(v.fields))
    inits = ", ".join(f"{f.rust_name}: __a{i}" for i, f in enumerate(v.fields))
    finish = lambda call: [f"let __v: {cls.rust_name} = {call};",  # noqa: E731
                           "_ferrule::pyclass::PyClassInitializer::from(__v)"
                           ".create_class_object_of_type(py, subtype).map(_ferrule::Bound::into_ptr)"]
    body = "\n".join(" " * 16 + line for line in call_body(fn, "tuple_dict", callee="__make", finish=finish))
    desc = textwrap.indent(textwrap.dedent(description(fn)).strip("\n"), " " * 8)
    return f"""{desc}
        fn __make({args}) -> {cls.rust_name} {{
            {cls.rust_name}::{v.rust_name} {{ {inits} }}
        }}
        unsafe extern "C" fn __new(subtype: *mut _ferrule::ffi::PyTypeObject, args: {PTR}, kwargs: {PTR}) -> {PTR} {{
            unsafe {{ {TRAMP}(|py| {{
{body}
            }}) }}
        }}
"""


def _str_attr(name: str, make: str) -> str:
    return f"b.class_attr(_ferrule::pyclass::ClassAttr {{ name: \"{name}\", make: |py| {make} }});"


def variant_fn(cls: PyClassDecl, v: Variant) -> str:
    """`__variant_<V>`, which fills in the builder of the variant's class."""
    names = field_names(v)
    parts = [_constructor(cls, v)]
    qualified = f"{cls.python_module}.{v.py_name}" if cls.python_module else v.py_name
    ctor = Function("__make", v.py_name, v.constructor if v.constructor is not None else variant_params(v), None, "",
                    v.span, cls.key, cls.module_path)
    doc = f"{v.py_name}({', '.join(parameter_list(ctor))})\n--\n\n"
    lines = [f"b.name = {c_string(qualified)};",
             f"b.doc = ::core::option::Option::Some({c_string(doc)});",
             "b.slot(_ferrule::ffi::Py_tp_new, __new as *mut ::core::ffi::c_void);"]
    for i, (name, f) in enumerate(zip(names, v.fields)):
        parts.append(_getter(cls, v, i, f))
        lines.append(f"b.getter({c_string(name)}, __get_{i}, {c_string('')});")
    if v.tuple_like:
        text, seq = _sequence(cls, v)
        parts.append(text)
        lines.extend(seq)
    match_args = ", ".join(f'"{n}"' for n in names)
    lines.append(_str_attr("__match_args__", "Ok(_ferrule::types::PyTuple::new(py, "
                           f"[{match_args}] as [&str; {len(names)}])?.into_any().unbind())"))
    lines.append(_str_attr("__qualname__", f"Ok(_ferrule::types::PyString::new(py, \"{cls.py_name}.{v.py_name}\")"
                           ".into_any().unbind())"))
    body = "".join(parts) + "".join(f"        {line}\n" for line in lines)
    return f"""    static __VT_{v.rust_name.removeprefix('r#')}: _ferrule::pyclass::VariantType = _ferrule::pyclass::VariantType::new();
    fn __variant_{v.rust_name.removeprefix('r#')}(b: &mut _ferrule::pyclass::TypeBuilder) {{
{body}    }}
"""


def variant_class_attrs(cls: PyClassDecl) -> list[str]:
    return [f"            {cfg_prefix(v.cfgs)}b.class_attr(_ferrule::pyclass::ClassAttr {{ name: \"{v.py_name}\", make: |py| "
            f"__VT_{v.rust_name.removeprefix('r#')}.object::<{cls.rust_name}>(py, __variant_{v.rust_name.removeprefix('r#')}) }});" for v in cls.variants]


def instance_type(cls: PyClassDecl) -> str:
    arms = " ".join(f"{cfg_prefix(v.cfgs)}{cls.rust_name}::{v.rust_name} {{ .. }} => __VT_{v.rust_name.removeprefix('r#')}.get::<{cls.rust_name}>(py, "
                    f"__variant_{v.rust_name.removeprefix('r#')})," for v in cls.variants)
    return f"""        fn instance_type(&self, py: _ferrule::Python<'_>) -> *mut _ferrule::ffi::PyTypeObject {{
            match self {{ {arms} }}
        }}
"""
