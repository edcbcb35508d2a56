"""The binding model: what the parser finds and what glue and stubs are made from."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path


@dataclass(frozen=True)
class Span:
    """A place in the crate's source (1-based line and column)."""

    path: Path
    line: int
    col: int


@dataclass(frozen=True)
class GlueKey:
    """Where the attribute macro looks for an item's glue: `<file>/L<line>.rs`."""

    file: str  # as rustc names it: relative to the workspace root, `/`-separated
    line: int
    # For an item whose name a macro substituted: `/<name file>/L<line>C<col>`, so
    # each expansion of one macro gets its own glue.
    name_at: str = ""
    # For a macro-written item: `<file>/L<line>` of the outermost invocation, what
    # `file!()`/`line!()` give there. Used only when expansions share a key
    # (`dynamic`): the attribute then includes `<key>/<file!()>/L<line!()>.rs`.
    site: str = field(default="", compare=False)
    dynamic: bool = False
    # `-impl` for a `#[pymethods]` block on its class's line (same key otherwise).
    suffix: str = ""
    # Declared inside a function body: `<key>.local.rs`, which the attribute pastes in itself
    # (`include!` in a block is an expression, and the glue is items).
    local: bool = False

    def relpath(self, extra: str = "") -> str:
        if self.dynamic:
            return f"{self.file}/L{self.line}{self.name_at}{self.suffix}/{self.site}{extra}.rs"
        return f"{self.file}/L{self.line}{self.name_at}{self.suffix}{extra}{'.local' if self.local else ''}.rs"

    @property
    def ident(self) -> str:
        """A Rust identifier part unique per key within a file (for glue module names)."""
        return f"L{self.line}" + re.sub(r"[^A-Za-z0-9]", "_", self.name_at)


@dataclass(frozen=True)
class TypeRef:
    """A Rust type, structurally: enough to map it to Python and pick an extractor.

    kind is one of: path, ref, tuple, array, slice, unit, other.
    For `path`, `name` is the last segment and `args` the generic type arguments
    (lifetimes dropped). For `ref`, `args[0]` is the referent.
    """

    kind: str
    text: str
    name: str = ""
    args: tuple["TypeRef", ...] = ()
    mutable: bool = False

    def arg(self, i: int = 0) -> "TypeRef | None":
        return self.args[i] if i < len(self.args) else None

    def is_named(self, *names: str) -> bool:
        return self.kind == "path" and self.name in names


class ParamKind(Enum):
    POSITIONAL_ONLY = "positional_only"
    POSITIONAL_OR_KEYWORD = "positional_or_keyword"
    KEYWORD_ONLY = "keyword_only"
    VARARGS = "varargs"
    VARKEYWORDS = "varkeywords"
    PYTHON = "python"  # the `py: Python<'_>` token, invisible to Python
    MODULE = "module"  # the module, with `pass_module`
    CANCEL_HANDLE = "cancel_handle"  # `#[pyo3(cancel_handle)]` of an `async fn`, invisible to Python


@dataclass
class Param:
    name: str  # the Rust binding name
    ty: TypeRef
    span: Span
    kind: ParamKind = ParamKind.POSITIONAL_OR_KEYWORD
    default: str | None = None  # Rust expression text
    annotation: str | None = None  # Python type from `signature = (a: "int")`, for the stub
    # "ref"/"mut" when the parameter borrows a `#[pyclass]` for the call (`&T`,
    # `&mut T`, `&Self`, `Option<&T>`): set after the whole crate is parsed.
    holder: str = ""
    from_py_with: str | None = None  # `#[pyo3(from_py_with = path)]`: the function that reads the argument
    default_span: Span | None = None  # where `signature = (...)` gives the default

    @property
    def py_name(self) -> str:
        return self.name[2:] if self.name.startswith("r#") else self.name

    @property
    def visible(self) -> bool:
        return self.kind not in (ParamKind.PYTHON, ParamKind.MODULE, ParamKind.CANCEL_HANDLE)


