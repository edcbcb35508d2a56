"""A source distribution (PEP 517/625): `<name>-<version>/` with PKG-INFO and the project's files."""

from __future__ import annotations

from pathlib import Path

from .metadata import DistMetadata
from .writer import Entry, write_tar_gz


def sdist_name(meta: DistMetadata) -> str:
    return f"{meta.distribution}-{meta.version}.tar.gz"


def write_sdist(out_dir: Path, meta: DistMetadata, files: list[Entry]) -> Path:
    base = f"{meta.distribution}-{meta.version}"
    entries = [Entry(f"{base}/PKG-INFO", meta.metadata)]
    entries += [Entry(f"{base}/{e.path}", e.data, e.executable) for e in sorted(files, key=lambda e: e.path)
                if e.path != "PKG-INFO"]
    return write_tar_gz(out_dir / sdist_name(meta), entries)
