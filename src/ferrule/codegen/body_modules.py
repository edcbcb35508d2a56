"""The glue of a function-form `#[pymodule]` declared in a function body (a test's own module)."""

from __future__ import annotations

from ..parse.model import ParamKind, PyModuleDecl
from .glue import ALLOWS, _header, c_string, glue_visibility


def local_module_glue(module: PyModuleDecl, runtime: str) -> str:
    """A function-form module declared in a function body (a test's): no path reaches the fn, so
    the hidden `mod <name>` holds a type whose associated const, set in a block beside the fn,
    is the def (as for a body's `#[pyfunction]`); `wrap_pymodule!` reaches it. No `PyInit_`."""
    has_py = any(p.kind == ParamKind.PYTHON for p in module.params)
    call = f"{module.rust_name}(__m.py(), __m)" if has_py else f"{module.rust_name}(__m)"  # the fn may be `m`
    vis = glue_visibility(module)
    return f"""{_header(module)}{ALLOWS}
{vis} mod {module.rust_name} {{
    pub mod __ferrule_module {{
        pub struct __Def;
        pub static __DEF: ::{runtime}::impl_::pymodule::ModuleDef = __Def::__DEF;
    }}
}}
{ALLOWS}
const _: () = {{
    use ::{runtime} as _ferrule;
    use _ferrule::types::PyModuleMethods as _;
    impl {module.rust_name}::__ferrule_module::__Def {{
        const __DEF: _ferrule::impl_::pymodule::ModuleDef = _ferrule::impl_::pymodule::ModuleDef::new(
            {c_string(module.py_name)},
            {c_string(module.doc)},
            ::core::ptr::null_mut(),
            __init,
        );
    }}
    fn __init(__m: &_ferrule::Bound<'_, _ferrule::types::PyModule>) -> _ferrule::PyResult<()> {{
        ::core::result::Result::map_err({call}, ::core::convert::Into::<_ferrule::PyErr>::into)
    }}
}};
"""
