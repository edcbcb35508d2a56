"""Which shared call (codegen/shared_calls.py) the generator picks for each signature of
tests/crates/fe_functions/src/shared_calls.rs; what those calls do is tests/test_e2e_shared_calls.py."""

from __future__ import annotations

import re
from pathlib import Path

from ferrule.codegen.glue import generate_glue
from ferrule.codegen.glue_chunks import MARKER
from ferrule.codegen.methods import block_glue
from ferrule.parse import parse_crate

CRATE = Path(__file__).parent / "crates" / "fe_functions"


def own_glue(glue: dict[str, str], fn) -> str:
    """The function's glue items as its own module would hold them, also when they sit in a glue
    module shared with other functions (`codegen.glue_chunks`), where they carry its name as a suffix."""
    path = fn.key.relpath()
    marker = MARKER + path + "\n"
    host = next((text for text in glue.values() if marker in text), None)
    if host is None:
        return glue[path]
    items = host.split(marker, 1)[1].split(MARKER, 1)[0]
    for name in ("__FERRULE_DEF", "__trampoline", "__body"):
        items = items.replace(f"{name}_{fn.rust_name}", name)
    return re.sub(r"__DESCS\[\d+\]", "__DESC", items)  # the shared module's array of descriptions


def test_generator_picks_the_level_each_signature_allows():
    crate, diags = parse_crate(CRATE, CRATE / "src/lib.rs", package="fe_functions", lib_name="fe_functions",
                               workspace_root=CRATE)
    assert diags == []
    glue = generate_glue(crate)
    by_name = {fn.rust_name: own_glue(glue, fn) for fn in crate.functions}
    assert any(MARKER in text for text in glue.values())
    # Lifetime-free types (the crate's own class included): the runtime's trampoline.
    assert "impl_::call::fastcall2(_ferrule::impl_::call::AsValue, &__DESC, super::bump_token" in by_name["bump_token"]
    assert "impl_::call::fastcall2_py(_ferrule::impl_::call::AsValue" in by_name["count_words"]
    assert "impl_::call::noargs_py(" in by_name["zero_args_py"]
    assert "impl_::call::meth_o(" in by_name["only_positional"]
    assert "impl_::call::fastcall1(_ferrule::impl_::call::AsNone" in by_name["unit_result"]
    # A `'py` lifetime: the runtime's body inside the function's own trampoline.
    assert "impl_::call::body2(_ferrule::impl_::call::AsValue, py, &__DESC" in by_name["first_item"]
    assert "impl_::call::body1(" in by_name["token_value"]
    assert "impl_::call::body1(_ferrule::impl_::call::AsValue" in by_name["last_item"]
    assert "impl_::call::body_o_py(" in by_name["only_positional_py"]
    # Too many parameters, defaults, holders, `&str`, `*args`: each function keeps its own extraction.
    for name in ("nine", "advance", "greet", "total_length", "salute"):
        assert "impl_::call::" not in by_name[name], name
    # Methods: a result that may borrow from the receiver (a type hiding a lifetime, `&'a self`) keeps
    # the method's own glue; the class itself, `Py` and std types go through `impl_::call_method`.
    shelf = next(c for c in crate.classes if c.rust_name == "Shelf")
    block = next(b for b in crate.method_blocks if b.self_type == "Shelf")
    text = block_glue(shelf, block, crate.runtime_crate)
    for name in ("letters", "letters_checked", "first_letters", "held"):
        body = text.split(f"fn __b{'__g' if name == 'first_letters' else ''}_{name}(")[1].split("\n    }")[0]
        assert "call_method::" not in body, name
    for name in ("relabel", "held_py"):
        assert "call_method::" in text.split(f"fn __b_{name}(")[1].split("\n    }")[0], name
