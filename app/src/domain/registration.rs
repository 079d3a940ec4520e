//! The registration wizard's tabs read into value types (R3-R6): the same code runs in the
//! browser at "Suivant" and on the server at every tab change and at "Enregistrer". The
//! server then checks what the browser cannot: postal codes, localities and établissements
//! against the reference data.

use super::account::{Errors, FRANCE};
use super::epreuve_rules::check_choices;
use super::text::squeeze;
use super::{Phone, PostalCode, Uai};
use crate::model::{EpreuveCatalog, ListOption, RegistrationForm, Tab, WizardLists};

/// Field names, as in [`RegistrationForm`] and in the pages' `name` attributes.
pub mod field {
    pub const ADDRESS_COUNTRY: &str = "address_country";
    pub const ADDRESS_1: &str = "address_1";
    pub const ADDRESS_2: &str = "address_2";
    pub const ADDRESS_3: &str = "address_3";
    pub const ADDRESS_4: &str = "address_4";
    pub const POSTAL_CODE: &str = "postal_code";
    pub const LOCALITY: &str = "locality";
    pub const NATIONALITY: &str = "nationality";
    pub const PHONE: &str = "phone";
    pub const CORPS: &str = "corps";
    pub const STATUT: &str = "statut";
    pub const POSITION: &str = "position";
    pub const WORK_COUNTRY: &str = "work_country";
    pub const WORK_DEPARTEMENT: &str = "work_departement";
    pub const WORK_LOCALITY: &str = "work_locality";
    pub const ETABLISSEMENT: &str = "etablissement";
}

/// The tab a field belongs to, to show the first refused one.
pub fn tab_of(field_name: &str) -> Tab {
    use field::*;
    match field_name {
        ADDRESS_COUNTRY | ADDRESS_1 | ADDRESS_2 | ADDRESS_3 | ADDRESS_4 | POSTAL_CODE
        | LOCALITY | NATIONALITY | PHONE => Tab::Identification,
        CORPS | STATUT | POSITION | WORK_COUNTRY | WORK_DEPARTEMENT | WORK_LOCALITY
        | ETABLISSEMENT => Tab::Situation,
        _ => Tab::Epreuves,
    }
}

/// A French address line holds at most 38 characters (AFNOR NF Z10-011).
pub const ADDRESS_LINE_MAX: usize = 38;
/// Longest name accepted for an establishment abroad.
pub const NAME_MAX: usize = 100;

/// The candidate's postal address (tab 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Address {
    pub country: String,
    /// Adresse 1 (required) to 4, empty lines dropped from the end.
    pub lines: [String; 4],
    /// Five digits in France; free (maybe empty) abroad.
    pub postal_code: String,
    pub locality: String,
}

/// Where the candidate works or trains (tab 3).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Workplace {
    /// In France: an établissement of the reference list.
    France {
        departement: String,
        /// "78000-VERSAILLES".
        locality: String,
        uai: Uai,
    },
    Abroad {
        country: String,
        locality: String,
        name: String,
    },
}

/// Tab 3 "Situation actuelle".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Situation {
    pub corps: String,
    pub statut: String,
    pub position: String,
    pub workplace: Workplace,
}

/// Every tab read: what "Enregistrer" saves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answers {
    pub address: Address,
    pub nationality: String,
    pub phone: Phone,
    pub situation: Situation,
    /// The optional and "à choix" tests chosen, in catalog order.
    pub epreuves: Vec<String>,
}

impl Answers {
    /// The answers in the form's shape, normalised (what is stored and shown again).
    pub fn to_form(&self) -> RegistrationForm {
        let [a1, a2, a3, a4] = self.address.lines.clone();
        let (work_country, work_departement, work_locality, etablissement) =
            match &self.situation.workplace {
                Workplace::France {
                    departement,
                    locality,
                    uai,
                } => (
                    FRANCE.to_owned(),
                    departement.clone(),
                    locality.clone(),
                    uai.to_string(),
                ),
                Workplace::Abroad {
                    country,
                    locality,
                    name,
                } => (
                    country.clone(),
                    String::new(),
                    locality.clone(),
                    name.clone(),
                ),
            };
        RegistrationForm {
            address_country: self.address.country.clone(),
            address_1: a1,
            address_2: a2,
            address_3: a3,
            address_4: a4,
            postal_code: self.address.postal_code.clone(),
            locality: self.address.locality.clone(),
            nationality: self.nationality.clone(),
            phone: self.phone.to_string(),
            corps: self.situation.corps.clone(),
            statut: self.situation.statut.clone(),
            position: self.situation.position.clone(),
            work_country,
            work_departement,
            work_locality,
            etablissement,
            epreuves: self.epreuves.clone(),
        }
    }
}

