"""Parameters under the oldest stable ABI (fe_abi39 is built with `abi3-py39`):
borrowed `&str`, `Option<&str>`, bytes, `Cow<str>`, `&Bound<...>`; `Option`
parameters with a non-`None` default (written without `Some`, as in PyO3);
raw identifiers, which Python sees without `r#`; classes over native bases (dict,
exceptions)."""

from __future__ import annotations

import ast
import gc
import inspect
import os
import subprocess
import sys
import weakref

import pytest
from arg_errors import argument_error


def test_built_for_the_limited_api(test_env, fe_abi39):
    # The 3.9 stable ABI has no PyUnicode_AsUTF8AndSize; the module must not need it.
    so = next((test_env.site_packages / "fe_abi39").glob("fe_abi39*.so"))
    assert b"PyUnicode_AsUTF8AndSize" not in so.read_bytes()


def test_installed_with_the_abi3_suffix(test_env, fe_abi39):
    # As maturin develop and ferrule's wheels name it; PyPy and free-threaded builds have no stable ABI.
    # The crate also asks for `abi3t-py315`, which (as in PyO3) applies to 3.15+ interpreters only.
    from pathlib import Path

    assert '"abi3t-py315"' in (Path(__file__).parent / "crates" / "fe_abi39" / "Cargo.toml").read_text()
    import sysconfig

    stable = sys.implementation.name == "cpython" and not sysconfig.get_config_var("Py_GIL_DISABLED")
    expected = ".abi3.so" if stable else sysconfig.get_config_var("EXT_SUFFIX")
    (so,) = (test_env.site_packages / "fe_abi39").glob("fe_abi39*.so")
    assert so.name == f"fe_abi39{expected}"


def test_borrowed_str_parameters(fe_abi39):
    assert fe_abi39.shout("abc é") == "ABC É"
    assert fe_abi39.str_default() == "<hello>"
    assert fe_abi39.str_default("x") == "<x>"
    assert fe_abi39.cow_len("héé") == 3
    assert fe_abi39.byte_len(b"\x00\x01\x02") == 3


def test_borrowed_str_rejects_other_types(fe_abi39):
    with argument_error("text"):
        fe_abi39.shout(12)
    with argument_error("data"):
        fe_abi39.byte_len("not bytes")


def test_optional_str_with_string_default(fe_abi39):
    assert fe_abi39.greet() == "Hello, world!"
    assert fe_abi39.greet(None) == "Hello, nobody!"
    assert fe_abi39.greet("Ann", greeting="Hi") == "Hi, Ann!"


def test_option_defaults_are_wrapped_in_some(fe_abi39):
    assert fe_abi39.option_defaults() == (True, 3, 0.5, "x")
    assert fe_abi39.option_defaults(None, None, None, None) == (None, None, None, None)
    assert fe_abi39.option_defaults(False, count=9) == (False, 9, 0.5, "x")
    assert fe_abi39.already_some() == 7
    assert fe_abi39.already_some(None) is None


def test_signature_shows_the_python_defaults(fe_abi39):
    assert str(inspect.signature(fe_abi39.greet)) == "(name='world', greeting=None)"
    assert str(inspect.signature(fe_abi39.option_defaults)) == "(flag=True, count=3, ratio=0.5, label='x')"
    assert str(inspect.signature(fe_abi39.already_some)) == "(value=7)"
    assert str(inspect.signature(fe_abi39.Counter.describe)) == "(self, /, label, sep='=')"


def test_object_and_owned_parameters(fe_abi39):
    assert fe_abi39.any_types(5, "s", b"bb", [1], (1, 2), {"k": 1}, None) == "5 s 2 1 2 1 false"
    assert fe_abi39.any_types(None, "", b"", [], (), {}, object()).endswith("true")
    assert fe_abi39.owned_types(["a", "b"], {"y": 2, "x": 1}, ("p", None), "z") == "a+b x,y p:None z"
    assert fe_abi39.star(1, 2, x=3) == (2, 1)


def test_method_str_parameters(fe_abi39):
    c = fe_abi39.Counter(3)
    assert c.describe("n") == "n=3"
    assert c.describe("n", None) == "n3"
    assert c.bump("4") == 7
    with pytest.raises(ValueError, match="not a number: q"):
        c.bump("q")
    assert fe_abi39.counter_value(c, c) == 14


