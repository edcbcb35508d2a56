"""A crate naming crates.io's `pyo3-ffi` beside its ported `pyo3` line (serpyco-rs does): ferrule patches in a
stand-in `pyo3-ffi` whose library is the runtime's `ffi` re-exported (`pyo3_ffi_standin`), so `pyo3_ffi::X` and
`pyo3::ffi::X` are one item and one crate links Python. tests/fixtures/pyo3_ffi_direct is such a crate."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from packaging_support import env, ferrule

from ferrule.cargo_config_standins import needed_versions, write_standins
from ferrule.errors import CargoError
from ferrule.project import _runtime_abi3
from ferrule.pyo3_dependents import explain, redirectable
from ferrule.pyo3_redirect import Redirects, standin_files

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "pyo3_ffi_direct"

CONFLICT = ("package `pyo3-ffi` links to the native library `python`, but it conflicts with a previous package "
            "which links to `python` as well:\npackage `ferrule-runtime v0.1.0 (/rt/ferrule)`\n"
            "    ... which satisfies dependency `pyo3 = \"^0.1\"` of package `{user}`\n")


def _direct(folder: Path, candidates: str) -> str:
    user = f"ext v0.1.0 ({folder})"
    return (f"error: failed to select a version for `pyo3-ffi`.\n    ... required by package `{user}`\n"
            f"{candidates}\n\n" + CONFLICT.format(user=user))


def test_the_pyo3_ffi_version_to_stand_in_for_is_the_one_cargo_would_take(tmp_path: Path) -> None:
    (tmp_path / "Cargo.toml").write_text('[package]\nname = "ext"\n\n[dependencies]\npyo3-ffi = "0.29"\n')
    newest = _direct(tmp_path, "versions that meet the requirements `^0.29` are: 0.29.3, 0.29.2, 0.29.1")
    assert redirectable(newest) == ("pyo3-ffi", "0.29.3")
    locked = _direct(tmp_path, "versions that meet the requirements `^0.29` (locked to 0.29.2) are: 0.29.2")
    assert redirectable(locked) == ("pyo3-ffi", "0.29.2")
    # cargo chose `pyo3-ffi` first and refused the runtime: the version is in the chain.
    first = ("error: failed to select a version for `ferrule-runtime`.\n"
             "package `pyo3-ffi v0.29.2`\n"
             f"    ... which satisfies dependency `pyo3-ffi = \"^0.29\"` of package `ext v0.1.0 ({tmp_path})`\n"
             "package `ferrule-runtime` links to the native library `python`, but it conflicts\n")
    assert redirectable(first) == ("pyo3-ffi", "0.29.2")
    # A crate built on PyO3's C API alone, from crates.io, brings it.
    through = ("error: failed to select a version for `pyo3-ffi`.\n    ... required by package `rawcrate v1.2.0`\n"
               "    ... which satisfies dependency `rawcrate = \"^1\"` of package `ext v0.1.0 (/p)`\n"
               "versions that meet the requirements `^0.27` are: 0.27.2\n\n" + CONFLICT.format(user="ext"))
    assert redirectable(through) == ("pyo3-ffi", "0.27.2")


def test_a_pyo3_ffi_from_a_path_is_left_alone_and_named_at_its_line(tmp_path: Path) -> None:
    """cargo says the same of a vendored `pyo3-ffi` (`*` is a path dependency's requirement), which no
    `[patch.crates-io]` replaces: the manifest decides, and the error at the line stays."""
    (tmp_path / "Cargo.toml").write_text('[package]\nname = "ext"\n\n[dependencies]\n'
                                         'pyo3-ffi = { path = "vendored" }\n')
    stderr = _direct(tmp_path, "versions that meet the requirements `*` are: 0.29.2")
    assert redirectable(stderr) is None
    err = explain(stderr)
    assert err is not None and (err.path, err.line) == (tmp_path / "Cargo.toml", 5)
    assert "is PyO3's own crate `pyo3-ffi`" in str(err)


def test_the_stand_in_is_the_runtimes_ffi_with_pyo3_ffis_features() -> None:
    files = dict(standin_files("pyo3-ffi", "0.29.2", links=False))
    assert set(files) == {"Cargo.toml", "lib.rs"}
    manifest = files["Cargo.toml"]
    assert 'name = "pyo3-ffi"\nversion = "0.29.2"' in manifest
    assert "links" not in manifest and "build = false" in manifest  # the runtime alone links `python`
    assert 'ferrule-runtime = { version = "0.1", registry = "ferrule", default-features = false }' in manifest
    for feature in ("abi3", "abi3-py39", "abi3-py312", "abi3t", "extension-module", "generate-import-lib"):
        assert f'{feature} = ["ferrule-runtime/{feature}"]' in manifest
    assert "pub use ferrule::ffi::*;" in files["lib.rs"]


def test_recorded_stand_ins_patch_crates_io_and_unused_ones_are_forgotten(tmp_path: Path) -> None:
    redirects = Redirects(tmp_path, "ext", tmp_path)
    direct = CargoError("the dependency `pyo3-ffi` is PyO3's own crate `pyo3-ffi`, which cannot be linked")
    assert redirects.add("0.29.2", direct, "pyo3-ffi") and not redirects.add("0.29.2", direct, "pyo3-ffi")
    redirects.add("0.27.2", CargoError("the dependency `raw` is built on PyO3 (raw 1.0 depends on pyo3-ffi 0.27.2)"),
                  "pyo3-ffi")
    redirects.add("0.28.3", CargoError("the dependency `x` is built on PyO3 (x 1.0 depends on pyo3 0.28.3)"))
    args = " ".join(Redirects(tmp_path, "ext", tmp_path).args())
    assert f'patch.crates-io.pyo3.path="{tmp_path}/pyo3-facade/0.28.3"' in args
    assert f'patch.crates-io.pyo3-ffi.path="{tmp_path}/pyo3-facade/pyo3-ffi-0.27.2"' in args
    assert 'patch.crates-io.pyo3-ffi-ferrule-0-29-2.package="pyo3-ffi"' in args
    assert (tmp_path / "pyo3-facade" / "pyo3-ffi-0.29.2" / "lib.rs").is_file()
    # The crate's own errors are rustc's: no dependency was compiled against the stand-in.
    own = [{"level": "error", "package_id": "path+file:///p#ext@0.1.0"}]
    assert redirects.explain_failure(own) is None
    lock = tmp_path / "Cargo.lock"
    lock.write_text('version = 4\n\n[[patch.unused]]\nname = "pyo3-ffi"\nversion = "0.27.2"\n')
    redirects.prune(lock)
    assert sorted(Redirects(tmp_path, "ext", tmp_path).found) == ["0.28.3", "pyo3-ffi 0.29.2"]


PORTED_LOCK = """version = 4

[[package]]
name = "ext"
version = "0.1.0"
dependencies = ["pyo3", "pyo3-ffi"]

[[package]]
name = "pyo3"
version = "0.29.2"
source = "registry+https://github.com/rust-lang/crates.io-index"
dependencies = ["libc", "pyo3-ffi"]

[[package]]
name = "pyo3-ffi"
version = "0.29.2"
source = "registry+https://github.com/rust-lang/crates.io-index"
dependencies = ["libc", "pyo3-build-config"]
"""


def test_plain_cargo_gets_the_stand_in_cargo_lock_asks_for(tmp_path: Path) -> None:
    """The lock from PyO3 days (serpyco-rs ships one): the crate's own `pyo3` is the runtime now, its
    `pyo3-ffi` needs the stand-in, and PyO3's `pyo3 -> pyo3-ffi` edge asks for nothing."""
    (tmp_path / "Cargo.lock").write_text(PORTED_LOCK)
    assert needed_versions(tmp_path / "Cargo.lock", {"ext"}) == [("pyo3-ffi", "0.29.2")]
    block = write_standins(tmp_path / ".cargo", [("pyo3-ffi", "0.29.2")])
    assert '[patch.crates-io.pyo3-ffi]\npath = ".cargo/ferrule-pyo3/pyo3-ffi-0.29.2"' in block
    assert str(tmp_path) not in block
    assert "pub use ferrule::ffi::*;" in (tmp_path / ".cargo/ferrule-pyo3/pyo3-ffi-0.29.2/lib.rs").read_text()


def test_an_abi3_feature_on_pyo3_ffi_makes_the_build_abi3(tmp_path: Path) -> None:
    manifest = tmp_path / "Cargo.toml"
    cargo = {"dependencies": {"pyo3": {"package": "ferrule-runtime", "version": "0.1", "registry": "ferrule"},
                              "pyo3-ffi": {"version": "0.29", "features": ["abi3-py310"]}},
             "features": {"stable": ["pyo3-ffi/abi3-py311"]}}
    assert _runtime_abi3(cargo, manifest) == "3.10"
    assert _runtime_abi3(cargo, manifest, ("stable",)) == "3.11"
    cargo["dependencies"]["pyo3-ffi"] = {"path": "vendored", "features": ["abi3-py310"]}  # no stand-in for it
    assert _runtime_abi3(cargo, manifest) is None


def test_a_crate_naming_pyo3_ffi_builds_on_the_runtimes_ffi(tmp_path: Path) -> None:
    project = tmp_path / "p"
    shutil.copytree(FIXTURE, project)
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(tmp_path / "venv")], check=True)
    python = tmp_path / "venv" / "bin" / "python"
    environ = {**env(), "CARGO_TARGET_DIR": str(tmp_path / "target")}  # no stand-in recorded yet
    first = ferrule("develop", "-i", python, cwd=project, environ=environ)
    assert "note: `ffi_direct` depends on PyO3's C API crate `pyo3-ffi 0.29." in first.stderr, first.stderr
    script = """import sys, ffi_direct as f
print(f.same_items(), f.doubled(21), f.length([1, 2, 3]), f.lookup({("k", False): 7}, "k"))
o = object()
before = f.refcount(o)
keep = [o, o]
print(f.refcount(o) - before, f.Derived("base").base_name(), sys.modules["ffi_direct.ffi_direct"].__file__.endswith(
    ".abi3.so"))
"""
    out = subprocess.run([str(python), "-c", script], capture_output=True, text=True)
    assert out.stdout.splitlines() == ["True 42 3 7", "2 base True"], out.stdout + out.stderr
    lock = (project / "Cargo.lock").read_text()
    entry = lock[lock.index('name = "pyo3-ffi"'):].split("\n\n")[0]
    assert "source =" not in entry and '"ferrule-runtime"' in entry, lock  # the stand-in: nothing fetched
    assert "pyo3-build-config" not in lock  # crates.io's pyo3-ffi (and its build script) is not in the graph
    # The version found is kept: the next build patches from the start and cargo refuses nothing.
    (project / "src" / "lib.rs").write_text((project / "src" / "lib.rs").read_text() + "\n")
    second = ferrule("develop", "-i", python, cwd=project, environ=environ)
    assert "pyo3-ffi" not in second.stderr and "links to the native library" not in second.stderr, second.stderr
    # An IDE's plain `cargo check`: the stand-in from `ferrule cargo-config`, by a path inside the project.
    written = ferrule("cargo-config", cwd=project, environ=environ)
    assert "pyo3-ffi 0.29." in written.stdout, written.stdout + written.stderr
    config = (project / ".cargo" / "config.toml").read_text()
    assert str(tmp_path) not in config and '.cargo/ferrule-pyo3/pyo3-ffi-0.29.' in config, config
    standin = next((project / ".cargo" / "ferrule-pyo3").glob("pyo3-ffi-*"))
    assert all(str(tmp_path) not in f.read_text() for f in standin.iterdir())
    # Plain cargo keeps the prelude's `PyObject` alias (README), so the two globs of raw.rs would clash there.
    raw = project / "src" / "raw.rs"
    raw.write_text(raw.read_text().replace("use pyo3_ffi::*;", "use pyo3_ffi::{PyObject, PyObject_Length};"))
    plain = {k: v for k, v in environ.items() if not k.startswith("FERRULE_")}
    check = subprocess.run(["cargo", "check", "--message-format=short"], cwd=project, env=plain,
                           capture_output=True, text=True, timeout=900)
    assert check.returncode == 0, check.stderr
