//! Shared by `tests/aeb.rs` and `benches/aeb.rs`: the aeb-dev benchmark pages, their ground
//! truth, the peers' outputs, and Lede's run over them.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use lede::metric::{self, PageScore, Summary};
use lede::{analyse, article_text, html, visible_text, Config, Mode};

/// `../shared/bench/aeb-dev`, beside the repository; panics with a clear message when missing.
pub fn aeb_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/bench/aeb-dev");
    assert!(
        dir.join("ground-truth.json").is_file() && dir.join("html").is_dir(),
        "the aeb-dev benchmark is missing: expected ground-truth.json and html/ in {} \
         (the shared/ folder must sit beside the repository)",
        dir.display()
    );
    dir
}

/// `{id: articleBody}` from a ground-truth or tool output file; a file may wrap its map as
/// `{"version": ..., "output": {...}}`. A missing or null `articleBody` reads as "".
pub fn read_bodies(path: &Path) -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let v: serde_json::Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()));
    let map = match v.get("output") {
        Some(o) if v.get("version").is_some() && o.is_object() => o,
        _ => &v,
    };
    let obj = map.as_object().unwrap_or_else(|| panic!("{}: expected a JSON object of pages", path.display()));
    obj.iter()
        .map(|(id, page)| {
            let body = page.get("articleBody").and_then(|b| b.as_str()).unwrap_or("").to_string();
            (id.clone(), body)
        })
        .collect()
}

pub fn ground_truth() -> BTreeMap<String, String> {
    read_bodies(&aeb_dir().join("ground-truth.json"))
}

/// The page `html/<id>.html.gz`, gunzipped.
pub fn page_html(id: &str) -> Vec<u8> {
    let path = aeb_dir().join("html").join(format!("{id}.html.gz"));
    lede::html::read_page(&path).unwrap_or_else(|e| panic!("{e}"))
}

/// Scores predicted bodies against the truth, page by page (a page missing from `predicted`
/// counts as an empty prediction).
pub fn score_all(truth: &BTreeMap<String, String>, predicted: &BTreeMap<String, String>) -> (Summary, Vec<(String, PageScore)>) {
    let per_page: Vec<(String, PageScore)> = truth
        .iter()
        .map(|(id, t)| (id.clone(), metric::score(predicted.get(id).map(String::as_str).unwrap_or(""), t)))
        .collect();
    let scores: Vec<PageScore> = per_page.iter().map(|(_, s)| *s).collect();
    (metric::summarise(&scores), per_page)
}

pub fn page_f1(s: &PageScore) -> f64 {
    let (p, r) = (s.precision(), s.recall());
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

/// Lede's output on one page.
pub struct Run {
    pub id: String,
    /// Focus-mode `article_text`: what `lede extract` prints.
    pub focus_article: String,
    pub focus_title: String,
    /// Clean-mode `visible_text`.
    pub clean_visible: String,
}

/// Runs Lede on every page of the truth, on all cores. Panics (naming the page) on an error.
pub fn run_lede(truth: &BTreeMap<String, String>) -> Vec<Run> {
    let ids: Vec<&String> = truth.keys().collect();
    let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1).min(8);
    let chunk = ids.len().div_ceil(threads).max(1);
    let mut runs: Vec<Run> = std::thread::scope(|s| {
        let handles: Vec<_> = ids
            .chunks(chunk)
            .map(|part| s.spawn(move || part.iter().map(|id| run_page(id)).collect::<Vec<_>>()))
            .collect();
        handles.into_iter().flat_map(|h| h.join().expect("a page panicked")).collect()
    });
    runs.sort_by(|a, b| a.id.cmp(&b.id));
    runs
}

pub fn run_page(id: &str) -> Run {
    let bytes = page_html(id);
    let snap = html::parse(&bytes).unwrap_or_else(|e| panic!("page {id}: html::parse: {e}"));
    let focus = analyse(&snap, &Config::new().with_mode(Mode::Focus)).unwrap_or_else(|e| panic!("page {id}: analyse (focus): {e}"));
    let clean = analyse(&snap, &Config::new().with_mode(Mode::Clean)).unwrap_or_else(|e| panic!("page {id}: analyse (clean): {e}"));
    Run {
        id: id.to_string(),
        focus_article: article_text(&snap, &focus),
        focus_title: focus.title.clone(),
        clean_visible: visible_text(&snap, &clean),
    }
}

/// The gate's floors, from `tests/gate/floors.json`.
pub struct Floors {
    pub focus_f1: f64,
    pub focus_recall: f64,
    pub clean_recall_mean: f64,
    pub clean_recall_min: f64,
}

pub fn floors() -> Floors {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/gate/floors.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let v: serde_json::Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let get = |k: &str| v.get(k).and_then(|x| x.as_f64()).unwrap_or_else(|| panic!("{}: no number {k:?}", path.display()));
    Floors {
        focus_f1: get("focus_f1"),
        focus_recall: get("focus_recall"),
        clean_recall_mean: get("clean_recall_mean"),
        clean_recall_min: get("clean_recall_min"),
    }
}
