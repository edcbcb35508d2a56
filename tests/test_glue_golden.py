"""Generated glue for tests/fixtures/shapes, compared with tests/golden/shapes/glue.rs.

Set FERRULE_UPDATE_GOLDEN=1 to rewrite the golden files, then review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ferrule.codegen.glue import generate_glue
from ferrule.parse import parse_crate

FIXTURES = Path(__file__).parent / "fixtures"
GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("FERRULE_UPDATE_GOLDEN") == "1"


def parse_fixture(name: str):
    root = FIXTURES / name
    crate, diags = parse_crate(root, root / "src/lib.rs", package=name, lib_name=name, workspace_root=root)
    assert diags == [], [d.render() for d in diags]
    return crate


def check_golden(path: Path, text: str) -> None:
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return
    assert path.is_file(), f"{path} is missing: run with FERRULE_UPDATE_GOLDEN=1"
    expected = path.read_text(encoding="utf-8")
    if text != expected:
        import difflib

        diff = "".join(difflib.unified_diff(expected.splitlines(True), text.splitlines(True),
                                            str(path), "generated"))
        pytest.fail(f"generated output differs from {path} (FERRULE_UPDATE_GOLDEN=1 rewrites it):\n{diff}",
                    pytrace=False)


def glue_text(files: dict[str, str]) -> str:
    return "".join(f"// ==== {key} ====\n{files[key]}\n" for key in sorted(files))


def test_glue_matches_golden() -> None:
    files = generate_glue(parse_fixture("shapes"))
    check_golden(GOLDEN / "shapes" / "glue.rs", glue_text(files))


def test_glue_files_are_keyed_by_file_and_keyword_line() -> None:
    crate = parse_fixture("shapes")
    files = generate_glue(crate)
    lines = (FIXTURES / "shapes/src/lib.rs").read_text().splitlines()
    conv = (FIXTURES / "shapes/src/conv.rs").read_text().splitlines()
    for key in files:
        file, _, line = key.rpartition("/L")
        source = {"src/lib.rs": lines, "src/conv.rs": conv}[file]
        keyword_line = source[int(line.removesuffix(".rs")) - 1]
        assert keyword_line.lstrip().startswith(("fn ", "pub fn ", "mod ")), (key, keyword_line)
    assert len(files) == len(crate.functions) + len(crate.modules) == 14
