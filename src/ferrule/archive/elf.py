"""Just enough of an ELF reader to tag a wheel: the machine, DT_NEEDED and versioned symbol requirements."""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from pathlib import Path

SHT_DYNAMIC = 6
SHT_GNU_VERNEED = 0x6FFFFFFE
DT_NEEDED = 1

# e_machine → the architecture as wheel platform tags spell it.
MACHINES = {3: "i686", 62: "x86_64", 40: "armv7l", 183: "aarch64", 21: "ppc64", 22: "s390x", 243: "riscv64"}


class NotElf(ValueError):
    """The file is not an ELF shared object this reader understands."""


@dataclass(frozen=True)
class ElfInfo:
    arch: str
    needed: tuple[str, ...]
    # Library file name → the symbol versions required from it (`GLIBC_2.17`, `GCC_3.0`, ...).
    versions: dict[str, frozenset[str]] = field(default_factory=dict)


def _cstr(data: bytes, offset: int) -> str:
    end = data.index(b"\0", offset)
    return data[offset:end].decode("ascii", "replace")


def read_elf(path: Path) -> ElfInfo:
    data = path.read_bytes()
    if data[:4] != b"\x7fELF" or len(data) < 64:
        raise NotElf(f"{path} is not an ELF file")
    is64 = data[4] == 2
    order = "<" if data[5] == 1 else ">"
    if is64:
        e_machine, = struct.unpack_from(order + "H", data, 18)
        e_shoff, = struct.unpack_from(order + "Q", data, 40)
        e_shentsize, e_shnum, _e_shstrndx = struct.unpack_from(order + "HHH", data, 58)
        sh_fmt = order + "IIQQQQIIQQ"
    else:
        e_machine, = struct.unpack_from(order + "H", data, 18)
        e_shoff, = struct.unpack_from(order + "I", data, 32)
        e_shentsize, e_shnum, _e_shstrndx = struct.unpack_from(order + "HHH", data, 46)
        sh_fmt = order + "IIIIIIIIII"
    sections = []
    for i in range(e_shnum):
        # name, type, flags, addr, offset, size, link, info, addralign, entsize
        sections.append(struct.unpack_from(sh_fmt, data, e_shoff + i * e_shentsize))
    arch = MACHINES.get(e_machine, f"machine{e_machine}")
    if arch == "ppc64" and order == "<":
        arch = "ppc64le"

    def section_bytes(index: int) -> bytes:
        sec = sections[index]
        return data[sec[4]:sec[4] + sec[5]]

    needed: list[str] = []
    versions: dict[str, set[str]] = {}
    for sec in sections:
        sh_type, sh_offset, sh_size, sh_link, sh_info = sec[1], sec[4], sec[5], sec[6], sec[7]
        if sh_type == SHT_DYNAMIC:
            strtab = section_bytes(sh_link)
            dyn_fmt = order + ("qQ" if is64 else "iI")
            step = struct.calcsize(dyn_fmt)
            for off in range(sh_offset, sh_offset + sh_size, step):
                tag, val = struct.unpack_from(dyn_fmt, data, off)
                if tag == 0:
                    break
                if tag == DT_NEEDED:
                    needed.append(_cstr(strtab, val))
        elif sh_type == SHT_GNU_VERNEED:
            strtab = section_bytes(sh_link)
            off = sh_offset
            for _ in range(sh_info):  # sh_info holds the number of Verneed entries
                _vn_version, vn_cnt, vn_file, vn_aux, vn_next = struct.unpack_from(order + "HHIII", data, off)
                names = versions.setdefault(_cstr(strtab, vn_file), set())
                aux = off + vn_aux
                for _ in range(vn_cnt):
                    _hash, _flags, _other, vna_name, vna_next = struct.unpack_from(order + "IHHII", data, aux)
                    names.add(_cstr(strtab, vna_name))
                    aux += vna_next
                off += vn_next
    return ElfInfo(arch, tuple(needed), {k: frozenset(v) for k, v in versions.items()})
