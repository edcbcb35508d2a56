"""mypy against the installed stubs of fe_classes and fe_protocols: classes,
properties, static/class methods, operators, enums and `@final`."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from test_e2e_stubs import _mypy

CORRECT = '''
import fe_classes as c
import fe_protocols as p

counter = c.Counter(1, label="x")
n: int = counter.add(2) + counter.count + counter.double + c.Counter.LIMIT + c.Counter.twice(3)
counter.count = 5
counter.name = "y"
label: str = counter.label + c.Counter.kind() + c.Counter.default_label
color: c.Color = c.Color.Red
flag: bool = color == c.Color.Green
point = c.Point(1, 2)
h: int = hash(point) + point.x
borrowed: int = c.point_sum(point) + c.maybe_point() + c.maybe_point(None) + c.bump(counter, 1)
borrowed += counter.merge(c.Counter()) + counter.plus() + counter.plus(counter)
counter.give_to(c.Counter())
less: bool = counter < c.Counter()
child: c.Base = c.Child(1, 2)
total: int = c.Child(1, 2).total() + c.take_counter(counter)
err: Exception = c.MyError(3)


class MyCounter(c.Counter):
    pass


num = p.Num(3)
s: p.Num = num + p.Num(1)
s = 1 + num
s += 2
f: float = num / 2 + float(num)
i: int = len(p.Seq([1, 2])) + p.Seq([1])[0] + sum(p.Seq([3, 4])) + int(num)
it: int = next(iter(p.Countdown(3)))
ok: bool = p.Version(1, 0) < p.Version(1, 1) and 3 in p.Seq([3]) and "k" in p.Table()
called: int = p.Adder()(1, scale=2)
mode: p.Mode = p.Inner(p.Mode.Fast).mode
cfg = p.Config()
cfg.maxSize = 3
placed: p.Placed = p.Placed()
no_new: c.NoNew = c.make_no_new(1)
is_no_new: bool = isinstance(no_new, c.NoNew)
circle = c.Shape.Circle(1.5)
shape: c.Shape = circle
radius: float = circle.radius + c.Shape.Rectangle(width=1.0, height=2.0).height + shape.area()
pair = c.Shape.Pair(1, "a")
first: int = pair._0
item: int | str = pair[1]
made: c.Shape | None = c.make_shape("pair")
match shape:
    case c.Shape.Circle(r):
        radius = r
    case c.Shape.Pair(a, b):
        first = a
'''


def test_mypy_accepts_correct_use_of_classes(test_env, tmp_path):
    test_env.require("fe_classes")
    test_env.require("fe_protocols")
    out = _mypy(test_env, tmp_path, CORRECT)
    assert out.returncode == 0, out.stdout + out.stderr


WRONG_USES = [
    ("c.Counter('one')", "arg-type", 'Argument 1 to "Counter" has incompatible type "str"; expected "int"'),
    ("c.Counter().add('2')", "arg-type", 'Argument 1 to "add" of "Counter" has incompatible type "str"'),
    ("c.Counter.twice('2')", "arg-type", 'Argument 1 to "twice" of "Counter" has incompatible type "str"'),
    ("p.Seq([1])['a']", "index", 'Invalid index type "str" for "Seq"'),
    ("p.Num(1) + 'x'", "operator", 'Unsupported operand types for + ("Num" and "str")'),
    ("c.point_sum(c.Counter())", "arg-type",
     'Argument 1 to "point_sum" has incompatible type "Counter"; expected "Point"'),
    ("c.Counter().merge(c.Point(1, 2))", "arg-type",
     'Argument 1 to "merge" of "Counter" has incompatible type "Point"; expected "Counter"'),
    ("c.Counter().plus(1)", "arg-type", 'expected "Counter | None"'),
    ("c.Counter().label = 'x'", "misc", 'Property "label" defined in "Counter" is read-only'),
    ("c.Point(1, 2).x = 3", "misc", 'Property "x" defined in "Point" is read-only'),
    ("class Sub(c.Point): pass", "misc", 'Cannot inherit from final class "Point"'),
    ("class Sub2(c.Color): pass", "misc", 'Cannot inherit from final class "Color"'),
    ("x: str = c.Counter().count", "assignment", 'Incompatible types in assignment'),
    ("c.NoNew()", "call-arg", 'Too few arguments for "NoNew"'),
    ("c.Shape()", "call-arg", 'Too few arguments for "Shape"'),
    ("c.Shape.Circle('1')", "arg-type", 'Argument 1 to "Circle" has incompatible type "str"; expected "float"'),
    ("c.Shape.Pair(_0=1, _1='a')", "call-arg", 'Unexpected keyword argument "_0" for "Pair"'),
    ("c.Shape.Circle(1.0).radius = 2.0", "misc", 'Property "radius" defined in "Circle" is read-only'),
    ("x: str = c.Shape.Pair(1, 'a')._0", "assignment", 'Incompatible types in assignment'),
]


@pytest.fixture(scope="module")
def wrong_use_report(test_env, tmp_path_factory) -> str:
    """mypy's report on every case of WRONG_USES, each its own file, in one run (a run costs seconds)."""
    test_env.require("fe_classes")
    test_env.require("fe_protocols")
    folder = tmp_path_factory.mktemp("wrong_uses")
    files = []
    for index, (source, _, _) in enumerate(WRONG_USES):
        files.append(folder / f"case_{index}.py")
        files[-1].write_text(f"import fe_classes as c\nimport fe_protocols as p\n\n{source}\n")
    env = {k: v for k, v in os.environ.items() if k != "MYPYPATH"}
    cmd = [sys.executable, "-m", "mypy", "--no-incremental", "--strict", "--python-executable", str(test_env.python),
           "--cache-dir", str(folder / ".mypy_cache"), *(f.name for f in files)]
    out = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=folder)
    assert out.returncode == 1, out.stdout + out.stderr
    return out.stdout


@pytest.mark.parametrize("index", range(len(WRONG_USES)), ids=[source for source, _, _ in WRONG_USES])
def test_mypy_rejects_wrong_use_of_classes(wrong_use_report, index):
    _, code, message = WRONG_USES[index]
    errors = [line for line in wrong_use_report.splitlines() if line.startswith(f"case_{index}.py:")]
    assert any(f"[{code}]" in line and message in line for line in errors), "\n".join(errors) or wrong_use_report
