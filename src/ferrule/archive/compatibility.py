"""maturin's `compatibility` (pyproject key, `--compatibility` option): the platform tag a wheel
must have. "pypi" and the manylinux names are checked against the built library, "linux" tags
`linux_<arch>` with no check; maturin's names and aliases (`manylinux2014` = `manylinux_2_17`,
`off` = `linux`), from PEP 600 and the legacy manylinux PEPs 513/571/599."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import ConfigError
from .tags import Platform

LEGACY = {"manylinux1": 5, "manylinux2010": 12, "manylinux2014": 17}
_PEP600 = re.compile(r"^(?:manylinux_)?2_(\d+)$")
# What to write instead of a value ferrule cannot build (pyproject key and command line alike).
VALUES_HINT = "use pypi, linux, manylinux2014 or manylinux_2_N (N: the oldest glibc minor)"


@dataclass(frozen=True)
class Compatibility:
    kind: str  # "pypi", "linux" or "manylinux"
    glibc_minor: int | None = None  # manylinux_2_<minor>
    name: str = ""  # as the user wrote it, for messages

    def describe(self) -> str:
        return self.name or (f"manylinux_2_{self.glibc_minor}" if self.kind == "manylinux" else self.kind)


class UnsupportedCompatibility(ValueError):
    """A value maturin may know that ferrule cannot build here; the message says why."""


def parse_compatibility(value: str) -> Compatibility:
    """`"manylinux2014"` → manylinux 2.17; raises UnsupportedCompatibility with the reason."""
    text = value.strip()
    if text in ("pypi", "linux"):
        return Compatibility(text, name=text)
    if text == "off":
        return Compatibility("linux", name=text)
    if text in LEGACY:
        return Compatibility("manylinux", LEGACY[text], text)
    found = _PEP600.match(text)
    if found:
        return Compatibility("manylinux", int(found.group(1)), text)
    if text.startswith("musllinux"):
        raise UnsupportedCompatibility("musllinux needs a musl target, and ferrule builds glibc wheels for the host only")
    raise UnsupportedCompatibility(f"`{value}` is not a platform tag maturin or ferrule knows")


def apply_compatibility(compat: Compatibility | None, platform: Platform, arch: str, where) -> Platform:
    """The platform tag `compat` asks for, given what the built library allows (`platform`).
    `where(message, hint)` makes the located ConfigError; raised when the library cannot have the tag."""
    if compat is None:
        return platform
    if compat.kind == "linux":
        return Platform(f"linux_{arch}", platform.warning)
    found = re.match(r"^manylinux_2_(\d+)_", platform.tag)
    if compat.kind == "pypi":
        if found is None and not platform.external:
            raise where(f"compatibility = \"pypi\": the wheel would be tagged {platform.tag}, which PyPI refuses",
                        'fix what the warning above names, or set compatibility = "linux" for a local wheel')
        return platform
    if platform.external:  # auditwheel decides; repair() gets the policy to enforce
        return platform
    needed = int(found.group(1)) if found else None
    if needed is None or needed > compat.glibc_minor:
        why = (f"needs glibc 2.{needed} (manylinux_2_{needed})" if needed is not None
               else f"can only be tagged {platform.tag}")
        raise where(f"compatibility = \"{compat.describe()}\": the built library {why}, newer than "
                    f"manylinux_2_{compat.glibc_minor} allows",
                    f"build on a system with glibc 2.{compat.glibc_minor} (a manylinux container), or ask for "
                    f"manylinux_2_{needed if needed is not None else compat.glibc_minor} or later")
    return Platform(f"manylinux_2_{compat.glibc_minor}_{arch}", platform.warning)


def auditwheel_plat(compat: Compatibility | None, arch: str) -> str | None:
    """The `--plat` for `auditwheel repair`: the policy the user asked for, else auditwheel's best."""
    if compat is None or compat.kind != "manylinux":
        return None
    return f"manylinux_2_{compat.glibc_minor}_{arch}"


def checked(value: str | None) -> Compatibility | None:
    """For the command line: a ConfigError naming the option when the value is wrong."""
    if value is None:
        return None
    try:
        return parse_compatibility(value)
    except UnsupportedCompatibility as e:
        raise ConfigError(f"--compatibility {value} is not supported by ferrule",
                          hint=f"{e}; {VALUES_HINT}")
