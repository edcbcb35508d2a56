//! `Ipv4Addr`/`Ipv6Addr`/`IpAddr` → `ipaddress.IPv4Address`/`IPv6Address`;
//! `IpAddr` from either (by its `packed` bytes) or from anything whose `str()` parses.
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use crate::conversion::{FromPyObject, IntoPyObject};
use crate::err::{PyErr, PyResult};
use crate::exceptions::PyValueError;
use crate::instance::{Borrowed, Bound, Py};
use crate::marker::Python;
use crate::sync::PyOnceLock;
use crate::types::{PyAny, PyAnyMethods, PyStringMethods, PyType};

impl<'a, 'py> FromPyObject<'a, 'py> for IpAddr {
    type Error = PyErr;
    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        match obj.getattr("packed") {
            Ok(packed) => {
                if let Ok(v4) = packed.extract::<[u8; 4]>() {
                    Ok(IpAddr::V4(Ipv4Addr::from(v4)))
                } else if let Ok(v6) = packed.extract::<[u8; 16]>() {
                    Ok(IpAddr::V6(Ipv6Addr::from(v6)))
                } else {
                    Err(PyValueError::new_err("invalid packed length"))
                }
            }
            // Not an ipaddress object: parse its text.
            Err(_) => obj.str()?.to_cow()?.parse().map_err(|e: std::net::AddrParseError| PyValueError::new_err(e.to_string())),
        }
    }
}

macro_rules! address_into {
    ($ty:ty, $class:literal, $int:ty) => {
        impl<'py> IntoPyObject<'py> for $ty {
            type Target = PyAny;
            type Output = Bound<'py, PyAny>;
            type Error = PyErr;
            fn into_pyobject(self, py: Python<'py>) -> PyResult<Self::Output> {
                static CLASS: PyOnceLock<Py<PyType>> = PyOnceLock::new();
                CLASS.import(py, "ipaddress", $class)?.call1((<$int>::from_be_bytes(self.octets()),))
            }
        }

        ref_into_pyobject_by_copy!($ty);
    };
}

address_into!(Ipv4Addr, "IPv4Address", u32);
address_into!(Ipv6Addr, "IPv6Address", u128);

impl<'py> IntoPyObject<'py> for IpAddr {
    type Target = PyAny;
    type Output = Bound<'py, PyAny>;
    type Error = PyErr;
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Self::Output> {
        match self {
            IpAddr::V4(v4) => v4.into_pyobject(py),
            IpAddr::V6(v6) => v6.into_pyobject(py),
        }
    }
}

ref_into_pyobject_by_copy!(IpAddr);
