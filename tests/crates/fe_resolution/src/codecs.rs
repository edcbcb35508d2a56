//! Classes, methods, functions and exceptions written by this crate's own macros.
use pyo3::prelude::*;

/// One class per codec, with its methods and its error type.
macro_rules! codec {
    ($($(#[$meta:meta])* $vis:vis $name:ident => $err:ident (level $level:literal)),+ $(,)?) => {
        $(
            pyo3::create_exception!(fe_resolution, $err, pyo3::exceptions::PyValueError);

            $(#[$meta])*
            #[pyclass]
            $vis struct $name {
                level: i32,
            }

            #[pymethods]
            impl $name {
                #[new]
                #[pyo3(signature = (level = $level))]
                fn new(level: i32) -> PyResult<Self> {
                    if level < 0 {
                        return Err($err::new_err(concat!(stringify!($name), ": negative level")));
                    }
                    Ok($name { level })
                }

                fn level(&self) -> i32 {
                    self.level
                }

                fn name(&self) -> &'static str {
                    stringify!($name)
                }
            }
        )+
    };
}

codec! {
    /// The gzip codec.
    pub Gzip => GzipError (level 6),
    pub Zstd => ZstdError (level 3),
}

/// Methods written by a macro for a hand-written class.
#[pyclass]
pub struct Counter {
    count: i64,
}

macro_rules! counter_methods {
    ($ty:ty, $step:expr) => {
        #[pymethods]
        impl $ty {
            #[new]
            fn new() -> Self {
                Counter { count: 0 }
            }

            fn bump(&mut self) -> i64 {
                self.count += $step;
                self.count
            }
        }
    };
}

counter_methods!(Counter, 2);

// A class and its methods written on one line, by a macro and by hand.
macro_rules! one_line_codec { ($n:ident, $v:literal) => { #[pyclass] pub struct $n { v: u8 } #[pymethods] impl $n { #[new] fn new() -> Self { $n { v: $v } } fn v(&self) -> u8 { self.v } } } }

one_line_codec!(Brotli, 11);
one_line_codec!(Lz4, 4);

#[pyclass] pub struct Raw; #[pymethods] impl Raw { #[new] fn new() -> Self { Raw } fn v(&self) -> u8 { 0 } }

// A macro that invokes another: functions reach the module as `unit_<name>`.
macro_rules! scale_fn {
    ($name:ident, $factor:expr) => {
        /// Scales by a constant factor.
        #[pyfunction]
        pub fn $name(x: f64) -> f64 {
            x * $factor
        }
    };
}

macro_rules! scale_fns {
    ($($name:ident = $factor:expr;)*) => {
        $( scale_fn!($name, $factor); )*
    };
}

scale_fns! {
    double = 2.0;
    triple = 3.0;
}

// Used through `crate::` before its definition (in src/later.rs).
crate::later_function!(answer, 42);

/// A class with a fixed name, written in two modules (the name and keyword both
/// come from the definition; only the invocation's place tells them apart).
#[macro_export]
macro_rules! make_stream {
    () => {
        #[pyclass]
        pub struct Stream {
            data: Vec<u8>,
        }

        #[pymethods]
        impl Stream {
            #[new]
            fn new() -> Self {
                Stream { data: Vec::new() }
            }

            fn push(&mut self, byte: u8) -> usize {
                self.data.push(byte);
                self.data.len()
            }

            fn rust_module(&self) -> &'static str {
                module_path!()
            }
        }
    };
}

pub mod text {
    use pyo3::prelude::*;
    crate::make_stream!();
}

pub mod binary {
    use pyo3::prelude::*;
    crate::make_stream!();
}
