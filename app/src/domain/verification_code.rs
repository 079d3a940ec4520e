//! The code printed on every document (and in its QR code) that opens "Vérifier un
//! document": 80 random bits in Crockford's base 32, so it reveals nothing and cannot be
//! guessed; read back forgivingly (case, spaces, dashes, O for 0, I and L for 1).

use serde::{Deserialize, Serialize};
use std::fmt;

/// Crockford's alphabet: no I, L, O or U.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// 16 characters of 5 bits.
pub const LENGTH: usize = 16;

/// A well-formed verification code (16 characters of the alphabet, upper case).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct VerificationCode(String);

/// Why a typed code is not a code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotACode;

impl VerificationCode {
    /// A new random code.
    #[cfg(feature = "ssr")]
    pub fn random() -> Self {
        let mut bytes = [0u8; 16];
        // Ten bytes of the system's random source (a UUID v4 would fix 6 of the bits).
        getrandom::fill(&mut bytes[..10]).expect("the system's random source is available");
        Self::from_bits(u128::from_le_bytes(bytes))
    }

    /// The code of the low 80 bits of `bits`.
    #[cfg_attr(
        not(feature = "ssr"),
        expect(dead_code, reason = "codes are drawn by the server only")
    )]
    fn from_bits(bits: u128) -> Self {
        Self(
            (0..LENGTH)
                .map(|i| char::from(ALPHABET[((bits >> (5 * i)) & 31) as usize]))
                .collect(),
        )
    }

    /// Reads a code as a person may type it.
    pub fn parse(typed: &str) -> Result<Self, NotACode> {
        let mut out = String::with_capacity(LENGTH);
        for c in typed.chars() {
            let c = match c.to_ascii_uppercase() {
                ' ' | '-' | '\u{a0}' => continue,
                'O' => '0',
                'I' | 'L' => '1',
                c if c.is_ascii() && ALPHABET.contains(&(c as u8)) => c,
                _ => return Err(NotACode),
            };
            if out.len() == LENGTH {
                return Err(NotACode);
            }
            out.push(c);
        }
        if out.len() == LENGTH {
            Ok(Self(out))
        } else {
            Err(NotACode)
        }
    }

    /// The stored form (16 characters, no dash).
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for VerificationCode {
    /// "ABCD-EFGH-JKMN-PQRS".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let groups: Vec<&str> = (0..LENGTH / 4).map(|i| &self.0[4 * i..4 * i + 4]).collect();
        f.write_str(&groups.join("-"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_printed_code_reads_back() {
        let code = VerificationCode::from_bits(0x1234_5678_9abc_def0_1234);
        let printed = code.to_string();
        assert_eq!(printed.len(), 19);
        assert_eq!(VerificationCode::parse(&printed), Ok(code.clone()));
        assert_eq!(
            VerificationCode::parse(&printed.to_lowercase()),
            Ok(code.clone())
        );
        assert_eq!(
            VerificationCode::parse(&printed.replace('-', " ")),
            Ok(code)
        );
    }

    #[test]
    fn look_alike_letters_are_read_as_digits() {
        assert_eq!(
            VerificationCode::parse("OOOO-IIII-LLLL-0000").map(|c| c.as_str().to_owned()),
            Ok("0000111111110000".to_owned())
        );
    }

    #[test]
    fn anything_else_is_not_a_code() {
        for typed in [
            "",
            "ABCD",
            "ABCD-EFGH-JKMN-PQRSX",
            "ABCD-EFGH-JKMN-PQRU",
            "#read(\"/etc/passwd\")",
            "ÀBCD-EFGH-JKMN-PQRS",
        ] {
            assert_eq!(VerificationCode::parse(typed), Err(NotACode), "{typed}");
        }
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn random_codes_use_every_character_in_every_place() {
        let codes: Vec<VerificationCode> = (0..2000).map(|_| VerificationCode::random()).collect();
        for place in 0..LENGTH {
            let seen: std::collections::HashSet<u8> =
                codes.iter().map(|c| c.as_str().as_bytes()[place]).collect();
            // 2000 draws of 32 equally likely characters: all appear (a missed one has a
            // probability under 1e-25).
            assert_eq!(seen.len(), 32, "place {place}");
        }
    }

    proptest! {
        #[test]
        fn every_code_prints_and_parses_to_itself(bits in any::<u128>()) {
            let code = VerificationCode::from_bits(bits);
            prop_assert_eq!(code.as_str().len(), LENGTH);
            prop_assert_eq!(VerificationCode::parse(&code.to_string()), Ok(code));
        }
    }
}
