"""fe_stdtypes built against the stable ABI (abi3-py311): buffers and date/time
then go through the limited API (Python-level calls for datetime), and must
give the same values as the full-API build."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from conftest import FERRULE_CLI  # the ferrule under test (another interpreter's run sets it)

CRATE = Path(__file__).resolve().parent / "crates" / "fe_stdtypes"

CHECKS = r'''
import array, datetime as dt, sys
import fe_stdtypes as m
print(m.fe_stdtypes.__file__)
UTC = dt.timezone.utc
assert m.sum_in_place(array.array("d", [1.5, 2.5])) == 4.0
assert m.int_items(memoryview(array.array("i", range(6)))[::2]) == [0, 2, 4]
grid = memoryview(array.array("i", range(6))).cast("B").cast("i", (2, 3))
assert m.layout(grid) == (2, [2, 3], [12, 4], 4, 6, False, True, False)
target = bytearray(b"abc"); assert m.fill(target, 120) and target == b"xxx"
assert m.date_parts(m.new_date(2024, 2, 29)) == (2024, 2, 29)
moment = m.new_datetime(2020, 5, 17, 13, 45, 9, 7, UTC, True)
assert m.datetime_parts(moment) == (2020, 5, 17, 13, 45, 9, 7, True, UTC)
assert m.time_parts(m.new_time(1, 2, 3, 4, UTC, True)) == (1, 2, 3, 4, True, UTC)
assert m.delta_parts(m.new_delta(1, 86401, -1)) == (2, 0, 999999)
assert m.utc() is UTC and m.fixed_offset(30) == dt.timezone(dt.timedelta(minutes=30))
assert m.kinds(dt.datetime.now()) == (True, True, False, False, False)
zone = m.PlusOne()
assert dt.datetime(2020, 1, 1, 12, tzinfo=zone).astimezone(UTC) == dt.datetime(2020, 1, 1, 11, tzinfo=UTC)
assert m.duration_round_trip(dt.timedelta(days=3, microseconds=11)) == dt.timedelta(days=3, microseconds=11)
assert m.epoch_plus(86400) == dt.datetime(1970, 1, 2, tzinfo=UTC)
assert m.evaluate("len(x)", {"x": "abcd"}) == 4
assert m.same_text("héllo", "héllo") == (True, True, True)
assert not hasattr(m, "string_internals")
assert m.capsule_value(m.capsule_of(3))[0] == 3 and m.running_total()(2, 3) == 5
assert m.kinds_of(range(2)) == ["range"] and m.kinds_of(lambda: 0) == ["function"]
assert m.kinds_of(super(int, 1)) == ["super"] and m.kinds_of({}.keys()) == ["dict_keys"]
assert m.compile_and_run("x = 2", "x * 3")[1] == 6
assert not hasattr(m, "marshal_round_trip") and not hasattr(m, "rust_frame")
# pyo3::ffi::compat's shims on the 3.11 stable ABI (tests/test_e2e_ffi_compat.py has the rest).
assert m.compat_dict_get_item_ref({"a": 1}, "a") == (1, 1, None) and m.compat_list_clear([1]) == (0, None, None)
assert m.compat_get_optional_attr(1, "nope") == (0, None, None) and m.compat_iter_drain(iter([1])) == ([1], 0, None)
assert m.compat_bytes_writer([b"ab", b"c" * 300], 0, "with_size")[0] == b"ab" + b"c" * 300
assert m.compat_hash_buffer(b"abc") == hash(b"abc") and not hasattr(m, "compat_thread_state_unchecked")
print("abi3 ok")
'''


def test_stdtypes_under_the_stable_abi(test_env, tmp_path):
    crate = tmp_path / "fe_stdtypes"
    shutil.copytree(CRATE, crate, ignore=shutil.ignore_patterns("target"))
    manifest = crate / "Cargo.toml"
    text = manifest.read_text()
    # The crate's own `abi3` feature also leaves out what the stable ABI lacks.
    assert "[features]\n" in text
    manifest.write_text(text.replace("[features]\n", '[features]\ndefault = ["abi3"]\n'))
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    cmd = [*FERRULE_CLI, "develop", "-m", str(manifest), "-i", str(python)]
    built = subprocess.run(cmd, capture_output=True, text=True, env=test_env.env)
    assert built.returncode == 0, built.stdout + built.stderr
    out = subprocess.run([str(python), "-c", CHECKS], capture_output=True, text=True, cwd=tmp_path)
    assert out.returncode == 0, out.stdout + out.stderr
    library, verdict = out.stdout.strip().splitlines()
    assert verdict == "abi3 ok"
    # The limited API has no datetime capsule: the stable-ABI build must not import it
    # (the module imports capsules of its own, so the capsule's name is what is checked).
    assert b"datetime.datetime_CAPI" not in Path(library).read_bytes()
    symbols = subprocess.run(["nm", "-D", "--undefined-only", library], capture_output=True, text=True, check=True)
    assert "PyBuffer_Release" in symbols.stdout