fn in_list(list: &[ListOption], code: &str) -> bool {
    list.iter().any(|o| o.code == code)
}

/// A required code of `list`, or its refusal.
fn choose(
    errors: &mut Errors,
    name: &str,
    list: &[ListOption],
    value: &str,
    missing: &str,
) -> Option<String> {
    let value = value.trim();
    if value.is_empty() || !in_list(list, value) {
        errors.add(name, missing);
        return None;
    }
    Some(value.to_owned())
}

/// Letters, digits, spaces and the signs of addresses.
fn address_text(errors: &mut Errors, name: &str, value: &str, required: bool) -> String {
    let value = squeeze(value);
    if value.is_empty() {
        if required {
            errors.add(name, "Saisissez la première ligne de votre adresse.");
        }
        return value;
    }
    if value.chars().count() > ADDRESS_LINE_MAX {
        errors.add(
            name,
            format!(
                "Chaque ligne doit comporter au plus {ADDRESS_LINE_MAX} caractères : continuez sur la ligne suivante."
            ),
        );
    } else if !value
        .chars()
        .all(|c| c.is_alphanumeric() || " '’-,./°&()".contains(c))
    {
        errors.add(
            name,
            "Seuls les lettres, les chiffres, les espaces et les signes ' - , . / ° & ( ) sont acceptés.",
        );
    }
    value
}

/// Tab 1: address, nationality and phone (identity comes from the account).
pub fn parse_identification(
    form: &RegistrationForm,
    lists: &WizardLists,
    errors: &mut Errors,
) -> Option<(Address, String, Phone)> {
    use field::*;
    let before = errors.len();
    let country = choose(
        errors,
        ADDRESS_COUNTRY,
        &lists.countries,
        &form.address_country,
        "Choisissez le pays de votre adresse.",
    );
    let lines = [
        address_text(errors, ADDRESS_1, &form.address_1, true),
        address_text(errors, ADDRESS_2, &form.address_2, false),
        address_text(errors, ADDRESS_3, &form.address_3, false),
        address_text(errors, ADDRESS_4, &form.address_4, false),
    ];
    let in_france = country.as_deref() == Some(FRANCE);
    let postal_code = errors.check(
        POSTAL_CODE,
        if in_france {
            PostalCode::french(&form.postal_code)
        } else {
            PostalCode::abroad(&form.postal_code)
        },
    );
    let locality = squeeze(&form.locality);
    if locality.is_empty() {
        errors.add(
            LOCALITY,
            if in_france {
                "Choisissez la localité parmi celles du code postal."
            } else {
                "Saisissez la localité."
            },
        );
    } else if locality.chars().count() > ADDRESS_LINE_MAX {
        errors.add(
            LOCALITY,
            format!("La localité doit comporter au plus {ADDRESS_LINE_MAX} caractères."),
        );
    }
    let nationality = choose(
        errors,
        NATIONALITY,
        &lists.nationalities,
        &form.nationality,
        "Choisissez votre nationalité.",
    );
    let phone = if form.phone.trim().is_empty() {
        errors.add(PHONE, "Saisissez votre téléphone personnel.");
        None
    } else {
        errors.check(PHONE, Phone::parse(&form.phone))
    };
    if errors.len() > before {
        return None;
    }
    Some((
        Address {
            country: country?,
            lines,
            postal_code: postal_code?.into_string(),
            locality: if in_france {
                locality.to_uppercase()
            } else {
                locality
            },
        },
        nationality?,
        phone?,
    ))
}

