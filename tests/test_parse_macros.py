"""Items written by the crate's own `macro_rules!`: expanded by the generator,
with the places rustc gives their tokens (glue keys, error positions)."""

from __future__ import annotations

from pathlib import Path

from test_parse_crate import parse


def test_each_expansion_gets_its_own_glue_key(tmp_path: Path) -> None:
    crate, diags = parse(tmp_path, {"src/lib.rs": """
        macro_rules! make {
            ($($name:ident),*) => {
                $(
                    #[pyclass]
                    pub struct $name;
                    #[pymethods]
                    impl $name {
                        fn hello(&self) -> u8 { 1 }
                    }
                )*
            };
        }
        make!(Alpha, Beta);
        #[pyfunction]
        fn plain() {}
    """})
    assert diags == []
    # The keyword keeps the definition's line; the name adds the invocation's place.
    assert [c.key.relpath() for c in crate.classes] == ["src/lib.rs/L5/src/lib.rs/L13C7.rs",
                                                        "src/lib.rs/L5/src/lib.rs/L13C14.rs"]
    assert [b.key.relpath() for b in crate.method_blocks] == ["src/lib.rs/L7/src/lib.rs/L13C7.rs",
                                                              "src/lib.rs/L7/src/lib.rs/L13C14.rs"]
    assert len({b.glue_mod for b in crate.method_blocks}) == 2
    assert [[m.fn.rust_name for m in c.methods()] for c in crate.classes] == [["hello"], ["hello"]]
    assert crate.functions[0].key.relpath() == "src/lib.rs/L15.rs"  # hand-written: unchanged


def test_fragments_and_nested_macros(tmp_path: Path) -> None:
    crate, diags = parse(tmp_path, {"src/lib.rs": """
        macro_rules! one {
            ($(#[$m:meta])* $vis:vis fn $name:ident($arg:ident: $t:ty) -> $r:ty $body:block) => {
                $(#[$m])*
                #[pyfunction]
                $vis fn $name($arg: $t) -> $r $body
            };
        }
        macro_rules! many {
            ($($tt:tt)*) => { one!($($tt)*); };
        }
        many! {
            /// Doubles.
            pub fn double(x: Vec<i64>) -> Vec<i64> { x.into_iter().map(|v| v * 2).collect() }
        }
    """})
    assert diags == []
    (fn,) = crate.functions
    assert (fn.rust_name, fn.doc, fn.visibility, fn.params[0].ty.name, fn.ret.name) == (
        "double", "Doubles.", "pub", "Vec", "Vec")
    assert (fn.span.line, fn.span.col) == (13, 12)  # the name, where it is written


def test_error_inside_an_expansion_points_at_the_macro_source(tmp_path: Path) -> None:
    _, diags = parse(tmp_path, {"src/lib.rs": """
        macro_rules! bad {
            ($name:ident) => {
                #[pyfunction(nmae = "x")]
                fn $name() {}
            };
        }
        bad!(f);
    """})
    assert [(d.message, d.line) for d in diags] == [("unknown option `nmae` for `#[pyfunction]`", 3)]


def test_recursive_macro_stops_with_one_error(tmp_path: Path) -> None:
    _, diags = parse(tmp_path, {"src/lib.rs": """
        macro_rules! forever {
            () => { forever!(); };
        }
        forever!();
    """})
    assert len(diags) == 1 and "expands recursively" in diags[0].message and diags[0].line == 2


def test_unmatched_invocation_is_left_to_rustc(tmp_path: Path) -> None:
    crate, diags = parse(tmp_path, {"src/lib.rs": """
        macro_rules! only_idents { ($i:ident) => { #[pyfunction] fn $i() {} }; }
        only_idents!("not an ident");
    """})
    assert diags == [] and crate.functions == []


def test_fixed_names_from_one_macro_get_the_invocation_place(tmp_path: Path) -> None:
    crate, diags = parse(tmp_path, {"src/lib.rs": """
        macro_rules! fixed {
            () => {
                #[pyclass]
                pub struct Same;
            };
        }
        mod a { fixed!(); }
        mod b {
            fixed!();
        }
    """})
    assert diags == []
    # The attribute includes `<key>/<file!()>/L<line!()>.rs`: the outermost invocation.
    assert sorted(c.key.relpath() for c in crate.classes) == ["src/lib.rs/L4/src/lib.rs/L7.rs",
                                                              "src/lib.rs/L4/src/lib.rs/L9.rs"]


def test_class_and_its_methods_on_one_line_are_not_a_collision(tmp_path: Path) -> None:
    crate, diags = parse(tmp_path, {"src/lib.rs": """
        macro_rules! mk { ($n:ident) => { #[pyclass] pub struct $n { v: u8 } #[pymethods] impl $n { #[new] fn new() -> Self { $n { v: 0 } } } } }
        mk!(First);
        mk!(Second);
        #[pyclass] pub struct Plain; #[pymethods] impl Plain { fn one(&self) -> u8 { 1 } }
    """})
    assert diags == [], [d.render() for d in diags]
    classes = {c.rust_name: c for c in crate.classes}
    # The block's glue goes under `<key>-impl`, where ferrule-macros looks for it first.
    assert [(c.key.relpath(), [b.key.relpath() for b in c.blocks]) for c in classes.values()] == [
        ("src/lib.rs/L1/src/lib.rs/L2C5.rs", ["src/lib.rs/L1/src/lib.rs/L2C5-impl.rs"]),
        ("src/lib.rs/L1/src/lib.rs/L3C5.rs", ["src/lib.rs/L1/src/lib.rs/L3C5-impl.rs"]),
        ("src/lib.rs/L4.rs", ["src/lib.rs/L4-impl.rs"])]
    assert [m.fn.rust_name for m in classes["Second"].methods()] == ["new"]


def test_two_classes_from_one_expansion_still_collide(tmp_path: Path) -> None:
    _, diags = parse(tmp_path, {"src/lib.rs": """
        macro_rules! two { () => { #[pyclass] pub struct A; #[pyclass] pub struct B; } }
        two!();
        two!();
    """})
    assert diags and all("cannot tell apart" in d.message for d in diags), [d.message for d in diags]
