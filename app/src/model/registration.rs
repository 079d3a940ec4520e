//! The registration wizard as it crosses the wire (R1-R11): the form as typed, what the
//! wizard needs to show, and what a saved candidature looks like. Parsing into domain
//! types happens in `domain::registration`, in the browser and again on the server.

use super::{ListOption, ServiceContact, ServicesView};
use crate::domain::LocalDateTime;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The six tabs (R2), in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Tab {
    Identification,
    Qualification,
    Situation,
    Epreuves,
    Recapitulatif,
    Numero,
}

impl Tab {
    pub const ALL: [Tab; 6] = [
        Tab::Identification,
        Tab::Qualification,
        Tab::Situation,
        Tab::Epreuves,
        Tab::Recapitulatif,
        Tab::Numero,
    ];

    /// 1 to 6.
    pub fn number(self) -> u8 {
        self as u8 + 1
    }

    pub fn from_number(n: u8) -> Option<Tab> {
        Tab::ALL.get(usize::from(n).checked_sub(1)?).copied()
    }

    /// The tab bar's words: "1 - Identification".
    pub fn title_fr(self) -> &'static str {
        match self {
            Tab::Identification => "1 - Identification",
            Tab::Qualification => "2 - Qualification présentée",
            Tab::Situation => "3 - Situation actuelle",
            Tab::Epreuves => "4 - Epreuves",
            Tab::Recapitulatif => "5 - Récapitulatif",
            Tab::Numero => "6 - N° inscription",
        }
    }

    /// The tab's name without its number: "Identification".
    pub fn name_fr(self) -> &'static str {
        let title = self.title_fr();
        title.split_once(" - ").map_or(title, |(_, name)| name)
    }

    /// The id of the tab's button (its panel is `<slug>-panneau`).
    pub fn slug(self) -> &'static str {
        match self {
            Tab::Identification => "onglet-identification",
            Tab::Qualification => "onglet-qualification",
            Tab::Situation => "onglet-situation",
            Tab::Epreuves => "onglet-epreuves",
            Tab::Recapitulatif => "onglet-recapitulatif",
            Tab::Numero => "onglet-numero",
        }
    }

    pub fn next(self) -> Option<Tab> {
        Tab::from_number(self.number() + 1)
    }

    pub fn previous(self) -> Option<Tab> {
        Tab::from_number(self.number().checked_sub(1)?)
    }
}

/// Everything the candidate types or chooses in tabs 1, 3 and 4, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RegistrationForm {
    pub address_country: String,
    pub address_1: String,
    pub address_2: String,
    pub address_3: String,
    pub address_4: String,
    pub postal_code: String,
    pub locality: String,
    pub nationality: String,
    pub phone: String,
    pub corps: String,
    pub statut: String,
    pub position: String,
    pub work_country: String,
    pub work_departement: String,
    /// In France "78000-VERSAILLES" (postal code and locality of known établissements).
    pub work_locality: String,
    /// In France the UAI code; abroad the name of the establishment or service.
    pub etablissement: String,
    /// The optional and "à choix" tests chosen, by code.
    pub epreuves: Vec<String>,
}

/// The offer a candidature is for, as the wizard and the récapitulatif show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfferSummary {
    pub public_id: Uuid,
    /// G01 (Autres examens) or G02 (Autres Certifications).
    pub domain_code: String,
    /// "AUTRES CERTIFICATIONS".
    pub domain_label: String,
    pub exam_label: String,
    pub speciality_label: String,
    /// "ACADÉMIE DE VERSAILLES".
    pub academy_label: String,
    pub session_year: i32,
    pub opens_at: LocalDateTime,
    pub closes_at: LocalDateTime,
    /// Whether the registration service is open now.
    pub open: bool,
    pub service: ServiceContact,
}

impl OfferSummary {
    /// "Certification" (G02) or "Examen" (G01), as tab 2 labels the exam.
    pub fn exam_word(&self) -> &'static str {
        if self.domain_code == "G01" {
            "Examen"
        } else {
            "Certification"
        }
    }
}

/// The account's identity, shown greyed in tab 1 (R3).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdentitySummary {
    pub civility: String,
    pub birth_name: String,
    pub usage_name: String,
    pub first_names: String,
    /// dd/mm/yyyy.
    pub birth_date: String,
    pub birth_country: String,
    /// "062 - PAS DE CALAIS", empty for a birth abroad.
    pub birth_departement: String,
    pub birth_commune: String,
    pub email: String,
}

/// The reference lists of tabs 1 and 3.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WizardLists {
    pub countries: Vec<ListOption>,
    pub nationalities: Vec<ListOption>,
    pub departements: Vec<ListOption>,
    pub corps: Vec<ListOption>,
    pub statuts: Vec<ListOption>,
    pub positions: Vec<ListOption>,
}

