//! The account forms read into value types (A1, A2, A6): the same code runs in the browser
//! before sending and on the server again. Every refusal names its field.

use super::{BirthDate, DepartementCode, Email, Password, PasswordPolicy, PersonName};
use crate::model::{AccountForm, EmailChangeForm, FieldError, NewPasswordForm, SignInForm};

/// "Civilité".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Civility {
    Monsieur,
    Madame,
}

impl Civility {
    /// Both, in the order of the list.
    pub const ALL: [Self; 2] = [Self::Monsieur, Self::Madame];

    /// The stored and displayed form.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Monsieur => "MONSIEUR",
            Self::Madame => "MADAME",
        }
    }

    /// Reads the list's value.
    pub fn parse(input: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == input.trim())
    }
}

/// The country code of France: a birth there needs a département.
pub const FRANCE: &str = "FR";

/// Who the candidate is (everything but the login and the password).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountDetails {
    pub civility: Civility,
    pub birth_name: PersonName,
    pub usage_name: Option<PersonName>,
    pub first_names: PersonName,
    /// A code of the countries list (the server checks it exists).
    pub birth_country: String,
    pub birth_date: BirthDate,
    /// Required for a birth in France, absent otherwise (a code of the départements list).
    pub birth_departement: Option<DepartementCode>,
    /// As typed (INSEE's name when chosen among the suggestions).
    pub birth_commune: String,
}

/// A complete "Créez votre compte" form.
#[derive(Debug, Clone)]
pub struct NewAccount {
    pub details: AccountDetails,
    pub email: Email,
    pub password: Password,
}

/// Field names, as in [`AccountForm`] and in the pages' `name` attributes.
pub mod field {
    pub const CIVILITY: &str = "civility";
    pub const BIRTH_NAME: &str = "birth_name";
    pub const BIRTH_NAME_CONFIRM: &str = "birth_name_confirm";
    pub const USAGE_NAME: &str = "usage_name";
    pub const FIRST_NAMES: &str = "first_names";
    pub const BIRTH_COUNTRY: &str = "birth_country";
    pub const BIRTH_DATE: &str = "birth_date";
    pub const BIRTH_DATE_CONFIRM: &str = "birth_date_confirm";
    pub const BIRTH_DEPARTEMENT: &str = "birth_departement";
    pub const BIRTH_COMMUNE: &str = "birth_commune";
    pub const EMAIL: &str = "email";
    pub const EMAIL_CONFIRM: &str = "email_confirm";
    pub const PASSWORD: &str = "password";
    pub const PASSWORD_CONFIRM: &str = "password_confirm";
    pub const CURRENT_PASSWORD: &str = "current_password";
    pub const EMAIL_CURRENT_PASSWORD: &str = "email_current_password";
}

/// Longest commune name accepted (INSEE's longest is 45 characters).
pub const COMMUNE_MAX_LEN: usize = 100;

/// Collects refusals field by field.
#[derive(Debug, Default)]
pub struct Errors(Vec<FieldError>);

impl Errors {
    /// Records `message` for `field` (the first message of a field wins).
    pub fn add(&mut self, field: &str, message: impl Into<String>) {
        if !self.0.iter().any(|e| e.field == field) {
            self.0.push(FieldError {
                field: field.to_owned(),
                message: message.into(),
            });
        }
    }

    /// Keeps the value, or records its error.
    pub fn check<T, E: std::fmt::Display>(&mut self, field: &str, r: Result<T, E>) -> Option<T> {
        r.map_err(|e| self.add(field, e.to_string())).ok()
    }

    /// Every refusal, in form order.
    pub fn into_vec(self) -> Vec<FieldError> {
        self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `Ok` when nothing was refused, else every refusal.
    pub fn result(self) -> Result<(), Vec<FieldError>> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(self.into_vec())
        }
    }

    /// How many fields are refused so far.
    pub fn len(&self) -> usize {
        self.0.len()
    }
}

