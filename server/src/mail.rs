//! The mail sender (X4; checklist line 33), the job of kind `mail`: delivers a mail of the
//! outbox over SMTP, or writes it as an `.eml` file when no SMTP server is configured. A
//! failure leaves the mail in the outbox and its job due again after a back-off; nothing is
//! dropped, so an SMTP outage only delays mail.

use crate::config::{MailConfig, MailTransport, Mode, SmtpTls};
use app::server::AppState;
use app::server::entities::mail_outbox;
use app::server::jobs::{Job, JobKind, Outcome};
use app::server::mail::outbox;
use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use secrecy::ExposeSecret;
use std::time::Duration;

/// Where mails go.
pub enum Sender {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Files(AsyncFileTransport<Tokio1Executor>),
}

/// Mails taken per round.
const BATCH: u64 = 50;

impl Sender {
    /// Builds the transport the configuration names.
    pub fn new(config: &MailConfig) -> Result<Self, Box<dyn std::error::Error>> {
        Ok(match &config.transport {
            MailTransport::Files(dir) => {
                std::fs::create_dir_all(dir)?;
                Self::Files(AsyncFileTransport::new(dir))
            }
            MailTransport::Smtp {
                host,
                port,
                tls,
                credentials,
            } => {
                let mut builder = match tls {
                    SmtpTls::None => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host),
                    SmtpTls::StartTls => {
                        AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(host)?
                    }
                    SmtpTls::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(host)?,
                }
                .port(*port)
                .timeout(Some(Duration::from_secs(20)));
                if let Some((user, password)) = credentials {
                    builder = builder.credentials(Credentials::new(
                        user.clone(),
                        password.expose_secret().to_owned(),
                    ));
                }
                Self::Smtp(builder.build())
            }
        })
    }

    async fn send(&self, message: Message) -> Result<(), Failure> {
        match self {
            Self::Smtp(t) => t.send(message).await.map(|_| ()).map_err(|e| {
                if e.is_permanent() {
                    Failure::Permanent(e.to_string())
                } else {
                    Failure::Transient(e.to_string())
                }
            }),
            Self::Files(t) => t.send(message).await.map(|id| {
                tracing::info!(file = %format!("{id}.eml"), "mail written (no SMTP server configured)");
            }).map_err(|e| Failure::Transient(e.to_string())),
        }
    }
}

/// Why a mail did not leave.
enum Failure {
    /// The server is down or busy: try again later, stop this round.
    Transient(String),
    /// The server refused this mail for good (unknown mailbox, bad address): never retry,
    /// and go on with the others.
    Permanent(String),
}

/// The lettre message of an outbox row: text and HTML alternatives.
fn message(from: &Mailbox, mail: &mail_outbox::Model) -> Result<Message, String> {
    let to: Mailbox = mail
        .recipient
        .parse()
        .map_err(|e| format!("recipient: {e}"))?;
    Message::builder()
        .from(from.clone())
        .to(to)
        .subject(app::server::mail::templates::one_line(&mail.subject))
        .multipart(MultiPart::alternative_plain_html(
            mail.body_text.clone(),
            mail.body_html.clone(),
        ))
        .map_err(|e| e.to_string())
}

/// In development only (`./cyclades run`), the activation link of a mail is logged so a
/// newcomer can activate an account without a mail reader. Other links (reset, new
/// address) stay in the mails: a log is read by more people than a mailbox.
fn print_links(mail: &mail_outbox::Model) {
    for line in mail
        .body_text
        .lines()
        .filter(|l| l.starts_with("http") && l.contains("/activer-mon-compte?"))
    {
        tracing::info!(to = %mail.recipient, subject = %mail.subject, link = %line, "mail link");
    }
}

/// What the sender needs, built at start so that a bad setting stops the start.
pub struct Mailer {
    sender: Sender,
    from: Mailbox,
    /// Development only: activation links are printed in the log.
    log_links: bool,
}

impl Mailer {
    /// The transport and the sender's address of the configuration.
    pub fn new(config: &MailConfig, mode: Mode) -> Result<Self, String> {
        let sender = Sender::new(config)
            .map_err(|e| format!("configuration error: [mail] smtp-host cannot be used ({e})"))?;
        let from = config
            .from
            .parse()
            .map_err(|e| format!("configuration error: [mail] from is not an address ({e})"))?;
        Ok(Self {
            sender,
            from,
            log_links: mode == Mode::Development,
        })
    }
}

#[async_trait::async_trait]
impl Job for Mailer {
    fn kind(&self) -> JobKind {
        JobKind::Mail
    }

    fn batch(&self) -> u64 {
        BATCH
    }

    /// Sends mail `id` of the outbox; a mail the server refuses for good is set aside
    /// (kept for the record) and the job is done.
    async fn run(&self, state: &AppState, id: uuid::Uuid) -> Outcome {
        let mail = match outbox::find(&state.db, id).await {
            Ok(Some(mail)) => mail,
            Ok(None) => return Outcome::Done, // purged
            Err(e) => return Outcome::Failed(e.to_string()),
        };
        if mail.sent_at.is_some() || mail.abandoned_at.is_some() {
            return Outcome::Done; // a server stopped after sending, before recording it
        }
        let result = match message(&self.from, &mail) {
            Ok(m) => self.sender.send(m).await,
            Err(e) => Err(Failure::Permanent(e)),
        };
        let recorded = match result {
            Ok(()) => {
                if self.log_links {
                    print_links(&mail);
                }
                outbox::mark_sent(&state.db, mail.id, state.clock.now()).await
            }
            Err(Failure::Permanent(e)) => {
                tracing::warn!(mail = %mail.id, error = %e, "mail refused for good, not retried");
                outbox::mark_abandoned(&state.db, mail.id, &e, state.clock.now()).await
            }
            // The server is probably down: the other mails wait for the next round.
            Err(Failure::Transient(e)) => return Outcome::Unavailable(e),
        };
        match recorded {
            Ok(()) => Outcome::Done,
            Err(e) => Outcome::Failed(e.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_printed_in_the_log_in_development_only() {
        let config = MailConfig {
            from: "Cyclades <ne-pas-repondre@cyclades.invalid>".into(),
            transport: MailTransport::Files(std::env::temp_dir().join("cyclades-mail-test")),
        };
        let dev = Mailer::new(&config, Mode::Development).unwrap();
        assert!(dev.log_links);
        let prod = Mailer::new(&config, Mode::Production).unwrap();
        assert!(!prod.log_links);
    }
}
