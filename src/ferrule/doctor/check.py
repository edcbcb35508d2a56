"""Building and running both check programs, and comparing what they print."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..interpreter import find_interpreter
from .cfg import DoctorError, Target, make_target
from .programs import Selection, c_program, rust_program, select
from .symbols import check_symbols

FFI_MOD = Path(__file__).resolve().parent.parent / "runtime" / "ferrule-core" / "src" / "ffi" / "mod.rs"
TIMEOUT = 300


@dataclass
class Comparison:
    mismatches: list[str] = field(default_factory=list)
    absent_in_c: list[str] = field(default_factory=list)  # declared by ffi, not #defined by the headers


@dataclass
class DoctorReport:
    target: str  # the interpreter, as a human reads it
    structs: int
    fields: int
    constants: int  # compared, i.e. not counting `absent_in_c`
    comparison: Comparison
    symbols: int = 0  # extern items looked up in the interpreter's library

    @property
    def ok(self) -> bool:
        return not self.comparison.mismatches

    def summary(self) -> str:
        counts = f"{self.structs} structs, {self.fields} fields, {self.constants} constants, {self.symbols} symbols"
        if self.ok:
            return f"ffi matches {self.target} ({counts})"
        n = len(self.comparison.mismatches)
        return f"ffi does not match {self.target}: {n} mismatch{'es' if n != 1 else ''} ({counts} checked)"


def parse_output(text: str) -> dict[str, str]:
    """`size S 16 8` -> {"size S": "16", "align S": "8"}; `offset S.f 8`, `const N 1` -> one entry each."""
    facts: dict[str, str] = {}
    for line in text.splitlines():
        parts = line.split()
        if not parts:
            continue
        if parts[0] == "size" and len(parts) == 4:
            facts[f"size {parts[1]}"] = parts[2]
            facts[f"align {parts[1]}"] = parts[3]
        elif parts[0] in ("offset", "const") and len(parts) == 3:
            facts[f"{parts[0]} {parts[1]}"] = parts[2]
        else:
            raise DoctorError(f"unexpected line from a check program: {line!r}")
    return facts


def compare(c_text: str, rust_text: str) -> Comparison:
    """Every fact on which the two outputs differ, named (`PyTypeObject.tp_flags: C offset 168, Rust 160`)."""
    c, rust = parse_output(c_text), parse_output(rust_text)
    result = Comparison()
    for key in list(c) + [k for k in rust if k not in c]:
        kind, name = key.split(" ", 1)
        cv, rv = c.get(key), rust.get(key)
        if kind == "const" and cv == "absent":
            if rv is not None:
                result.absent_in_c.append(name)
            continue
        if cv is None or rv is None:
            side = "C" if rv is None else "Rust"
            result.mismatches.append(f"{name}: {kind} only in the {side} output")
        elif cv != rv:
            label = "" if kind == "const" else f"{kind} "
            result.mismatches.append(f"{name}: C {label}{cv}, Rust {rv}")
    return result


def _tool(env_var: str, default: str, what: str) -> list[str]:
    cmd = shlex.split(os.environ.get(env_var, default)) or [default]
    if shutil.which(cmd[0]) is None:
        raise DoctorError(f"{what} `{cmd[0]}` not found; `ferrule doctor` needs it to build its check program",
                          hint=f"install it, or name another one in ${env_var}")
    return cmd


def _run(cmd: list[str], what: str, cwd: Path) -> str:
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, cwd=cwd, timeout=TIMEOUT)
    except (OSError, subprocess.TimeoutExpired) as e:
        raise DoctorError(f"cannot run the {what}: {e}") from None
    if out.returncode != 0:
        raise DoctorError(f"the {what} failed (exit {out.returncode}):\n{_tail(out.stderr or out.stdout)}")
    return out.stdout


def _finish(proc: subprocess.Popen, what: str) -> None:
    try:
        _, err = proc.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        raise DoctorError(f"the {what} timed out after {TIMEOUT}s") from None
    if proc.returncode != 0:
        raise DoctorError(f"the {what} failed:\n{_tail(err)}",
                          hint="an error naming an ffi item means ffi/ lacks a declaration that "
                               "doctor/layout.py expects for this interpreter")


def _tail(text: str, limit: int = 15) -> str:
    lines = [ln for ln in text.strip().splitlines() if ln.strip()]
    errors = [ln for ln in lines if ln.startswith("error") or "-->" in ln or ": error" in ln] or lines
    shown = errors[:limit]
    more = f"\n  ... ({len(errors) - limit} more)" if len(errors) > limit else ""
    return "\n".join("  " + ln for ln in shown) + more


def check_target(target: Target, workdir: Path, ffi_mod: Path = FFI_MOD) -> DoctorReport:
    """Generates, builds and runs both programs in `workdir`; compares their output.

    `ffi_mod` is the `ffi/mod.rs` to check (the runtime's own unless a test passes another)."""
    cc = _tool("CC", "cc", "C compiler")
    rustc = _tool("RUSTC", "rustc", "Rust compiler")
    include = target.interpreter.include_dir
    if not (include / "Python.h").exists():
        raise DoctorError(f"no Python.h in {include}",
                          hint="install the interpreter's development headers (e.g. the python3-dev package)")
    sel: Selection = select(target)
    c_src, rust_src = workdir / "check.c", workdir / "check.rs"
    c_src.write_text(c_program(sel, target.c_defines))
    rust_src.write_text(rust_program(sel, ffi_mod))
    c_exe, rust_exe = workdir / "check_c", workdir / "check_rust"
    rust_cmd = [*rustc, "--edition", "2021", "--crate-type", "bin", "--crate-name", "ferrule_doctor",
                "-C", "debuginfo=0", "-A", "warnings", "-o", str(rust_exe), str(rust_src)]
    for cfg in target.cfgs:
        rust_cmd += ["--cfg", cfg]
    try:
        rust_build = subprocess.Popen(rust_cmd, cwd=workdir, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                      text=True)
    except OSError as e:
        raise DoctorError(f"cannot run the Rust compiler: {e}") from None
    try:
        # -O1 drops the unused static helpers of PyPy's headers (they call into libpypy).
        _run([*cc, "-O1", f"-I{include}", "-o", str(c_exe), str(c_src)], "C compiler", workdir)
        c_out = _run([str(c_exe)], "C check program", workdir)
    except BaseException:
        rust_build.kill()
        rust_build.communicate()
        raise
    _finish(rust_build, "Rust compiler")
    rust_out = _run([str(rust_exe)], "Rust check program", workdir)
    comparison = compare(c_out, rust_out)
    symbols = check_symbols(target, ffi_mod)
    for missing in symbols.missing:
        linked = f" (link name `{missing.symbol}`)" if missing.symbol != missing.name else ""
        comparison.mismatches.append(f"{missing.name}{linked}, declared at ffi/{missing.where}: "
                                     f"not exported by {symbols.library.name}")
    constants = len(sel.constants) - len(comparison.absent_in_c)
    return DoctorReport(target.describe(), len(sel.structs), sel.field_count, constants, comparison,
                        symbols.checked)


def run_doctor(interpreter: str | None, limited_api: str | None = None) -> DoctorReport:
    """`ferrule doctor`: compares the runtime's ffi declarations with `interpreter`'s headers."""
    target = make_target(find_interpreter(interpreter, require_venv=False), limited_api)
    with tempfile.TemporaryDirectory(prefix="ferrule-doctor-") as tmp:
        return check_target(target, Path(tmp))