/// Reads the identity part of the form (every field but email and password).
pub fn parse_details(
    form: &AccountForm,
    today: chrono::NaiveDate,
    errors: &mut Errors,
) -> Option<AccountDetails> {
    use field::*;
    let civility = Civility::parse(&form.civility);
    if civility.is_none() {
        errors.add(CIVILITY, "Choisissez votre civilité.");
    }
    let birth_name = errors.check(BIRTH_NAME, PersonName::parse(&form.birth_name));
    if let Some(name) = &birth_name {
        match PersonName::parse(&form.birth_name_confirm) {
            Ok(c) if c == *name => {}
            Err(super::PersonNameError::Empty) => {
                errors.add(BIRTH_NAME_CONFIRM, "Confirmez votre nom de famille.")
            }
            _ => errors.add(
                BIRTH_NAME_CONFIRM,
                "La confirmation ne correspond pas au nom de famille.",
            ),
        }
    }
    let usage_name = if form.usage_name.trim().is_empty() {
        Some(None)
    } else {
        errors
            .check(USAGE_NAME, PersonName::parse(&form.usage_name))
            .map(Some)
    };
    let first_names = errors.check(FIRST_NAMES, PersonName::parse(&form.first_names));
    let country = form.birth_country.trim();
    if country.is_empty() {
        errors.add(BIRTH_COUNTRY, "Choisissez votre pays de naissance.");
    }
    let birth_date = errors.check(BIRTH_DATE, BirthDate::parse(&form.birth_date, today));
    if let Some(date) = birth_date {
        match BirthDate::parse(&form.birth_date_confirm, today) {
            Ok(c) if c == date => {}
            Err(super::BirthDateError::Empty) => {
                errors.add(BIRTH_DATE_CONFIRM, "Confirmez votre date de naissance.")
            }
            _ => errors.add(
                BIRTH_DATE_CONFIRM,
                "La confirmation ne correspond pas à la date de naissance.",
            ),
        }
    }
    let birth_departement = if country == FRANCE {
        let code = DepartementCode::parse(&form.birth_departement);
        if code.is_none() {
            errors.add(
                BIRTH_DEPARTEMENT,
                "Choisissez votre département, DOM ou COM de naissance.",
            );
        }
        code
    } else {
        None
    };
    let commune = super::text::squeeze(&form.birth_commune);
    if commune.is_empty() {
        errors.add(BIRTH_COMMUNE, "Saisissez votre commune de naissance.");
    } else if commune.chars().count() > COMMUNE_MAX_LEN {
        errors.add(BIRTH_COMMUNE, "100 caractères au maximum.");
    } else if commune
        .chars()
        .any(|c| c.is_control() || "<>{}[]\\|@#$%^*=+~`\"".contains(c))
    {
        errors.add(
            BIRTH_COMMUNE,
            "Seuls les lettres, les chiffres, les espaces, les tirets, les apostrophes et les parenthèses sont acceptés.",
        );
    }
    Some(AccountDetails {
        civility: civility?,
        birth_name: birth_name?,
        usage_name: usage_name?,
        first_names: first_names?,
        birth_country: country.to_owned(),
        birth_date: birth_date?,
        birth_departement,
        birth_commune: commune,
    })
    .filter(|_| errors.is_empty())
}

/// A message of the identity fields as staff read it, correcting another person's identity:
/// "Choisissez la civilité." for "Choisissez votre civilité.".
pub fn for_staff(message: &str) -> String {
    const WORDS: [(&str, &str); 6] = [
        ("votre civilité", "la civilité"),
        ("votre nom de famille", "le nom de famille"),
        ("votre pays de naissance", "le pays de naissance"),
        ("votre date de naissance", "la date de naissance"),
        ("votre département", "le département"),
        ("votre commune de naissance", "la commune de naissance"),
    ];
    WORDS
        .iter()
        .fold(message.to_owned(), |m, (from, to)| m.replace(from, to))
}

/// The identity fields' refusals, worded for staff (see [`for_staff`]).
pub fn errors_for_staff(errors: Vec<FieldError>) -> Vec<FieldError> {
    errors
        .into_iter()
        .map(|e| FieldError {
            message: for_staff(&e.message),
            ..e
        })
        .collect()
}

/// "Se connecter": both fields typed (checked in the browser, and again by the server for a
/// form the browser posted itself). Whether they match an account is the server's answer.
pub fn check_sign_in(form: &SignInForm) -> Result<(), Vec<FieldError>> {
    let mut errors = Errors::default();
    if form.email.trim().is_empty() {
        errors.add(field::EMAIL, "Saisissez votre login (votre adresse mail).");
    }
    if form.password.is_empty() {
        errors.add(field::PASSWORD, "Saisissez votre mot de passe.");
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors.into_vec())
    }
}