def test_raw_identifiers_are_seen_without_prefix(fe_abi39):
    c = fe_abi39.Counter(2)
    assert c.match(2) is True and c.match(3) is False
    assert c.match(**{"in": 2}) is True
    assert fe_abi39.type("a", None) == "a/-"
    assert fe_abi39.type("a", match="b") == "a/b"
    assert fe_abi39.type(**{"in": "q", "match": None}) == "q/-"
    assert fe_abi39.type.__name__ == "type"
    with pytest.raises(TypeError, match="missing 1 required positional argument: 'match'"):
        fe_abi39.type("a")


def test_stub_is_valid_python_with_keyword_parameter_names(test_env, fe_abi39):
    stub = (test_env.site_packages / "fe_abi39" / "__init__.pyi").read_text()
    ast.parse(stub)
    assert "def type(in_: str, /, match: str | None) -> str: ..." in stub
    assert "def match(self, in_: int, /) -> bool: ..." in stub
    assert "def greet(name: str | None = 'world', greeting: str | None = None) -> str: ..." in stub


def test_mypy_accepts_the_stub(test_env, tmp_path, fe_abi39):
    snippet = tmp_path / "snippet.py"
    snippet.write_text("import fe_abi39\n\n"
                       "a: str = fe_abi39.type('x', match=None)\n"
                       "b: bool = fe_abi39.Counter(1).match(1)\n"
                       "c: str = fe_abi39.greet()\n")
    env = {k: v for k, v in os.environ.items() if k != "MYPYPATH"}
    out = subprocess.run([sys.executable, "-m", "mypy", "--no-incremental", "--strict", "--python-executable",
                          str(test_env.python), "--cache-dir", str(tmp_path / ".mypy_cache"), str(snippet)],
                         capture_output=True, text=True, env=env, cwd=tmp_path)
    assert out.returncode == 0, out.stdout + out.stderr


def test_std_parameter_types(fe_abi39):
    out = fe_abi39.std_types("/tmp/x", "os", {"a", "b"}, {"k": b"abc"}, 2**100, 2**127, [1, 2, 3], b"xy", None,
                             None, 5, 1.5, 3)
    assert out == f"/tmp/x os 2 3 {2**100} {2**127} 6 2 None true false 1.5 3"
    assert fe_abi39.std_types("p", "o", set(), {}, -1, 0, (1, 2, 3), b"", b"z", 1, None, 0.0, 1).endswith(
        "Some(1) false true 0 1")


@pytest.mark.parametrize("big, ubig, message", [
    (2**127, 0, "Python int larger than 128 bits"),
    (-2**127 - 1, 0, "Python int larger than 128 bits"),
    (0, 2**128, "Python int larger than 128 bits"),
    (0, -1, "can't convert negative int to unsigned"),
])
def test_128_bit_overflow_says_what_the_full_api_says(fe_abi39, big, ubig, message):
    """The limited API builds i128/u128 from two 64-bit halves; the error must not show it."""
    with pytest.raises(OverflowError) as info:
        fe_abi39.std_types("p", "o", set(), {}, big, ubig, (1, 2, 3), b"", None, None, None, 0.0, 1)
    assert str(info.value).endswith(message), str(info.value)


def test_dict_base_under_the_3_9_stable_abi(fe_abi39):
    """`extends = PyDict`: built, used, freed and collected through dict's own slots
    (read where 3.9's `PyType_GetSlot` refuses static types)."""
    d = fe_abi39.TallyDict(a=1)
    assert isinstance(d, dict) and d == {"a": 1}
    assert d.put("b", 2) == 1 and d.put("c", 3) == 2 and d == {"a": 1, "b": 2, "c": 3}
    del d
    gc.collect()

    class Child(fe_abi39.TallyDict):
        pass

    child = Child()
    child["me"] = child  # a cycle only dict's traverse can see
    ref = weakref.ref(child)
    del child
    gc.collect()
    assert ref() is None


def test_exception_base_under_the_3_9_stable_abi(fe_abi39):
    with pytest.raises(ValueError) as info:
        raise fe_abi39.CodedError(7)
    assert type(info.value) is fe_abi39.CodedError and info.value.code == 7
    del info
    gc.collect()


def test_dict_class_under_the_3_9_stable_abi(fe_abi39):
    book = fe_abi39.Notebook()
    book.title = "t"
    assert book.__dict__ == {"title": "t"} and book.unknown == "missing unknown" and book.pages == 1
    book.__dict__["ink"] = "blue"
    assert book.ink == "blue"
    book.__dict__ = {"fresh": 1}
    assert book.fresh == 1 and book.title == "missing title"
    marker = type("Marker", (), {})()
    book.marker, marker.book = marker, book  # a cycle through the instance dict
    ref = weakref.ref(book)
    del book, marker
    gc.collect()
    assert ref() is None
