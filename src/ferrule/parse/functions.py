"""`#[pyfunction]` items and their `signature`."""

from __future__ import annotations

import difflib
import re
from typing import TYPE_CHECKING

from .attributes import Option_, _skip_string, split_top_level, string_value
from .model import Function, Param, ParamKind, Span
from .param_attrs import read_param_attribute
from .source import SourceFile, child_of_type
from .types import type_ref
from .warn_option import read_warnings

if TYPE_CHECKING:
    from .crate import Item, Walk

FUNCTION_OPTIONS = ("name", "signature", "text_signature", "pass_module", "crate", "warn")


def did_you_mean(word: str, choices) -> str | None:
    close = difflib.get_close_matches(word, list(choices), n=1)
    return f"did you mean `{close[0]}`?" if close else None


def check_options(walk: "Walk", options: list[Option_], allowed, what: str) -> None:
    for opt in options:
        if opt.key not in allowed:
            hint = did_you_mean(opt.key, allowed) or "valid options: " + ", ".join(f"`{a}`" for a in allowed)
            walk.error(f"unknown option `{opt.key}` for {what}", opt.span, hint)


_NAME_VALUE = re.compile(r'"[^"\\]*"|r?#?[A-Za-z_][A-Za-z0-9_]*$')


def check_name_values(walk: "Walk", options: list[Option_]) -> None:
    """`name = "x"` (or a bare identifier, as older PyO3 took) names a Python object; nothing else can."""
    for opt in options:
        if opt.key == "name" and not opt.called and (opt.value is None or not _NAME_VALUE.match(opt.value.strip())):
            walk.error(f"expected a string literal for `name`, found `{opt.value or ''}`", opt.span,
                       'write `name = "python_name"`')


def collect_options(item: "Item", *names: str) -> list[Option_]:
    options: list[Option_] = []
    for attr in item.attrs:
        if attr.name in names:
            options.extend(attr.options())
    return options


def read_function(walk: "Walk", src: SourceFile, item: "Item", module_path: tuple[str, ...]) -> Function | None:
    node = item.node
    name_node = node.child_by_field_name("name")
    if name_node is None:
        return None
    rust_name = src.text(name_node)
    options = collect_options(item, "pyfunction", "pyo3")
    pyfn = next((a for a in item.attrs if a.name == "pyfn"), None)
    if pyfn is not None:  # `#[pyfn(m, options...)]` (PyO3's deprecated form): the module, then the options
        options.extend(pyfn.options()[1:])
    check_options(walk, options, FUNCTION_OPTIONS, "`#[pyfunction]`")
    check_name_values(walk, options)
    opts = {o.key: o for o in options}
    span = src.span(name_node)
    gated = any(a.name == "cfg" for a in item.attrs)
    deferred, is_async = _check_function_shape(walk, src, node, rust_name, gated)
    py_name = rust_name.removeprefix("r#")
    if "name" in opts:
        py_name = (string_value(opts["name"].value) or opts["name"].value or py_name).removeprefix("r#")
    params = read_params(walk, src, node)
    params_node = node.child_by_field_name("parameters")
    self_param = child_of_type(params_node, "self_parameter") if params_node is not None else None
    if self_param is not None:
        walk.error(f"`#[pyfunction]` `{rust_name}` cannot take `{src.text(self_param)}`", src.span(self_param),
                   "a method belongs in a `#[pymethods] impl` block of a `#[pyclass]`")
    pass_module = "pass_module" in opts
    fn = Function(
        rust_name=rust_name,
        py_name=py_name,
        params=params,
        ret=_return_type(src, node),
        ret_span=_return_span(src, node),
        doc=item.doc,
        span=span,
        key=walk.glue_key(src, node),
        module_path=module_path,
        visibility=_visibility(src, node),
        pass_module=pass_module,
        deferred_error=deferred,
        is_async=is_async,
        conditional=item.conditional,
    )
    if pass_module:
        if not params or params[0].kind == ParamKind.PYTHON:
            walk.error("`pass_module` needs the module as the first parameter", span,
                       "add a first parameter `m: &Bound<'_, PyModule>`")
        else:
            params[0].kind = ParamKind.MODULE
    if "text_signature" in opts:
        value = opts["text_signature"].value
        fn.text_signature = "" if value == "None" else (string_value(value) or "")
    if "signature" in opts:
        fn.signature_given = True
        apply_signature(walk, fn, opts["signature"])
    fn.warnings = read_warnings(walk, options)
    check_cancel_handle(walk, fn)
    return fn


