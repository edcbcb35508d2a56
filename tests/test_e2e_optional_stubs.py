"""The stub of tests/crates/fe_optional_num names the Python types of the optional-crate conversions."""

from __future__ import annotations

from test_e2e_stubs import _mypy


def test_stub_names_the_python_types(fe_optional_num, test_env, tmp_path):
    stub = (test_env.site_packages / "fe_optional_num" / "__init__.pyi").read_text()
    for line in [
        "import decimal", "import fractions",
        "def big_times(x: int, k: int) -> int: ...",
        "def complex_mul(a: complex, b: complex) -> complex: ...",
        "def ratio_add(a: fractions.Fraction, b: fractions.Fraction) -> fractions.Fraction: ...",
        "def dec_add(a: decimal.Decimal, b: decimal.Decimal) -> decimal.Decimal: ...",
        "def bigdec_mul(a: decimal.Decimal, b: decimal.Decimal) -> decimal.Decimal: ...",
        "def ordered_max(values: list[float]) -> float | None: ...",
        "def hb_invert(m: dict[str, int]) -> dict[int, str]: ...",
        "def im_keys(m: dict[str, int]) -> list[str]: ...",
        "def sv_sum(v: list[int]) -> tuple[int, bool]: ...",
        "def sv_bytes(n: int) -> bytes: ...",
        "def either_describe(v: int | str) -> str: ...",
        "def bytes_upper(b: bytes | bytearray) -> bytes: ...",
        "def anyhow_result(kind: str) -> int: ...",
        "def points_from_json(text: str) -> list[Point]: ...",
    ]:
        assert line in stub, line
    out = _mypy(test_env, tmp_path, "import decimal, fractions\nimport fe_optional_num as m\n\n"
                                    "d: decimal.Decimal = m.dec_add(decimal.Decimal(1), decimal.Decimal(2))\n"
                                    "f: fractions.Fraction = m.ratio_add(fractions.Fraction(1), fractions.Fraction(2))\n"
                                    "c: complex = m.complex_mul(1j, 2)\n"
                                    "s: str = m.dec_add(decimal.Decimal(1), decimal.Decimal(2))\n")
    assert "snippet.py:7: error" in out.stdout and out.stdout.count("error:") == 1, out.stdout
