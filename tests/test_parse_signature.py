"""`#[pyfunction]` options, parameters and `signature = (...)`."""

from __future__ import annotations

from pathlib import Path

import pytest

from ferrule.parse.model import ParamKind as K

from test_parse_crate import parse


def one(tmp_path: Path, source: str):
    crate, diags = parse(tmp_path, {"src/lib.rs": source})
    assert len(crate.functions) == 1, crate.functions
    return crate.functions[0], diags


def kinds(fn) -> list[tuple[str, K, str | None]]:
    return [(p.py_name, p.kind, p.default) for p in fn.params]


def test_signature_markers_and_defaults(tmp_path: Path) -> None:
    fn, diags = one(tmp_path, """
        #[pyfunction]
        #[pyo3(signature = (a, /, b, c = 3, *args, d, e = "x, (y)", **kwargs))]
        fn f(a: i32, b: i32, c: i32, args: &Bound<'_, PyTuple>, d: i32, e: String,
             kwargs: Option<&Bound<'_, PyDict>>) {}
    """)
    assert diags == []
    assert kinds(fn) == [
        ("a", K.POSITIONAL_ONLY, None),
        ("b", K.POSITIONAL_OR_KEYWORD, None),
        ("c", K.POSITIONAL_OR_KEYWORD, "3"),
        ("args", K.VARARGS, None),
        ("d", K.KEYWORD_ONLY, None),
        ("e", K.KEYWORD_ONLY, '"x, (y)"'),
        ("kwargs", K.VARKEYWORDS, None),
    ]
    assert fn.signature_given


def test_bare_star_makes_the_rest_keyword_only(tmp_path: Path) -> None:
    fn, diags = one(tmp_path, """
        #[pyfunction(signature = (x, *, y = None, z = vec![1, 2]))]
        fn f(x: u8, y: Option<u8>, z: Vec<u8>) {}
    """)
    assert diags == []
    assert kinds(fn) == [("x", K.POSITIONAL_OR_KEYWORD, None), ("y", K.KEYWORD_ONLY, "None"),
                         ("z", K.KEYWORD_ONLY, "vec![1, 2]")]


@pytest.mark.parametrize("default", [
    'r"a,b"', 'r#"say "hi", twice"#', "(1, 2)", "Some((1, [2, 3]))", "','", "'\\''", '"\\", ("', "-1.5e3",
])
def test_defaults_keep_their_exact_text(tmp_path: Path, default: str) -> None:
    fn, diags = one(tmp_path, f"""
        #[pyfunction]
        #[pyo3(signature = (a = {default}, b = 0))]
        fn f(a: X, b: i32) {{}}
    """)
    assert diags == []
    assert kinds(fn) == [("a", K.POSITIONAL_OR_KEYWORD, default), ("b", K.POSITIONAL_OR_KEYWORD, "0")]


def test_without_signature_every_parameter_is_positional_or_keyword(tmp_path: Path) -> None:
    fn, diags = one(tmp_path, """
        #[pyfunction]
        fn f(py: Python<'_>, mut a: i64, r#type: &str) -> PyResult<()> { Ok(()) }
    """)
    assert diags == []
    assert kinds(fn) == [("py", K.PYTHON, None), ("a", K.POSITIONAL_OR_KEYWORD, None),
                         ("type", K.POSITIONAL_OR_KEYWORD, None)]
    assert [p.name for p in fn.visible_params()] == ["a", "r#type"]
    assert not fn.signature_given


def test_python_token_is_not_part_of_the_signature(tmp_path: Path) -> None:
    fn, diags = one(tmp_path, """
        #[pyfunction]
        #[pyo3(signature = (n = 1))]
        fn f(py: Python<'_>, n: usize) {}
    """)
    assert diags == []
    assert kinds(fn) == [("py", K.PYTHON, None), ("n", K.POSITIONAL_OR_KEYWORD, "1")]


def test_name_option_in_either_attribute(tmp_path: Path) -> None:
    crate, diags = parse(tmp_path, {"src/lib.rs": """
        #[pyfunction(name = "first")]
        fn a() {}
        #[pyfunction]
        #[pyo3(name = "second")]
        fn b() {}
        #[pyfunction]
        fn r#match() {}
    """})
    assert diags == []
    assert [(f.rust_name, f.py_name) for f in crate.functions] == [
        ("a", "first"), ("b", "second"), ("r#match", "match")]