def _check_function_shape(walk: "Walk", src: SourceFile, node, name: str, gated: bool = False) -> tuple[str, bool]:
    """Reports what no glue can bind; returns the message instead when the item is
    `#[cfg]`-gated (it may never be compiled, as PyO3's `experimental-async` tests are),
    and whether it is an `async fn` to bind as a coroutine."""
    deferred = ""
    is_async, message = check_async(walk, src, node, report=not gated)
    if message:
        deferred = message
    tparams = node.child_by_field_name("type_parameters")
    if tparams is not None and any(c.type != "lifetime_parameter" for c in tparams.named_children):
        walk.error(f"generic function `{name}` cannot be a `#[pyfunction]`", src.span(tparams),
                   "Python needs one concrete signature: write a non-generic wrapper")
    return deferred, is_async


ASYNC_NEEDS_FEATURE = "async functions are only supported with the `experimental-async` feature"
ASYNC_HINT = ('turn on the runtime\'s feature: `features = ["experimental-async"]` on its dependency in '
              'Cargo.toml (PyO3\'s name for it)')


def check_async(walk: "Walk", src: SourceFile, node, report: bool = True) -> tuple[bool, str]:
    """(is async and bindable, unreported error): without the runtime feature an
    `async fn` is PyO3's error at its `async`, or returned when not `report`ed."""
    modifiers = child_of_type(node, "function_modifiers")
    keyword = child_of_type(modifiers, "async") if modifiers is not None else None
    if keyword is None:
        return False, ""
    if walk.async_enabled:
        return True, ""
    if not report:
        return False, f"{ASYNC_NEEDS_FEATURE} ({ASYNC_HINT})"
    walk.error(ASYNC_NEEDS_FEATURE, src.span(keyword), ASYNC_HINT)
    return False, ""


def check_cancel_handle(walk: "Walk", fn: Function) -> None:
    """PyO3's rules for `#[pyo3(cancel_handle)]`: only on an `async fn`, at most once."""
    handles = [p for p in fn.params if p.kind == ParamKind.CANCEL_HANDLE]
    if handles and not fn.is_async:
        walk.error("`cancel_handle` attribute can only be used with `async fn`", handles[0].span)
    for extra in handles[1:]:
        walk.error("`cancel_handle` may only be specified once", extra.span)


def _visibility(src: SourceFile, node) -> str:
    vis = child_of_type(node, "visibility_modifier")
    return src.text(vis) if vis is not None else ""


def _return_span(src: SourceFile, node) -> Span | None:
    ret = node.child_by_field_name("return_type")
    return src.span(ret) if ret is not None else None


def _return_type(src: SourceFile, node):
    ret = node.child_by_field_name("return_type")
    return type_ref(src, ret) if ret is not None else None


def read_params(walk: "Walk", src: SourceFile, node) -> list[Param]:
    params_node = node.child_by_field_name("parameters")
    params: list[Param] = []
    if params_node is None:
        return params
    cancel_handle, reader = False, None
    for child in params_node.named_children:
        if child.type == "attribute_item":
            handle, read_with = read_param_attribute(walk, src, child)
            cancel_handle, reader = handle or cancel_handle, read_with or reader
            continue
        if child.type != "parameter":
            cancel_handle, reader = False, None
            continue
        pattern = child.child_by_field_name("pattern")
        ty_node = child.child_by_field_name("type")
        if pattern is None or ty_node is None:
            continue
        pname = src.text(pattern)
        if pattern.type == "mut_pattern" or pname.startswith("mut "):
            pname = pname.split()[-1]
        ty = type_ref(src, ty_node)
        param = Param(pname, ty, src.span(pattern), from_py_with=reader)
        reader = None
        if param.from_py_with:
            pass  # the user's function makes the value: any type it returns will do
        elif cancel_handle:
            param.kind = ParamKind.CANCEL_HANDLE
            cancel_handle = False
        elif ty.is_named("Python"):
            param.kind = ParamKind.PYTHON
        else:
            check_param_type(walk, param)
        params.append(param)
    return params


