//! ferrule's attributes generate no code. Each one returns its item with the
//! helper attributes (`#[pyo3(...)]`, `#[new]`, `#[getter]`, ...) removed, then
//! includes the glue that `ferrule`'s Python generator wrote for that item.
//!
//! The glue file is keyed by the item's source file and the line of its keyword
//! (`fn`, `struct`, `enum`, `impl`, `mod`); the generator computes the same key
//! from its tree-sitter parse. Glue is included only when `FERRULE_GLUE_DIR` is
//! set (ferrule's own builds); a plain `cargo check` sees just the user's code.
//! Either way the expansion names the variable through `env!`/`option_env!`, so
//! rustc tracks it and cargo rebuilds when it appears, changes or goes away.
use proc_macro::{Delimiter, Group, TokenStream, TokenTree};

const GLUE_VAR: &str = "FERRULE_GLUE_DIR";

/// Attributes that only carry options for the generator; rustc must not see them.
const HELPERS: &[&str] = &[
    "pyo3", "new", "getter", "setter", "deleter", "staticmethod", "classmethod", "classattr",
    "pymodule_export", "pymodule_init", "args",
];

#[proc_macro_attribute]
pub fn pyfunction(attr: TokenStream, item: TokenStream) -> TokenStream {
    let placeholder = if glue_enabled() { None } else { function_placeholder(&item) };
    let checks = if glue_enabled() { None } else { Some(plain_checks(&attr, &item, Kind::Function)) };
    let mut out = expand(item, Placement::After);
    out.extend(placeholder);
    out.extend(checks);
    out
}

mod plain_check;

enum Kind {
    Function,
    Class,
    Methods,
    Module,
}

/// What a plain `cargo check` can still be told (see plain_check.rs).
fn plain_checks(attr: &TokenStream, item: &TokenStream, kind: Kind) -> TokenStream {
    let tokens: Vec<TokenTree> = item.clone().into_iter().collect();
    let Some(kw) = keyword_index(&tokens) else { return TokenStream::new() };
    let keyword = tokens[kw].to_string();
    let (name, allowed, fits) = match kind {
        Kind::Function => ("#[pyfunction]", plain_check::FUNCTION, keyword == "fn"),
        Kind::Class => ("#[pyclass]", plain_check::CLASS, keyword == "struct" || keyword == "enum"),
        Kind::Methods => ("#[pymethods]", &[][..], keyword == "impl"),
        Kind::Module => ("#[pymodule]", plain_check::MODULE, keyword == "fn" || keyword == "mod"),
    };
    if !fits {
        let goes_on = match kind {
            Kind::Function => "a `fn`",
            Kind::Class => "a `struct` or an `enum`",
            Kind::Methods => "an `impl` block of a `#[pyclass]`",
            Kind::Module => "a `fn` taking the module, or an inline `mod`",
        };
        return plain_check::error_at(tokens[kw].span(), &format!("`{name}` goes on {goes_on}, not on a `{keyword}`"));
    }
    let what = format!("`{name}`");
    let mut out = plain_check::options(attr, allowed, &what);
    match kind {
        Kind::Function => {
            out.extend(plain_check::item_pyo3(&tokens, kw, allowed, &what));
            out.extend(plain_check::function_types(&tokens, kw, &class_check::runtime_name()));
        }
        Kind::Class => out.extend(plain_check::class_members(&tokens, keyword == "enum")),
        Kind::Methods => out.extend(plain_check::methods(&tokens, &class_check::runtime_name())),
        Kind::Module => out.extend(plain_check::item_pyo3(&tokens, kw, allowed, &what)),
    }
    out
}

