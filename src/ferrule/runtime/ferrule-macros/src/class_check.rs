//! `#[pyclass]` under a plain `cargo check` (no glue): placeholder trait impls
//! so `m.add_class::<T>()`, `PyRef<T>` and `Bound<T>` type-check. The macro
//! cannot write `$crate`, so it names the runtime as the user's crate does,
//! read from `$CARGO_MANIFEST_DIR/Cargo.toml`.
use proc_macro::{TokenStream, TokenTree};

/// The placeholder impls for the class in `item`, with the options in `attr`.
pub fn class_placeholder(attr: &TokenStream, item: &TokenStream) -> Option<TokenStream> {
    let tokens: Vec<TokenTree> = item.clone().into_iter().collect();
    let pos = tokens.iter().position(|t| super::is_ident(t, "struct") || super::is_ident(t, "enum"))?;
    let name = match tokens.get(pos + 1)? {
        TokenTree::Ident(name) => name.to_string(),
        _ => return None,
    };
    let rt = runtime_name();
    let options = Options::read(attr);
    let frozen = if options.frozen { "True" } else { "False" };
    let checker = if options.frozen { "NoBorrow" } else { "BorrowFlag" };
    let thread = if options.unsendable { "CreatingThread" } else { "AnyThread" };
    // A `#[pyclass]` base's hierarchy root holds the borrow flag; builtin bases are named `Py...`.
    let (base, root, into) = match options.extends.as_deref() {
        Some(base) if !is_builtin(base) => (base.to_string(), format!("<{base} as _ferrule::pyclass::PyClass>::Root"), ""),
        Some(base) => (base.to_string(), "Self".to_string(), INTO),
        None => ("_ferrule::types::PyAny".to_string(), "Self".to_string(), INTO),
    };
    let into = into.replace("NAME", &name);
    // As the glue does: a `Clone` class converts from Python by cloning, so by-value parameters type-check.
    let extract = if options.skip_from_py_object {
        String::new()
    } else {
        format!("impl _ferrule::impl_::extract_pyclass::ExtractPyClassWithClone for {name} {{}}")
    };
    format!(
        "const _: () = {{
            use ::{rt} as _ferrule;
            unsafe impl _ferrule::PyTypeInfo for {name} {{
                const NAME: &'static str = {name:?};
                const MODULE: ::core::option::Option<&'static str> = ::core::option::Option::None;
                fn type_object_raw(_py: _ferrule::Python<'_>) -> *mut _ferrule::ffi::PyTypeObject {{
                    {NO_GLUE}
                }}
            }}
            impl _ferrule::types::DerefToPyAny for {name} {{}}
            unsafe impl _ferrule::pyclass::PyClass for {name} {{
                type Frozen = _ferrule::pyclass::boolean::{frozen};
                type BaseType = {base};
                type Root = {root};
                type Checker = _ferrule::pyclass::{checker};
                type Dict = _ferrule::pyclass::NoSlot;
                type WeakRef = _ferrule::pyclass::NoSlot;
                type ThreadChecker = _ferrule::pyclass::{thread};
                fn lazy_type() -> &'static _ferrule::pyclass::LazyType {{
                    {NO_GLUE}
                }}
                fn build_type(_b: &mut _ferrule::pyclass::TypeBuilder) {{}}
            }}
            {into}
            {extract}
        }};"
    )
    .parse()
    .ok()
}

/// `#[pyclass]` values are shared by every thread that reaches the object, so
/// the class must be `Send + Sync` unless it is `unsendable` (checked at run
/// time instead). The check names the user's type with its own span, so rustc
/// reports it at the struct: "`Rc<..>` cannot be sent between threads safely".
pub fn send_sync_check(attr: &TokenStream, item: &TokenStream) -> Option<TokenStream> {
    if Options::read(attr).unsendable {
        return None;
    }
    let tokens: Vec<TokenTree> = item.clone().into_iter().collect();
    let pos = tokens.iter().position(|t| super::is_ident(t, "struct") || super::is_ident(t, "enum"))?;
    let name = match tokens.get(pos + 1)? {
        TokenTree::Ident(name) => name.clone(),
        _ => return None,
    };
    let check: TokenStream = "const _: () = { #[allow(dead_code, non_camel_case_types)] \
        struct pyclass_requires_Send_and_Sync__or_pyclass_unsendable<T: ?::core::marker::Sized + ::core::marker::Send + ::core::marker::Sync>(::core::marker::PhantomData<T>); \
        #[allow(dead_code)] fn __ferrule_check(_: pyclass_requires_Send_and_Sync__or_pyclass_unsendable<__FERRULE_CLASS>) {} };"
        .parse()
        .ok()?;
    let out = with_ident(check, &name);
    Some(out)
}

/// `stream` with `__FERRULE_CLASS` replaced by `name`, every token spanned at
/// `name` so rustc reports the check at the user's struct.
fn with_ident(stream: TokenStream, name: &proc_macro::Ident) -> TokenStream {
    stream
        .into_iter()
        .map(|t| match t {
            TokenTree::Ident(i) if i.to_string() == "__FERRULE_CLASS" => TokenTree::Ident(name.clone()),
            TokenTree::Group(g) => {
                let mut ng = proc_macro::Group::new(g.delimiter(), with_ident(g.stream(), name));
                ng.set_span(name.span());
                TokenTree::Group(ng)
            }
            mut other => {
                other.set_span(name.span());
                other
            }
        })
        .collect()
}

