//! serde for `Py<T>` of a `#[pyclass]` that is itself `Serialize`/`Deserialize`:
//! serializing attaches and borrows the value (a mutably borrowed one is a
//! serializer error); deserializing builds a new Python object.
use serde::{de, ser, Deserialize, Deserializer, Serialize, Serializer};

use crate::instance::Py;
use crate::marker::Python;
use crate::pyclass::PyClass;
use crate::types::PyAny;

impl<T> Serialize for Py<T>
where
    T: Serialize + PyClass,
{
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        Python::attach(|py| {
            let value = self.try_borrow(py).map_err(|e| ser::Error::custom(e.to_string()))?;
            T::serialize(&value, serializer)
        })
    }
}

impl<'de, T> Deserialize<'de> for Py<T>
where
    T: PyClass<BaseType = PyAny> + Deserialize<'de>,
{
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Py<T>, D::Error> {
        let value = T::deserialize(deserializer)?;
        Python::attach(|py| Py::new(py, value).map_err(|e| de::Error::custom(e.to_string())))
    }
}