/// Without glue, `wrap_pyfunction!(f, m)` must still type-check (IDEs run plain
/// `cargo check`): it finds this unit constant where the glue would put the def.
fn function_placeholder(item: &TokenStream) -> Option<TokenStream> {
    let tokens: Vec<TokenTree> = item.clone().into_iter().collect();
    let pos = tokens.iter().position(|t| is_ident(t, "fn"))?;
    let name = match tokens.get(pos + 1)? {
        TokenTree::Ident(name) => name.to_string(),
        _ => return None,
    };
    let public = matches!(tokens.iter().position(|t| is_ident(t, "pub")), Some(i)
        if !matches!(tokens.get(i + 1), Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Parenthesis));
    let vis = if public { "pub" } else { "pub(crate)" };
    // Naming the function keeps it "used", as the glue would.
    // Named lexically: in a function body `super::{name}` would be the module's item, not this one.
    format!("#[doc(hidden)] #[allow(non_snake_case, dead_code)] {vis} mod {name} {{ \
             pub const __FERRULE_DEF: () = (); }} #[allow(deprecated)] const _: () = {{ let _ = {name}; }};")
        .parse()
        .ok()
}

fn glue_enabled() -> bool {
    std::env::var_os(GLUE_VAR).is_some()
}

mod class_check;
mod derive_placeholder;
mod glue_gate;
mod module_adds;
mod pyfn;

#[proc_macro_attribute]
pub fn pyclass(attr: TokenStream, item: TokenStream) -> TokenStream {
    let send_sync = class_check::send_sync_check(&attr, &item);
    let mut out = if glue_enabled() {
        expand(item, Placement::After)
    } else {
        let placeholder = class_check::class_placeholder(&attr, &item);
        let checks = plain_checks(&attr, &item, Kind::Class);
        let mut out = expand(unused_allowed(item), Placement::After);
        out.extend(placeholder);
        out.extend(checks);
        out
    };
    out.extend(send_sync);
    out
}

#[proc_macro_attribute]
pub fn pymethods(attr: TokenStream, item: TokenStream) -> TokenStream {
    if glue_enabled() {
        return expand(item, Placement::After);
    }
    let checks = plain_checks(&attr, &item, Kind::Methods);
    let mut out = expand(unused_allowed(item), Placement::After);
    out.extend(checks);
    out
}

/// Without glue nothing reads a class's fields or calls its methods.
fn unused_allowed(item: TokenStream) -> TokenStream {
    let mut out: TokenStream = "#[allow(dead_code)]".parse().expect("attribute tokens");
    out.extend(item);
    out
}

/// On a function the glue follows it; on an inline `mod` it goes inside, where
/// the module's private `use` imports are visible.
#[proc_macro_attribute]
pub fn pymodule(attr: TokenStream, item: TokenStream) -> TokenStream {
    let item = module_adds::rewrite(pyfn::rewrite(item));
    if glue_enabled() {
        return expand(item, Placement::InsideModOrAfter);
    }
    let checks = plain_checks(&attr, &item, Kind::Module);
    let keep_used = module_fn_reference(&item);
    let mut tokens: Vec<TokenTree> = expand(exports_allowed(item), Placement::InsideModOrAfter).into_iter().collect();
    if is_mod(&tokens) {
        if let Some(TokenTree::Group(body)) = tokens.last() {
            if body.delimiter() == Delimiter::Brace {
                let mut inner = body.stream();
                inner.extend(module_def_placeholder("module"));
                let mut group = Group::new(Delimiter::Brace, inner);
                group.set_span(body.span());
                *tokens.last_mut().unwrap() = TokenTree::Group(group);
            }
        }
    }
    let mut out: TokenStream = tokens.into_iter().collect();
    out.extend(keep_used);
    out.extend(checks);
    out
}

