//! Blocking primitives used while attached: each first tries without
//! blocking, and only detaches from the interpreter for the blocking wait, so a
//! thread holding the lock that needs to attach cannot deadlock with us.
//! std's types always; `lock_api` (and `Arc` guards with `arc_lock`) and
//! `parking_lot::Once` behind their features, as PyO3.
use std::sync::{LockResult, Mutex, MutexGuard, Once, OnceLock, OnceState, RwLock, RwLockReadGuard, RwLockWriteGuard, TryLockError};

use crate::gil::SuspendGuard;
use crate::marker::Python;

mod sealed {
    pub trait Sealed {}
    impl Sealed for std::sync::Once {}
    impl<T> Sealed for std::sync::OnceLock<T> {}
    impl<T> Sealed for std::sync::Mutex<T> {}
    impl<T> Sealed for std::sync::RwLock<T> {}
    #[cfg(feature = "parking_lot")]
    impl Sealed for parking_lot::Once {}
    #[cfg(feature = "lock_api")]
    impl<R, T> Sealed for lock_api::Mutex<R, T> {}
    #[cfg(feature = "lock_api")]
    impl<R, G, T> Sealed for lock_api::ReentrantMutex<R, G, T> {}
    #[cfg(feature = "lock_api")]
    impl<R, T> Sealed for lock_api::RwLock<R, T> {}
    #[cfg(feature = "arc_lock")]
    impl<R, T> Sealed for std::sync::Arc<lock_api::Mutex<R, T>> {}
    #[cfg(feature = "arc_lock")]
    impl<R, G, T> Sealed for std::sync::Arc<lock_api::ReentrantMutex<R, G, T>> {}
    #[cfg(feature = "arc_lock")]
    impl<R, T> Sealed for std::sync::Arc<lock_api::RwLock<R, T>> {}
}

/// Detached for the lifetime of the guard (re-attaches on drop, panics included).
fn detach() -> SuspendGuard {
    // SAFETY: callers hold `Python<'_>`, so this thread is attached; nothing
    // touches Python objects until the guard is dropped.
    unsafe { SuspendGuard::new() }
}

