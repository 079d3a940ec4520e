//! Passwords and the policy they must follow (A2; security checklist lines 1-3).

use serde::{Deserialize, Serialize};
use std::fmt;

/// What a password must contain. The default is the guide's rule: 8 to 20 characters with
/// a lowercase letter, an uppercase letter and a special character.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasswordPolicy {
    pub min_len: usize,
    pub max_len: usize,
    pub require_lowercase: bool,
    pub require_uppercase: bool,
    pub require_digit: bool,
    pub require_special: bool,
}

impl Default for PasswordPolicy {
    fn default() -> Self {
        Self {
            min_len: 8,
            max_len: 20,
            require_lowercase: true,
            require_uppercase: true,
            require_digit: false,
            require_special: true,
        }
    }
}

impl PasswordPolicy {
    /// The hint shown under the field, in the guide's words for the default policy.
    pub fn hint_fr(&self) -> String {
        let mut parts = Vec::new();
        if self.require_uppercase {
            parts.push("majuscule");
        }
        if self.require_lowercase {
            parts.push("minuscule");
        }
        if self.require_digit {
            parts.push("chiffre");
        }
        if self.require_special {
            parts.push("caractère spécial (ex : . / ! * etc...)");
        }
        format!(
            "{} à {} caractères dont {}",
            self.min_len,
            self.max_len,
            parts.join(", ")
        )
    }
}

/// A password that follows the policy. Its text never appears in `Debug` output, and it
/// has no serde: it can only be made by [`Password::parse`], never read from or written
/// to the wire as such.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

/// Why a password is refused; the first rule broken is reported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PasswordError {
    #[error("Saisissez un mot de passe.")]
    Empty,
    #[error("Le mot de passe doit comporter au moins {0} caractères.")]
    TooShort(usize),
    #[error("Le mot de passe doit comporter au plus {0} caractères.")]
    TooLong(usize),
    #[error("Le mot de passe doit comporter au moins une minuscule.")]
    MissingLowercase,
    #[error("Le mot de passe doit comporter au moins une majuscule.")]
    MissingUppercase,
    #[error("Le mot de passe doit comporter au moins un chiffre.")]
    MissingDigit,
    #[error("Le mot de passe doit comporter au moins un caractère spécial (ex : . / ! * etc...).")]
    MissingSpecial,
    #[error("Ce mot de passe est trop courant : choisissez-en un autre.")]
    Common,
    #[error("Le mot de passe ne doit pas contenir votre nom ou votre prénom.")]
    ContainsPersonalData,
}

/// Words that make a password guessable whatever its decoration: the most used passwords,
/// French ones, and the portal's own name. Compared without case, digits and symbols.
const COMMON_WORDS: &[&str] = &[
    "password",
    "motdepasse",
    "azerty",
    "qwerty",
    "soleil",
    "bonjour",
    "doudou",
    "loulou",
    "marseille",
    "chouchou",
    "nicolas",
    "julien",
    "camille",
    "cyclades",
    "education",
    "academie",
    "examen",
    "certification",
    "candidat",
    "inscription",
    "welcome",
    "admin",
    "iloveyou",
    "princesse",
    "coucou",
    "football",
    "chocolat",
    "liberte",
    "france",
    "paris",
    "abcdef",
    "abcd",
    "aaaa",
];

/// Whole passwords from breach top lists (compared without case) that the rule alone lets
/// through.
const COMMON_PASSWORDS: &[&str] = &[
    "password1!",
    "passw0rd!",
    "p@ssw0rd",
    "p@ssword",
    "azerty1!",
    "azerty123!",
    "qwerty1!",
    "qwerty123!",
    "abc123!!",
    "a1b2c3d4!",
    "123456aa!",
    "aa123456!",
    "motdepasse1!",
];

impl Password {
    /// Checks `input` against `policy`, against common passwords, and against the
    /// candidate's own names (`personal`, words of 3 letters or more). Characters count as
    /// typed: nothing is trimmed, truncated or folded.
    pub fn parse(
        input: &str,
        policy: &PasswordPolicy,
        personal: &[&str],
    ) -> Result<Self, PasswordError> {
        if input.is_empty() {
            return Err(PasswordError::Empty);
        }
        // The first rule broken, in the order of `Rule::ALL`; the checklist shows them all.
        match Rule::ALL
            .into_iter()
            .filter(|r| r.applies(policy, true))
            .find(|r| !r.met(input, policy, personal))
        {
            Some(rule) => Err(rule.error(input, policy)),
            None => Ok(Self(input.to_owned())),
        }
    }

