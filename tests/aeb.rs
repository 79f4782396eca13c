//! The aeb-dev gate (`../shared/bench/aeb-dev`, 131 news pages with human-checked article text).
//!
//! - focus mode: `article_text` scored with `lede::metric` must reach the F1 and recall floors of
//!   `tests/gate/floors.json`;
//! - clean mode: `visible_text` must keep the article (recall mean and worst page);
//! - `lede::metric` must agree with an independent implementation on two peers' outputs;
//! - `lede extract` on the html folder prints one object with every page.
//!
//! Every test prints its figures (see them with `--nocapture`); the floor tests also list the
//! worst pages. `LEDE_AEB_DUMP=DIR` writes every page's truth, focus and clean texts to DIR.

mod common;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::OnceLock;

use common::{aeb_dir, floors, ground_truth, page_f1, read_bodies, run_lede, score_all, Run};

const PAGES: usize = 131;

/// Lede runs each page once for all the tests of this file.
fn lede_runs() -> &'static (BTreeMap<String, String>, Vec<Run>) {
    static RUNS: OnceLock<(BTreeMap<String, String>, Vec<Run>)> = OnceLock::new();
    RUNS.get_or_init(|| {
        let truth = ground_truth();
        let runs = run_lede(&truth);
        dump(&truth, &runs);
        (truth, runs)
    })
}

/// With `LEDE_AEB_DUMP=DIR`, writes each page's texts there (`<id>.truth.txt`, `<id>.focus.txt`,
/// `<id>.clean.txt`) to diff when tuning.
fn dump(truth: &BTreeMap<String, String>, runs: &[Run]) {
    let Some(dir) = std::env::var_os("LEDE_AEB_DUMP") else { return };
    let dir = std::path::PathBuf::from(dir);
    std::fs::create_dir_all(&dir).expect("creating LEDE_AEB_DUMP");
    for r in runs {
        let t = truth.get(&r.id).map(String::as_str).unwrap_or("");
        for (kind, text) in [("truth", t), ("focus", r.focus_article.as_str()), ("clean", r.clean_visible.as_str())] {
            std::fs::write(dir.join(format!("{}.{kind}.txt", r.id)), text).expect("writing LEDE_AEB_DUMP");
        }
    }
    println!("texts written to {}", dir.display());
}

#[test]
fn aeb_dev_has_every_page() {
    let truth = ground_truth();
    assert_eq!(truth.len(), PAGES, "ground-truth.json should have {PAGES} pages");
    let missing: Vec<&String> =
        truth.keys().filter(|id| !aeb_dir().join("html").join(format!("{id}.html.gz")).is_file()).collect();
    assert!(missing.is_empty(), "pages without html/<id>.html.gz: {missing:?}");
}

#[test]
fn focus_mode_article_text_meets_the_floors() {
    let (truth, runs) = lede_runs();
    let floors = floors();
    let predicted: BTreeMap<String, String> = runs.iter().map(|r| (r.id.clone(), r.focus_article.clone())).collect();
    let (sum, per_page) = score_all(truth, &predicted);

    let mut report = format!(
        "aeb-dev focus mode ({} pages): F1 {:.4}  precision {:.4}  recall {:.4}   (floors: F1 {:.3}, recall {:.3})\n",
        sum.pages, sum.f1, sum.precision, sum.recall, floors.focus_f1, floors.focus_recall
    );
    let mut worst: Vec<_> = per_page.iter().collect();
    worst.sort_by(|a, b| page_f1(&a.1).total_cmp(&page_f1(&b.1)));
    report.push_str("worst pages (F1, precision, recall, true/predicted shingles):\n");
    for (id, s) in worst.iter().take(15) {
        let _ = writeln!(
            report,
            "  {}  F1 {:.3}  P {:.3}  R {:.3}  truth {:>5}  predicted {:>5}",
            id,
            page_f1(s),
            s.precision(),
            s.recall(),
            s.tp + s.fn_,
            s.tp + s.fp
        );
    }
    println!("{report}");

    let mut failed = Vec::new();
    if sum.f1 < floors.focus_f1 {
        failed.push(format!("F1 {:.4} is below the floor {:.3}", sum.f1, floors.focus_f1));
    }
    if sum.recall < floors.focus_recall {
        failed.push(format!("recall {:.4} is below the floor {:.3}", sum.recall, floors.focus_recall));
    }
    assert!(failed.is_empty(), "{} (figures above)", failed.join("; "));
}

