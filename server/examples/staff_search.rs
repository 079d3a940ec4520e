//! "Candidats" at scale (BENCHMARKS.md, issue 13): the search and the CSV export over many
//! generated candidatures, on the database of `<database-url>` (SQLite or PostgreSQL).
//!
//! `staff_search fill <database-url> <candidatures>`: migrates, loads the demo catalog and
//! adds generated candidates (one candidature each, spread over the demo's offers) until
//! there are that many candidatures.
//! `staff_search search <database-url> <rounds>`: each query of the table, `rounds` times,
//! through the service (count, page, filter lists) and as the bare SQL it runs (the same
//! two statements); prints p50 and p95 (ms) of each and their ratio.
//! `staff_search export <database-url>`: the CSV export of every candidature, batch by batch
//! as the route streams it; prints rows, seconds, and the process's resident memory at the
//! start and at its peak (VmHWM).

use app::domain::Scope;
use app::model::staff::CandidateQuery;
use app::server::Clock;
use app::server::services::dossiers::{export, search};
use measure::{memory_kb, percentile};
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};
use std::time::Instant;

#[path = "support/generated.rs"]
mod generated;
#[path = "support/measure.rs"]
mod measure;
#[path = "support/state.rs"]
mod state;

type Error = Box<dyn std::error::Error + Send + Sync>;

const LAST: [&str; 12] = [
    "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
    "Moreau", "Simon", "Lefèvre",
];
const FIRST: [&str; 10] = [
    "Jean", "Marie", "Éloïse", "Nicolas", "Camille", "Léa", "Hugo", "Chloé", "Louis", "Inès",
];

async fn count(db: &DatabaseConnection, sql: &str) -> Result<i64, Error> {
    let row = db
        .query_one_raw(Statement::from_string(db.get_database_backend(), sql))
        .await?
        .ok_or("no row")?;
    Ok(row.try_get_by_index::<i64>(0)?)
}

async fn fill(url: &str, wanted: i64) -> Result<(), Error> {
    let state = state::on(url, Clock::System).await?;
    let db = &state.db;
    app::server::demo::load_if_empty(db, state.tz, chrono::Utc::now()).await?;
    let offers: Vec<i64> = db
        .query_all_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT id FROM offers ORDER BY id",
        ))
        .await?
        .iter()
        .map(|r| r.try_get_by_index::<i32>(0).map(i64::from))
        .collect::<Result<_, _>>()?;
    let have = count(db, "SELECT COUNT(*) FROM candidatures").await?;
    let started = Instant::now();
    let mut n = have;
    while n < wanted {
        let batch = (wanted - n).min(500);
        let rows: Vec<generated::Candidate> = (n..n + batch)
            .map(|i| {
                let (last, first) = (LAST[(i % 12) as usize], FIRST[(i / 12 % 10) as usize]);
                let birth = format!("{last}{}", i / 120);
                generated::Candidate {
                    email: format!("candidat{i}@example.fr"),
                    search_name: app::server::services::accounts::search_name(&birth, None, first),
                    birth_name: birth,
                    first_names: first.to_owned(),
                    number: format!("{:010}", 1_000_000_000 + i),
                    offer: offers[(i as usize) % offers.len()],
                }
            })
            .collect();
        generated::insert(db, &rows).await?;
        n += batch;
    }
    println!(
        "candidatures: {n} ({} added in {:.0} s)",
        n - have,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

async fn bench_search(url: &str, rounds: usize) -> Result<(), Error> {
    let state = state::on(url, Clock::System).await?;
    let db = &state.db;
    let number = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT number FROM candidates ORDER BY number DESC LIMIT 1",
        ))
        .await?
        .ok_or("no candidate")?
        .try_get_by_index::<String>(0)?;
    let queries: [(&str, CandidateQuery); 5] = [
        ("everything, first page", CandidateQuery::default()),
        (
            "a name (\"lefevre\")",
            CandidateQuery {
                text: "lefevre".into(),
                ..Default::default()
            },
        ),
        (
            "name and first name (\"martin eloise\")",
            CandidateQuery {
                text: "martin eloise".into(),
                ..Default::default()
            },
        ),
        (
            "a N° candidat",
            CandidateQuery {
                text: number,
                ..Default::default()
            },
        ),
        (
            "an académie, page 20",
            CandidateQuery {
                academy: "VERSAILLES".into(),
                page: 20,
                ..Default::default()
            },
        ),
    ];
    let scope = Scope::All;
    println!(
        "| query | rows | service p50 | service p95 | bare SQL p50 | bare SQL p95 | service / SQL (p50) |"
    );
    println!("|---|---|---|---|---|---|---|");
    for (label, query) in queries {
        let mut service = Vec::with_capacity(rounds);
        let mut bare = Vec::with_capacity(rounds);
        let mut total = 0;
        let (count_sql, page_sql) = search::statements(db.get_database_backend(), &scope, &query);
        for round in 0..rounds * 2 {
            // Alternating, so both see the same noise.
            if round % 2 == 0 {
                let t = Instant::now();
                total = search::search(&state, &scope, &query).await?.total;
                service.push(t.elapsed().as_secs_f64() * 1000.0);
            } else {
                let t = Instant::now();
                db.query_one_raw(count_sql.clone()).await?;
                db.query_all_raw(page_sql.clone()).await?;
                bare.push(t.elapsed().as_secs_f64() * 1000.0);
            }
        }
        service.sort_by(f64::total_cmp);
        bare.sort_by(f64::total_cmp);
        let (s50, b50) = (percentile(&service, 0.5), percentile(&bare, 0.5));
        println!(
            "| {label} | {total} | {s50:.1} ms | {:.1} ms | {b50:.1} ms | {:.1} ms | {:.2} |",
            percentile(&service, 0.95),
            percentile(&bare, 0.95),
            s50 / b50
        );
    }
    Ok(())
}

async fn bench_export(url: &str) -> Result<(), Error> {
    let state = state::on(url, Clock::System).await?;
    let start_kb = memory_kb("VmRSS:");
    let started = Instant::now();
    let query = CandidateQuery::default();
    let (mut rows, mut bytes) = (0usize, export::HEADER.len());
    let mut after = None;
    loop {
        let (lines, next) = export::batch(&state, &Scope::All, &query, after.as_ref()).await?;
        rows += lines.matches("\r\n").count();
        bytes += lines.len();
        match next {
            Some(cursor) => after = Some(cursor),
            None => break,
        }
    }
    println!(
        "export: {rows} rows, {:.1} MB, {:.1} s; resident memory {:.0} MB at start, peak {:.0} MB",
        bytes as f64 / 1e6,
        started.elapsed().as_secs_f64(),
        start_kb as f64 / 1024.0,
        memory_kb("VmHWM:") as f64 / 1024.0
    );
    Ok(())
}

#[tokio::main]
async fn main() -> Result<(), Error> {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::new("error"))
        .init();
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["fill", url, n] => fill(url, n.parse()?).await,
        ["search", url, rounds] => bench_search(url, rounds.parse()?).await,
        ["export", url] => bench_export(url).await,
        _ => {
            Err("usage: staff_search fill <url> <n> | search <url> <rounds> | export <url>".into())
        }
    }
}
