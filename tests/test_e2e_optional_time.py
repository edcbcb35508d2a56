"""PyO3's optional-crate conversions for dates, times and ids (tests/crates/fe_optional_time):
chrono (with chrono-local), chrono-tz, jiff 0.2, time and uuid, in both directions, with
PyO3's errors. The Rust side computes from what it received, so each value crosses twice.
tests/test_e2e_optional_time_abi3.py runs this file again on a stable-ABI build;
test_e2e_optional_time_stubs.py checks the stub."""

from __future__ import annotations

import datetime as dt
import os
import sys
import uuid
import zoneinfo
from pathlib import Path

import pytest
from arg_errors import argument_error

UTC = dt.timezone.utc
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")
EPOCH = dt.datetime(1970, 1, 1, tzinfo=UTC)


# The datetime and zoneinfo modules' own words, which the conversions pass on: CPython's C modules
# and PyPy's pure-Python ones put them differently (as they do for PyO3 there).
PYPY = sys.implementation.name == "pypy"
ZONEINFO = "ZoneInfo" if PYPY else r"zoneinfo\.ZoneInfo"


def year_out_of_range(year: int) -> str:
    if PYPY:
        return r"year must be in 1\.\.9999"
    if sys.version_info >= (3, 14):  # CPython 3.14 reworded it
        return rf"^year must be in 1\.\.9999, not {year}$"
    return f"year {year} is out of range"


def days_too_large(days: int) -> str:
    return f"timedelta # of days is too large: {days}" if PYPY else f"days={days}; must have magnitude <= 999999999"


def offset(**kw) -> dt.timezone:
    return dt.timezone(dt.timedelta(**kw))


@pytest.fixture(scope="module")
def m(fe_optional_time):
    return fe_optional_time


# --- chrono ---------------------------------------------------------------------------------

def test_chrono_dates_and_times(m):
    assert m.chrono_next_day(dt.date(2024, 2, 28)) == dt.date(2024, 2, 29)
    assert m.chrono_ordinal(dt.date(2023, 12, 31)) == 365
    assert m.chrono_next_day(dt.datetime(2024, 12, 31, 23)) == dt.date(2025, 1, 1)  # a datetime is a date
    assert m.chrono_time_parts(dt.time(1, 2, 3, 456)) == (1, 2, 3, 456_000)
    assert m.chrono_time(23, 59, 58, 999_999_999) == dt.time(23, 59, 58, 999_999)
    assert m.chrono_naive_text(dt.datetime(2024, 1, 2, 3, 4, 5, 6)) == "2024-01-02 03:04:05.000006"
    assert m.chrono_naive(-1) == dt.datetime(1969, 12, 31, 23, 59, 59, 999_999)


def test_chrono_leap_second_is_dropped_with_a_warning(m):
    with pytest.warns(UserWarning, match="ignored leap-second, `datetime` does not support leap-seconds"):
        assert m.chrono_time(23, 59, 59, 1_250_000_000) == dt.time(23, 59, 59, 250_000)


def test_chrono_dates_python_cannot_hold(m):
    with pytest.raises(ValueError, match=year_out_of_range(0)):
        m.chrono_date(0, 1, 1)
    with pytest.raises(ValueError, match=year_out_of_range(10000)):
        m.chrono_next_day(dt.date.max)


def test_chrono_aware_datetimes(m):
    assert m.chrono_utc_micros(dt.datetime(2024, 1, 1, tzinfo=UTC)) == 1_704_067_200_000_000
    back = m.chrono_utc(1_704_067_200_000_001)
    assert back == dt.datetime(2024, 1, 1, 0, 0, 0, 1, tzinfo=UTC) and back.tzinfo is UTC
    india = m.chrono_fixed(0, 19_800)
    assert (india.hour, india.minute, india.utcoffset()) == (5, 30, dt.timedelta(hours=5, minutes=30))
    moment = dt.datetime(2024, 1, 1, tzinfo=offset(hours=-5, minutes=-30))
    assert m.chrono_fixed_parts(moment) == ("2024-01-01T00:00:00-05:30", -19_800)


def test_chrono_utc_wants_timezone_utc(m):
    # timezone(timedelta(0)) equals timezone.utc; a ZoneInfo("UTC") does not.
    assert m.chrono_is_utc(offset(seconds=0)) == "UTC"
    assert m.chrono_utc_zone() is UTC
    for other in (offset(hours=1), zoneinfo.ZoneInfo("UTC")):
        with argument_error("moment", match="^expected datetime.timezone.utc$", exc=ValueError):
            m.chrono_utc_micros(dt.datetime(2024, 1, 1, tzinfo=other))


