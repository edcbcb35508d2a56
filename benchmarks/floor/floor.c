/* The floor: bench.rs's module written by hand against CPython's C API, with
 * the same calling conventions a careful C author would pick and the same
 * argument semantics (keywords accepted where the Rust signature accepts them).
 * Built by benchmarks/run.py with the interpreter's headers. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Sorts fastcall arguments into out[0..n) (NULL where absent). names[] are
 * interned once at import, so keywords usually match by pointer. */
static int
match_args(const char *fname, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames,
           PyObject **names, Py_ssize_t npos, Py_ssize_t n, PyObject **out)
{
    if (nargs > npos) {
        PyErr_Format(PyExc_TypeError, "%s() takes %zd positional arguments but %zd were given", fname, npos, nargs);
        return -1;
    }
    for (Py_ssize_t i = 0; i < nargs; i++) out[i] = args[i];
    for (Py_ssize_t i = nargs; i < n; i++) out[i] = NULL;
    if (kwnames != NULL) {
        Py_ssize_t nkw = PyTuple_GET_SIZE(kwnames);
        for (Py_ssize_t k = 0; k < nkw; k++) {
            PyObject *key = PyTuple_GET_ITEM(kwnames, k);
            Py_ssize_t j = 0;
            for (; j < n; j++) if (names[j] == key) break;
            if (j == n)
                for (j = 0; j < n; j++) if (PyUnicode_Compare(names[j], key) == 0) break;
            if (j == n) {
                PyErr_Format(PyExc_TypeError, "%s() got an unexpected keyword argument '%S'", fname, key);
                return -1;
            }
            if (out[j] != NULL) {
                PyErr_Format(PyExc_TypeError, "%s() got multiple values for argument '%S'", fname, key);
                return -1;
            }
            out[j] = args[nargs + k];
        }
    }
    return 0;
}

static int
required(const char *fname, PyObject **out, PyObject **names, Py_ssize_t n)
{
    for (Py_ssize_t i = 0; i < n; i++)
        if (out[i] == NULL) {
            PyErr_Format(PyExc_TypeError, "%s() missing required argument '%S'", fname, names[i]);
            return -1;
        }
    return 0;
}

static int
as_i64(PyObject *o, int64_t *v)
{
    long long x = PyLong_AsLongLong(o);
    if (x == -1 && PyErr_Occurred()) return -1;
    *v = (int64_t)x;
    return 0;
}

static PyObject *names_x[1], *names_ab[2], *names_abc[3], *names_k[16];

static PyObject *
noargs(PyObject *self, PyObject *unused) { Py_RETURN_NONE; }