/// Reads an address and its confirmation.
pub fn parse_email_pair(email: &str, confirm: &str, errors: &mut Errors) -> Option<Email> {
    let email = errors.check(field::EMAIL, Email::parse(email))?;
    match Email::parse(confirm) {
        Ok(c) if c == email => Some(email),
        Err(super::EmailError::Empty) => {
            errors.add(field::EMAIL_CONFIRM, "Confirmez votre adresse mail.");
            None
        }
        _ => {
            errors.add(
                field::EMAIL_CONFIRM,
                "La confirmation ne correspond pas à l'adresse mail.",
            );
            None
        }
    }
}

/// Reads "Adresse mail" of "Modifier mon compte": the new address twice and the current
/// password typed (the server then checks it), the same in the browser and on the server.
pub fn parse_email_change(form: &EmailChangeForm) -> Result<Email, Vec<FieldError>> {
    let mut errors = Errors::default();
    let email = parse_email_pair(&form.email, &form.email_confirm, &mut errors);
    if form.email_current_password.is_empty() {
        errors.add(
            field::EMAIL_CURRENT_PASSWORD,
            "Saisissez votre mot de passe actuel.",
        );
    }
    match email {
        Some(email) if errors.is_empty() => Ok(email),
        _ => Err(errors.into_vec()),
    }
}

/// Reads a new password and its confirmation (compared exactly, as typed).
pub fn parse_password_pair(
    password: &str,
    confirm: &str,
    policy: &PasswordPolicy,
    personal: &[&str],
    errors: &mut Errors,
) -> Option<Password> {
    let password = errors.check(field::PASSWORD, Password::parse(password, policy, personal))?;
    if confirm.is_empty() {
        errors.add(field::PASSWORD_CONFIRM, "Confirmez votre mot de passe.");
        None
    } else if confirm != password.expose() {
        errors.add(
            field::PASSWORD_CONFIRM,
            "La confirmation ne correspond pas au mot de passe.",
        );
        None
    } else {
        Some(password)
    }
}

/// Reads a whole "Créez votre compte" form.
pub fn parse_new_account(
    form: &AccountForm,
    policy: &PasswordPolicy,
    today: chrono::NaiveDate,
) -> Result<NewAccount, Vec<FieldError>> {
    let mut errors = Errors::default();
    let details = parse_details(form, today, &mut errors);
    let email = parse_email_pair(&form.email, &form.email_confirm, &mut errors);
    let personal: Vec<&str> = [&form.birth_name, &form.usage_name, &form.first_names]
        .into_iter()
        .map(String::as_str)
        .collect();
    let password = parse_password_pair(
        &form.password,
        &form.password_confirm,
        policy,
        &personal,
        &mut errors,
    );
    match (details, email, password) {
        (Some(details), Some(email), Some(password)) if errors.is_empty() => Ok(NewAccount {
            details,
            email,
            password,
        }),
        _ => Err(errors.into_vec()),
    }
}

