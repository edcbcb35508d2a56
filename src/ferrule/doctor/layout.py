"""What `ferrule doctor` compares: the one list both check programs are generated from.

Every struct, field and constant here is printed by a C program compiled against
the interpreter's headers and by a Rust program that uses the runtime's `ffi`
module, so the two sides cannot check different things.

`cfg` strings use Rust's cfg syntax and mirror the `#[cfg]`s of the matching
declarations in `runtime/ferrule-core/src/ffi/`: an item is checked only when the
`ffi` module declares it for the target (otherwise the Rust program would not
compile). A constant the headers do not define (a `#define` missing under the
limited API, or one that moved) is reported as a note, not a mismatch: an extra
name is not an ABI problem, a different value or offset is. The one cfg that is
not Rust's, `doctor_headers_match`, is false when `--limited-api` names a version
older than the headers (see `cfg.py`).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Field:
    name: str  # Rust field name
    cfg: str | None = None
    c: str | None = None  # C member name, when it differs


@dataclass(frozen=True)
class Struct:
    name: str
    fields: tuple[Field, ...]
    cfg: str | None = None


@dataclass(frozen=True)
class Const:
    name: str  # as the ffi module names it
    cfg: str | None = None
    c: tuple[str, ...] = ()  # C spellings tried in order (default: `name`)
    rust: str | None = None  # Rust expression, when not just `name`
    macro: bool = True  # False: a C enumerator, which `#ifdef` cannot test

    @property
    def c_names(self) -> tuple[str, ...]:
        return self.c or (self.name,)


def _struct(name: str, fields: str, cfg: str | None = None, **special: Field) -> Struct:
    """`fields` is space-separated; `special` replaces a field with a conditional or renamed one."""
    out = tuple(special.get(f, Field(f)) for f in fields.split())
    return Struct(name, out, cfg)


NOT_LIMITED = "not(Py_LIMITED_API)"
PYPY39 = "all(PyPy, not(Py_3_11))"

STRUCTS: tuple[Struct, ...] = (
    _struct("PyObject", "ob_refcnt ob_pypy_link ob_type", "not(Py_GIL_DISABLED)",
            ob_pypy_link=Field("ob_pypy_link", cfg="PyPy")),
    _struct("PyObject", "ob_tid ob_flags ob_mutex ob_gc_bits ob_ref_local ob_ref_shared ob_type", "Py_GIL_DISABLED",
            ob_flags=Field("ob_flags", c="_padding", cfg="not(Py_3_14)")),
    _struct("PyVarObject", "ob_base ob_size"),
    _struct("PyTypeObject",
            "ob_base tp_name tp_basicsize tp_itemsize tp_dealloc tp_vectorcall_offset tp_getattr tp_setattr "
            "tp_as_async tp_repr tp_as_number tp_as_sequence tp_as_mapping tp_hash tp_call tp_str tp_getattro "
            "tp_setattro tp_as_buffer tp_flags tp_doc tp_traverse tp_clear tp_richcompare tp_weaklistoffset tp_iter "
            "tp_iternext tp_methods tp_members tp_getset tp_base tp_dict tp_descr_get tp_descr_set tp_dictoffset "
            "tp_init tp_alloc tp_new tp_free tp_is_gc tp_bases tp_mro tp_cache tp_subclasses tp_weaklist tp_del "
            "tp_version_tag tp_finalize tp_vectorcall tp_watched tp_versions_used tp_print tp_pypy_flags", NOT_LIMITED,
            tp_watched=Field("tp_watched", cfg="Py_3_12"), tp_versions_used=Field("tp_versions_used", cfg="Py_3_13"),
            tp_print=Field("tp_print", cfg=PYPY39), tp_pypy_flags=Field("tp_pypy_flags", cfg=PYPY39)),
    _struct("PyMethodDef", "ml_name ml_meth ml_flags ml_doc"),
    _struct("PyModuleDef_Base", "ob_base m_init m_index m_copy"),
    _struct("PyModuleDef", "m_base m_name m_doc m_size m_methods m_slots m_traverse m_clear m_free"),
    _struct("PyModuleDef_Slot", "slot value"),
    _struct("PyType_Spec", "name basicsize itemsize flags slots"),
    _struct("PyType_Slot", "slot pfunc"),
    _struct("PyGetSetDef", "name get set doc closure"),
    _struct("PyMemberDef", "name type_code offset flags doc", type_code=Field("type_code", c="type")),
    _struct("Py_buffer", "buf obj len itemsize readonly ndim format shape strides suboffsets internal "
            "flags _strides _shape", "any(not(Py_LIMITED_API), Py_3_11)",
            **{f: Field(f, cfg="PyPy") for f in ("flags", "_strides", "_shape")}),
    _struct("PyListObject", "ob_base ob_item allocated", "not(any(Py_LIMITED_API, PyPy))"),  # cpyext: opaque
    _struct("PyTupleObject", "ob_base ob_hash ob_item", NOT_LIMITED, ob_hash=Field("ob_hash", cfg="Py_3_14")),
    _struct("PyFloatObject", "ob_base ob_fval", NOT_LIMITED),
    _struct("Py_complex", "real imag", NOT_LIMITED),
    _struct("PyComplexObject", "ob_base cval", NOT_LIMITED),
    _struct("PySliceObject", "ob_base start stop step", NOT_LIMITED),
    _struct("PyCompilerFlags", "cf_flags cf_feature_version", NOT_LIMITED),
    _struct("PyNumberMethods",
            "nb_add nb_subtract nb_multiply nb_remainder nb_divmod nb_power nb_negative nb_positive nb_absolute "
            "nb_bool nb_invert nb_lshift nb_rshift nb_and nb_xor nb_or nb_int nb_reserved nb_float nb_inplace_add "
            "nb_inplace_subtract nb_inplace_multiply nb_inplace_remainder nb_inplace_power nb_inplace_lshift "
            "nb_inplace_rshift nb_inplace_and nb_inplace_xor nb_inplace_or nb_floor_divide nb_true_divide "
            "nb_inplace_floor_divide nb_inplace_true_divide nb_index nb_matrix_multiply nb_inplace_matrix_multiply",
            NOT_LIMITED),
    _struct("PySequenceMethods", "sq_length sq_concat sq_repeat sq_item was_sq_slice sq_ass_item was_sq_ass_slice "
            "sq_contains sq_inplace_concat sq_inplace_repeat", NOT_LIMITED),
    _struct("PyMappingMethods", "mp_length mp_subscript mp_ass_subscript", NOT_LIMITED),
    _struct("PyAsyncMethods", "am_await am_aiter am_anext am_send", NOT_LIMITED,
            am_send=Field("am_send", cfg="any(not(PyPy), Py_3_10)")),
    _struct("PyBufferProcs", "bf_getbuffer bf_releasebuffer", NOT_LIMITED),
)


def _consts(names: str, cfg: str | None = None) -> tuple[Const, ...]:
    return tuple(Const(n, cfg) for n in names.split())


_SLOTS = (
    "Py_bf_getbuffer Py_bf_releasebuffer Py_mp_ass_subscript Py_mp_length Py_mp_subscript Py_nb_absolute Py_nb_add "
    "Py_nb_and Py_nb_bool Py_nb_divmod Py_nb_float Py_nb_floor_divide Py_nb_index Py_nb_inplace_add "
    "Py_nb_inplace_and Py_nb_inplace_floor_divide Py_nb_inplace_lshift Py_nb_inplace_multiply Py_nb_inplace_or "
    "Py_nb_inplace_power Py_nb_inplace_remainder Py_nb_inplace_rshift Py_nb_inplace_subtract "
    "Py_nb_inplace_true_divide Py_nb_inplace_xor Py_nb_int Py_nb_invert Py_nb_lshift Py_nb_multiply Py_nb_negative "
    "Py_nb_or Py_nb_positive Py_nb_power Py_nb_remainder Py_nb_rshift Py_nb_subtract Py_nb_true_divide Py_nb_xor "
    "Py_sq_ass_item Py_sq_concat Py_sq_contains Py_sq_inplace_concat Py_sq_inplace_repeat Py_sq_item Py_sq_length "
    "Py_sq_repeat Py_tp_alloc Py_tp_base Py_tp_bases Py_tp_call Py_tp_clear Py_tp_dealloc Py_tp_del "
    "Py_tp_descr_get Py_tp_descr_set Py_tp_doc Py_tp_getattr Py_tp_getattro Py_tp_hash Py_tp_init Py_tp_is_gc "
    "Py_tp_iter Py_tp_iternext Py_tp_methods Py_tp_new Py_tp_repr Py_tp_richcompare Py_tp_setattr Py_tp_setattro "
    "Py_tp_str Py_tp_traverse Py_tp_members Py_tp_getset Py_tp_free Py_nb_matrix_multiply "
    "Py_nb_inplace_matrix_multiply Py_am_await Py_am_aiter Py_am_anext Py_tp_finalize")

_TPFLAGS = (
    "Py_TPFLAGS_DISALLOW_INSTANTIATION Py_TPFLAGS_IMMUTABLETYPE Py_TPFLAGS_HEAPTYPE Py_TPFLAGS_BASETYPE "
    "Py_TPFLAGS_READY Py_TPFLAGS_READYING Py_TPFLAGS_HAVE_GC Py_TPFLAGS_HAVE_STACKLESS_EXTENSION "
    "Py_TPFLAGS_METHOD_DESCRIPTOR Py_TPFLAGS_HAVE_VERSION_TAG Py_TPFLAGS_VALID_VERSION_TAG Py_TPFLAGS_IS_ABSTRACT "
    "_Py_TPFLAGS_MATCH_SELF Py_TPFLAGS_LONG_SUBCLASS Py_TPFLAGS_LIST_SUBCLASS Py_TPFLAGS_TUPLE_SUBCLASS "
    "Py_TPFLAGS_BYTES_SUBCLASS Py_TPFLAGS_UNICODE_SUBCLASS Py_TPFLAGS_DICT_SUBCLASS Py_TPFLAGS_BASE_EXC_SUBCLASS "
    "Py_TPFLAGS_TYPE_SUBCLASS Py_TPFLAGS_HAVE_FINALIZE")

_PYBUF = (
    "PyBUF_MAX_NDIM PyBUF_SIMPLE PyBUF_WRITABLE PyBUF_FORMAT PyBUF_ND PyBUF_STRIDES PyBUF_C_CONTIGUOUS "
    "PyBUF_F_CONTIGUOUS PyBUF_ANY_CONTIGUOUS PyBUF_INDIRECT PyBUF_CONTIG PyBUF_CONTIG_RO PyBUF_STRIDED "
    "PyBUF_STRIDED_RO PyBUF_RECORDS PyBUF_RECORDS_RO PyBUF_FULL PyBUF_FULL_RO PyBUF_READ PyBUF_WRITE")

# structmember.h's old spellings and descrobject.h's 3.12 ones; before 3.12 the
# new Rust names are checked against the old C macros.
_MEMBER_TYPES = ("SHORT INT LONG FLOAT DOUBLE STRING CHAR BYTE UBYTE USHORT UINT ULONG STRING_INPLACE BOOL "
                 "OBJECT_EX LONGLONG ULONGLONG PYSSIZET").split()
_MEMBER_RENAMED = {"_Py_T_OBJECT": "T_OBJECT", "_Py_T_NONE": "T_NONE", "Py_READONLY": "READONLY",
                   "Py_AUDIT_READ": "PY_AUDIT_READ", "_Py_WRITE_RESTRICTED": "PY_WRITE_RESTRICTED"}

_64 = 'target_pointer_width = "64"'

CONSTANTS: tuple[Const, ...] = (
    *_consts("METH_VARARGS METH_KEYWORDS METH_NOARGS METH_O METH_CLASS METH_STATIC METH_COEXIST METH_STACKLESS "
             "METH_METHOD"),
    Const("METH_FASTCALL", "any(not(Py_LIMITED_API), Py_3_10)"),
    *_consts(_TPFLAGS),
    # Lost Py_TPFLAGS_HAVE_VERSION_TAG in 3.10: 3.9 limited-API values differ from newer headers.
    Const("Py_TPFLAGS_DEFAULT", "any(Py_3_10, doctor_headers_match)"),
    *_consts("Py_TPFLAGS_MANAGED_DICT Py_TPFLAGS_SEQUENCE Py_TPFLAGS_MAPPING", NOT_LIMITED),
    *_consts("Py_TPFLAGS_PREHEADER Py_TPFLAGS_MANAGED_WEAKREF Py_TPFLAGS_ITEMS_AT_END",
             "all(Py_3_12, not(Py_LIMITED_API))"),
    Const("Py_TPFLAGS_HAVE_VECTORCALL", "any(not(Py_LIMITED_API), Py_3_12)"),
    *_consts(_SLOTS),
    Const("Py_am_send", "any(not(Py_LIMITED_API), Py_3_10)"),
    *_consts("Py_tp_vectorcall Py_tp_token", "Py_3_14"),
    *(Const(f"Py_T_{t}", c=(f"Py_T_{t}", f"T_{t}")) for t in _MEMBER_TYPES),
    *(Const(k, c=(k, v)) for k, v in _MEMBER_RENAMED.items()),
    *_consts(" ".join(f"T_{t}" for t in _MEMBER_TYPES)),
    *_consts("T_OBJECT T_NONE READONLY READ_RESTRICTED PY_WRITE_RESTRICTED RESTRICTED PY_AUDIT_READ"),
    Const("Py_RELATIVE_OFFSET", "Py_3_12"),
    *_consts(_PYBUF, "any(not(Py_LIMITED_API), Py_3_11)"),
    Const("PyBUF_WRITEABLE", NOT_LIMITED),
    *_consts("Py_mod_create Py_mod_exec"),
    Const("Py_mod_multiple_interpreters", "Py_3_12"),
    Const("Py_mod_gil", "Py_3_13"),
    *_consts("Py_LT Py_LE Py_EQ Py_NE Py_GT Py_GE"),
    *_consts("Py_single_input Py_file_input Py_eval_input Py_func_type_input Py_PRINT_RAW"),
    *_consts("PYTHON_API_VERSION PYTHON_ABI_VERSION Py_CLEANUP_SUPPORTED PY_SSIZE_T_MIN PY_SSIZE_T_MAX"),
    Const("PY_VECTORCALL_ARGUMENTS_OFFSET", "any(not(Py_LIMITED_API), Py_3_12)"),
    *_consts("Py_ASNATIVEBYTES_DEFAULTS Py_ASNATIVEBYTES_BIG_ENDIAN Py_ASNATIVEBYTES_LITTLE_ENDIAN "
             "Py_ASNATIVEBYTES_NATIVE_ENDIAN Py_ASNATIVEBYTES_UNSIGNED_BUFFER Py_ASNATIVEBYTES_REJECT_NEGATIVE "
             "Py_ASNATIVEBYTES_ALLOW_INDEX", "Py_3_13"),
    *_consts("Py_CONSTANT_NONE Py_CONSTANT_FALSE Py_CONSTANT_TRUE Py_CONSTANT_ELLIPSIS Py_CONSTANT_NOT_IMPLEMENTED "
             "Py_CONSTANT_ZERO Py_CONSTANT_ONE Py_CONSTANT_EMPTY_STR Py_CONSTANT_EMPTY_BYTES "
             "Py_CONSTANT_EMPTY_TUPLE", "Py_3_13"),
    Const("_Py_IMMORTAL_REFCNT", "all(Py_3_12, not(Py_3_14))"),
    Const("_Py_IMMORTAL_FLAGS", "all(Py_3_14, not(Py_GIL_DISABLED))"),
    Const("_Py_STATICALLY_ALLOCATED_FLAG", "Py_3_14"),
    *_consts("_Py_IMMORTAL_INITIAL_REFCNT _Py_IMMORTAL_MINIMUM_REFCNT", "Py_3_14"),
    Const("_Py_STATIC_IMMORTAL_INITIAL_REFCNT", f"all(Py_3_14, any(not(Py_GIL_DISABLED), not({_64})))"),
    Const("_Py_IMMORTAL_REFCNT_LOCAL", "Py_GIL_DISABLED"),
    # C enumerators: no `#ifdef`, so their cfg must match the headers too.
    *(Const(n, rust=f"PyGILState_STATE::{n}", macro=False) for n in ("PyGILState_LOCKED", "PyGILState_UNLOCKED")),
    *(Const(n, "Py_3_10", rust=f"PySendResult::{n}", macro=False) for n in ("PYGEN_RETURN", "PYGEN_ERROR",
                                                                              "PYGEN_NEXT")),
)
