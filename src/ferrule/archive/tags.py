"""The wheel tag: interpreter and ABI from the interpreter's facts, platform from the built library."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ConfigError
from ..interpreter import Interpreter
from .elf import ElfInfo, NotElf, read_elf

if TYPE_CHECKING:  # `ferrule develop` comes here for extension_suffix alone: packaging.tags is imported for tags
    from packaging.tags import Tag

# glibc's own libraries and libgcc_s, which every manylinux policy allows: a library linking only
# these is tagged here; anything else goes to auditwheel (repair.py) for the policy.
MANYLINUX_LIBS = frozenset({
    "libc.so.6", "libm.so.6", "libdl.so.2", "librt.so.1", "libpthread.so.0", "libgcc_s.so.1", "libutil.so.1",
    "libresolv.so.2", "libnsl.so.1", "libcrypt.so.1", "ld-linux-x86-64.so.2", "ld-linux-aarch64.so.1",
    "ld-linux.so.2", "ld-linux-armhf.so.3", "ld64.so.2", "ld64.so.1",
})
# The oldest manylinux each architecture has (manylinux1 = 2_5; the others started with manylinux2014 = 2_17).
BASELINE_GLIBC = {"x86_64": 5, "i686": 5}
_GLIBC = re.compile(r"^GLIBC_2\.(\d+)(?:\.\d+)?$")


@dataclass(frozen=True)
class Platform:
    tag: str
    warning: str | None = None
    # Libraries outside glibc's (or GLIBC_PRIVATE use): the wheel needs auditwheel's policy and repair.
    external: tuple[str, ...] = ()


def glibc_minor_required(info: ElfInfo) -> int:
    minor = BASELINE_GLIBC.get(info.arch, 17)
    for names in info.versions.values():
        for name in names:
            found = _GLIBC.match(name)
            if found:
                minor = max(minor, int(found.group(1)))
    return minor


def linux_platform(library: Path, machine: str) -> Platform:
    """The lowest `manylinux_2_N_<arch>` the library allows, else `linux_<arch>` with the reason."""
    try:
        info = read_elf(library)
    except (NotElf, OSError, IndexError, ValueError) as e:  # IndexError/struct.error: a truncated file
        return Platform(f"linux_{machine}", f"cannot read {library.name} as ELF ({e}); tagging linux_{machine}")
    foreign = sorted(lib for lib in info.needed if lib not in MANYLINUX_LIBS)
    if foreign:
        return Platform(f"linux_{info.arch}", external=tuple(foreign))
    private = sorted(n for names in info.versions.values() for n in names if n == "GLIBC_PRIVATE")
    if private:
        return Platform(f"linux_{info.arch}", external=("GLIBC_PRIVATE symbols",))
    return Platform(f"manylinux_2_{glibc_minor_required(info)}_{info.arch}")


def platform_tag(interp: Interpreter, library: Path) -> Platform:
    plat = interp.platform.replace("-", "_").replace(".", "_")
    if plat.startswith("linux"):
        return linux_platform(library, interp.machine)
    return Platform(plat)


def abi3_minor(abi3: str) -> int:
    found = re.fullmatch(r"3\.(\d+)", abi3.strip())
    if not found or int(found.group(1)) < 9:
        raise ConfigError(f"abi3 version `{abi3}` is not a Python version ferrule supports",
                          hint='write it as "3.9" (or any later 3.X)')
    return int(found.group(1))


def effective_abi3(interp: Interpreter, abi3: str | None) -> str | None:
    """PyPy has no stable ABI: an abi3 project builds for the PyPy version itself (as PyO3 and maturin do)."""
    return None if interp.is_pypy else abi3


def check_abi3(interp: Interpreter, abi3: str) -> None:
    minor = abi3_minor(abi3)
    if interp.version[:2] < (3, minor):
        raise ConfigError(f"an abi3 wheel for Python 3.{minor}+ cannot be built with Python "
                          f"{interp.version[0]}.{interp.version[1]}", hint="use a newer interpreter with -i")
    if interp.gil_disabled:
        raise ConfigError("the free-threaded build has no stable ABI (abi3)", hint="build without abi3 for it")


def pypy_abi(interp: Interpreter) -> str:
    """`pypy39_pp73`: PyPy's SOABI (`pypy39-pp73`) as a tag, as packaging derives it."""
    if interp.soabi:
        return interp.soabi.replace("-", "_").replace(".", "_")
    major, minor = interp.version[:2]
    return f"pypy{major}{minor}_pp{''.join(map(str, interp.implementation_version))}"


def wheel_tag(interp: Interpreter, abi3: str | None, platform: str) -> Tag:
    from packaging.tags import Tag

    major, minor = interp.version[0], interp.version[1]
    if interp.is_pypy:
        return Tag(f"pp{major}{minor}", pypy_abi(interp), platform)
    if interp.implementation != "cpython":  # discover.check_supported refuses these first
        raise ConfigError(f"no wheel tag for {interp.describe()}")
    if abi3:
        return Tag(f"cp3{abi3_minor(abi3)}", "abi3", platform)
    return Tag(f"cp{major}{minor}", f"cp{major}{minor}{interp.abiflags}", platform)


def extension_suffix(interp: Interpreter, abi3: str | None) -> str:
    """The file name ending CPython looks for: `.abi3.so` for the stable ABI, else the interpreter's own."""
    if interp.is_pypy:
        return interp.ext_suffix
    if abi3 and not interp.ext_suffix.endswith(".pyd"):
        return ".abi3" + interp.ext_suffix[interp.ext_suffix.rfind("."):]
    if abi3:
        return ".pyd"
    return interp.ext_suffix