    /// The password as typed, for hashing only.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// Whether `input` is a common password, or a common word barely decorated (the short list
/// both sides know; the server also checks its long list).
fn is_common(input: &str) -> bool {
    let lower = input.to_lowercase();
    let letters = fold(input);
    COMMON_PASSWORDS.contains(&lower.as_str())
        || COMMON_WORDS.iter().any(|w| {
            letters == *w || (w.len() >= 5 && letters.contains(w) && letters.len() <= w.len() + 2)
        })
}

/// Whether `input` contains a word of 3 letters or more of the candidate's names.
fn contains_personal(input: &str, personal: &[&str]) -> bool {
    let letters = fold(input);
    personal
        .iter()
        .flat_map(|p| p.split(|c: char| !c.is_alphabetic()))
        .map(fold)
        .any(|word| word.chars().count() >= 3 && letters.contains(&word))
}

/// One line of the checklist shown under a new password, before anything is typed (the
/// rules of [`Password::parse`], all at once instead of the first one broken).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    Length,
    Lowercase,
    Uppercase,
    Digit,
    Special,
    /// Not a common password: the short list here, the server's long one as typed.
    NotCommon,
    /// None of the candidate's names (when the page knows them).
    NotPersonal,
}

impl PasswordPolicy {
    /// The lines of the checklist, in the order of the guide's sentence ("majuscule,
    /// minuscule…").
    pub fn rules(&self, with_names: bool) -> Vec<Rule> {
        [
            Rule::Length,
            Rule::Uppercase,
            Rule::Lowercase,
            Rule::Digit,
            Rule::Special,
            Rule::NotCommon,
            Rule::NotPersonal,
        ]
        .into_iter()
        .filter(|r| r.applies(self, with_names))
        .collect()
    }
}

impl Rule {
    /// Every rule, in the order [`Password::parse`] reports the first one broken.
    const ALL: [Rule; 7] = [
        Rule::Length,
        Rule::Lowercase,
        Rule::Uppercase,
        Rule::Digit,
        Rule::Special,
        Rule::NotCommon,
        Rule::NotPersonal,
    ];

    /// Whether `policy` asks for the rule (the names one only where they are known).
    fn applies(self, policy: &PasswordPolicy, with_names: bool) -> bool {
        match self {
            Rule::Length | Rule::NotCommon => true,
            Rule::Lowercase => policy.require_lowercase,
            Rule::Uppercase => policy.require_uppercase,
            Rule::Digit => policy.require_digit,
            Rule::Special => policy.require_special,
            Rule::NotPersonal => with_names,
        }
    }

    /// Why `input`, which breaks the rule, is refused.
    fn error(self, input: &str, policy: &PasswordPolicy) -> PasswordError {
        match self {
            Rule::Length if input.chars().count() < policy.min_len => {
                PasswordError::TooShort(policy.min_len)
            }
            Rule::Length => PasswordError::TooLong(policy.max_len),
            Rule::Lowercase => PasswordError::MissingLowercase,
            Rule::Uppercase => PasswordError::MissingUppercase,
            Rule::Digit => PasswordError::MissingDigit,
            Rule::Special => PasswordError::MissingSpecial,
            Rule::NotCommon => PasswordError::Common,
            Rule::NotPersonal => PasswordError::ContainsPersonalData,
        }
    }

    pub fn label_fr(self, policy: &PasswordPolicy) -> String {
        match self {
            Rule::Length => format!("De {} à {} caractères", policy.min_len, policy.max_len),
            Rule::Lowercase => "Une minuscule".into(),
            Rule::Uppercase => "Une majuscule".into(),
            Rule::Digit => "Un chiffre".into(),
            Rule::Special => "Un caractère spécial (ex : . / ! * etc...)".into(),
            Rule::NotCommon => "Pas un mot de passe trop courant".into(),
            Rule::NotPersonal => "Ni votre nom ni votre prénom".into(),
        }
    }

    /// Whether `input` follows the rule (nothing typed follows none).
    pub fn met(self, input: &str, policy: &PasswordPolicy, personal: &[&str]) -> bool {
        let len = input.chars().count();
        len > 0
            && match self {
                Rule::Length => (policy.min_len..=policy.max_len).contains(&len),
                Rule::Lowercase => input.chars().any(char::is_lowercase),
                Rule::Uppercase => input.chars().any(char::is_uppercase),
                Rule::Digit => input.chars().any(|c| c.is_ascii_digit()),
                Rule::Special => input.chars().any(is_special),
                Rule::NotCommon => !is_common(input),
                Rule::NotPersonal => !contains_personal(input, personal),
            }
    }
}

/// Anything visible that is neither a letter nor a digit counts as special.
fn is_special(c: char) -> bool {
    !c.is_alphanumeric() && !c.is_whitespace() && !c.is_control()
}

