"""rustc errors inside generated glue, reported again at the user's item.

A glue file is named after its item's key (`<file>/L<line>.rs`), so the file
gives the item; the line rustc points at names what the glue was doing there
(extracting parameter `x`, converting the return value, calling `__len__`),
which gives the parameter or method, in the user's terms.
"""

from __future__ import annotations

import re
from pathlib import Path

from .errors import Diagnostic
from .parse.model import Crate, Function, Span

# Set on a rustc message said again at the user's item: the build does not print rustc's version of it.
from .errors import EXPLAINED  # noqa: E402  (defined there: cargo.py reads it without importing this module)

_ARG_NAME = re.compile(r'extract\w*\(.*"([^"]+)"\s*\)|let (?:mut )?__arg_(\w+)')
_ARG_PASSED = re.compile(r"__arg_(\w+)")
_CALLEE = re.compile(r"__Self::(\w+)[()]")  # called, or passed to a shared call (`..., __Self::m)`)
# `for<'a> T: FromPyObject<'a, '_>` from the runtime's shared calls (`impl_::call`): the type is `T`.
_NOT_IMPLEMENTED = re.compile(r"the trait bound `(?:for<[^>]*> )?(.+?): (?:\w+::)*(\w+)(?:<[^`]*>)?` is not satisfied")
# A glue line that hands the whole call to the runtime: it names no argument, the bound's type does.
_SHARED_CALL = re.compile(r"impl_::call(?:_method)?::\w+\(")
_RETURN_TRAITS = ("IntoPyObject", "IntoPyCallbackOutput", "IntoPyObjectExt")
_SLOT_RESULTS = {"LenOutput": "`usize` (or `PyResult<usize>`)", "HashOutput": "an integer such as `u64` or `isize`",
                 "BoolOutput": "`bool` (or `PyResult<bool>`)", "UnitOutput": "`()` (or `PyResult<()>`)"}


def _items(crate: Crate) -> dict[str, tuple[Span, list[Function]]]:
    """Glue file (relative to the glue dir) -> the item's span and the functions it binds,
    for the crate and the dependency crates bound with it (their glue shares the folder)."""
    found: dict[str, tuple[Span, list[Function]]] = {}
    for dep in crate.dependencies:
        found.update(_items(dep))
    for fn in crate.functions:
        found[fn.key.relpath()] = (fn.span, [fn])
    for block in crate.method_blocks:
        found[block.key.relpath()] = (block.span, [m.fn for m in block.methods])
    for cls in crate.classes:
        found[cls.key.relpath()] = (cls.span, [m.fn for b in cls.blocks for m in b.methods])
    for module in crate.modules:
        found.setdefault(module.key.relpath(), (module.span, []))
    return found


def _local_items(crate: Crate) -> dict[str, list[tuple[int, tuple[Span, list[Function]]]]]:
    """User file -> (key line, item) of items in function bodies: their glue is pasted in by the
    attribute, so rustc reports its errors at the attribute, in the user's file."""
    found: dict[str, list[tuple[int, tuple[Span, list[Function]]]]] = {}
    for dep in crate.dependencies:
        for file, entries in _local_items(dep).items():
            found.setdefault(file, []).extend(entries)
    entries = [(fn.key, (fn.span, [fn])) for fn in crate.functions]
    entries += [(b.key, (b.span, [m.fn for m in b.methods])) for b in crate.method_blocks]
    entries += [(c.key, (c.span, [m.fn for b in c.blocks for m in b.methods])) for c in crate.classes]
    for key, item in entries:
        if key.local:
            found.setdefault(str(item[0].path.resolve()), []).append((key.line, item))
    return found


def _pasted_at(local: dict, file: str, span: dict) -> tuple[Span, list[Function]] | None:
    """The body item whose attribute rustc points at: the first item keyed at or after its line."""
    if not any(str((e.get("macro_decl_name") or "")).startswith("#[py") for e in _expansions(span)):
        return None
    line = span.get("line_start", 0)
    after = sorted((key_line, n, item) for n, (key_line, item) in enumerate(local.get(file, [])) if key_line >= line)
    return after[0][2] if after else None


def _expansions(span: dict):
    while span and span.get("expansion"):
        span = span["expansion"]
        yield span
        span = span.get("span")


def _highlighted(span: dict) -> str:
    """The text rustc underlines, when it lies on one line."""
    lines = span.get("text") or []
    if len(lines) != 1:
        return ""
    line = lines[0]
    return line.get("text", "")[line.get("highlight_start", 1) - 1:line.get("highlight_end", 1) - 1]


