//! The one error type that crosses the wire. Each variant has a stable code that the
//! interface turns into a French sentence; causes are logged on the server, never sent.

use crate::model::FieldError;
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// What can go wrong in a server function, as the browser may know it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[serde(tag = "code", content = "detail", rename_all = "snake_case")]
pub enum AppError {
    /// A request parameter could not be read (a hand-edited URL, for example).
    #[error("invalid_input")]
    InvalidInput,
    /// The thing asked for does not exist, or is not the caller's to see.
    #[error("not_found")]
    NotFound,
    /// The server could not answer (database down, bug); details are in the server log.
    #[error("internal")]
    Internal,
    /// The request never reached the server function or its answer could not be read.
    #[error("transport")]
    Transport,
    /// A form was refused: one French sentence per field, shown beside it.
    #[error("invalid_fields")]
    InvalidFields(Vec<FieldError>),
    /// Sign-in refused: unknown address or wrong password (never says which).
    #[error("sign_in_failed")]
    SignInFailed,
    /// Too many failed sign-ins for this address: refused for a while, even if right.
    #[error("sign_in_locked")]
    SignInLocked { retry_after_secs: u64 },
    /// Right password, but the account was never activated from its mail.
    #[error("not_activated")]
    NotActivated,
    /// A mailed link that expired, was used, or never existed.
    #[error("link_invalid")]
    LinkInvalid,
    /// No session, or it ended: sign in again.
    #[error("unauthenticated")]
    Unauthenticated,
    /// Signed in, but not as someone allowed to do this (a candidate on a staff page, a
    /// gestionnaire on an administrator's).
    #[error("forbidden")]
    Forbidden,
    /// Too many requests from this address: wait.
    #[error("too_many_requests")]
    TooManyRequests { retry_after_secs: u64 },
    /// A state-changing request that did not come from the portal's own pages.
    #[error("cross_site")]
    CrossSite,
    /// "Modifier mon compte" once a candidature exists: only email and password change.
    #[error("account_frozen")]
    AccountFrozen,
    /// A confirmed new address is already the login of another account.
    #[error("email_taken")]
    EmailTaken,
    /// The registration service of the offer is not open at this instant (R1, R9).
    #[error("offer_closed")]
    OfferClosed,
    /// The candidate already has a candidature for this offer: that one is shown instead.
    #[error("already_registered")]
    AlreadyRegistered { candidature: uuid::Uuid },
    /// The server has too much to do at this instant (the password queue is full): retry.
    #[error("busy")]
    Busy { retry_after_secs: u64 },
    /// The candidature was saved since the candidate opened it (another tab): not overwritten.
    #[error("stale_version")]
    StaleVersion,
    /// A dossier changed since the staff member opened it (by whom, when): not overwritten.
    #[error("changed_meanwhile")]
    ChangedMeanwhile { by: String, at: String },
    /// Files are deposited online only within the group's window (J3).
    #[error("deposit_closed")]
    DepositClosed,
    /// A piece confirmed with "J'ai fourni toutes mes pièces", or checked by the service,
    /// can no longer change (J4) unless it is Non conforme.
    #[error("piece_locked")]
    PieceLocked,
    /// A deposited file over 5 MB (checklist line 25).
    #[error("file_too_large")]
    FileTooLarge,
    /// A deposited file the antivirus has not scanned yet: nobody opens it.
    #[error("file_not_ready")]
    FileNotReady,
    /// A deposited file the antivirus found infected: never served.
    #[error("file_infected")]
    FileInfected,
}

