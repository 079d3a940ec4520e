//! The facts of "Données personnelles" and "Accessibilité": the services des examens of the
//! catalog, and how long each kind of data is kept, from the settings the links and the
//! purges apply (so the page cannot drift from what the portal does).

use crate::error::AppError;
use crate::model::legal::{LegalFacts, Publication, Retention, ServiceDesk};
use crate::server::entities::academy;
use crate::server::mail::outbox;
use crate::server::services::candidatures::offer::service_contact;
use crate::server::settings::{AccountSettings, LegalNotice};
use chrono::Duration;
use sea_orm::{ConnectionTrait, EntityTrait, QueryOrder};

/// The services des examens, by académie, the retention periods, who publishes and hosts.
pub async fn facts(
    db: &impl ConnectionTrait,
    settings: &AccountSettings,
    notice: &LegalNotice,
) -> Result<LegalFacts, AppError> {
    let services = academy::Entity::find()
        .order_by_asc(academy::Column::Label)
        .all(db)
        .await?
        .into_iter()
        .map(|a| ServiceDesk {
            contact: service_contact(&a),
            academy: a.label,
        })
        .collect();
    Ok(LegalFacts {
        services,
        retention: retention(settings),
        publication: Publication {
            publisher: notice.publisher.clone(),
            director: notice.director.clone(),
            hosting: notice.hosting.clone(),
        },
    })
}

/// What is kept how long, in the order of a candidate's journey.
pub fn retention(s: &AccountSettings) -> Vec<Retention> {
    let line = |what: &str, how_long: String| Retention {
        what: what.to_owned(),
        how_long,
    };
    vec![
        line(
            "Demande de création de compte non activée (identité, adresse mail, empreinte du mot de passe)",
            format!("supprimée {} après la demande", duration_fr(s.activation_ttl)),
        ),
        line(
            "Liens envoyés par mail",
            format!(
                "activation : valable {} ; nouveau mot de passe : {} ; nouvelle adresse mail : {} ; un lien ne sert qu'une fois",
                duration_fr(s.activation_ttl),
                duration_fr(s.reset_ttl),
                duration_fr(s.email_change_ttl)
            ),
        ),
        line(
            "Session de connexion",
            format!(
                "fermée après {} sans activité et au plus tard {} après la connexion, puis supprimée",
                duration_fr(s.session_idle),
                duration_fr(s.session_absolute)
            ),
        ),
        line(
            "Compteur des échecs de connexion d'un login",
            format!(
                "effacé à la connexion réussie, sinon {} après le dernier échec",
                duration_fr(s.lockout_duration)
            ),
        ),
        line(
            "Mails envoyés",
            format!(
                "le texte est effacé dès l'envoi ; le destinataire, l'objet et la date sont supprimés {} après",
                duration_fr(outbox::RETENTION)
            ),
        ),
        line(
            "Compte, candidatures et leurs versions, documents publiés",
            "conservés pour le service des examens de l'académie d'inscription ; le portail ne les supprime pas de lui-même".to_owned(),
        ),
    ]
}

/// "48 heures", "1 heure", "30 jours", "20 minutes": in days from three days on (the guide
/// says "48h"), else in hours when whole, else in minutes.
pub fn duration_fr(d: Duration) -> String {
    const DAY: i64 = 24 * 60;
    let plural = |n: i64, one: &str, many: &str| format!("{n} {}", if n > 1 { many } else { one });
    let minutes = d.num_minutes();
    if minutes >= 3 * DAY && minutes % DAY == 0 {
        plural(minutes / DAY, "jour", "jours")
    } else if minutes > 0 && minutes % 60 == 0 {
        plural(minutes / 60, "heure", "heures")
    } else {
        plural(minutes, "minute", "minutes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_as_a_person_says_them() {
        assert_eq!(duration_fr(Duration::hours(48)), "48 heures");
        assert_eq!(duration_fr(Duration::hours(1)), "1 heure");
        assert_eq!(duration_fr(Duration::days(30)), "30 jours");
        assert_eq!(duration_fr(Duration::hours(8)), "8 heures");
        assert_eq!(duration_fr(Duration::minutes(20)), "20 minutes");
        assert_eq!(duration_fr(Duration::minutes(1)), "1 minute");
        assert_eq!(duration_fr(Duration::days(3)), "3 jours");
        assert_eq!(duration_fr(Duration::minutes(90)), "90 minutes");
    }
}
