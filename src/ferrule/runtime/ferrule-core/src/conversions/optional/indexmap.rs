//! `indexmap::IndexMap` ↔ `dict`, keeping order both ways (a dict iterates
//! in insertion order). Shares std's map conversions.
crate::conversions::map::hashed_map_conversions!(indexmap::IndexMap);