def test_chrono_naive_and_aware_are_not_mixed(m):
    with argument_error("moment", match="^expected a datetime with non-None tzinfo$"):
        m.chrono_utc_micros(dt.datetime(2024, 1, 1))
    with argument_error("naive", match="^expected a datetime without tzinfo$"):
        m.chrono_naive_text(dt.datetime(2024, 1, 1, tzinfo=UTC))


def test_chrono_fixed_offsets(m):
    assert m.chrono_offset(-3600) == offset(hours=-1)
    assert m.chrono_offset_secs(offset(hours=9, minutes=30)) == 34_200
    assert m.chrono_offset_secs(offset(seconds=3600, microseconds=5)) == 3600  # chrono keeps whole seconds
    with argument_error("moment", match=rf"^{ZONEINFO}\(key='Europe/Paris'\) is not a fixed"):
        m.chrono_fixed_parts(dt.datetime(2024, 1, 1, tzinfo=zoneinfo.ZoneInfo("Europe/Paris")))


def test_chrono_deltas_negative_and_out_of_range(m):
    assert m.chrono_delta(-10, 0) == dt.timedelta(seconds=-10)
    assert m.chrono_delta(-1, -500_000_000) == dt.timedelta(seconds=-1.5)
    assert m.chrono_delta(0, 1_999) == dt.timedelta(microseconds=1)  # sub-microseconds are dropped
    assert m.chrono_delta_micros(dt.timedelta(days=-1, microseconds=1)) == -86_399_999_999
    assert m.chrono_delta_micros(dt.timedelta(days=100_000, microseconds=7)) == 8_640_000_000_000_007
    assert m.chrono_delta_micros(dt.timedelta.max) is None  # more microseconds than an i64 holds
    with pytest.raises(OverflowError, match=days_too_large(1_000_000_000)):
        m.chrono_delta(86_400 * 1_000_000_000, 0)
    with pytest.raises(OverflowError, match=days_too_large(-1_000_000_000)):
        m.chrono_delta(-86_400 * 1_000_000_000, 0)


def test_chrono_tz_zones_and_fold(m):
    assert m.tz_zone("Europe/Berlin") == zoneinfo.ZoneInfo("Europe/Berlin")
    assert m.tz_name(zoneinfo.ZoneInfo("Asia/Kolkata")) == "Asia/Kolkata"
    # 2024-11-03 01:30 happens twice in New York: EDT first, then EST (fold=1).
    first = m.tz_wall(NEW_YORK, 2024, 11, 3, 1, 30)
    second = m.tz_wall(NEW_YORK, 2024, 11, 3, 1, 30, later=True)
    assert (first.fold, second.fold) == (0, 1) and first.tzinfo is NEW_YORK
    assert second - first == dt.timedelta(0)  # same wall time, same zone: Python compares naively
    assert second.astimezone(UTC) - first.astimezone(UTC) == dt.timedelta(hours=1)
    assert m.tz_parts(first) == ("2024-11-03T05:30:00+00:00", "America/New_York", "EDT")
    assert m.tz_parts(second) == ("2024-11-03T06:30:00+00:00", "America/New_York", "EST")


def test_chrono_tz_errors(m):
    gap = dt.datetime(2024, 3, 10, 2, 30, tzinfo=NEW_YORK)  # skipped by the clock change
    with argument_error("moment", match=r"^The datetime .* contains an incompatible timezone$", exc=ValueError):
        m.tz_parts(gap)
    with argument_error("zone", match="^failed to parse timezone$", exc=ValueError):  # chrono-tz's message
        m.tz_name(_unknown_zone())
    with argument_error("zone", match="^'str' object is not an instance of 'tzinfo'$"):
        m.tz_name("Europe/Paris")
    with pytest.raises(AttributeError, match="key"):  # as in PyO3: a tzinfo without an IANA key
        m.tz_name(UTC)


def _unknown_zone() -> zoneinfo.ZoneInfo:
    """A real ZoneInfo whose key no Rust zone database knows."""
    with open("/usr/share/zoneinfo/UTC", "rb") as f:
        return zoneinfo.ZoneInfo.from_file(f, key="Mars/Olympus")


def _system_zone() -> str:
    return os.path.relpath(os.path.realpath("/etc/localtime"), "/usr/share/zoneinfo")


