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

#[path = "support/candidates.rs"]
mod candidates;

use candidates::{Error, form, in_parallel, post};

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

    let (cookies, offer) = candidates::signed_in(&client, &base, mails, n, "storm").await?;

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
