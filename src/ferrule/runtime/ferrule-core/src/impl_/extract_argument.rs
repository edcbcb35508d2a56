//! Matching call arguments to parameters, with CPython's error messages.
//!
//! The generator emits one `static FunctionDescription` per function; at call
//! time its arguments are sorted into an `output` array in parameter order
//! (positional parameters first, then keyword-only), NULL where absent.
use crate::err::{PyErr, PyResult};
use crate::exceptions::PyTypeError;
use crate::ffi;
use crate::instance::Bound;
use crate::marker::Python;
use crate::types::{PyAny, PyAnyMethods, PyDict, PyTuple};

pub struct KeywordOnlyParameter {
    pub name: &'static str,
    pub required: bool,
}

/// The parameter names as interned `str` objects, created on first use and
/// kept for the life of the process, so that keywords (which CPython interns
/// when they are written in source) usually match by pointer.
pub struct KeywordCache(std::sync::OnceLock<Box<[usize]>>);

impl KeywordCache {
    pub const fn new() -> Self {
        KeywordCache(std::sync::OnceLock::new())
    }
    /// What the glue writes: a constant, which rustc evaluates once per crate (a call to
    /// `new` in each static is evaluated again for each).
    pub const NEW: Self = Self::new();
}

impl Default for KeywordCache {
    fn default() -> Self {
        Self::new()
    }
}

pub struct FunctionDescription {
    /// `add` or `Class.method`, as shown in messages.
    pub func_name: &'static str,
    pub positional_parameter_names: &'static [&'static str],
    pub positional_only_parameters: usize,
    pub required_positional_parameters: usize,
    pub keyword_only_parameters: &'static [KeywordOnlyParameter],
    pub accept_varargs: bool,
    pub accept_varkeywords: bool,
    /// Filled on the first call that passes keywords. A static of its own, so that this
    /// description holds no interior mutability: it is then immutable memory, and optimized
    /// glue reads its counts and names as constants.
    pub keyword_cache: &'static KeywordCache,
}

type Ptr = *mut ffi::PyObject;

// The per-argument conversions live beside this file; glue names them through this module.
pub use super::extract_value::*;

