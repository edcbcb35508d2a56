//! `async fn` bindings (runtime feature `experimental-async`, turned on here
//! through this crate's default feature): coroutines that asyncio awaits.
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use pyo3::coroutine::CancelHandle;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyType;

/// Ready once a Rust thread, after `ms` milliseconds, stores `value` and wakes the task.
struct FromThread<T> {
    shared: Arc<Mutex<(Option<T>, Option<Waker>)>>,
}

fn from_thread<T: Send + 'static>(ms: u64, value: T) -> FromThread<T> {
    let shared = Arc::new(Mutex::new((None, None::<Waker>)));
    let theirs = shared.clone();
    std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(ms));
        let waker = {
            let mut slot = theirs.lock().unwrap();
            slot.0 = Some(value);
            slot.1.take()
        };
        if let Some(waker) = waker {
            waker.wake();
        }
    });
    FromThread { shared }
}

impl<T> Future for FromThread<T> {
    type Output = T;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        let mut slot = self.shared.lock().unwrap();
        match slot.0.take() {
            Some(value) => Poll::Ready(value),
            None => {
                slot.1 = Some(cx.waker().clone());
                Poll::Pending
            }
        }
    }
}

/// Wakes itself while being polled, then is ready: one turn of the loop.
struct YieldOnce(bool);

impl Future for YieldOnce {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            return Poll::Ready(());
        }
        self.0 = true;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

/// Polls the inner future detached from the interpreter (the workaround PyO3's guide gives).
struct Detached<F>(F);

impl<F> Future for Detached<F>
where
    F: Future + Unpin + Send,
    F::Output: Send,
{
    type Output = F::Output;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let waker = cx.waker();
        Python::attach(|py| py.detach(|| Pin::new(&mut self.0).poll(&mut Context::from_waker(waker))))
    }
}

/// Waits detached: woken once while polled (detached), then by a Rust thread.
#[pyfunction]
pub async fn detached(value: i64) -> i64 {
    Detached(YieldOnce(false)).await;
    Detached(from_thread(5, value)).await
}

#[pyfunction]
pub async fn doubled(x: i64) -> i64 {
    x * 2
}

#[pyfunction]
pub async fn nothing() {}

#[pyfunction]
pub async fn with_length(text: String) -> (String, usize) {
    let n = text.len();
    (text, n)
}

/// Resolved by another thread after `ms` milliseconds.
#[pyfunction]
#[pyo3(signature = (ms, value = None))]
pub async fn after(ms: u64, value: Option<Py<PyAny>>) -> Option<Py<PyAny>> {
    from_thread(ms, value).await
}

#[pyfunction]
pub async fn yield_then(value: i64) -> i64 {
    YieldOnce(false).await;
    value
}

#[pyfunction]
pub async fn fails_later(message: String) -> PyResult<i64> {
    from_thread(1, ()).await;
    Err(PyValueError::new_err(message))
}

#[pyfunction]
pub async fn panics() {
    panic!("boom inside a future");
}

/// Returns the name of the exception thrown into the coroutine (a cancelled task's `CancelledError`).
#[pyfunction]
pub async fn until_thrown(#[pyo3(cancel_handle)] mut cancel: CancelHandle) -> String {
    let thrown = cancel.cancelled().await;
    Python::attach(|py| thrown.bind(py).get_type().name().map(|n| n.to_string()).unwrap_or_default())
}

/// Polls until cancelled, then says how many polls it took.
#[pyfunction]
pub async fn count_until_cancelled(#[pyo3(cancel_handle)] cancel: CancelHandle) -> u32 {
    let mut polls = 0;
    while !cancel.is_cancelled() {
        polls += 1;
        from_thread(1, ()).await;
    }
    polls
}

#[pyfunction]
pub async fn sum_counts(a: &Counter, b: &Counter) -> u64 {
    a.count + b.count
}

#[pyfunction]
#[pyo3(signature = (*args, **kwargs))]
pub async fn gather_args(args: Py<pyo3::types::PyTuple>, kwargs: Option<Py<pyo3::types::PyDict>>) -> (Py<pyo3::types::PyTuple>, Option<Py<pyo3::types::PyDict>>) {
    (args, kwargs)
}

#[pyclass]
pub struct Counter {
    count: u64,
    label: String,
}

#[pymethods]
impl Counter {
    #[new]
    fn new(label: String) -> Self {
        Counter { count: 0, label }
    }

    /// The count, read after `ms` milliseconds (the instance stays borrowed meanwhile).
    async fn read(&self, ms: u64) -> u64 {
        from_thread(ms, ()).await;
        self.count
    }

    async fn bump(&mut self, ms: u64) -> u64 {
        from_thread(ms, ()).await;
        self.count += 1;
        self.count
    }

    async fn tagged(&self, suffix: &str) -> String {
        format!("{}-{}", self.label, suffix)
    }

    async fn label_ref(&self) -> &str {
        &self.label
    }

    /// Borrows from `self` and from an argument for as long as the future runs.
    async fn label_or<'a>(&'a self, fallback: &'a str) -> &'a str {
        if self.label.is_empty() { fallback } else { &self.label }
    }

    async fn through_py(slf: Py<Self>) -> u64 {
        Python::attach(|py| slf.borrow(py).count)
    }

    #[staticmethod]
    async fn starting_at(count: u64) -> Counter {
        Counter { count, label: "made".into() }
    }

    #[classmethod]
    async fn class_name(cls: Py<PyType>) -> String {
        Python::attach(|py| cls.bind(py).name().map(|n| n.to_string()).unwrap_or_default())
    }
}
