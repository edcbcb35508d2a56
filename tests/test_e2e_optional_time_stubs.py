"""The stub of tests/crates/fe_optional_time names the Python types of chrono, chrono-tz, jiff,
time and uuid values, and mypy checks uses against it (apart from test_e2e_optional_time.py, so
scripts/test-interpreters.sh can leave mypy out)."""

from __future__ import annotations

from pathlib import Path

import pytest

from test_e2e_stubs import _mypy


@pytest.fixture(scope="module")
def m(fe_optional_time):
    return fe_optional_time


def test_stub_names_the_python_types(m):
    stub = (Path(m.__file__).parent / "__init__.pyi").read_text()
    for line in (
        "def chrono_next_day(day: datetime.date) -> datetime.date | None:",
        "def chrono_offset_secs(offset: datetime.tzinfo) -> int: ...",
        "def chrono_offset(secs: int) -> datetime.timezone | None: ...",
        "def chrono_delta(secs: int, nanos: int) -> datetime.timedelta | None: ...",
        "def tz_zone(name: str) -> zoneinfo.ZoneInfo: ...",
        "def uuid_text(id: uuid.UUID) -> str: ...",
        "def jiff_zoned(text: str) -> datetime.datetime: ...",
        "def jiff_zone(name: str) -> datetime.tzinfo: ...",
        "def time_time_parts(clock: datetime.time) -> tuple[int, int, int, int]:",
        "def time_utc(micros: int) -> datetime.datetime: ...",
    ):
        assert line in stub, line
    assert "\nimport datetime\nimport uuid\nimport zoneinfo\n" in stub


def test_mypy_checks_uses_against_the_stub(m, test_env, tmp_path):
    source = ("import datetime, uuid, zoneinfo\nimport fe_optional_time as m\n\n"
              "d: datetime.date | None = m.chrono_next_day(datetime.date.today())\n"
              "z: zoneinfo.ZoneInfo = m.tz_zone('UTC')\nu: uuid.UUID = m.uuid_parse('x')\n"
              "t: datetime.datetime = m.jiff_timestamp(0)\n")
    assert _mypy(test_env, tmp_path, source).returncode == 0
    wrong = _mypy(test_env, tmp_path, source + "m.uuid_text('not a UUID')\ns: str = m.time_utc(0)\n")
    assert wrong.stdout.count("error:") == 2 and "snippet.py:8: error" in wrong.stdout, wrong.stdout
