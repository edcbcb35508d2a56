"""Facts about one Python interpreter, as the probe script reported them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Interpreter:
    executable: Path
    version: tuple[int, int, int]
    implementation: str  # sys.implementation.name: "cpython", "pypy"
    ext_suffix: str
    soabi: str
    abiflags: str
    include_dir: Path
    platlib: Path
    purelib: Path
    scripts: Path
    pointer_width: int
    gil_disabled: bool
    debug: bool
    platform: str
    machine: str
    in_venv: bool
    prefix: Path
    implementation_version: tuple[int, int] = (0, 0)  # PyPy's own version; (0, 0) elsewhere
    shared: bool = True  # libpython is a shared library
    lib_name: str = ""  # what to link when embedding: `python3.11` for -lpython3.11
    lib_dir: str = ""
    base_executable: str = ""  # the interpreter behind a venv

    @classmethod
    def from_facts(cls, facts: dict) -> "Interpreter":
        return cls(
            executable=Path(facts["executable"]),
            version=tuple(facts["version"]),  # type: ignore[arg-type]
            implementation=facts["implementation"],
            ext_suffix=facts["ext_suffix"],
            soabi=facts["soabi"],
            abiflags=facts["abiflags"],
            include_dir=Path(facts["include_dir"]),
            platlib=Path(facts["platlib"]),
            purelib=Path(facts["purelib"]),
            scripts=Path(facts["scripts"]),
            pointer_width=int(facts["pointer_width"]),
            gil_disabled=bool(facts["gil_disabled"]),
            debug=bool(facts["debug"]),
            platform=facts["platform"],
            machine=facts["machine"],
            in_venv=bool(facts["in_venv"]),
            prefix=Path(facts["prefix"]),
            implementation_version=tuple(facts.get("implementation_version", (0, 0)))[:2],  # type: ignore[arg-type]
            shared=bool(facts.get("shared", True)),
            lib_name=str(facts.get("lib_name", "")),
            lib_dir=str(facts.get("lib_dir", "")),
            base_executable=str(facts.get("base_executable", "")),
        )

    @property
    def minor(self) -> int:
        return self.version[1]

    @property
    def is_pypy(self) -> bool:
        return self.implementation == "pypy"

    def describe(self) -> str:
        """`CPython 3.13.1`, `PyPy 3.11.17 (PyPy 8.0)`."""
        version = ".".join(map(str, self.version))
        if self.is_pypy:
            return f"PyPy {version} (PyPy {'.'.join(map(str, self.implementation_version))})"
        name = {"cpython": "CPython", "graalpy": "GraalPy"}.get(self.implementation, self.implementation)
        return f"{name} {version}"

    def build_config(self, abi3: str | None = None) -> str:
        """The facts the runtime crate's build script turns into cfgs."""
        return (f"version={self.version[0]}.{self.version[1]}\n"
                f"abi3={abi3 or ''}\n"
                f"gil_disabled={int(self.gil_disabled)}\n"
                f"debug={int(self.debug)}\n"
                f"implementation={self.implementation}\n"
                f"executable={self.base_executable or self.executable}\n"
                f"pointer_width={self.pointer_width}\n"
                f"shared={int(self.shared)}\n"
                f"lib_name={self.lib_name}\n"
                f"lib_dir={self.lib_dir}\n")
