"""End to end: the installed stub is found by mypy through PEP 561, and `ferrule new`
creates a project that `ferrule develop` builds and installs."""

from __future__ import annotations

import importlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest


def test_stub_files_installed(test_env):
    test_env.require("fe_functions")
    pkg = test_env.site_packages / "fe_functions"
    assert (pkg / "__init__.pyi").is_file()
    assert (pkg / "py.typed").is_file()
    assert "def add(a: int, b: int) -> int" in (pkg / "__init__.pyi").read_text()


def test_signature_annotations_reach_the_stub(test_env, tmp_path):
    test_env.require("fe_functions")
    stub = (test_env.site_packages / "fe_functions" / "__init__.pyi").read_text()
    assert ('def annotated(items: list[int], *rest: str, label: str | None = None, **flags: bool) -> int:'
             in stub), stub
    out = _mypy(test_env, tmp_path, "import fe_functions\n\nn: int = fe_functions.annotated([1], 'a', x=True)\n"
                                    "fe_functions.annotated([1], 2)\n")
    assert "snippet.py:4: error" in out.stdout and out.stdout.count("error:") == 1, out.stdout


def _mypy(test_env, tmp_path, source: str) -> subprocess.CompletedProcess:
    snippet = tmp_path / "snippet.py"
    snippet.write_text(source)
    env = {k: v for k, v in os.environ.items() if k != "MYPYPATH"}
    cmd = [sys.executable, "-m", "mypy", "--no-incremental", "--strict", "--python-executable", str(test_env.python),
           "--cache-dir", str(tmp_path / ".mypy_cache"), str(snippet)]
    return subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=tmp_path)


def test_mypy_accepts_correct_use(test_env, tmp_path):
    test_env.require("fe_functions")
    out = _mypy(test_env, tmp_path, "import fe_functions\n\nx: int = fe_functions.add(1, 2)\n"
                                    "s: str = fe_functions.greet(times=3)\n")
    assert out.returncode == 0, out.stdout + out.stderr


def test_mypy_sees_added_exceptions_and_constants(test_env, tmp_path):
    test_env.require("fe_functions")
    test_env.require("fe_modules")
    source = ("import fe_functions, fe_modules\n\n"
              "try:\n    pass\nexcept fe_functions.MyError as e:\n    err: Exception = e\n"
              "c: int = fe_modules.CONST\ng: str = fe_modules.GREETING\n"
              "q: str = fe_modules.QUOTE\nn: int = fe_modules.sub.LIMIT\n")
    out = _mypy(test_env, tmp_path, source)
    assert out.returncode == 0, out.stdout + out.stderr
    wrong = _mypy(test_env, tmp_path, "import fe_modules\n\nc: str = fe_modules.CONST\n")
    assert "[assignment]" in wrong.stdout
    final = _mypy(test_env, tmp_path, "import fe_modules\n\nfe_modules.QUOTE = 'x'\n")
    assert 'Cannot assign to final name "QUOTE"' in final.stdout, final.stdout


def test_mypy_rejects_wrong_argument_type(test_env, tmp_path):
    test_env.require("fe_functions")
    out = _mypy(test_env, tmp_path, "import fe_functions\n\nfe_functions.add(\"1\", 2)\n")
    assert out.returncode == 1, out.stdout + out.stderr
    assert "[arg-type]" in out.stdout
    assert 'Argument 1 to "add" has incompatible type "str"; expected "int"' in out.stdout


def test_new_then_develop(test_env, tmp_path):
    project = tmp_path / "demo_proj"
    new = subprocess.run([sys.executable, "-m", "ferrule", "new", str(project)], capture_output=True, text=True)
    assert new.returncode == 0, new.stderr
    assert (project / "tests" / "test_demo_proj.py").is_file()
    built = test_env.develop(project / "Cargo.toml")
    assert built.returncode == 0, built.stdout + built.stderr
    module = importlib.import_module("demo_proj")
    assert module.add(1, 2) == 3
    assert (test_env.site_packages / "demo_proj" / "__init__.pyi").is_file()
    generated_test = subprocess.run([str(test_env.python), "-c", "import demo_proj; assert demo_proj.add(1, 2) == 3"],
                                    capture_output=True, text=True)
    assert generated_test.returncode == 0, generated_test.stderr


