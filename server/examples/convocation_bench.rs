//! Convocations at scale (BENCHMARKS.md, issue 15): one batch for every candidate of an offer.
//!
//! `convocation_bench <database-url> <candidates> [single-renders]`: migrates, loads the demo
//! catalog, registers `<candidates>` generated candidates for the guide's certification in
//! Versailles, gives its two tests a schedule, then, on a clock held an hour before the
//! batch's instant:
//! 1. prepares the batch (`convocations::prepare`: every candidature, one transaction);
//! 2. runs the server's own job runner (renderer, batch files, mails at the instant) until
//!    every PDF exists, then until the printable PDF and the ZIP are stored;
//! 3. renders the batch's first convocation alone, `single-renders` times (200 by default),
//!    in the same process: the ratio of the two rates is what a batch costs beyond Typst;
//! 4. moves the clock to one second before the instant, counts the convocations a candidate
//!    sees, moves it to the instant, counts again (the time of that query is the time until
//!    all are visible: the embargo is one column compared with the clock), then times the
//!    job that queues the 10,000 mails.
//!
//! Prints each step's time, the rates, and the process's peak resident memory (VmHWM)
//! after each step.

use app::domain::{Email, Scope, StaffRole};
use app::model::convocations::PrepareForm;
use app::model::documents::DocumentKind;
use app::server::Clock;
use app::server::entities::{convocation_batch, convocation_schedule, document};
use app::server::identity::Staff;
use app::server::ids::StaffId;
use app::server::jobs::Runner;
use app::server::services::convocations::{batches::Announcer, prepare};
use app::server::services::documents::{data, listing};
use measure::{memory_kb, percentile};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Set,
    Statement,
};
use server::documents::Render;
use std::sync::Arc;
use std::time::{Duration, Instant};

#[path = "support/generated.rs"]
mod generated;
#[path = "support/measure.rs"]
mod measure;
#[path = "support/state.rs"]
mod state;

type Error = Box<dyn std::error::Error + Send + Sync>;

fn peak() -> String {
    format!("{} MB", memory_kb("VmHWM:") / 1024)
}

/// Registers `wanted` generated candidates for `offer` (one candidature each, with its
/// version 1 as the documents read it).
async fn fill(db: &sea_orm::DatabaseConnection, offer: i32, wanted: usize) -> Result<(), Error> {
    let mut n = 0;
    while n < wanted {
        let batch = (wanted - n).min(500);
        let rows: Vec<generated::Candidate> = (n..n + batch)
            .map(|i| generated::Candidate {
                email: format!("convoque{i}@example.fr"),
                birth_name: format!("MARTIN{i}"),
                first_names: "Jeanne".into(),
                search_name: format!("martin{i} jeanne"),
                number: format!("{:010}", 2_000_000_000 + i),
                offer: i64::from(offer),
            })
            .collect();
        generated::insert(db, &rows).await?;
        db.execute_raw(Statement::from_string(
            db.get_database_backend(),
            format!(
                "INSERT INTO candidature_versions (candidature_id, version, answers, identity, saved_at, idempotency_key) \
                 SELECT c.id, 1, c.answers, '{{\"civility\":\"Madame\",\"birth_name\":\"MARTIN\",\"usage_name\":\"\",\"first_names\":\"Jeanne\",\"birth_date\":\"01/01/1990\",\"birth_country\":\"FRANCE\",\"birth_departement\":\"075 - PARIS\",\"birth_commune\":\"Paris\",\"email\":\"x@example.fr\"}}', c.created_at, c.id \
                 FROM candidatures c WHERE c.offer_id = {offer} AND NOT EXISTS (SELECT 1 FROM candidature_versions v WHERE v.candidature_id = c.id)"
            ),
        ))
        .await?;
        n += batch;
    }
    Ok(())
}

