//! Document rendering (BENCHMARKS.md): the guide's récapitulatif rendered to PDF by the
//! portal's Typst renderer, in process.
//!
//! `render_bench warm <renders>`: one thread renders the same récapitulatif again and again
//! after a first, cold rendering; prints renders/s, p50, p95 and max (ms), and the cold time.
//! `render_bench concurrent <documents>`: renders that many documents at once (one thread
//! each) and prints the peak resident memory of the process before and after (VmHWM).
//! `render_bench sample <kind> <file.pdf>`: writes the guide's example as a document of
//! `kind` (confirmation, recapitulatif, demande_pieces, relance_pieces, convocation), to
//! look at a template.

use app::model::documents::DocumentKind;
use measure::{memory_kb, percentile};
use server::documents::sample::guide_example;
use server::documents::{Render, Typst};
use std::time::Instant;

#[path = "support/measure.rs"]
mod measure;

fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().collect();
    let mode = args.get(1).map_or("warm", String::as_str);
    let n: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(200);
    // `sample` takes a kind, not a count.
    let data = guide_example(DocumentKind::Recapitulatif, "TALU Jean");
    let started = Instant::now();
    let typst = Typst::new();
    let fonts_ms = started.elapsed().as_secs_f64() * 1e3;
    match mode {
        "warm" => {
            let t = Instant::now();
            let first = typst.render(DocumentKind::Recapitulatif, &data)?;
            let cold_ms = t.elapsed().as_secs_f64() * 1e3;
            let mut times = Vec::with_capacity(n);
            let all = Instant::now();
            for _ in 0..n {
                let t = Instant::now();
                let pdf = typst.render(DocumentKind::Recapitulatif, &data)?;
                times.push(t.elapsed().as_secs_f64() * 1e3);
                assert!(pdf.len() > 1000);
            }
            let per_second = n as f64 / all.elapsed().as_secs_f64();
            times.sort_by(f64::total_cmp);
            println!(
                "typst renders={n} per_s={per_second:.1} p50_ms={:.2} p95_ms={:.2} max_ms={:.2} cold_ms={cold_ms:.1} fonts_ms={fonts_ms:.1} pdf_bytes={}",
                percentile(&times, 0.5),
                percentile(&times, 0.95),
                times.last().copied().unwrap_or(0.0),
                first.len()
            );
        }
        "concurrent" => {
            typst.render(DocumentKind::Recapitulatif, &data)?;
            let before = memory_kb("VmHWM:");
            let typst = std::sync::Arc::new(typst);
            let t = Instant::now();
            let threads: Vec<_> = (0..n)
                .map(|i| {
                    let typst = std::sync::Arc::clone(&typst);
                    let data = guide_example(DocumentKind::Recapitulatif, &format!("CANDIDAT {i}"));
                    std::thread::spawn(move || typst.render(DocumentKind::Recapitulatif, &data))
                })
                .collect();
            for thread in threads {
                thread.join().map_err(|_| "a rendering panicked")??;
            }
            println!(
                "typst concurrent={n} seconds={:.2} peak_before_mb={:.0} peak_after_mb={:.0}",
                t.elapsed().as_secs_f64(),
                before as f64 / 1024.0,
                memory_kb("VmHWM:") as f64 / 1024.0
            );
        }
        "sample" => {
            let kind = args.get(2).and_then(|k| DocumentKind::parse(k)).ok_or(
                "a kind: confirmation, recapitulatif, demande_pieces, relance_pieces, convocation",
            )?;
            let file = args.get(3).ok_or("a file name")?;
            let pdf = typst.render(kind, &guide_example(kind, "TALU Jean"))?;
            std::fs::write(file, pdf).map_err(|e| e.to_string())?;
        }
        other => return Err(format!("unknown mode {other} (warm | concurrent | sample)")),
    }
    Ok(())
}
