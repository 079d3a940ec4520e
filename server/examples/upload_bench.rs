//! Deposits of pièces justificatives (BENCHMARKS.md, issue 14), against a running portal
//! (demo catalog, mails as files, a clamd configured):
//! - one 5 MB file deposited again and again through the real route, beside writing the
//!   same bytes to a file of the same disk and syncing it (a ratio, alternating);
//! - `<candidates>` candidates depositing 5 MB each at the same instant: the server's peak
//!   memory above its memory before (read from `/proc/<server-pid>/status`, sampled), which
//!   stays flat when files are streamed to disk rather than held;
//! - the time from a deposit's answer to its scan by clamd, per file.
//!
//! `upload_bench <base-url> <mail-dir> <server-pid> <data-dir> <candidates> <rounds>`.

#[path = "support/candidates.rs"]
mod candidates;
#[path = "support/measure.rs"]
#[expect(
    dead_code,
    reason = "this example reads the server's memory, not its own"
)]
mod measure;

use candidates::{Error, form, in_parallel, post};
use std::time::{Duration, Instant};

const SIZE: usize = 5 * 1024 * 1024;

/// A PDF of exactly 5 MB (a header, a comment of spaces, an end).
fn pdf() -> Vec<u8> {
    let head = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%";
    let tail = b"\n%%EOF\n";
    let mut bytes = head.to_vec();
    bytes.resize(SIZE - tail.len(), b' ');
    bytes.extend_from_slice(tail);
    bytes
}

