//! `Python::version_info()`: the running interpreter's version, compared with tuples
//! (`py.version_info() >= (3, 10)`), as PyO3's `PythonVersionInfo`.
use std::cmp::Ordering;

/// The interpreter's version, like `sys.version_info`: `3.13.1` or `3.14.0rc2`
/// (the text after the last number is the `suffix`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PythonVersionInfo {
    pub major: u8,
    pub minor: u8,
    pub patch: u8,
    pub suffix: Option<&'static str>,
}

/// The leading digits of `part` as a number, and the rest when there is any.
fn number_then_rest(part: &'static str) -> Result<(u8, Option<&'static str>), &'static str> {
    let end = part.find(|c: char| !c.is_ascii_digit()).unwrap_or(part.len());
    let number = part[..end].parse().map_err(|_| "Python version part not an integer")?;
    Ok((number, if end < part.len() { Some(&part[end..]) } else { None }))
}

impl PythonVersionInfo {
    /// Reads `"3.11.7"`, `"3.14.0rc2"`, `"3.13"` or `"3.15a1"` (no patch: it is 0).
    pub(crate) fn parse(text: &'static str) -> Result<Self, &'static str> {
        let mut parts = text.splitn(3, '.');
        let major = parts.next().unwrap_or("").parse().map_err(|_| "Python major version not an integer")?;
        let (minor, minor_rest) = number_then_rest(parts.next().ok_or("Python minor version missing")?)?;
        let (patch, suffix) = match (minor_rest, parts.next()) {
            (Some(rest), _) => (0, Some(rest)),
            (None, Some(patch)) => number_then_rest(patch)?,
            (None, None) => (0, None),
        };
        Ok(PythonVersionInfo { major, minor, patch, suffix })
    }
}

impl PartialEq<(u8, u8)> for PythonVersionInfo {
    fn eq(&self, other: &(u8, u8)) -> bool {
        (self.major, self.minor) == *other
    }
}

impl PartialEq<(u8, u8, u8)> for PythonVersionInfo {
    fn eq(&self, other: &(u8, u8, u8)) -> bool {
        (self.major, self.minor, self.patch) == *other
    }
}

impl PartialOrd<(u8, u8)> for PythonVersionInfo {
    fn partial_cmp(&self, other: &(u8, u8)) -> Option<Ordering> {
        (self.major, self.minor).partial_cmp(other)
    }
}

impl PartialOrd<(u8, u8, u8)> for PythonVersionInfo {
    fn partial_cmp(&self, other: &(u8, u8, u8)) -> Option<Ordering> {
        (self.major, self.minor, self.patch).partial_cmp(other)
    }
}

#[cfg(test)]
mod tests {
    use super::PythonVersionInfo;

    #[test]
    fn parses_releases_and_pre_releases() {
        let v = PythonVersionInfo::parse("3.11.7").unwrap();
        assert_eq!((v.major, v.minor, v.patch, v.suffix), (3, 11, 7, None));
        let v = PythonVersionInfo::parse("3.14.0rc2").unwrap();
        assert_eq!((v.patch, v.suffix), (0, Some("rc2")));
        let v = PythonVersionInfo::parse("3.15a1").unwrap();
        assert_eq!((v.minor, v.patch, v.suffix), (15, 0, Some("a1")));
        assert!(v >= (3, 15) && v < (3, 15, 1) && v == (3, 15));
        assert!(PythonVersionInfo::parse("x.1").is_err());
    }
}
