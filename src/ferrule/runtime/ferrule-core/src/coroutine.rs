//! `pyo3::coroutine`: the Python awaitable an `async fn` binding returns
//! (feature `experimental-async`). Each `send`/`__next__` polls the Rust
//! future once; a pending future parks the asyncio task on an
//! `asyncio.Future` that the waker completes (see `waker.rs`).
use std::ffi::c_void;
use std::future::Future;
use std::panic::{self, AssertUnwindSafe};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll, Waker};

use crate::conversion::IntoPyObject;
use crate::err::{PyErr, PyResult};
use crate::exceptions::{PyAttributeError, PyRuntimeError, PyStopIteration};
use crate::ffi;
use crate::impl_::pyclass::{self_borrow, self_borrow_mut};
use crate::impl_::trampoline::{slot1, slot2};
use crate::instance::{Bound, Py};
use crate::marker::Python;
use crate::panic::PanicException;
use crate::pyclass::{boolean, AnyThread, BorrowFlag, LazyType, NoSlot, PyClass, TypeBuilder};
use crate::type_object::PyTypeInfo;
use crate::types::{PyAny, PyAnyMethods, PyString, PyStringMethods};

mod cancel;
mod waker;

pub use cancel::CancelHandle;
#[doc(hidden)]
pub use cancel::ThrowCallback;
use waker::AsyncioWaker;

type BoxedFuture = Pin<Box<dyn Future<Output = PyResult<Py<PyAny>>> + Send>>;
type Ptr = *mut ffi::PyObject;

/// A Python coroutine driving a Rust future. Only the glue of `async fn`
/// bindings creates one (PyO3 has no public constructor either).
pub struct Coroutine {
    name: Option<Py<PyString>>,
    qualname_prefix: Option<&'static str>,
    throw_callback: Option<ThrowCallback>,
    future: Option<BoxedFuture>,
    waker: Option<Arc<AsyncioWaker>>,
}

impl Coroutine {
    pub(crate) fn new<F>(
        name: Option<Py<PyString>>,
        qualname_prefix: Option<&'static str>,
        throw_callback: Option<ThrowCallback>,
        future: F,
    ) -> Self
    where
        F: Future<Output = PyResult<Py<PyAny>>> + Send + 'static,
    {
        Coroutine { name, qualname_prefix, throw_callback, future: Some(Box::pin(future)), waker: None }
    }

    /// One step: the object to yield to the event loop, or `Err` carrying
    /// `StopIteration(result)`, the future's error, or a panic.
    fn poll(&mut self, py: Python<'_>, thrown: Option<Py<PyAny>>) -> PyResult<Py<PyAny>> {
        if self.future.is_none() {
            return Err(PyRuntimeError::new_err("cannot reuse already awaited coroutine"));
        }
        if let Some(exc) = thrown {
            match &self.throw_callback {
                // A `CancelHandle` receives it; the future decides what to do.
                Some(callback) => callback.throw(exc),
                None => {
                    self.close();
                    return Err(PyErr::from_value(exc.into_bound(py)));
                }
            }
        }
        // The task owns the waker between polls; reuse it when nothing else does.
        match self.waker.as_mut().and_then(Arc::get_mut) {
            Some(waker) => waker.reset(),
            None => self.waker = Some(Arc::new(AsyncioWaker::new())),
        }
        let arc = self.waker.clone().expect("set above");
        let waker = Waker::from(arc.clone());
        let future = self.future.as_mut().expect("checked above");
        // A future that panicked is dropped, never polled again: unwind safety holds.
        let polled = panic::catch_unwind(AssertUnwindSafe(|| future.as_mut().poll(&mut Context::from_waker(&waker))));
        match polled {
            Ok(Poll::Ready(result)) => {
                self.close();
                Err(PyStopIteration::new_err((result?,)))
            }
            Err(payload) => {
                self.close();
                Err(PanicException::from_panic_payload(payload))
            }
            Ok(Poll::Pending) => match arc.initialize_future(py)? {
                // Yielding the future's own `__next__` value (itself) parks the task on it.
                Some(future) => Ok(future.try_iter()?.next().expect("a pending asyncio.Future yields itself")?.unbind()),
                // Woken while polling: give the loop one turn, like `asyncio.sleep(0)`.
                None => Ok(py.None()),
            },
        }
    }

    fn close(&mut self) {
        drop(self.future.take());
    }
}

static TYPE: LazyType = LazyType::new();

unsafe impl PyTypeInfo for Coroutine {
    const NAME: &'static str = "Coroutine";
    const MODULE: Option<&'static str> = None;
    #[inline]
    fn type_object_raw(py: Python<'_>) -> *mut ffi::PyTypeObject {
        TYPE.get::<Coroutine>(py)
    }
}

