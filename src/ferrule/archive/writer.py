"""Writing archives reproducibly: sorted entries, fixed times and permissions, atomic.

Every archive goes to a temporary file next to its destination and is renamed
into place only once complete, so a failed build leaves nothing half-written.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

# ZIP cannot store times before 1980; this is also the default without SOURCE_DATE_EPOCH.
ZIP_EPOCH = 315532800


@dataclass(frozen=True)
class Entry:
    """One file of an archive: a POSIX path inside it, its bytes, and whether it is executable."""

    path: str
    data: bytes
    executable: bool = False

    @property
    def mode(self) -> int:
        return 0o755 if self.executable else 0o644


def source_date_epoch() -> int:
    """`SOURCE_DATE_EPOCH` if set (clamped to what ZIP can store), else a fixed date: builds are reproducible."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    try:
        epoch = int(value) if value else ZIP_EPOCH
    except ValueError:
        epoch = ZIP_EPOCH
    return max(epoch, ZIP_EPOCH)


class _AtomicFile:
    """A temporary file renamed over `dest` on success and removed on failure."""

    def __init__(self, dest: Path) -> None:
        self.dest = dest
        self.tmp = dest.with_name(f".{dest.name}.{os.getpid()}.partial")

    def __enter__(self) -> Path:
        self.dest.parent.mkdir(parents=True, exist_ok=True)
        return self.tmp

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            os.replace(self.tmp, self.dest)
        else:
            try:
                self.tmp.unlink()
            except OSError:
                pass


def write_zip(dest: Path, entries: Iterable[Entry], epoch: int | None = None) -> Path:
    """A ZIP (a wheel) with the entries in the order given."""
    import zipfile  # here, not at the top: `ferrule develop` imports this module for `Entry` alone

    stamp = time.gmtime(source_date_epoch() if epoch is None else epoch)[:6]
    with _AtomicFile(dest) as tmp:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for entry in entries:
                info = zipfile.ZipInfo(entry.path, date_time=stamp)
                info.external_attr = (0o100000 | entry.mode) << 16  # a regular file with these permissions
                info.compress_type = zipfile.ZIP_DEFLATED
                info.create_system = 3  # Unix, so the permissions above are honoured
                zf.writestr(info, entry.data)
    return dest


def write_tar_gz(dest: Path, entries: Iterable[Entry], epoch: int | None = None) -> Path:
    """A gzipped POSIX tar (an sdist): owner root, no user names, fixed times."""
    import gzip
    import io
    import tarfile

    mtime = source_date_epoch() if epoch is None else epoch
    with _AtomicFile(dest) as tmp:
        with open(tmp, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=mtime) as gz, \
                tarfile.open(fileobj=gz, mode="w", format=tarfile.PAX_FORMAT) as tar:
            for entry in entries:
                info = tarfile.TarInfo(entry.path)
                info.size = len(entry.data)
                info.mtime = mtime
                info.mode = entry.mode
                info.uid = info.gid = 0
                info.uname = info.gname = ""
                tar.addfile(info, io.BytesIO(entry.data))
    return dest
