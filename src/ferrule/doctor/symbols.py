"""Do the ffi's extern declarations name symbols the interpreter exports?

Layouts are checked by compiling; symbols are not: an extern item the
extension uses but the interpreter lacks (an API cpyext never had, a private
function a new CPython dropped, a wrong `link_name`) only fails when the module
is imported. So every extern item that the target's cfgs enable is resolved to
its symbol (`link_name` included) and looked up in the interpreter's library.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .cfg import DoctorError, Target

_ATTR = re.compile(r"#\[(cfg_attr|cfg|link_name)\b\s*(.*)\]\s*(?://.*)?$")
_ITEM = re.compile(r"pub (?:fn|static(?: mut)?) (\w+)")
_MODULE = re.compile(r"pub mod (?:r#)?(\w+);")


@dataclass(frozen=True)
class Extern:
    name: str  # the Rust name
    symbol: str  # what the linker looks for
    where: str  # file:line


def _split_cfg_attr(text: str) -> tuple[str, str] | None:
    """`(PyPy, link_name = "X")` -> ("PyPy", "X"); None for other cfg_attrs."""
    inner = text.strip()[1:-1]
    depth = 0
    for i, ch in enumerate(inner):
        depth += ch == "("
        depth -= ch == ")"
        if ch == "," and depth == 0:
            found = re.fullmatch(r'\s*link_name\s*=\s*"(\w+)"\s*', inner[i + 1:])
            return (inner[:i].strip(), found.group(1)) if found else None
    return None


def _attrs_apply(attrs: list[tuple[str, str]], target: Target) -> tuple[bool, str | None]:
    """(enabled, link name) for the attributes above an item."""
    enabled, link = True, None
    for kind, text in attrs:
        if kind == "cfg":
            enabled = enabled and target.active(text.strip()[1:-1])
        elif kind == "link_name":
            link = re.search(r'"(\w+)"', text).group(1)  # type: ignore[union-attr]
        else:
            split = _split_cfg_attr(text)
            if split and target.active(split[0]):
                link = split[1]
    return enabled, link


def _module_cfgs(mod_rs: Path, target: Target) -> dict[str, bool]:
    enabled: dict[str, bool] = {}
    attrs: list[tuple[str, str]] = []
    for line in mod_rs.read_text().splitlines():
        s = line.strip()
        attr = _ATTR.match(s)
        if attr:
            attrs.append((attr.group(1), attr.group(2)))
            continue
        module = _MODULE.match(s)
        if module:
            enabled[module.group(1)] = _attrs_apply(attrs, target)[0]
        attrs = []
    return enabled


def declared_externs(ffi_mod: Path, target: Target) -> list[Extern]:
    """Every extern fn/static of `ffi/` that `target`'s cfgs enable."""
    root = ffi_mod.parent
    modules = _module_cfgs(ffi_mod, target)
    out: list[Extern] = []
    for path in sorted(root.rglob("*.rs")):
        top = path.relative_to(root).parts[0].removesuffix(".rs")
        if path == ffi_mod or not modules.get(top, top == "cpython"):
            continue
        attrs: list[tuple[str, str]] = []
        block_on = False
        in_block = False
        for number, line in enumerate(path.read_text().splitlines(), 1):
            s = line.strip()
            attr = _ATTR.match(s)
            if attr:
                attrs.append((attr.group(1), attr.group(2)))
                continue
            if s.startswith("//"):
                continue
            if not in_block and re.match(r'(?:pub )?(?:unsafe )?extern "C" \{', s):
                in_block, block_on = True, _attrs_apply(attrs, target)[0]
            elif in_block and line.startswith("}"):
                in_block = False
            elif in_block and block_on:
                item = _ITEM.match(s)
                if item:
                    enabled, link = _attrs_apply(attrs, target)
                    if enabled:
                        out.append(Extern(item.group(1), link or item.group(1), f"{path.relative_to(root)}:{number}"))
            attrs = []
    return out


def interpreter_library(target: Target) -> Path:
    """The file whose dynamic symbols the extension resolves against."""
    interp = target.interpreter
    probe = subprocess.run([str(interp.executable), "-c",
                            "import sysconfig as s; print(s.get_config_var('LIBDIR') or ''); "
                            "print(s.get_config_var('LDLIBRARY') or ''); print(s.get_config_var('INSTSONAME') or '')"],
                           capture_output=True, text=True, timeout=60)
    libdir, *names = (probe.stdout.splitlines() + ["", "", ""])[:3]
    version = f"{interp.version[0]}.{interp.version[1]}"
    candidates = [Path(libdir) / n for n in names if n and n.endswith((".so", ".so.1.0"))]
    if interp.is_pypy:
        exe = Path(interp.executable).resolve()
        candidates += [exe.parent / f"libpypy{version}-c.so", exe.parent.parent / "lib" / f"libpypy{version}-c.so",
                       Path(libdir) / f"libpypy{version}-c.so"]
        candidates += sorted(Path("/usr/lib").glob(f"*/libpypy{version}-c.so"))
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    # CPython linked statically exports its API from the executable itself.
    return Path(interp.executable).resolve()


def exported_symbols(library: Path) -> set[str]:
    nm = shutil.which("nm")
    if nm is None:
        raise DoctorError("`nm` not found; `ferrule doctor` needs it to read the interpreter's symbols",
                          hint="install binutils")
    out = subprocess.run([nm, "-D", "--defined-only", str(library)], capture_output=True, text=True, timeout=120)
    if out.returncode != 0:
        raise DoctorError(f"cannot read the symbols of {library}: {out.stderr.strip()}")
    return {parts[-1].split("@")[0] for parts in (ln.split() for ln in out.stdout.splitlines()) if len(parts) >= 3}


@dataclass
class SymbolReport:
    library: Path
    checked: int
    missing: list[Extern]


def check_symbols(target: Target, ffi_mod: Path) -> SymbolReport:
    library = interpreter_library(target)
    exported = exported_symbols(library)
    externs = declared_externs(ffi_mod, target)
    return SymbolReport(library, len(externs), [e for e in externs if e.symbol not in exported])