@dataclass
class Function:
    rust_name: str
    py_name: str
    params: list[Param]
    ret: TypeRef | None
    doc: str
    span: Span
    key: GlueKey
    module_path: tuple[str, ...]  # Rust modules from the crate root
    visibility: str = ""
    pass_module: bool = False
    text_signature: str | None = None  # explicit override; "" disables
    signature_given: bool = False
    # A problem found in an item under `#[cfg(...)]`: reported by rustc (a
    # `compile_error!` in its glue) only if the item is compiled at all.
    deferred_error: str = ""
    gated: bool = False  # written under `#[cfg(...)]`
    cfgs: tuple[str, ...] = ()  # those predicates (a method's glue is compiled under them)
    conditional: bool = False  # under `#[cfg]`/`#[cfg_attr]`: its glue must not hold another item's
    return_annotation: str | None = None  # `signature = (...) -> "int"`
    ret_span: Span | None = None  # where the return type is written
    is_async: bool = False  # an `async fn`: called, it returns a `Coroutine` (feature `experimental-async`)
    # `#[pyo3(warn(...))]`: (message, category path, "" for `UserWarning`), emitted on each call.
    warnings: list[tuple[str, str]] = field(default_factory=list)

    def visible_params(self) -> list[Param]:
        return [p for p in self.params if p.visible]


class ModuleForm(Enum):
    FUNCTION = "function"  # #[pymodule] fn name(m: &Bound<PyModule>)
    DECLARATIVE = "declarative"  # #[pymodule] mod name { ... }


@dataclass
class ModuleMember:
    """Something a module exposes: a function, class or submodule, by Python name."""

    kind: str  # "function", "class", "module", "constant" (rust_path then holds the value's source)
    py_name: str
    rust_path: str  # as written in the source (e.g. `super::add` or `add`)
    target: "Function | PyModuleDecl | None" = None
    span: Span | None = None
    imported: str = ""  # for `#[pymodule_export] use`: the name the `use` binds in the module
    cfg: tuple[str, ...] = ()  # `#[cfg(...)]` predicates of the item that declares it (declarative form)
    # `#[pymodule_export] const NAME: T = ...;` (declarative form): rust_path is NAME, this its type.
    const_type: "TypeRef | None" = None
    doc: str = ""
    scope: tuple[str, ...] | None = None  # the module its path is written in, when not the `#[pymodule]`'s


@dataclass
class PyModuleDecl:
    rust_name: str
    py_name: str
    form: ModuleForm
    doc: str
    span: Span
    key: GlueKey
    module_path: tuple[str, ...]  # of the item (the `fn` or the `mod` itself)
    params: list[Param] = field(default_factory=list)  # function form only
    members: list[ModuleMember] = field(default_factory=list)
    init_fn: str | None = None  # declarative: a #[pymodule_init] function
    parent: "PyModuleDecl | None" = None
    visibility: str = ""
    package: str = ""  # top module only: the Python package it sits in (`pkg` for module-name `pkg._native`)
    module_option: str = ""  # declarative `#[pyo3(module = "pkg")]`: the full name is `pkg.<name>`
    # Plain functions the init code hands the module to (`helpers::register(m)?`): (path, span, written in).
    helpers: list[tuple[str, Span, tuple[str, ...]]] = field(default_factory=list)

    @property
    def in_body(self) -> bool:
        """Declared in a function body (a test's): only `wrap_pymodule!` there reaches it, no `PyInit_`."""
        return any(part.startswith("{") for part in self.module_path)

    @property
    def qualified_name(self) -> str:
        names = []
        node: PyModuleDecl | None = self
        while node is not None:
            names.append(node.py_name)
            if node.module_option:
                names.append(node.module_option)
                break
            if node.parent is None and node.package:
                names.append(node.package)
            node = node.parent
        return ".".join(reversed(names))


@dataclass
class ExceptionDecl:
    """A `create_exception!(module, Name, Base, "doc")` type."""

    name: str
    module: str
    base: str  # Rust name of the base, e.g. `PyException`
    doc: str = ""