def _primary(message: dict) -> dict | None:
    return next((s for s in message.get("spans", []) if s.get("is_primary")), None)


def at_user_items(crate: Crate, glue_dir: Path, messages: list[dict]) -> list[Diagnostic]:
    """One diagnostic at the user's item for each rustc error whose primary span is in `glue_dir`."""
    # Glue of a crate outside the workspace root (absolute file names) sits below the folder too.
    items = {rel.lstrip("/"): item for rel, item in _items(crate).items()}
    glue_root = str(glue_dir.resolve())
    local = _local_items(crate)
    out: list[Diagnostic] = []
    for msg in messages:
        span = _primary(msg)
        if msg.get("level") != "error" or span is None:
            continue
        file = str((crate.workspace_root / span.get("file_name", "")).resolve())
        if file.startswith(glue_root + "/"):
            rel = file[len(glue_root) + 1:]
            text = "".join(t.get("text", "") for t in span.get("text", []))
            item = (_member(file, span.get("line_start", 0), items) or items.get(rel)
                    or _derive_field(crate, rel, msg) or _by_path(crate, rel))
        else:
            # Pasted glue of a body item: no glue line to read, the bound's type names the parameter.
            rel = "pasted at " + span.get("file_name", "")
            text, item = "", _pasted_at(local, file, span)
        if item is None:
            continue
        msg[EXPLAINED] = True
        found = _explain(msg, text, rel, span.get("line_start", 0), *item, highlighted=_highlighted(span))
        # One mistake can fail several bounds in the glue; the user needs it once.
        if not any((d.message, d.path, d.line, d.col) == (found.message, found.path, found.line, found.col)
                   for d in out):
            out.append(found)
    return out


def _member(file: str, line: int, items: dict) -> tuple[Span, list[Function]] | None:
    """In a glue module shared by several functions (`codegen.glue_chunks`), the function whose items
    hold `line`: the last marker above it names the function's own glue file."""
    from .codegen.glue_chunks import MARKER

    try:
        lines = Path(file).read_text(encoding="utf-8").splitlines()[:line]
    except (OSError, ValueError):
        return None
    for text in reversed(lines):
        if text.strip().startswith(MARKER):
            return items.get(text.strip()[len(MARKER):].lstrip("/"))
    return None


# A `Box<T>` parameter: PyO3 0.29 has no `FromPyObject` for it (one here would
# overlap the blanket impl for `Clone` pyclasses, `Box` being `#[fundamental]`).
_BOXED = re.compile(r"(Box)<(.+)>$")


def _derive_field(crate: Crate, rel: str, msg: dict) -> tuple[Span, list[Function]] | None:
    """A derive's glue failing a conversion bound: the field of that type, when one has it."""
    bound = _NOT_IMPLEMENTED.search(msg.get("message", ""))
    if bound is None:
        return None
    pending = [crate]
    while pending:
        k = pending.pop()
        pending.extend(k.dependencies)
        for decl in k.derives:
            if any(decl.glue_path(t).lstrip("/") == rel for t in decl.traits):
                wanted = bound.group(1).replace(" ", "")
                for shape in decl.shapes:
                    for f in shape.fields:
                        if f.ty.text.replace(" ", "") == wanted:
                            return f.span, []
                return None
    return None


def _by_path(crate: Crate, rel: str) -> tuple[Span, list[Function]] | None:
    """Glue that is no bound item's own (derives: `<file>/L<line>-<Trait>.rs`): the file and line."""
    m = re.match(r"(.+)/L(\d+)", rel)
    if not m:
        return None
    return Span(crate.workspace_root / m.group(1), int(m.group(2)), 1), []


