//! A form posted by the browser itself, before the client code is ready or without it
//! (progressive enhancement): every form of the account pages is a real `method="post"`
//! form that the server answers with the same checks and messages as its server function.
//! A refusal re-renders the page with what was typed (never a password) and the errors;
//! this is what that page is given, on the server and again, identical, in the browser that
//! hydrates it.

use crate::error::AppError;
use serde::{Deserialize, Serialize};

/// The hidden field that names the form of a page (a page may hold several).
pub const FORM_FIELD: &str = "formulaire";

/// The names of the forms (one page may hold several).
pub mod form {
    pub const SIGN_IN: &str = "connexion";
    /// Not a form: the button of the sign-in form that asks for a new activation mail.
    pub const RESEND: &str = "renvoi";
    pub const CREATE: &str = "creation";
    pub const ACTIVATE: &str = "activation";
    pub const CONFIRM_EMAIL: &str = "confirmation-adresse";
    pub const FORGOT: &str = "oubli";
    pub const RESET: &str = "reinitialisation";
    pub const DETAILS: &str = "informations";
    pub const EMAIL: &str = "adresse";
    pub const PASSWORD: &str = "mot-de-passe";
    pub const SIGN_OUT: &str = "deconnexion";
    pub const STAFF_SIGN_IN: &str = "connexion-gestion";
    pub const STAFF_ENROL: &str = "inscription-gestion";
    pub const STAFF_SIGN_OUT: &str = "deconnexion-gestion";
    pub const STAFF_STATUS: &str = "statut-candidature";
    pub const STAFF_IDENTITY: &str = "identite-candidat";
    pub const STAFF_INVITE: &str = "invitation-personnel";
    pub const STAFF_MEMBER: &str = "personnel";
    pub const STAFF_MESSAGE: &str = "message-accueil";
    pub const STAFF_MESSAGE_DELETE: &str = "suppression-message";
    /// Not a form: the button of the message form that asks for its preview.
    pub const PREVIEW: &str = "apercu";
    /// "Ajouter" a file for a piece (a multipart form, answered by its own route).
    pub const PIECE_DEPOSIT: &str = "depot";
    pub const PIECE_FILE_DELETE: &str = "suppression-fichier";
    /// "J'ai fourni toutes mes pièces".
    pub const PIECES_CONFIRM: &str = "confirmation-pieces";
    /// A status set on a piece's page.
    pub const STAFF_PIECE: &str = "controle-piece";
    /// A status set on the queue's selection.
    pub const STAFF_PIECES: &str = "controle-selection";
    /// "Publier la relance" (an offer, or one candidature).
    pub const STAFF_RELANCE: &str = "relance-pieces";
    /// "Pièces demandées": a new group, a new piece, a piece deleted.
    pub const STAFF_GROUP: &str = "regroupement";
    pub const STAFF_PIECE_NEW: &str = "nouvelle-piece";
    pub const STAFF_PIECE_DELETE: &str = "suppression-piece";
    /// A change to the national lists ("Catalogue national"); `action` says which.
    pub const STAFF_NATIONAL: &str = "catalogue-national";
    /// An académie's service gestionnaire.
    pub const STAFF_SERVICE: &str = "service-gestionnaire";
    /// "Créer l'offre".
    pub const STAFF_OFFER_NEW: &str = "nouvelle-offre";
    /// An offer's period.
    pub const STAFF_PERIOD: &str = "periode-offre";
    /// "Supprimer l'offre".
    pub const STAFF_OFFER_DELETE: &str = "suppression-offre";
    /// "Prévisualiser l'import" (the CSV file, multipart: its refusals only come back here).
    pub const STAFF_OFFER_IMPORT_FILE: &str = "import-offres-fichier";
    /// "Appliquer l'import".
    pub const STAFF_OFFER_IMPORT: &str = "import-offres";
    /// The schedule of one test of an offer (convocations).
    pub const STAFF_SCHEDULE: &str = "horaire-epreuve";
    /// "Préparer les convocations".
    pub const STAFF_CONVOCATIONS: &str = "preparation-convocations";
}

/// Where the Espace gestionnaire starts once signed in.
pub const STAFF_HOME: &str = "/gestion/candidats";

/// The mailed link's parameter (`?jeton=`), and the hidden field its page posts it in.
pub const TOKEN_FIELD: &str = "jeton";

/// Fields never sent back into a page: what was typed in them is lost on purpose.
pub const SECRET_FIELDS: [&str; 6] = [
    "password",
    "code",
    "password_confirm",
    "current_password",
    "email_current_password",
    TOKEN_FIELD,
];

/// The answer to a form posted without the client code, for the page that shows it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Posted {
    /// The form's name (its [`FORM_FIELD`]).
    pub form: String,
    /// What was typed, secret fields left out.
    pub values: Vec<(String, String)>,
    /// Why it was refused (`None`: it was accepted).
    pub error: Option<AppError>,
    /// What an accepted form shows (the address a mail went to, for one).
    pub done: Option<String>,
}

impl Posted {
    /// The form as posted, without its secret fields.
    pub fn new(form: &str, fields: &[(String, String)]) -> Self {
        Self {
            form: form.to_owned(),
            values: fields
                .iter()
                .filter(|(k, _)| k != FORM_FIELD && !SECRET_FIELDS.contains(&k.as_str()))
                .cloned()
                .collect(),
            error: None,
            done: None,
        }
    }

    /// Whether it was accepted.
    pub fn accepted(&self) -> bool {
        self.error.is_none()
    }

    /// The first value posted for `name`.
    pub fn value(&self, name: &str) -> Option<&str> {
        self.values
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Whether `name` was posted as `value` (which row of a page the form was).
    pub fn has(&self, name: &str, value: &str) -> bool {
        self.values.iter().any(|(k, v)| k == name && v == value)
    }

    /// The revision a change is sent again with after a refusal of `posted`: the one the
    /// member saw when they posted it, unless the refusal was that it changed meanwhile
    /// (then `fresh`, the page's: the member has been told).
    pub fn revision_to_send(posted: Option<&Self>, fresh: &str) -> String {
        posted
            .filter(|p| !matches!(p.error, Some(AppError::ChangedMeanwhile { .. })))
            .and_then(|p| p.value("revision"))
            .unwrap_or(fresh)
            .to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refused_change_is_sent_again_against_the_revision_its_member_saw() {
        let fields: Vec<(String, String)> = [("revision", "vue"), ("id", "7")]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect();
        let mut posted = Posted::new("personnel", &fields);
        posted.error = Some(AppError::InvalidInput);
        assert!(posted.has("id", "7") && !posted.has("id", "8"));
        assert_eq!(posted.value("revision"), Some("vue"));
        assert_eq!(Posted::revision_to_send(Some(&posted), "fraiche"), "vue");
        assert_eq!(Posted::revision_to_send(None, "fraiche"), "fraiche");
        posted.error = Some(AppError::ChangedMeanwhile {
            by: "x".into(),
            at: "y".into(),
        });
        assert_eq!(
            Posted::revision_to_send(Some(&posted), "fraiche"),
            "fraiche"
        );
    }

    #[test]
    fn secrets_never_come_back() {
        let fields: Vec<(String, String)> = [
            ("formulaire", "connexion"),
            ("email", "jean@example.fr"),
            ("password", "Secret.1"),
            ("password_confirm", "Secret.1"),
            ("current_password", "Old.1"),
            ("email_current_password", "Old.1"),
            ("jeton", "abc"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
        let posted = Posted::new("connexion", &fields);
        assert_eq!(
            posted.values,
            vec![("email".to_owned(), "jean@example.fr".to_owned())]
        );
    }
}