/// Reads a new password form; `needs_current` in "Modifier mon compte".
pub fn parse_new_password(
    form: &NewPasswordForm,
    policy: &PasswordPolicy,
    personal: &[&str],
    needs_current: bool,
) -> Result<Password, Vec<FieldError>> {
    let mut errors = Errors::default();
    if needs_current && form.current_password.is_empty() {
        errors.add(
            field::CURRENT_PASSWORD,
            "Saisissez votre mot de passe actuel.",
        );
    }
    let password = parse_password_pair(
        &form.password,
        &form.password_confirm,
        policy,
        personal,
        &mut errors,
    );
    match password {
        Some(p) if errors.is_empty() => Ok(p),
        _ => Err(errors.into_vec()),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn staff_read_the_identity_messages_about_the_candidate() {
        let mut errors = Errors::default();
        let parsed = parse_details(&AccountForm::default(), chrono::NaiveDate::MIN, &mut errors);
        assert!(parsed.is_none());
        let staff = errors_for_staff(errors.into_vec());
        assert!(
            staff.iter().any(|e| e.message == "Choisissez la civilité."),
            "{staff:?}"
        );
        assert!(
            staff.iter().all(|e| !e.message.contains("votre")),
            "{staff:?}"
        );
    }

    #[test]
    fn sign_in_needs_both_fields() {
        let form = |email: &str, password: &str| SignInForm {
            email: email.into(),
            password: password.into(),
        };
        assert_eq!(check_sign_in(&form("jean@example.fr", "x")), Ok(()));
        let fields = |r: Result<(), Vec<FieldError>>| {
            r.unwrap_err()
                .into_iter()
                .map(|e| e.field)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            fields(check_sign_in(&form("  ", ""))),
            [field::EMAIL, field::PASSWORD]
        );
        assert_eq!(
            fields(check_sign_in(&form("jean@example.fr", ""))),
            [field::PASSWORD]
        );
    }

    use super::*;
    use chrono::NaiveDate;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()
    }

    /// The guide's example candidate.
    pub(crate) fn jean_talu() -> AccountForm {
        AccountForm {
            civility: "MONSIEUR".into(),
            birth_name: "TALU".into(),
            birth_name_confirm: "talu".into(),
            usage_name: String::new(),
            first_names: "Jean".into(),
            birth_country: "FR".into(),
            birth_date: "01/01/2002".into(),
            birth_date_confirm: "1/1/2002".into(),
            birth_departement: "062".into(),
            birth_commune: "BEUVRY".into(),
            email: "jean_talu@ac-rennes.fr".into(),
            email_confirm: "Jean_Talu@ac-rennes.fr".into(),
            password: "Rivière.Bleue7".into(),
            password_confirm: "Rivière.Bleue7".into(),
        }
    }

    fn fields(form: &AccountForm) -> Vec<String> {
        parse_new_account(form, &PasswordPolicy::default(), today())
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| e.field)
            .collect()
    }

    #[test]
    fn the_guide_example_is_accepted_with_names_compared_in_upper_case() {
        let account = parse_new_account(&jean_talu(), &PasswordPolicy::default(), today()).unwrap();
        assert_eq!(account.details.birth_name.as_str(), "TALU");
        assert_eq!(
            account.details.birth_departement,
            DepartementCode::parse("062")
        );
        assert_eq!(account.email.as_str(), "jean_talu@ac-rennes.fr");
    }

    #[test]
    fn every_confirmation_must_match_its_field() {
        let mut form = jean_talu();
        form.birth_name_confirm = "TALUT".into();
        form.birth_date_confirm = "02/01/2002".into();
        form.email_confirm = "jean.talu@ac-rennes.fr".into();
        form.password_confirm = "rivière.Bleue7".into();
        assert_eq!(
            fields(&form),
            [
                field::BIRTH_NAME_CONFIRM,
                field::BIRTH_DATE_CONFIRM,
                field::EMAIL_CONFIRM,
                field::PASSWORD_CONFIRM
            ]
        );
    }

    #[test]
    fn departement_is_required_in_france_only_and_dropped_abroad() {
        let mut form = jean_talu();
        form.birth_departement = String::new();
        assert_eq!(fields(&form), [field::BIRTH_DEPARTEMENT]);
        form.birth_country = "BE".into();
        form.birth_departement = "062".into();
        form.birth_commune = "Liège".into();
        let account = parse_new_account(&form, &PasswordPolicy::default(), today()).unwrap();
        assert_eq!(account.details.birth_departement, None);
        assert_eq!(account.details.birth_commune, "Liège");
    }

    #[test]
    fn an_empty_form_names_every_required_field_once() {
        let got = fields(&AccountForm::default());
        assert_eq!(
            got,
            [
                field::CIVILITY,
                field::BIRTH_NAME,
                field::FIRST_NAMES,
                field::BIRTH_COUNTRY,
                field::BIRTH_DATE,
                field::BIRTH_COMMUNE,
                field::EMAIL,
                field::PASSWORD
            ]
        );
    }

    #[test]
    fn the_password_may_not_contain_the_candidates_names() {
        let mut form = jean_talu();
        form.password = "Talu.2002!".into();
        form.password_confirm = form.password.clone();
        assert_eq!(fields(&form), [field::PASSWORD]);
    }

    #[test]
    fn a_commune_with_markup_characters_is_refused() {
        let mut form = jean_talu();
        form.birth_commune = "<script>".into();
        assert_eq!(fields(&form), [field::BIRTH_COMMUNE]);
    }

    #[test]
    fn a_new_password_needs_the_current_one_when_asked() {
        let form = NewPasswordForm {
            current_password: String::new(),
            password: "Rivière.Bleue7".into(),
            password_confirm: "Rivière.Bleue7".into(),
        };
        let policy = PasswordPolicy::default();
        let err = parse_new_password(&form, &policy, &[], true).unwrap_err();
        assert_eq!(err[0].field, field::CURRENT_PASSWORD);
        assert!(parse_new_password(&form, &policy, &[], false).is_ok());
    }
}
