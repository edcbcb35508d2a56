//! A `#[pymodule] fn` body's runs of `m.add_function(wrap_pyfunction!(f, m)?)?;` (PyO3's usual
//! way to fill a module) become one loop over the functions' defs: the same calls in the same
//! order, each `?` where it was. rustc then type-checks and borrow-checks one statement instead
//! of one per function, about a quarter of its time on a module of 500 functions.
//!
//! Only the exact shape is taken, `m` one identifier in both places and the macro written bare
//! or as `pyo3::wrap_pyfunction!` (any path ending in it, used again in the loop through its hidden
//! `@def` arm); a statement with attributes, another target or anything else ends the run and
//! stays as written.
use proc_macro::{Delimiter, Group, Ident, Punct, Spacing, Span, TokenStream, TokenTree};

/// Fewer statements than this are left alone: a loop would save nothing.
const MIN_RUN: usize = 2;

/// A matched statement: the module identifier, the macro's path as written and the function path's tokens.
struct Add {
    module: Ident,
    macro_path: Vec<TokenTree>,
    path: Vec<TokenTree>,
}

/// The `#[pymodule] fn` with its body's top-level runs rewritten (a `mod` is returned as it is).
pub(crate) fn rewrite(item: TokenStream) -> TokenStream {
    let mut tokens: Vec<TokenTree> = item.into_iter().collect();
    let is_fn = tokens.iter().any(|t| matches!(t, TokenTree::Ident(i) if i.to_string() == "fn"));
    let Some(TokenTree::Group(body)) = tokens.last() else { return tokens.into_iter().collect() };
    if !is_fn || body.delimiter() != Delimiter::Brace {
        return tokens.into_iter().collect();
    }
    let mut group = Group::new(Delimiter::Brace, rewrite_body(body.stream()));
    group.set_span(body.span());
    *tokens.last_mut().unwrap() = TokenTree::Group(group);
    tokens.into_iter().collect()
}

fn rewrite_body(body: TokenStream) -> TokenStream {
    let tokens: Vec<TokenTree> = body.into_iter().collect();
    let mut out: Vec<TokenTree> = Vec::with_capacity(tokens.len());
    let mut i = 0;
    // Only at a statement's start: after `;`, a block, or the body's start.
    let mut at_start = true;
    while i < tokens.len() {
        if at_start {
            let mut run: Vec<Add> = Vec::new();
            let mut end = i;
            while let Some((add, next)) = match_add(&tokens, end) {
                if run.first().is_some_and(|first: &Add| !same_run(first, &add)) {
                    break;
                }
                run.push(add);
                end = next;
            }
            if run.len() >= MIN_RUN {
                out.extend(add_loop(&run));
                i = end;
                continue;
            }
        }
        at_start = match &tokens[i] {
            TokenTree::Punct(p) => p.as_char() == ';',
            TokenTree::Group(g) => g.delimiter() == Delimiter::Brace,
            _ => false,
        };
        out.push(tokens[i].clone());
        i += 1;
    }
    out.into_iter().collect()
}

/// One module and one macro path, both spelled the same.
fn same_run(first: &Add, next: &Add) -> bool {
    let text = |tokens: &[TokenTree]| tokens.iter().map(|t| t.to_string()).collect::<Vec<_>>();
    first.module.to_string() == next.module.to_string() && text(&first.macro_path) == text(&next.macro_path)
}

