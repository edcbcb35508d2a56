//! Where a class's Rust value lives inside its Python object, and dropping it.
use std::cell::{Cell, RefCell, UnsafeCell};
use std::mem::ManuallyDrop;
use std::panic::{self, AssertUnwindSafe};

use super::{PyClass, PyClassBaseType};
use crate::ffi;
use crate::marker::Python;
use crate::panic::PanicException;

/// A `__dict__` or `__weakref__` pointer, present only with `dict`/`weakref`.
pub trait SlotPtr: Default {
    const PRESENT: bool;
}

#[repr(transparent)]
pub struct ObjectSlot(pub *mut ffi::PyObject);

impl Default for ObjectSlot {
    fn default() -> Self {
        ObjectSlot(std::ptr::null_mut())
    }
}
impl SlotPtr for ObjectSlot {
    const PRESENT: bool = true;
}

#[derive(Default)]
pub struct NoSlot;
impl SlotPtr for NoSlot {
    const PRESENT: bool = false;
}

/// Which threads may touch a class's value: any (`Send + Sync` classes,
/// checked at compile time) or only the creating one (`unsendable`).
pub trait ThreadCheck {
    fn new() -> Self;
    fn is_owner(&self) -> bool;
    /// Panics with PyO3's message when called from another thread.
    #[inline(always)]
    fn ensure(&self, type_name: &str) {
        if !self.is_owner() {
            panic!("{type_name} is unsendable, but sent to another thread");
        }
    }
}

/// A class that is `Send + Sync`: no check.
pub struct AnyThread;
impl ThreadCheck for AnyThread {
    #[inline(always)]
    fn new() -> Self {
        AnyThread
    }
    #[inline(always)]
    fn is_owner(&self) -> bool {
        true
    }
}

/// `#[pyclass(unsendable)]`: the thread that created the value.
pub struct CreatingThread(std::thread::ThreadId);
impl ThreadCheck for CreatingThread {
    fn new() -> Self {
        CreatingThread(std::thread::current().id())
    }
    #[inline]
    fn is_owner(&self) -> bool {
        std::thread::current().id() == self.0
    }
}

/// Panics unless this thread may touch every level of `obj` (`T` and its bases).
#[inline(always)]
pub(crate) unsafe fn ensure_thread<T: PyClass>(obj: *mut ffi::PyObject) {
    (*contents::<T>(obj)).thread.ensure(std::any::type_name::<T>());
    <T::BaseType as PyClassBaseType>::ensure_thread(obj);
}

/// One class level's part of an instance.
#[repr(C)]
pub struct Contents<T: PyClass> {
    pub(crate) value: ManuallyDrop<UnsafeCell<T>>,
    pub(crate) thread: T::ThreadChecker,
    pub(crate) borrow: T::Checker,
    pub(crate) dict: T::Dict,
    pub(crate) weakref: T::WeakRef,
}

impl<T: PyClass> Contents<T> {
    pub(crate) fn new(value: T) -> Self {
        Contents {
            value: ManuallyDrop::new(UnsafeCell::new(value)),
            thread: ThreadCheck::new(),
            borrow: Default::default(),
            dict: Default::default(),
            weakref: Default::default(),
        }
    }

    #[inline]
    pub(crate) fn get_ptr(&self) -> *mut T {
        self.value.get()
    }
}

/// Where `T`'s contents start when that is known at compile time: a class
/// whose base is `object` (checked against `__basicsize__` when the type is created).
#[inline(always)]
pub(crate) const fn static_offset<T: PyClass>() -> Option<usize> {
    match <T::BaseType as PyClassBaseType>::STATIC_BASICSIZE {
        Some(size) => {
            let align = std::mem::align_of::<Contents<T>>();
            Some(size.div_ceil(align) * align)
        }
        None => None,
    }
}

/// `T`'s contents inside `obj`, which must be an instance of `T` (or a subclass).
#[inline]
pub unsafe fn contents<T: PyClass>(obj: *mut ffi::PyObject) -> *mut Contents<T> {
    let offset = match static_offset::<T>() {
        Some(offset) => offset,
        None => T::lazy_type().offset(Python::assume_attached()),
    };
    (obj as *mut u8).add(offset) as *mut Contents<T>
}

/// The borrow flag guarding every level of `obj`.
#[inline]
pub(crate) unsafe fn checker<'a, T: PyClass>(obj: *mut ffi::PyObject) -> &'a <T::Root as PyClass>::Checker {
    &(*contents::<T::Root>(obj)).borrow
}

/// Drops the Rust value of `T` and of its `#[pyclass]` bases. A panicking
/// destructor is reported through `sys.unraisablehook`; the memory is freed anyway.
pub(crate) unsafe fn drop_contents<T: PyClass>(obj: *mut ffi::PyObject) {
    let c = contents::<T>(obj);
    if !(*c).thread.is_owner() {
        // Dropping a `!Send` value here would be unsound: leak it, and say so.
        let py = Python::assume_attached();
        let name = std::any::type_name::<T>();
        crate::exceptions::PyRuntimeError::new_err(format!("{name} is unsendable, but is being dropped on another thread")).restore(py);
        ffi::PyErr_WriteUnraisable(std::ptr::null_mut());
        return <T::BaseType as PyClassBaseType>::drop_contents(obj);
    }
    let result = panic::catch_unwind(AssertUnwindSafe(|| ManuallyDrop::drop(&mut (*c).value)));
    if let Err(payload) = result {
        let py = Python::assume_attached();
        PanicException::from_panic_payload(payload).restore(py);
        ffi::PyErr_WriteUnraisable(T::type_object_raw(py) as *mut ffi::PyObject);
    }
    <T::BaseType as PyClassBaseType>::drop_contents(obj);
}