impl FunctionDescription {
    /// For `METH_FASTCALL | METH_KEYWORDS`. Returns the `*args` tuple and
    /// `**kwargs` dict when the signature takes them.
    ///
    /// The common call (positional arguments only, no `*args`, no keyword-only
    /// parameters, a valid count) is decided here, inlined into the trampoline,
    /// where the description is a constant; everything else goes out of line.
    /// Debug builds keep it out of line too (one copy per crate instead of one
    /// per bound function: build time, not call speed, matters there).
    #[cfg_attr(not(debug_assertions), inline(always))]
    #[cfg_attr(debug_assertions, inline)]
    pub unsafe fn extract_fastcall<'py>(
        &self,
        py: Python<'py>,
        args: *const Ptr,
        nargs: ffi::Py_ssize_t,
        kwnames: Ptr,
        output: &mut [Ptr],
    ) -> PyResult<(Option<Bound<'py, PyTuple>>, Option<Bound<'py, PyDict>>)> {
        let n = nargs as usize;
        if kwnames.is_null()
            && !self.accept_varargs
            && self.keyword_only_parameters.is_empty()
            && n >= self.required_positional_parameters
            && n <= self.positional_parameter_names.len()
            && n <= output.len()
        {
            if n == 0 {
                // `args` may be NULL.
            } else if n == output.len() {
                // Every parameter given: a copy of constant size, no memcpy call.
                output.copy_from_slice(std::slice::from_raw_parts(args, output.len()));
            } else {
                std::ptr::copy_nonoverlapping(args, output.as_mut_ptr(), n);
            }
            return Ok((None, None));
        }
        self.extract_fastcall_slow(py, args, nargs, kwnames, output)
    }

    #[inline(never)]
    unsafe fn extract_fastcall_slow<'py>(
        &self,
        py: Python<'py>,
        args: *const Ptr,
        nargs: ffi::Py_ssize_t,
        kwnames: Ptr,
        output: &mut [Ptr],
    ) -> PyResult<(Option<Bound<'py, PyTuple>>, Option<Bound<'py, PyDict>>)> {
        let nargs = nargs as usize;
        let npos = self.positional_parameter_names.len();
        let args_slice = if nargs == 0 { &[][..] } else { std::slice::from_raw_parts(args, nargs) };
        let taken = nargs.min(npos);
        output[..taken].copy_from_slice(&args_slice[..taken]);
        let varargs = if self.accept_varargs {
            Some(tuple_from_slice(py, &args_slice[taken..]))
        } else {
            None
        };
        let mut varkw = None;
        if !kwnames.is_null() {
            let nkw = tuple_len(kwnames);
            let values = std::slice::from_raw_parts(args.add(nargs), nkw);
            let names = || (0..nkw).map(|i| ffi::PyTuple_GetItem(kwnames, i as ffi::Py_ssize_t)).collect::<Vec<Ptr>>();
            let (interned, mut hint) = (self.interned_names(), 0);
            for (i, &value) in values.iter().enumerate() {
                let name = tuple_item(kwnames, i);
                self.place_keyword(py, name, value, nargs, output, &mut varkw, &names, interned, &mut hint)?;
            }
        }
        // CPython reports keyword problems before too many positional arguments.
        if varargs.is_none() && nargs > npos {
            return Err(self.too_many_positional(nargs, output));
        }
        self.check_required(nargs, output)?;
        Ok((varargs, varkw))
    }

    /// For `METH_VARARGS | METH_KEYWORDS`, `tp_new` and `tp_call`.
    pub unsafe fn extract_tuple_dict<'py>(
        &self,
        py: Python<'py>,
        args: Ptr,
        kwargs: Ptr,
        output: &mut [Ptr],
    ) -> PyResult<(Option<Bound<'py, PyTuple>>, Option<Bound<'py, PyDict>>)> {
        // CPython always passes a real tuple here.
        #[cfg(not(Py_LIMITED_API))]
        let (nargs, item) = (ffi::PyTuple_GET_SIZE(args) as usize, ffi::PyTuple_GET_ITEM);
        #[cfg(Py_LIMITED_API)]
        let (nargs, item) = (ffi::PyTuple_Size(args) as usize, ffi::PyTuple_GetItem);
        if kwargs.is_null()
            && !self.accept_varargs
            && self.keyword_only_parameters.is_empty()
            && nargs >= self.required_positional_parameters
            && nargs <= self.positional_parameter_names.len()
            && nargs <= output.len()
        {
            // Positional arguments only, all there: nothing to sort or check.
            for (i, slot) in output[..nargs].iter_mut().enumerate() {
                *slot = item(args, i as ffi::Py_ssize_t);
            }
            return Ok((None, None));
        }
        self.extract_tuple_dict_slow(py, args, nargs, kwargs, output)
    }

    #[inline(never)]
    unsafe fn extract_tuple_dict_slow<'py>(
        &self,
        py: Python<'py>,
        args: Ptr,
        nargs: usize,
        kwargs: Ptr,
        output: &mut [Ptr],
    ) -> PyResult<(Option<Bound<'py, PyTuple>>, Option<Bound<'py, PyDict>>)> {
        let npos = self.positional_parameter_names.len();
        let taken = nargs.min(npos);
        // Borrowed straight from the tuple: no per-call allocation (this is `tp_new`'s path).
        for (i, slot) in output[..taken].iter_mut().enumerate() {
            *slot = ffi::PyTuple_GetItem(args, i as ffi::Py_ssize_t);
        }
        let varargs = if self.accept_varargs {
            let rest = ffi::PyTuple_GetSlice(args, taken as ffi::Py_ssize_t, nargs as ffi::Py_ssize_t);
            Some(Bound::<PyAny>::from_owned_ptr_or_err_typed(py, rest)?.cast_into_unchecked())
        } else {
            None
        };
        let mut varkw = None;
        if !kwargs.is_null() && npos == 0 && self.keyword_only_parameters.is_empty() && self.accept_varkeywords {
            // Every keyword goes to `**kwargs`: the dict itself, as PyO3 passes it. Python callers
            // always hand over a fresh one (`f(k=1)`, `f(**d)`); a C caller's `PyObject_Call`
            // dict is shared with the function.
            if ffi::PyDict_Size(kwargs) > 0 {
                varkw = Some(Bound::<PyAny>::from_borrowed_ptr_typed(py, kwargs).cast_into_unchecked());
            }
        } else if !kwargs.is_null() {
            let (mut pos, mut key, mut value) = (0, std::ptr::null_mut(), std::ptr::null_mut());
            let mut pairs = Vec::new();
            while ffi::PyDict_Next(kwargs, &mut pos, &mut key, &mut value) != 0 {
                pairs.push((key, value));
            }
            let names = || pairs.iter().map(|&(k, _)| k).collect::<Vec<Ptr>>();
            let (interned, mut hint) = (self.interned_names(), 0);
            for &(key, value) in &pairs {
                self.place_keyword(py, key, value, nargs, output, &mut varkw, &names, interned, &mut hint)?;
            }
        }
        if varargs.is_none() && nargs > npos {
            return Err(self.too_many_positional(nargs, output));
        }
        self.check_required(nargs, output)?;
        Ok((varargs, varkw))
    }

    #[inline]
    unsafe fn place_keyword<'py>(
        &self,
        py: Python<'py>,
        name: Ptr,
        value: Ptr,
        nargs: usize,
        output: &mut [Ptr],
        varkw: &mut Option<Bound<'py, PyDict>>,
        all_names: &dyn Fn() -> Vec<Ptr>,
        interned: &[usize],
        hint: &mut usize,
    ) -> PyResult<()> {
        let npos = self.positional_parameter_names.len();
        // Keywords usually come in declaration order: start after the last match.
        let start = (*hint).min(interned.len());
        let by_pointer = interned[start..]
            .iter()
            .position(|&p| p == name as usize)
            .map(|i| start + i)
            .or_else(|| interned[..start].iter().position(|&p| p == name as usize));
        let found = match by_pointer {
            Some(i) => {
                *hint = i + 1;
                Some(i)
            }
            None => utf8_of(name).and_then(|n| {
                self.positional_parameter_names
                    .iter()
                    .position(|p| *p == n)
                    .or_else(|| self.keyword_only_parameters.iter().position(|k| k.name == n).map(|i| npos + i))
            }),
        };
        match found {
            Some(i) if i < self.positional_only_parameters => {
                if self.accept_varkeywords {
                    return add_to_kwargs(py, varkw, name, value);
                }
                // Like CPython, name every positional-only parameter passed by keyword.
                let posonly = &self.positional_parameter_names[..self.positional_only_parameters];
                let hits: Vec<String> = all_names()
                    .iter()
                    .filter_map(|&n| utf8_of(n))
                    .filter(|n| posonly.contains(&n.as_ref()))
                    .map(|n| n.into_owned())
                    .collect();
                Err(PyTypeError::new_err(format!(
                    "{}() got some positional-only arguments passed as keyword arguments: '{}'",
                    self.func_name,
                    hits.join(", ")
                )))
            }
            Some(i) => {
                if !output[i].is_null() || (i < npos && i < nargs) {
                    return Err(PyTypeError::new_err(format!(
                        "{}() got multiple values for argument '{}'",
                        self.func_name,
                        utf8_of(name).as_deref().unwrap_or_default()
                    )));
                }
                output[i] = value;
                Ok(())
            }
            None if self.accept_varkeywords => add_to_kwargs(py, varkw, name, value),
            None => {
                let shown = Bound::<PyAny>::from_borrowed_ptr_typed(py, name);
                Err(PyTypeError::new_err(format!(
                    "{}() got an unexpected keyword argument '{}'",
                    self.func_name,
                    shown.str().map(|s| s.to_string()).unwrap_or_default()
                )))
            }
        }
    }

    /// Interned names of the positional, then keyword-only parameters (0
    /// where interning failed, which only costs the pointer match).
    #[inline]
    fn interned_names(&self) -> &[usize] {
        self.keyword_cache.0.get_or_init(|| {
            let names = self.positional_parameter_names.iter().copied().chain(self.keyword_only_parameters.iter().map(|k| k.name));
            names
                .map(|n| unsafe {
                    let mut s = ffi::PyUnicode_FromStringAndSize(n.as_ptr().cast(), n.len() as ffi::Py_ssize_t);
                    if s.is_null() {
                        ffi::PyErr_Clear();
                        return 0;
                    }
                    // The reference is kept for good: the pointer must stay valid.
                    ffi::PyUnicode_InternInPlace(&mut s);
                    s as usize
                })
                .collect()
        })
    }

    fn check_required(&self, nargs: usize, output: &[Ptr]) -> PyResult<()> {
        if nargs < self.required_positional_parameters {
            let missing: Vec<&str> = (nargs..self.required_positional_parameters)
                .filter(|&i| output[i].is_null())
                .map(|i| self.positional_parameter_names[i])
                .collect();
            if !missing.is_empty() {
                return Err(self.missing("positional", &missing));
            }
        }
        let npos = self.positional_parameter_names.len();
        let complete = self
            .keyword_only_parameters
            .iter()
            .zip(&output[npos..])
            .all(|(k, p)| !k.required || !p.is_null());
        if complete {
            return Ok(());
        }
        let missing: Vec<&str> = self
            .keyword_only_parameters
            .iter()
            .enumerate()
            .filter(|(i, k)| k.required && output[npos + i].is_null())
            .map(|(_, k)| k.name)
            .collect();
        if !missing.is_empty() {
            return Err(self.missing("keyword-only", &missing));
        }
        Ok(())
    }

    /// PyO3's words, which tests of PyO3 projects assert (pydantic-core's): "arguments" for any count, and
    /// no count of the keyword-only arguments also given (CPython's own message differs in both).
    #[cold]
    fn too_many_positional(&self, given: usize, _output: &[Ptr]) -> PyErr {
        let max = self.positional_parameter_names.len();
        let min = self.required_positional_parameters;
        let expected = if min == max { format!("{max}") } else { format!("from {min} to {max}") };
        let was = if given == 1 { "was" } else { "were" };
        PyTypeError::new_err(format!(
            "{}() takes {expected} positional arguments but {given} {was} given",
            self.func_name
        ))
    }

    #[cold]
    fn missing(&self, kind: &str, names: &[&str]) -> PyErr {
        let plural = if names.len() == 1 { "" } else { "s" };
        PyTypeError::new_err(format!(
            "{}() missing {} required {kind} argument{plural}: {}",
            self.func_name,
            names.len(),
            join_names(names)
        ))
    }
}

