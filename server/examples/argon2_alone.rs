//! The baseline of the sign-in benchmark (`./cyclades bench`): password checks per second
//! with the portal's own hasher (argon2id m=19456 KiB, t=2, p=1, one permit per core) and
//! `CLIENTS` concurrent callers, with no HTTP, session or database around it.
//!
//! `argon2_alone SECONDS CLIENTS`

use app::domain::{Password, PasswordPolicy};
use app::server::services::passwords::Hasher;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let usage = "usage: argon2_alone SECONDS CLIENTS";
    let seconds: u64 = args.next().expect(usage).parse().expect(usage);
    let clients: usize = args.next().expect(usage).parse().expect(usage);
    let cores = std::thread::available_parallelism().map_or(2, std::num::NonZero::get);
    let hasher = Hasher::new(cores, usize::MAX / 2);
    let password =
        Password::parse("Rivière.Bleue7", &PasswordPolicy::default(), &[]).expect("valid");
    let phc: Arc<str> = hasher.hash(&password).await.expect("queue not full").into();
    let done = Arc::new(AtomicU64::new(0));
    let start = Instant::now();
    let end = start + Duration::from_secs(seconds);
    let tasks: Vec<_> = (0..clients)
        .map(|_| {
            let (hasher, phc, done) = (hasher.clone(), phc.clone(), done.clone());
            tokio::spawn(async move {
                while Instant::now() < end {
                    assert!(
                        hasher
                            .verify(Some(&phc), "Rivière.Bleue7")
                            .await
                            .expect("queue not full")
                    );
                    done.fetch_add(1, Ordering::Relaxed);
                }
            })
        })
        .collect();
    for t in tasks {
        t.await.expect("no panic");
    }
    let rate = done.load(Ordering::Relaxed) as f64 / start.elapsed().as_secs_f64();
    println!("{rate:.1}");
}
