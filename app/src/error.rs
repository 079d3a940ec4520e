//! The one error type that crosses the wire. Each variant has a stable code that the
//! interface turns into a French sentence; causes are logged on the server, never sent.

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
}

impl AppError {
    /// The stable code, as logged and as tests see it.
    pub fn code(&self) -> &'static str {
        match self {
            Self::InvalidInput => "invalid_input",
            Self::NotFound => "not_found",
            Self::Internal => "internal",
            Self::Transport => "transport",
        }
    }

    /// The sentence a person reads.
    pub fn message_fr(&self) -> &'static str {
        match self {
            Self::InvalidInput => "La demande contient une valeur qui n'est pas reconnue.",
            Self::NotFound => "L'élément demandé n'existe pas ou n'est plus disponible.",
            Self::Internal => {
                "Le service est momentanément indisponible. Veuillez réessayer dans quelques instants."
            }
            Self::Transport => {
                "La connexion au serveur a échoué. Vérifiez votre connexion puis réessayez."
            }
        }
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
