"""One build folder for every project, so ferrule's runtime compiles once, not once per project.

ferrule hands cargo a shared `build.build-dir` (cargo's folder for intermediate artifacts; the finished
extension still lands in the project's target folder), one per interpreter config. Cargo names each
compiled unit by a hash of what it was built from: package and path, rustc version, profile, features,
flags. So the runtime built for one project is found by the next one with the same inputs, and it
survives `cargo clean` (which only empties the project's target folder). Cargo checks fingerprints
before reusing a unit (an edited runtime or a new rustc rebuilds it), records one only after the unit
compiled (a killed build is redone, never linked), and locks the folder while it builds (two builds at
once take turns).

The interpreter facts the runtime's build script reads are stored here too, named by their content, so
every project built for one interpreter passes the runtime the very same file.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

DISABLE_VAR = "FERRULE_NO_BUILD_CACHE"
LOCATION_VAR = "FERRULE_CACHE_DIR"


def cache_root() -> Path:
    """`$FERRULE_CACHE_DIR`, else the platform's user cache folder + `ferrule`."""
    if os.environ.get(LOCATION_VAR):
        return Path(os.environ[LOCATION_VAR])
    if sys.platform == "win32":
        return Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local") / "ferrule" / "cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "ferrule"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "ferrule"


@dataclass(frozen=True)
class BuildCache:
    root: Path | None  # None: not used (disabled, or the folder is not writable)
    warning: str | None = None

    def build_dir(self, interpreter_config: Path) -> Path | None:
        """One build folder per interpreter config (cargo's unit hashes do not cover it), named as the
        config's shared copy is; None when the cache is off."""
        if self.root is None or interpreter_config.parent != self.root / "interpreters":
            return None
        return self.root / "build" / interpreter_config.stem

    def cargo_args(self, interpreter_config: Path) -> list[str]:
        build_dir = self.build_dir(interpreter_config)
        if build_dir is None:
            return []
        return ["--config", f"build.build-dir={_toml_string(str(build_dir))}"]

    def python_config(self, text: str, fallback: Path) -> Path:
        """Where the interpreter facts go: named by content in the cache (shared), else `fallback`."""
        if self.root is None:
            return fallback
        path = self.root / "interpreters" / (hashlib.sha256(text.encode()).hexdigest()[:20] + ".cfg")
        if not path.is_file():
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(text)
            os.replace(tmp, path)  # complete or absent, even when two builds write it at once
        return path


def open_cache() -> BuildCache:
    if os.environ.get(DISABLE_VAR) or os.environ.get("CARGO_BUILD_BUILD_DIR"):
        return BuildCache(None)  # off, or the user chose cargo's build folder
    root = cache_root()
    try:
        root.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=root):
            pass
    except OSError as err:
        return BuildCache(None, f"the shared build cache {root} is not writable ({err.strerror or err}); "
                                f"building without it (set {LOCATION_VAR} to another folder, or "
                                f"{DISABLE_VAR}=1 to silence this)")
    return BuildCache(root)


def cache_size(root: Path) -> int:
    total = 0
    for folder, _, names in os.walk(root):
        for name in names:
            try:
                total += os.lstat(os.path.join(folder, name)).st_size
            except OSError:
                pass
    return total


def clear_cache(root: Path) -> int:
    """Removes the cache folder; returns the bytes it held."""
    if not root.exists():
        return 0
    size = cache_size(root)
    shutil.rmtree(root)
    return size


def _toml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
