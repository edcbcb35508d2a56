"""Threads: many Python threads mixing detach, callbacks and Rust threads; shutdown while
Rust threads are still detached. Each scenario runs in a subprocess with a timeout, so a
deadlock fails the test instead of hanging the suite. Pyclass borrows under threads use
tests/crates/fe_classes; conflicting borrows must raise RuntimeError.
"""

from __future__ import annotations

import subprocess
import textwrap

import pytest

from pypy_support import PYPY

STRESS = """
import sys, threading, time
import fe_functions as f

THREADS, CALLS = 8, 10_000
errors = []
counts = [0] * THREADS
barrier = threading.Barrier(THREADS)

def work(t):
    try:
        barrier.wait()
        for i in range(CALLS):
            k = (i + t) % 8
            if k == 0:
                assert f.sum_detached(100) == 4950
            elif k == 1:
                assert f.apply(lambda x: x * 2, i) == 2 * i
            elif k == 2:
                assert f.detach_then_call(lambda x: x + 1, i) == i + 1
            elif k == 3:
                assert f.sleep_detached(0) == 0
            elif k == 4:
                try:
                    f.apply(lambda x: 1 // 0, i)
                except ZeroDivisionError:
                    pass
                else:
                    raise AssertionError("no ZeroDivisionError")
            elif k == 5:
                # A Rust thread attaching on its own: spawn one every 50 calls (threads are not free).
                if i % 50 == 5:
                    assert f.call_from_thread(lambda: i) == i
                else:
                    assert f.add(i, t) == i + t
            elif k == 6:
                f.spawn_then_drop(0, [i])   # a detached Rust thread drops a Python reference
            else:
                assert f.greet("ab", times=2) == "abab"
            counts[t] += 1
    except BaseException as e:
        errors.append(f"thread {t}: {type(e).__name__}: {e}")

threads = [threading.Thread(target=work, args=(t,)) for t in range(THREADS)]
start = time.perf_counter()
for th in threads:
    th.start()
for th in threads:
    th.join(timeout=240)
assert not any(th.is_alive() for th in threads), "deadlock: threads still running"
assert not errors, errors
assert counts == [CALLS] * THREADS, counts
time.sleep(0.05)
f.add(0, 0)  # attaching applies the decrefs queued by the Rust threads
print(f"ok {THREADS * CALLS} calls in {time.perf_counter() - start:.2f}s")
"""


def run(test_env, code: str, timeout: float = 300) -> subprocess.CompletedProcess:
    env = dict(test_env.env)
    env.pop("RUST_BACKTRACE", None)
    try:
        return subprocess.run([str(test_env.python), "-c", textwrap.dedent(code)], capture_output=True,
                              text=True, env=env, timeout=timeout)
    except subprocess.TimeoutExpired as e:
        pytest.fail(f"timed out after {timeout}s (deadlock?)\n{e.stdout}\n{e.stderr}")


def test_eight_threads_mixing_detach_callbacks_and_rust_threads(test_env):
    test_env.require("fe_functions")
    out = run(test_env, STRESS)
    assert out.returncode == 0, out.stdout + out.stderr
    assert out.stdout.startswith("ok 80000 calls"), out.stdout


# The object whose slow __del__ runs while the interpreter finalizes (module globals are
# cleared then), opening a window in which the other threads wake up.
SHUTDOWN = """
import os, sys, threading, time
import fe_functions as f

class SlowDel:
    def __del__(self, os=os, time=time):
        os.write(1, b"finalizing\\n")
        time.sleep(0.6)
        os.write(1, b"finalized\\n")

mode = sys.argv[1]
if mode == "python_thread_detached":
    # A Python thread inside `py.detach` when finalization starts; it wakes up during it.
    threading.Thread(target=f.sleep_detached, args=(300,), daemon=True).start()
elif mode == "python_thread_detached_callback":
    threading.Thread(target=f.detach_then_call, args=(time.sleep, 0), daemon=True).start()
    threading.Thread(target=f.sleep_detached, args=(300,), daemon=True).start()
elif mode == "rust_thread_attaches":
    # A Rust thread that calls Python::attach during finalization.
    f.spawn_then_call(300, time.time)
elif mode == "rust_thread_drops":
    f.spawn_then_drop(300, [1, 2, 3])
elif mode == "rust_thread_outlives":
    # Wakes up only after the process has gone.
    f.spawn_then_call(5000, time.time)
keep = SlowDel()
time.sleep(0.05)
print("main done", flush=True)
"""