def test_pass_module_turns_the_first_parameter_into_the_module(tmp_path: Path) -> None:
    fn, diags = one(tmp_path, """
        #[pyfunction(pass_module)]
        fn f(m: &Bound<'_, PyModule>, x: i32) {}
    """)
    assert diags == []
    assert fn.pass_module
    assert kinds(fn) == [("m", K.MODULE, None), ("x", K.POSITIONAL_OR_KEYWORD, None)]
    assert [p.name for p in fn.visible_params()] == ["x"]


def test_pass_module_without_a_module_parameter_is_an_error(tmp_path: Path) -> None:
    _, diags = one(tmp_path, "#[pyfunction(pass_module)]\nfn f() {}\n")
    assert [d.message for d in diags] == ["`pass_module` needs the module as the first parameter"]


def test_text_signature_option(tmp_path: Path) -> None:
    crate, _ = parse(tmp_path, {"src/lib.rs": """
        #[pyfunction]
        #[pyo3(text_signature = "(x, y)")]
        fn a(x: i32, y: i32) {}
        #[pyfunction]
        #[pyo3(text_signature = None)]
        fn b() {}
    """})
    assert [f.text_signature for f in crate.functions] == ["(x, y)", ""]


def test_return_type_and_visibility(tmp_path: Path) -> None:
    fn, _ = one(tmp_path, "#[pyfunction]\npub fn f() -> PyResult<Vec<String>> { todo!() }\n")
    assert fn.visibility == "pub"
    assert fn.ret is not None and fn.ret.name == "PyResult" and fn.ret.args[0].name == "Vec"


def messages(diags) -> list[str]:
    return [d.message for d in diags]


def test_unknown_option_has_a_did_you_mean_hint_and_its_own_position(tmp_path: Path) -> None:
    _, diags = one(tmp_path, """
        #[pyfunction]
        #[pyo3(name = "x",
               signatur = (a))]
        fn f(a: i32) {}
    """)
    assert messages(diags) == ["unknown option `signatur` for `#[pyfunction]`"]
    assert diags[0].hint == "did you mean `signature`?"
    assert (diags[0].line, diags[0].col) == (3, 8)


def test_signature_problems_are_all_reported(tmp_path: Path) -> None:
    _, diags = one(tmp_path, """
        #[pyfunction]
        #[pyo3(signature = (a, bb, c = 1, d))]
        fn f(a: i32, b: i32, c: i32, d: i32, e: i32) {}
    """)
    assert messages(diags) == [
        "signature entry `bb` is not a parameter of `f`",
        "required parameter `d` follows a parameter with a default",
        "parameter `b` of `f` is missing from the signature",
        "parameter `e` of `f` is missing from the signature",
    ]
    assert diags[0].hint == "did you mean `b`?"


def test_signature_in_another_order_is_an_error(tmp_path: Path) -> None:
    _, diags = one(tmp_path, "#[pyfunction(signature = (b, a))]\nfn f(a: i32, b: i32) {}\n")
    assert messages(diags) == ["signature lists the parameters in a different order than the function"]


def test_signature_must_be_parenthesised(tmp_path: Path) -> None:
    _, diags = one(tmp_path, '#[pyfunction(signature = "a")]\nfn f(a: i32) {}\n')
    assert "parenthesised" in messages(diags)[0]


@pytest.mark.parametrize("ty, words", [
    ("&mut Vec<i32>", "`&mut`"),
    ("impl Iterator<Item = u8>", "`impl Trait`"),
    ("&dyn Fn()", "trait object"),
    ("*const u8", "raw pointers"),
    ("&[i32]", "only `&[u8]`"),
    ("&String", "`&String`"),
])
def test_unsupported_parameter_types(tmp_path: Path, ty: str, words: str) -> None:
    _, diags = one(tmp_path, f"#[pyfunction]\nfn f(ok: i32, bad: {ty}) {{}}\n")
    assert len(diags) == 1
    assert diags[0].message.startswith("unsupported type for parameter `bad`")
    assert words in diags[0].message
    assert (diags[0].line, diags[0].col) == (2, 15)


