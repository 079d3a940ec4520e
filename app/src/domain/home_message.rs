//! A message of "Accueil" as administrators write it (REQUIREMENTS P1, S3): a title, a text
//! whose paragraphs are separated by an empty line, links written `[texte](https://…)` or as
//! a bare address, and an optional display window typed `jj/mm/aaaa hh:mm` in the portal's
//! zone. The text is read into paragraphs of text and links that pages render as such:
//! never as HTML. The same code checks the form in the browser and again on the server.

use super::account::Errors;
use super::local_time::parse_date_fr;
use crate::model::home::MessageForm;
use chrono::{NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

/// Longest title and text kept.
pub const TITLE_MAX: usize = 120;
pub const BODY_MAX: usize = 4000;

/// The académie field's value of a message for every académie.
pub const EVERY_ACADEMY: &str = "TOUTES";

/// The form's fields.
pub mod field {
    pub const TITLE: &str = "title";
    pub const BODY: &str = "body";
    pub const FROM: &str = "visible_from";
    pub const UNTIL: &str = "visible_until";
    pub const ACADEMY: &str = "academy";
}

/// A piece of a paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Inline {
    Text(String),
    /// `href` is an address of the web (`https://…`, `http://…`) or a page of the portal
    /// (`/…`): nothing else (no `javascript:`, no `data:`) is ever a link.
    Link {
        label: String,
        href: String,
    },
}

/// A paragraph: text and links, in order.
pub type Paragraph = Vec<Inline>;

/// A message's form read: what is saved (the window as wall-clock times of the portal's zone).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageDraft {
    pub title: String,
    pub body: String,
    pub visible_from: Option<NaiveDateTime>,
    pub visible_until: Option<NaiveDateTime>,
    /// The académie's code; `None`: every académie.
    pub academy: Option<String>,
}

/// Whether `href` may be a link: a web address or a page of the portal, without spaces or
/// characters that could leave an attribute.
pub fn safe_href(href: &str) -> bool {
    let lower = href.to_ascii_lowercase();
    let allowed = (lower.starts_with("https://") && href.len() > 8)
        || (lower.starts_with("http://") && href.len() > 7)
        || (href.starts_with('/') && !href.starts_with("//"));
    allowed
        && !href
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || "\"'<>`\\".contains(c))
}

/// The paragraphs of a message's text.
pub fn paragraphs(body: &str) -> Vec<Paragraph> {
    let normalized = body.replace("\r\n", "\n");
    normalized
        .split("\n\n")
        .map(|p| p.split('\n').map(str::trim).collect::<Vec<_>>().join(" "))
        .map(|p| p.trim().to_owned())
        .filter(|p| !p.is_empty())
        .map(|p| inlines(&p).0)
        .collect()
}

/// The links written `[texte](adresse)` whose address cannot be a link, as typed.
pub fn refused_links(body: &str) -> Vec<String> {
    let normalized = body.replace("\r\n", "\n");
    normalized
        .split("\n\n")
        .flat_map(|p| inlines(&p.split('\n').map(str::trim).collect::<Vec<_>>().join(" ")).1)
        .collect()
}

/// Reads one paragraph: `[label](href)` links, bare web addresses, and the text between.
/// Also returns the `[label](href)` whose address was refused (kept as text).
fn inlines(text: &str) -> (Paragraph, Vec<String>) {
    let mut out: Paragraph = Vec::new();
    let mut refused = Vec::new();
    let mut plain = String::new();
    let mut rest = text;
    while !rest.is_empty() {
        if rest.starts_with('[')
            && let Some(close) = rest.find("](")
            && let Some(end) = rest[close + 2..].find(')')
        {
            let label = &rest[1..close];
            let href = &rest[close + 2..close + 2 + end];
            let whole = &rest[..close + 3 + end];
            if !label.trim().is_empty() && !label.contains('[') && safe_href(href) {
                push_text(&mut out, &mut plain);
                out.push(Inline::Link {
                    label: label.trim().to_owned(),
                    href: href.to_owned(),
                });
            } else {
                if !label.contains('[') {
                    refused.push(whole.to_owned());
                }
                plain.push_str(whole);
            }
            rest = &rest[whole.len()..];
            continue;
        }
        let lower = rest.get(..8).unwrap_or(rest).to_ascii_lowercase();
        let at_word = plain.is_empty() || plain.ends_with(char::is_whitespace);
        if at_word && (lower.starts_with("https://") || lower.starts_with("http://")) {
            let word_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            let word = &rest[..word_end];
            // Punctuation that ends a sentence is not part of the address.
            let href = word.trim_end_matches(['.', ',', ';', ':', '!', '?', ')']);
            if safe_href(href) {
                push_text(&mut out, &mut plain);
                out.push(Inline::Link {
                    label: href.to_owned(),
                    href: href.to_owned(),
                });
                rest = &rest[href.len()..];
                continue;
            }
        }
        let mut chars = rest.chars();
        if let Some(c) = chars.next() {
            plain.push(c);
        }
        rest = chars.as_str();
    }
    push_text(&mut out, &mut plain);
    (out, refused)
}