def test_mypy_sees_async_fn_bindings_as_coroutines(test_env, tmp_path):
    test_env.require("fe_genapi")
    source = ("import fe_genapi\n\n\nasync def main() -> None:\n    x: int = await fe_genapi.doubled(1)\n"
              "    n: int = await fe_genapi.Counter(\"a\").bump(0)\n    s: str = await fe_genapi.until_thrown()\n")
    out = _mypy(test_env, tmp_path, source)
    assert out.returncode == 0, out.stdout + out.stderr
    wrong = _mypy(test_env, tmp_path, "import fe_genapi\n\nx: int = fe_genapi.doubled(1)\n")
    assert 'expression has type "Coroutine[Any, Any, int]", variable has type "int"' in wrong.stdout, wrong.stdout


# What stubtest cannot see as the stub says it, each for a reason:
STUBTEST_ALLOWED = [
    r"fe_functions(\.fe_functions)?\.custom_sig",  # `text_signature` overrides what inspect shows, on purpose
    r".*\.__call__",  # `tp_call` shows (*args, **kwargs) whatever the method takes
    r"fe_genapi\.Wrapped\.Box\.in",  # a Python keyword (`r#in`) cannot be written in a stub
]


def test_stubtest_finds_every_stub_true_to_its_module(test_env, tmp_path):
    """mypy's stubtest imports each built module and compares it with its installed stub.
    fe_panic_init is left out: importing it panics, by design."""
    from conftest import CRATES_DIR

    modules = []
    for crate in sorted(test_env.builds) or sorted(p.name for p in CRATES_DIR.iterdir()):
        if crate == "fe_panic_init":
            continue
        test_env.require(crate)
        text = (CRATES_DIR / crate / "pyproject.toml").read_text()
        named = re.search(r'^module-name = "([^"]+)"', text, re.M)
        modules.append(named.group(1) if named else crate)
    allow = tmp_path / "allowlist.txt"
    allow.write_text("\n".join(STUBTEST_ALLOWED) + "\n")
    env = dict(os.environ, PYTHONPATH=str(test_env.site_packages))
    env.pop("MYPYPATH", None)
    out = subprocess.run([sys.executable, "-m", "mypy.stubtest", "--allowlist", str(allow), *modules],
                         capture_output=True, text=True, env=env, cwd=tmp_path, timeout=600)
    assert out.returncode == 0, out.stdout[-6000:] + out.stderr[-2000:]
    assert "Success: no issues found" in out.stdout


def test_pyright_accepts_the_stubs_and_finds_them_complete(test_env, tmp_path):
    """pyright (its own reading of the typing spec) checks every installed stub and
    scores each package's public interface: every symbol must have a known type."""
    pyright = shutil.which("pyright", path=str(Path(sys.executable).parent))
    assert pyright is not None, "pyright is a test dependency (pip install -e '.[test]')"
    env = dict(os.environ, VIRTUAL_ENV=str(test_env.root),
               PATH=os.pathsep.join([str(test_env.python.parent), os.environ.get("PATH", "")]))
    stubs = sorted(str(p) for p in test_env.site_packages.glob("fe_*/**/*.pyi"))
    out = subprocess.run([pyright, *stubs], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=600)
    assert out.returncode == 0 and "0 errors" in out.stdout, out.stdout[-4000:] + out.stderr[-2000:]
    for package in ("fe_functions", "fe_classes", "fe_genapi", "fe_protocols", "fe_cfgstubs", "fe_stdtypes"):
        test_env.require(package)
        score = subprocess.run([pyright, "--verifytypes", package, "--ignoreexternal"], capture_output=True,
                               text=True, env=env, cwd=tmp_path, timeout=600)
        assert "Type completeness score: 100%" in score.stdout, score.stdout[-4000:]
