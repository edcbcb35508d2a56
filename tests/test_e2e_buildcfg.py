"""A PyO3 crate's build.rs using pyo3-build-config (from crates.io) works unchanged with the runtime.

tests/crates/fe_buildcfg calls `use_pyo3_cfgs()`, `add_extension_module_link_args()` and `get()`, which read
the interpreter config the runtime exports to dependents' build scripts (`DEP_PYTHON_PYO3_CONFIG`).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CRATE = REPO / "tests" / "crates" / "fe_buildcfg"
RUNTIME = REPO / "src" / "ferrule" / "runtime" / "ferrule"


def test_get_reads_the_interpreter_ferrule_built_for(fe_buildcfg) -> None:
    facts = dict(item.split("=", 1) for item in fe_buildcfg.build_facts().split())
    minor = sys.version_info[1]
    assert facts["version"] == f"3.{minor}"
    assert facts["implementation"] == "CPython"
    kind = "free_threaded" if sysconfig.get_config_var("Py_GIL_DISABLED") else "gil_enabled"
    assert facts["target_abi"] == f"CPython-{kind}-3.{minor}"
    assert facts["shared"] == str(bool(sysconfig.get_config_var("Py_ENABLE_SHARED"))).lower()
    assert Path(facts["executable"]).resolve() == Path(sys._base_executable).resolve()


def test_use_pyo3_cfgs_gives_user_code_the_version_cfgs(fe_buildcfg) -> None:
    minor = sys.version_info[1]
    on = fe_buildcfg.cfgs()
    assert [c for c in on if c.startswith("Py_3_")] == [f"Py_3_{m}" for m in range(8, minor + 1)]
    assert "Py_LIMITED_API" not in on and "PyPy" not in on and "GraalPy" not in on
    assert ("Py_GIL_DISABLED" in on) == bool(sysconfig.get_config_var("Py_GIL_DISABLED"))


def test_cfg_gated_items_follow_the_interpreter(fe_buildcfg) -> None:
    assert hasattr(fe_buildcfg, "only_on_3_11_and_later") == (sys.version_info >= (3, 11))
    assert hasattr(fe_buildcfg, "only_before_3_11") == (sys.version_info < (3, 11))


def test_plain_cargo_honours_pyo3_python(tmp_path: Path) -> None:
    """Without ferrule (an IDE, `cargo check`), PYO3_PYTHON picks the interpreter, ahead of VIRTUAL_ENV."""
    debug_python = shutil.which("python3.11-dbg")
    if debug_python is None:
        pytest.fail("python3.11-dbg is not installed (`apt-get install -y python3.11-dbg`; .ci/run does this)",
                    pytrace=False)
    env = {k: v for k, v in os.environ.items() if not k.startswith("FERRULE_")}
    env.update(PYO3_PYTHON=debug_python, VIRTUAL_ENV=str(tmp_path / "not-this-one"), FE_BUILDCFG_SHOW="1",
               CARGO_TARGET_DIR=str(REPO / "target" / "test-buildcfg-plain"))
    patch = f"patch.crates-io.ferrule-runtime.path={json.dumps(str(RUNTIME))}"
    out = subprocess.run(["cargo", "check", "--manifest-path", str(CRATE / "Cargo.toml"), "--config", patch],
                         capture_output=True, text=True, env=env)
    assert out.returncode == 0, out.stderr
    line = next(line for line in out.stderr.splitlines() if "facts: " in line)
    facts = dict(item.split("=", 1) for item in line.split("facts: ", 1)[1].split())
    assert facts["executable"] == debug_python
    assert facts["lib_name"] == "python3.11d"  # the debug build's libpython