fn push_text(out: &mut Paragraph, plain: &mut String) {
    if !plain.is_empty() {
        out.push(Inline::Text(std::mem::take(plain)));
    }
}

/// `jj/mm/aaaa hh:mm` (or `jj/mm/aaaa`: midnight), or `None`.
pub fn parse_local_fr(input: &str) -> Option<NaiveDateTime> {
    let input = input.trim();
    let (date, time) = match input.split_once(char::is_whitespace) {
        Some((d, t)) => (d, Some(t.trim())),
        None => (input, None),
    };
    let date = parse_date_fr(date)?;
    let time = match time {
        None => NaiveTime::MIN,
        Some(t) => {
            let t = t.replace('h', ":");
            let (h, m) = t.split_once(':')?;
            let number = |s: &str| -> Option<u32> {
                (!s.is_empty() && s.len() <= 2 && s.chars().all(|c| c.is_ascii_digit()))
                    .then(|| s.parse().ok())
                    .flatten()
            };
            NaiveTime::from_hms_opt(number(h)?, number(m)?, 0)?
        }
    };
    Some(date.and_time(time))
}

/// An instant typed `jj/mm/aaaa hh:mm` in the portal's zone `tz`, or `None` (another shape,
/// or an hour the clock change skips or repeats).
#[cfg(feature = "ssr")]
pub fn parse_instant_fr(input: &str, tz: chrono_tz::Tz) -> Option<chrono::DateTime<chrono::Utc>> {
    parse_local_fr(input)?
        .and_local_timezone(tz)
        .single()
        .map(|t| t.with_timezone(&chrono::Utc))
}