def check_param_type(walk: "Walk", param: Param) -> None:
    """Types no conversion can produce; the rest is left to rustc's trait checks."""
    ty = param.ty
    problem = None
    gil_ref = _GIL_REF.search(ty.text)
    if gil_ref:
        native = gil_ref.group(1)
        walk.error(f"unsupported type for parameter `{param.name}`: `{gil_ref.group(0)}` is PyO3's GIL-ref API "
                   "(PyO3 0.20 and before, removed in 0.23); ferrule's runtime has the Bound API", param.span,
                   f"write `&Bound<'_, {native}>`: `Bound<'py, {native}>` has the same methods")
        return
    borrowed_items = _BORROWED_ITEMS.search(ty.text)
    if borrowed_items:
        walk.error(f"unsupported type for parameter `{param.name}`: `{ty.text}` holds borrowed items, and a "
                   "container's items cannot borrow from the Python objects they come from (PyO3 0.23+)",
                   param.span, "take owned items (`Vec<String>`, `Vec<Vec<u8>>`), or `Vec<PyBackedStr>`/"
                   "`Vec<PyBackedBytes>` to keep Python's data without copying")
        return
    if _unextractable_trait_type(ty.text):
        problem = "a trait object or `impl Trait` has no conversion from Python"
    elif ty.kind == "other" and ty.text.startswith("*") and "Py_buffer" not in ty.text:  # __getbuffer__'s view
        problem = "raw pointers have no conversion from Python"
    elif ty.kind == "ref" and ty.mutable:
        pass  # `&mut` is allowed for `#[pyclass]` types only: see classify_ref_params
    elif ty.kind == "ref" and ty.args and ty.args[0].is_named("String", "Vec"):
        problem = f"`{ty.text}` has no conversion from Python"
    elif ty.kind == "ref" and ty.args and ty.args[0].kind == "slice" and not (
            ty.args[0].args and ty.args[0].args[0].is_named("u8")):
        problem = f"`{ty.text}` has no conversion from Python (only `&[u8]` borrows from `bytes`)"
    if problem:
        walk.error(f"unsupported type for parameter `{param.name}`: {problem}", param.span, _TYPE_HINT)


# `&PyModule`, `&'py PyAny`, `Option<&PyDict>`: a reference straight to a native type (not `&Bound<..>`).
_NATIVE = ("PyAny", "PyModule", "PyDict", "PyList", "PyTuple", "PyString", "PyBytes", "PyByteArray", "PySet",
           "PyFrozenSet", "PyType", "PyLong", "PyInt", "PyFloat", "PyBool", "PySequence", "PyMapping",
           "PyIterator", "PySlice", "PyCapsule", "PyFunction", "PyCFunction", "PyDateTime", "PyDate",
           "PyTime", "PyDelta", "PyTzInfo", "PyComplex", "PyMemoryView", "PyBaseException", "PySuper")
_GIL_REF = re.compile(r"&\s*(?:'\w+\s+)?(?:mut\s+)?(?:pyo3::(?:types::)?)?(" + "|".join(_NATIVE) + r")\b")


# `Vec<&str>`, `HashMap<&str, i32>`, `Option<Vec<&[u8]>>`: containers of borrowed items (markdown-it-pyrs).
_BORROWED_ITEMS = re.compile(r"\b(?:Vec|VecDeque|HashSet|BTreeSet|HashMap|BTreeMap|IndexMap|SmallVec)\s*<\s*&")


