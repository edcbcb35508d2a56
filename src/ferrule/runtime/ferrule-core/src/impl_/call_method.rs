//! As `impl_::call`, for `#[pymethods]` with a `&self` or `&mut self` receiver, and getters: a
//! method's whole `__body` (borrow of the receiver, conversions, call, result) is one generic
//! function per signature, the method passed as a `fn` pointer. The receiver is borrowed first,
//! then the arguments are converted, as in per-method glue.
//!
//! Names: `ref<N>`/`mut<N>` for `&self`/`&mut self` methods with N parameters after the receiver
//! (`ref0` serves getters too), `_py` when the `py` token follows the receiver.
use crate::conversion::FromPyObject;
use crate::err::PyResult;
use crate::ffi;
use crate::impl_::call::ReturnKind;
use crate::impl_::extract_argument::{extract, FunctionDescription};
use crate::impl_::pyclass::{self_borrow, self_borrow_mut};
use crate::marker::Python;
use crate::pyclass::{boolean, PyClass};

type Ptr = *mut ffi::PyObject;

macro_rules! no_args {
    ($name:ident, $borrow:ident, [$($bound:tt)+], [$($recv:tt)+], [$($mutkw:tt)?], [$($pyty:ty)?]) => {
        /// A `METH_NOARGS` method's (or a getter's) whole `__body`.
        #[cfg_attr(not(debug_assertions), inline(always))]
        #[cfg_attr(debug_assertions, inline)]
        pub unsafe fn $name<'py, T: $($bound)+, K: ReturnKind<'py, R>, R>(
            kind: K,
            py: Python<'py>,
            slf: Ptr,
            f: fn($($recv)+ $(, $pyty)?) -> R,
        ) -> PyResult<Ptr> {
            let $($mutkw)? recv = $borrow::<T>(py, slf)?;
            let result = f(&$($mutkw)? recv $(, { let token: $pyty = py; token })?);
            kind.finish(py, result)
        }
    };
}

no_args!(ref0, self_borrow, [PyClass], [&T], [], []);
no_args!(mut0, self_borrow_mut, [PyClass<Frozen = boolean::False>], [&mut T], [mut], []);
no_args!(ref0_py, self_borrow, [PyClass], [&T], [], [Python<'py>]);
no_args!(mut0_py, self_borrow_mut, [PyClass<Frozen = boolean::False>], [&mut T], [mut], [Python<'py>]);

macro_rules! with_args {
    ($name:ident, $borrow:ident, [$($bound:tt)+], [$($recv:tt)+], [$($mutkw:tt)?], [$($pyty:ty)?], $n:literal; $($a:ident $i:literal),+) => {
        /// A `METH_FASTCALL[|METH_KEYWORDS]` method's whole `__body` (`kwnames` NULL without keywords).
        #[cfg_attr(not(debug_assertions), inline(always))]
        #[cfg_attr(debug_assertions, inline)]
        pub unsafe fn $name<'py, T: $($bound)+, K, $($a,)+ R>(
            kind: K,
            py: Python<'py>,
            slf: Ptr,
            desc: &'static FunctionDescription,
            args: *const Ptr,
            nargs: ffi::Py_ssize_t,
            kwnames: Ptr,
            f: fn($($recv)+ $(, $pyty)?, $($a),+) -> R,
        ) -> PyResult<Ptr>
        where
            K: ReturnKind<'py, R>,
            $($a: for<'a> FromPyObject<'a, 'py>,)+
        {
            let $($mutkw)? recv = $borrow::<T>(py, slf)?;
            let mut out: [Ptr; $n] = [std::ptr::null_mut(); $n];
            desc.extract_fastcall(py, args, nargs, kwnames, &mut out)?;
            let result = f(&$($mutkw)? recv $(, { let token: $pyty = py; token })?, $(extract::<$a>(py, &out[$i], desc.slot_name($i))?),+);
            kind.finish(py, result)
        }
    };
}

macro_rules! arity {
    ($r:ident, $m:ident, $rp:ident, $mp:ident, $n:literal; $($a:ident $i:literal),+) => {
        with_args!($r, self_borrow, [PyClass], [&T], [], [], $n; $($a $i),+);
        with_args!($m, self_borrow_mut, [PyClass<Frozen = boolean::False>], [&mut T], [mut], [], $n; $($a $i),+);
        with_args!($rp, self_borrow, [PyClass], [&T], [], [Python<'py>], $n; $($a $i),+);
        with_args!($mp, self_borrow_mut, [PyClass<Frozen = boolean::False>], [&mut T], [mut], [Python<'py>], $n; $($a $i),+);
    };
}

arity!(ref1, mut1, ref1_py, mut1_py, 1; A0 0);
arity!(ref2, mut2, ref2_py, mut2_py, 2; A0 0, A1 1);
arity!(ref3, mut3, ref3_py, mut3_py, 3; A0 0, A1 1, A2 2);
arity!(ref4, mut4, ref4_py, mut4_py, 4; A0 0, A1 1, A2 2, A3 3);
arity!(ref5, mut5, ref5_py, mut5_py, 5; A0 0, A1 1, A2 2, A3 3, A4 4);
arity!(ref6, mut6, ref6_py, mut6_py, 6; A0 0, A1 1, A2 2, A3 3, A4 4, A5 5);
arity!(ref7, mut7, ref7_py, mut7_py, 7; A0 0, A1 1, A2 2, A3 3, A4 4, A5 5, A6 6);
arity!(ref8, mut8, ref8_py, mut8_py, 8; A0 0, A1 1, A2 2, A3 3, A4 4, A5 5, A6 6, A7 7);