/// `Once` run while attached: waits detached, runs `f` attached.
pub trait OnceExt: sealed::Sealed {
    type OnceState;
    fn call_once_py_attached(&self, py: Python<'_>, f: impl FnOnce());
    fn call_once_force_py_attached(&self, py: Python<'_>, f: impl FnOnce(&Self::OnceState));
}

/// `OnceLock::get_or_init` that waits for another initialising thread detached.
pub trait OnceLockExt<T>: sealed::Sealed {
    fn get_or_init_py_attached<F: FnOnce() -> T>(&self, py: Python<'_>, f: F) -> &T;
}

/// `lock()` that waits detached.
pub trait MutexExt<T>: sealed::Sealed {
    type LockResult<'a>
    where
        Self: 'a;
    fn lock_py_attached(&self, py: Python<'_>) -> Self::LockResult<'_>;
}

/// `read()`/`write()` that wait detached.
pub trait RwLockExt<T>: sealed::Sealed {
    type ReadLockResult<'a>
    where
        Self: 'a;
    type WriteLockResult<'a>
    where
        Self: 'a;
    fn read_py_attached(&self, py: Python<'_>) -> Self::ReadLockResult<'_>;
    fn write_py_attached(&self, py: Python<'_>) -> Self::WriteLockResult<'_>;
}

impl OnceExt for Once {
    type OnceState = OnceState;
    fn call_once_py_attached(&self, _py: Python<'_>, f: impl FnOnce()) {
        if self.is_completed() {
            return;
        }
        let guard = detach();
        self.call_once(move || {
            drop(guard);
            f();
        });
    }
    fn call_once_force_py_attached(&self, _py: Python<'_>, f: impl FnOnce(&OnceState)) {
        if self.is_completed() {
            return;
        }
        let guard = detach();
        self.call_once_force(move |state| {
            drop(guard);
            f(state);
        });
    }
}

#[cfg(feature = "parking_lot")]
impl OnceExt for parking_lot::Once {
    type OnceState = parking_lot::OnceState;
    fn call_once_py_attached(&self, _py: Python<'_>, f: impl FnOnce()) {
        if self.state().done() {
            return;
        }
        let guard = detach();
        self.call_once(move || {
            drop(guard);
            f();
        });
    }
    fn call_once_force_py_attached(&self, _py: Python<'_>, f: impl FnOnce(&parking_lot::OnceState)) {
        if self.state().done() {
            return;
        }
        let guard = detach();
        self.call_once_force(move |state| {
            drop(guard);
            f(&state);
        });
    }
}

impl<T> OnceLockExt<T> for OnceLock<T> {
    fn get_or_init_py_attached<F: FnOnce() -> T>(&self, _py: Python<'_>, f: F) -> &T {
        if let Some(v) = self.get() {
            return v;
        }
        let guard = detach();
        self.get_or_init(move || {
            drop(guard);
            f()
        })
    }
}

/// `try` first; a poisoned lock is returned as it is, only a busy one waits detached.
fn std_lock<G>(try_lock: Result<G, TryLockError<G>>, lock: impl FnOnce() -> LockResult<G>) -> LockResult<G> {
    match try_lock {
        Ok(g) => Ok(g),
        Err(TryLockError::Poisoned(p)) => Err(p),
        Err(TryLockError::WouldBlock) => {
            let _detached = detach();
            lock()
        }
    }
}

/// The same for `lock_api`'s locks, which cannot be poisoned.
#[cfg(feature = "lock_api")]
fn api_lock<G>(try_lock: Option<G>, lock: impl FnOnce() -> G) -> G {
    match try_lock {
        Some(g) => g,
        None => {
            let _detached = detach();
            lock()
        }
    }
}

impl<T> MutexExt<T> for Mutex<T> {
    type LockResult<'a>
        = LockResult<MutexGuard<'a, T>>
    where
        Self: 'a;
    fn lock_py_attached(&self, _py: Python<'_>) -> Self::LockResult<'_> {
        std_lock(self.try_lock(), || self.lock())
    }
}

impl<T> RwLockExt<T> for RwLock<T> {
    type ReadLockResult<'a>
        = LockResult<RwLockReadGuard<'a, T>>
    where
        Self: 'a;
    type WriteLockResult<'a>
        = LockResult<RwLockWriteGuard<'a, T>>
    where
        Self: 'a;
    fn read_py_attached(&self, _py: Python<'_>) -> Self::ReadLockResult<'_> {
        std_lock(self.try_read(), || self.read())
    }
    fn write_py_attached(&self, _py: Python<'_>) -> Self::WriteLockResult<'_> {
        std_lock(self.try_write(), || self.write())
    }
}

#[cfg(feature = "lock_api")]
impl<R: lock_api::RawMutex, T> MutexExt<T> for lock_api::Mutex<R, T> {
    type LockResult<'a>
        = lock_api::MutexGuard<'a, R, T>
    where
        Self: 'a;
    fn lock_py_attached(&self, _py: Python<'_>) -> Self::LockResult<'_> {
        api_lock(self.try_lock(), || self.lock())
    }
}

#[cfg(feature = "lock_api")]
impl<R: lock_api::RawMutex, G: lock_api::GetThreadId, T> MutexExt<T> for lock_api::ReentrantMutex<R, G, T> {
    type LockResult<'a>
        = lock_api::ReentrantMutexGuard<'a, R, G, T>
    where
        Self: 'a;
    fn lock_py_attached(&self, _py: Python<'_>) -> Self::LockResult<'_> {
        api_lock(self.try_lock(), || self.lock())
    }
}

#[cfg(feature = "lock_api")]
impl<R: lock_api::RawRwLock, T> RwLockExt<T> for lock_api::RwLock<R, T> {
    type ReadLockResult<'a>
        = lock_api::RwLockReadGuard<'a, R, T>
    where
        Self: 'a;
    type WriteLockResult<'a>
        = lock_api::RwLockWriteGuard<'a, R, T>
    where
        Self: 'a;
    fn read_py_attached(&self, _py: Python<'_>) -> Self::ReadLockResult<'_> {
        api_lock(self.try_read(), || self.read())
    }
    fn write_py_attached(&self, _py: Python<'_>) -> Self::WriteLockResult<'_> {
        api_lock(self.try_write(), || self.write())
    }
}

#[cfg(feature = "arc_lock")]
impl<R: lock_api::RawMutex, T> MutexExt<T> for std::sync::Arc<lock_api::Mutex<R, T>> {
    type LockResult<'a>
        = lock_api::ArcMutexGuard<R, T>
    where
        Self: 'a;
    fn lock_py_attached(&self, _py: Python<'_>) -> Self::LockResult<'_> {
        api_lock(self.try_lock_arc(), || self.lock_arc())
    }
}

#[cfg(feature = "arc_lock")]
impl<R: lock_api::RawMutex, G: lock_api::GetThreadId, T> MutexExt<T> for std::sync::Arc<lock_api::ReentrantMutex<R, G, T>> {
    type LockResult<'a>
        = lock_api::ArcReentrantMutexGuard<R, G, T>
    where
        Self: 'a;
    fn lock_py_attached(&self, _py: Python<'_>) -> Self::LockResult<'_> {
        api_lock(self.try_lock_arc(), || self.lock_arc())
    }
}

#[cfg(feature = "arc_lock")]
impl<R: lock_api::RawRwLock, T> RwLockExt<T> for std::sync::Arc<lock_api::RwLock<R, T>> {
    type ReadLockResult<'a>
        = lock_api::ArcRwLockReadGuard<R, T>
    where
        Self: 'a;
    type WriteLockResult<'a>
        = lock_api::ArcRwLockWriteGuard<R, T>
    where
        Self: 'a;
    fn read_py_attached(&self, _py: Python<'_>) -> Self::ReadLockResult<'_> {
        api_lock(self.try_read_arc(), || self.read_arc())
    }
    fn write_py_attached(&self, _py: Python<'_>) -> Self::WriteLockResult<'_> {
        api_lock(self.try_write_arc(), || self.write_arc())
    }
}