fn multipart(bytes: &[u8]) -> (String, Vec<u8>) {
    let boundary = "----cyclades-bench-boundary";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"fichier\"; filename=\"piece.pdf\"\r\nContent-Type: application/pdf\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

/// A candidate's candidature and its online piece.
struct Target {
    cookie: String,
    candidature: String,
    piece: i64,
}

async fn deposit(
    client: &reqwest::Client,
    base: &str,
    t: &Target,
    body: &(String, Vec<u8>),
) -> Result<String, Error> {
    let r = client
        .post(format!(
            "{base}/mes-justificatifs/{}/{}/depot",
            t.candidature, t.piece
        ))
        .header("content-type", &body.0)
        .header("accept", "application/json")
        .header("cookie", &t.cookie)
        .body(body.1.clone())
        .send()
        .await?;
    let status = r.status();
    let v: serde_json::Value = serde_json::from_str(&r.text().await?)?;
    if !status.is_success() {
        return Err(format!("deposit: {status} {v}").into());
    }
    Ok(v["file"].as_str().unwrap_or_default().to_owned())
}

async fn delete(client: &reqwest::Client, base: &str, t: &Target, file: &str) -> Result<(), Error> {
    let body = serde_json::json!({ "candidature": t.candidature, "file": file });
    post(client, base, "delete_piece_file", body, Some(&t.cookie)).await?;
    Ok(())
}

/// Whether file `id` is scanned, as "Mes justificatifs" says.
async fn is_scanned(
    client: &reqwest::Client,
    base: &str,
    t: &Target,
    id: &str,
) -> Result<bool, Error> {
    let text = client
        .get(format!("{base}/api/my_pieces"))
        .header("accept", "application/json")
        .header("cookie", &t.cookie)
        .send()
        .await?
        .text()
        .await?;
    let v: serde_json::Value = serde_json::from_str(&text)?;
    Ok(v[0]["groups"][0]["pieces"][0]["files"]
        .as_array()
        .into_iter()
        .flatten()
        .any(|f| f["id"] == id && f["scanned"] == true))
}

/// The resident memory of process `pid` in KiB.
fn rss_kb(pid: &str) -> u64 {
    measure::process_memory_kb(pid, "VmRSS:")
}

#[tokio::main]
async fn main() -> Result<(), Error> {
    let args: Vec<String> = std::env::args().collect();
    let [_, base, mails, pid, data_dir, n, rounds] = args.as_slice() else {
        return Err("usage: upload_bench <base-url> <mail-dir> <server-pid> <data-dir> <candidates> <rounds>".into());
    };
    let base = base.trim_end_matches('/').to_owned();
    let n: usize = n.parse()?;
    let rounds: usize = rounds.parse()?;
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(n)
        .build()?;
    let (cookies, offer) = candidates::signed_in(&client, &base, mails, n, "depot").await?;
    // Each registers, then reads its candidature and online piece.
    let targets: Vec<Target> = in_parallel(cookies, 4, {
        let (client, base, offer) = (client.clone(), base.clone(), offer.clone());
        move |cookie: String| {
            let (client, base, offer) = (client.clone(), base.clone(), offer.clone());
            async move {
                let body = serde_json::json!({ "request": {
                    "offer": offer, "candidature": null, "expected_version": null,
                    "idempotency_key": uuid::Uuid::new_v4(), "form": form() } });
                post(&client, &base, "save_candidature", body, Some(&cookie)).await?;
                let text = client
                    .get(format!("{base}/api/my_pieces"))
                    .header("accept", "application/json")
                    .header("cookie", &cookie)
                    .send()
                    .await?
                    .text()
                    .await?;
                let v: serde_json::Value = serde_json::from_str(&text)?;
                Ok::<_, Error>(Target {
                    candidature: v[0]["candidature"].as_str().unwrap_or_default().to_owned(),
                    piece: v[0]["groups"][0]["pieces"][0]["id"]
                        .as_i64()
                        .unwrap_or_default(),
                    cookie,
                })
            }
        }
    })
    .await
    .into_iter()
    .collect::<Result<_, _>>()?;
    let bytes = pdf();
    let body = multipart(&bytes);

    // One file at a time, beside the same bytes written and synced to the same disk.
    let one = &targets[0];
    let (mut route, mut disk) = (Vec::new(), Vec::new());
    let mut scans = Vec::new();
    for _ in 0..rounds {
        let started = Instant::now();
        let id = deposit(&client, &base, one, &body).await?;
        route.push(started.elapsed().as_secs_f64());
        let answered = Instant::now();
        while !is_scanned(&client, &base, one, &id).await? {
            if answered.elapsed() > Duration::from_secs(60) {
                return Err("a file was not scanned within 60 s (is clamd configured?)".into());
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        scans.push(answered.elapsed().as_secs_f64() * 1000.0);
        delete(&client, &base, one, &id).await?;
        let path =
            std::path::Path::new(data_dir).join(format!("bench-{}.bin", uuid::Uuid::new_v4()));
        let started = Instant::now();
        {
            use tokio::io::AsyncWriteExt;
            let mut f = tokio::fs::File::create(&path).await?;
            f.write_all(&bytes).await?;
            f.sync_data().await?;
        }
        disk.push(started.elapsed().as_secs_f64());
        tokio::fs::remove_file(&path).await?;
    }
    let mb = SIZE as f64 / 1024.0 / 1024.0;
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        measure::percentile(v, 0.5)
    };
    let (r, d) = (median(&mut route), median(&mut disk));
    scans.sort_by(f64::total_cmp);
    println!(
        "one 5 MB deposit: {:.1} MB/s through the route, {:.1} MB/s written and synced to the same disk: ratio {:.2} (medians of {rounds})",
        mb / r,
        mb / d,
        d / r
    );
    println!(
        "scan by clamd after the answer: p50 {:.0} ms, max {:.0} ms (the worker polls the queue when woken)",
        measure::percentile(&scans, 0.5),
        measure::percentile(&scans, 1.0)
    );

    // Every candidate deposits 5 MB at the same instant; the server's memory is sampled.
    let before = rss_kb(pid);
    let peak = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(before));
    let sampling = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true));
    let sampler = {
        let (peak, sampling, pid) = (peak.clone(), sampling.clone(), pid.clone());
        tokio::spawn(async move {
            while sampling.load(std::sync::atomic::Ordering::Relaxed) {
                peak.fetch_max(rss_kb(&pid), std::sync::atomic::Ordering::Relaxed);
                tokio::time::sleep(Duration::from_millis(5)).await;
            }
        })
    };
    let started = Instant::now();
    let results = in_parallel(targets, n, {
        let (client, base, body) = (client.clone(), base.clone(), std::sync::Arc::new(body));
        move |t: Target| {
            let (client, base, body) = (client.clone(), base.clone(), body.clone());
            async move { deposit(&client, &base, &t, &body).await }
        }
    })
    .await;
    let took = started.elapsed().as_secs_f64();
    sampling.store(false, std::sync::atomic::Ordering::Relaxed);
    sampler.await?;
    let failed = results.iter().filter(|r| r.is_err()).count();
    let peak = peak.load(std::sync::atomic::Ordering::Relaxed);
    println!(
        "{n} deposits of 5 MB at once: {took:.1} s, {failed} failed; server memory {:.0} MB before, peak {:.0} MB (+{:.0} MB, {:.1} MB per deposit in flight)",
        before as f64 / 1024.0,
        peak as f64 / 1024.0,
        (peak - before) as f64 / 1024.0,
        (peak - before) as f64 / 1024.0 / n as f64
    );
    Ok(())
}
