//! Under a plain `cargo check` (an IDE; no glue) the attributes still say what they
//! alone can tell, at the user's tokens: unknown options, an attribute on the wrong
//! kind of item, and std types that no conversion takes or gives. Under ferrule's
//! own builds the generator has said all of this before cargo ran, so nothing here runs.
//! The option lists are the generator's (parse/classes.py, functions.py, modules.py).
use proc_macro::{Delimiter, Group, Ident, Literal, Punct, Spacing, Span, TokenStream, TokenTree};

pub const CLASS: &[&str] = &[
    "name", "module", "frozen", "subclass", "extends", "dict", "weakref", "eq", "ord", "hash", "str", "get_all",
    "set_all", "eq_int", "rename_all", "crate", "unsendable", "freelist", "sequence", "mapping", "immutable_type",
    "generic", "from_py_object", "skip_from_py_object", "new",
];
pub const FUNCTION: &[&str] = &["name", "signature", "text_signature", "pass_module", "crate", "warn"];
pub const MODULE: &[&str] = &["name", "crate", "module", "submodule", "gil_used"];
const FIELD: &[&str] = &["get", "set", "name"];
const METHOD: &[&str] = &["name", "signature", "text_signature", "warn"];
const VARIANT: &[&str] = &["name", "constructor"];

/// `::core::compile_error!("msg");` with every token at `span`.
pub fn error_at(span: Span, msg: &str) -> TokenStream {
    let mut lit = Literal::string(msg);
    lit.set_span(span);
    let tokens = vec![
        TokenTree::Punct(Punct::new(':', Spacing::Joint)),
        TokenTree::Punct(Punct::new(':', Spacing::Alone)),
        TokenTree::Ident(Ident::new("core", span)),
        TokenTree::Punct(Punct::new(':', Spacing::Joint)),
        TokenTree::Punct(Punct::new(':', Spacing::Alone)),
        TokenTree::Ident(Ident::new("compile_error", span)),
        TokenTree::Punct(Punct::new('!', Spacing::Alone)),
        TokenTree::Group(Group::new(Delimiter::Parenthesis, TokenTree::Literal(lit).into())),
        TokenTree::Punct(Punct::new(';', Spacing::Alone)),
    ];
    tokens
        .into_iter()
        .map(|mut t| {
            t.set_span(span);
            t
        })
        .collect()
}

/// Errors for the keys of `args` (`a, b = 1, c(..)`) that are not in `allowed`.
pub fn options(args: &TokenStream, allowed: &[&str], what: &str) -> TokenStream {
    let mut out = TokenStream::new();
    let mut at_start = true;
    for t in args.clone() {
        match &t {
            TokenTree::Punct(p) if p.as_char() == ',' => at_start = true,
            TokenTree::Ident(key) if at_start => {
                at_start = false;
                let name = key.to_string();
                if !allowed.contains(&name.as_str()) {
                    let hint = closest(&name, allowed)
                        .map(|c| format!("; did you mean `{c}`?"))
                        .unwrap_or_else(|| format!("; valid options: {}", allowed.join(", ")));
                    out.extend(error_at(key.span(), &format!("unknown option `{name}` for {what}{hint}")));
                }
            }
            _ => at_start = false,
        }
    }
    out
}

/// The `#[pyo3(...)]` attributes at the top level of `tokens`, as their argument streams.
fn pyo3_attributes(tokens: &[TokenTree]) -> Vec<TokenStream> {
    let mut found = Vec::new();
    for pair in tokens.windows(2) {
        if let (TokenTree::Punct(p), TokenTree::Group(g)) = (&pair[0], &pair[1]) {
            if p.as_char() != '#' || g.delimiter() != Delimiter::Bracket {
                continue;
            }
            let inner: Vec<TokenTree> = g.stream().into_iter().collect();
            if let [TokenTree::Ident(name), TokenTree::Group(args)] = inner.as_slice() {
                if name.to_string() == "pyo3" && args.delimiter() == Delimiter::Parenthesis {
                    found.push(args.stream());
                }
            }
        }
    }
    found
}

/// `#[pyo3(...)]` of an item (before its keyword) checked against `allowed`.
pub fn item_pyo3(tokens: &[TokenTree], kw: usize, allowed: &[&str], what: &str) -> TokenStream {
    let mut out = TokenStream::new();
    for args in pyo3_attributes(&tokens[..kw]) {
        out.extend(options(&args, allowed, what));
    }
    out
}

/// Fields (struct) or variants (enum) of a class: their `#[pyo3(...)]`.
pub fn class_members(tokens: &[TokenTree], is_enum: bool) -> TokenStream {
    let mut out = TokenStream::new();
    let Some(TokenTree::Group(body)) = tokens.iter().rev().find(|t| matches!(t, TokenTree::Group(_))) else {
        return out;
    };
    let inner: Vec<TokenTree> = body.stream().into_iter().collect();
    let (allowed, what) = if is_enum { (VARIANT, "a `#[pyclass]` variant") } else { (FIELD, "a `#[pyclass]` field") };
    for args in pyo3_attributes(&inner) {
        out.extend(options(&args, allowed, what));
    }
    out
}

/// The methods of a `#[pymethods]` impl: their `#[pyo3(...)]`.
pub fn methods(tokens: &[TokenTree], rt: &str) -> TokenStream {
    let mut out = TokenStream::new();
    if let Some(TokenTree::Group(body)) = tokens.last() {
        let inner: Vec<TokenTree> = body.stream().into_iter().collect();
        for args in pyo3_attributes(&inner) {
            out.extend(options(&args, METHOD, "a `#[pymethods]` function"));
        }
        for (i, t) in inner.iter().enumerate() {
            if matches!(t, TokenTree::Ident(f) if f.to_string() == "fn") {
                out.extend(function_types(&inner, i, rt));
            }
        }
    }
    out
}