impl AppError {
    /// The stable code, as logged and as tests see it.
    pub fn code(&self) -> &'static str {
        match self {
            Self::InvalidInput => "invalid_input",
            Self::NotFound => "not_found",
            Self::Internal => "internal",
            Self::Transport => "transport",
            Self::InvalidFields(_) => "invalid_fields",
            Self::SignInFailed => "sign_in_failed",
            Self::SignInLocked { .. } => "sign_in_locked",
            Self::NotActivated => "not_activated",
            Self::LinkInvalid => "link_invalid",
            Self::Unauthenticated => "unauthenticated",
            Self::Forbidden => "forbidden",
            Self::TooManyRequests { .. } => "too_many_requests",
            Self::CrossSite => "cross_site",
            Self::AccountFrozen => "account_frozen",
            Self::EmailTaken => "email_taken",
            Self::OfferClosed => "offer_closed",
            Self::AlreadyRegistered { .. } => "already_registered",
            Self::StaleVersion => "stale_version",
            Self::Busy { .. } => "busy",
            Self::ChangedMeanwhile { .. } => "changed_meanwhile",
            Self::DepositClosed => "deposit_closed",
            Self::PieceLocked => "piece_locked",
            Self::FileTooLarge => "file_too_large",
            Self::FileNotReady => "file_not_ready",
            Self::FileInfected => "file_infected",
        }
    }

    /// The HTTP status the server answers with.
    pub fn status(&self) -> u16 {
        match self {
            Self::InvalidInput | Self::InvalidFields(_) => 400,
            Self::SignInFailed | Self::Unauthenticated => 401,
            Self::NotActivated | Self::CrossSite | Self::Forbidden => 403,
            Self::NotFound => 404,
            Self::AccountFrozen
            | Self::EmailTaken
            | Self::OfferClosed
            | Self::AlreadyRegistered { .. }
            | Self::StaleVersion
            | Self::ChangedMeanwhile { .. }
            | Self::DepositClosed
            | Self::PieceLocked
            | Self::FileNotReady => 409,
            Self::FileInfected => 410,
            Self::FileTooLarge => 413,
            Self::LinkInvalid => 410,
            Self::SignInLocked { .. } | Self::TooManyRequests { .. } => 429,
            Self::Internal | Self::Transport => 500,
            Self::Busy { .. } => 503,
        }
    }

    /// Seconds to wait before trying again, when the refusal is temporary.
    pub fn retry_after_secs(&self) -> Option<u64> {
        match self {
            Self::SignInLocked { retry_after_secs }
            | Self::TooManyRequests { retry_after_secs }
            | Self::Busy { retry_after_secs } => Some(*retry_after_secs),
            _ => None,
        }
    }

    /// The sentence a person reads.
    pub fn message_fr(&self) -> String {
        match self {
            Self::InvalidInput => "La demande contient une valeur qui n'est pas reconnue.".into(),
            Self::NotFound => "L'élément demandé n'existe pas ou n'est plus disponible.".into(),
            Self::Internal => {
                "Le service est momentanément indisponible. Veuillez réessayer dans quelques instants.".into()
            }
            Self::Transport => {
                "La connexion au serveur a échoué. Vérifiez votre connexion puis réessayez.".into()
            }
            Self::InvalidFields(_) => {
                "Certains champs sont à corriger : les messages sont affichés à côté de chacun.".into()
            }
            Self::SignInFailed => "Login ou mot de passe incorrect.".into(),
            Self::SignInLocked { retry_after_secs } => format!(
                "Trop d'essais de connexion ont échoué pour ce login. Par sécurité, réessayez dans {}, ou réinitialisez votre mot de passe (« Mot de passe oublié ») : cela débloque aussi votre compte.",
                minutes_fr(*retry_after_secs)
            ),
            Self::NotActivated => "Votre compte n'est pas encore activé : cliquez sur le lien du mail « [CYCLADES] Activer mon compte ». Vous pouvez recevoir un nouveau mail d'activation.".into(),
            Self::LinkInvalid => "Ce lien n'est plus valable : il a expiré ou a déjà été utilisé.".into(),
            Self::Unauthenticated => "Votre session a pris fin. Veuillez vous identifier.".into(),
            Self::Forbidden => "Cette page est réservée aux personnels habilités : votre compte n'y donne pas accès.".into(),
            Self::TooManyRequests { retry_after_secs } => format!(
                "Trop de demandes ont été faites depuis votre connexion. Veuillez réessayer dans {}.",
                minutes_fr(*retry_after_secs)
            ),
            Self::CrossSite => "Cette demande ne vient pas du portail Cyclades : elle a été refusée.".into(),
            Self::AccountFrozen => "Les informations de votre compte ne sont pas modifiables car vous avez au moins une inscription en cours.".into(),
            Self::EmailTaken => "Cette adresse mail est déjà l'identifiant d'un autre compte : votre login reste inchangé.".into(),
            Self::OfferClosed => "Le service d'inscription n'est pas ouvert pour cet examen ou cette certification : aucune inscription ni modification n'est possible.".into(),
            Self::AlreadyRegistered { .. } => "Vous êtes déjà inscrit(e) à cet examen ou cette certification : votre candidature se trouve dans « Mes inscriptions ».".into(),
            Self::Busy { .. } => "Le service reçoit beaucoup de demandes en ce moment. Veuillez réessayer dans quelques secondes : rien de ce que vous avez saisi n'est perdu.".into(),
            Self::ChangedMeanwhile { by, at } => format!("Ce dossier a été modifié par {by} le {at}, après que vous l'avez ouvert : votre action n'a pas été enregistrée. Rechargez le dossier pour voir ce qui a changé ; ce que vous avez saisi est conservé."),
            Self::StaleVersion => "Votre candidature a été enregistrée entre-temps, par exemple depuis un autre onglet : elle n'a pas été écrasée. Votre saisie est conservée ; rouvrez la candidature depuis « Mes inscriptions » pour repartir de sa dernière version.".into(),
            Self::DepositClosed => "Le dépôt en ligne de ces pièces n'est pas ouvert en ce moment : aucun fichier ne peut être ajouté ni supprimé.".into(),
            Self::PieceLocked => "Cette pièce a été validée (« J'ai fourni toutes mes pièces ») ou contrôlée par le service : elle ne peut plus être modifiée.".into(),
            Self::FileTooLarge => "Le fichier dépasse 5 Mo : la taille du fichier ne doit pas excéder 5 Mo. Réduisez-le (par exemple en PDF ou en JPG de moindre résolution) puis ajoutez-le de nouveau.".into(),
            Self::FileNotReady => "Ce fichier est en cours de vérification par l'antivirus : il pourra être ouvert dans quelques instants.".into(),
            Self::FileInfected => "Ce fichier contient un virus : il ne peut pas être ouvert. Déposez un autre fichier.".into(),
        }
    }

    /// The field errors of a refused form (empty for any other error).
    pub fn field_errors(&self) -> &[FieldError] {
        match self {
            Self::InvalidFields(fields) => fields,
            _ => &[],
        }
    }
}