/// Reads the form: every refused field at once.
pub fn parse_message(form: &MessageForm, errors: &mut Errors) -> Option<MessageDraft> {
    use field::*;
    let title = super::text::squeeze(&form.title);
    if title.is_empty() {
        errors.add(TITLE, "Saisissez le titre du message.");
    } else if title.chars().count() > TITLE_MAX {
        errors.add(TITLE, "Le titre ne doit pas dépasser 120 caractères.");
    }
    let body = form.body.replace("\r\n", "\n").trim().to_owned();
    if body.is_empty() {
        errors.add(BODY, "Saisissez le texte du message.");
    } else if body.chars().count() > BODY_MAX {
        errors.add(BODY, "Le texte ne doit pas dépasser 4000 caractères.");
    } else if let Some(bad) = refused_links(&body).first() {
        errors.add(
            BODY,
            format!(
                "Le lien « {bad} » n'a pas une adresse acceptée : écrivez une adresse web (https://…) ou une page du portail (/…)."
            ),
        );
    }
    let window = |name: &str, typed: &str, errors: &mut Errors| -> Option<Option<NaiveDateTime>> {
        if typed.trim().is_empty() {
            return Some(None);
        }
        match parse_local_fr(typed) {
            Some(at) => Some(Some(at)),
            None => {
                errors.add(
                    name,
                    "Saisissez une date et une heure au format jj/mm/aaaa hh:mm, par exemple 15/01/2027 08:00.",
                );
                None
            }
        }
    };
    let from = window(FROM, &form.visible_from, errors);
    let until = window(UNTIL, &form.visible_until, errors);
    if let (Some(Some(f)), Some(Some(u))) = (from, until)
        && u <= f
    {
        errors.add(UNTIL, "La fin de l'affichage doit être après son début.");
    }
    let academy = form.academy.trim();
    if academy.is_empty() {
        errors.add(
            ACADEMY,
            "Choisissez à quelle académie le message s'adresse.",
        );
    }
    let draft = MessageDraft {
        title,
        body,
        visible_from: from?,
        visible_until: until?,
        academy: (academy != EVERY_ACADEMY).then(|| academy.to_owned()),
    };
    errors.is_empty().then_some(draft)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(label: &str, href: &str) -> Inline {
        Inline::Link {
            label: label.into(),
            href: href.into(),
        }
    }

    #[test]
    fn paragraphs_are_separated_by_an_empty_line() {
        let p = paragraphs("Première ligne\nsuite.\n\n\nSecond paragraphe.  ");
        assert_eq!(
            p,
            [
                vec![Inline::Text("Première ligne suite.".into())],
                vec![Inline::Text("Second paragraphe.".into())]
            ]
        );
    }

    #[test]
    fn links_are_written_with_brackets_or_as_an_address() {
        let p =
            paragraphs("Voir [la page](/ouverture-des-services) ou https://www.education.gouv.fr.");
        assert_eq!(
            p[0],
            [
                Inline::Text("Voir ".into()),
                link("la page", "/ouverture-des-services"),
                Inline::Text(" ou ".into()),
                link(
                    "https://www.education.gouv.fr",
                    "https://www.education.gouv.fr"
                ),
                Inline::Text(".".into()),
            ]
        );
    }

    #[test]
    fn nothing_but_web_addresses_and_portal_pages_becomes_a_link() {
        for bad in [
            "javascript:alert(1)",
            "data:text/html,x",
            "//evil.example",
            "https://x\"onmouseover=\"y",
            "vbscript:x",
        ] {
            assert!(!safe_href(bad), "{bad}");
            let p = paragraphs(&format!("[ici]({bad})"));
            assert!(
                p[0].iter().all(|i| matches!(i, Inline::Text(_))),
                "{bad}: {p:?}"
            );
        }
        assert_eq!(
            refused_links("[ici](javascript:alert(1))"),
            ["[ici](javascript:alert(1)"]
        );
        // Markup is text: the page renders it as typed.
        assert_eq!(
            paragraphs("<b>gras</b>")[0],
            [Inline::Text("<b>gras</b>".into())]
        );
    }

    #[test]
    fn the_window_is_read_in_french_and_ends_after_it_starts() {
        let form = MessageForm {
            title: "Maintenance".into(),
            body: "Le site sera indisponible.".into(),
            visible_from: "15/01/2027 08:00".into(),
            visible_until: "15/01/2027 07h30".into(),
            academy: EVERY_ACADEMY.into(),
            ..MessageForm::default()
        };
        let mut errors = Errors::default();
        assert!(parse_message(&form, &mut errors).is_none());
        assert_eq!(errors.into_vec()[0].field, field::UNTIL);
        let mut errors = Errors::default();
        let ok = MessageForm {
            visible_until: "16/01/2027".into(),
            ..form.clone()
        };
        let draft = parse_message(&ok, &mut errors).unwrap();
        assert_eq!(
            draft.visible_until.unwrap().to_string(),
            "2027-01-16 00:00:00"
        );
        for bad in ["31/02/2027 08:00", "15/01/2027 25:00", "demain"] {
            let mut errors = Errors::default();
            let f = MessageForm {
                visible_from: bad.into(),
                ..ok.clone()
            };
            assert!(parse_message(&f, &mut errors).is_none(), "{bad}");
        }
    }

    #[test]
    fn title_and_text_are_required_and_bounded() {
        let mut errors = Errors::default();
        assert!(parse_message(&MessageForm::default(), &mut errors).is_none());
        let fields: Vec<String> = errors.into_vec().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, [field::TITLE, field::BODY, field::ACADEMY]);
        let mut errors = Errors::default();
        let long = MessageForm {
            title: "x".repeat(TITLE_MAX + 1),
            body: "y".repeat(BODY_MAX + 1),
            ..MessageForm::default()
        };
        assert!(parse_message(&long, &mut errors).is_none());
        assert_eq!(errors.len(), 3);
    }
}
