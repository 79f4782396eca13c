//! What focus mode leaves visible on aeb-dev, and what each kind of kept text costs:
//! `cargo run --release --example focus [ID...]`.
//!
//! Scores (lede::metric, as the browser test does on `innerText`) the focus-mode visible text,
//! then the same text without one kind of kept text at a time: the headline, the header between
//! headline and body (standfirst, byline, date), figures and captions, and all three (about
//! `article_text`, which `lede extract` prints). A positive ΔF1 means showing that kind costs
//! F1. Then the pages that gain or lose most from each, and the worst pages of the visible text.
//! With IDs, prints those pages' visible texts by kind instead.

#[path = "../tests/common/mod.rs"]
mod common;

use std::collections::BTreeMap;

use common::{ground_truth, page_f1, page_html};
use lede::classify::tokens::is_caption;
use lede::metric::{self, PageScore};
use lede::{analyse, article_text, features, html, text, Config, Mode};

const KINDS: [&str; 8] = ["visible", "-headline", "-header", "-hdr prose", "-hdr other", "-captions", "-hdr -capt", "-all three"];
const K: usize = KINDS.len();

struct Page {
    id: String,
    texts: [String; K],
    article: String,
    parts: Vec<(&'static str, String)>,
}

fn run(id: &str, truth: &str) -> Page {
    let bytes = page_html(id);
    let snap = html::parse(&bytes).expect("parse");
    let plan = analyse(&snap, &Config::new().with_mode(Mode::Focus)).expect("analyse");
    let f = features::measure(&snap);
    let n = snap.nodes.len();
    let mut hidden = vec![false; n];
    for op in &plan.ops {
        let s = op.node as usize;
        hidden[s..f.end[s] as usize].iter_mut().for_each(|h| *h = true);
    }
    let root = plan.article;
    let title = plan.title_node;
    let in_title = |i: u32| title.is_some_and(|t| f.contains(t, i));
    // Header: shown outside the body and outside the headline.
    let in_header = |i: u32| match root {
        Some(r) => !f.contains(r, i) && !f.contains(i, r) && !in_title(i) && !title.is_some_and(|t| f.contains(i, t)),
        None => false,
    };
    // Captions inside the body (not a caption-named wrapper of the body).
    let caption = |i: u32| is_caption(&snap.nodes[i as usize]) && !root.is_some_and(|r| f.contains(i, r));
    let prose_block = |i: u32| f.is_prose(f.block_of[i as usize]);
    let text_without = |skip: &dyn Fn(u32) -> bool| text::subtree_text(&snap, &f, 0, |i| hidden[i as usize] || skip(i));
    let texts = [
        text_without(&|_| false),
        text_without(&|i| in_title(i)),
        text_without(&|i| in_header(i)),
        text_without(&|i| in_header(i) && snap.nodes[i as usize].is_text() && prose_block(i)),
        text_without(&|i| in_header(i) && snap.nodes[i as usize].is_text() && !prose_block(i)),
        text_without(&|i| caption(i)),
        text_without(&|i| in_header(i) || caption(i)),
        text_without(&|i| in_title(i) || in_header(i) || caption(i)),
    ];
    let only = |keep: &dyn Fn(u32) -> bool| {
        // The text of the outermost shown nodes of a kind.
        let mut out = String::new();
        let mut i = 0u32;
        while (i as usize) < n {
            if hidden[i as usize] || f.page_hidden[i as usize] {
                i = f.end[i as usize];
                continue;
            }
            if keep(i) && !snap.nodes[i as usize].is_text() {
                let t = text::subtree_text(&snap, &f, i, |j| hidden[j as usize]);
                if !t.is_empty() {
                    let s = metric::score(&t, truth);
                    out.push_str(&format!("  [in truth {:.2}] <{} class={:?}> {:.300}\n", s.precision(), snap.nodes[i as usize].tag, snap.nodes[i as usize].class, t.replace('\n', " | ")));
                }
                i = f.end[i as usize];
                continue;
            }
            i += 1;
        }
        out
    };
    let parts = vec![
        ("headline", only(&|i| in_title(i))),
        ("header", only(&|i| in_header(i))),
        ("captions", only(&|i| caption(i))),
    ];
    Page { id: id.to_string(), texts, article: article_text(&snap, &plan), parts }
}

fn main() {
    let truth = ground_truth();
    let args: Vec<String> = std::env::args().skip(1).collect();
    if !args.is_empty() {
        for id in &args {
            let p = run(id, truth.get(id).map(String::as_str).unwrap_or(""));
            let t = truth.get(id).map(String::as_str).unwrap_or("");
            for (k, text) in KINDS.iter().zip(&p.texts) {
                let s = metric::score(text, t);
                println!("{id} {k:<11} F1 {:.3} P {:.3} R {:.3}", page_f1(&s), s.precision(), s.recall());
            }
            for (k, text) in &p.parts {
                println!("--- {k}:\n{text}");
            }
        }
        return;
    }
    let ids: Vec<&String> = truth.keys().collect();
    let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    let chunk = ids.len().div_ceil(threads);
    let mut pages: Vec<Page> = std::thread::scope(|s| {
        let truth = &truth;
        let hs: Vec<_> = ids.chunks(chunk).map(|part| s.spawn(move || part.iter().map(|id| run(id, &truth[*id])).collect::<Vec<_>>())).collect();
        hs.into_iter().flat_map(|h| h.join().unwrap()).collect()
    });
    pages.sort_by(|a, b| a.id.cmp(&b.id));

    let scores: Vec<[PageScore; K]> =
        pages.iter().map(|p| std::array::from_fn(|k| metric::score(&p.texts[k], &truth[&p.id]))).collect();
    let art: Vec<PageScore> = pages.iter().map(|p| metric::score(&p.article, &truth[&p.id])).collect();
    let base = metric::summarise(&scores.iter().map(|s| s[0]).collect::<Vec<_>>());
    println!("focus mode on aeb-dev ({} pages), lede::metric:", pages.len());
    for (k, name) in KINDS.iter().enumerate() {
        let s = metric::summarise(&scores.iter().map(|s| s[k]).collect::<Vec<_>>());
        println!("  {name:<11} F1 {:.4}  P {:.4}  R {:.4}   ΔF1 {:+.4}", s.f1, s.precision, s.recall, s.f1 - base.f1);
    }
    let a = metric::summarise(&art);
    println!("  {:<11} F1 {:.4}  P {:.4}  R {:.4}", "article", a.f1, a.precision, a.recall);

    if let Some(path) = std::env::var_os("LEDE_FOCUS_TSV") {
        let rows: String = (0..pages.len())
            .map(|i| format!("{}\t{:.4}\t{:.4}\t{:.4}\t{:.4}\n", pages[i].id, scores[i][0].precision(), scores[i][0].recall(), art[i].precision(), art[i].recall()))
            .collect();
        std::fs::write(path, rows).expect("writing LEDE_FOCUS_TSV");
    }
    let mut by_id: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, p) in pages.iter().enumerate() {
        by_id.insert(&p.id, i);
    }
    for k in 1..K - 1 {
        let mut d: Vec<(f64, f64, usize)> = (0..pages.len())
            .map(|i| (scores[i][k].precision() - scores[i][0].precision(), scores[i][k].recall() - scores[i][0].recall(), i))
            .filter(|(dp, dr, _)| *dp != 0.0 || *dr != 0.0)
            .collect();
        d.sort_by(|a, b| (b.0 + b.1).total_cmp(&(a.0 + a.1)));
        println!("\n{}: {} pages change; most helped (ΔP, ΔR) / most hurt:", KINDS[k], d.len());
        for (dp, dr, i) in d.iter().take(8) {
            println!("  {}  ΔP {:+.3} ΔR {:+.3}", pages[*i].id, dp, dr);
        }
        for (dp, dr, i) in d.iter().rev().take(4).filter(|(dp, dr, _)| dp + dr < 0.0) {
            println!("  hurt {}  ΔP {:+.3} ΔR {:+.3}", pages[*i].id, dp, dr);
        }
    }
    let mut worst: Vec<usize> = (0..pages.len()).collect();
    worst.sort_by(|&a, &b| page_f1(&scores[a][0]).total_cmp(&page_f1(&scores[b][0])));
    println!("\nworst pages, visible text (F1 P R) and without all three:");
    for &i in worst.iter().take(20) {
        let (s, t) = (scores[i][0], scores[i][K - 1]);
        println!(
            "  {}  F1 {:.3} P {:.3} R {:.3}   | {:.3} {:.3} {:.3}  truth {}",
            pages[i].id,
            page_f1(&s),
            s.precision(),
            s.recall(),
            page_f1(&t),
            t.precision(),
            t.recall(),
            s.tp + s.fn_
        );
    }
}
