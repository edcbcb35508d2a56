"""`async fn` bindings (runtime feature `experimental-async`): calling one returns a
coroutine that asyncio awaits; tests/crates/fe_genapi/src/coroutines.rs.

Behaviour follows PyO3 0.29: arguments are matched at the call and converted on
the first `send`, the Rust future is woken through the running loop (also from
other threads), errors and panics surface at `await`, a `CancelHandle` receives
what is thrown in, and a `&self` method keeps its instance borrowed until done."""

from __future__ import annotations

import asyncio
import inspect
import subprocess
import sys

import pytest
from arg_errors import argument_error


def _run_cancelled(coro):
    async def main():
        task = asyncio.create_task(coro)  # asyncio takes it for a coroutine
        await asyncio.sleep(0)  # let it start and park
        task.cancel()
        return await task
    return asyncio.run(main())


def test_results_are_converted(fe_genapi):
    assert asyncio.run(fe_genapi.doubled(21)) == 42
    assert asyncio.run(fe_genapi.nothing()) is None
    assert asyncio.run(fe_genapi.with_length("héllo")) == ("héllo", 6)
    assert asyncio.run(fe_genapi.gather_args(1, 2, a=3)) == ((1, 2), {"a": 3})


def test_the_coroutine_object(fe_genapi):
    coro = fe_genapi.doubled(4)
    assert inspect.isawaitable(coro) and asyncio.iscoroutine(coro)
    assert type(coro).__qualname__ == "Coroutine" and type(coro).__module__ == "builtins"
    assert (coro.__name__, coro.__qualname__) == ("doubled", "doubled")
    assert coro.__await__() is coro
    with pytest.raises(StopIteration) as stop:
        coro.send(None)
    assert stop.value.value == 8
    method = fe_genapi.Counter("c").read(0)
    assert (method.__name__, method.__qualname__) == ("read", "Counter.read")
    assert fe_genapi.Counter.starting_at(1).__qualname__ == "Counter.starting_at"
    method.close()


def test_signature_errors_at_the_call_conversion_errors_at_await(fe_genapi):
    with pytest.raises(TypeError, match=r"doubled\(\) missing 1 required positional argument: 'x'"):
        fe_genapi.doubled()
    coro = fe_genapi.doubled("two")
    with argument_error("x"):
        asyncio.run(coro)
    assert str(inspect.signature(fe_genapi.after)) == "(ms, value=None)"
    assert str(inspect.signature(fe_genapi.until_thrown)) == "()"  # the CancelHandle is not a Python argument


def test_awaiting_twice_raises_like_cpython(fe_genapi):
    async def python_coro():
        return 1

    async def await_twice(coro):
        await coro
        with pytest.raises(RuntimeError) as second:
            await coro
        return str(second.value)

    ours = asyncio.run(await_twice(fe_genapi.doubled(1)))
    assert ours == asyncio.run(await_twice(python_coro())) == "cannot reuse already awaited coroutine"


def test_future_woken_from_a_rust_thread(fe_genapi):
    marker = object()
    assert asyncio.run(fe_genapi.after(30, marker)) is marker

    async def main():
        ticks = 0

        async def ticker():
            nonlocal ticks
            while True:
                await asyncio.sleep(0.005)
                ticks += 1

        ticking = asyncio.ensure_future(ticker())
        results = await asyncio.gather(*(fe_genapi.after(150, i) for i in range(3)))
        ticking.cancel()
        return results, ticks

    results, ticks = asyncio.run(main())
    assert results == [0, 1, 2]
    assert ticks > 0  # the loop kept running while the Rust futures were pending


def test_future_polled_detached_from_the_interpreter(fe_genapi):
    assert asyncio.run(fe_genapi.detached(11)) == 11


