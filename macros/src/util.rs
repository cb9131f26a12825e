//! Small helpers shared by the macros.

use syn::{Error, Path};

/// Collects several spanned errors into one.
#[derive(Default)]
pub struct Errors(Option<Error>);

impl Errors {
    pub fn push(&mut self, e: Error) {
        match &mut self.0 {
            Some(all) => all.combine(e),
            None => self.0 = Some(e),
        }
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_none()
    }
    pub fn finish(self) -> syn::Result<()> {
        match self.0 {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }
}

/// The last segment's identifier of a path, as a string.
pub fn last_ident(p: &Path) -> String {
    p.segments
        .last()
        .map(|s| s.ident.to_string())
        .unwrap_or_default()
}

/// Validates a GUID string the way `anycom::GUID::try_parse` does.
pub fn valid_guid(s: &str) -> bool {
    let b = s.as_bytes();
    let body = match b.len() {
        36 => b,
        38 if b[0] == b'{' && b[37] == b'}' => &b[1..37],
        _ => return false,
    };
    body.iter().enumerate().all(|(i, c)| match i {
        8 | 13 | 18 | 23 => *c == b'-',
        _ => c.is_ascii_hexdigit(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn guids() {
        assert!(valid_guid("00000000-0000-0000-C000-000000000046"));
        assert!(valid_guid("{00000000-0000-0000-C000-000000000046}"));
        assert!(!valid_guid("00000000-0000-0000-C000-00000000004"));
        assert!(!valid_guid("0000000g-0000-0000-C000-000000000046"));
    }
}
