//! Analyses every page of a folder REPS times (default 5), for `perf record` / `perf stat`.
fn main() {
    let dir = std::env::args().nth(1).expect("dir");
    let snaps: Vec<_> = std::fs::read_dir(dir).expect("dir").map(|e| {
        let bytes = lede::html::read_page(&e.expect("entry").path()).expect("read");
        lede::html::parse(&bytes).expect("parse")
    }).collect();
    let reps: usize = std::env::var("REPS").ok().and_then(|v| v.parse().ok()).unwrap_or(5);
    for _ in 0..reps {
        for s in &snaps {
            std::hint::black_box(lede::analyse(s, &lede::Config::new().with_mode(lede::Mode::Focus)).ok());
        }
    }
}