def test_woken_while_polled_yields_once(fe_genapi):
    coro = fe_genapi.yield_then(5)
    assert coro.send(None) is None  # like asyncio.sleep(0): no loop needed
    with pytest.raises(StopIteration) as stop:
        coro.send(None)
    assert stop.value.value == 5
    assert asyncio.run(fe_genapi.yield_then(6)) == 6


def test_errors_propagate(fe_genapi):
    with pytest.raises(ValueError, match="^not today$"):
        asyncio.run(fe_genapi.fails_later("not today"))


def test_panic_becomes_panic_exception(fe_genapi):
    coro = fe_genapi.panics()
    with pytest.raises(BaseException) as caught:
        asyncio.run(coro)
    assert type(caught.value).__name__ == "PanicException"
    assert "boom inside a future" in str(caught.value)
    with pytest.raises(RuntimeError, match="cannot reuse already awaited coroutine"):
        coro.send(None)


def test_cancellation_drops_a_future_without_handle(fe_genapi):
    with pytest.raises(asyncio.CancelledError):
        _run_cancelled(fe_genapi.after(300))
    coro = fe_genapi.doubled(1)
    with pytest.raises(KeyError, match="thrown"):
        coro.throw(KeyError("thrown"))
    with pytest.raises(RuntimeError, match="cannot reuse"):
        coro.send(None)


def test_cancel_handle_receives_the_thrown_exception(fe_genapi):
    assert _run_cancelled(fe_genapi.until_thrown()) == "CancelledError"
    assert _run_cancelled(fe_genapi.count_until_cancelled()) >= 1
    coro = fe_genapi.until_thrown()
    with pytest.raises(StopIteration) as stop:
        coro.throw(ValueError("in"))  # stored in the handle, then the future completes
    assert stop.value.value == "ValueError"


def test_methods(fe_genapi):
    counter = fe_genapi.Counter("k")
    assert asyncio.run(counter.bump(1)) == 1
    assert asyncio.run(counter.bump(1)) == 2
    assert asyncio.run(counter.read(0)) == 2
    assert asyncio.run(counter.tagged("x")) == "k-x"
    assert asyncio.run(counter.label_ref()) == "k"
    assert asyncio.run(counter.label_or("fallback")) == "k"
    assert asyncio.run(fe_genapi.Counter("").label_or("fallback")) == "fallback"
    assert asyncio.run(counter.through_py()) == 2
    made = asyncio.run(fe_genapi.Counter.starting_at(7))
    assert isinstance(made, fe_genapi.Counter) and asyncio.run(made.read(0)) == 7
    assert asyncio.run(fe_genapi.Counter.class_name()) == "Counter"
    assert asyncio.run(fe_genapi.sum_counts(counter, made)) == 9


def test_a_method_keeps_its_instance_borrowed_until_done(fe_genapi):
    counter = fe_genapi.Counter("b")

    async def both(first, second):
        return await asyncio.gather(first, second, return_exceptions=True)

    done, refused = asyncio.run(both(counter.bump(100), counter.read(0)))
    assert done == 1
    assert isinstance(refused, RuntimeError) and str(refused) == "Already mutably borrowed"
    assert asyncio.run(both(counter.read(100), counter.read(0))) == [1, 1]  # shared borrows coexist
    pending = counter.bump(1_000)
    with pytest.raises(RuntimeError, match="no running event loop"):
        pending.send(None)  # polled once: it holds the borrow until it completes or is closed
    with pytest.raises(RuntimeError, match="Already mutably borrowed"):
        asyncio.run(counter.read(0))
    pending.close()
    assert asyncio.run(counter.bump(1)) == 2


def test_stub_declares_async_def(test_env):
    stub = (test_env.site_packages / "fe_genapi" / "__init__.pyi").read_text()
    assert "async def doubled(x: int) -> int: ..." in stub
    assert "async def until_thrown() -> str:" in stub
    assert "    async def bump(self, ms: int) -> int: ..." in stub
    assert "    @staticmethod\n    async def starting_at(count: int) -> Counter: ..." in stub
