"""The two check programs, generated from `layout.py` for one target.

Both print the same lines, one fact each:
    size <Struct> <size> <align>
    offset <Struct>.<field> <offset>
    const <NAME> <value>          (the C side prints `const <NAME> absent` for a missing #define)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .cfg import Target
from .layout import CONSTANTS, STRUCTS, Const, Struct

C_PRELUDE = """\
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h>
#include <stddef.h>
#include <stdio.h>

#define SHOW_CONST(name, value) do { \\
    if ((value) < 0) printf("const %s %lld\\n", name, (long long)(value)); \\
    else printf("const %s %llu\\n", name, (unsigned long long)(value)); \\
} while (0)

int main(void) {
"""

RUST_PRELUDE = """\
#![allow(unused_imports, dead_code)]
#[path = {ffi_path}]
mod ffi;
use ffi::*;
use std::mem::{{align_of, offset_of, size_of}};

fn main() {{
"""


@dataclass(frozen=True)
class Selection:
    """The structs, fields and constants checked for one target."""

    structs: tuple[Struct, ...]
    constants: tuple[Const, ...]

    @property
    def field_count(self) -> int:
        return sum(len(s.fields) for s in self.structs)


def select(target: Target) -> Selection:
    structs = []
    for s in STRUCTS:
        if target.active(s.cfg):
            fields = tuple(f for f in s.fields if target.active(f.cfg))
            structs.append(Struct(s.name, fields, s.cfg))
    constants = tuple(c for c in CONSTANTS if target.active(c.cfg))
    return Selection(tuple(structs), constants)


def c_program(sel: Selection, defines: list[str] | None = None) -> str:
    """The C side. `defines` (such as Py_LIMITED_API) go before Python.h."""
    lines = [f"#define {d}" for d in defines or []]
    lines.append(C_PRELUDE.rstrip("\n"))
    for s in sel.structs:
        lines.append(f'  printf("size {s.name} %zu %zu\\n", sizeof({s.name}), _Alignof({s.name}));')
        for f in s.fields:
            lines.append(f'  printf("offset {s.name}.{f.name} %zu\\n", offsetof({s.name}, {f.c or f.name}));')
    for c in sel.constants:
        if not c.macro:
            lines.append(f'  SHOW_CONST("{c.name}", {c.c_names[0]});')
            continue
        for i, spelling in enumerate(c.c_names):
            lines += [f"#{'if' if i == 0 else 'elif'} defined({spelling})",
                      f'  SHOW_CONST("{c.name}", {spelling});']
        lines += ["#else", f'  printf("const {c.name} absent\\n");', "#endif"]
    lines += ["  return 0;", "}", ""]
    return "\n".join(lines)


def rust_program(sel: Selection, ffi_mod: Path) -> str:
    """The Rust side: a binary crate that mounts the runtime's `ffi` module by path."""
    lines = [RUST_PRELUDE.format(ffi_path=_rust_str(str(ffi_mod))).rstrip("\n")]
    for s in sel.structs:
        lines.append(f'    println!("size {s.name} {{}} {{}}", size_of::<{s.name}>(), align_of::<{s.name}>());')
        for f in s.fields:
            lines.append(f'    println!("offset {s.name}.{f.name} {{}}", offset_of!({s.name}, {f.name}));')
    for c in sel.constants:
        lines.append(f'    println!("const {c.name} {{}}", ({c.rust or c.name}) as i128);')
    lines += ["}", ""]
    return "\n".join(lines)


def _rust_str(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
