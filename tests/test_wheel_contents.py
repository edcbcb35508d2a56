"""`ferrule build` of a mixed Rust/Python project: tag, layout, metadata, RECORD, reproducibility."""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest
from packaging.tags import sys_tags
from packaging.utils import parse_wheel_filename

from packaging_support import EPOCH, Built, built_mixed, copy_project, env, ferrule, fresh_venv, run  # noqa: F401

DIST_INFO = "pkg_mixed-0.3.0.dist-info"


def test_wheel_is_tagged_for_this_interpreter_and_manylinux(built_mixed: Built) -> None:
    name, version, _build, tags = parse_wheel_filename(built_mixed.wheel.name)
    assert (name, str(version)) == ("pkg-mixed", "0.3.0")
    (tag,) = tags
    major, minor = sys.version_info[:2]
    assert (tag.interpreter, tag.abi) == (f"cp{major}{minor}", f"cp{major}{minor}")
    if sys.platform == "linux":
        assert tag.platform.startswith("manylinux_2_")
    assert tag in set(sys_tags()), "pip on this machine must accept the wheel"


def test_wheel_layout_puts_the_extension_inside_the_package(built_mixed: Built) -> None:
    with zipfile.ZipFile(built_mixed.wheel) as zf:
        names = zf.namelist()
        stub = zf.read("pkg_mixed/_native.pyi").decode()
        modes = {i.filename: (i.external_attr >> 16) & 0o777 for i in zf.infolist()}
        times = {i.date_time for i in zf.infolist()}
    ext = [n for n in names if n.startswith("pkg_mixed/_native.") and n.endswith(".so")]
    assert len(ext) == 1
    assert {"pkg_mixed/__init__.py", "pkg_mixed/helpers.py", "pkg_mixed/data/greeting.txt", "pkg_mixed/py.typed",
            "pkg_mixed/_native.pyi", f"{DIST_INFO}/METADATA", f"{DIST_INFO}/WHEEL", f"{DIST_INFO}/RECORD",
            f"{DIST_INFO}/entry_points.txt"} <= set(names)
    package = [n for n in names if not n.startswith(DIST_INFO)]
    assert names[:len(package)] == sorted(package) and names[-1] == f"{DIST_INFO}/RECORD"
    assert "def add(a: int, b: int) -> int" in stub and "def offset(x: int) -> int" in stub
    assert modes[ext[0]] == 0o755 and modes["pkg_mixed/helpers.py"] == 0o644
    assert times == {tuple(__import__("time").gmtime(int(EPOCH))[:6])}
    assert not any("__pycache__" in n or n.startswith("src/") for n in names)


def test_metadata_record_and_entry_points(built_mixed: Built) -> None:
    with zipfile.ZipFile(built_mixed.wheel) as zf:
        metadata = zf.read(f"{DIST_INFO}/METADATA").decode()
        wheel = zf.read(f"{DIST_INFO}/WHEEL").decode()
        entry_points = zf.read(f"{DIST_INFO}/entry_points.txt").decode()
        record = list(csv.reader(io.StringIO(zf.read(f"{DIST_INFO}/RECORD").decode())))
        for path, digest, size in record:
            if path == f"{DIST_INFO}/RECORD":
                assert digest == size == ""
                continue
            data = zf.read(path)
            expected = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            assert (digest, int(size)) == (f"sha256={expected}", len(data)), path
        assert {r[0] for r in record} == set(zf.namelist())
    for line in ("Name: pkg-mixed", "Version: 0.3.0", "Requires-Python: >=3.9", "Requires-Dist: packaging>=20",
                 "Provides-Extra: extra", 'Requires-Dist: tomli>=1; extra == "extra"', "License: MIT",
                 "Description-Content-Type: text/markdown"):
        assert line in metadata.splitlines()
    assert "# pkg-mixed" in metadata  # the readme is the long description
    assert "Root-Is-Purelib: false" in wheel and "Tag: " in wheel
    assert "pkg-mixed-hello = pkg_mixed.helpers:main" in entry_points


def test_two_builds_with_the_same_epoch_are_byte_identical(built_mixed: Built, tmp_path: Path) -> None:
    ferrule("build", "--release", "--sdist", "-o", tmp_path, cwd=built_mixed.project)
    assert (tmp_path / built_mixed.wheel.name).read_bytes() == built_mixed.wheel.read_bytes()
    assert (tmp_path / built_mixed.sdist.name).read_bytes() == built_mixed.sdist.read_bytes()
    with tarfile.open(built_mixed.sdist) as tar:
        assert {m.mtime for m in tar.getmembers()} == {int(EPOCH)}
        assert {(m.uid, m.gid, m.uname, m.gname) for m in tar.getmembers()} == {(0, 0, "", "")}


def test_wheel_installs_with_pip_into_a_fresh_venv(built_mixed: Built, tmp_path: Path) -> None:
    python = fresh_venv(tmp_path / "venv")
    run([python, "-m", "pip", "install", "--no-index", "--no-deps", built_mixed.wheel])
    out = run([python, "-c", "import pkg_mixed, pkg_mixed._native as n; "
                             "print(pkg_mixed.add(2, 3), pkg_mixed.twice(4), n.offset(1), pkg_mixed.greeting())"])
    assert out.stdout.split() == ["5", "8", "101", "hello", "from", "package", "data"]
    assert run([tmp_path / "venv/bin/pkg-mixed-hello"]).stdout.strip() == "hello from package data 42"


def test_failed_build_leaves_no_wheel(tmp_path: Path) -> None:
    project = copy_project("pkg_mixed", tmp_path)
    lib = project / "src/lib.rs"
    lib.write_text(lib.read_text().replace("a + b", "a + b + undefined_name"))
    out = ferrule("build", "-o", tmp_path / "out", cwd=project, check=False)
    assert out.returncode == 1 and "cargo build failed" in out.stderr
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []


def test_writer_removes_its_temporary_file_on_failure(tmp_path: Path) -> None:
    from ferrule.archive.writer import Entry, write_zip

    def entries():
        yield Entry("a.txt", b"a")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        write_zip(tmp_path / "x.whl", entries())
    assert list(tmp_path.iterdir()) == []
