//! Creating a class's heap type with `PyType_FromSpecWithBases`, once per
//! interpreter, from the slots, methods and properties the glue lists.
use std::ffi::{c_int, c_ulong, c_void, CStr, CString};
use std::mem::{align_of, offset_of, size_of};

use super::layout::{tp_dealloc, Contents, SlotPtr};
use super::PyClass;
use crate::err::{PyErr, PyResult};
use crate::ffi;
use crate::instance::{Bound, Py};
use crate::marker::Python;
use crate::sync::PyOnceLock;
use crate::types::{PyAny, PyAnyMethods, PyType};

/// A class attribute, computed after the type exists (so it may be an instance).
pub struct ClassAttr {
    pub name: &'static str,
    pub make: for<'py> fn(Python<'py>) -> PyResult<Py<PyAny>>,
}

/// What the glue's `build_type` fills in.
pub struct TypeBuilder {
    /// `module.Name`: CPython takes `__module__` from before the last dot.
    pub name: &'static CStr,
    pub doc: Option<&'static CStr>,
    pub flags: c_ulong,
    slots: Vec<ffi::PyType_Slot>,
    methods: Vec<ffi::PyMethodDef>,
    getsets: Vec<ffi::PyGetSetDef>,
    class_attrs: Vec<ClassAttr>,
}

impl TypeBuilder {
    pub(super) fn new() -> Self {
        TypeBuilder {
            name: c"builtins.object",
            doc: None,
            flags: 0,
            slots: Vec::new(),
            methods: Vec::new(),
            getsets: Vec::new(),
            class_attrs: Vec::new(),
        }
    }

    /// Moves everything but the class attributes out (they are added after the type exists).
    pub(super) fn take(&mut self) -> TypeBuilder {
        let mut rest = TypeBuilder::new();
        std::mem::swap(&mut rest.class_attrs, &mut self.class_attrs);
        std::mem::replace(self, rest)
    }

    pub(super) fn class_attrs_only(self) -> Vec<ClassAttr> {
        self.class_attrs
    }

    pub fn slot(&mut self, slot: c_int, pfunc: *mut c_void) {
        self.slots.retain(|s| s.slot != slot);
        self.slots.push(ffi::PyType_Slot { slot, pfunc });
    }

    fn has_slot(&self, slot: c_int) -> bool {
        self.slots.iter().any(|s| s.slot == slot)
    }

    pub fn method(&mut self, def: ffi::PyMethodDef) {
        self.methods.push(def);
    }

    /// `#[pyclass(generic)]`: the class method `__class_getitem__`, as PyO3 writes it, so
    /// `Cls[int]` is `types.GenericAlias(Cls, int)` (annotations evaluated at run time work).
    pub fn generic(&mut self) {
        unsafe extern "C" fn class_getitem(cls: *mut ffi::PyObject, key: *mut ffi::PyObject) -> *mut ffi::PyObject {
            unsafe fn body(_py: crate::Python<'_>, cls: *mut ffi::PyObject, key: *mut ffi::PyObject)
                -> crate::PyResult<*mut ffi::PyObject> {
                let alias = unsafe { ffi::Py_GenericAlias(cls, key) };
                if alias.is_null() { Err(crate::PyErr::fetch(_py)) } else { Ok(alias) }
            }
            unsafe { crate::impl_::trampoline::cfunction(body, cls, key) }
        }
        self.methods.push(ffi::PyMethodDef {
            ml_name: c"__class_getitem__".as_ptr(),
            ml_meth: ffi::PyMethodDefPointer { PyCFunction: class_getitem },
            ml_flags: ffi::METH_O | ffi::METH_CLASS,
            ml_doc: c"__class_getitem__($cls, key, /)\n--\n\n".as_ptr(),
        });
    }

    fn getset(&mut self, name: &'static CStr) -> &mut ffi::PyGetSetDef {
        let pos = match self.getsets.iter().position(|g| unsafe { CStr::from_ptr(g.name) } == name) {
            Some(pos) => pos,
            None => {
                let mut def = ffi::PyGetSetDef::zeroed();
                def.name = name.as_ptr();
                self.getsets.push(def);
                self.getsets.len() - 1
            }
        };
        &mut self.getsets[pos]
    }

    /// A property's getter. The first non-empty doc of its getter and setter is the
    /// property's, as in PyO3.
    pub fn getter(&mut self, name: &'static CStr, get: ffi::getter, doc: &'static CStr) {
        let def = self.getset(name);
        def.get = Some(get);
        if !doc.is_empty() && def.doc.is_null() {
            def.doc = doc.as_ptr();
        }
    }

    pub fn setter(&mut self, name: &'static CStr, set: ffi::setter, doc: &'static CStr) {
        let def = self.getset(name);
        def.set = Some(set);
        if !doc.is_empty() && def.doc.is_null() {
            def.doc = doc.as_ptr();
        }
    }

    pub fn class_attr(&mut self, attr: ClassAttr) {
        self.class_attrs.push(attr);
    }
}

/// The type object of one class and where its contents sit in an instance.
pub struct LazyType {
    cell: PyOnceLock<(Py<PyType>, usize)>,
}

impl Default for LazyType {
    fn default() -> Self {
        Self::new()
    }
}

impl LazyType {
    pub const fn new() -> Self {
        LazyType { cell: PyOnceLock::new() }
    }

