"""End to end: `pyo3::types` date/time types and the std time conversions (tests/crates/fe_stdtypes)."""

from __future__ import annotations

import datetime as dt
import sys
import zoneinfo

import pytest
from pypy_support import PYPY
from arg_errors import argument_error

UTC = dt.timezone.utc
# The datetime module's own message for 2023-02-29, worded by each interpreter.
if PYPY:
    BAD_DAY = r"day must be in 1\.\.28"
elif sys.version_info >= (3, 14):
    BAD_DAY = r"day 29 must be in range 1\.\.28 for month 2 in year 2023"
else:
    BAD_DAY = "day is out of range for month"


def test_dates(fe_stdtypes):
    d = fe_stdtypes.new_date(2024, 2, 29)
    assert type(d) is dt.date and d == dt.date(2024, 2, 29)
    assert fe_stdtypes.date_parts(dt.date(1, 12, 31)) == (1, 12, 31)
    # A datetime is a date too.
    assert fe_stdtypes.date_parts(dt.datetime(9999, 1, 2, 3)) == (9999, 1, 2)
    with pytest.raises(ValueError, match=BAD_DAY):
        fe_stdtypes.new_date(2023, 2, 29)
    assert fe_stdtypes.date_at(86400 * 365.0) == dt.date.fromtimestamp(86400 * 365.0)


def test_datetimes(fe_stdtypes):
    naive = fe_stdtypes.new_datetime(2020, 5, 17, 13, 45, 9, 123456)
    assert naive == dt.datetime(2020, 5, 17, 13, 45, 9, 123456) and naive.tzinfo is None
    aware = fe_stdtypes.new_datetime(2020, 5, 17, 13, 45, 9, 0, UTC)
    assert aware.tzinfo is UTC
    assert fe_stdtypes.datetime_parts(aware) == (2020, 5, 17, 13, 45, 9, 0, False, UTC)
    folded = fe_stdtypes.new_datetime(2021, 11, 7, 1, 30, 0, 0, fold=True)
    assert folded.fold == 1
    assert fe_stdtypes.datetime_parts(folded)[7] is True
    with pytest.raises(ValueError, match="hour must be in 0..23"):
        fe_stdtypes.new_datetime(2020, 1, 1, 24, 0, 0, 0)
    assert fe_stdtypes.datetime_at(1_000_000_000.5, UTC) == dt.datetime(2001, 9, 9, 1, 46, 40, 500000, UTC)
    assert fe_stdtypes.datetime_at(0.0) == dt.datetime.fromtimestamp(0.0)


def test_times(fe_stdtypes):
    t = fe_stdtypes.new_time(23, 59, 58, 999999)
    assert t == dt.time(23, 59, 58, 999999) and t.tzinfo is None
    assert fe_stdtypes.time_parts(dt.time(1, 2, 3, 4, tzinfo=UTC, fold=1)) == (1, 2, 3, 4, True, UTC)
    assert fe_stdtypes.new_time(1, 0, 0, 0, UTC, True).fold == 1
    with pytest.raises(ValueError, match="microsecond must be in 0..999999"):
        fe_stdtypes.new_time(0, 0, 0, 1_000_000)


def test_deltas_normalise(fe_stdtypes):
    d = fe_stdtypes.new_delta(1, 86401, -1)
    assert d == dt.timedelta(days=2, seconds=0, microseconds=999999)
    assert fe_stdtypes.delta_parts(dt.timedelta(seconds=-1)) == (-1, 86399, 0)
    assert fe_stdtypes.delta_parts(dt.timedelta(microseconds=1500)) == (0, 0, 1500)


def test_time_zones(fe_stdtypes):
    assert fe_stdtypes.utc() is UTC
    assert fe_stdtypes.utc_old_spelling() is UTC
    assert fe_stdtypes.fixed_offset(90) == dt.timezone(dt.timedelta(hours=1, minutes=30))
    assert fe_stdtypes.zone("Europe/Paris") == zoneinfo.ZoneInfo("Europe/Paris")
    with pytest.raises(zoneinfo.ZoneInfoNotFoundError):
        fe_stdtypes.zone("Nowhere/Atlantis")


def test_type_checks(fe_stdtypes):
    assert fe_stdtypes.kinds(dt.date.today()) == (True, False, False, False, False)
    assert fe_stdtypes.kinds(dt.datetime.now()) == (True, True, False, False, False)
    assert fe_stdtypes.kinds(dt.time()) == (False, False, True, False, False)
    assert fe_stdtypes.kinds(dt.timedelta()) == (False, False, False, True, False)
    assert fe_stdtypes.kinds(UTC) == (False, False, False, False, True)
    assert fe_stdtypes.kinds(3) == (False,) * 5
    with pytest.raises(TypeError, match="'str' object is not an instance of 'date'"):
        fe_stdtypes.date_parts("2020-01-01")


def test_rust_tzinfo_subclass(fe_stdtypes):
    zone = fe_stdtypes.PlusOne()
    assert isinstance(zone, dt.tzinfo)
    moment = dt.datetime(2020, 1, 1, 12, tzinfo=zone)
    assert moment.utcoffset() == dt.timedelta(hours=1)
    assert moment.tzname() == "+01:00"
    assert moment.dst() is None
    assert moment.astimezone(UTC) == dt.datetime(2020, 1, 1, 11, tzinfo=UTC)
    assert fe_stdtypes.datetime_parts(moment)[8] is zone


def test_duration_conversions(fe_stdtypes):
    delta = dt.timedelta(days=3, seconds=7, microseconds=11)
    assert fe_stdtypes.duration_round_trip(delta) == delta
    assert fe_stdtypes.duration_parts(dt.timedelta(days=1, microseconds=5)) == (86400, 5000)
    # timedelta has microseconds; the nanoseconds below them are dropped.
    assert fe_stdtypes.duration_from_parts(90061, 1_234_567) == dt.timedelta(days=1, seconds=3661, microseconds=1234)
    with pytest.raises(ValueError, match="It is not possible to convert a negative timedelta to a Rust Duration"):
        fe_stdtypes.duration_round_trip(dt.timedelta(seconds=-1))
    with argument_error("d"):
        fe_stdtypes.duration_round_trip(5)
    with pytest.raises(ValueError, match="^out of range integral type conversion attempted$"):  # as PyO3
        fe_stdtypes.duration_from_parts(86400 * 10**10, 0)


def test_system_time_conversions(fe_stdtypes):
    assert fe_stdtypes.epoch_plus(0) == dt.datetime(1970, 1, 1, tzinfo=UTC)
    assert fe_stdtypes.epoch_plus(86400 * 366) == dt.datetime(1971, 1, 2, tzinfo=UTC)
    moment = dt.datetime(2023, 3, 4, 5, 6, 7, 891011, tzinfo=UTC)
    assert fe_stdtypes.system_time_round_trip(moment) == moment
    paris = moment.astimezone(zoneinfo.ZoneInfo("Europe/Paris"))
    assert fe_stdtypes.seconds_since_epoch(paris) == pytest.approx(moment.timestamp())
    with pytest.raises(TypeError, match="can't subtract offset-naive and offset-aware datetimes"):
        fe_stdtypes.seconds_since_epoch(dt.datetime(2020, 1, 1))
    with pytest.raises(ValueError, match="negative timedelta"):
        fe_stdtypes.seconds_since_epoch(dt.datetime(1969, 12, 31, tzinfo=UTC))
