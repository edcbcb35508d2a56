"""Stand-in `pyo3` crates for plain cargo (an IDE), beside the runtime patch in `.cargo/config.toml`.

A dependency built on PyO3 (`pyo3-file`, `pythonize`) needs crates.io's `pyo3`; `ferrule develop` and
`ferrule cargo` patch it with a stand-in over the runtime (pyo3_redirect) on their command line, which
plain cargo never sees. `ferrule cargo-config` writes each stand-in into `.cargo/ferrule-pyo3/<version>/`
(generated, git-ignored, no absolute path: its runtime dependency resolves through the same config) and
patches crates.io's `pyo3` with it. The versions are those Cargo.lock gives `pyo3` for a package other
than the workspace's own (the lock from PyO3 days before the first build, the stand-in's entry after).
A `pyo3-ffi` dependency (of the crate itself or of a crate built on the C API alone) gets its stand-in
(`pyo3_ffi_standin`) the same way, in `.cargo/ferrule-pyo3/pyo3-ffi-<version>/`: the versions Cargo.lock
gives `pyo3-ffi` for any package but crates.io's `pyo3`, which its own stand-in replaces.
"""

from __future__ import annotations

from pathlib import Path

from .toml_compat import tomllib

FOLDER = "ferrule-pyo3"
BEGIN = "# ferrule: stand-in `pyo3` crates for dependencies built on PyO3 (rewritten by `ferrule cargo-config`)"
END = "# ferrule: end of stand-ins"


def needed_versions(lock: Path, own_packages: set[str]) -> list[tuple[str, str]]:
    """The (crate, version) stand-ins Cargo.lock asks for: `pyo3` as it resolves for packages outside
    `own_packages`, `pyo3-ffi` as it resolves for any package but `pyo3`."""
    try:
        data = tomllib.loads(lock.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    packages = [p for p in data.get("package") or [] if isinstance(p, dict)]
    wanted: set[tuple[str, str]] = set()
    for crate, skipped in (("pyo3", own_packages | {"pyo3"}), ("pyo3-ffi", {"pyo3", "pyo3-ffi"})):
        versions = sorted({str(p.get("version")) for p in packages if p.get("name") == crate})
        for package in packages:
            if package.get("name") in skipped:
                continue
            for dep in package.get("dependencies") or []:
                name, _, version = str(dep).partition(" ")
                if name == crate:
                    wanted.add((crate, version if version else versions[0] if len(versions) == 1 else ""))
    return sorted(w for w in wanted if w[1])


def write_standins(cargo_dir: Path, standins: list[tuple[str, str]]) -> str:
    """Writes each stand-in crate under `cargo_dir/FOLDER` (removing others); the config block patching
    crates.io's `pyo3`/`pyo3-ffi` with them, "" for none."""
    from .pyo3_redirect import folder_name, patches, standin_files

    folder = cargo_dir / FOLDER
    names = {folder_name(crate, version) for crate, version in standins}
    if folder.is_dir():
        for old in folder.iterdir():
            if old.name not in names and (old / "Cargo.toml").is_file():
                for f in old.iterdir():
                    f.unlink()
                old.rmdir()
    if not standins:
        return ""
    lines = [BEGIN]
    for key, crate, version, links in patches(standins):
        name = folder_name(crate, version)
        (folder / name).mkdir(parents=True, exist_ok=True)
        for file, text in standin_files(crate, version, links):
            path = folder / name / file
            if not path.is_file() or path.read_text(encoding="utf-8") != text:
                path.write_text(text, encoding="utf-8")
        # One table per patch, so a `[patch.crates-io]` of the user's own elsewhere in the file still parses.
        lines += [f"[patch.crates-io.{key}]", f'path = ".cargo/{FOLDER}/{name}"']
        if key != crate:
            lines.append(f'package = "{crate}"')
    return "\n".join([*lines, END]) + "\n"


def without_block(text: str) -> str:
    """The config text with an earlier stand-in block removed."""
    start = text.find(BEGIN)
    end = text.find(END, start)
    if start < 0 or end < 0:
        return text
    return text[:start] + text[end + len(END):].lstrip("\n")