@pytest.mark.parametrize("mode", ["python_thread_detached", "python_thread_detached_callback",
                                  "rust_thread_attaches", "rust_thread_drops", "rust_thread_outlives"])
def test_interpreter_shutdown_with_detached_threads(test_env, mode):
    test_env.require("fe_functions")
    env = dict(test_env.env)
    env.pop("RUST_BACKTRACE", None)
    out = subprocess.run([str(test_env.python), "-c", SHUTDOWN, mode], capture_output=True, text=True,
                         env=env, timeout=60)
    assert out.returncode == 0, f"exit {out.returncode}\n{out.stdout}\n{out.stderr}"
    # PyPy runs no __del__ of module globals at exit (README: PyPy): there the SlowDel lines never appear.
    finalizer = [] if PYPY else ["finalizing", "finalized"]
    assert out.stdout.splitlines() == ["main done", *finalizer], out.stdout + out.stderr
    assert "FATAL" not in out.stderr and "Fatal Python error" not in out.stderr, out.stderr
    # PyPy exits before the thread wakes (no SlowDel); under the stable ABI the runtime cannot
    # tell that the interpreter is shutting down (no _Py_IsFinalizing), so it does not panic.
    abi3 = any(p.name.endswith(".abi3.so") for p in (test_env.site_packages / "fe_functions").iterdir())
    if mode == "rust_thread_attaches" and not PYPY and not abi3:
        # The Rust thread is told, by a panic in that thread only.
        assert "Cannot attach to the Python interpreter while it is finalizing." in out.stderr


CLASS_STRESS = """
import threading
import fe_classes as m
import fe_functions as f

THREADS, CALLS = 8, 10_000
shared = m.Counter(0)
errors, conflicts, adds = [], [0] * THREADS, [0] * THREADS

def work(t):
    try:
        own = m.Counter(t)
        for i in range(CALLS):
            k = i % 6
            if k == 0:
                shared.add(1); adds[t] += 1
            elif k == 1:
                assert m.take_ref(shared) >= 0 and shared.via_bound() >= 1
            elif k == 2:
                try:
                    shared.reenter(shared)        # &mut self and a shared borrow of the same object
                except RuntimeError as e:
                    assert str(e) == "Already mutably borrowed", e
                    conflicts[t] += 1
            elif k == 3:
                try:
                    own.call_back(lambda: own.add(1))   # a mutable borrow inside a shared one
                except RuntimeError as e:
                    assert str(e) == "Already borrowed", e
                    conflicts[t] += 1
            elif k == 4:
                assert f.detach_then_call(lambda x: own.add(x), 1) >= 1
            else:
                assert f.apply(lambda x: m.take_py(shared) + x, 0) >= 0
    except BaseException as e:
        errors.append(f"thread {t}: {type(e).__name__}: {e}")

threads = [threading.Thread(target=work, args=(t,)) for t in range(THREADS)]
for th in threads:
    th.start()
for th in threads:
    th.join(timeout=240)
assert not any(th.is_alive() for th in threads), "deadlock: threads still running"
assert not errors, errors
assert shared.get() == sum(adds), (shared.get(), sum(adds))
expected_conflicts = 2 * len(range(2, CALLS, 6))
assert conflicts == [expected_conflicts] * THREADS, conflicts
print("ok", shared.get(), sum(conflicts))
"""


def test_eight_threads_with_pyclass_borrows(test_env):
    test_env.require("fe_classes")
    test_env.require("fe_functions")
    out = run(test_env, CLASS_STRESS)
    assert out.returncode == 0, out.stdout + out.stderr
    assert out.stdout.startswith("ok "), out.stdout