    /// The type object, created on first use. Class attributes are added after
    /// the type is stored, so they may be instances of the class itself.
    #[inline]
    pub fn get<T: PyClass>(&'static self, py: Python<'_>) -> *mut ffi::PyTypeObject {
        match self.cell.get(py) {
            Some((ty, _)) => ty.as_ptr() as *mut ffi::PyTypeObject,
            None => self.init::<T>(py),
        }
    }

    #[cold]
    #[inline(never)]
    fn init<T: PyClass>(&'static self, py: Python<'_>) -> *mut ffi::PyTypeObject {
        let (ty, offset, attrs) = match create_type::<T>(py) {
            Ok(created) => created,
            Err(e) => {
                e.print(py);
                panic!("failed to create the type object of class {}", T::NAME);
            }
        };
        if self.cell.set(py, (ty, offset)).is_ok() {
            add_class_attrs(self.cell.get(py).unwrap().0.bind(py), attrs, T::NAME);
        }
        self.cell.get(py).unwrap().0.as_ptr() as *mut ffi::PyTypeObject
    }

    /// Where `T`'s contents start in an instance; the type must exist.
    #[inline]
    pub fn offset(&self, py: Python<'_>) -> usize {
        match self.cell.get(py) {
            Some((_, offset)) => *offset,
            None => unreachable!("an instance exists before its type"),
        }
    }
}

/// Sets the class attributes of a type just stored (so they may be its instances).
pub(super) fn add_class_attrs(ty: &Bound<'_, PyType>, attrs: Vec<ClassAttr>, type_name: &str) {
    for attr in attrs {
        let added = (attr.make)(ty.py()).and_then(|v| ty.setattr(attr.name, v));
        if let Err(e) = added {
            // As PyO3: the error, under two RuntimeErrors naming the attribute and the class, goes
            // to `sys.unraisablehook`, then the panic.
            let py = ty.py();
            let at = crate::exceptions::PyRuntimeError::new_err(format!(
                "An error occurred while initializing `{}.{}`",
                type_name, attr.name
            ));
            at.set_cause(py, Some(e));
            let class = crate::exceptions::PyRuntimeError::new_err(format!(
                "An error occurred while initializing class {}",
                type_name
            ));
            class.set_cause(py, Some(at));
            class.write_unraisable(py, None);
            panic!("An error occurred while initializing class {}", type_name);
        }
    }
}

#[cfg(not(PyPy))]
fn basicsize(py: Python<'_>, ty: *mut ffi::PyTypeObject) -> PyResult<usize> {
    let ty = unsafe { Bound::<PyAny>::from_borrowed_ptr_typed(py, ty as *mut ffi::PyObject) };
    ty.getattr("__basicsize__")?.extract::<usize>()
}

/// PyPy's types have no `__basicsize__`; cpyext fills in their C view.
#[cfg(PyPy)]
fn basicsize(_py: Python<'_>, ty: *mut ffi::PyTypeObject) -> PyResult<usize> {
    Ok(unsafe { (*ty).tp_basicsize } as usize)
}

/// Leaks `items` plus a zeroed sentinel: CPython keeps pointers into the tables.
fn leak_table<D: Copy>(mut items: Vec<D>, sentinel: D) -> *mut D {
    items.push(sentinel);
    Box::leak(items.into_boxed_slice()).as_mut_ptr()
}

fn create_type<T: PyClass>(py: Python<'_>) -> PyResult<(Py<PyType>, usize, Vec<ClassAttr>)> {
    let base = <T::BaseType as crate::PyTypeInfo>::type_object_raw(py);
    let base_size = basicsize(py, base)?;
    let align = align_of::<Contents<T>>();
    let offset = base_size.div_ceil(align) * align;
    // `contents` uses the offset known at compile time when there is one.
    if let Some(known) = super::layout::static_offset::<T>() {
        assert_eq!(known, offset, "{}: base object size differs from the compiled layout", T::NAME);
    }
    let size = offset + size_of::<Contents<T>>();

    let mut b = TypeBuilder::new();
    T::build_type(&mut b);
    b.slot(ffi::Py_tp_dealloc, tp_dealloc::<T> as *mut c_void);
    if !b.has_slot(ffi::Py_tp_new) {
        b.slot(ffi::Py_tp_new, no_constructor::<T> as *mut c_void);
    }
    // A class is collected when it can hold references the collector must see:
    // its own (`__traverse__`), a `__dict__`, or any base level's.
    let base_gc = unsafe { ffi::PyType_GetFlags(base) } & ffi::Py_TPFLAGS_HAVE_GC != 0;
    if b.has_slot(ffi::Py_tp_traverse) || <T::Dict as SlotPtr>::PRESENT || base_gc {
        b.flags |= ffi::Py_TPFLAGS_HAVE_GC;
        if !b.has_slot(ffi::Py_tp_traverse) {
            b.slot(ffi::Py_tp_traverse, super::gc::tp_traverse_default::<T> as *mut c_void);
        }
        if !b.has_slot(ffi::Py_tp_clear) {
            b.slot(ffi::Py_tp_clear, super::gc::tp_clear_default::<T> as *mut c_void);
        }
    }
    let mut members = Vec::new();
    if <T::Dict as SlotPtr>::PRESENT {
        // Heap types from a spec get no `__dict__` descriptor of their own (PyPy adds one itself).
        // The 3.9 stable ABI lacks PyObject_GenericGetDict: a getter of ours reads the slot,
        // whose offset (known only at run time, after the base's size) is its closure.
        let dict_offset = offset + offset_of!(Contents<T>, dict);
        #[cfg(not(PyPy))]
        {
            let dict = b.getset(c"__dict__");
            #[cfg(any(not(Py_LIMITED_API), Py_3_10))]
            {
                dict.get = Some(ffi::PyObject_GenericGetDict);
            }
            #[cfg(all(Py_LIMITED_API, not(Py_3_10)))]
            {
                dict.get = Some(get_dict_at_offset);
                dict.closure = dict_offset as *mut c_void;
            }
            dict.set = Some(ffi::PyObject_GenericSetDict);
        }
        members.push(member(c"__dictoffset__", dict_offset));
    }
    if <T::WeakRef as SlotPtr>::PRESENT {
        members.push(member(c"__weaklistoffset__", offset + offset_of!(Contents<T>, weakref)));
    }
    let ty = from_builder(py, b.take(), base, size, members)?;
    Ok((ty, offset, b.class_attrs))
}

/// `obj.__dict__` where the stable ABI has no `PyObject_GenericGetDict` (3.9): the dict at the
/// byte offset `closure`, made on first use as CPython makes it.
#[cfg(all(Py_LIMITED_API, not(Py_3_10), not(PyPy)))]
unsafe extern "C" fn get_dict_at_offset(obj: *mut ffi::PyObject, closure: *mut c_void) -> *mut ffi::PyObject {
    unsafe {
        let slot = obj.cast::<u8>().add(closure as usize).cast::<*mut ffi::PyObject>();
        if (*slot).is_null() {
            *slot = ffi::PyDict_New();
            if (*slot).is_null() {
                return std::ptr::null_mut();
            }
        }
        ffi::Py_IncRef(*slot);
        *slot
    }
}

/// Creates a heap type from what a builder collected (`size` 0 inherits the base's).
pub(super) fn from_builder(
    py: Python<'_>,
    mut b: TypeBuilder,
    base: *mut ffi::PyTypeObject,
    size: usize,
    members: Vec<ffi::PyMemberDef>,
) -> PyResult<Py<PyType>> {
    if let Some(doc) = b.doc {
        b.slot(ffi::Py_tp_doc, doc.as_ptr() as *mut c_void);
    }
    let methods = std::mem::take(&mut b.methods);
    if !methods.is_empty() {
        let table = leak_table(methods, unsafe { std::mem::zeroed::<ffi::PyMethodDef>() });
        b.slot(ffi::Py_tp_methods, table as *mut c_void);
    }
    let getsets = std::mem::take(&mut b.getsets);
    if !getsets.is_empty() {
        b.slot(ffi::Py_tp_getset, leak_table(getsets, ffi::PyGetSetDef::zeroed()) as *mut c_void);
    }
    if !members.is_empty() {
        b.slot(ffi::Py_tp_members, leak_table(members, ffi::PyMemberDef::zeroed()) as *mut c_void);
    }
    let slots = leak_table(std::mem::take(&mut b.slots), ffi::PyType_Slot::zeroed());
    // Before 3.12 tp_name points into the spec's name: it must live forever.
    let name: &'static CStr = Box::leak(CString::from(b.name).into_boxed_c_str());
    let mut spec = ffi::PyType_Spec {
        name: name.as_ptr(),
        basicsize: size as c_int,
        itemsize: 0,
        flags: (ffi::Py_TPFLAGS_DEFAULT | b.flags) as _,
        slots,
    };
    unsafe {
        let bases = ffi::PyTuple_Pack(1, base as *mut ffi::PyObject);
        if bases.is_null() {
            return Err(PyErr::fetch(py));
        }
        let ty = ffi::PyType_FromSpecWithBases(&mut spec, bases);
        ffi::Py_DECREF(bases);
        Py::<PyType>::from_owned_ptr_or_err(py, ty)
    }
}

fn member(name: &'static CStr, offset: usize) -> ffi::PyMemberDef {
    ffi::PyMemberDef {
        name: name.as_ptr(),
        type_code: ffi::Py_T_PYSSIZET,
        offset: offset as ffi::Py_ssize_t,
        flags: ffi::Py_READONLY,
        doc: std::ptr::null(),
    }
}

/// `tp_new` of a class without `#[new]`.
/// The message names the class being called (a Python subclass too) by
/// `__module__.__qualname__`, as PyO3 does.
unsafe extern "C" fn no_constructor<T: PyClass>(
    subtype: *mut ffi::PyTypeObject,
    _args: *mut ffi::PyObject,
    _kwargs: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    crate::impl_::trampoline::trampoline(|py| {
        use crate::types::PyTypeMethods;
        let ty = unsafe { crate::types::PyType::from_borrowed_type_ptr(py, subtype) };
        let module = ty.module().map_or_else(|_| "<unknown>".to_owned(), |m| m.to_string());
        let qualname = ty.qualname().map_or_else(|_| T::NAME.to_owned(), |q| q.to_string());
        Err(crate::exceptions::PyTypeError::new_err(format!("cannot create '{module}.{qualname}' instances")))
    })
}