/// `'a'`, `'a' and 'b'`, `'a', 'b', and 'c'` (CPython's wording).
fn join_names(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    match quoted.len() {
        1 => quoted[0].clone(),
        2 => format!("{} and {}", quoted[0], quoted[1]),
        n => format!("{}, and {}", quoted[..n - 1].join(", "), quoted[n - 1]),
    }
}

/// The cached UTF-8 of a str (no allocation for the usual ASCII names).
#[cfg(any(not(Py_LIMITED_API), Py_3_10))]
#[inline]
unsafe fn utf8_of<'a>(name: Ptr) -> Option<std::borrow::Cow<'a, str>> {
    if ffi::PyUnicode_Check(name) == 0 {
        return None;
    }
    let mut size = 0;
    let data = ffi::PyUnicode_AsUTF8AndSize(name, &mut size);
    if data.is_null() {
        ffi::PyErr_Clear();
        return None;
    }
    // The interpreter's UTF-8 is valid (a lone surrogate fails above): no second validation.
    Some(std::str::from_utf8_unchecked(std::slice::from_raw_parts(data.cast(), size as usize)).into())
}

/// Before 3.10 the stable ABI cannot borrow a str's UTF-8: copy it.
#[cfg(all(Py_LIMITED_API, not(Py_3_10)))]
unsafe fn utf8_of<'a>(name: Ptr) -> Option<std::borrow::Cow<'a, str>> {
    if ffi::PyUnicode_Check(name) == 0 {
        return None;
    }
    let bytes = ffi::PyUnicode_AsUTF8String(name);
    if bytes.is_null() {
        ffi::PyErr_Clear();
        return None;
    }
    let data = ffi::PyBytes_AsString(bytes);
    let len = ffi::PyBytes_Size(bytes) as usize;
    let text = String::from_utf8(std::slice::from_raw_parts(data as *const u8, len).to_vec()).ok();
    ffi::Py_DECREF(bytes);
    text.map(Into::into)
}

