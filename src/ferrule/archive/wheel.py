"""A wheel (PEP 427) or an editable wheel (PEP 660) from a list of entries and the metadata."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from .. import __version__
from .metadata import DistMetadata
from .writer import Entry, write_zip

if TYPE_CHECKING:  # annotations only: `ferrule develop` writes RECORD lines through here
    from packaging.tags import Tag


def record_line(path: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{path},sha256={digest},{len(data)}"


def dist_info_files(meta: DistMetadata, tags: list[Tag] | None) -> list[Entry]:
    """METADATA, WHEEL (when tags are given), entry points and licenses; RECORD comes last, from write_wheel."""
    dist_info = f"{meta.distribution}-{meta.version}.dist-info"
    entries = [Entry(f"{dist_info}/METADATA", meta.metadata)]
    if tags is not None:
        wheel = "Wheel-Version: 1.0\n" f"Generator: ferrule {__version__}\n" "Root-Is-Purelib: false\n"
        wheel += "".join(f"Tag: {tag}\n" for tag in tags)
        entries.append(Entry(f"{dist_info}/WHEEL", wheel.encode()))
    if meta.entry_points:
        entries.append(Entry(f"{dist_info}/entry_points.txt", meta.entry_points))
    for rel, data in sorted(meta.license_files.items()):
        entries.append(Entry(f"{dist_info}/licenses/{rel}", data))
    return entries


def wheel_name(meta: DistMetadata, tag: Tag) -> str:
    return f"{meta.distribution}-{meta.version}-{tag}.whl"


def write_wheel(out_dir: Path, meta: DistMetadata, tag: Tag, files: list[Entry]) -> Path:
    """Package files in sorted order, then the dist-info (METADATA first, RECORD last), as PEP 427 advises."""
    dist_info = f"{meta.distribution}-{meta.version}.dist-info"
    entries = sorted(files, key=lambda e: e.path) + dist_info_files(meta, [tag])
    record = "".join(record_line(e.path, e.data) + "\n" for e in entries) + f"{dist_info}/RECORD,,\n"
    entries.append(Entry(f"{dist_info}/RECORD", record.encode()))
    return write_zip(out_dir / wheel_name(meta, tag), entries)


def write_metadata_dir(metadata_directory: Path, meta: DistMetadata) -> str:
    """The `prepare_metadata_for_build_*` hooks' output: a bare .dist-info folder."""
    name = f"{meta.distribution}-{meta.version}.dist-info"
    for entry in dist_info_files(meta, None):
        target = metadata_directory / entry.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(entry.data)
    return name