/// `m . add_function ( <wrap> ! ( path , m ) ? ) ? ;` at `i`: the statement and the index after it.
fn match_add(tokens: &[TokenTree], i: usize) -> Option<(Add, usize)> {
    let module = ident(tokens.get(i)?)?;
    if !punct(tokens.get(i + 1)?, '.') || ident(tokens.get(i + 2)?)?.to_string() != "add_function" {
        return None;
    }
    let call = paren(tokens.get(i + 3)?)?;
    if !punct(tokens.get(i + 4)?, '?') || !punct(tokens.get(i + 5)?, ';') {
        return None;
    }
    let inner: Vec<TokenTree> = call.stream().into_iter().collect();
    // `wrap_pyfunction`, or a path ending in it (`pyo3::wrap_pyfunction`).
    let bang = inner.iter().position(|t| punct(t, '!'))?;
    let macro_path = path_idents(&inner[..bang])?;
    if macro_path.last()?.to_string() != "wrap_pyfunction" || inner.len() != bang + 3 || !punct(&inner[bang + 2], '?') {
        return None;
    }
    let args: Vec<TokenTree> = paren(&inner[bang + 1])?.stream().into_iter().collect();
    let comma = args.iter().position(|t| punct(t, ','))?;
    path_idents(&args[..comma])?;
    let target = match &args[comma + 1..] {
        [TokenTree::Ident(target)] => target,
        _ => return None,
    };
    if target.to_string() != module.to_string() {
        return None;
    }
    Some((Add { module, macro_path: inner[..bang].to_vec(), path: args[..comma].to_vec() }, i + 6))
}

/// `a`, `a::b`, ...: the identifiers, or `None` for any other shape.
fn path_idents(tokens: &[TokenTree]) -> Option<Vec<Ident>> {
    let mut idents = Vec::new();
    let mut rest = tokens;
    loop {
        idents.push(ident(rest.first()?)?);
        rest = &rest[1..];
        match rest {
            [] => return Some(idents),
            [TokenTree::Punct(a), TokenTree::Punct(b), tail @ ..] if a.as_char() == ':' && b.as_char() == ':' => rest = tail,
            _ => return None,
        }
    }
}

/// `for def in [&p1::__FERRULE_DEF, ...] { m.add_function(wrap_pyfunction!(@def def, m)?)?; }`: the
/// macro as the user named it, so the runtime is reached through its `$crate` whatever the crate calls it.
fn add_loop(run: &[Add]) -> TokenStream {
    let module = &run[0].module;
    let at = module.span();
    let def = Ident::new("__ferrule_def", Span::mixed_site());
    let mut defs: Vec<TokenTree> = Vec::new();
    for add in run {
        // The suffix at the path's last name, so a function without `#[pyfunction]` is reported there.
        let span = add.path[add.path.len() - 1].span();
        defs.push(TokenTree::Punct(Punct::new('&', Spacing::Alone)));
        defs.extend(add.path.iter().cloned());
        defs.extend(respanned("::__FERRULE_DEF,", span));
    }
    let mut out = respanned("for", at);
    out.push(TokenTree::Ident(def.clone()));
    out.extend(respanned("in", at));
    out.push(grouped(Delimiter::Bracket, defs, at));
    let mut args = respanned("@def", at);
    args.push(TokenTree::Ident(def));
    args.push(TokenTree::Punct(Punct::new(',', Spacing::Alone)));
    args.push(TokenTree::Ident(module.clone()));
    let mut call = run[0].macro_path.clone();
    call.extend(respanned("!", at));
    call.push(grouped(Delimiter::Parenthesis, args, at));
    call.extend(respanned("?", at));
    let mut body = vec![TokenTree::Ident(module.clone())];
    body.extend(respanned(".add_function", at));
    body.push(grouped(Delimiter::Parenthesis, call, at));
    body.extend(respanned("?;", at));
    out.push(grouped(Delimiter::Brace, body, at));
    out.into_iter().collect()
}

fn respanned(text: &str, span: Span) -> Vec<TokenTree> {
    crate::plain_check::respan(text.parse().expect("loop tokens"), span).into_iter().collect()
}

fn grouped(delimiter: Delimiter, inner: Vec<TokenTree>, span: Span) -> TokenTree {
    let mut group = Group::new(delimiter, inner.into_iter().collect());
    group.set_span(span);
    TokenTree::Group(group)
}

fn ident(token: &TokenTree) -> Option<Ident> {
    match token {
        TokenTree::Ident(i) => Some(i.clone()),
        _ => None,
    }
}

fn punct(token: &TokenTree, c: char) -> bool {
    matches!(token, TokenTree::Punct(p) if p.as_char() == c)
}

fn paren(token: &TokenTree) -> Option<&Group> {
    match token {
        TokenTree::Group(g) if g.delimiter() == Delimiter::Parenthesis => Some(g),
        _ => None,
    }
}
