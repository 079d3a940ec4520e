//! The catalog in staff hands (REQUIREMENTS S2, issue 15): the national lists (domains,
//! exams, specialities, their tests) for national administrators, and each académie's
//! service gestionnaire and offers for its administrators.

use crate::domain::PeriodState;
use serde::{Deserialize, Serialize};

/// "Catalogue national".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NationalCatalog {
    pub domains: Vec<DomainEdit>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DomainEdit {
    pub id: i32,
    /// G01 or G02: it decides the document of a registration, so it never changes.
    pub code: String,
    pub label: String,
    pub exams: Vec<ExamEdit>,
}

/// An exam or certification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExamEdit {
    pub id: i32,
    pub code: String,
    pub label: String,
    pub archived: bool,
    /// How many offers refer to it (none: it can be deleted).
    pub offers: u64,
    pub specialities: Vec<SpecialityEdit>,
}

/// A speciality (secteur disciplinaire) with its tests.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpecialityEdit {
    pub id: i32,
    pub code: String,
    pub label: String,
    pub archived: bool,
    pub offers: u64,
    /// How many candidatures its offers have (some: its tests cannot be deleted).
    pub candidatures: u64,
    pub epreuves: Vec<EpreuveEdit>,
    pub groups: Vec<ChoiceGroupEdit>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EpreuveEdit {
    pub id: i32,
    /// "010".
    pub code: String,
    pub label: String,
    /// obligatoire, facultative or a_choix (as stored).
    pub kind: String,
    /// ecrit or oral.
    pub mode: String,
    pub group: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChoiceGroupEdit {
    pub id: i32,
    pub code: String,
    pub label: String,
    pub min: i32,
    pub max: i32,
    /// Whether a test is in it (then it cannot be deleted).
    pub used: bool,
}

/// One change to the national lists. Ids are the rows'; texts as typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum NationalChange {
    DomainLabel {
        id: i32,
        label: String,
    },
    ExamAdd {
        domain: i32,
        code: String,
        label: String,
    },
    ExamLabel {
        id: i32,
        label: String,
    },
    ExamArchive {
        id: i32,
        archived: bool,
    },
    ExamDelete {
        id: i32,
    },
    SpecialityAdd {
        exam: i32,
        code: String,
        label: String,
    },
    SpecialityLabel {
        id: i32,
        label: String,
    },
    SpecialityArchive {
        id: i32,
        archived: bool,
    },
    SpecialityDelete {
        id: i32,
    },
    EpreuveAdd(EpreuveForm),
    EpreuveLabel {
        id: i32,
        label: String,
    },
    EpreuveDelete {
        id: i32,
    },
    GroupAdd(GroupChoiceForm),
    GroupDelete {
        id: i32,
    },
}

/// "Ajouter une épreuve" to a speciality.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EpreuveForm {
    pub speciality: i32,
    pub code: String,
    pub label: String,
    pub kind: String,
    pub mode: String,
    pub group: String,
}

/// "Ajouter un groupe de choix" to a speciality.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupChoiceForm {
    pub speciality: i32,
    pub code: String,
    pub label: String,
    pub min: String,
    pub max: String,
}

/// "Offres et périodes": the administrator's académies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OffersPage {
    pub academies: Vec<AcademyOffers>,
    /// What a new offer can be for: "EXAM : SPECIALITY" by speciality id (not archived).
    pub specialities: Vec<(i32, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AcademyOffers {
    pub code: String,
    pub label: String,
    pub service: ServiceForm,
    pub offers: Vec<OfferRow>,
}

/// A line of the offers' table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfferRow {
    pub id: i32,
    pub label: String,
    pub session: i32,
    /// dd/mm/yyyy hh:mm (Paris).
    pub opens: String,
    pub closes: String,
    pub state: PeriodState,
    pub registered: u64,
}

/// The service gestionnaire of an académie, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceForm {
    pub academy: String,
    pub name: String,
    pub phone: String,
    pub email: String,
    pub address: String,
}

/// "Créer l'offre" in an académie.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewOfferForm {
    pub academy: String,
    pub speciality: String,
    pub session: String,
    pub opens: String,
    pub closes: String,
    pub confirmation: String,
}

/// One offer, for its page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfferEdit {
    pub id: i32,
    pub label: String,
    pub academy: String,
    pub session: i32,
    /// G01 (a confirmation to return) or G02.
    pub domain_code: String,
    pub period: PeriodForm,
    pub state: PeriodState,
    pub registered: u64,
    /// Every candidature, unregistered ones included (some: the offer is never deleted).
    pub candidatures: u64,
}

/// The period of an offer as typed (dd/mm/yyyy hh:mm, Paris).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodForm {
    pub offer: i32,
    pub opens: String,
    pub closes: String,
    pub confirmation: String,
    /// "oui" once the person confirmed a change to an open period with registered
    /// candidates.
    pub confirmed: String,
}