static PyObject *
onearg(PyObject *self, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    PyObject *out[1];
    if (!(kwnames == NULL && nargs == 1)) {
        if (match_args("onearg", args, nargs, kwnames, names_x, 1, 1, out) < 0) return NULL;
        if (required("onearg", out, names_x, 1) < 0) return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *
onearg_posonly(PyObject *self, PyObject *x) { Py_RETURN_NONE; }

static PyObject *
add(PyObject *self, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    PyObject *out[2];
    int64_t a, b;
    if (kwnames == NULL && nargs == 2) {
        out[0] = args[0]; out[1] = args[1];
    } else {
        if (match_args("add", args, nargs, kwnames, names_ab, 2, 2, out) < 0) return NULL;
        if (required("add", out, names_ab, 2) < 0) return NULL;
    }
    if (as_i64(out[0], &a) < 0 || as_i64(out[1], &b) < 0) return NULL;
    return PyLong_FromLongLong((long long)((uint64_t)a + (uint64_t)b));
}

static PyObject *
defaults(PyObject *self, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    PyObject *out[3];
    int64_t a, b = 2, c = 3;
    if (match_args("defaults", args, nargs, kwnames, names_abc, 3, 3, out) < 0) return NULL;
    if (required("defaults", out, names_abc, 1) < 0) return NULL;
    if (as_i64(out[0], &a) < 0) return NULL;
    if (out[1] && as_i64(out[1], &b) < 0) return NULL;
    if (out[2] && as_i64(out[2], &c) < 0) return NULL;
    return PyLong_FromLongLong(a + b + c);
}

static PyObject *
kwonly16(PyObject *self, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    PyObject *out[16];
    int64_t sum = 0, v;
    if (match_args("kwonly16", args, nargs, kwnames, names_k, 0, 16, out) < 0) return NULL;
    if (required("kwonly16", out, names_k, 16) < 0) return NULL;
    for (int i = 0; i < 16; i++) {
        if (as_i64(out[i], &v) < 0) return NULL;
        sum += v;
    }
    return PyLong_FromLongLong(sum);
}

static PyObject *
list_int(PyObject *self, PyObject *arg)
{
    PyObject *seq = PySequence_Fast(arg, "expected a sequence");
    if (seq == NULL) return NULL;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    int64_t *buf = PyMem_Malloc((n ? n : 1) * sizeof(int64_t));
    for (Py_ssize_t i = 0; i < n; i++)
        if (as_i64(PySequence_Fast_GET_ITEM(seq, i), &buf[i]) < 0) { PyMem_Free(buf); Py_DECREF(seq); return NULL; }
    Py_DECREF(seq);
    PyObject *list = PyList_New(n);
    for (Py_ssize_t i = 0; list && i < n; i++) {
        PyObject *item = PyLong_FromLongLong(buf[i]);
        if (item == NULL) { Py_CLEAR(list); break; }
        PyList_SET_ITEM(list, i, item);
    }
    PyMem_Free(buf);
    return list;
}

static PyObject *
list_float(PyObject *self, PyObject *arg)
{
    PyObject *seq = PySequence_Fast(arg, "expected a sequence");
    if (seq == NULL) return NULL;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    double *buf = PyMem_Malloc((n ? n : 1) * sizeof(double));
    for (Py_ssize_t i = 0; i < n; i++) {
        buf[i] = PyFloat_AsDouble(PySequence_Fast_GET_ITEM(seq, i));
        if (buf[i] == -1.0 && PyErr_Occurred()) { PyMem_Free(buf); Py_DECREF(seq); return NULL; }
    }
    Py_DECREF(seq);
    PyObject *list = PyList_New(n);
    for (Py_ssize_t i = 0; list && i < n; i++) {
        PyObject *item = PyFloat_FromDouble(buf[i]);
        if (item == NULL) { Py_CLEAR(list); break; }
        PyList_SET_ITEM(list, i, item);
    }
    PyMem_Free(buf);
    return list;
}

static PyObject *
echo_str(PyObject *self, PyObject *arg)
{
    Py_ssize_t size;
    if (!PyUnicode_Check(arg)) { PyErr_SetString(PyExc_TypeError, "expected str"); return NULL; }
    const char *data = PyUnicode_AsUTF8AndSize(arg, &size);
    if (data == NULL) return NULL;
    return PyUnicode_FromStringAndSize(data, size);
}

static PyObject *
echo_bytes(PyObject *self, PyObject *arg)
{
    char *data;
    Py_ssize_t size;
    if (PyBytes_AsStringAndSize(arg, &data, &size) < 0) return NULL;
    return PyBytes_FromStringAndSize(data, size);
}

static PyObject *
dict_str_int(PyObject *self, PyObject *arg)
{
    if (!PyDict_Check(arg)) { PyErr_SetString(PyExc_TypeError, "expected dict"); return NULL; }
    PyObject *result = PyDict_New(), *key, *value;
    Py_ssize_t pos = 0, size;
    while (result && PyDict_Next(arg, &pos, &key, &value)) {
        int64_t v;
        if (!PyUnicode_Check(key)) { PyErr_SetString(PyExc_TypeError, "expected str"); Py_CLEAR(result); break; }
        const char *data = PyUnicode_AsUTF8AndSize(key, &size);
        if (data == NULL || as_i64(value, &v) < 0) { Py_CLEAR(result); break; }
        PyObject *k = PyUnicode_FromStringAndSize(data, size), *val = PyLong_FromLongLong(v);
        int rc = (k && val) ? PyDict_SetItem(result, k, val) : -1;
        Py_XDECREF(k);
        Py_XDECREF(val);
        if (rc < 0) Py_CLEAR(result);
    }
    return result;
}

static PyObject *
raise_error(PyObject *self, PyObject *unused)
{
    PyErr_SetString(PyExc_ValueError, "boom");
    return NULL;
}

static PyObject *
detach_empty(PyObject *self, PyObject *unused)
{
    Py_BEGIN_ALLOW_THREADS
    Py_END_ALLOW_THREADS
    Py_RETURN_NONE;
}

static PyObject *
callback(PyObject *self, PyObject *f) { return PyObject_CallNoArgs(f); }

/* ---- class Point ---- */

typedef struct {
    PyObject_HEAD
    int64_t x, y;
} Point;

static PyTypeObject PointType;

static PyObject *
point_make(PyTypeObject *type, int64_t x, int64_t y)
{
    Point *p = (Point *)type->tp_alloc(type, 0);
    if (p == NULL) return NULL;
    p->x = x;
    p->y = y;
    return (PyObject *)p;
}

static PyObject *
point_new(PyTypeObject *type, PyObject *args, PyObject *kwargs)
{
    static char *kw[] = {"x", "y", NULL};
    long long x, y;
    if (kwargs == NULL && PyTuple_GET_SIZE(args) == 2) {
        if (as_i64(PyTuple_GET_ITEM(args, 0), (int64_t *)&x) < 0 || as_i64(PyTuple_GET_ITEM(args, 1), (int64_t *)&y) < 0)
            return NULL;
    } else if (!PyArg_ParseTupleAndKeywords(args, kwargs, "LL", kw, &x, &y)) {
        return NULL;
    }
    return point_make(type, x, y);
}

static PyObject *
point_norm1(PyObject *self, PyObject *unused)
{
    Point *p = (Point *)self;
    return PyLong_FromLongLong(llabs(p->x) + llabs(p->y));
}

static PyObject *
point_zero(PyObject *unused_self, PyObject *unused) { return PyLong_FromLong(0); }

static PyObject *
point_one(PyObject *cls, PyObject *unused) { return PyLong_FromLong(1); }

static Py_ssize_t
point_len(PyObject *self) { return 2; }

static PyObject *
point_richcompare(PyObject *a, PyObject *b, int op)
{
    if (op != Py_EQ || !PyObject_TypeCheck(a, &PointType) || !PyObject_TypeCheck(b, &PointType))
        Py_RETURN_NOTIMPLEMENTED;
    Point *p = (Point *)a, *q = (Point *)b;
    return PyBool_FromLong(p->x == q->x && p->y == q->y);
}

static PyObject *
point_add(PyObject *a, PyObject *b)
{
    if (!PyObject_TypeCheck(a, &PointType) || !PyObject_TypeCheck(b, &PointType))
        Py_RETURN_NOTIMPLEMENTED;
    Point *p = (Point *)a, *q = (Point *)b;
    return point_make(&PointType, p->x + q->x, p->y + q->y);
}

static PyObject *
point_get_x(PyObject *self, void *closure) { return PyLong_FromLongLong(((Point *)self)->x); }

static int
point_set_x(PyObject *self, PyObject *value, void *closure)
{
    if (value == NULL) {
        PyErr_SetString(PyExc_AttributeError, "can't delete attribute");
        return -1;
    }
    return as_i64(value, &((Point *)self)->x);
}

static PyMethodDef point_methods[] = {
    {"norm1", point_norm1, METH_NOARGS, NULL},
    {"zero", point_zero, METH_NOARGS | METH_STATIC, NULL},
    {"one", point_one, METH_NOARGS | METH_CLASS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef point_getset[] = {
    {"x", point_get_x, point_set_x, NULL, NULL},
    {NULL},
};

static PySequenceMethods point_as_sequence = {.sq_length = point_len};
static PyMappingMethods point_as_mapping = {.mp_length = point_len};
static PyNumberMethods point_as_number = {.nb_add = point_add};

static PyTypeObject PointType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "floor_bench.Point",
    .tp_basicsize = sizeof(Point),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_new = point_new,
    .tp_methods = point_methods,
    .tp_getset = point_getset,
    .tp_as_sequence = &point_as_sequence,
    .tp_as_mapping = &point_as_mapping,
    .tp_as_number = &point_as_number,
    .tp_richcompare = point_richcompare,
};

#define FK (METH_FASTCALL | METH_KEYWORDS)
static PyMethodDef methods[] = {
    {"noargs", noargs, METH_NOARGS, NULL},
    {"onearg", (PyCFunction)(void (*)(void))onearg, FK, NULL},
    {"onearg_posonly", onearg_posonly, METH_O, NULL},
    {"add", (PyCFunction)(void (*)(void))add, FK, NULL},
    {"defaults", (PyCFunction)(void (*)(void))defaults, FK, NULL},
    {"kwonly16", (PyCFunction)(void (*)(void))kwonly16, FK, NULL},
    {"list_int", list_int, METH_O, NULL},
    {"list_float", list_float, METH_O, NULL},
    {"echo_str", echo_str, METH_O, NULL},
    {"echo_bytes", echo_bytes, METH_O, NULL},
    {"dict_str_int", dict_str_int, METH_O, NULL},
    {"raise_error", raise_error, METH_NOARGS, NULL},
    {"detach_empty", detach_empty, METH_NOARGS, NULL},
    {"callback", callback, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "floor_bench", NULL, -1, methods};

PyMODINIT_FUNC
PyInit_floor_bench(void)
{
    static const char *k[16] = {"k0", "k1", "k2", "k3", "k4", "k5", "k6", "k7",
                                "k8", "k9", "k10", "k11", "k12", "k13", "k14", "k15"};
    names_x[0] = PyUnicode_InternFromString("x");
    names_ab[0] = names_abc[0] = PyUnicode_InternFromString("a");
    names_ab[1] = names_abc[1] = PyUnicode_InternFromString("b");
    names_abc[2] = PyUnicode_InternFromString("c");
    for (int i = 0; i < 16; i++) names_k[i] = PyUnicode_InternFromString(k[i]);
    if (PyType_Ready(&PointType) < 0) return NULL;
    PyObject *m = PyModule_Create(&module);
    if (m == NULL) return NULL;
    Py_INCREF(&PointType);
    if (PyModule_AddObject(m, "Point", (PyObject *)&PointType) < 0) {
        Py_DECREF(&PointType);
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