/// Waits until `done` says so, looking every 200 ms; the held clock moves as time passes
/// (the jobs' back-offs and looks again are due by it), far from the batch's instant.
async fn until<F, Fut>(clock: &Clock, what: &str, mut done: F) -> Result<Duration, Error>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<bool, Error>>,
{
    let started = Instant::now();
    while !done().await? {
        if started.elapsed() > Duration::from_secs(3600) {
            return Err(format!("{what}: still not done after an hour").into());
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
        clock.advance(chrono::Duration::milliseconds(200));
    }
    Ok(started.elapsed())
}

async fn bench(url: &str, candidates: usize, singles: usize) -> Result<(), Error> {
    let now = chrono::Utc::now();
    let clock = Clock::manual(now);
    let state = state::on(url, clock.clone()).await?;
    let db = &state.db;
    app::server::demo::load_if_empty(db, state.tz, now).await?;
    let offer: i32 = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT o.id FROM offers o JOIN specialities s ON s.id = o.speciality_id \
             JOIN academies a ON a.id = o.academy_id WHERE s.code = 'ARTS-CINEMA' AND a.code = 'VERSAILLES'",
        ))
        .await?
        .ok_or("no offer")?
        .try_get_by_index(0)?;
    let filled = Instant::now();
    fill(db, offer, candidates).await?;
    println!(
        "registered {candidates} candidates in {:.1} s",
        filled.elapsed().as_secs_f64()
    );
    for (code, hour) in [("010", 7), ("020", 12)] {
        convocation_schedule::ActiveModel {
            offer_id: Set(offer),
            epreuve_code: Set(code.into()),
            starts_at: Set(now + chrono::Duration::days(60) + chrono::Duration::hours(hour)),
            duration_minutes: Set(150),
            place: Set("Lycée Hoche\n73 avenue de Saint-Cloud\n78000 Versailles".into()),
            instructions: Set("Calculatrice interdite.".into()),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    let staff = Staff {
        id: StaffId::new(uuid::Uuid::new_v4()),
        email: Email::parse("bench@ac-versailles.fr")?,
        role: StaffRole::Gestionnaire,
        scope: Scope::All,
    };
    let instant = now + chrono::Duration::hours(1);
    let typed = app::domain::LocalDateTime::from_utc(instant, state.tz).to_string();
    let prepared = Instant::now();
    let p = prepare::prepare(
        &state,
        &staff,
        &PrepareForm {
            offer,
            selection: "tous".into(),
            numbers: String::new(),
            when: "le".into(),
            publish_at: typed,
        },
    )
    .await
    .map_err(|e| format!("{e:?}"))?;
    println!(
        "prepare: {} convocations in {:.2} s ({} unchanged); peak {}",
        p.published,
        prepared.elapsed().as_secs_f64(),
        p.unchanged,
        peak()
    );
    let batch = convocation_batch::Entity::find()
        .filter(convocation_batch::Column::OfferId.eq(offer))
        .one(db)
        .await?
        .ok_or("no batch")?;
    // The batch's instant as stored (whole minutes).
    let instant = batch.publish_at;

    let typst: Arc<dyn Render> = Arc::new(server::documents::Typst::new());
    let runner = Runner::new(state.clone())
        .with(server::documents::job::Renderer(Arc::clone(&typst)))
        .with(server::documents::batch_files::BatchFiles)
        .with(Announcer)
        .start();
    let total = u64::from(p.published);
    let rendering = until(&clock, "rendering", || async {
        let done = document::Entity::find()
            .filter(document::Column::BatchId.eq(batch.id))
            .filter(document::Column::RenderedAt.is_not_null())
            .count(db)
            .await?;
        Ok(done == total)
    })
    .await?;
    let rate = total as f64 / rendering.as_secs_f64();
    println!(
        "rendered: {total} in {:.1} s = {rate:.1} convocations/s; peak {}",
        rendering.as_secs_f64(),
        peak()
    );
    let files = until(&clock, "files", || async {
        Ok(convocation_batch::Entity::find_by_id(batch.id)
            .one(db)
            .await?
            .is_some_and(|b| b.files_at.is_some()))
    })
    .await?;
    let print = state
        .files
        .open(&app::server::services::convocations::files::print_key(
            batch.id,
        ))
        .await?
        .meta
        .size;
    let zip = state
        .files
        .open(&app::server::services::convocations::files::zip_key(
            batch.id,
        ))
        .await?
        .meta
        .size;
    println!(
        "files: printable PDF {:.1} MB and ZIP {:.1} MB, {:.1} s after the last PDF; peak {}",
        print as f64 / 1e6,
        zip as f64 / 1e6,
        files.as_secs_f64(),
        peak()
    );

    // The same document rendered alone, in the same process.
    let first = document::Entity::find()
        .filter(document::Column::BatchId.eq(batch.id))
        .one(db)
        .await?
        .ok_or("no document")?;
    let assembled = Instant::now();
    for _ in 0..singles {
        data::data(&state, &first)
            .await
            .map_err(|e| format!("{e:?}"))?;
    }
    println!(
        "a convocation's data read from the database: {:.2} ms each",
        assembled.elapsed().as_secs_f64() * 1000.0 / singles as f64
    );
    let data = data::data(&state, &first)
        .await
        .map_err(|e| format!("{e:?}"))?;
    let single = {
        let typst = Arc::clone(&typst);
        tokio::task::spawn_blocking(move || {
            let started = Instant::now();
            let mut each = Vec::with_capacity(singles);
            for _ in 0..singles {
                let one = Instant::now();
                typst
                    .render(DocumentKind::Convocation, &data)
                    .map_err(|e| e.to_string())?;
                each.push(one.elapsed().as_secs_f64() * 1000.0);
            }
            each.sort_by(f64::total_cmp);
            Ok::<_, String>((started.elapsed(), percentile(&each, 0.5)))
        })
        .await??
    };
    let (single, p50) = single;
    let single_rate = singles as f64 / single.as_secs_f64();
    println!(
        "single renders: {singles} in {:.2} s = {single_rate:.1}/s (p50 {p50:.1} ms); batch / single = {:.2}",
        single.as_secs_f64(),
        rate / single_rate
    );

    // The embargo.
    let visible = |at: chrono::DateTime<chrono::Utc>| async move {
        document::Entity::find()
            .filter(document::Column::BatchId.eq(batch.id))
            .filter(listing::visible(at))
            .count(db)
            .await
    };
    let to = |t: chrono::DateTime<chrono::Utc>| {
        clock.advance(t - clock.now());
    };
    to(instant - chrono::Duration::seconds(1));
    println!(
        "one second before the instant: {} visible",
        visible(clock.now()).await?
    );
    to(instant);
    let seen = Instant::now();
    let count = visible(clock.now()).await?;
    println!(
        "at the instant: {count} visible, counted in {:.1} ms",
        seen.elapsed().as_secs_f64() * 1000.0
    );
    state.jobs.wake(app::server::jobs::JobKind::Convocation);
    let mailed = until(&clock, "mails", || async {
        Ok(convocation_batch::Entity::find_by_id(batch.id)
            .one(db)
            .await?
            .is_some_and(|b| b.mailed_at.is_some()))
    })
    .await?;
    println!(
        "mails: {total} queued {:.1} s after the instant (the runner looks every 5 s at most); peak {}",
        mailed.as_secs_f64(),
        peak()
    );
    runner.stop(Duration::from_secs(5)).await;
    Ok(())
}

#[tokio::main]
async fn main() -> Result<(), Error> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(url), Some(n)) = (args.get(1), args.get(2).and_then(|n| n.parse().ok())) else {
        eprintln!("convocation_bench <database-url> <candidates> [single-renders]");
        std::process::exit(2);
    };
    let singles = args.get(3).and_then(|n| n.parse().ok()).unwrap_or(200);
    bench(url, n, singles).await
}
