"""Glue and stubs for tests/fixtures/classes, compared with tests/golden/classes/.

Set FERRULE_UPDATE_GOLDEN=1 to rewrite the golden files, then review the diff.
"""

from __future__ import annotations

import ast

import pytest

from ferrule.codegen.glue import generate_glue
from ferrule.codegen.stubs import generate_stubs

from test_glue_golden import FIXTURES, GOLDEN, check_golden, glue_text, parse_fixture


@pytest.fixture(scope="module")
def crate():
    return parse_fixture("classes")


def test_class_glue_matches_golden(crate) -> None:
    check_golden(GOLDEN / "classes" / "glue.rs", glue_text(generate_glue(crate)))


def test_class_glue_files_are_keyed_by_keyword_line(crate) -> None:
    files = generate_glue(crate)
    for key in files:
        file, _, line = key.rpartition("/L")
        source = (FIXTURES / "classes" / file).read_text().splitlines()
        keyword_line = source[int(line.removesuffix(".rs")) - 1].lstrip()
        assert keyword_line.startswith(("fn ", "struct ", "pub struct ", "enum ", "impl ")), (key, keyword_line)
    blocks = sum(len(c.blocks) for c in crate.classes)
    assert len(files) == len(crate.classes) + blocks + len(crate.modules) == 6 + 4 + 1


def test_class_stubs_match_golden(crate) -> None:
    stubs = generate_stubs(crate)
    assert sorted(stubs) == ["__init__.pyi"]
    check_golden(GOLDEN / "classes" / "stubs" / "__init__.pyi", stubs["__init__.pyi"])


def _classes(text: str) -> dict[str, ast.ClassDef]:
    return {n.name: n for n in ast.parse(text).body if isinstance(n, ast.ClassDef)}


def _members(cls: ast.ClassDef) -> dict[str, list[str]]:
    """name -> decorators + signature of each def (a property's setter is a second entry)."""
    out: dict[str, list[str]] = {}
    for node in cls.body:
        if isinstance(node, ast.FunctionDef):
            decos = " ".join("@" + ast.unparse(d) for d in node.decorator_list)
            ret = ast.unparse(node.returns) if node.returns else ""
            out.setdefault(node.name, []).append(f"{decos} ({ast.unparse(node.args)}) -> {ret}".strip())
        elif isinstance(node, ast.AnnAssign):
            out.setdefault(ast.unparse(node.target), []).append(ast.unparse(node.annotation))
    return out


def test_class_stub_members(crate) -> None:
    classes = _classes(generate_stubs(crate)["__init__.pyi"])
    assert list(classes) == ["Shape", "Tile", "Light", "ShapeError", "Event", "Counter"]
    shape = _members(classes["Shape"])
    assert shape["__new__"] == ["(cls, side_len: float, tag: str='s') -> Self"]  # `#[new]` is tp_new
    assert shape["sideLen"] == ["@property (self) -> float", "@sideLen.setter (self, value: float) -> None"]
    assert shape["label"] == ["@property (self) -> str"]  # no setter: read-only
    assert shape["hidden"] == ["@property (self) -> int", "@hidden.setter (self, value: int) -> None"]
    assert shape["same"] == ["(self, other: Shape) -> bool"]
    assert shape["unit"] == ["@staticmethod () -> Shape"]
    assert shape["describe"] == ["@classmethod (cls, verbose: bool) -> str"]
    assert shape["SIDES"] == ["ClassVar[int]"] and shape["origin"] == ["ClassVar[tuple[float, float]]"]
    # __richcmp__ becomes the six operators; ==/!= accept any object.
    assert shape["__eq__"] == ["(self, other: object, /) -> bool"] and shape["__lt__"] == ["(self, other: Shape, /) -> bool"]
    assert shape["__hash__"] == ["ClassVar[None]"]
    assert "__traverse__" not in shape
    assert [ast.unparse(d) for d in classes["Shape"].decorator_list] == ["disjoint_base"]  # subclass: not final
    tile = _members(classes["Tile"])
    assert [ast.unparse(b) for b in classes["Tile"].bases] == ["Shape"]
    assert [ast.unparse(d) for d in classes["Tile"].decorator_list] == ["final"]
    assert tile["__next__"] == ["(self) -> int"] and tile["__iter__"] == ["(self) -> Tile"]
    assert tile["__iadd__"] == ["(self, other: int, /) -> Tile"] and tile["__len__"] == ["(self) -> int"]
    light = _members(classes["Light"])
    assert light["RED"] == light["AMBER"] == light["GO"] == ["ClassVar[Light]"]
    assert light["__int__"] == ["(self) -> int"]
    assert [ast.unparse(b) for b in classes["ShapeError"].bases] == ["ValueError"]
    err = _members(classes["ShapeError"])
    assert err["__hash__"] == ["(self) -> int"] and err["__str__"] == ["(self) -> str"]
    assert light["__new__"] == ["(cls, _: NoReturn, /) -> Self"]  # no #[new]: mypy rejects Light()
    event = classes["Event"]
    assert [ast.unparse(d) for d in event.decorator_list] == ["disjoint_base"]
    assert _members(event)["__new__"] == ["(cls, _: NoReturn, /) -> Self"]
    key, click = (_classes(ast.unparse(n))[n.name] for n in event.body if isinstance(n, ast.ClassDef))
    assert [ast.unparse(b) for b in key.bases] == ["Event"] and [ast.unparse(d) for d in key.decorator_list] == ["final"]
    assert _members(key)["__new__"] == ["(cls, code: int, char: str) -> Self"]
    assert _members(key)["char"] == ["@property (self) -> str"]  # read-only
    assert _members(click)["__new__"] == ["(cls, _0: int, _1: int, /) -> Self"]
    assert ast.unparse(click.body[0]) == "__match_args__ = ('_0', '_1')"
    counter = _members(classes["Counter"])
    assert counter["__new__"] == ["(cls, value: int=0, /) -> Self"]
    assert counter["__call__"] == ["(self, step: int, *, times: int) -> int"]
    assert counter["__ge__"] == ["(self, other: Counter, /) -> bool"] and counter["__hash__"] == ["(self) -> int"]
