//! What the benchmark examples measure the same way: the process's memory and percentiles.
//! Included by each example with `#[path = "support/measure.rs"] mod measure;`.

/// A field of `/proc/self/status` in KiB (`VmRSS:` now, `VmHWM:` the peak); 0 elsewhere.
pub fn memory_kb(field: &str) -> u64 {
    process_memory_kb("self", field)
}

/// The same field of another process (`/proc/<pid>/status`).
pub fn process_memory_kb(pid: &str, field: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(field))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse().ok())
        })
        .unwrap_or(0)
}

/// The `p` percentile (0 to 1) of `sorted`, the nearest rank.
pub fn percentile(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}
