//! Codes of départements, DOM and COM as the reference list writes them: three characters,
//! "078", "02A", "971" (INSEE's code with a leading zero for the metropolitan ones).

use std::fmt;

/// A code with the shape of the reference list's. Whether the département exists is the
/// server's check against the list.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DepartementCode(String);

impl DepartementCode {
    /// Reads a code as a list sends it (spaces trimmed, `02a` taken as `02A`); `None` when it
    /// does not have the shape of one.
    pub fn parse(input: &str) -> Option<Self> {
        let code = input.trim().to_ascii_uppercase();
        let shaped = match code.as_bytes() {
            [a, b, c] if a.is_ascii_digit() && b.is_ascii_digit() && c.is_ascii_digit() => true,
            [b'0', b'2', b'A' | b'B'] => true,
            _ => false,
        };
        shaped.then_some(Self(code))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

impl fmt::Display for DepartementCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_codes_of_the_reference_list() {
        for code in ["001", "062", "078", "02A", "02B", "971", "988"] {
            assert_eq!(DepartementCode::parse(code).unwrap().as_str(), code);
        }
        assert_eq!(DepartementCode::parse(" 02a ").unwrap().as_str(), "02A");
    }

    #[test]
    fn refuses_what_is_not_shaped_like_a_code() {
        for bad in ["", "78", "0780", "2A", "02C", "07B", "0 8", "'--"] {
            assert_eq!(DepartementCode::parse(bad), None, "{bad}");
        }
    }
}
