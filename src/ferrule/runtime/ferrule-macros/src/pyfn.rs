//! `#[pyfn(m, options...)]` on a function in a `#[pymodule] fn` body (PyO3 0.29 still accepts it,
//! deprecated): the function becomes a `#[pyfunction]` (the generator read its options from the
//! `pyfn` attribute) and, where it is written, the body adds it to `m`, as PyO3's `#[pymodule]`
//! rewrites it. The deprecation is PyO3's warning, at the `pyfn`.
use proc_macro::{Delimiter, Group, Ident, Punct, Spacing, Span, TokenStream, TokenTree};

// Every token at the `pyfn`, so rustc's warning and errors point at the user's attribute.
use crate::plain_check::respan;

/// The `#[pymodule] fn` with each `#[pyfn]` of its body's top level rewritten.
pub(crate) fn rewrite(item: TokenStream) -> TokenStream {
    let mut tokens: Vec<TokenTree> = item.into_iter().collect();
    let Some(TokenTree::Group(body)) = tokens.last() else { return tokens.into_iter().collect() };
    if body.delimiter() != Delimiter::Brace || !tokens.iter().any(|t| matches!(t, TokenTree::Ident(i) if i.to_string() == "fn")) {
        return tokens.into_iter().collect();
    }
    let rewritten = rewrite_body(body.stream());
    let mut group = Group::new(Delimiter::Brace, rewritten);
    group.set_span(body.span());
    *tokens.last_mut().unwrap() = TokenTree::Group(group);
    tokens.into_iter().collect()
}

fn rewrite_body(body: TokenStream) -> TokenStream {
    let tokens: Vec<TokenTree> = body.into_iter().collect();
    let mut out: Vec<TokenTree> = Vec::with_capacity(tokens.len());
    let mut i = 0;
    while i < tokens.len() {
        if let Some((module, span)) = pyfn_attr(&tokens, i) {
            if let Some(name) = function_name(&tokens, i + 2) {
                // Before the item's other attributes (its `///` doc stays on the function).
                let mut start = out.len();
                while start >= 2
                    && matches!(&out[start - 2], TokenTree::Punct(p) if p.as_char() == '#')
                    && matches!(&out[start - 1], TokenTree::Group(g) if g.delimiter() == Delimiter::Bracket)
                {
                    start -= 2;
                }
                let attrs: Vec<TokenTree> = out.drain(start..).collect();
                out.extend(add_statement(&module, &name, span));
                out.extend(attrs);
                out.extend(pyfunction_attr(span));
                i += 2;
                continue;
            }
        }
        out.push(tokens[i].clone());
        i += 1;
    }
    out.into_iter().collect()
}

/// At `#` `[pyfn(m, ...)]`: the module expression's tokens and the span of `pyfn`.
fn pyfn_attr(tokens: &[TokenTree], i: usize) -> Option<(Vec<TokenTree>, Span)> {
    let (TokenTree::Punct(p), Some(TokenTree::Group(g))) = (&tokens[i], tokens.get(i + 1)) else { return None };
    if p.as_char() != '#' || g.delimiter() != Delimiter::Bracket {
        return None;
    }
    let inner: Vec<TokenTree> = g.stream().into_iter().collect();
    let (Some(TokenTree::Ident(name)), Some(TokenTree::Group(args))) = (inner.first(), inner.get(1)) else { return None };
    if name.to_string() != "pyfn" || args.delimiter() != Delimiter::Parenthesis {
        return None;
    }
    let module: Vec<TokenTree> = args.stream().into_iter()
        .take_while(|t| !matches!(t, TokenTree::Punct(p) if p.as_char() == ','))
        .collect();
    Some((module, name.span()))
}

/// The name after the next `fn` (past further attributes, `pub`, `async`, ...).
fn function_name(tokens: &[TokenTree], from: usize) -> Option<Ident> {
    let at = (from..tokens.len()).find(|&j| matches!(&tokens[j], TokenTree::Ident(i) if i.to_string() == "fn"))?;
    match tokens.get(at + 1)? {
        TokenTree::Ident(name) => Some(name.clone()),
        _ => None,
    }
}

fn add_statement(module: &[TokenTree], name: &Ident, span: Span) -> TokenStream {
    let rt = crate::class_check::runtime_name();
    let module: TokenStream = module.iter().cloned().collect();
    let text = format!(
        "{{ use ::{rt}::types::PyModuleMethods as _; \
         ({module}).add_function(::{rt}::wrap_pyfunction!({name}, {module})?)?; \
         #[deprecated(note = \"`pyfn` will be removed in a future PyO3 version, use declarative `#[pymodule]` with `mod` instead\")] \
         #[allow(dead_code)] const PYFN_ATTRIBUTE: () = (); const _: () = PYFN_ATTRIBUTE; }}"
    );
    respan(text.parse().expect("pyfn statement tokens"), span)
}

fn pyfunction_attr(span: Span) -> TokenStream {
    let rt = crate::class_check::runtime_name();
    let mut hash = Punct::new('#', Spacing::Alone);
    hash.set_span(span);
    let inner = respan(format!("::{rt}::pyfunction").parse().expect("pyfunction path"), span);
    let mut group = Group::new(Delimiter::Bracket, inner);
    group.set_span(span);
    [TokenTree::Punct(hash), TokenTree::Group(group)].into_iter().collect()
}
