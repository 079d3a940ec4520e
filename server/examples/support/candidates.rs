//! What the benchmark examples driving a running portal share: candidates created through
//! the account forms' server functions, activated from their mailed links (the server writes
//! its mails as files), signed in; the demo's cinema offer; the form of a registration.
//! Included with `#[path = "support/candidates.rs"] mod candidates;`.

use std::time::{Duration, Instant};

pub const PASSWORD: &str = "Rivière.Bleue7";

pub type Error = Box<dyn std::error::Error + Send + Sync>;

pub fn form() -> serde_json::Value {
    serde_json::json!({
        "address_country": "FR", "address_1": "Rue de la pluie", "postal_code": "78270",
        "locality": "BLARU", "nationality": "FR", "phone": "0123456789", "corps": "ACT1D",
        "statut": "TIT", "position": "ACT", "work_country": "FR", "work_departement": "078",
        "work_locality": "78000-VERSAILLES", "etablissement": "0783371R", "epreuves": []
    })
}

pub async fn post(
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
pub async fn in_parallel<T, F, Fut, R>(items: Vec<T>, width: usize, f: F) -> Vec<R>
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
pub fn tokens(dir: &str) -> Vec<String> {
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

/// `n` candidates (addresses `<prefix><i>.<run>@example.fr`), created, activated from the
/// mails in `mails` and signed in: their session cookies, and the demo's cinema offer.
pub async fn signed_in(
    client: &reqwest::Client,
    base: &str,
    mails: &str,
    n: usize,
    prefix: &str,
) -> Result<(Vec<String>, String), Error> {
    let base = base.to_owned();
    let run = uuid::Uuid::new_v4().simple().to_string();
    let emails: Vec<String> = (0..n)
        .map(|i| format!("{prefix}{i}.{}@example.fr", &run[..8]))
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
            client,
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

    Ok((cookies, offer))
}