/// obligatoire, facultative or à choix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum EpreuveKind {
    Mandatory,
    Optional,
    Choice,
}

/// One test of the offer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EpreuveInfo {
    pub code: String,
    pub label: String,
    pub kind: EpreuveKind,
    /// "Ecrit" or "Oral".
    pub mode: String,
    /// The group it is chosen in, if any.
    pub group: Option<String>,
}

/// "Choose between `min` and `max` of these".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChoiceGroup {
    pub code: String,
    pub label: String,
    pub min: u32,
    pub max: u32,
}

/// The tests of an offer and the rules of choice the catalog sets (R6).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EpreuveCatalog {
    pub epreuves: Vec<EpreuveInfo>,
    pub groups: Vec<ChoiceGroup>,
}

/// A draft kept on the server, offered back as "Reprendre ma saisie".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftInfo {
    pub form: RegistrationForm,
    pub tab: u8,
    pub saved_at: LocalDateTime,
}

/// A candidature's (or a document's) version as every page, document and mail writes it:
/// "Version n°2".
pub fn version_fr(number: i32) -> String {
    format!("Version n°{number}")
}

/// What the N° inscription tab shows (R8), and the candidature's numbers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedCandidature {
    pub id: Uuid,
    /// N° candidat.
    pub candidate_number: String,
    /// "001".
    pub registration_number: String,
    /// 1, 2… shown "Version n°2".
    pub version: i32,
    /// When this version was saved.
    pub saved_at: LocalDateTime,
    /// When the candidature was first saved.
    pub registered_at: LocalDateTime,
    /// The service's closing instant, after which nothing can change.
    pub closes_at: LocalDateTime,
    /// The documents published for the candidature, the latest version of each kind.
    pub documents: Vec<crate::model::documents::DocumentLine>,
}

impl SavedCandidature {
    /// "Version n°2".
    pub fn version_label(&self) -> String {
        version_fr(self.version)
    }
}

/// Everything the wizard needs, for a new candidature or a modification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Wizard {
    pub offer: OfferSummary,
    pub identity: IdentitySummary,
    pub lists: WizardLists,
    pub epreuves: EpreuveCatalog,
    /// The saved answers (a modification) or the first values (a new candidature).
    pub form: RegistrationForm,
    /// The names shown for the codes of `form` that are not in `lists`.
    pub labels: ExtraLabels,
    /// The candidature being modified, if any.
    pub saved: Option<SavedCandidature>,
    /// Input kept from an earlier visit, newer than what is saved.
    pub draft: Option<DraftInfo>,
    /// A new candidature starts with the address, phone and situation of the latest one:
    /// the exam that one is for.
    pub prefilled_from: Option<String>,
}

/// Labels of the values chosen from lists too long to send whole.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExtraLabels {
    /// "ETABLISSEMENT PENITENTIAIRE (0783371R) 78000-VERSAILLES (078)".
    pub etablissement: String,
}

/// "Enregistrer": the whole form, for a new candidature or a modification of one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SaveRequest {
    pub offer: Uuid,
    /// The candidature modified, or None for a new one.
    pub candidature: Option<Uuid>,
    /// The version the candidate started from (a modification), to refuse stale saves.
    pub expected_version: Option<i32>,
    /// Chosen by the browser once per save: a replay gives back the first answer.
    pub idempotency_key: Uuid,
    pub form: RegistrationForm,
}

/// Moving between tabs: the input so far is kept as a draft and tab `tab` is checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftRequest {
    pub offer: Uuid,
    pub tab: u8,
    pub form: RegistrationForm,
}

/// "M'inscrire": the cascading selection, and once an offer is chosen, what "Valider" does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisterView {
    pub services: ServicesView,
    pub chosen: Option<ChosenOffer>,
}

/// The offer chosen in "M'inscrire".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChosenOffer {
    pub public_id: Uuid,
    pub open: bool,
    /// The candidate's candidature for this offer, if one exists.
    pub candidature: Option<Uuid>,
    pub has_draft: bool,
}

/// One line of "Mes inscriptions".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CandidatureLine {
    pub id: Uuid,
    pub offer: OfferSummary,
    pub candidate_number: String,
    pub registration_number: String,
    pub version: i32,
    pub updated_at: LocalDateTime,
}

/// A draft not yet saved as a candidature, for "Reprendre ma saisie".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftLine {
    pub offer: OfferSummary,
    pub saved_at: LocalDateTime,
}

/// "Mes inscriptions" (R9).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyCandidatures {
    pub candidatures: Vec<CandidatureLine>,
    pub drafts: Vec<DraftLine>,
}