const NO_GLUE: &str = "::core::panic!(\"this #[pyclass] was compiled without ferrule's glue (a plain `cargo build`): \
                       build it with `ferrule develop` or `ferrule build`\")";

const INTO: &str = "impl<'py> _ferrule::IntoPyObject<'py> for NAME {
    type Target = NAME;
    type Output = _ferrule::Bound<'py, NAME>;
    type Error = _ferrule::PyErr;
    fn into_pyobject(self, py: _ferrule::Python<'py>) -> _ferrule::PyResult<_ferrule::Bound<'py, NAME>> {
        _ferrule::Bound::new(py, self)
    }
}";

fn is_builtin(path: &str) -> bool {
    let last = path.rsplit("::").next().unwrap_or(path).trim();
    last.starts_with("Py") && last[2..].starts_with(|c: char| c.is_ascii_uppercase())
}

#[derive(Default)]
struct Options {
    frozen: bool,
    unsendable: bool,
    skip_from_py_object: bool,
    extends: Option<String>,
}

impl Options {
    fn read(attr: &TokenStream) -> Options {
        let mut out = Options::default();
        let tokens: Vec<TokenTree> = attr.clone().into_iter().collect();
        let mut i = 0;
        while i < tokens.len() {
            if super::is_ident(&tokens[i], "frozen") {
                out.frozen = true;
            }
            if super::is_ident(&tokens[i], "unsendable") {
                out.unsendable = true;
            }
            if super::is_ident(&tokens[i], "skip_from_py_object") {
                out.skip_from_py_object = true;
            }
            let assigns = matches!(tokens.get(i + 1), Some(TokenTree::Punct(p)) if p.as_char() == '=');
            if super::is_ident(&tokens[i], "extends") && assigns {
                let path: String = tokens[i + 2..]
                    .iter()
                    .take_while(|t| !matches!(t, TokenTree::Punct(p) if p.as_char() == ','))
                    .map(|t| t.to_string())
                    .collect();
                out.extends = Some(path);
            }
            i += 1;
        }
        out
    }
}

/// The name the user's crate gives the runtime: the key of a dependency on the
/// `ferrule-runtime` package (renamed ones declare `package = "ferrule-runtime"`,
/// in the crate's Cargo.toml or, for `key = { workspace = true }`, in the
/// workspace root's); a crate built on crates.io's `pyo3`, which ferrule patches with a stand-in over
/// the runtime, reaches it as that dependency's key; otherwise the runtime's lib name `ferrule`.
pub(crate) fn runtime_name() -> String {
    let Some(dir) = std::env::var_os("CARGO_MANIFEST_DIR") else { return "ferrule".into() };
    let read = |dir: &std::path::Path| std::fs::read_to_string(dir.join("Cargo.toml")).ok();
    let dir = std::path::Path::new(&dir);
    let own = read(dir);
    let mut found = own.as_deref().and_then(runtime_name_in);
    if found.is_none() {
        found = dir.ancestors().skip(1).filter_map(read).find(|m| m.contains("[workspace"))
            .and_then(|root| runtime_name_in(&root));
    }
    found.or_else(|| own.as_deref().and_then(pyo3_key_in)).unwrap_or_else(|| "ferrule".into()).replace('-', "_")
}

/// Cargo.toml read line by line, as these lookups need it: each `key = value` (spaces removed from
/// the value, comments dropped) with the table it sits in, and each table header with `None`.
fn manifest_lines(manifest: &str) -> impl Iterator<Item = (String, Option<(String, String)>)> + '_ {
    let mut table = String::new();
    manifest.lines().filter_map(move |raw| {
        let line = raw.split('#').next().unwrap_or("").trim();
        if line.starts_with('[') {
            table = line.trim_matches(|c| c == '[' || c == ']').trim().to_string();
            return Some((table.clone(), None));
        }
        let (key, value) = line.split_once('=')?;
        Some((table.clone(), Some((key.trim().trim_matches('"').to_string(), value.replace(' ', "")))))
    })
}

/// The key of a dependency on crates.io's `pyo3` (`pyo3 = "0.28"`, or renamed with `package = "pyo3"`).
fn pyo3_key_in(manifest: &str) -> Option<String> {
    manifest_lines(manifest).find_map(|(table, entry)| match entry {
        None => table.ends_with("dependencies.pyo3").then(|| "pyo3".to_string()),
        Some((key, value)) => (table.ends_with("dependencies") && !table.contains("dev-") && !table.contains("build-")
            && (value.contains("package=\"pyo3\"") || (key == "pyo3" && !value.contains("package="))))
            .then_some(key),
    })
}

fn runtime_name_in(manifest: &str) -> Option<String> {
    manifest_lines(manifest).find_map(|(table, entry)| {
        let (key, value) = entry?;
        // `[dependencies.pyo3]` followed by `package = "ferrule-runtime"`
        if key == "package" && value == "\"ferrule-runtime\"" && table.contains("dependencies.") {
            return table.rsplit('.').next().map(|k| k.trim_matches('"').to_string());
        }
        (table.ends_with("dependencies") && value.contains("package=\"ferrule-runtime\"")).then_some(key)
    })
}
