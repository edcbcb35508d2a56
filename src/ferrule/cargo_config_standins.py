"""Stand-in `pyo3` crates for plain cargo (an IDE), beside the runtime patch in `.cargo/config.toml`.

A dependency built on PyO3 (`pyo3-file`, `pythonize`) needs crates.io's `pyo3`; `ferrule develop` and
`ferrule cargo` patch it with a stand-in over the runtime (pyo3_redirect) on their command line, which
plain cargo never sees. `ferrule cargo-config` writes each stand-in into `.cargo/ferrule-pyo3/<version>/`
(generated, git-ignored, no absolute path: its runtime dependency resolves through the same config) and
patches crates.io's `pyo3` with it. The versions are those Cargo.lock gives `pyo3` for a package other
than the workspace's own (the lock from PyO3 days before the first build, the stand-in's entry after).
"""

from __future__ import annotations

from pathlib import Path

from .toml_compat import tomllib

FOLDER = "ferrule-pyo3"
BEGIN = "# ferrule: stand-in `pyo3` crates for dependencies built on PyO3 (rewritten by `ferrule cargo-config`)"
END = "# ferrule: end of stand-ins"


def needed_versions(lock: Path, own_packages: set[str]) -> list[str]:
    """The `pyo3` versions Cargo.lock resolves for packages outside `own_packages`."""
    try:
        data = tomllib.loads(lock.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    packages = [p for p in data.get("package") or [] if isinstance(p, dict)]
    versions = sorted({str(p.get("version")) for p in packages if p.get("name") == "pyo3"})
    wanted: set[str] = set()
    for package in packages:
        if package.get("name") in own_packages or package.get("name") == "pyo3":
            continue
        for dep in package.get("dependencies") or []:
            name, _, version = str(dep).partition(" ")
            if name == "pyo3":
                wanted.add(version if version else versions[0] if len(versions) == 1 else "")
    return sorted(v for v in wanted if v)


def write_standins(cargo_dir: Path, versions: list[str]) -> str:
    """Writes a stand-in crate per version under `cargo_dir/FOLDER` (removing others); the config block
    patching crates.io's `pyo3` with them, "" for none."""
    from .pyo3_redirect import facade_files

    folder = cargo_dir / FOLDER
    if folder.is_dir():
        for old in folder.iterdir():
            if old.name not in versions and (old / "Cargo.toml").is_file():
                for f in old.iterdir():
                    f.unlink()
                old.rmdir()
    if not versions:
        return ""
    lines = [BEGIN]
    for number, version in enumerate(versions):
        crate = folder / version
        crate.mkdir(parents=True, exist_ok=True)
        for name, text in facade_files(version, links=number == 0):
            path = crate / name
            if not path.is_file() or path.read_text(encoding="utf-8") != text:
                path.write_text(text, encoding="utf-8")
        # One table per patch, so a `[patch.crates-io]` of the user's own elsewhere in the file still parses.
        key = "pyo3" if number == 0 else f"pyo3-ferrule-{version.replace('.', '-')}"
        lines += [f"[patch.crates-io.{key}]", f'path = ".cargo/{FOLDER}/{version}"']
        if number:
            lines.append('package = "pyo3"')
    return "\n".join([*lines, END]) + "\n"


def without_block(text: str) -> str:
    """The config text with an earlier stand-in block removed."""
    start = text.find(BEGIN)
    end = text.find(END, start)
    if start < 0 or end < 0:
        return text
    return text[:start] + text[end + len(END):].lstrip("\n")
