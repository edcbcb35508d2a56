//! What `py_run!` calls: the code block made flush-left, then run with the given locals.

use crate::types::PyDict;
use crate::{Bound, Python};

/// `code` unindented as PyO3's `py_run!` does it (indoc's rule): the fewest leading spaces of
/// the lines after the first (blank ones aside) come off each of them; the first line stays as
/// written, or goes when it is empty (a literal written as `"\n    x = 1\n"`). So
/// `"import sys;\n        assert x"` runs as two flush-left lines.
pub fn unindent(code: &str) -> String {
    let (first, rest) = match code.split_once('\n') {
        Some((first, rest)) => (first, rest),
        None => return code.to_owned(),
    };
    let margin = rest
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| line.len() - line.trim_start_matches(' ').len())
        .min();
    let Some(margin) = margin else { return code.to_owned() };
    let mut out = String::with_capacity(code.len());
    if !first.trim_end_matches('\r').is_empty() {
        out.push_str(first);
        out.push('\n');
    }
    for line in rest.split_inclusive('\n') {
        // Blank lines may be shorter than the margin.
        let spaces = line.len() - line.trim_start_matches(' ').len();
        out.push_str(&line[spaces.min(margin)..]);
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