/// Without glue nothing calls a function-form module; name it so it is not dead
/// code, and give it the hidden `mod <name>` the glue would, so
/// `wrap_pymodule!(path::name)` type-checks in an IDE.
fn module_fn_reference(item: &TokenStream) -> Option<TokenStream> {
    let tokens: Vec<TokenTree> = item.clone().into_iter().collect();
    let pos = tokens.iter().position(|t| is_ident(t, "fn"))?;
    let name = match tokens.get(pos + 1)? {
        TokenTree::Ident(name) => name.to_string(),
        _ => return None,
    };
    let public = matches!(tokens.iter().position(|t| is_ident(t, "pub")), Some(i)
        if !matches!(tokens.get(i + 1), Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Parenthesis));
    let vis = if public { "pub" } else { "pub(crate)" };
    format!(
        "#[allow(deprecated)] const _: () = {{ let _ = {name}; }}; #[doc(hidden)] #[allow(non_snake_case, dead_code)] {vis} mod {name} {{ {} }}",
        module_def_placeholder(&name)
    )
    .parse()
    .ok()
}

/// Without glue nothing uses what `#[pymodule_export] use` imports, nor calls the
/// `#[pymodule_init]` function: say so to rustc.
fn exports_allowed(stream: TokenStream) -> TokenStream {
    stream
        .into_iter()
        .map(|t| match t {
            TokenTree::Group(g)
                if g.delimiter() == Delimiter::Bracket
                    && matches!(g.stream().to_string().as_str(), "pymodule_export" | "pymodule_init") =>
            {
                let allow = if g.stream().to_string() == "pymodule_init" { "allow(dead_code)" } else { "allow(unused_imports)" };
                let mut ng = Group::new(Delimiter::Bracket, allow.parse().expect("allow tokens"));
                ng.set_span(g.span());
                TokenTree::Group(ng)
            }
            TokenTree::Group(g) if g.delimiter() == Delimiter::Brace => {
                let mut ng = Group::new(Delimiter::Brace, exports_allowed(g.stream()));
                ng.set_span(g.span());
                TokenTree::Group(ng)
            }
            other => other,
        })
        .collect()
}

/// A `ModuleDef` whose module is empty: what `wrap_pymodule!` reaches in a plain `cargo check`.
fn module_def_placeholder(name: &str) -> TokenStream {
    let rt = class_check::runtime_name();
    format!(
        "#[doc(hidden)] #[allow(dead_code)] pub mod __ferrule_module {{ \
         pub static __DEF: ::{rt}::impl_::pymodule::ModuleDef = ::{rt}::impl_::pymodule::ModuleDef::new(\
         ::{rt}::ffi::c_str!({name:?}), ::{rt}::ffi::c_str!(\"\"), ::core::ptr::null_mut(), |_| ::core::result::Result::Ok(())); }}"
    )
    .parse()
    .expect("module placeholder tokens")
}

/// Accepted for PyO3 compatibility where it is written outside a `#[pymodule] mod`.
#[proc_macro_attribute]
pub fn pymodule_export(_attr: TokenStream, item: TokenStream) -> TokenStream {
    item
}

enum Placement {
    After,
    InsideModOrAfter,
}

fn expand(item: TokenStream, placement: Placement) -> TokenStream {
    let mut tokens: Vec<TokenTree> = strip_helpers(item).into_iter().collect();
    let Some(kw) = keyword_index(&tokens) else {
        return tokens.into_iter().collect();
    };
    let mut key = glue_key(&tokens, kw);
    if is_ident(&tokens[kw], "impl") {
        key = impl_key(key);
    }
    let glue = glue_tokens(&key, &tokens[kw]);
    if let Placement::InsideModOrAfter = placement {
        if let Some(TokenTree::Group(body)) = tokens.last() {
            if body.delimiter() == Delimiter::Brace && is_mod(&tokens) {
                let mut inner = body.stream();
                inner.extend(glue);
                let mut group = Group::new(Delimiter::Brace, inner);
                group.set_span(body.span());
                *tokens.last_mut().unwrap() = TokenTree::Group(group);
                return tokens.into_iter().collect();
            }
        }
    }
    let mut out: TokenStream = tokens.into_iter().collect();
    out.extend(glue);
    out
}

