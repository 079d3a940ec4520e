//! Registration save storm (BENCHMARKS.md): N candidates, each with a session of their own,
//! register for the same offer and then keep saving modifications of their candidature
//! (every save a new version, as "Enregistrer" after "Modifier"), all at once, through
//! the server functions the wizard calls.
//!
//! `save_storm <base-url> <mail-dir> <candidates> <seconds> [pace-ms]`: the server must write
//! its mails as files into <mail-dir> (no SMTP configured) and have the demo catalog.
//! Without a pace each candidate saves again as soon as answered (the server's capacity);
//! with one, each candidate starts a save every pace-ms (spread over the period), so the
//! offered rate is candidates / pace and the latencies are those of that load.
//! Prints one line: saves/s, p50, p99, max (ms), and the errors by code.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

const PASSWORD: &str = "Rivière.Bleue7";

type Error = Box<dyn std::error::Error + Send + Sync>;

fn form() -> serde_json::Value {
    serde_json::json!({
        "address_country": "FR", "address_1": "Rue de la pluie", "postal_code": "78270",
        "locality": "BLARU", "nationality": "FR", "phone": "0123456789", "corps": "ACT1D",
        "statut": "TIT", "position": "ACT", "work_country": "FR", "work_departement": "078",
        "work_locality": "78000-VERSAILLES", "etablissement": "0783371R", "epreuves": []
    })
}

async fn post(
    client: &reqwest::Client,
    base: &str,
    endpoint: &str,
    body: serde_json::Value,
    cookie: Option<&str>,
) -> Result<reqwest::Response, Error> {
    let mut request = client
        .post(format!("{base}/api/{endpoint}"))
        .header("content-type", "application/json")
        .header("accept", "application/json")
        .body(body.to_string());
    if let Some(c) = cookie {
        request = request.header("cookie", c);
    }
    Ok(request.send().await?)
}

/// Runs `f` over `items` with at most `width` in flight.
async fn in_parallel<T, F, Fut, R>(items: Vec<T>, width: usize, f: F) -> Vec<R>
where
    T: Send + 'static,
    F: Fn(T) -> Fut + Clone + Send + 'static,
    Fut: std::future::Future<Output = R> + Send + 'static,
    R: Send + 'static,
{
    let semaphore = std::sync::Arc::new(tokio::sync::Semaphore::new(width));
    let mut handles = Vec::new();
    for item in items {
        let permit = semaphore
            .clone()
            .acquire_owned()
            .await
            .expect("semaphore open");
        let f = f.clone();
        handles.push(tokio::spawn(async move {
            let r = f(item).await;
            drop(permit);
            r
        }));
    }
    let mut out = Vec::new();
    for h in handles {
        out.push(h.await.expect("task ran"));
    }
    out
}

/// The activation tokens found in the mail files.
fn tokens(dir: &str) -> Vec<String> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
        // Quoted-printable: soft line breaks removed, "=3D" back to "=".
        let text = text
            .replace("=\r\n", "")
            .replace("=\n", "")
            .replace("=3D", "=");
        if let Some(at) = text.find("jeton=") {
            let token: String = text[at + 6..]
                .chars()
                .take_while(char::is_ascii_hexdigit)
                .collect();
            if token.len() == 64 {
                found.push(token);
            }
        }
    }
    found.sort();
    found.dedup();
    found
}

