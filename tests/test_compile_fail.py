"""Soundness rules that hold at compile time: code that would be unsound does
not build, and the error names the rule at the user's line.

Each case in tests/compile_fail/ is the `src/lib.rs` of a one-file crate.
A line that must be reported carries `// ERROR [Exxxx]: text` and the build
must report an error at that line, with that code, whose message (or its
notes) contains the text (every part of it, when parts are joined by ` && `);
any error at another line fails the case.

Why not trybuild: the `#[pyclass]`/`#[pymethods]` cases need the glue that
ferrule's Python generator writes (the attributes expand to an `include!` of
it), which trybuild's plain cargo invocation cannot produce. So each case is
built the way a user builds it, `ferrule develop`, against the session's
shared target directory (the runtime is compiled once), and rustc's rendered
diagnostics are read back.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

CASES = sorted((Path(__file__).parent / "compile_fail").glob("*.rs"))
# `// runtime features: a, b` on a case's first line: features of its runtime dependency.
FEATURES = re.compile(r"\A//\s*runtime features:\s*(.+)$", re.M)
MARK = re.compile(r"//\s*ERROR(?:\s+(E\d{4}))?:\s*(.+?)\s*$")
DIAG = re.compile(r"^error(?:\[(E\d{4})\])?: (.*)$")
WHERE = re.compile(r"^\s*--> (.+?):(\d+):(\d+)")


def _expected(text: str) -> list[tuple[int, str | None, str]]:
    out = []
    for number, line in enumerate(text.splitlines(), 1):
        m = MARK.search(line)
        if m:
            out.append((number, m.group(1), m.group(2)))
    return out


def _errors(stderr: str) -> list[tuple[str, int, str | None, str]]:
    """(file, line, code, whole block) for each error rustc or ferrule reported."""
    lines = stderr.splitlines()
    out = []
    for i, line in enumerate(lines):
        m = DIAG.match(line)
        if not m or m.group(2).startswith(("aborting due to", "could not compile")):
            continue
        block = [line]
        for follow in lines[i + 1:]:
            if DIAG.match(follow) or follow.startswith(("warning", "For more information")):
                break
            block.append(follow)
        where = next((WHERE.match(b) for b in block if WHERE.match(b)), None)
        if where:
            out.append((where.group(1), int(where.group(2)), m.group(1), "\n".join(block)))
    return out


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_unsound_code_does_not_compile(test_env, tmp_path: Path, case: Path) -> None:
    text = case.read_text()
    expected = _expected(text)
    assert expected, f"{case.name} marks no expected error"
    name = f"cf_{case.stem}"
    wanted = FEATURES.search(text)
    features = [f.strip() for f in wanted.group(1).split(",")] if wanted else []
    dependency = (f'ferrule-runtime = {{ version = "0.1", registry = "ferrule", features = {json.dumps(features)} }}' if features
                  else 'ferrule-runtime = { version = "0.1", registry = "ferrule" }')
    crate = tmp_path / name
    (crate / "src").mkdir(parents=True)
    (crate / "Cargo.toml").write_text(
        f'[package]\nname = "{name}"\nversion = "0.1.0"\nedition = "2021"\n\n'
        f'[lib]\ncrate-type = ["cdylib"]\n\n[dependencies]\n{dependency}\n')
    (crate / "pyproject.toml").write_text(f'[project]\nname = "{name}"\nversion = "0.1.0"\n')
    # The module goes after the case, so the case's line numbers stay as written.
    (crate / "src/lib.rs").write_text(
        text + f"\n#[pymodule]\nfn {name}(_m: &Bound<'_, PyModule>) -> PyResult<()> {{\n    Ok(())\n}}\n")
    out = test_env.develop(crate / "Cargo.toml", cwd=crate)
    assert out.returncode == 1, f"{case.name} built, but must not:\n{out.stderr}"
    assert "Traceback" not in out.stderr
    errors = _errors(out.stderr)
    for line, code, message in expected:
        found = [e for e in errors if e[0].endswith("src/lib.rs") and e[1] == line and (code is None or e[2] == code)]
        assert any(all(part in e[3] for part in message.split(" && ")) for e in found), (
            f"{case.name}:{line}: expected error {code or ''} containing {message!r}; got:\n{out.stderr}")
    marked = {line for line, _, _ in expected}
    # rustc's own report of an error in generated glue is repeated by ferrule at the user's line (checked above).
    stray = [e for e in errors if not (e[0].endswith("src/lib.rs") and e[1] in marked) and "/ferrule/glue/" not in e[0]]
    assert not stray, f"{case.name}: errors outside the marked lines:\n" + "\n\n".join(e[3] for e in stray)