/// `#[derive(FromPyObject)]`, `IntoPyObject`, `IntoPyObjectRef`: the impl is
/// glue like any other, in its own file `L<line>-<Trait>.rs` next to the item's.
fn derive_glue(item: TokenStream, derive: &str) -> TokenStream {
    let tokens: Vec<TokenTree> = item.into_iter().collect();
    match keyword_index(&tokens) {
        Some(kw) if !glue_enabled() => derive_placeholder(&tokens, kw, derive),
        Some(kw) => glue_tokens(&format!("{}-{derive}", glue_key(&tokens, kw)), &tokens[kw]),
        None => TokenStream::new(),
    }
}

/// Without glue, a derived conversion still exists for rustc: see `derive_placeholder.rs`.
fn derive_placeholder(tokens: &[TokenTree], kw: usize, derive: &str) -> TokenStream {
    let mut out = glue_tokens("", &tokens[kw]);
    out.extend(derive_placeholder::placeholder_impl(tokens, kw, derive, &class_check::runtime_name()));
    out
}

#[proc_macro_derive(FromPyObject, attributes(pyo3))]
pub fn derive_from_py_object(item: TokenStream) -> TokenStream {
    derive_glue(item, "FromPyObject")
}

#[proc_macro_derive(IntoPyObject, attributes(pyo3))]
pub fn derive_into_py_object(item: TokenStream) -> TokenStream {
    derive_glue(item, "IntoPyObject")
}

#[proc_macro_derive(IntoPyObjectRef, attributes(pyo3))]
pub fn derive_into_py_object_ref(item: TokenStream) -> TokenStream {
    derive_glue(item, "IntoPyObjectRef")
}

fn glue_tokens(key: &str, keyword: &TokenTree) -> TokenStream {
    let code = if let Some((dir, sub)) = glue_folder() {
        let rel = format!("{sub}/{key}.rs");
        // A file outside the workspace root has an absolute name: its glue is below `dir` all the same.
        let path = dir.join(format!("{key}.rs").trim_start_matches('/'));
        let local = dir.join(format!("{}.local.rs", key.trim_start_matches('/')));
        if !path.exists() && local.exists() {
            return local_glue(&local, &format!("{sub}/{key}.local.rs"));
        }
        if !path.exists() && dir.join(key.trim_start_matches('/')).is_dir() {
            // Several expansions of one macro share this key: each one's glue is
            // under the outermost invocation's place, which only `file!()`/`line!()` know.
            let code = format!(
                "include!(concat!(env!({GLUE_VAR:?}), {:?}, file!(), \"/L\", line!(), \".rs\"));",
                format!("{sub}/{key}/")
            );
            return code.parse().expect("glue include tokens");
        }
        if !path.exists() {
            // rustc would only say "couldn't read": explain what ferrule cannot see.
            let root = std::path::PathBuf::from(std::env::var_os(GLUE_VAR).unwrap_or_default());
            let reason = unread_package(&root)
                .or_else(|| unread_target(&dir, &sub))
                .unwrap_or_else(|| unseen_reason(keyword));
            let msg = format!("ferrule generated no glue for this item (looked for {}): {}", path.display(), reason);
            return format!("compile_error!({msg:?});").parse().expect("compile_error tokens");
        }
        format!("include!(concat!(env!({GLUE_VAR:?}), {rel:?}));")
    } else {
        format!("const _: ::core::option::Option<&str> = option_env!({GLUE_VAR:?});")
    };
    code.parse().expect("glue include tokens")
}