#[tokio::main]
async fn main() -> Result<(), Error> {
    let args: Vec<String> = std::env::args().collect();
    let (base, mails, candidates, seconds, pace) = match args.as_slice() {
        [_, b, m, c, s] => (b, m, c, s, None),
        [_, b, m, c, s, p] => (b, m, c, s, Some(Duration::from_millis(p.parse()?))),
        _ => {
            return Err(
                "usage: save_storm <base-url> <mail-dir> <candidates> <seconds> [pace-ms]".into(),
            );
        }
    };
    let base = base.trim_end_matches('/').to_owned();
    let n: usize = candidates.parse()?;
    let duration = Duration::from_secs(seconds.parse()?);
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(n)
        .build()?;
    let run = uuid::Uuid::new_v4().simple().to_string();
    let emails: Vec<String> = (0..n)
        .map(|i| format!("storm{i}.{}@example.fr", &run[..8]))
        .collect();

    // Accounts, activated from their mails, then signed in: one session each.
    let before = tokens(mails).len();
    in_parallel(emails.clone(), 4, {
        let (client, base) = (client.clone(), base.clone());
        move |email: String| {
            let (client, base) = (client.clone(), base.clone());
            async move {
                let body = serde_json::json!({ "form": {
                    "civility": "MONSIEUR", "birth_name": "ORAGE", "birth_name_confirm": "ORAGE",
                    "usage_name": "", "first_names": "Essai", "birth_country": "FR",
                    "birth_date": "01/01/2000", "birth_date_confirm": "01/01/2000",
                    "birth_departement": "075", "birth_commune": "Paris", "email": email,
                    "email_confirm": email, "password": PASSWORD, "password_confirm": PASSWORD } });
                post(&client, &base, "create_account", body, None)
                    .await
                    .map(|_| ())
            }
        }
    })
    .await
    .into_iter()
    .collect::<Result<Vec<_>, _>>()?;
    let deadline = Instant::now() + Duration::from_secs(120);
    while tokens(mails).len() < before + n && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    for token in tokens(mails) {
        post(
            &client,
            &base,
            "activate_account",
            serde_json::json!({ "token": token, "form": { "password": PASSWORD } }),
            None,
        )
        .await?;
    }
    let cookies: Vec<String> = in_parallel(emails, 4, {
        let (client, base) = (client.clone(), base.clone());
        move |email: String| {
            let (client, base) = (client.clone(), base.clone());
            async move {
                let r = post(
                    &client,
                    &base,
                    "sign_in",
                    serde_json::json!({ "form": { "email": email, "password": PASSWORD } }),
                    None,
                )
                .await?;
                let cookie = r
                    .headers()
                    .get("set-cookie")
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| v.split(';').next())
                    .map(str::to_owned);
                let Some(cookie) = cookie else {
                    let status = r.status();
                    return Err(format!(
                        "sign-in of {email}: {status} {}",
                        r.text().await.unwrap_or_default()
                    )
                    .into());
                };
                Ok::<_, Error>(cookie)
            }
        }
    })
    .await
    .into_iter()
    .collect::<Result<_, _>>()?;

    // The offer: the "Valider" link of M'inscrire for the guide's certification.
    let year = chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Paris)
        .format("%Y")
        .to_string();
    let year: i32 = year.parse::<i32>()? + 1;
    let page = client
        .get(format!(
            "{base}/m-inscrire?domaine=G02&examen=CCPE1D&specialite=ARTS-CINEMA&academie=VERSAILLES&session={year}"
        ))
        .header("cookie", &cookies[0])
        .send()
        .await?
        .text()
        .await?;
    let at = page.find("offre=").ok_or("no Valider link on M'inscrire")?;
    let offer: String = page[at + 6..].chars().take(36).collect();

    // The storm: each candidate saves, then saves again from the version it got.
    let start = Instant::now();
    let numbered: Vec<(usize, String)> = cookies.into_iter().enumerate().collect();
    let results = in_parallel(numbered, n, {
        let (client, base, offer) = (client.clone(), base.clone(), offer.clone());
        move |(i, cookie): (usize, String)| {
            let (client, base, offer) = (client.clone(), base.clone(), offer.clone());
            async move {
                let mut latencies = Vec::new();
                let mut errors: BTreeMap<String, u32> = BTreeMap::new();
                let mut current: Option<(String, i64)> = None;
                // Paced: candidate i starts at i/n of the period, then once a period.
                let mut next = pace.map(|p| start + p.mul_f64(i as f64 / n as f64));
                while start.elapsed() < duration {
                    if let (Some(at), Some(p)) = (next, pace) {
                        tokio::time::sleep_until(at.into()).await;
                        next = Some(at + p);
                        if start.elapsed() >= duration {
                            break;
                        }
                    }
                    let body = serde_json::json!({ "request": {
                        "offer": offer,
                        "candidature": current.as_ref().map(|c| c.0.clone()),
                        "expected_version": current.as_ref().map(|c| c.1),
                        "idempotency_key": uuid::Uuid::new_v4(),
                        "form": form(),
                    }});
                    let sent = Instant::now();
                    let answer =
                        post(&client, &base, "save_candidature", body, Some(&cookie)).await;
                    let took = sent.elapsed();
                    match answer {
                        Ok(r) if r.status().is_success() => {
                            let v: serde_json::Value =
                                serde_json::from_str(&r.text().await.unwrap_or_default())
                                    .unwrap_or_default();
                            latencies.push(took);
                            current = Some((
                                v["id"].as_str().unwrap_or_default().to_owned(),
                                v["version"].as_i64().unwrap_or(1),
                            ));
                        }
                        Ok(r) => {
                            let status = r.status().as_u16();
                            let v: serde_json::Value =
                                serde_json::from_str(&r.text().await.unwrap_or_default())
                                    .unwrap_or_default();
                            let code = v["code"].as_str().unwrap_or("?").to_owned();
                            *errors.entry(format!("{status} {code}")).or_default() += 1;
                        }
                        Err(e) => *errors.entry(format!("transport {e}")).or_default() += 1,
                    }
                }
                (latencies, errors)
            }
        }
    })
    .await;
    let elapsed = start.elapsed().as_secs_f64();
    let mut all: Vec<Duration> = Vec::new();
    let mut errors: BTreeMap<String, u32> = BTreeMap::new();
    for (l, e) in results {
        all.extend(l);
        for (k, v) in e {
            *errors.entry(k).or_default() += v;
        }
    }
    all.sort();
    let pct = |p: f64| {
        all.get(((all.len() as f64 * p).ceil() as usize).saturating_sub(1))
            .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    };
    println!(
        "{:.1} saves/s | p50 {:.1} ms | p99 {:.1} ms | max {:.1} ms | {} saves | errors: {}",
        all.len() as f64 / elapsed,
        pct(0.50),
        pct(0.99),
        pct(1.0),
        all.len(),
        if errors.is_empty() {
            "none".to_owned()
        } else {
            format!("{errors:?}")
        }
    );
    Ok(())
}
