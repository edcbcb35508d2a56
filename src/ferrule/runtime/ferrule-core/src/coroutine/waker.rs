//! Waking a parked coroutine: after a pending poll the task waits on an
//! `asyncio.Future` of the running loop; `wake` (from any thread) schedules
//! its completion with `loop.call_soon_threadsafe`, as PyO3 does.
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::Wake;

use crate::err::PyResult;
use crate::ffi;
use crate::impl_::pyfunction::MethodDef;
use crate::instance::{Bound, Py};
use crate::marker::Python;
use crate::sync::PyOnceLock;
use crate::types::{PyAny, PyAnyMethods, PyModule};

enum State {
    /// Polling; no future made yet.
    Fresh,
    /// Woken before the poll returned: the task should simply run again.
    WokenEarly,
    Parked { event_loop: Py<PyAny>, future: Py<PyAny> },
}

pub(crate) struct AsyncioWaker(Mutex<State>);

impl AsyncioWaker {
    pub(crate) fn new() -> Self {
        AsyncioWaker(Mutex::new(State::Fresh))
    }

    /// Before reusing the waker for the next poll (nobody else holds it).
    pub(crate) fn reset(&mut self) {
        let state = self.0.get_mut().unwrap_or_else(|p| p.into_inner());
        *state = State::Fresh;
    }

    /// After a pending poll: the future the task must wait on, or `None` when
    /// the waker already fired.
    pub(crate) fn initialize_future<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        if let State::WokenEarly = *self.lock() {
            return Ok(None);
        }
        // Made outside the lock: Python code may let another thread wake us meanwhile.
        let event_loop = running_loop(py)?;
        let future = event_loop.call_method0("create_future")?;
        let mut state = self.lock();
        match &*state {
            State::WokenEarly => Ok(None),
            State::Parked { future, .. } => Ok(Some(future.bind(py).clone())),
            State::Fresh => {
                *state = State::Parked { event_loop: event_loop.unbind(), future: future.clone().unbind() };
                Ok(Some(future))
            }
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl Wake for AsyncioWaker {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref()
    }

    fn wake_by_ref(self: &Arc<Self>) {
        Python::attach(|py| {
            let parked = {
                let mut state = self.lock();
                match &*state {
                    State::Fresh => {
                        *state = State::WokenEarly;
                        None
                    }
                    State::WokenEarly => None,
                    State::Parked { event_loop, future } => Some((event_loop.clone_ref(py), future.clone_ref(py))),
                }
            };
            if let Some((event_loop, future)) = parked {
                schedule_release(py, event_loop.bind(py), future.bind(py)).expect("unexpected error in coroutine waker");
            }
        })
    }
}

fn running_loop<'py>(py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
    static GET_RUNNING_LOOP: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let get = GET_RUNNING_LOOP.get_or_try_init(py, || -> PyResult<_> {
        Ok(PyModule::import(py, "asyncio")?.getattr("get_running_loop")?.unbind())
    })?;
    get.bind(py).call0()
}

/// `future.set_result(None)` must run on the loop's thread; a closed loop has
/// no task left to wake.
fn schedule_release(py: Python<'_>, event_loop: &Bound<'_, PyAny>, future: &Bound<'_, PyAny>) -> PyResult<()> {
    static RELEASE: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let release = RELEASE.get_or_try_init(py, || -> PyResult<_> {
        Ok(RELEASE_WAITER.wrap_unbound(py)?.into_any().unbind())
    })?;
    if let Err(err) = event_loop.call_method1("call_soon_threadsafe", (release.bind(py), future)) {
        if !event_loop.call_method0("is_closed")?.is_truthy()? {
            return Err(err);
        }
    }
    Ok(())
}

static RELEASE_WAITER: MethodDef = MethodDef(ffi::PyMethodDef {
    ml_name: c"release_waiter".as_ptr(),
    ml_meth: ffi::PyMethodDefPointer { PyCFunction: release_waiter },
    ml_flags: ffi::METH_O,
    ml_doc: std::ptr::null(),
});

/// Completes the future unless it is done already (the task may have been cancelled).
unsafe extern "C" fn release_waiter(_slf: *mut ffi::PyObject, future: *mut ffi::PyObject) -> *mut ffi::PyObject {
    crate::impl_::trampoline::slot1(release_body, future)
}

unsafe fn release_body(py: Python<'_>, future: *mut ffi::PyObject) -> PyResult<*mut ffi::PyObject> {
    let future = Bound::<PyAny>::from_borrowed_ptr_typed(py, future);
    if !future.call_method0("done")?.is_truthy()? {
        future.call_method1("set_result", (py.None(),))?;
    }
    Ok(crate::impl_::wrap::none())
}