def _explain(msg: dict, text: str, rel: str, glue_line: int, where: Span,
             functions: list[Function], highlighted: str = "") -> Diagnostic:
    rustc = msg.get("message", "")
    code = (msg.get("code") or {}).get("code")
    where_glue = f"rustc reported {code or 'this'} in ferrule's glue for this item ({rel}:{glue_line})"
    callee = _CALLEE.search(text)
    fn = next((f for f in functions if callee and f.rust_name == callee.group(1)), None)
    if fn is None and len(functions) == 1:
        fn = functions[0]
    at = fn.span if fn is not None else where
    bound = _NOT_IMPLEMENTED.search(rustc)
    arg = _ARG_NAME.search(text)
    if bound and fn is not None and (arg or not text or _SHARED_CALL.search(text)):
        name = (arg.group(1) or arg.group(2)) if arg else None
        param = next((p for p in fn.params if p.name == name or p.name == f"r#{name}"
                      or (name is None and p.ty.text.replace(" ", "") == bound.group(1).replace(" ", ""))), None)
        if param is not None and bound.group(2) in ("FromPyObject", "PyFunctionArgument", "FromPyObjectBound"):
            pointer = _BOXED.match(bound.group(1))
            fix = (f"PyO3 extracts no `{pointer.group(1)}<T>` either: take `{pointer.group(2)}` and write "
                   f"`{pointer.group(1)}::new(..)` in the body" if pointer else
                   "implement `FromPyObject` for it (`#[derive(FromPyObject)]`, or make it a `#[pyclass]`), "
                   "or take a type that has it")
            return Diagnostic(f"`{bound.group(1)}` cannot be used as a Python function argument", param.span.path,
                              param.span.line, param.span.col,
                              f"parameter `{param.name}` of `{fn.rust_name}`: {fix}; {where_glue}")
    # A result's mistake is the return type's: point there (the name when there is none).
    ret = (fn.ret_span or fn.span) if fn is not None else at
    if bound and fn is not None and bound.group(2) in _SLOT_RESULTS:
        return Diagnostic(f"`{fn.py_name}` must return {_SLOT_RESULTS[bound.group(2)]}, not `{bound.group(1)}`",
                          ret.path, ret.line, ret.col, f"change the return type of `{fn.rust_name}`; {where_glue}")
    if bound and fn is not None and (bound.group(2) in _RETURN_TRAITS or "IntoPyObject" in rustc):
        return Diagnostic(f"`{bound.group(1)}` cannot be converted to a Python object (the return type of "
                          f"`{fn.rust_name}`)", ret.path, ret.line, ret.col,
                          "implement `IntoPyObject` for it (`#[derive(IntoPyObject)]`, or make it a `#[pyclass]`), "
                          f"or return a type that has it; {where_glue}")
    if fn is not None and fn.is_async and "cannot be sent between threads safely" in rustc:
        return Diagnostic(f"the future of `async fn {fn.rust_name}` cannot be sent between threads safely",
                          at.path, at.line, at.col,
                          "a coroutine may be resumed on another thread, so an `async fn` binding must be "
                          "`Send + 'static` (PyO3's rule): hold no `Rc`, `Bound` or `Python` across `.await` "
                          "(take `Py<T>`), and `&self` needs a `Sync` class, not `unsendable`; rustc's note "
                          f"names the value; {where_glue}")
    if bound and bound.group(2) == "Clone" and "clone" in text:
        return Diagnostic(f"`#[pyclass(from_py_object)]` needs `{bound.group(1)}: Clone`", where.path, where.line,
                          where.col, "the class converts from Python by a clone: derive or implement `Clone`, or "
                          f"drop `from_py_object` and implement `FromPyObject` yourself; {where_glue}")
    subject = f"`{fn.rust_name}`" if fn is not None else "this item"
    name = (arg.group(1) or arg.group(2)) if arg else None
    passed = _ARG_PASSED.fullmatch(highlighted)
    if passed:  # the argument handed to the user's function (a default's type was inferred from it)
        name = passed.group(1)
    param = next((p for p in fn.params if name in (p.name, p.py_name)), None) if fn is not None and name else None
    if param is not None and param.default is not None and param.default_span is not None and code == "E0308" \
            and ("|| " in text or "None => " in text or passed):
        d = param.default_span
        return Diagnostic(f"the default `{param.default}` of `{param.py_name}` is not {_default_type(param)}",
                          d.path, d.line, d.col, f"rustc: {rustc}; " + (
                              f"an `Option<T>` parameter's default is written without `Some` (`{param.py_name} = "
                              "value` of type `T`, or `None`)" if param.ty.is_named("Option") else
                              "the default is a Rust expression of the parameter's type") + f"; {where_glue}")
    if param is not None:  # a mistake in reading this argument (`from_py_with`): the parameter's
        return Diagnostic(f"{rustc} (in the glue ferrule generated for parameter `{param.py_name}` of {subject})",
                          param.span.path, param.span.line, param.span.col, where_glue)
    return Diagnostic(f"{rustc} (in the glue ferrule generated for {subject})", at.path, at.line, at.col, where_glue)


def _default_type(param) -> str:
    """The type a default must have: `T` of an `Option<T>` parameter, which PyO3 wraps in `Some`."""
    ty = param.ty
    if ty.is_named("Option") and ty.args:
        return f"a `{ty.args[0].text}` (or `{ty.text}`)"
    return f"a `{ty.text}`"


def explainer(crate: Crate, glue_dir: Path):
    """What `cargo.build` calls with rustc's messages when the build fails."""
    return lambda messages: at_user_items(crate, glue_dir, messages)
