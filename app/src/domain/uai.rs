//! The UAI code of an établissement (ex-RNE): seven digits and a check letter, such as
//! `0783371R`. The letter is the seven-digit number modulo 23 in an alphabet without I, O
//! and Q, so a mistyped digit is caught before any lookup.

use serde::{Deserialize, Serialize};
use std::fmt;

const KEYS: &[u8; 23] = b"ABCDEFGHJKLMNPRSTUVWXYZ";

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Uai(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum UaiError {
    #[error("Le code UAI comporte 7 chiffres suivis d'une lettre (par exemple 0783371R).")]
    Format,
    #[error("Ce code UAI n'est pas valable : sa lettre de contrôle ne correspond pas.")]
    CheckLetter,
}

impl Uai {
    /// Reads a code, in either case, spaces around ignored.
    pub fn parse(input: &str) -> Result<Self, UaiError> {
        let code = input.trim().to_ascii_uppercase();
        let bytes = code.as_bytes();
        if bytes.len() != 8
            || !bytes[..7].iter().all(u8::is_ascii_digit)
            || !bytes[7].is_ascii_uppercase()
        {
            return Err(UaiError::Format);
        }
        let number: u32 = code[..7].parse().map_err(|_| UaiError::Format)?;
        if KEYS[(number % 23) as usize] != bytes[7] {
            return Err(UaiError::CheckLetter);
        }
        Ok(Self(code))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Uai {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn accepts_the_guide_example_in_any_case() {
        assert_eq!(Uai::parse(" 0783371r ").unwrap().as_str(), "0783371R");
        assert_eq!(Uai::parse("0780422K").unwrap().as_str(), "0780422K");
    }

    #[test]
    fn refuses_a_wrong_letter_or_shape() {
        assert_eq!(Uai::parse("0783371S"), Err(UaiError::CheckLetter));
        assert_eq!(Uai::parse("0783372R"), Err(UaiError::CheckLetter));
        for bad in [
            "",
            "783371R",
            "07833711",
            "078337 1R",
            "0783371RR",
            "O783371R",
        ] {
            assert_eq!(Uai::parse(bad), Err(UaiError::Format), "{bad}");
        }
    }

    proptest! {
        #[test]
        fn exactly_one_letter_fits_each_number(n in 0u32..10_000_000) {
            let fits = KEYS
                .iter()
                .filter(|k| Uai::parse(&format!("{n:07}{}", **k as char)).is_ok())
                .count();
            prop_assert_eq!(fits, 1);
        }
    }
}