/// Tab 3: HR information and the place of work or training.
pub fn parse_situation(
    form: &RegistrationForm,
    lists: &WizardLists,
    errors: &mut Errors,
) -> Option<Situation> {
    use field::*;
    let before = errors.len();
    let corps = choose(
        errors,
        CORPS,
        &lists.corps,
        &form.corps,
        "Choisissez votre corps.",
    );
    let statut = choose(
        errors,
        STATUT,
        &lists.statuts,
        &form.statut,
        "Choisissez votre statut.",
    );
    let position = choose(
        errors,
        POSITION,
        &lists.positions,
        &form.position,
        "Choisissez votre position administrative.",
    );
    let country = choose(
        errors,
        WORK_COUNTRY,
        &lists.countries,
        &form.work_country,
        "Choisissez le pays de votre lieu d'exercice ou de formation.",
    );
    let workplace = match country.as_deref() {
        Some(FRANCE) => {
            let departement = choose(
                errors,
                WORK_DEPARTEMENT,
                &lists.departements,
                &form.work_departement,
                "Choisissez le département de votre lieu d'exercice ou de formation.",
            );
            let locality = squeeze(&form.work_locality);
            if locality.is_empty() {
                errors.add(WORK_LOCALITY, "Choisissez la localité dans la liste.");
            }
            let uai = if form.etablissement.trim().is_empty() {
                errors.add(
                    ETABLISSEMENT,
                    "Choisissez votre établissement ou service dans la liste.",
                );
                None
            } else {
                errors.check(ETABLISSEMENT, Uai::parse(&form.etablissement))
            };
            departement
                .zip(uai)
                .map(|(departement, uai)| Workplace::France {
                    departement,
                    locality,
                    uai,
                })
        }
        Some(other) => {
            let locality = squeeze(&form.work_locality);
            if locality.is_empty() {
                errors.add(WORK_LOCALITY, "Saisissez la localité.");
            } else if locality.chars().count() > ADDRESS_LINE_MAX {
                errors.add(
                    WORK_LOCALITY,
                    format!("La localité doit comporter au plus {ADDRESS_LINE_MAX} caractères."),
                );
            }
            let name = squeeze(&form.etablissement);
            if name.is_empty() {
                errors.add(
                    ETABLISSEMENT,
                    "Saisissez le nom de votre établissement ou service.",
                );
            } else if name.chars().count() > NAME_MAX {
                errors.add(
                    ETABLISSEMENT,
                    format!("Le nom doit comporter au plus {NAME_MAX} caractères."),
                );
            }
            Some(Workplace::Abroad {
                country: other.to_owned(),
                locality,
                name,
            })
        }
        None => None,
    };
    if errors.len() > before {
        return None;
    }
    Some(Situation {
        corps: corps?,
        statut: statut?,
        position: position?,
        workplace: workplace?,
    })
}

/// Checks one tab (tabs 2, 5 and 6 have nothing to type).
pub fn check_tab(
    tab: Tab,
    form: &RegistrationForm,
    lists: &WizardLists,
    catalog: &EpreuveCatalog,
    errors: &mut Errors,
) {
    match tab {
        Tab::Identification => {
            parse_identification(form, lists, errors);
        }
        Tab::Situation => {
            parse_situation(form, lists, errors);
        }
        Tab::Epreuves => {
            check_choices(catalog, &form.epreuves, errors);
        }
        Tab::Qualification | Tab::Recapitulatif | Tab::Numero => {}
    }
}