def test_a_boxed_trait_object_is_left_to_rustc(tmp_path: Path) -> None:
    """pyrage implements `FromPyObject` for `Box<dyn PyrageRecipient>` (its own trait, so its own type):
    a trait object behind `Box`/`Arc`/`Rc` may convert; one behind `&`, bare or in `impl` may not."""
    _, diags = one(tmp_path, """
        #[pyfunction]
        fn f(a: Vec<Box<dyn Recipient>>, b: Box<dyn Recipient + Send>, c: Option<std::sync::Arc<dyn Recipient>>) {}
    """)
    assert diags == []
    _, diags = one(tmp_path, "#[pyfunction]\nfn f(a: Vec<&dyn Recipient>, b: Box<Vec<impl Recipient>>) {}\n")
    assert [d.message.split(":")[0] for d in diags] == ["unsupported type for parameter `a`",
                                                        "unsupported type for parameter `b`"]


def test_supported_borrowed_parameters_are_accepted(tmp_path: Path) -> None:
    _, diags = one(tmp_path, """
        #[pyfunction]
        fn f(a: &[u8], b: &str, c: &Bound<'_, PyAny>, d: Cow<'_, [u8]>, e: Option<&str>) {}
    """)
    assert diags == []


def test_async_without_the_feature_and_generic_functions_are_rejected(tmp_path: Path) -> None:
    crate, diags = parse(tmp_path, {"src/lib.rs": """
        #[pyfunction]
        async fn a() {}
        #[pyfunction]
        fn b<T: Clone>(x: T) {}
        #[pyfunction]
        fn c<'a>(x: &'a str) {}
    """})
    assert messages(diags) == ["async functions are only supported with the `experimental-async` feature",
                               "generic function `b` cannot be a `#[pyfunction]`"]
    assert [(d.line, d.col) for d in diags] == [(2, 1), (4, 5)]


def test_signature_annotations_and_return_annotation(tmp_path: Path) -> None:
    fn, diags = one(tmp_path, """
        #[pyfunction(signature = (
            a: "list[int]",
            *rest: "str",
            b: "dict[str, int] | None" = None,
            c = ')',
            **kw: "bool"
        ) -> "tuple[int, str]")]
        fn f(a: Bound<'_, PyAny>, rest: &Bound<'_, PyTuple>, b: Option<Bound<'_, PyAny>>, c: char,
             kw: Option<&Bound<'_, PyDict>>) {}
    """)
    assert diags == []
    assert [(p.py_name, p.kind, p.default, p.annotation) for p in fn.params] == [
        ("a", K.POSITIONAL_OR_KEYWORD, None, "list[int]"),
        ("rest", K.VARARGS, None, "str"),
        ("b", K.KEYWORD_ONLY, "None", "dict[str, int] | None"),
        ("c", K.KEYWORD_ONLY, "')'", None),
        ("kw", K.VARKEYWORDS, None, "bool"),
    ]
    assert fn.return_annotation == "tuple[int, str]"


def test_signature_annotation_errors(tmp_path: Path) -> None:
    crate, diags = parse(tmp_path, {"src/lib.rs": """
        #[pyfunction(signature = (a: int))]
        fn f(a: i32) {}
        #[pyfunction(signature = (a) -> int)]
        fn g(a: i32) {}
        #[pyfunction(signature = (a) b)]
        fn h(a: i32) {}
    """})
    messages = [d.message for d in diags]
    assert any('the annotation of `a` must be a string literal, like `a: "int"`' in m for m in messages)
    assert any('the return annotation in `signature` must be a string literal' in m for m in messages)
    assert any("`signature` must be a parenthesised list" in m for m in messages)


def test_from_py_with_a_path_with_generic_arguments(tmp_path: Path) -> None:
    """The comma in `Bound::<'_, PyAny>::len` (or `<T as Read<A, B>>::f`) does not end the option."""
    fn, diags = one(tmp_path, """
        #[pyfunction]
        fn f(#[pyo3(from_py_with = Bound::<'_, PyAny>::len)] a: usize,
             #[pyo3(from_py_with = <Reader as Read<u8, u16>>::read)] b: usize) {}
    """)
    assert diags == []
    assert [(p.py_name, p.from_py_with) for p in fn.params] == [
        ("a", "Bound::<'_, PyAny>::len"), ("b", "<Reader as Read<u8, u16>>::read")]
