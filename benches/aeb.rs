//! `cargo bench --bench aeb` (or `make bench`): Lede on the aeb-dev pages
//! (`../shared/bench/aeb-dev`) next to the other extractors, and how long it takes.
//!
//! Prints
//! 1. F1, precision and recall of Lede (focus-mode `article_text`) and of every tool in
//!    `aeb-dev/output/*.json`, all scored by `lede::metric`, best F1 first;
//! 2. clean-mode recall (`visible_text` against the article text): mean and worst page;
//! 3. milliseconds per page: `html::parse`, `analyse` (clean and focus) and parse + analyse;
//!    each page runs `LEDE_BENCH_RUNS` times (default 5) and keeps its fastest run; the table
//!    gives the median and the 90th percentile over pages.

#[path = "../tests/common/mod.rs"]
mod common;

use std::collections::BTreeMap;
use std::time::Instant;

use common::{aeb_dir, ground_truth, page_html, read_bodies, run_lede, score_all};
use lede::{analyse, html, Config, Mode};

fn main() {
    let truth = ground_truth();
    let runs_per_page: usize = std::env::var("LEDE_BENCH_RUNS").ok().and_then(|s| s.parse().ok()).unwrap_or(5).max(1);

    // 1. Quality, Lede and the peers.
    let runs = run_lede(&truth);
    let lede_focus: BTreeMap<String, String> = runs.iter().map(|r| (r.id.clone(), r.focus_article.clone())).collect();
    let mut rows = vec![("lede (focus)".to_string(), score_all(&truth, &lede_focus).0)];
    let mut peers: Vec<_> = std::fs::read_dir(aeb_dir().join("output"))
        .expect("aeb-dev/output is readable")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    peers.sort();
    for path in &peers {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        rows.push((name, score_all(&truth, &read_bodies(path)).0));
    }
    rows.sort_by(|a, b| b.1.f1.total_cmp(&a.1.f1));
    println!("aeb-dev: {} pages, scored by lede::metric (4-word shingles, per-page means)\n", truth.len());
    println!("{:<4} {:<24} {:>7} {:>10} {:>7}", "rank", "extractor", "F1", "precision", "recall");
    for (i, (name, s)) in rows.iter().enumerate() {
        let mark = if name.starts_with("lede") { " ◀" } else { "" };
        println!("{:<4} {:<24} {:>7.4} {:>10.4} {:>7.4}{mark}", i + 1, name, s.f1, s.precision, s.recall);
    }

    // 2. Clean mode keeps the article.
    let lede_clean: BTreeMap<String, String> = runs.iter().map(|r| (r.id.clone(), r.clean_visible.clone())).collect();
    let (clean, per_page) = score_all(&truth, &lede_clean);
    let (worst_id, worst) = per_page
        .iter()
        .filter(|(_, s)| s.tp + s.fn_ > 0)
        .map(|(id, s)| (id.as_str(), s.recall()))
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .unwrap_or(("", 1.0));
    println!("\nclean mode, visible text against the article: recall mean {:.4}, min {:.4} ({worst_id})", clean.recall, worst);

    // 3. Speed.
    let mut parse = Vec::new();
    let mut clean_ms = Vec::new();
    let mut focus_ms = Vec::new();
    let mut total = Vec::new();
    let mut bytes_total = 0usize;
    let clean_cfg = Config::new().with_mode(Mode::Clean);
    let focus_cfg = Config::new().with_mode(Mode::Focus);
    for id in truth.keys() {
        let bytes = page_html(id);
        bytes_total += bytes.len();
        let (mut p, mut c, mut f) = (f64::MAX, f64::MAX, f64::MAX);
        for _ in 0..runs_per_page {
            let t = Instant::now();
            let snap = html::parse(&bytes).expect("parse");
            p = p.min(ms(t));
            let t = Instant::now();
            std::hint::black_box(analyse(&snap, &clean_cfg).expect("analyse"));
            c = c.min(ms(t));
            let t = Instant::now();
            std::hint::black_box(analyse(&snap, &focus_cfg).expect("analyse"));
            f = f.min(ms(t));
        }
        parse.push(p);
        clean_ms.push(c);
        focus_ms.push(f);
        total.push(p + c);
    }
    println!(
        "\nms per page ({} pages, {:.0} KB of HTML on average; fastest of {runs_per_page} runs per page)",
        truth.len(),
        bytes_total as f64 / truth.len() as f64 / 1024.0
    );
    println!("{:<28} {:>8} {:>8} {:>8}", "", "median", "p90", "max");
    for (name, xs) in [
        ("html::parse", &mut parse),
        ("analyse, clean mode", &mut clean_ms),
        ("analyse, focus mode", &mut focus_ms),
        ("parse + analyse (clean)", &mut total),
    ] {
        xs.sort_by(f64::total_cmp);
        println!("{:<28} {:>8.2} {:>8.2} {:>8.2}", name, quantile(xs, 0.5), quantile(xs, 0.9), xs[xs.len() - 1]);
    }
}

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1e3
}

/// The q-quantile of sorted values (nearest rank).
fn quantile(sorted: &[f64], q: f64) -> f64 {
    let i = ((sorted.len() as f64 * q).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[i]
}