/// Every tab, as "Enregistrer" needs them.
pub fn parse_answers(
    form: &RegistrationForm,
    lists: &WizardLists,
    catalog: &EpreuveCatalog,
) -> Result<Answers, Errors> {
    let mut errors = Errors::default();
    let identification = parse_identification(form, lists, &mut errors);
    let situation = parse_situation(form, lists, &mut errors);
    let epreuves = check_choices(catalog, &form.epreuves, &mut errors);
    match (identification, situation) {
        (Some((address, nationality, phone)), Some(situation)) if errors.is_empty() => {
            Ok(Answers {
                address,
                nationality,
                phone,
                situation,
                epreuves,
            })
        }
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EpreuveInfo, EpreuveKind};

    fn option(code: &str, label: &str) -> ListOption {
        ListOption {
            code: code.into(),
            label: label.into(),
        }
    }

    fn lists() -> WizardLists {
        WizardLists {
            countries: vec![
                option("FR", "FRANCE (DONT OUTRE-MER)"),
                option("BE", "BELGIQUE"),
            ],
            nationalities: vec![option("FR", "FRANCAIS")],
            departements: vec![option("078", "078 - YVELINES")],
            corps: vec![option("ACT1D", "AGENT CONTRACTUEL 1ER DEGRE")],
            statuts: vec![option("TIT", "Titulaire")],
            positions: vec![option("ACT", "Activité")],
        }
    }

    fn catalog() -> EpreuveCatalog {
        EpreuveCatalog {
            epreuves: vec![EpreuveInfo {
                code: "010".into(),
                label: "EPREUVE 1".into(),
                kind: EpreuveKind::Mandatory,
                mode: "Ecrit".into(),
                group: None,
            }],
            groups: vec![],
        }
    }

    /// The guide's example: Jean TALU, rue de la pluie, 78270 BLARU.
    fn talu() -> RegistrationForm {
        RegistrationForm {
            address_country: "FR".into(),
            address_1: "  Rue de la   pluie ".into(),
            postal_code: "78 270".into(),
            locality: "Blaru".into(),
            nationality: "FR".into(),
            phone: "01 23 45 67 89".into(),
            corps: "ACT1D".into(),
            statut: "TIT".into(),
            position: "ACT".into(),
            work_country: "FR".into(),
            work_departement: "078".into(),
            work_locality: "78000-VERSAILLES".into(),
            etablissement: "0783371r".into(),
            ..Default::default()
        }
    }

    fn fields(errors: Errors) -> Vec<String> {
        errors.into_vec().into_iter().map(|e| e.field).collect()
    }

    #[test]
    fn the_guide_example_is_read_and_normalised() {
        let answers = parse_answers(&talu(), &lists(), &catalog()).unwrap();
        let form = answers.to_form();
        assert_eq!(form.address_1, "Rue de la pluie");
        assert_eq!(form.postal_code, "78270");
        assert_eq!(form.locality, "BLARU");
        assert_eq!(form.phone, "0123456789");
        assert_eq!(form.etablissement, "0783371R");
        // Reading the normalised form again gives the same answers.
        assert_eq!(parse_answers(&form, &lists(), &catalog()).unwrap(), answers);
    }

    #[test]
    fn an_empty_form_names_every_required_field_in_tab_order() {
        let errors = parse_answers(&RegistrationForm::default(), &lists(), &catalog()).unwrap_err();
        let names = fields(errors);
        use field::*;
        assert_eq!(
            names,
            [
                ADDRESS_COUNTRY,
                ADDRESS_1,
                LOCALITY,
                NATIONALITY,
                PHONE,
                CORPS,
                STATUT,
                POSITION,
                WORK_COUNTRY
            ]
        );
        assert!(names.iter().all(|n| tab_of(n) != Tab::Epreuves));
    }

    #[test]
    fn a_french_address_needs_five_digits() {
        for bad in ["7827", "782700", "78A70", "00100", ""] {
            let form = RegistrationForm {
                postal_code: bad.into(),
                ..talu()
            };
            let mut errors = Errors::default();
            assert!(
                parse_identification(&form, &lists(), &mut errors).is_none(),
                "{bad}"
            );
            assert_eq!(fields(errors), [field::POSTAL_CODE]);
        }
    }

    #[test]
    fn an_address_abroad_takes_any_short_postal_code_and_keeps_the_locality_as_typed() {
        let form = RegistrationForm {
            address_country: "BE".into(),
            postal_code: "b-1000".into(),
            locality: "Bruxelles".into(),
            ..talu()
        };
        let mut errors = Errors::default();
        let (address, _, _) = parse_identification(&form, &lists(), &mut errors).unwrap();
        assert_eq!(address.postal_code, "B-1000");
        assert_eq!(address.locality, "Bruxelles");
    }

    #[test]
    fn address_lines_are_short_and_plain() {
        let long = RegistrationForm {
            address_2: "x".repeat(39),
            ..talu()
        };
        let mut errors = Errors::default();
        parse_identification(&long, &lists(), &mut errors);
        assert_eq!(fields(errors), [field::ADDRESS_2]);
        let odd = RegistrationForm {
            address_1: "Rue <b>".into(),
            ..talu()
        };
        let mut errors = Errors::default();
        parse_identification(&odd, &lists(), &mut errors);
        assert_eq!(fields(errors), [field::ADDRESS_1]);
    }

    #[test]
    fn codes_outside_the_lists_are_refused() {
        let form = RegistrationForm {
            nationality: "XX".into(),
            corps: "ROI".into(),
            work_departement: "999".into(),
            ..talu()
        };
        let errors = parse_answers(&form, &lists(), &catalog()).unwrap_err();
        assert_eq!(
            fields(errors),
            [field::NATIONALITY, field::CORPS, field::WORK_DEPARTEMENT]
        );
    }

    #[test]
    fn a_workplace_in_france_needs_a_valid_uai() {
        let form = RegistrationForm {
            etablissement: "0783371S".into(),
            ..talu()
        };
        let errors = parse_answers(&form, &lists(), &catalog()).unwrap_err();
        assert_eq!(fields(errors), [field::ETABLISSEMENT]);
    }

    #[test]
    fn a_workplace_abroad_is_named_and_has_no_departement() {
        let form = RegistrationForm {
            work_country: "BE".into(),
            work_departement: "078".into(),
            work_locality: "Bruxelles".into(),
            etablissement: "Lycée français".into(),
            ..talu()
        };
        let answers = parse_answers(&form, &lists(), &catalog()).unwrap();
        let stored = answers.to_form();
        assert_eq!(stored.work_departement, "");
        assert_eq!(stored.etablissement, "Lycée français");
    }
}
