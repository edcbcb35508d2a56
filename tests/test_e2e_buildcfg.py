"""A PyO3 crate's build.rs using pyo3-build-config (from crates.io) works unchanged with the runtime.

tests/crates/fe_buildcfg calls `use_pyo3_cfgs()`, `add_extension_module_link_args()` and `get()`, which read
the interpreter config the runtime exports to dependents' build scripts (`DEP_PYTHON_PYO3_CONFIG`).
"""

from __future__ import annotations

import importlib
import importlib.metadata
import json
import os
import platform
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
from pypy_support import PYPY
from conftest import FERRULE_CLI  # the ferrule under test (another interpreter's run sets it)

REPO = Path(__file__).resolve().parent.parent
CRATE = REPO / "tests" / "crates" / "fe_buildcfg"


def _built_for(module) -> tuple[int, bool]:
    """(3.X minor, stable ABI?) the module was built for: an abi3 wheel built on another
    CPython (scripts/test-interpreters.sh's abi3 step) names that minor in its wheel tag."""
    extension = importlib.import_module(f"{module.__name__}.{module.__name__}")  # beside __init__.py
    if ".abi3." not in Path(extension.__file__).name:
        return sys.version_info[1], False
    wheel = importlib.metadata.distribution(module.__name__).read_text("WHEEL")
    tag = next(line.split(": ", 1)[1] for line in wheel.splitlines() if line.startswith("Tag: "))
    return int(tag.split("-")[0].removeprefix("cp3")), True


def test_get_reads_the_interpreter_ferrule_built_for(fe_buildcfg) -> None:
    facts = dict(item.split("=", 1) for item in fe_buildcfg.build_facts().split())
    minor, abi3 = _built_for(fe_buildcfg)
    implementation = "PyPy" if PYPY else "CPython"
    assert facts["version"] == f"3.{minor}"
    assert facts["implementation"] == implementation
    if abi3:
        # Built by another interpreter: its executable and linking are not this one's.
        assert facts["target_abi"] == f"CPython-abi3-3.{minor}"
        return
    kind = "free_threaded" if sysconfig.get_config_var("Py_GIL_DISABLED") else "gil_enabled"
    assert facts["target_abi"] == f"{implementation}-{kind}-3.{minor}"
    # PyPy always links its shared libpypy*-c, as pyo3-build-config reports it.
    assert facts["shared"] == str(PYPY or bool(sysconfig.get_config_var("Py_ENABLE_SHARED"))).lower()
    assert Path(facts["executable"]).resolve() == Path(sys._base_executable).resolve()


def test_use_pyo3_cfgs_gives_user_code_the_version_cfgs(fe_buildcfg) -> None:
    minor, abi3 = _built_for(fe_buildcfg)
    on = fe_buildcfg.cfgs()
    assert [c for c in on if c.startswith("Py_3_")] == [f"Py_3_{m}" for m in range(8, minor + 1)]
    assert ("Py_LIMITED_API" in on) == abi3
    assert ("PyPy" in on) == PYPY and "GraalPy" not in on
    assert ("Py_GIL_DISABLED" in on) == bool(sysconfig.get_config_var("Py_GIL_DISABLED"))


def test_cfg_gated_items_follow_the_interpreter(fe_buildcfg) -> None:
    assert hasattr(fe_buildcfg, "only_on_3_11_and_later") == (sys.version_info >= (3, 11))
    assert hasattr(fe_buildcfg, "only_before_3_11") == (sys.version_info < (3, 11))


def test_plain_cargo_honours_pyo3_python(tmp_path: Path) -> None:
    """Without ferrule (an IDE, `cargo check`), PYO3_PYTHON picks the interpreter, ahead of VIRTUAL_ENV.

    The interpreter is the one running the tests (3.11-dbg, PyPy, ... in scripts/test-interpreters.sh),
    or Debian's python3.11-dbg when that is the plain CPython 3.11 of scripts/test.sh."""
    python = sys._base_executable
    if not PYPY and sys.version_info[:2] == (3, 11) and not sys.abiflags:
        python = shutil.which("python3.11-dbg")
        if python is None:
            pytest.fail("python3.11-dbg is not installed (`apt-get install -y python3.11-dbg`; .ci/run does this)",
                        pytrace=False)
    probe = "import sys; print(sys.version_info[1], sys.abiflags)"
    minor, abiflags = (subprocess.run([python, "-c", probe], capture_output=True, text=True, check=True)
                       .stdout.split("\n")[0].split(" "))
    env = {k: v for k, v in os.environ.items() if not k.startswith("FERRULE_")}
    # Build scripts compiled on the host and in the sid chroot must not share a target dir.
    target = f"{sys.implementation.cache_tag}{sys.abiflags}-glibc{platform.libc_ver()[1]}"
    env.update(PYO3_PYTHON=python, VIRTUAL_ENV=str(tmp_path / "not-this-one"), FE_BUILDCFG_SHOW="1",
               CARGO_TARGET_DIR=str(REPO / "target" / "test-buildcfg-plain" / target))
    # The IDE's way: `ferrule cargo-config` once in the project, then cargo with nothing of ferrule's.
    crate = tmp_path / "fe_buildcfg"
    shutil.copytree(CRATE, crate)
    setup = subprocess.run([*FERRULE_CLI, "cargo-config", "-m", str(crate / "Cargo.toml")],
                           capture_output=True, text=True)
    assert setup.returncode == 0, setup.stderr
    # cargo reads `.cargo/config.toml` from its working folder upwards, as an IDE runs it.
    out = subprocess.run(["cargo", "check"], capture_output=True, text=True, env=env, cwd=crate)
    assert out.returncode == 0, out.stderr
    line = next(line for line in out.stderr.splitlines() if "facts: " in line)
    facts = dict(item.split("=", 1) for item in line.split("facts: ", 1)[1].split())
    assert facts["executable"] == python
    # The library an embedding build links: libpypy3.X-c, libpython3.X plus the ABI flags (3.11d).
    assert facts["lib_name"] == (f"pypy3.{minor}-c" if PYPY else f"python3.{minor}{abiflags}")