/// Length and borrowed items of an exact tuple (CPython's `kwnames`).
#[inline(always)]
unsafe fn tuple_len(t: Ptr) -> usize {
    #[cfg(not(Py_LIMITED_API))]
    return ffi::PyTuple_GET_SIZE(t) as usize;
    #[cfg(Py_LIMITED_API)]
    return ffi::PyTuple_Size(t) as usize;
}

#[inline(always)]
unsafe fn tuple_item(t: Ptr, i: usize) -> Ptr {
    #[cfg(not(Py_LIMITED_API))]
    return ffi::PyTuple_GET_ITEM(t, i as ffi::Py_ssize_t);
    #[cfg(Py_LIMITED_API)]
    return ffi::PyTuple_GetItem(t, i as ffi::Py_ssize_t);
}

unsafe fn tuple_from_slice<'py>(py: Python<'py>, items: &[Ptr]) -> Bound<'py, PyTuple> {
    let tuple = ffi::PyTuple_New(items.len() as ffi::Py_ssize_t);
    for (i, &item) in items.iter().enumerate() {
        ffi::Py_INCREF(item);
        ffi::PyTuple_SetItem(tuple, i as ffi::Py_ssize_t, item);
    }
    Bound::<PyAny>::from_owned_ptr_typed(py, tuple).cast_into_unchecked()
}

unsafe fn add_to_kwargs<'py>(py: Python<'py>, varkw: &mut Option<Bound<'py, PyDict>>, name: Ptr, value: Ptr) -> PyResult<()> {
    let dict = varkw.get_or_insert_with(|| PyDict::new(py));
    if ffi::PyDict_SetItem(dict.as_ptr(), name, value) == -1 {
        return Err(PyErr::fetch(py));
    }
    Ok(())
}
