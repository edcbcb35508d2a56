"""A project written for maturin, developed with ferrule as a maturin user would: `cd project && ferrule develop`.

The project (tests/fixtures/maturin_mixed) keeps Cargo.toml in rust/ (`manifest-path`), its Python package
in python/, a profile and features in [tool.maturin], dependencies and an extra in [project], and a
hand-written stub. It is developed into a `.venv` beside it that is not activated.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "maturin_mixed"
TARGET_DIR = REPO / "target" / "test-crates"


def write_wheel(folder: Path, name: str, version: str) -> None:
    """A tiny pure-Python wheel, so dependencies install from a local folder, offline."""
    dist = f"{name.replace('-', '_')}-{version}"
    with zipfile.ZipFile(folder / f"{dist}-py3-none-any.whl", "w") as whl:
        whl.writestr(f"{name.replace('-', '_')}.py", f"VERSION = {version!r}\n")
        whl.writestr(f"{dist}.dist-info/METADATA", f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n")
        whl.writestr(f"{dist}.dist-info/WHEEL", "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\n"
                                                "Tag: py3-none-any\n")
        whl.writestr(f"{dist}.dist-info/RECORD", "")


class Project:
    def __init__(self, root: Path, env: dict[str, str]) -> None:
        self.root, self.env = root, env
        self.python = root / ".venv" / "bin" / "python"

    def ferrule(self, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "ferrule", *args], capture_output=True, text=True,
                              cwd=cwd or self.root, env=self.env, timeout=900)

    def run(self, code: str) -> str:
        out = subprocess.run([str(self.python), "-c", code], capture_output=True, text=True, cwd="/")
        assert out.returncode == 0, out.stderr
        return out.stdout.strip()

    @property
    def site(self) -> Path:
        return Path(self.run("import sysconfig; print(sysconfig.get_paths()['platlib'])"))


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    root = tmp_path_factory.mktemp("maturin") / "mat-demo"
    shutil.copytree(FIXTURE, root)
    wheels = root.parent / "wheels"
    wheels.mkdir()
    write_wheel(wheels, "matdemo-dep", "1.2")
    write_wheel(wheels, "matdemo-extra", "0.5")
    write_wheel(wheels, "matdemo-group", "2.0")
    subprocess.run([sys.executable, "-m", "venv", str(root / ".venv")], check=True)
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "CONDA_PREFIX", "PYTHONPATH")}
    env.update(CARGO_TARGET_DIR=str(TARGET_DIR), PYTHONPATH=str(REPO / "src"), PIP_NO_INDEX="1",
               PIP_FIND_LINKS=str(wheels), NO_COLOR="1")
    return Project(root, env)


@pytest.fixture(scope="module")
def first_develop(project: Project) -> subprocess.CompletedProcess:
    # What an earlier install of another layout left: files the new layout does not have.
    site = project.site
    (site / "mat_demo").mkdir()
    (site / "mat_demo" / "__init__.py").write_text("raise ImportError('the stale package was imported')\n")
    (site / "mat_demo" / "leftover.py").write_text("")
    old = site / "mat_demo-0.1.0.dist-info"
    old.mkdir()
    (old / "METADATA").write_text("Metadata-Version: 2.1\nName: mat-demo\nVersion: 0.1.0\n")
    (old / "RECORD").write_text("mat_demo/__init__.py,,\nmat_demo/leftover.py,,\nmat_demo-0.1.0.dist-info/METADATA,,\n"
                                "mat_demo-0.1.0.dist-info/RECORD,,\n")
    return project.ferrule("develop", "-E", "extra", "-G", "dev")


def test_develop_finds_the_dot_venv_and_installs_the_maturin_project(project: Project, first_develop) -> None:
    assert first_develop.returncode == 0, first_develop.stderr
    assert str(project.root / ".venv") in first_develop.stderr
    assert "Installed mat-demo 0.3.0 for Python" in first_develop.stderr  # the distribution's name
    assert project.run("import mat_demo; print(mat_demo.twice('ann'))") == "hello ann hello ann"


def test_the_install_line_names_the_distribution_and_a_module_of_another_name() -> None:
    from ferrule.develop import DevelopResult

    def label(module: str, distribution: str) -> str:
        return DevelopResult(module, "0.14.0", Path("/site"), None, distribution=distribution).label  # type: ignore[arg-type]

    assert label("tiktoken._tiktoken", "tiktoken") == "tiktoken 0.14.0 (module tiktoken._tiktoken)"
    assert label("zxcvbn_rs_py", "zxcvbn-rs-py") == "zxcvbn-rs-py 0.14.0"


def test_profile_and_features_from_tool_maturin_are_honoured(project: Project, first_develop) -> None:
    assert first_develop.returncode == 0, first_develop.stderr
    # profile = "quick" (no debug assertions), features = ["polite"]
    assert project.run("import mat_demo; print(mat_demo.features(), mat_demo.debug_assertions())") == \
        "['polite'] False"


def test_dependencies_extras_and_groups_are_installed(project: Project, first_develop) -> None:
    assert first_develop.returncode == 0, first_develop.stderr
    assert project.run("import matdemo_dep, matdemo_extra, matdemo_group; "
                       "print(matdemo_dep.VERSION, matdemo_extra.VERSION, matdemo_group.VERSION)") == "1.2 0.5 2.0"
    requires = project.run("from importlib.metadata import requires; print(requires('mat-demo'))")
    assert "matdemo-dep>=1.0" in requires


def test_files_of_the_previous_install_are_removed(project: Project, first_develop) -> None:
    assert first_develop.returncode == 0, first_develop.stderr
    assert not (project.site / "mat_demo").exists()
    assert not (project.site / "mat_demo-0.1.0.dist-info").exists()
    assert project.run("from importlib.metadata import version; print(version('mat-demo'))") == "0.3.0"


def test_the_hand_written_stub_is_kept(project: Project, first_develop) -> None:
    assert first_develop.returncode == 0, first_develop.stderr
    assert (project.root / "python/mat_demo/mat_demo.pyi").read_text() == \
        (FIXTURE / "python/mat_demo/mat_demo.pyi").read_text()


def test_stub_command_writes_the_generated_stub_where_asked(project: Project) -> None:
    out = project.ferrule("stub", "-o", "typings/mat_demo.pyi")
    assert out.returncode == 0, out.stderr
    stub = (project.root / "typings/mat_demo.pyi").read_text()
    assert "def greet(name: str) -> str:" in stub and "Generated by ferrule" in stub
    assert "Hand-written" in (project.root / "python/mat_demo/mat_demo.pyi").read_text()


def test_command_line_options_win_over_the_config(project: Project, first_develop) -> None:
    assert first_develop.returncode == 0, first_develop.stderr
    out = project.ferrule("develop", "-F", "shout", "--profile", "dev", "-q")
    assert out.returncode == 0, out.stderr
    assert out.stdout == "" and "Installed" not in out.stderr
    assert project.run("import mat_demo; print(mat_demo.greet('x'), mat_demo.features(), "
                       "mat_demo.debug_assertions())") == "HELLO X ['polite', 'shout'] True"


def test_skip_install_builds_into_the_package_only(project: Project, first_develop, tmp_path: Path) -> None:
    assert first_develop.returncode == 0, first_develop.stderr
    built = list((project.root / "python/mat_demo").glob("mat_demo.*.so"))
    for path in built:
        path.unlink()
    out = project.ferrule("develop", "--skip-install", "--target-dir", str(tmp_path / "tgt"))
    assert out.returncode == 0, out.stderr
    assert list((project.root / "python/mat_demo").glob("mat_demo.*.so"))
    assert (tmp_path / "tgt" / "quick").is_dir()  # --target-dir, with pyproject's profile
    (unstripped,) = (project.root / "python/mat_demo").glob("mat_demo.*.so")
    size = unstripped.stat().st_size
    out = project.ferrule("develop", "--skip-install", "--strip", "--target-dir", str(tmp_path / "tgt"))
    assert out.returncode == 0, out.stderr
    (stripped,) = (project.root / "python/mat_demo").glob("mat_demo.*.so")
    assert stripped.stat().st_size < size / 2


@pytest.mark.parametrize("field, value, expected", [
    ("name", '"errs pkg!"', "Invalid project name 'errs pkg!'"),
    ("version", '"banana"', "invalid PEP 440 version string (got 'banana')"),
])
def test_bad_project_metadata_installs_nothing(project: Project, tmp_path: Path, field: str, value: str,
                                               expected: str) -> None:
    bad = tmp_path / "bad"
    shutil.copytree(FIXTURE, bad)
    text = (bad / "pyproject.toml").read_text().replace('dynamic = ["version"]\n', "")
    text = text.replace('name = "mat-demo"', f'name = "mat-demo"\nversion = "1.0"')
    text = text.replace(f'{field} = "mat-demo"' if field == "name" else 'version = "1.0"', f"{field} = {value}")
    (bad / "pyproject.toml").write_text(text)
    before = sorted(p.name for p in project.site.iterdir())
    out = project.ferrule("develop", "-i", str(project.python), cwd=bad)
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert expected in out.stderr and "pyproject.toml:" in out.stderr
    assert sorted(p.name for p in project.site.iterdir()) == before


def test_uv_installs_the_dependencies(project: Project, tmp_path: Path) -> None:
    venv = tmp_path / "uv-venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    env = dict(project.env, PATH=f"{Path(sys.executable).parent}{os.pathsep}{project.env['PATH']}",
               VIRTUAL_ENV=str(venv), UV_FIND_LINKS=project.env["PIP_FIND_LINKS"], UV_OFFLINE="1",
               UV_NO_INDEX="1")
    out = subprocess.run([sys.executable, "-m", "ferrule", "develop", "--uv"], capture_output=True, text=True,
                         cwd=project.root, env=env, timeout=900)
    assert out.returncode == 0, out.stderr
    code = "import matdemo_dep, mat_demo; print(matdemo_dep.VERSION, mat_demo.greet('u'))"
    done = subprocess.run([str(venv / "bin/python"), "-c", code], capture_output=True, text=True, cwd="/")
    assert done.stdout.strip() == "1.2 hello u", done.stderr


def test_project_scripts_get_a_launcher(project: Project, first_develop) -> None:
    assert first_develop.returncode == 0, first_develop.stderr
    launcher = project.root / ".venv/bin/mat-demo-hello"
    out = subprocess.run([str(launcher)], capture_output=True, text=True, cwd="/")
    assert (out.returncode, out.stdout) == (0, "hello cli hello cli\n"), out.stderr


def test_build_ships_python_packages_and_the_hand_written_stub(project: Project, first_develop) -> None:
    assert first_develop.returncode == 0, first_develop.stderr
    out = project.ferrule("build", "-o", "dist", "-i", str(project.python))
    assert out.returncode == 0, out.stderr
    (wheel,) = (project.root / "dist").glob("mat_demo-0.3.0-*.whl")
    with zipfile.ZipFile(wheel) as whl:
        names = set(whl.namelist())
        assert {"mat_helpers/__init__.py", "mat_demo/__init__.py", "mat_demo/mat_demo.pyi"} <= names
        assert whl.read("mat_demo/mat_demo.pyi").decode() == (FIXTURE / "python/mat_demo/mat_demo.pyi").read_text()
        assert any(n.startswith("mat_demo/mat_demo.") and n.endswith(".so") for n in names)


def test_an_unknown_extra_or_group_is_refused_before_building(project: Project) -> None:
    out = project.ferrule("develop", "-E", "nope")
    assert out.returncode == 1 and "the project has no extra `nope`" in out.stderr and "extra" in out.stderr
    out = project.ferrule("develop", "-G", "nope")
    assert out.returncode == 1 and "no dependency group `nope`" in out.stderr and "dev, test" in out.stderr
    assert "leave out `-G nope`" in out.stderr
    out = project.ferrule("develop", "-G", "tset")
    assert out.returncode == 1 and "did you mean `-G test`?" in out.stderr
    assert "Compiling" not in out.stderr


def test_an_abi3_project_is_installed_as_abi3_so_as_maturin_does(project: Project, tmp_path: Path) -> None:
    root = tmp_path / "abi3-demo"
    shutil.copytree(FIXTURE, root)
    manifest = root / "rust/Cargo.toml"
    text = manifest.read_text()
    assert 'registry = "ferrule" }' in text
    manifest.write_text(text.replace('registry = "ferrule" }', 'registry = "ferrule", features = ["abi3-py39"] }'))
    python = tmp_path / "venv/bin/python"
    subprocess.run([sys.executable, "-m", "venv", str(python.parent.parent)], check=True)
    own = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_config_var('EXT_SUFFIX'))"],
                         capture_output=True, text=True, check=True).stdout.strip()
    stale = root / f"python/mat_demo/mat_demo{own}"  # an earlier non-abi3 develop's, which CPython would prefer
    stale.write_bytes(b"")
    out = project.ferrule("develop", "-i", str(python), cwd=root)
    assert out.returncode == 0, out.stderr
    assert (root / "python/mat_demo/mat_demo.abi3.so").is_file() and not stale.exists()
    shown = subprocess.run([str(python), "-c", "import mat_demo; print(mat_demo.mat_demo.__file__)"],
                           capture_output=True, text=True, cwd="/")
    assert shown.stdout.strip().endswith("python/mat_demo/mat_demo.abi3.so"), shown.stderr


def test_rustc_errors_name_the_file_from_the_project_folder(project: Project, tmp_path: Path) -> None:
    # Cargo.toml is in rust/: rustc says src/lib.rs, the user (in pyproject.toml's folder) opens rust/src/lib.rs.
    root = tmp_path / "broken"
    shutil.copytree(FIXTURE, root)
    lib = root / "rust/src/lib.rs"
    lib.write_text(lib.read_text().replace('let text = format!("hello {name}");', 'let text: i64 = "x";'))
    line = next(n for n, text in enumerate(lib.read_text().splitlines(), 1) if 'let text: i64 = "x";' in text)
    out = project.ferrule("develop", "-i", str(project.python), cwd=root)
    assert out.returncode == 1 and "Traceback" not in out.stderr, out.stderr
    assert f"--> rust/src/lib.rs:{line}:" in out.stderr and "--> src/lib.rs" not in out.stderr, out.stderr
