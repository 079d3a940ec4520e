//! The récapitulatif's content (R7), in the guide's sections: one function shared by the
//! wizard's tab, the saved candidature's page and the PDF documents (D1), so that the
//! three always say the same thing.

use super::{
    EpreuveCatalog, EpreuveInfo, EpreuveKind, IdentitySummary, ListOption, OfferSummary,
    RegistrationForm, WizardLists,
};
use serde::{Deserialize, Serialize};

/// "Label :" and its value ("" when nothing was given).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecapRow {
    pub label: String,
    pub value: String,
}

/// A titled group of rows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecapSection {
    pub title: String,
    pub rows: Vec<RecapRow>,
}

/// What a récapitulatif is made of.
#[derive(Debug, Clone, Copy)]
pub struct RecapSource<'a> {
    pub offer: &'a OfferSummary,
    pub identity: &'a IdentitySummary,
    pub lists: &'a WizardLists,
    pub epreuves: &'a EpreuveCatalog,
    pub form: &'a RegistrationForm,
    /// The établissement's reference line (France), empty when unknown.
    pub etablissement: &'a str,
}

fn row(label: &str, value: impl Into<String>) -> RecapRow {
    RecapRow {
        label: label.to_owned(),
        value: value.into(),
    }
}

/// The label of `code` in `list`, or the code itself.
pub fn label(list: &[ListOption], code: &str) -> String {
    list.iter()
        .find(|o| o.code == code)
        .map_or_else(|| code.to_owned(), |o| o.label.clone())
}

/// "031 - Compréhension de l'oral (Oral)".
pub fn epreuve_line(e: &EpreuveInfo) -> String {
    format!("{} - {} ({})", e.code, e.label, e.mode)
}

/// The identity lines of the account, greyed in tab 1 and first in the récapitulatif.
pub fn identity_rows(i: &IdentitySummary) -> Vec<RecapRow> {
    vec![
        row("Civilité :", i.civility.clone()),
        row("Nom de famille :", i.birth_name.clone()),
        row("Nom de naissance :", i.birth_name.clone()),
        row("Nom d'usage :", i.usage_name.clone()),
        row("Prénoms :", i.first_names.clone()),
    ]
}

/// "Rue de la pluie 78270 BLARU FRANCE (DONT OUTRE-MER)".
pub fn address_line(lists: &WizardLists, f: &RegistrationForm) -> String {
    [
        f.address_1.as_str(),
        &f.address_2,
        &f.address_3,
        &f.address_4,
        &f.postal_code,
        &f.locality,
        &label(&lists.countries, &f.address_country),
    ]
    .iter()
    .map(|p| p.trim())
    .filter(|p| !p.is_empty())
    .collect::<Vec<_>>()
    .join(" ")
}

/// The tests of the offer the form registers for: the mandatory ones, then those chosen.
pub fn epreuves_of(
    catalog: &EpreuveCatalog,
    form: &RegistrationForm,
) -> (Vec<EpreuveInfo>, Vec<EpreuveInfo>) {
    let mandatory = catalog
        .epreuves
        .iter()
        .filter(|e| e.kind == EpreuveKind::Mandatory)
        .cloned()
        .collect();
    let chosen = catalog
        .epreuves
        .iter()
        .filter(|e| e.kind != EpreuveKind::Mandatory && form.epreuves.contains(&e.code))
        .cloned()
        .collect();
    (mandatory, chosen)
}

/// Every section of the récapitulatif, in the guide's order.
pub fn sections(s: RecapSource<'_>) -> Vec<RecapSection> {
    let (o, i, f, lists) = (s.offer, s.identity, s.form, s.lists);
    let (mandatory, chosen) = epreuves_of(s.epreuves, f);
    let joined = |tests: &[EpreuveInfo], none: &str| {
        if tests.is_empty() {
            none.to_owned()
        } else {
            tests
                .iter()
                .map(epreuve_line)
                .collect::<Vec<_>>()
                .join(" ; ")
        }
    };
    // In France the établissement's reference line; abroad the name typed.
    let workplace =
        if f.work_country != crate::domain::account::FRANCE || s.etablissement.is_empty() {
            format!("{} {}", f.etablissement, f.work_locality)
                .trim()
                .to_owned()
        } else {
            s.etablissement.to_owned()
        };
    let phone =
        crate::domain::Phone::parse(&f.phone).map_or_else(|_| f.phone.clone(), |p| p.to_string());
    let mut identity = identity_rows(i);
    identity.extend([
        row("Date de naissance :", i.birth_date.clone()),
        row("Commune de naissance :", i.birth_commune.clone()),
        row(
            "Département, DOM ou COM de naissance :",
            i.birth_departement.clone(),
        ),
        row("Pays de naissance :", i.birth_country.clone()),
        row("Nationalité :", label(&lists.nationalities, &f.nationality)),
    ]);
    vec![
        RecapSection {
            title: "Qualification présentée".into(),
            rows: vec![
                row(&format!("{} :", o.exam_word()), o.exam_label.clone()),
                row("Secteur Disciplinaire :", o.speciality_label.clone()),
                row("Académie :", o.academy_label.clone()),
                row("Session :", o.session_year.to_string()),
            ],
        },
        RecapSection {
            title: "Identification du candidat".into(),
            rows: identity,
        },
        RecapSection {
            title: "Adresse et contact".into(),
            rows: vec![
                row("Adresse :", address_line(lists, f)),
                row("Téléphone personnel :", phone),
                row("Adresse mail :", i.email.clone()),
            ],
        },
        RecapSection {
            title: "Informations Ressources Humaines".into(),
            rows: vec![
                row("Corps :", label(&lists.corps, &f.corps)),
                row("Statut :", label(&lists.statuts, &f.statut)),
                row(
                    "Position administrative :",
                    label(&lists.positions, &f.position),
                ),
            ],
        },
        RecapSection {
            title: "Lieu d'exercice ou de formation".into(),
            rows: vec![
                row("Pays :", label(&lists.countries, &f.work_country)),
                row("Etablissement ou service :", workplace),
            ],
        },
        RecapSection {
            title: "Epreuves".into(),
            rows: vec![
                row("Epreuve(s) obligatoire(s) :", joined(&mandatory, "-")),
                row("Epreuve(s) choisie(s) :", joined(&chosen, "Aucune")),
            ],
        },
    ]
}