/// The folder holding the glue of the crate being compiled, and its place below
/// `FERRULE_GLUE_DIR` (`""` for a library). A package's binaries, examples, tests
/// and benches are crates of their own that may share files (`mod common;`), so
/// each has its own folder, which the generator names the same way:
/// `/targets/<package>/bin-<name>` for a binary or an example (cargo sets
/// `CARGO_BIN_NAME` for both, also when compiling their unit tests),
/// `/targets/<package>/test-<crate name>` for an integration test or a bench
/// (`CARGO_TARGET_TMPDIR`). Libraries, their unit tests and examples built as
/// libraries have neither and use the folder itself.
fn glue_folder() -> Option<(std::path::PathBuf, String)> {
    let dir = std::path::PathBuf::from(std::env::var_os(GLUE_VAR)?);
    if let Err(msg) = glue_gate::wait() {
        panic!("{msg}"); // only when ferrule died mid-build: its cargo is an orphan
    }
    let package = std::env::var("CARGO_PKG_NAME").unwrap_or_default();
    let sub = if let Ok(bin) = std::env::var("CARGO_BIN_NAME") {
        format!("/targets/{package}/bin-{bin}")
    } else if std::env::var_os("CARGO_TARGET_TMPDIR").is_some() {
        format!("/targets/{package}/test-{}", std::env::var("CARGO_CRATE_NAME").unwrap_or_default())
    } else {
        return Some((dir, String::new()));
    };
    Some((dir.join(sub.trim_start_matches('/')), sub))
}

/// A binary, test or bench whose glue folder is missing: ferrule did not read it.
fn unread_target(dir: &std::path::Path, sub: &str) -> Option<String> {
    if sub.is_empty() || dir.is_dir() {
        return None;
    }
    let crate_name = std::env::var("CARGO_CRATE_NAME").unwrap_or_default();
    let package = std::env::var("CARGO_PKG_NAME").unwrap_or_default();
    Some(format!(
        "ferrule did not read the target `{crate_name}` of `{package}`: `ferrule cargo` and `ferrule test` read \
         the binaries, examples, tests and benches of the package in the current folder; run them there"
    ))
}

/// An item inside a function body: `include!` there is an expression and the glue is items, so
/// the glue's text is pasted here; `include_str!` of the file makes rustc rebuild when it changes.
fn local_glue(path: &std::path::Path, rel: &str) -> TokenStream {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) => {
            let msg = format!("ferrule could not read its glue {}: {e}", path.display());
            return format!("compile_error!({msg:?});").parse().expect("compile_error tokens");
        }
    };
    let mut out: TokenStream =
        format!("const _: &str = include_str!(concat!(env!({GLUE_VAR:?}), {rel:?}));").parse().expect("tracking tokens");
    match text.parse::<TokenStream>() {
        Ok(glue) => out.extend(glue),
        Err(e) => {
            let msg = format!("ferrule's glue {} does not parse: {e}", path.display());
            out.extend(format!("compile_error!({msg:?});").parse::<TokenStream>().expect("compile_error tokens"));
        }
    }
    out
}

/// When the crate being compiled is none of those ferrule read for this build
/// (`bound-packages` in the glue folder): why, and what to do.
fn unread_package(dir: &std::path::Path) -> Option<String> {
    let bound = std::fs::read_to_string(dir.join("bound-packages")).ok()?;
    let package = std::env::var("CARGO_PKG_NAME").ok()?;
    if bound.lines().any(|line| line == package) {
        return None;
    }
    let extension = bound.lines().next().unwrap_or("the extension crate");
    Some(format!(
        "`{package}` is a dependency of `{extension}` that ferrule did not read: it binds the extension crate and \
         its path dependencies that use the runtime (a registry or git dependency is not read); make `{package}` a \
         path dependency (e.g. a vendored copy) so that its bindings get glue"
    ))
}

/// Why the generator did not see an item: the keyword's source text tells a
/// procedural macro's output (it spans the invocation) from hand-written code.
fn unseen_reason(keyword: &TokenTree) -> String {
    let written = keyword.span().source_text().unwrap_or_default();
    if written != keyword.to_string() {
        if let Some((name, _)) = written.split_once('!') {
            return format!(
                "it is written by the macro `{}!`, which ferrule cannot expand (a procedural macro or a \
                 macro of another crate); write the item in this crate's source, or in a `macro_rules!` \
                 macro of this crate",
                name.trim()
            );
        }
    }
    "ferrule reads this crate's source files and expands its `macro_rules!` macros, so it cannot \
     bind items written by other crates' macros or by macros it could not match"
        .to_string()
}

