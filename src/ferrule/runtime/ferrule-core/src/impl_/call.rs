//! Whole calls of bound functions whose parameters are all plain conversions
//! (no defaults, holders, `py` token or `*args`): the glue passes the function
//! as a `fn` pointer, so one generic copy serves every function of the same
//! signature, and rustc type-checks and borrow-checks this code once, here, not
//! once per bound function. That halves a debug build of a crate with many
//! bindings. Optimized builds inline everything: `f` is a constant there and
//! the call is direct, as with per-function glue.
//!
//! Two levels, as the glue chooses:
//! - `bodyN(kind, py, desc, args, nargs, kwnames, f)` is a function's whole
//!   `__body`, for any parameter types (lifetimes tied to `'py` included);
//! - `fastcallN(kind, desc, f, args, nargs, kwnames)` is its whole trampoline,
//!   for signatures whose types hold no lifetime (one generic copy even spans the
//!   unwind boundary).
//!
//! Each has a `_py` twin for functions whose first parameter is the `py` token.
//!
//! `kind` says how the result is returned: [`AsValue`] converts it, [`AsNone`]
//! (for `()` and `Result<(), E>`) returns `None`.
use crate::conversion::FromPyObject;
use crate::err::{PyErr, PyResult};
use crate::ffi;
use crate::impl_::extract_argument::{extract, FunctionDescription};
use crate::impl_::trampoline::trampoline;
use crate::impl_::wrap::{none, IntoPyCallbackOutput};
use crate::marker::Python;

type Ptr = *mut ffi::PyObject;

/// How a bound function's result becomes the callback's return value.
pub trait ReturnKind<'py, R> {
    fn finish(self, py: Python<'py>, result: R) -> PyResult<Ptr>;
}

/// The result converted with `IntoPyObject` (a `Result`'s error raised).
#[derive(Clone, Copy)]
pub struct AsValue;
/// `()` or `Ok(())` as `None`.
#[derive(Clone, Copy)]
pub struct AsNone;

impl<'py, R: IntoPyCallbackOutput<'py>> ReturnKind<'py, R> for AsValue {
    #[inline]
    fn finish(self, py: Python<'py>, result: R) -> PyResult<Ptr> {
        result.convert(py)
    }
}

impl<'py> ReturnKind<'py, ()> for AsNone {
    #[inline]
    fn finish(self, _py: Python<'py>, _result: ()) -> PyResult<Ptr> {
        Ok(none())
    }
}

impl<'py, E: Into<PyErr>> ReturnKind<'py, Result<(), E>> for AsNone {
    #[inline]
    fn finish(self, _py: Python<'py>, result: Result<(), E>) -> PyResult<Ptr> {
        match result {
            Ok(()) => Ok(none()),
            Err(e) => Err(e.into()),
        }
    }
}

impl FunctionDescription {
    /// The Python name of parameter slot `i` (positional ones first), for messages.
    #[inline]
    pub fn slot_name(&self, i: usize) -> &'static str {
        let npos = self.positional_parameter_names.len();
        if i < npos {
            self.positional_parameter_names[i]
        } else {
            self.keyword_only_parameters[i - npos].name
        }
    }
}

/// A `METH_NOARGS` function's whole `__body`.
#[cfg_attr(not(debug_assertions), inline(always))]
#[cfg_attr(debug_assertions, inline)]
pub unsafe fn body0<'py, K: ReturnKind<'py, R>, R>(kind: K, py: Python<'py>, f: fn() -> R) -> PyResult<Ptr> {
    kind.finish(py, f())
}

/// A `METH_NOARGS` function's whole trampoline.
#[cfg_attr(not(debug_assertions), inline(always))]
#[cfg_attr(debug_assertions, inline)]
pub unsafe fn noargs<K, R>(kind: K, f: fn() -> R) -> Ptr
where
    K: for<'py> ReturnKind<'py, R>,
{
    trampoline(move |py| kind.finish(py, f()))
}

/// A `METH_NOARGS` function's whole `__body`, for a function taking only the `py` token.
#[cfg_attr(not(debug_assertions), inline(always))]
#[cfg_attr(debug_assertions, inline)]
pub unsafe fn body0_py<'py, K: ReturnKind<'py, R>, R>(kind: K, py: Python<'py>, f: fn(Python<'py>) -> R) -> PyResult<Ptr> {
    kind.finish(py, f(py))
}

/// A `METH_NOARGS` function's whole trampoline, for a function taking only the `py` token.
#[cfg_attr(not(debug_assertions), inline(always))]
#[cfg_attr(debug_assertions, inline)]
pub unsafe fn noargs_py<K, R>(kind: K, f: for<'py> fn(Python<'py>) -> R) -> Ptr
where
    K: for<'py> ReturnKind<'py, R>,
{
    trampoline(move |py| kind.finish(py, f(py)))
}

/// A `METH_O` function's whole `__body` (one positional-only parameter).
#[cfg_attr(not(debug_assertions), inline(always))]
#[cfg_attr(debug_assertions, inline)]
pub unsafe fn body_o<'py, K, A, R>(kind: K, py: Python<'py>, name: &'static str, arg: Ptr, f: fn(A) -> R) -> PyResult<Ptr>
where
    K: ReturnKind<'py, R>,
    A: for<'a> FromPyObject<'a, 'py>,
{
    let a = extract::<A>(py, &arg, name)?;
    kind.finish(py, f(a))
}