impl crate::types::DerefToPyAny for Coroutine {}

unsafe impl PyClass for Coroutine {
    type Frozen = boolean::False;
    type BaseType = PyAny;
    type Root = Self;
    type Checker = BorrowFlag;
    type Dict = NoSlot;
    type WeakRef = NoSlot;
    type ThreadChecker = AnyThread;
    fn lazy_type() -> &'static LazyType {
        &TYPE
    }
    fn build_type(b: &mut TypeBuilder) {
        b.name = c"builtins.Coroutine"; // PyO3 names a class without a module so
        b.doc = Some(c"Python coroutine wrapping a Rust future.");
        b.slot(ffi::Py_am_await, am_await as *mut c_void);
        b.slot(ffi::Py_tp_iternext, tp_iternext as *mut c_void);
        b.method(method(c"send", send, ffi::METH_O));
        b.method(method(c"throw", throw, ffi::METH_O));
        b.method(method(c"close", close, ffi::METH_NOARGS));
        b.getter(c"__name__", get_name, c"");
        b.getter(c"__qualname__", get_qualname, c"");
    }
}

impl<'py> IntoPyObject<'py> for Coroutine {
    type Target = Coroutine;
    type Output = Bound<'py, Coroutine>;
    type Error = PyErr;
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Bound<'py, Coroutine>> {
        Bound::new(py, self)
    }
}

fn method(name: &'static std::ffi::CStr, f: ffi::PyCFunction, flags: std::ffi::c_int) -> ffi::PyMethodDef {
    ffi::PyMethodDef {
        ml_name: name.as_ptr(),
        ml_meth: ffi::PyMethodDefPointer { PyCFunction: f },
        ml_flags: flags,
        ml_doc: std::ptr::null(),
    }
}

unsafe fn step(py: Python<'_>, slf: Ptr, thrown: Ptr) -> PyResult<Ptr> {
    let thrown = if thrown.is_null() { None } else { Some(Py::from_borrowed_ptr(py, thrown)) };
    let mut me = self_borrow_mut::<Coroutine>(py, slf)?;
    let yielded = me.poll(py, thrown);
    drop(me);
    yielded.map(Py::into_ptr)
}

unsafe fn step_none(py: Python<'_>, slf: Ptr) -> PyResult<Ptr> {
    step(py, slf, std::ptr::null_mut())
}

unsafe fn close_body(py: Python<'_>, slf: Ptr) -> PyResult<Ptr> {
    self_borrow_mut::<Coroutine>(py, slf)?.close();
    Ok(crate::impl_::wrap::none())
}

unsafe fn name_body(py: Python<'_>, slf: Ptr) -> PyResult<Ptr> {
    let me = self_borrow::<Coroutine>(py, slf)?;
    match &me.name {
        Some(name) => Ok(name.clone_ref(py).into_ptr()),
        None => Err(PyAttributeError::new_err("__name__")),
    }
}

unsafe fn qualname_body(py: Python<'_>, slf: Ptr) -> PyResult<Ptr> {
    let me = self_borrow::<Coroutine>(py, slf)?;
    match (&me.name, me.qualname_prefix) {
        (Some(name), Some(prefix)) => {
            let qualname = format!("{}.{}", prefix, name.bind(py).to_cow()?);
            Ok(PyString::new(py, &qualname).into_ptr())
        }
        (Some(name), None) => Ok(name.clone_ref(py).into_ptr()),
        (None, _) => Err(PyAttributeError::new_err("__qualname__")),
    }
}

unsafe extern "C" fn send(slf: Ptr, _value: Ptr) -> Ptr {
    slot1(step_none, slf)
}

unsafe extern "C" fn throw(slf: Ptr, exc: Ptr) -> Ptr {
    slot2(step, slf, exc)
}

unsafe extern "C" fn tp_iternext(slf: Ptr) -> Ptr {
    slot1(step_none, slf)
}

unsafe extern "C" fn close(slf: Ptr, _unused: Ptr) -> Ptr {
    slot1(close_body, slf)
}

unsafe extern "C" fn am_await(slf: Ptr) -> Ptr {
    ffi::Py_INCREF(slf);
    slf
}

unsafe extern "C" fn get_name(slf: Ptr, _closure: *mut c_void) -> Ptr {
    slot1(name_body, slf)
}

unsafe extern "C" fn get_qualname(slf: Ptr, _closure: *mut c_void) -> Ptr {
    slot1(qualname_body, slf)
}
