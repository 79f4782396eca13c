//! Quick timing: `cargo run --release --example timing DIR`.
use std::io::Read;
use std::time::Instant;

fn main() {
    let dir = std::env::args().nth(1).expect("dir");
    let mut parse = Vec::new();
    let mut analyse = Vec::new();
    for e in std::fs::read_dir(dir).expect("dir") {
        let p = e.expect("entry").path();
        let raw = std::fs::read(&p).expect("read");
        let mut bytes = Vec::new();
        flate2::read::GzDecoder::new(raw.as_slice()).read_to_end(&mut bytes).expect("gz");
        let mut best_p = f64::MAX;
        let mut best_a = f64::MAX;
        for _ in 0..5 {
            let t = Instant::now();
            let snap = lede::html::parse(&bytes).expect("parse");
            let t1 = Instant::now();
            let _ = lede::analyse(&snap, &lede::Config::new().with_mode(lede::Mode::Focus));
            let t2 = Instant::now();
            best_p = best_p.min((t1 - t).as_secs_f64() * 1e3);
            best_a = best_a.min((t2 - t1).as_secs_f64() * 1e3);
        }
        parse.push(best_p);
        analyse.push(best_a);
    }
    parse.sort_by(f64::total_cmp);
    analyse.sort_by(f64::total_cmp);
    let q = |v: &Vec<f64>, x: f64| v[((v.len() - 1) as f64 * x) as usize];
    println!("parse median {:.2} p90 {:.2}; analyse median {:.2} p90 {:.2} max {:.2}", q(&parse, 0.5), q(&parse, 0.9), q(&analyse, 0.5), q(&analyse, 0.9), q(&analyse, 1.0));
}
