//! The antivirus every deposited file goes through (issue 14; security checklist line 27): a
//! clamd reached on a Unix socket or over TCP, spoken to in its own protocol (`zPING`,
//! `zINSTREAM` with length-prefixed chunks). An answer that is not clearly "OK" or
//! "FOUND" is an error: the file then waits, unopened, until clamd answers (fail closed).

use std::io;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};

/// Where clamd listens: `unix:/run/clamav/clamd.ctl` or `tcp:127.0.0.1:3310`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Clamd {
    Unix(std::path::PathBuf),
    Tcp(String),
}

/// What clamd says of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Clean,
    /// The signature found.
    Infected(String),
}

/// The size of the chunks streamed to clamd.
const CHUNK: usize = 64 * 1024;

/// The longest answer read (a signature's name and a few words).
const MAX_ANSWER: u64 = 4096;

/// The longest a PING or a scan may take: a clamd that does not answer within it is
/// "not answering" (the file waits).
const TIMEOUT: std::time::Duration = std::time::Duration::from_secs(60);

impl Clamd {
    /// Reads `unix:PATH` or `tcp:HOST:PORT`.
    pub fn parse(text: &str) -> Option<Self> {
        match text.split_once(':')? {
            ("unix", path) if !path.is_empty() => Some(Self::Unix(path.into())),
            ("tcp", address) if address.contains(':') => Some(Self::Tcp(address.to_owned())),
            _ => None,
        }
    }

    /// Whether clamd answers.
    pub async fn ping(&self) -> io::Result<()> {
        let answer = self.exchange(b"zPING\0", None::<&[u8]>).await?;
        if answer == "PONG" {
            Ok(())
        } else {
            Err(io::Error::other(format!(
                "clamd answered {answer:?} to PING"
            )))
        }
    }

    /// Scans what `file` reads.
    pub async fn scan(&self, file: impl AsyncRead + Unpin) -> io::Result<Verdict> {
        let answer = self.exchange(b"zINSTREAM\0", Some(file)).await?;
        verdict(&answer)
    }

    async fn exchange(
        &self,
        command: &[u8],
        body: Option<impl AsyncRead + Unpin>,
    ) -> io::Result<String> {
        tokio::time::timeout(TIMEOUT, self.exchange_now(command, body))
            .await
            .map_err(|_| io::Error::new(io::ErrorKind::TimedOut, "clamd did not answer in time"))?
    }

    async fn exchange_now(
        &self,
        command: &[u8],
        body: Option<impl AsyncRead + Unpin>,
    ) -> io::Result<String> {
        match self {
            Self::Unix(path) => {
                #[cfg(unix)]
                {
                    let stream = tokio::net::UnixStream::connect(path).await?;
                    talk(stream, command, body).await
                }
                #[cfg(not(unix))]
                {
                    let _ = (path, command, body);
                    Err(io::Error::other("Unix sockets need a Unix system"))
                }
            }
            Self::Tcp(address) => {
                let stream = tokio::net::TcpStream::connect(address).await?;
                talk(stream, command, body).await
            }
        }
    }
}

async fn talk<S: AsyncRead + AsyncWrite + Unpin>(
    mut stream: S,
    command: &[u8],
    body: Option<impl AsyncRead + Unpin>,
) -> io::Result<String> {
    stream.write_all(command).await?;
    if let Some(mut body) = body {
        let mut buf = vec![0u8; CHUNK];
        loop {
            let n = body.read(&mut buf).await?;
            let len = u32::try_from(n).map_err(io::Error::other)?;
            stream.write_all(&len.to_be_bytes()).await?;
            if n == 0 {
                break;
            }
            stream.write_all(&buf[..n]).await?;
        }
    }
    stream.flush().await?;
    let mut answer = Vec::new();
    (&mut stream)
        .take(MAX_ANSWER)
        .read_to_end(&mut answer)
        .await?;
    let text = String::from_utf8_lossy(&answer);
    Ok(text.trim_end_matches(['\0', '\n']).to_owned())
}

/// clamd's answer to INSTREAM: `stream: OK`, `stream: <signature> FOUND`, or an error.
fn verdict(answer: &str) -> io::Result<Verdict> {
    let rest = answer
        .strip_prefix("stream: ")
        .ok_or_else(|| io::Error::other(format!("clamd answered {answer:?}")))?;
    if rest == "OK" {
        Ok(Verdict::Clean)
    } else if let Some(signature) = rest.strip_suffix(" FOUND") {
        Ok(Verdict::Infected(signature.to_owned()))
    } else {
        Err(io::Error::other(format!("clamd answered {answer:?}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_clean_infected_or_errors() {
        assert_eq!(verdict("stream: OK").unwrap(), Verdict::Clean);
        assert_eq!(
            verdict("stream: Eicar-Signature FOUND").unwrap(),
            Verdict::Infected("Eicar-Signature".into())
        );
        for bad in [
            "INSTREAM size limit exceeded. ERROR",
            "stream: Can't allocate memory ERROR",
            "",
        ] {
            assert!(verdict(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn an_address_is_a_socket_or_a_host_and_port() {
        assert_eq!(
            Clamd::parse("unix:/run/clamd.sock"),
            Some(Clamd::Unix("/run/clamd.sock".into()))
        );
        assert_eq!(
            Clamd::parse("tcp:127.0.0.1:3310"),
            Some(Clamd::Tcp("127.0.0.1:3310".into()))
        );
        for bad in ["", "unix:", "tcp:localhost", "http://x"] {
            assert_eq!(Clamd::parse(bad), None, "{bad}");
        }
    }
}
