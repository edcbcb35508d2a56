"""Dependencies from outside the workspace that hold PyO3 bindings of their own, such as crates.io's jiter
with its `python` feature (`#[pyclass] LosslessFloat`, `#[derive(IntoPyObject)]`): their attributes expand
to ferrule's macros, which need glue like any crate's.

Two kinds are read: registry or git packages depending on crates.io's `pyo3` (compiled against a stand-in,
see pyo3_redirect), found in cargo's full resolve; and path crates that `[patch.<registry>]` puts in place
of a registry dependency, the usual way to vendor one. Their sources are only read; the glue goes below
the extension's glue folder like a path dependency's.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
from pathlib import Path

from .toml_compat import tomllib

CRATES_IO = "registry+https://github.com/rust-lang/crates.io-index"


def _on_pyo3(package: dict) -> bool:
    return any(d.get("name") == "pyo3" and d.get("kind") in (None, "normal") and d.get("source") == CRATES_IO
               for d in package.get("dependencies", []))


def _with_pyo3_enabled(data: dict) -> set[str] | None:
    """Ids of the packages whose resolved dependencies include `pyo3` (an optional one turned on, as jiter's
    under its `python` feature); None without a resolve. A crate whose `pyo3` is off has no bindings to read."""
    resolve = data.get("resolve")
    if not resolve:
        return None
    names = {p["id"]: p["name"] for p in data.get("packages", [])}
    return {node["id"] for node in resolve.get("nodes", [])
            if any(names.get(dep.get("pkg")) == "pyo3" for dep in node.get("deps", []))}


def resolved_packages(manifest: Path, package: str, meta, redirect_args: list[str], has_redirects: bool,
                      config_args: list[str] = (), env: dict[str, str] | None = None) -> dict[str, dict]:
    """Package name → `cargo metadata` package of each registry or git package in the build that is built
    on crates.io's `pyo3`. Empty unless a stand-in `pyo3` is in use (only then can such a crate compile);
    cached per Cargo.lock and redirects, since the full resolve costs a `cargo metadata` of every package."""
    if not has_redirects:
        return {}
    lock = meta.workspace_root / "Cargo.lock"
    try:
        key = hashlib.sha1(lock.read_bytes() + json.dumps(redirect_args).encode()).hexdigest()
    except OSError:
        key = ""
    cache = meta.ferrule_dir / "registry-bindings" / f"{package}.json"
    try:
        data = json.loads(cache.read_text(encoding="utf-8"))
        if key and data.get("key") == key:
            return data["packages"]
    except (OSError, ValueError, KeyError):
        pass
    from .cargo import resolve_command

    cmd = resolve_command(manifest, redirect_args, list(config_args))
    out = subprocess.run(cmd, capture_output=True, text=True, env=env if env is not None else dict(os.environ))
    if out.returncode != 0:
        return {}  # cargo's build says why, at its own step
    data = json.loads(out.stdout)
    enabled = _with_pyo3_enabled(data)
    found = {p["name"]: p for p in data.get("packages", [])
             if p.get("source") and _on_pyo3(p) and (enabled is None or p["id"] in enabled)}
    if key:
        try:
            cache.parent.mkdir(parents=True, exist_ok=True)
            cache.write_text(json.dumps({"key": key, "packages": found}), encoding="utf-8")
        except OSError:
            pass
    return found


def patched_paths(workspace_root: Path) -> dict[str, Path]:
    """Package name → folder of each `[patch.<registry>] name = { path = ... }` of the workspace's manifest."""
    try:
        with (workspace_root / "Cargo.toml").open("rb") as f:
            manifest = tomllib.load(f)
    except (OSError, tomllib.TOMLDecodeError):
        return {}
    out: dict[str, Path] = {}
    for table in (manifest.get("patch") or {}).values():
        for key, spec in (table or {}).items() if isinstance(table, dict) else ():
            if isinstance(spec, dict) and "path" in spec:
                out[str(spec.get("package") or key)] = (workspace_root / str(spec["path"])).resolve()
    return out
