//! Analyses every page of a folder N times (for profiling).
use std::io::Read;
fn main() {
    let dir = std::env::args().nth(1).expect("dir");
    let snaps: Vec<_> = std::fs::read_dir(dir).expect("dir").map(|e| {
        let raw = std::fs::read(e.expect("e").path()).expect("read");
        let mut bytes = Vec::new();
        flate2::read::GzDecoder::new(raw.as_slice()).read_to_end(&mut bytes).expect("gz");
        lede::html::parse(&bytes).expect("parse")
    }).collect();
    let reps: usize = std::env::var("REPS").ok().and_then(|v| v.parse().ok()).unwrap_or(5);
    for _ in 0..reps {
        for s in &snaps {
            std::hint::black_box(lede::analyse(s, &lede::Config::new().with_mode(lede::Mode::Focus)).ok());
        }
    }
}
