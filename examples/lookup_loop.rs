//! Fingerprints and looks up the history benchmark's pages against its 10k-article history,
//! REPS times (default 5), for `perf stat` / `perf record`: what the background's `lookupJson`
//! does per page. `cargo bench --bench history` with LEDE_HISTORY_OUT=DIR writes the inputs.
//!
//!   cargo run --release --example lookup_loop -- target/history-bench [fingerprint|lookup]
use lede::history::{History, HistoryConfig, ReadRecord};

#[derive(serde::Deserialize)]
struct Query {
    url: String,
    site: String,
    title: String,
    paragraphs: Vec<String>,
}

fn main() {
    let dir = std::path::PathBuf::from(std::env::args().nth(1).expect("dir"));
    let only = std::env::args().nth(2).unwrap_or_default();
    let bytes = std::fs::read(dir.join("history.bin")).expect("history.bin");
    let queries: Vec<Query> =
        serde_json::from_str(&std::fs::read_to_string(dir.join("queries.json")).expect("queries.json")).expect("json");
    let history = History::from_bytes(&bytes, HistoryConfig::default()).expect("load");
    let reps: usize = std::env::var("REPS").ok().and_then(|v| v.parse().ok()).unwrap_or(5);
    let now = 1.9e12;
    let records: Vec<ReadRecord> = queries
        .iter()
        .map(|q| ReadRecord {
            url: q.url.clone(),
            site: q.site.clone(),
            title: q.title.clone(),
            read_at_ms: now,
            fingerprint: lede::fingerprint::article(&q.title, &q.paragraphs),
        })
        .collect();
    for _ in 0..reps {
        for (q, r) in queries.iter().zip(&records) {
            if only != "lookup" {
                std::hint::black_box(lede::fingerprint::article(&q.title, &q.paragraphs));
            }
            if only != "fingerprint" {
                std::hint::black_box(history.lookup(r));
            }
        }
    }
}
