//! A real SMTP server on loopback (mailin-embedded) that keeps what it receives, and the
//! few MIME decoders the tests need to read a link out of a message.

use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// One message as received.
#[derive(Debug, Clone)]
pub struct Received {
    pub to: Vec<String>,
    pub raw: String,
}

impl Received {
    /// The Subject header, unfolded, its encoded words (RFC 2047) decoded.
    pub fn subject(&self) -> String {
        let headers = self.raw.split("\r\n\r\n").next().unwrap_or("");
        let unfolded = headers.replace("\r\n ", " ").replace("\r\n\t", " ");
        let Some(line) = unfolded
            .split("\r\n")
            .find(|l| l.to_ascii_lowercase().starts_with("subject:"))
        else {
            return String::new();
        };
        let value = line["subject:".len()..].trim();
        // RFC 2047: the space between two encoded words is not part of the text; the
        // space next to a plain word is.
        let mut out = String::new();
        let mut last_encoded = None;
        for word in value.split(' ') {
            let lower = word.to_ascii_lowercase();
            let decoded = if lower.starts_with("=?utf-8?b?") && word.ends_with("?=") {
                Some(decode_base64(&word[10..word.len() - 2]))
            } else if lower.starts_with("=?utf-8?q?") && word.ends_with("?=") {
                Some(decode_qp(&word[10..word.len() - 2].replace('_', " ")))
            } else {
                None
            };
            if last_encoded.is_some_and(|was| !(was && decoded.is_some())) {
                out.push(' ');
            }
            last_encoded = Some(decoded.is_some());
            out.push_str(decoded.as_deref().unwrap_or(word));
        }
        out
    }

    /// The message's text parts, decoded (quoted-printable or base64), joined.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for part in self.raw.split("\r\n--") {
            let Some((headers, body)) = part.split_once("\r\n\r\n") else {
                continue;
            };
            let lower = headers.to_ascii_lowercase();
            if !lower.contains("content-type: text/") {
                continue;
            }
            let body = body.split("\r\n--").next().unwrap_or(body);
            if lower.contains("content-transfer-encoding: quoted-printable") {
                out.push_str(&decode_qp(body));
            } else if lower.contains("content-transfer-encoding: base64") {
                out.push_str(&decode_base64(body));
            } else {
                out.push_str(body);
            }
            out.push('\n');
        }
        out
    }

    /// The first link of the text whose path starts with `path`, made relative
    /// (`/activer-mon-compte?jeton=…`).
    pub fn link(&self, path: &str) -> Option<String> {
        let text = self.text();
        let start = text.find(&format!("{path}?"))?;
        let end = text[start..]
            .find(|c: char| c.is_whitespace() || c == '"' || c == '<')
            .map_or(text.len(), |e| start + e);
        Some(text[start..end].to_owned())
    }

    /// The secret of the link to `path`.
    pub fn token(&self, path: &str) -> Option<String> {
        self.link(path)?
            .split_once("jeton=")
            .map(|(_, t)| t.to_owned())
    }
}

fn decode_qp(text: &str) -> String {
    let joined = text.replace("=\r\n", "");
    let bytes = joined.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'='
            && i + 2 < bytes.len() + 1
            && let Some(hex) = joined.get(i + 1..i + 3)
            && let Ok(b) = u8::from_str_radix(hex, 16)
        {
            out.push(b);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn decode_base64(text: &str) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = Vec::new();
    let mut buffer = 0u32;
    let mut bits = 0;
    for c in text
        .bytes()
        .filter(|c| !c.is_ascii_whitespace() && *c != b'=')
    {
        let Some(v) = ALPHABET.iter().position(|a| *a == c) else {
            continue;
        };
        buffer = (buffer << 6) | u32::try_from(v).unwrap();
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push(u8::try_from((buffer >> bits) & 0xff).unwrap());
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[derive(Clone)]
struct Handler {
    inbox: Arc<Mutex<Vec<Received>>>,
    to: Vec<String>,
    data: Vec<u8>,
}

impl mailin_embedded::Handler for Handler {
    fn data_start(
        &mut self,
        _: &str,
        _: &str,
        _: bool,
        to: &[String],
    ) -> mailin_embedded::Response {
        self.to = to.to_vec();
        self.data.clear();
        mailin_embedded::response::OK
    }

    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.data.extend_from_slice(buf);
        Ok(())
    }

    fn data_end(&mut self) -> mailin_embedded::Response {
        self.inbox.lock().unwrap().push(Received {
            to: std::mem::take(&mut self.to),
            raw: String::from_utf8_lossy(&self.data).into_owned(),
        });
        mailin_embedded::response::OK
    }
}

/// The SMTP server of one test, on a port chosen at once; connections are refused until
/// it is started (as when a mail server is down).
pub struct MailSink {
    pub port: u16,
    inbox: Arc<Mutex<Vec<Received>>>,
}

impl MailSink {
    /// Picks a free port; nothing answers on it until [`MailSink::start`].
    pub fn reserve() -> Self {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        Self {
            port,
            inbox: Arc::default(),
        }
    }

    /// Starts answering SMTP on the port (in its own thread, for the test's life).
    pub fn start(&self) {
        let listener = TcpListener::bind(("127.0.0.1", self.port)).unwrap();
        let handler = Handler {
            inbox: self.inbox.clone(),
            to: Vec::new(),
            data: Vec::new(),
        };
        let mut server = mailin_embedded::Server::new(handler);
        server.with_name("sink.test").with_tcp_listener(listener);
        std::thread::spawn(move || {
            let _ = server.serve();
        });
    }

    /// Every message received so far.
    pub fn all(&self) -> Vec<Received> {
        self.inbox.lock().unwrap().clone()
    }

    /// Waits (up to 15 s) until `count` messages to `address` have arrived; returns them.
    pub async fn wait_for(&self, address: &str, count: usize) -> Vec<Received> {
        for _ in 0..150 {
            let got: Vec<Received> = self
                .all()
                .into_iter()
                .filter(|m| m.to.iter().any(|t| t.eq_ignore_ascii_case(address)))
                .collect();
            if got.len() >= count {
                return got;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("no {count} mail(s) for {address}: got {:?}", self.all());
    }
}