def _unextractable_trait_type(text: str) -> bool:
    """`impl Trait` anywhere (the function would be generic), or a trait object not behind an owning pointer
    (`dyn T`, `&dyn T`): no `FromPyObject` can make those. `Box<dyn Trait>` (pyrage's `Vec<Box<dyn
    PyrageRecipient>>`) is a sized type the crate may implement `FromPyObject` for: left to rustc."""
    if re.search(r"(^|[<(,&\s])impl\s", text):
        return True
    for found in re.finditer(r"(^|[<(,&\s])dyn\s", text):
        before = text[:found.start() + len(found.group(1))]
        depth, i = 0, len(before) - 1
        while i >= 0 and (depth or before[i] not in "<("):  # the innermost open bracket holding the `dyn`
            depth += {">": 1, ")": 1, "<": -1, "(": -1}.get(before[i], 0)
            i -= 1
        owner = re.search(r"(\w+)\s*$", before[:i]) if i >= 0 else None
        if owner is None or owner.group(1) not in ("Box", "Arc", "Rc"):
            return True
    return False


_TYPE_HINT = "take an owned type such as `String` or `Vec<T>`, or `&Bound<'_, PyAny>`"
_HOLDER_KINDS = (ParamKind.POSITIONAL_ONLY, ParamKind.POSITIONAL_OR_KEYWORD, ParamKind.KEYWORD_ONLY)


def classify_ref_params(walk: "Walk") -> None:
    """Marks `&T`/`&mut T` (and `Option<&T>`) parameters whose `T` is a
    `#[pyclass]` of this crate (`Self` in `#[pymethods]`): the glue borrows the
    instance for the call. Runs after the whole crate is parsed, since a class
    may be declared after the functions that take it; any other `&mut` is an error."""
    crate = walk.crate
    names = {c.rust_name for c in crate.classes} | {c.rust_name for dep in walk.externs.values() for c in dep.classes}
    for fn in crate.functions:
        _classify(walk, fn.params, names)
    for block in crate.method_blocks:
        for method in block.methods:
            _classify(walk, method.fn.params, names | {"Self"})


def _classify(walk: "Walk", params: list[Param], classes: set[str]) -> None:
    for param in params:
        if param.kind not in _HOLDER_KINDS:
            continue
        ref, optional = param.ty, False
        if ref.is_named("Option") and ref.arg() is not None and ref.args[0].kind == "ref":
            ref, optional = ref.args[0], True
        if ref.kind != "ref" or ref.arg() is None:
            continue
        target = ref.args[0]
        if target.kind == "path" and not target.args and target.name in classes:
            param.holder = "mut" if ref.mutable else "ref"
        elif ref.mutable:
            walk.error(f"unsupported type for parameter `{param.name}`: `&mut` parameters have no conversion "
                       "from Python", param.span,
                       _TYPE_HINT + "; `&mut T` works only when `T` is a `#[pyclass]` of this crate")


_ENTRY_NAME = re.compile(r"(r#)?[A-Za-z_][A-Za-z0-9_]*")


def _closing_paren(text: str) -> int:
    """Index of the `)` closing the `(` at 0 (string literals skipped), or -1."""
    depth, i = 0, 0
    while i < len(text):
        ch = text[i]
        if ch == '"':
            i = _skip_string(text, i)
            continue
        if ch == "'" and i + 2 < len(text) and (text[i + 2] == "'" or text[i + 1] == "\\"):
            close = text.find("'", i + 2)  # a char literal such as `')'`
            i = close + 1 if close != -1 else i + 1
            continue
        depth += ch in "([{"
        depth -= ch in ")]}"
        if depth == 0:
            return i
        i += 1
    return -1