/// std types no conversion takes or gives (the generator's parse/std_types.py list).
const NO_CONVERSION: &[&str] =
    &["Instant", "Mutex", "RwLock", "RefCell", "File", "JoinHandle", "Thread", "Sender", "Receiver", "TcpStream", "Child"];

/// For a `#[pyfunction]`: each parameter or return type naming one of those types is
/// checked against the conversion traits, so rustc reports it at the type itself.
pub fn function_types(tokens: &[TokenTree], kw: usize, rt: &str) -> TokenStream {
    let Some(params) = tokens[kw..].iter().find_map(|t| match t {
        TokenTree::Group(g) if g.delimiter() == Delimiter::Parenthesis => Some(g),
        _ => None,
    }) else {
        return TokenStream::new();
    };
    let mut types: Vec<(Vec<TokenTree>, bool)> = Vec::new();
    for entry in split(params.stream()) {
        let colon = entry.iter().position(|t| matches!(t, TokenTree::Punct(p) if p.as_char() == ':'));
        if let Some(c) = colon {
            types.push((entry[c + 1..].to_vec(), true));
        }
    }
    // This function's tokens only (a method's impl holds the next ones).
    let after: Vec<TokenTree> = tokens[kw..]
        .iter()
        .take_while(|t| !matches!(t, TokenTree::Group(g) if g.delimiter() == Delimiter::Brace))
        .cloned()
        .collect();
    if let Some(arrow) = after.windows(2).position(|w| {
        matches!((&w[0], &w[1]), (TokenTree::Punct(a), TokenTree::Punct(b)) if a.as_char() == '-' && b.as_char() == '>')
    }) {
        let ret: Vec<TokenTree> = after[arrow + 2..]
            .iter()
            .take_while(|t| !matches!(t, TokenTree::Group(g) if g.delimiter() == Delimiter::Brace)
                && !matches!(t, TokenTree::Ident(i) if i.to_string() == "where"))
            .cloned()
            .collect();
        types.push((unwrap_result(ret), false));
    }
    let mut out = TokenStream::new();
    for (ty, param) in types {
        if !names_unconvertible(&ty) {
            continue;
        }
        // The check's own tokens sit at the type, where rustc then reports it.
        let span = ty[0].span();
        let check = if param { "takes" } else { "gives" };
        let parse = |text: &str| respan(text.parse::<TokenStream>().expect("check tokens"), span);
        let mut call = parse(&format!("::{rt}::impl_::plain_check::{check}::<"));
        call.extend(ty);
        call.extend(parse(">();"));
        let mut function = parse("#[allow(dead_code)] fn __ferrule_types()");
        function.extend([TokenTree::Group(Group::new(Delimiter::Brace, call))]);
        out.extend(parse("const _: () ="));
        out.extend([TokenTree::Group(Group::new(Delimiter::Brace, function))]);
        out.extend(parse(";"));
    }
    out
}

/// Every token of `stream` at `span`.
pub(crate) fn respan(stream: TokenStream, span: Span) -> TokenStream {
    stream
        .into_iter()
        .map(|t| match t {
            TokenTree::Group(g) => {
                let mut ng = Group::new(g.delimiter(), respan(g.stream(), span));
                ng.set_span(span);
                TokenTree::Group(ng)
            }
            mut other => {
                other.set_span(span);
                other
            }
        })
        .collect()
}

/// `PyResult<T>` / `Result<T, E>` → `T`: the glue converts the success value.
fn unwrap_result(ty: Vec<TokenTree>) -> Vec<TokenTree> {
    if let Some(TokenTree::Ident(i)) = ty.first() {
        if (i.to_string() == "PyResult" || i.to_string() == "Result") && ty.len() > 2 {
            let inner: TokenStream = ty[2..ty.len() - 1].iter().cloned().collect();
            return split(inner).swap_remove(0);
        }
    }
    ty
}

fn names_unconvertible(ty: &[TokenTree]) -> bool {
    let simple = ty.iter().all(|t| !matches!(t, TokenTree::Punct(p) if p.as_char() == '&' || p.as_char() == '\''));
    simple && ty.iter().any(|t| matches!(t, TokenTree::Ident(i) if NO_CONVERSION.contains(&i.to_string().as_str())))
}

/// Top-level comma-separated entries (`<...>` counts as nesting).
fn split(stream: TokenStream) -> Vec<Vec<TokenTree>> {
    let mut out = vec![Vec::new()];
    let mut depth = 0i32;
    for t in stream {
        match &t {
            TokenTree::Punct(p) if p.as_char() == '<' => depth += 1,
            TokenTree::Punct(p) if p.as_char() == '>' && depth > 0 => depth -= 1,
            TokenTree::Punct(p) if p.as_char() == ',' && depth == 0 => {
                out.push(Vec::new());
                continue;
            }
            _ => {}
        }
        out.last_mut().expect("an entry").push(t);
    }
    out
}

fn closest<'a>(word: &str, choices: &[&'a str]) -> Option<&'a str> {
    choices
        .iter()
        .map(|c| (distance(word, c), *c))
        .filter(|(d, c)| *d <= (c.len().max(word.len()) / 3).max(1))
        .min()
        .map(|(_, c)| c)
}

fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for j in 0..b.len() {
            let cur = row[j + 1];
            row[j + 1] = (row[j + 1] + 1).min(row[j] + 1).min(prev + usize::from(ca != b[j]));
            prev = cur;
        }
    }
    row[b.len()]
}