thread_local! {
    /// Nesting of `tp_dealloc`s on this thread, and the objects whose dealloc was
    /// postponed because the nesting got too deep.
    static DEALLOC_DEPTH: Cell<u32> = const { Cell::new(0) };
    static POSTPONED: RefCell<Vec<(*mut ffi::PyObject, unsafe fn(*mut ffi::PyObject))>> = const { RefCell::new(Vec::new()) };
}

/// Deeper than this, a dealloc is queued for the outermost one to run (as
/// CPython's trashcan does), so a long chain of objects frees in a loop
/// instead of one stack frame per link. Own bookkeeping: also under the limited API.
const MAX_DEALLOC_DEPTH: u32 = 50;

/// `tp_dealloc` of every `#[pyclass]`.
pub unsafe extern "C" fn tp_dealloc<T: PyClass>(obj: *mut ffi::PyObject) {
    let _attached = crate::gil::CallbackGuard::enter();
    let actual_type = ffi::Py_TYPE(obj);
    if ffi::PyType_GetFlags(actual_type) & ffi::Py_TPFLAGS_HAVE_GC != 0 {
        // Untracked before it may wait in the queue: the collector must never see
        // an object whose count is already zero.
        ffi::PyObject_GC_UnTrack(obj as *mut std::ffi::c_void);
    }
    let Ok(depth) = DEALLOC_DEPTH.try_with(|d| d.get()) else {
        return dealloc_now::<T>(obj); // the thread is ending: its locals are gone
    };
    if depth >= MAX_DEALLOC_DEPTH {
        POSTPONED.with(|p| p.borrow_mut().push((obj, dealloc_now::<T>)));
        return;
    }
    DEALLOC_DEPTH.with(|d| d.set(depth + 1));
    dealloc_now::<T>(obj);
    if depth == 0 {
        while let Some((next, dealloc)) = POSTPONED.with(|p| p.borrow_mut().pop()) {
            dealloc(next);
        }
    }
    DEALLOC_DEPTH.with(|d| d.set(depth));
}

unsafe fn dealloc_now<T: PyClass>(obj: *mut ffi::PyObject) {
    let py = Python::assume_attached();
    let actual_type = ffi::Py_TYPE(obj);
    // A dealloc may run while an exception is being raised; keep it.
    let pending = if ffi::PyErr_Occurred().is_null() { None } else { crate::err::PyErr::take_pending(py) };
    let c = contents::<T>(obj);
    if T::WeakRef::PRESENT {
        let slot = &mut (*c).weakref as *mut T::WeakRef as *mut *mut ffi::PyObject;
        if !(*slot).is_null() {
            ffi::PyObject_ClearWeakRefs(obj);
        }
    }
    if T::Dict::PRESENT {
        ffi::Py_CLEAR(&mut (*c).dict as *mut T::Dict as *mut *mut ffi::PyObject);
    }
    drop_contents::<T>(obj);
    if let Some(err) = pending {
        err.restore(py);
    }
    free_native::<T>(py, obj, actual_type);
}

/// Hands the memory back through the first native base in the hierarchy.
unsafe fn free_native<T: PyClass>(py: Python<'_>, obj: *mut ffi::PyObject, actual_type: *mut ffi::PyTypeObject) {
    let native = native_base_type::<T>(py);
    let object = std::ptr::addr_of_mut!(ffi::PyBaseObject_Type);
    if native == object {
        let free = super::slots::type_slot(actual_type, ffi::Py_tp_free);
        let free: ffi::freefunc = std::mem::transmute(free);
        free(obj as *mut std::ffi::c_void);
    } else {
        // The native base's dealloc frees the memory itself (and, for GC
        // types, expects the object tracked again, as subtype_dealloc does).
        if ffi::PyType_GetFlags(native) & ffi::Py_TPFLAGS_HAVE_GC != 0 {
            ffi::PyObject_GC_Track(obj as *mut std::ffi::c_void);
        }
        let dealloc = base_dealloc(native);
        dealloc(obj);
    }
    if ffi::PyType_GetFlags(actual_type) & ffi::Py_TPFLAGS_HEAPTYPE != 0 {
        ffi::Py_DECREF(actual_type as *mut ffi::PyObject);
    }
}

unsafe fn base_dealloc(native: *mut ffi::PyTypeObject) -> ffi::destructor {
    let dealloc = super::slots::type_slot(native, ffi::Py_tp_dealloc);
    assert!(!dealloc.is_null(), "a native base type without tp_dealloc");
    std::mem::transmute::<*mut std::ffi::c_void, ffi::destructor>(dealloc)
}

/// The native type under every `#[pyclass]` level of `T`'s hierarchy. Walked through the bases, not
/// read from `T::Root`: the borrow flag's level (a mutable class over a frozen one is its own root)
/// need not be the lowest class.
pub(crate) fn native_base_type<T: PyClass>(py: Python<'_>) -> *mut ffi::PyTypeObject {
    <T::BaseType as PyClassBaseType>::native_type_object(py)
}