/// "1 minute", "15 minutes" (rounded up, at least one).
fn minutes_fr(secs: u64) -> String {
    let minutes = secs.div_ceil(60).max(1);
    if minutes == 1 {
        "1 minute".into()
    } else {
        format!("{minutes} minutes")
    }
}

#[cfg(feature = "ssr")]
impl AppError {
    /// Sets the HTTP status (and `Retry-After`) of the server function's answer, then
    /// returns the error: `Err(e.respond())`.
    ///
    /// Only for a call that came over HTTP: when a page calls the function while rendering
    /// on the server, the page keeps its own status.
    pub fn respond(self) -> Self {
        let over_http = leptos::prelude::use_context::<http::request::Parts>()
            .is_some_and(|parts| parts.uri.path().starts_with("/api/"));
        if over_http
            && let Some(options) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>()
        {
            if let Ok(status) = http::StatusCode::from_u16(self.status()) {
                options.set_status(status);
            }
            if let Some(secs) = self.retry_after_secs() {
                options.insert_header(http::header::RETRY_AFTER, http::HeaderValue::from(secs));
            }
        }
        self
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) => Self::InvalidInput,
            ServerFnErrorErr::ServerError(_) => Self::Internal,
            _ => Self::Transport,
        }
    }
}

#[cfg(feature = "ssr")]
impl From<sea_orm::DbErr> for AppError {
    fn from(err: sea_orm::DbErr) -> Self {
        tracing::error!(error = %err, "database error");
        Self::Internal
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_stable_and_messages_french() {
        for (err, code) in [
            (AppError::SignInFailed, "sign_in_failed"),
            (
                AppError::TooManyRequests {
                    retry_after_secs: 61,
                },
                "too_many_requests",
            ),
            (AppError::InvalidInput, "invalid_input"),
            (AppError::NotFound, "not_found"),
            (AppError::Internal, "internal"),
            (AppError::Transport, "transport"),
        ] {
            assert_eq!(err.code(), code);
            assert_eq!(err.to_string(), code);
            assert!(!err.message_fr().is_empty());
        }
    }

    #[test]
    fn malformed_arguments_become_invalid_input() {
        let err = AppError::from_server_fn_error(ServerFnErrorErr::Args("bad".into()));
        assert_eq!(err, AppError::InvalidInput);
    }
}

#[cfg(test)]
mod wire_tests {
    use super::*;

    #[test]
    fn field_errors_and_waits_survive_the_wire() {
        let err = AppError::InvalidFields(vec![FieldError {
            field: "email".into(),
            message: "Saisissez votre adresse mail.".into(),
        }]);
        let json = serde_json::to_string(&err).unwrap();
        let back: AppError = serde_json::from_str(&json).unwrap();
        assert_eq!(back.field_errors()[0].field, "email");
        let wait = AppError::TooManyRequests {
            retry_after_secs: 61,
        };
        assert!(wait.message_fr().contains("2 minutes"));
        assert_eq!(wait.status(), 429);
    }
}
