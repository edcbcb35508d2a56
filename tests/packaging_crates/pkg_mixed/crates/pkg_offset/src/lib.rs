//! A path dependency inside the project: the sdist must carry it.
pub const OFFSET: i64 = 100;
