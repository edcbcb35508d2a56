//! The impls `#[derive(FromPyObject)]`, `IntoPyObject` and `IntoPyObjectRef` stand in
//! for the glue in a plain `cargo check` or `cargo test` (no `FERRULE_GLUE_DIR`): uses of
//! the derived trait type-check in an IDE, and calling one panics, as class placeholders do.
//! The `IntoPyObject` ones read every field, as the glue's conversion does, so rustc
//! reports no field "never read" that the real build reads. Generic types get none.
use proc_macro::{Delimiter, TokenStream, TokenTree};

const PANIC: &str = "::core::panic!(\"compiled without ferrule's glue (a plain `cargo build`): build with `ferrule develop`\")";

/// The stand-in impl of `derive` for the item whose `struct`/`enum` keyword is `tokens[kw]`.
pub(crate) fn placeholder_impl(tokens: &[TokenTree], kw: usize, derive: &str, rt: &str) -> TokenStream {
    let (Some(TokenTree::Ident(name)), next) = (tokens.get(kw + 1), tokens.get(kw + 2)) else {
        return TokenStream::new();
    };
    if matches!(next, Some(TokenTree::Punct(p)) if p.as_char() == '<') {
        return TokenStream::new();
    }
    let is_enum = matches!(&tokens[kw], TokenTree::Ident(i) if i.to_string() == "enum");
    let body = tokens[kw + 2..].iter().find_map(|t| match t {
        TokenTree::Group(g) if g.delimiter() != Delimiter::Bracket => Some(g.clone()),
        _ => None,
    });
    let reads = match &body {
        Some(g) if is_enum => enum_reads(&name.to_string(), &g.stream()),
        Some(g) => struct_reads(g.delimiter(), &g.stream()),
        None => String::new(),
    };
    let into = |lifetimes: &str, ty: &str| {
        format!(
            "impl<{lifetimes}> ::{rt}::IntoPyObject<'py> for {ty} {{ type Target = ::{rt}::types::PyAny; \
             type Output = ::{rt}::Bound<'py, ::{rt}::types::PyAny>; type Error = ::{rt}::PyErr; \
             fn into_pyobject(self, _: ::{rt}::Python<'py>) \
             -> ::core::result::Result<Self::Output, ::{rt}::PyErr> {{ {reads} {PANIC} }} }}"
        )
    };
    let code = match derive {
        "FromPyObject" => format!(
            "impl<'a, 'py> ::{rt}::FromPyObject<'a, 'py> for {name} {{ type Error = ::{rt}::PyErr; \
             fn extract(_: ::{rt}::Borrowed<'a, 'py, ::{rt}::types::PyAny>) -> ::core::result::Result<Self, ::{rt}::PyErr> {{ {PANIC} }} }}"
        ),
        "IntoPyObject" => into("'py", &name.to_string()),
        "IntoPyObjectRef" => into("'a, 'py", &format!("&'a {name}")),
        _ => return TokenStream::new(),
    };
    code.parse().expect("derive placeholder tokens")
}

/// `let _ = &self.a; let _ = &self.0; ...` for a struct's fields.
fn struct_reads(delimiter: Delimiter, fields: &TokenStream) -> String {
    let names: Vec<String> = match delimiter {
        Delimiter::Brace => split_fields(fields).iter().filter_map(|f| field_name(f)).collect(),
        Delimiter::Parenthesis => (0..split_fields(fields).len()).map(|i| i.to_string()).collect(),
        _ => Vec::new(),
    };
    names.iter().map(|n| format!("let _ = &self.{n};")).collect()
}

/// A `match` binding every field of every variant (the glue reads them all).
fn enum_reads(name: &str, variants: &TokenStream) -> String {
    let mut arms = String::new();
    for variant in split_fields(variants) {
        // A discriminant (`= 3`) follows the name and any fields.
        let end = variant.iter().position(|t| matches!(t, TokenTree::Punct(p) if p.as_char() == '=')).unwrap_or(variant.len());
        let head = &variant[..end];
        let Some(at) = head.iter().rposition(|t| matches!(t, TokenTree::Ident(_))) else { continue };
        let group = match head.get(at + 1) {
            Some(TokenTree::Group(g)) if g.delimiter() != Delimiter::Bracket => Some(g),
            _ => None,
        };
        let variant_name = head[at].to_string();
        let bind = |n: usize| (0..n).map(|i| format!("_f{i}")).collect::<Vec<_>>();
        let pattern = match group {
            Some(g) if g.delimiter() == Delimiter::Brace => {
                let fields: Vec<String> = split_fields(&g.stream()).iter().filter_map(|f| field_name(f)).collect();
                let binds = bind(fields.len());
                let pairs: Vec<String> = fields.iter().zip(&binds).map(|(f, b)| format!("{f}: {b}")).collect();
                format!("{name}::{variant_name} {{ {} }}", pairs.join(", "))
            }
            Some(g) => format!("{name}::{variant_name}({})", bind(split_fields(&g.stream()).len()).join(", ")),
            None => format!("{name}::{variant_name}"),
        };
        arms.push_str(&format!("{pattern} => {{}} "));
    }
    format!("#[allow(unreachable_patterns)] match self {{ {arms} _ => {{}} }}")
}

/// The comma-separated entries of a field or variant list (commas inside `<...>` do not split).
fn split_fields(stream: &TokenStream) -> Vec<Vec<TokenTree>> {
    let mut out = vec![Vec::new()];
    let mut angle = 0i32;
    for t in stream.clone() {
        if let TokenTree::Punct(p) = &t {
            match p.as_char() {
                '<' => angle += 1,
                '>' if angle > 0 => angle -= 1,
                ',' if angle == 0 => {
                    out.push(Vec::new());
                    continue;
                }
                _ => {}
            }
        }
        out.last_mut().unwrap().push(t);
    }
    out.retain(|f| !f.is_empty());
    out
}

/// The name of a named field: the identifier before its first `:` (after attributes and `pub(...)`).
fn field_name(field: &[TokenTree]) -> Option<String> {
    let colon = field.iter().position(|t| matches!(t, TokenTree::Punct(p) if p.as_char() == ':'))?;
    match field.get(colon.checked_sub(1)?)? {
        TokenTree::Ident(i) => Some(i.to_string()),
        _ => None,
    }
}