def _split_entry(entry: str) -> tuple[str, str | None, str | None, str | None]:
    """`name: "annotation" = default` -> (name, annotation, default, problem)."""
    match = _ENTRY_NAME.match(entry)
    if match is None:
        return entry.partition("=")[0].strip(), None, None, None
    name, rest = match.group(0), entry[match.end():].strip()
    annotation = None
    if rest.startswith(":"):
        rest = rest[1:].strip()
        end = _skip_string(rest, 0) if rest.startswith('"') else 0
        annotation = string_value(rest[:end]) if end else None
        if annotation is None:
            return name, None, None, f"the annotation of `{name}` must be a string literal, like `{name}: \"int\"`"
        rest = rest[end:].strip()
    if rest and not rest.startswith("="):
        return name, annotation, None, f"unexpected `{rest}` after `{name}` in `signature`"
    return name, annotation, rest[1:].strip() or None, None


def apply_signature(walk: "Walk", fn: Function, option: Option_) -> None:
    text = (option.value or "").strip()
    close = _closing_paren(text) if text.startswith("(") else -1
    tail = text[close + 1:].strip() if close != -1 else ""
    if close == -1 or (tail and not tail.startswith("->")):
        walk.error("`signature` must be a parenthesised list, like `signature = (a, b=1, *, c)`", option.span)
        return
    if tail:
        fn.return_annotation = string_value(tail[2:].strip())
        if fn.return_annotation is None:
            walk.error("the return annotation in `signature` must be a string literal, like `-> \"int\"`",
                       option.span)
    text = text[:close + 1]
    visible = fn.visible_params()
    by_name = {p.py_name: p for p in visible}
    kind = ParamKind.POSITIONAL_OR_KEYWORD
    order: list[Param] = []
    seen_default = False
    for part, _ in split_top_level(text[1:-1]):
        entry = part.strip()
        if entry == "/":
            for p in order:
                if p.kind == ParamKind.POSITIONAL_OR_KEYWORD:
                    p.kind = ParamKind.POSITIONAL_ONLY
            continue
        if entry == "*" or (entry.startswith("*") and not entry.startswith("**")):
            if kind == ParamKind.KEYWORD_ONLY:
                walk.error(f"`{entry}` after `*` or `*args` in `signature`", option.span,
                           "keyword-only parameters start once: write a single `*` (or `*args`)")
                continue
        if entry == "*":
            kind = ParamKind.KEYWORD_ONLY
            continue
        entry_kind = kind
        if entry.startswith("**"):
            entry, entry_kind = entry[2:].strip(), ParamKind.VARKEYWORDS
        elif entry.startswith("*"):
            entry, entry_kind = entry[1:].strip(), ParamKind.VARARGS
            kind = ParamKind.KEYWORD_ONLY
        name, annotation, default, problem = _split_entry(entry)
        if problem:
            walk.error(problem, option.span)
            continue
        name = name.removeprefix("r#")  # `r#struct` names the parameter `struct`, as Python sees it
        param = by_name.get(name)
        if param is None:
            hint = did_you_mean(name, by_name) or f"parameters of `{fn.rust_name}`: " + ", ".join(by_name)
            walk.error(f"signature entry `{name}` is not a parameter of `{fn.rust_name}`", option.span, hint)
            continue
        if param in order:
            walk.error(f"signature entry `{name}` is given twice", option.span)
            continue
        param.kind = entry_kind
        param.default, param.annotation = default, annotation
        param.default_span = option.span if default is not None else None
        if entry_kind == ParamKind.POSITIONAL_OR_KEYWORD:
            if param.default is not None:
                seen_default = True
            elif seen_default:
                walk.error(f"required parameter `{name}` follows a parameter with a default", option.span,
                           "give it a default or move it before the optional ones")
        order.append(param)
    missing = [p.py_name for p in visible if p not in order]
    for name in missing:
        walk.error(f"parameter `{name}` of `{fn.rust_name}` is missing from the signature", option.span,
                   "every Rust parameter (except `py: Python`) must appear in `signature`")
    if not missing and [p.name for p in order] != [p.name for p in visible]:
        walk.error("signature lists the parameters in a different order than the function", option.span,
                   "order: " + ", ".join(p.py_name for p in visible))


