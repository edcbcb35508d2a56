"""maturin's `compatibility` (pyproject key, `--compatibility`/`--manylinux` option): the wheel gets the
platform tag asked for, or the build stops with one located message and leaves no wheel."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from packaging.utils import parse_wheel_filename

from packaging_support import copy_project, ferrule, only
from ferrule.archive.compatibility import (Compatibility, UnsupportedCompatibility, apply_compatibility,
                                           parse_compatibility)
from ferrule.archive.tags import Platform
from ferrule.errors import ConfigError


@pytest.mark.parametrize("text, kind, minor", [
    ("pypi", "pypi", None), ("linux", "linux", None), ("off", "linux", None), ("manylinux1", "manylinux", 5),
    ("manylinux2010", "manylinux", 12), ("manylinux2014", "manylinux", 17), ("manylinux_2_28", "manylinux", 28),
    ("2_17", "manylinux", 17),
])
def test_maturin_names_and_aliases(text: str, kind: str, minor: int | None) -> None:
    found = parse_compatibility(text)
    assert (found.kind, found.glibc_minor) == (kind, minor)


@pytest.mark.parametrize("text, why", [("musllinux_1_2", "musl target"), ("manylinux2015", "not a platform tag")])
def test_values_ferrule_cannot_build_say_why(text: str, why: str) -> None:
    with pytest.raises(UnsupportedCompatibility, match=why):
        parse_compatibility(text)


def _where(message: str, hint: str) -> ConfigError:
    return ConfigError(message, hint=hint)


def test_an_older_glibc_than_the_library_needs_is_refused() -> None:
    with pytest.raises(ConfigError, match=r"needs glibc 2\.34 \(manylinux_2_34\), newer than manylinux_2_17"):
        apply_compatibility(Compatibility("manylinux", 17), Platform("manylinux_2_34_x86_64"), "x86_64", _where)
    newer = apply_compatibility(Compatibility("manylinux", 39), Platform("manylinux_2_34_x86_64"), "x86_64", _where)
    assert newer.tag == "manylinux_2_39_x86_64"


def test_pypi_refuses_a_plain_linux_tag() -> None:
    with pytest.raises(ConfigError, match="which PyPI refuses"):
        apply_compatibility(Compatibility("pypi"), Platform("linux_x86_64", "cannot read"), "x86_64", _where)


def _needed_minor(tag: str) -> int:
    return int(re.search(r"manylinux_2_(\d+)_", tag).group(1))


def _platform(wheel: Path) -> str:
    return str(next(iter(parse_wheel_filename(wheel.name)[3])).platform)


def test_built_wheels_get_the_tag_asked_for_or_nothing(tmp_path: Path) -> None:
    project = copy_project("pkg_mixed", tmp_path)
    ferrule("build", "-o", tmp_path / "plain", cwd=project)
    needed = _needed_minor(_platform(only(tmp_path / "plain", "*.whl")))

    ferrule("build", "--compatibility", f"manylinux_2_{needed + 1}", "-o", tmp_path / "newer", cwd=project)
    assert _platform(only(tmp_path / "newer", "*.whl")) == f"manylinux_2_{needed + 1}_x86_64"
    ferrule("build", "--manylinux", "linux", "-o", tmp_path / "linux", cwd=project)
    assert _platform(only(tmp_path / "linux", "*.whl")) == "linux_x86_64"

    older = ferrule("build", "--compatibility", "manylinux2010", "-o", tmp_path / "older", cwd=project, check=False)
    assert older.returncode == 1
    assert (f'--compatibility "manylinux2010": the built library needs glibc 2.{needed} (manylinux_2_{needed}), '
            "newer than manylinux_2_12 allows") in older.stderr
    assert "Traceback" not in older.stderr
    assert not (tmp_path / "older").exists() or list((tmp_path / "older").iterdir()) == []


def test_the_pyproject_key_is_honoured_and_errors_point_at_it(tmp_path: Path) -> None:
    project = copy_project("pkg_mixed", tmp_path)
    pyproject = project / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace("[tool.ferrule]", '[tool.ferrule]\nmanylinux = "manylinux1"', 1))
    line = pyproject.read_text().splitlines().index('manylinux = "manylinux1"') + 1
    out = ferrule("build", "-o", tmp_path / "out", cwd=project, check=False)
    assert out.returncode == 1
    assert 'compatibility = "manylinux1": the built library needs glibc' in out.stderr
    assert f"pyproject.toml:{line}:1" in out.stderr
    # The command line wins over the key.
    ferrule("build", "--compatibility", "linux", "-o", tmp_path / "cli", cwd=project)
    assert _platform(only(tmp_path / "cli", "*.whl")) == "linux_x86_64"
