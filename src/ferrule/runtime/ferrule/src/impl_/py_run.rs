//! What `py_run!` calls: the code block made flush-left, then run with the given locals.

use crate::types::PyDict;
use crate::{Bound, Python};

/// `code` without the indentation its non-blank lines share, and without a first line that
/// is empty (a literal written as `"\n    x = 1\n"`), so Rust-indented Python parses.
pub fn unindent(code: &str) -> String {
    let code = code.strip_prefix('\n').or_else(|| code.strip_prefix("\r\n")).unwrap_or(code);
    let margin = code
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| line.len() - line.trim_start_matches([' ', '\t']).len())
        .min()
        .unwrap_or(0);
    let mut out = String::with_capacity(code.len());
    for line in code.lines() {
        // Blank lines may be shorter than the margin.
        out.push_str(line.get(margin..).unwrap_or("").trim_end_matches('\r'));
        out.push('\n');
    }
    out
}

/// Runs `code` (unindented) with `locals`; on an exception prints its traceback and panics
/// with the code, as PyO3's `py_run!` does.
#[track_caller]
pub fn run(py: Python<'_>, locals: &Bound<'_, PyDict>, code: &str) {
    let text = unindent(code);
    let source = match std::ffi::CString::new(text.as_str()) {
        Ok(source) => source,
        Err(_) => panic!("py_run!: the code holds a NUL byte"),
    };
    if let Err(err) = py.run(&source, None, Some(locals)) {
        err.print(py);
        // The traceback sits in Python's stderr buffer; the panic would leave it unwritten.
        let _ = py.run(c"import sys; sys.stderr.flush()", None, None);
        panic!("{}", text);
    }
}
