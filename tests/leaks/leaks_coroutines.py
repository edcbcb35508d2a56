"""`async fn` scenarios for the leak driver (tests/leaks/driver.py), over the coroutines of
tests/crates/fe_genapi. One event loop serves every call, so only the coroutine's own
references are measured; scenarios whose futures are woken by a Rust thread are `slow`."""

from __future__ import annotations

import asyncio
import atexit


def register_coroutine_scenarios(scenario, raises, m) -> None:
    loop = asyncio.new_event_loop()
    atexit.register(loop.close)
    run = loop.run_until_complete

    def cancelled(coro):
        async def main():
            task = asyncio.ensure_future(coro)
            await asyncio.sleep(0)
            task.cancel()
            return await task
        return run(main())

    # asyncio's free lists and the loop's tables keep growing for a few hundred tasks, and
    # tasks, futures and Rust threads leave some KB live at either measurement (bounded:
    # thousands of further calls add no more). 16 KB stays below one object per call at
    # n=2000; the slow scenarios rely on the reference count.
    @scenario("coroutines: results, errors, reuse", warmup=500, noise=16384)
    def _():
        assert run(m.doubled(2)) == 4 and run(m.nothing()) is None and run(m.with_length("ab")) == ("ab", 2)
        assert run(m.gather_args(1, k=2)) == ((1,), {"k": 2}) and run(m.yield_then(3)) == 3
        raises(TypeError, run, m.doubled("x"))
        raises(TypeError, m.doubled)
        done = m.doubled(1)
        run(done)
        raises(RuntimeError, done.send, None)
        m.doubled(5)  # never awaited

    @scenario("coroutines: panic, throw, cancel handle", warmup=500, noise=16384)
    def _():
        raises(BaseException, run, m.panics())  # this module's own PanicException
        raises(KeyError, m.doubled(1).throw, KeyError("k"))
        assert cancelled(m.until_thrown()) == "CancelledError"

    @scenario("coroutines: woken by Rust threads", slow=True, warmup=300, noise=16384)
    def _():
        marker = object()
        assert run(m.after(0, marker)) is marker
        raises(ValueError, run, m.fails_later("no"))

    @scenario("coroutines: methods and borrows", slow=True, warmup=100, noise=16384)
    def _():
        counter = m.Counter("c")
        assert run(counter.tagged("x")) == "c-x" and run(counter.label_ref()) == "c"
        assert run(counter.bump(0)) == 1 and run(m.sum_counts(counter, counter)) == 2
        async def both():
            # 20 ms: the bump must still hold its borrow when read() starts, even on a loaded machine.
            return await asyncio.gather(counter.bump(20), counter.read(0), return_exceptions=True)
        busy, refused = run(both())
        assert busy == 2 and isinstance(refused, RuntimeError), (busy, refused)