impl NationalChange {
    /// The change a posted form of "Catalogue national" asks (`action` says which; a
    /// field missing or not a number: `None`).
    pub fn from_fields(get: impl Fn(&str) -> String) -> Option<Self> {
        let id = |name: &str| get(name).trim().parse::<i32>().ok();
        Some(match get("action").as_str() {
            "domaine-libelle" => Self::DomainLabel {
                id: id("id")?,
                label: get("label"),
            },
            "examen-ajout" => Self::ExamAdd {
                domain: id("domaine")?,
                code: get("code"),
                label: get("label"),
            },
            "examen-libelle" => Self::ExamLabel {
                id: id("id")?,
                label: get("label"),
            },
            "examen-archive" => Self::ExamArchive {
                id: id("id")?,
                archived: get("archive") == "oui",
            },
            "examen-suppression" => Self::ExamDelete { id: id("id")? },
            "specialite-ajout" => Self::SpecialityAdd {
                exam: id("examen")?,
                code: get("code"),
                label: get("label"),
            },
            "specialite-libelle" => Self::SpecialityLabel {
                id: id("id")?,
                label: get("label"),
            },
            "specialite-archive" => Self::SpecialityArchive {
                id: id("id")?,
                archived: get("archive") == "oui",
            },
            "specialite-suppression" => Self::SpecialityDelete { id: id("id")? },
            "epreuve-ajout" => Self::EpreuveAdd(EpreuveForm {
                speciality: id("specialite")?,
                code: get("code"),
                label: get("label"),
                kind: get("kind"),
                mode: get("mode"),
                group: get("group"),
            }),
            "epreuve-libelle" => Self::EpreuveLabel {
                id: id("id")?,
                label: get("label"),
            },
            "epreuve-suppression" => Self::EpreuveDelete { id: id("id")? },
            "groupe-ajout" => Self::GroupAdd(GroupChoiceForm {
                speciality: id("specialite")?,
                code: get("code"),
                label: get("label"),
                min: get("min"),
                max: get("max"),
            }),
            "groupe-suppression" => Self::GroupDelete { id: id("id")? },
            _ => return None,
        })
    }

    /// Where the page goes back to after this change (an anchor of "Catalogue national").
    pub fn anchor(&self) -> String {
        match self {
            Self::DomainLabel { id, .. } => format!("domaine-{id}"),
            Self::ExamAdd { domain, .. } => format!("domaine-{domain}"),
            Self::ExamLabel { id, .. } | Self::ExamArchive { id, .. } | Self::ExamDelete { id } => {
                format!("examen-{id}")
            }
            Self::SpecialityAdd { exam, .. } => format!("examen-{exam}"),
            Self::SpecialityLabel { id, .. }
            | Self::SpecialityArchive { id, .. }
            | Self::SpecialityDelete { id } => format!("specialite-{id}"),
            Self::EpreuveAdd(f) => format!("specialite-{}", f.speciality),
            Self::GroupAdd(f) => format!("specialite-{}", f.speciality),
            Self::EpreuveLabel { id, .. } | Self::EpreuveDelete { id } => format!("epreuve-{id}"),
            Self::GroupDelete { id } => format!("groupe-{id}"),
        }
    }
}

/// What the confirmation of a change to an open period with registered candidates says.
pub fn confirm_sentence(registered: u64) -> String {
    let who = if registered == 1 {
        "1 candidat est inscrit".to_owned()
    } else {
        format!("{registered} candidats sont inscrits")
    };
    format!("La période d'inscription est ouverte et {who} : confirmez la modification.")
}

/// What a row of an imported CSV does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ImportAction {
    /// A new offer.
    Creation,
    /// The period of an existing offer changes.
    Change,
    /// The offer exists with this period already.
    Unchanged,
    /// Refused, for the reasons given.
    Refused,
}

impl ImportAction {
    pub fn label_fr(self) -> &'static str {
        match self {
            Self::Creation => "Création",
            Self::Change => "Modification",
            Self::Unchanged => "Inchangée",
            Self::Refused => "Refusée",
        }
    }
}

/// A row of the preview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportRow {
    /// The line of the file (1: the header).
    pub line: usize,
    /// "EXAM : SPECIALITY - ACADÉMIE - session 2027", or what the line said.
    pub offer: String,
    pub action: ImportAction,
    /// "01/03/2027 09:00 → 30/03/2027 17:00" (empty for a creation).
    pub before: String,
    pub after: String,
    /// Refusals, or what the change touches (an open period with registered candidates).
    pub notes: Vec<String>,
}

/// The preview of an imported file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportPreview {
    pub id: uuid::Uuid,
    pub file_name: String,
    /// "dd/mm/yyyy hh:mm" (Paris).
    pub received: String,
    pub rows: Vec<ImportRow>,
    /// What "Appliquer" confirms: the plan it saw (applying refuses if it changed since).
    pub fingerprint: String,
    /// "Appliqué le … : …", once applied.
    pub applied: Option<String>,
}

impl ImportPreview {
    /// Rows that would change something.
    pub fn changes(&self) -> usize {
        self.rows
            .iter()
            .filter(|r| matches!(r.action, ImportAction::Creation | ImportAction::Change))
            .count()
    }
}

/// "Appliquer l'import".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportApply {
    pub id: String,
    pub fingerprint: String,
}

/// The columns of the offers' CSV, in the export's order (the import finds them by name).
pub const OFFER_COLUMNS: [&str; 9] = [
    "academie",
    "examen",
    "specialite",
    "session",
    "ouverture",
    "fermeture",
    "confirmation",
    "libelle",
    "inscrits",
];
