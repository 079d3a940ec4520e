//! A document's data as the guide's example fills it: the templates' tests and the
//! rendering benchmark use it.

use app::model::ServiceContact;
use app::model::documents::DocumentKind;
use app::model::recap::{RecapRow, RecapSection};
use app::server::services::documents::DocumentData;
use app::server::services::documents::data::{
    DateFr, QualificationData, RegistrationData, VerificationData,
};

fn row(label: &str, value: &str) -> RecapRow {
    RecapRow {
        label: label.into(),
        value: value.into(),
    }
}

fn date(date: &str, time: &str) -> DateFr {
    DateFr {
        date: date.into(),
        time: time.into(),
    }
}

/// The guide's example (Jean TALU's certification in Versailles) as a document of `kind`,
/// with `name` as the candidate's name; every list and detail filled.
pub fn guide_example(kind: DocumentKind, name: &str) -> DocumentData {
    DocumentData {
        kind: kind.as_str().into(),
        title: kind.label_fr().into(),
        number: 2,
        published: date("18/09/2019", "16:57"),
        verification: VerificationData {
            code: "7K3M-Q9XD-2HF4-WP8N".into(),
            url: "https://cyclades.example.fr/verifier-un-document?code=7K3MQ9XD2HF4WP8N".into(),
        },
        service: ServiceContact {
            name: "DEC 5 - Examens et concours".into(),
            phone: "01 30 83 44 44".into(),
            email: "ce.dec@ac-versailles.fr".into(),
            address:
                "Rectorat de Versailles - DEC 5\n3 boulevard de Lesseps\n78017 VERSAILLES CEDEX"
                    .into(),
        },
        qualification: QualificationData {
            domain: "AUTRES CERTIFICATIONS".into(),
            exam_word: "Certification".into(),
            exam: "CERTIFICATION COMPLEMENTAIRE".into(),
            speciality: "ARTS CINEMA et AUDIOVISUEL".into(),
            academy: "ACADÉMIE DE VERSAILLES".into(),
            year: 2020,
        },
        candidate_name: format!("Monsieur {name}"),
        registration: RegistrationData {
            candidate_number: "0193801933".into(),
            registration_number: "001".into(),
            version: "Version n°2".into(),
            saved: date("18/09/2019", "16:57"),
            registered: date("17/09/2019", "09:34"),
            closes: date("20/09/2019", "10:00"),
            due: date("30/09/2019", "10:00"),
        },
        sections: vec![
            RecapSection {
                title: "Qualification présentée".into(),
                rows: vec![
                    row("Certification :", "CERTIFICATION COMPLEMENTAIRE"),
                    row("Secteur Disciplinaire :", "ARTS CINEMA et AUDIOVISUEL"),
                ],
            },
            RecapSection {
                title: "Identification du candidat".into(),
                rows: vec![row("Nom de famille :", name), row("Nom d'usage :", "")],
            },
            RecapSection {
                title: "Epreuves".into(),
                rows: vec![
                    row(
                        "Epreuve(s) obligatoire(s) :",
                        "010 - EXAMEN DU DOSSIER (Ecrit)",
                    ),
                    row("Epreuve(s) choisie(s) :", "Aucune"),
                ],
            },
        ],
        epreuves: vec!["010 - EXAMEN DU DOSSIER (Ecrit)".into()],
        details: serde_json::json!({
            "pieces": [{ "label": "Copie de la pièce d'identité", "mode": "En ligne", "deadline": "25/09/2019 23:59" }],
            "return_address": ["Rectorat de Versailles", "3 boulevard de Lesseps", "78017 Versailles Cedex"],
            "epreuves": [{
                "code": "010", "label": "010 - EXAMEN DU DOSSIER (Ecrit)", "date": "12/11/2019", "time": "09:00",
                "duration": "2 h 30", "place": "Lycée Hoche\n73 avenue de Saint-Cloud\n78000 Versailles",
                "instructions": "Calculatrice interdite."
            }]
        }),
    }
}