@pytest.mark.skipif(not Path("/etc/localtime").is_symlink(), reason="the system zone is named by /etc/localtime")
def test_chrono_local_is_the_system_zone(m):
    local = m.local_zone()
    assert isinstance(local, zoneinfo.ZoneInfo) and local.key == _system_zone()
    moment = dt.datetime(2024, 7, 1, 12, tzinfo=local)
    assert m.local_micros(moment) == (moment - EPOCH) // dt.timedelta(microseconds=1)
    # A naive datetime is taken as local time.
    assert m.local_micros(dt.datetime(2024, 7, 1, 12)) == m.local_micros(moment)
    assert m.local_at(0) == EPOCH and m.local_at(0).tzinfo is local
    with argument_error("moment", match=f"^expected local timezone {local.key}$", exc=ValueError):
        m.local_micros(dt.datetime(2024, 7, 1, tzinfo=zoneinfo.ZoneInfo("Pacific/Chatham")))


# --- uuid -----------------------------------------------------------------------------------

def test_uuid_both_ways(m):
    text = "a8098c1a-f86e-11da-bd1a-00112444be1e"
    assert m.uuid_parse(text) == uuid.UUID(text) and isinstance(m.uuid_parse(text), uuid.UUID)
    assert m.uuid_text(uuid.UUID(text)) == text
    fresh = uuid.uuid4()
    assert m.uuid_text(fresh) == str(fresh) and m.uuid_version(fresh) == 4
    assert m.uuid_max() == uuid.UUID(int=2**128 - 1) and m.uuid_nil() == uuid.UUID(int=0)


def test_uuid_errors(m):
    with argument_error("id", match=r"^Expected a `uuid.UUID` instance.$"):
        m.uuid_text("a8098c1a-f86e-11da-bd1a-00112444be1e")
    with argument_error("id", match="^UUID is nil$", exc=ValueError):
        m.uuid_version(uuid.UUID(int=0))


# --- time -----------------------------------------------------------------------------------

def test_time_dates_and_times(m):
    assert m.time_date_parts(dt.date(2024, 12, 31)) == (2024, 12, 31, 366)
    assert m.time_date(2000, 2, 29) == dt.date(2000, 2, 29)
    assert m.time_time_parts(dt.time(1, 2, 3, 456_789)) == (1, 2, 3, 456_789_000)
    assert m.time_time(1, 2, 3, 999_999_999) == dt.time(1, 2, 3, 999_999)
    with pytest.raises(ValueError, match=year_out_of_range(-1)):
        m.time_date(-1, 1, 1)


def test_time_naive_and_aware(m):
    assert m.time_primitive_micros(dt.datetime(1970, 1, 2)) == 86_400_000_000
    assert m.time_primitive(-1) == dt.datetime(1969, 12, 31, 23, 59, 59, 999_999)
    assert m.time_offset_parts(dt.datetime(1970, 1, 1, 1, tzinfo=offset(hours=1))) == (0, 3600)
    west = m.time_offset_datetime(0, -3600)
    assert west == EPOCH and (west.hour, west.utcoffset()) == (23, dt.timedelta(hours=-1))
    assert m.time_utc_micros(dt.datetime(1970, 1, 1, 0, 0, 1, tzinfo=UTC)) == 1_000_000
    assert m.time_utc(10**6).tzinfo is UTC and m.time_utc(10**6) == EPOCH + dt.timedelta(seconds=1)


def test_time_errors(m):
    with argument_error("naive", match="^expected a datetime without tzinfo$"):
        m.time_primitive_micros(dt.datetime(1970, 1, 2, tzinfo=UTC))
    with argument_error("moment", match="^expected a datetime with non-None tzinfo$"):
        m.time_offset_parts(dt.datetime(1970, 1, 1))
    with argument_error("moment", match=rf"^{ZONEINFO}.* is not a fixed offset timezone$"):
        m.time_offset_parts(dt.datetime(1970, 1, 1, tzinfo=zoneinfo.ZoneInfo("Europe/Paris")))
    with argument_error("moment", match="^expected a datetime with UTC timezone$", exc=ValueError):
        m.time_utc_micros(dt.datetime(1970, 1, 1, tzinfo=offset(hours=1)))
    with argument_error("day", match="^'str' object is not an instance of 'date'$"):
        m.time_date_parts("2024-01-01")


def test_time_offsets_and_durations(m):
    assert m.time_offset(3661) == offset(seconds=3661)
    assert m.time_offset_secs(offset(hours=-12)) == -43_200
    assert m.time_duration(-10, 0) == dt.timedelta(seconds=-10)
    assert m.time_duration(-1, -500_000_000) == dt.timedelta(seconds=-1.5)
    assert m.time_duration_micros(dt.timedelta(days=-1, seconds=1)) == -86_399_000_000
    with pytest.raises(OverflowError, match=days_too_large(1_000_000_000)):
        m.time_duration(86_400 * 1_000_000_000, 0)
    with pytest.raises(OverflowError, match="^duration out of range for Python timedelta$"):
        m.time_duration(86_400 * 3_000_000_000, 0)