/// As `body_o`, for a function taking the `py` token first.
#[cfg_attr(not(debug_assertions), inline(always))]
#[cfg_attr(debug_assertions, inline)]
pub unsafe fn body_o_py<'py, K, A, R>(kind: K, py: Python<'py>, name: &'static str, arg: Ptr, f: fn(Python<'py>, A) -> R) -> PyResult<Ptr>
where
    K: ReturnKind<'py, R>,
    A: for<'a> FromPyObject<'a, 'py>,
{
    let a = extract::<A>(py, &arg, name)?;
    kind.finish(py, f(py, a))
}

/// As `meth_o`, for a function taking the `py` token first.
#[cfg_attr(not(debug_assertions), inline(always))]
#[cfg_attr(debug_assertions, inline)]
pub unsafe fn meth_o_py<K, A, R>(kind: K, name: &'static str, f: for<'py> fn(Python<'py>, A) -> R, arg: Ptr) -> Ptr
where
    K: for<'py> ReturnKind<'py, R>,
    A: for<'a, 'py> FromPyObject<'a, 'py>,
{
    trampoline(move |py| body_o_py(kind, py, name, arg, f))
}

/// A `METH_O` function's whole trampoline.
#[cfg_attr(not(debug_assertions), inline(always))]
#[cfg_attr(debug_assertions, inline)]
pub unsafe fn meth_o<K, A, R>(kind: K, name: &'static str, f: fn(A) -> R, arg: Ptr) -> Ptr
where
    K: for<'py> ReturnKind<'py, R>,
    A: for<'a, 'py> FromPyObject<'a, 'py>,
{
    trampoline(move |py| body_o(kind, py, name, arg, f))
}

macro_rules! fastcall_pair {
    ($body:ident, $tramp:ident, [$($pyty:ty)?], $n:literal; $($a:ident $i:literal),+) => {
        /// A `METH_FASTCALL[|METH_KEYWORDS]` function's whole `__body` (`kwnames` NULL without keywords).
        #[cfg_attr(not(debug_assertions), inline(always))]
        #[cfg_attr(debug_assertions, inline)]
        pub unsafe fn $body<'py, K, $($a,)+ R>(
            kind: K,
            py: Python<'py>,
            desc: &'static FunctionDescription,
            args: *const Ptr,
            nargs: ffi::Py_ssize_t,
            kwnames: Ptr,
            f: fn($($pyty,)? $($a),+) -> R,
        ) -> PyResult<Ptr>
        where
            K: ReturnKind<'py, R>,
            $($a: for<'a> FromPyObject<'a, 'py>,)+
        {
            let mut out: [Ptr; $n] = [std::ptr::null_mut(); $n];
            desc.extract_fastcall(py, args, nargs, kwnames, &mut out)?;
            let result = f($({ let token: $pyty = py; token },)? $(extract::<$a>(py, &out[$i], desc.slot_name($i))?),+);
            kind.finish(py, result)
        }

        /// A `METH_FASTCALL[|METH_KEYWORDS]` function's whole trampoline, for lifetime-free types.
        #[cfg_attr(not(debug_assertions), inline(always))]
        #[cfg_attr(debug_assertions, inline)]
        pub unsafe fn $tramp<K, $($a,)+ R>(
            kind: K,
            desc: &'static FunctionDescription,
            f: for<'py> fn($($pyty,)? $($a),+) -> R,
            args: *const Ptr,
            nargs: ffi::Py_ssize_t,
            kwnames: Ptr,
        ) -> Ptr
        where
            K: for<'py> ReturnKind<'py, R>,
            $($a: for<'a, 'py> FromPyObject<'a, 'py>,)+
        {
            trampoline(move |py| $body(kind, py, desc, args, nargs, kwnames, f))
        }
    };
}

/// Each arity with and without the `py` token first.
macro_rules! fastcall_arity {
    ($body:ident, $tramp:ident, $body_py:ident, $tramp_py:ident, $n:literal; $($a:ident $i:literal),+) => {
        fastcall_pair!($body, $tramp, [], $n; $($a $i),+);
        fastcall_pair!($body_py, $tramp_py, [Python<'py>], $n; $($a $i),+);
    };
}

fastcall_arity!(body1, fastcall1, body1_py, fastcall1_py, 1; A0 0);
fastcall_arity!(body2, fastcall2, body2_py, fastcall2_py, 2; A0 0, A1 1);
fastcall_arity!(body3, fastcall3, body3_py, fastcall3_py, 3; A0 0, A1 1, A2 2);
fastcall_arity!(body4, fastcall4, body4_py, fastcall4_py, 4; A0 0, A1 1, A2 2, A3 3);
fastcall_arity!(body5, fastcall5, body5_py, fastcall5_py, 5; A0 0, A1 1, A2 2, A3 3, A4 4);
fastcall_arity!(body6, fastcall6, body6_py, fastcall6_py, 6; A0 0, A1 1, A2 2, A3 3, A4 4, A5 5);
fastcall_arity!(body7, fastcall7, body7_py, fastcall7_py, 7; A0 0, A1 1, A2 2, A3 3, A4 4, A5 5, A6 6);
fastcall_arity!(body8, fastcall8, body8_py, fastcall8_py, 8; A0 0, A1 1, A2 2, A3 3, A4 4, A5 5, A6 6, A7 7);
