//! `hashbrown::{HashMap, HashSet}` ↔ `dict`/`set`, through the same conversions
//! as std's maps and sets (so mutation during extraction raises the same RuntimeError).
crate::conversions::map::hashed_map_conversions!(hashbrown::HashMap);
crate::conversions::set::hashed_set_conversions!(hashbrown::HashSet);