#[test]
fn clean_mode_keeps_the_article() {
    let (truth, runs) = lede_runs();
    let floors = floors();
    let predicted: BTreeMap<String, String> = runs.iter().map(|r| (r.id.clone(), r.clean_visible.clone())).collect();
    let (sum, per_page) = score_all(truth, &predicted);
    let mut recalls: Vec<(&String, f64)> =
        per_page.iter().filter(|(_, s)| s.tp + s.fn_ > 0).map(|(id, s)| (id, s.recall())).collect();
    recalls.sort_by(|a, b| a.1.total_cmp(&b.1));
    let min = recalls.first().map(|r| r.1).unwrap_or(1.0);

    let mut report = format!(
        "aeb-dev clean mode ({} pages): recall mean {:.4}, min {:.4}   (floors: mean {:.3}, min {:.3})\n",
        sum.pages, sum.recall, min, floors.clean_recall_mean, floors.clean_recall_min
    );
    report.push_str("lowest recall:\n");
    for (id, r) in recalls.iter().take(10) {
        let _ = writeln!(report, "  {}  recall {:.3}", id, r);
    }
    println!("{report}");

    let mut failed = Vec::new();
    if sum.recall < floors.clean_recall_mean {
        failed.push(format!("mean recall {:.4} is below the floor {:.3}", sum.recall, floors.clean_recall_mean));
    }
    let below: Vec<String> = recalls
        .iter()
        .filter(|(_, r)| *r < floors.clean_recall_min)
        .map(|(id, r)| format!("{} ({r:.3})", id))
        .collect();
    if !below.is_empty() {
        failed.push(format!("pages below recall {:.3}: {}", floors.clean_recall_min, below.join(", ")));
    }
    assert!(failed.is_empty(), "{} (figures above)", failed.join("; "));
}

/// F1 of two peers as an independent (Python) implementation of the metric measured it.
#[test]
fn metric_agrees_with_an_independent_implementation() {
    let truth = ground_truth();
    let mut failed = Vec::new();
    for (tool, want) in [("readability_js", 0.9411), ("trafilatura", 0.9581)] {
        let out = read_bodies(&aeb_dir().join("output").join(format!("{tool}.json")));
        let (sum, _) = score_all(&truth, &out);
        println!("{tool}: F1 {:.4} (independent: {want}), precision {:.4}, recall {:.4}", sum.f1, sum.precision, sum.recall);
        if (sum.f1 - want).abs() > 0.002 {
            failed.push(format!("{tool}: lede::metric gives F1 {:.4}, the independent implementation {want}", sum.f1));
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

#[test]
fn cli_extract_prints_every_page() {
    let html_dir = aeb_dir().join("html");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_lede"))
        .arg("extract")
        .arg(&html_dir)
        .output()
        .expect("running lede extract");
    assert!(
        out.status.success(),
        "lede extract {} failed ({}): {}",
        html_dir.display(),
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).expect("lede extract prints UTF-8");
    assert_eq!(stdout.trim_end().lines().count(), 1, "lede extract should print one JSON object on one line");
    let v: serde_json::Value = serde_json::from_str(&stdout).expect("lede extract prints JSON");
    let obj = v.as_object().expect("lede extract prints a JSON object");
    assert_eq!(obj.len(), PAGES, "one key per page");
    let truth = ground_truth();
    for (id, page) in obj {
        assert!(truth.contains_key(id), "unexpected key {id:?} (keys are page ids: html/<id>.html.gz)");
        assert!(page.get("articleBody").is_some_and(|b| b.is_string()), "{id}: no string articleBody");
        assert!(page.get("title").is_some_and(|t| t.is_string()), "{id}: no string title");
    }
    let empty = obj.values().filter(|p| p["articleBody"].as_str().is_some_and(str::is_empty)).count();
    println!("lede extract: {} pages, {empty} with an empty articleBody", obj.len());
}

#[test]
fn analysis_reads_the_same_paragraphs_as_a_second_pass() {
    // `analyse_and_read` (the extension's one call per page) gives the plan of `analyse` and
    // the paragraphs `article_paragraphs` reads from that plan, on every page in both modes.
    let mut paragraphs = 0;
    for id in ground_truth().keys() {
        let snap = lede::html::parse(&common::page_html(id)).expect("parse");
        for mode in [lede::Mode::Clean, lede::Mode::Focus] {
            let config = lede::Config::new().with_mode(mode);
            let (plan, read) = lede::analyse_and_read(&snap, &config).expect("analyse");
            assert_eq!(plan, lede::analyse(&snap, &config).expect("analyse"), "{id} {mode:?}");
            assert_eq!(read, lede::article_paragraphs(&snap, &plan), "{id} {mode:?}");
            paragraphs += read.len();
        }
    }
    println!("{paragraphs} paragraphs read alike over {PAGES} pages × 2 modes");
    assert!(paragraphs > PAGES * 2 * 5, "the pages have article paragraphs");
}