fn is_ident(tt: &TokenTree, word: &str) -> bool {
    matches!(tt, TokenTree::Ident(i) if i.to_string() == word)
}

fn is_mod(tokens: &[TokenTree]) -> bool {
    tokens.iter().any(|t| is_ident(t, "mod"))
}

/// Index of the item's keyword at the top level of the item (attributes and
/// visibility are groups or come before it).
fn keyword_index(tokens: &[TokenTree]) -> Option<usize> {
    tokens.iter().position(|t| ["fn", "struct", "enum", "impl", "mod", "union"].iter().any(|k| is_ident(t, k)))
}

/// `<file>/L<line>` of the keyword. When the item's name was written elsewhere
/// (a `macro_rules!` substituted it: the keyword keeps the definition's place,
/// the name the invocation's), `/<file>/L<line>C<col>` of the name follows, so
/// every expansion of one macro has its own glue. The generator computes the same.
fn glue_key(tokens: &[TokenTree], kw: usize) -> String {
    let at = tokens[kw].span();
    let file = at.file().replace('\\', "/");
    let mut key = format!("{file}/L{}", at.line());
    if let Some(name) = first_ident(&tokens[kw + 1..]) {
        let name_file = name.file().replace('\\', "/");
        if name_file != file || name.line() != at.line() {
            key.push_str(&format!("/{name_file}/L{}C{}", name.line(), name.column()));
        }
    }
    key
}

/// A class and its `#[pymethods]` block written on one line share a key: the
/// generator then puts the block's glue under `<key>-impl`, as here.
fn impl_key(key: String) -> String {
    if let Some((dir, _)) = glue_folder() {
        let alt = format!("{key}-impl");
        let rel = alt.trim_start_matches('/');
        if dir.join(format!("{rel}.rs")).exists() || dir.join(format!("{rel}.local.rs")).exists() || dir.join(rel).is_dir() {
            return alt;
        }
    }
    key
}

fn first_ident(tokens: &[TokenTree]) -> Option<proc_macro::Span> {
    for t in tokens {
        match t {
            TokenTree::Ident(i) => return Some(i.span()),
            TokenTree::Group(g) => {
                let inner: Vec<TokenTree> = g.stream().into_iter().collect();
                if let Some(span) = first_ident(&inner) {
                    return Some(span);
                }
            }
            _ => {}
        }
    }
    None
}

/// Removes `#[helper...]` attributes at every depth of the item.
fn strip_helpers(stream: TokenStream) -> TokenStream {
    let tokens: Vec<TokenTree> = stream.into_iter().collect();
    let mut out = Vec::with_capacity(tokens.len());
    let mut i = 0;
    while i < tokens.len() {
        if let (TokenTree::Punct(p), Some(TokenTree::Group(g))) = (&tokens[i], tokens.get(i + 1)) {
            if p.as_char() == '#' && g.delimiter() == Delimiter::Bracket && is_helper(g) {
                i += 2;
                continue;
            }
        }
        out.push(match &tokens[i] {
            TokenTree::Group(g) => {
                let mut ng = Group::new(g.delimiter(), strip_helpers(g.stream()));
                ng.set_span(g.span());
                TokenTree::Group(ng)
            }
            other => other.clone(),
        });
        i += 1;
    }
    out.into_iter().collect()
}

fn is_helper(attr: &Group) -> bool {
    let mut it = attr.stream().into_iter();
    match (it.next(), it.next()) {
        (Some(TokenTree::Ident(name)), next) => {
            let name = name.to_string();
            // `#[pyo3::...]`-style paths are real attributes, keep them.
            let is_path = matches!(next, Some(TokenTree::Punct(ref p)) if p.as_char() == ':');
            !is_path && HELPERS.contains(&name.as_str())
        }
        _ => false,
    }
}