/// Letters only, lower case, common accents removed: "Jéan-Talu!1" → "jeantalu".
fn fold(text: &str) -> String {
    let letters: String = text.chars().filter(|c| c.is_alphabetic()).collect();
    super::text::upper_unaccented(&letters).to_lowercase()
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(***)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn parse(p: &str) -> Result<Password, PasswordError> {
        Password::parse(p, &PasswordPolicy::default(), &["TALU", "Jean"])
    }

    #[test]
    fn the_checklist_shows_every_unmet_rule_at_once_and_agrees_with_parse() {
        let policy = PasswordPolicy::default();
        let unmet = |p: &str| -> Vec<Rule> {
            policy
                .rules(true)
                .into_iter()
                .filter(|r| !r.met(p, &policy, &["TALU", "Jean"]))
                .collect()
        };
        assert_eq!(unmet(""), policy.rules(true), "nothing typed meets nothing");
        assert_eq!(unmet("abc"), [Rule::Length, Rule::Uppercase, Rule::Special]);
        assert_eq!(unmet("Soleil2024!"), [Rule::NotCommon]);
        assert_eq!(unmet("Jean.Rivière7"), [Rule::NotPersonal]);
        assert!(unmet("Vélo.Rouge7").is_empty());
        assert!(!policy.rules(false).contains(&Rule::NotPersonal));
        for p in [
            "",
            "abc",
            "Soleil2024!",
            "Jean.Rivière7",
            "Vélo.Rouge7",
            "ABCDEFG.H",
        ] {
            assert_eq!(unmet(p).is_empty(), parse(p).is_ok(), "{p}");
        }
    }

    #[test]
    fn the_guide_rule_by_default() {
        assert!(parse("Vélo.Rouge7").is_ok());
        assert_eq!(parse(""), Err(PasswordError::Empty));
        assert_eq!(parse("Ab.1234"), Err(PasswordError::TooShort(8)));
        assert_eq!(
            parse("Abcdefghij.klmnopqrst"),
            Err(PasswordError::TooLong(20))
        );
        assert_eq!(parse("ABCDEFG.H"), Err(PasswordError::MissingLowercase));
        assert_eq!(parse("abcdefg.h"), Err(PasswordError::MissingUppercase));
        assert_eq!(parse("Abcdefghij"), Err(PasswordError::MissingSpecial));
        assert_eq!(
            parse("Abcdefgh\u{1b}"),
            Err(PasswordError::MissingSpecial),
            "a control character is not special"
        );
    }

    #[test]
    fn length_counts_characters_not_bytes() {
        // 8 characters, 12 bytes.
        assert!(parse("Éléphâ.t").is_ok());
        // 20 characters are accepted, 21 are not: nothing is truncated.
        assert!(parse("Aa.aaaaaaaaaaaaaaaaa").is_ok());
        assert_eq!(
            parse("Aa.aaaaaaaaaaaaaaaaaa"),
            Err(PasswordError::TooLong(20))
        );
    }

    #[test]
    fn common_passwords_and_the_portal_name_are_refused() {
        for p in [
            "Password1!",
            "P@ssw0rd",
            "Azerty123!",
            "Cyclades2026!",
            "Motdepasse!",
            "Soleil!!",
        ] {
            assert_eq!(parse(p), Err(PasswordError::Common), "{p}");
        }
    }

    #[test]
    fn the_candidates_own_names_are_refused() {
        assert_eq!(
            parse("Talu.2002x"),
            Err(PasswordError::ContainsPersonalData)
        );
        assert_eq!(
            parse("xJEAN!!!99"),
            Err(PasswordError::ContainsPersonalData)
        );
        // Short name parts (under 3 letters) do not count.
        assert!(Password::parse("Lu.Verte9z", &PasswordPolicy::default(), &["Lu"]).is_ok());
    }

    #[test]
    fn the_policy_is_configuration() {
        let strict = PasswordPolicy {
            min_len: 12,
            max_len: 64,
            require_digit: true,
            ..PasswordPolicy::default()
        };
        assert_eq!(
            Password::parse("Vélo.Rouge", &strict, &[]),
            Err(PasswordError::TooShort(12))
        );
        assert_eq!(
            Password::parse("Vélo.Rouge.Vert", &strict, &[]),
            Err(PasswordError::MissingDigit)
        );
        assert!(Password::parse("Vélo.Rouge.Vert7", &strict, &[]).is_ok());
        assert_eq!(
            PasswordPolicy::default().hint_fr(),
            "8 à 20 caractères dont majuscule, minuscule, caractère spécial (ex : . / ! * etc...)"
        );
    }

    #[test]
    fn debug_never_shows_the_password() {
        let p = parse("Vélo.Rouge7").unwrap();
        assert_eq!(format!("{p:?}"), "Password(***)");
        assert_eq!(p.expose(), "Vélo.Rouge7");
    }

    proptest! {
        #[test]
        fn passwords_that_follow_the_rule_are_accepted_as_typed(
            p in "[bcdfghjklmnpqrstvwxz]{4,6}[BCDFGHJKLMNPQRSTVWXZ]{2,6}[.!*/#]{1,3}[0-9]{1,4}"
        ) {
            // No vowel: no common word, no name. 8 to 19 characters.
            let ok = parse(&p).unwrap();
            prop_assert_eq!(ok.expose(), p.as_str());
        }

        #[test]
        fn every_accepted_password_follows_the_default_rule(p in "\\PC{0,30}") {
            if let Ok(ok) = parse(&p) {
                let n = ok.expose().chars().count();
                prop_assert!((8..=20).contains(&n));
                prop_assert!(ok.expose().chars().any(char::is_lowercase));
                prop_assert!(ok.expose().chars().any(char::is_uppercase));
                prop_assert!(ok.expose().chars().any(is_special));
            }
        }
    }
}
