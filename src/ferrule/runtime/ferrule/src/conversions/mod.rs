//! `IntoPyObject`/`FromPyObject` for std types, one file per family.
mod int;
mod float;
mod string;
mod option;
mod bool_unit;
mod int128;
mod nonzero;
mod osstr_path;
mod bytes;
mod seq;
mod tuple;
mod map;
mod set;
mod smart;
mod time;
mod ipaddr;
mod cstring;