@dataclass
class Crate:
    """Everything the parser found in one library crate."""

    package: str
    lib_name: str
    root: Path  # the package folder (holding Cargo.toml)
    workspace_root: Path
    runtime_crate: str  # the name the crate uses for ferrule (`ferrule` or a rename like `pyo3`)
    functions: list[Function] = field(default_factory=list)
    modules: list[PyModuleDecl] = field(default_factory=list)
    classes: list["PyClassDecl"] = field(default_factory=list)
    method_blocks: list["MethodsBlock"] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    # What the glue was made from (glue_stamp.py): each file's sha1 and each folder's mtime, as read.
    inputs: dict[str, str | int] = field(default_factory=dict)
    # Beside them (glue_stamp.py): each file's shape (parse/shape.py) and each folder's entry names.
    shapes: dict[str, str] = field(default_factory=dict)
    exceptions: dict[str, ExceptionDecl] = field(default_factory=dict)
    derives: list = field(default_factory=list)  # parse.derives.DeriveDecl: derived conversions
    # `type Name<T> = ...;` anywhere in the crate, by name: (type parameters, the aliased type),
    # or None when two aliases share the name. Stubs look through them.
    type_aliases: dict[str, "tuple[tuple[str, ...], TypeRef] | None"] = field(default_factory=dict)
    dependency: bool = False  # a dependency of the extension crate, bound through it
    module_name: str = ""  # the dotted Python name of the extension (`module-name`), "" for a dependency
    scopes: dict = field(default_factory=dict, repr=False)  # parse.resolve.Scope by module path
    dependencies: list["Crate"] = field(default_factory=list, repr=False)  # path dependencies bound with it
    # Deprecated but working constructs (PyO3's deprecation warnings), each at its place: errors.Diagnostic.
    warnings: list = field(default_factory=list)

    def top_level_modules(self) -> list[PyModuleDecl]:
        """The modules with no parent; one declared in a function body is only for `wrap_pymodule!`."""
        return [m for m in self.modules if m.parent is None and not m.key.local and not m.in_body]

    def top_module(self) -> PyModuleDecl | None:
        """The top-level module CPython imports (others only export their own `PyInit_`)."""
        tops = self.top_level_modules()
        expected = (self.module_name or self.lib_name).rpartition(".")[2]
        return next((m for m in tops if m.py_name == expected), tops[0] if tops else None)

    def class_at(self, module_path: tuple[str, ...], name: str) -> "PyClassDecl | None":
        for c in self.classes:
            if c.module_path == module_path and c.rust_name == name:
                return c
        return None

    def class_named(self, name: str) -> "PyClassDecl | None":
        return next((c for c in self.classes if c.rust_name == name), None)

    def base_class(self, path: str) -> "PyClassDecl | None":
        """The `#[pyclass]` an `extends = path` names: this crate's, else a bound path dependency's
        (the one the path starts with, when it names one)."""
        segments = [s.strip() for s in path.split("::") if s.strip()]
        name = segments[-1] if segments else path
        found = self.class_named(name)
        if found is not None and (len(segments) < 2 or segments[0] in ("crate", "self", "super")):
            return found
        # Here `found is None` whenever the path has one segment.
        first = segments[0] if len(segments) > 1 else None
        named = [d for d in self.dependencies if d.lib_name == first]
        others = [d for d in self.dependencies if d.lib_name != first] if found is None else []
        return next((c for d in named + others if d is not self and (c := d.class_named(name))), found)

    def function_at(self, module_path: tuple[str, ...], name: str) -> Function | None:
        for f in self.functions:
            if f.module_path == module_path and f.rust_name == name:
                return f
        return None


@dataclass
class ClassField:
    """A struct field (or an enum variant's field) of a `#[pyclass]`."""

    rust_name: str  # field name, or the index of a tuple field
    py_name: str
    ty: TypeRef
    span: Span
    get: bool = False
    set: bool = False
    doc: str = ""  # the property's `__doc__`, from the field's `///`
    cfgs: tuple[str, ...] = ()  # its `#[cfg(...)]` predicates: the glue touching it is compiled under them


