"""End to end: the installed stub is found by mypy through PEP 561, and `ferrule new`
creates a project that `ferrule develop` builds and installs."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys

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