# --- jiff -----------------------------------------------------------------------------------

def test_jiff_civil(m):
    assert m.jiff_date_text(dt.date(2024, 2, 29)) == "2024-02-29"
    assert m.jiff_week(dt.date(2021, 1, 3)) == (2020, 53, 7)
    assert m.jiff_time_text(dt.time(23, 59, 59, 999_999)) == "23:59:59.999999"
    assert m.jiff_time("12:34:56.123456789") == dt.time(12, 34, 56, 123_456)
    assert m.jiff_datetime_text(dt.datetime(2024, 1, 1, 12)) == "2024-01-01T12:00:00"
    assert m.jiff_datetime("2024-02-29T12:30:00.5") == dt.datetime(2024, 2, 29, 12, 30, 0, 500_000)
    with pytest.raises(ValueError, match=year_out_of_range(-5)):
        m.jiff_date(-5, 1, 1)
    with argument_error("naive", match="^expected a datetime without tzinfo$"):
        m.jiff_datetime_text(dt.datetime(2024, 1, 1, tzinfo=UTC))


def test_jiff_zoned_fold_both_ways(m):
    earlier = dt.datetime(2024, 11, 3, 1, 30, tzinfo=NEW_YORK)
    later = earlier.replace(fold=1)
    assert m.jiff_zoned_text(earlier) == "2024-11-03T01:30:00-04:00[America/New_York]"
    assert m.jiff_zoned_text(later) == "2024-11-03T01:30:00-05:00[America/New_York]"
    back = m.jiff_zoned("2024-11-03T01:30-05:00[America/New_York]")
    assert back.fold == 1 and back.tzinfo == NEW_YORK and back.astimezone(UTC) == later.astimezone(UTC)
    assert m.jiff_zoned("2024-11-03T01:30-04:00[America/New_York]").fold == 0
    assert m.jiff_zoned("2024-06-03T01:30+00:00[UTC]").tzinfo is UTC
    assert m.jiff_zoned_text(dt.datetime(2024, 1, 3, 1, 30, tzinfo=offset(hours=2))) == \
        "2024-01-03T01:30:00+02:00[+02:00]"
    with argument_error("moment", match="^expected a datetime with non-None tzinfo$"):
        m.jiff_zoned_text(dt.datetime(2024, 1, 3))


def test_jiff_timestamps_zones_offsets(m):
    assert m.jiff_timestamp_micros(dt.datetime(1970, 1, 1, tzinfo=offset(hours=1))) == -3_600_000_000
    assert m.jiff_timestamp(1) == EPOCH + dt.timedelta(microseconds=1) and m.jiff_timestamp(1).tzinfo is UTC
    summer = int((dt.datetime(2024, 7, 1, tzinfo=UTC) - EPOCH).total_seconds())
    assert m.jiff_zone_parts(zoneinfo.ZoneInfo("Europe/London"), summer) == ("Europe/London", 3600)
    assert m.jiff_zone_parts(offset(hours=-3), 0) == (None, -10_800)
    assert m.jiff_zone("Europe/London") == zoneinfo.ZoneInfo("Europe/London")
    assert m.jiff_zone("UTC") is UTC
    assert m.jiff_offset(0) is UTC and m.jiff_offset(-7200) == offset(hours=-2)
    assert m.jiff_offset_secs(offset(hours=5)) == 18_000
    with argument_error("offset", match=rf"^{ZONEINFO}.* is not a fixed offset timezone$"):
        m.jiff_offset_secs(zoneinfo.ZoneInfo("Europe/London"))
    with pytest.raises(ValueError, match="Mars/Olympus"):  # jiff looks the key up in its database
        m.jiff_zone_parts(_unknown_zone(), 0)
    with pytest.raises(ValueError, match="POSIX time zone"):  # no IANA name and not fixed
        m.jiff_posix_zone("EST5EDT,M3.2.0,M11.1.0")


def test_jiff_durations(m):
    assert m.jiff_signed_parts(dt.timedelta(seconds=-1.5)) == (-1, -500_000_000)
    assert m.jiff_signed(-1, -500_000_000) == dt.timedelta(seconds=-1.5)
    assert m.jiff_span_parts(dt.timedelta(days=2, microseconds=3)) == (172_800, 3_000)
    with pytest.raises(ValueError, match="^out of range integral type conversion attempted$"):  # PyO3's too
        m.jiff_signed(10**15, 0)
    with argument_error("span", match="^'float' object is not an instance of 'timedelta'$"):
        m.jiff_signed_parts(1.5)