@dataclass
class Variant:
    """A variant of a `#[pyclass]` enum."""

    rust_name: str
    py_name: str
    span: Span
    fields: list[ClassField] = field(default_factory=list)
    tuple_like: bool = False
    braced: bool = False  # `Name {}`: a struct variant, even with no fields
    constructor: list["Param"] | None = None  # from `#[pyo3(constructor = (...))]`
    cfgs: tuple[str, ...] = ()  # its `#[cfg(...)]` predicates, as on `ClassField`

    @property
    def unit(self) -> bool:
        return not self.fields and not self.tuple_like and not self.braced


class MethodKind(Enum):
    INSTANCE = "instance"
    NEW = "new"
    STATIC = "static"
    CLASS = "class"
    GETTER = "getter"
    SETTER = "setter"
    DELETER = "deleter"
    CLASSATTR = "classattr"


# Kinds of method whose special names (`__len__`, `__getitem__`, ...) fill type slots, as in PyO3: with
# `self`, as a `#[staticmethod]` (called without the object) or a `#[classmethod]` (given its type).
SLOT_KINDS = (MethodKind.INSTANCE, MethodKind.STATIC, MethodKind.CLASS)


@dataclass
class Method:
    """One function of a `#[pymethods]` block. `fn.params` excludes the receiver
    (and, for class methods, the `cls` parameter)."""

    fn: Function
    kind: MethodKind
    receiver: str | None = None  # ref, mut, pyref, pyrefmut, bound_ref, bound, py; None for no self
    attr_name: str = ""  # property name of a getter/setter
    is_const: bool = False  # a `#[classattr] const`
    cls_type: str = ""  # the `cls` parameter's type of a #[classmethod] (or #[new] #[classmethod])
    receiver_lifetime: bool = False  # `&'a self`: a lifetime of the receiver that the signature may name


@dataclass
class MethodsBlock:
    """One `#[pymethods] impl T { ... }` block."""

    self_type: str  # the type as written
    self_name: str  # its last path segment
    span: Span
    key: GlueKey
    module_path: tuple[str, ...]
    methods: list[Method] = field(default_factory=list)
    generated: bool = False  # written by ferrule for the class (`new = "from_fields"`), glue in the class's
    cfgs: tuple[str, ...] = ()  # its `#[cfg(...)]` predicates, as written

    @property
    def glue_mod(self) -> str:
        return f"__ferrule_{'fields' if self.generated else 'methods'}_{self.key.ident}"


@dataclass
class PyClassDecl:
    """A `#[pyclass]` struct or enum, with its options and all its method blocks."""

    rust_name: str
    py_name: str
    kind: str  # "struct" or "enum"
    doc: str
    span: Span
    key: GlueKey
    module_path: tuple[str, ...]
    options: dict[str, str | None] = field(default_factory=dict)
    fields: list[ClassField] = field(default_factory=list)
    variants: list[Variant] = field(default_factory=list)
    blocks: list[MethodsBlock] = field(default_factory=list)
    generics: bool = False
    cfgs: tuple[str, ...] = ()  # its `#[cfg(...)]` predicates, as written (telling alternatives apart)
    python_module: str = ""  # the module that exports it (filled when modules are resolved)
    option_spans: dict[str, Span] = field(default_factory=dict)  # where each option was written
    repr_type: str = "isize"  # a simple enum's integer `#[repr]` (PyO3: `__int__` and `eq_int` use it)

    def has(self, option: str) -> bool:
        return option in self.options

    @property
    def frozen(self) -> bool:
        """`frozen`, implied for a complex enum (a variant's class must match its value)."""
        return "frozen" in self.options or self.complex_enum

    def methods(self) -> list[Method]:
        return [m for block in self.blocks for m in block.methods]

    def method_named(self, py_name: str) -> Method | None:
        return next((m for m in self.methods() if m.kind == MethodKind.INSTANCE and m.fn.py_name == py_name), None)

    @property
    def simple_enum(self) -> bool:
        return self.kind == "enum" and all(v.unit for v in self.variants)

    @property
    def complex_enum(self) -> bool:
        """An enum whose variants carry fields: each variant is a subclass."""
        return self.kind == "enum" and not self.simple_enum
