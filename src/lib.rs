//! Lede's core: finds the article on a news page and names every piece of clutter around it.
//!
//! # Brief overview
//!
//! The principal function is [`analyse`]: a [`Snapshot`] of a page in, a [`Plan`] out. It runs
//! the pipeline
//!
//! ```text
//! snapshot → features → article → classify → dedup → plan
//! ```
//!
//! - [`Snapshot`]: the page as a flat list of nodes, built by a front end (`html::parse`
//!   natively, `snapshotter.js` in the extension). No DOM is touched here.
//! - `features`: numbers per node (text, link text, prose).
//! - `article`: the element holding the article body, and the headline.
//! - `classify`: clutter by rule (class names, headings, text patterns, structure).
//! - `dedup`: blocks the page repeats.
//! - [`Plan`]: which nodes to hide and why ([`Reason`]), which to keep.
//!
//! The same code runs natively (CLI, tests, benchmark) and as wasm in the browser.

pub mod article;
pub mod classify;
pub mod config;
pub mod dedup;
pub mod error;
pub mod features;
pub mod fingerprint;
pub mod history;
pub mod markup;
pub mod metric;
pub mod packed;
pub mod plan;
pub mod snapshot;
pub mod text;

#[cfg(not(target_arch = "wasm32"))]
pub mod html;
#[cfg(target_arch = "wasm32")]
mod wasm;
#[cfg(all(target_arch = "wasm32", feature = "demo"))]
mod dom;

pub use config::{Config, Limits, Mode};
use config::LONG_PARAGRAPH_CHARS;
pub use error::Error;
pub use plan::{Op, Outcome, Plan, Reason};
pub use snapshot::{Node, NodeId, Snapshot, SCHEMA_VERSION};

use classify::Page;
use features::Features;

/// Text (bytes) between the headline and the article body that focus mode still shows
/// (standfirst, byline, date, lead image caption); beyond it only the headline stays.
const MAX_HEADER_BYTES: usize = 1500;
/// A non-prose block after the body's last paragraph longer than this (chars) is kept in focus
/// mode: a table or list that ends the article, not a tag line.
const MAX_TRAILING_META_CHARS: u32 = 200;

/// Analyses a page. Never panics; a page over the limits gives `Outcome::LimitExceeded`.
pub fn analyse(snap: &Snapshot, config: &Config) -> Result<Plan, Error> {
    Ok(analyse_page(snap, config, false)?.0)
}

/// [`analyse`], and the article paragraphs the plan leaves visible ([`article_paragraphs`]),
/// read from the same measures of the page: the extension wants both for every page, and
/// measuring the page again for the paragraphs cost as much as decoding it.
pub fn analyse_and_read(snap: &Snapshot, config: &Config) -> Result<(Plan, Vec<Paragraph>), Error> {
    analyse_page(snap, config, true)
}

fn analyse_page(snap: &Snapshot, config: &Config, read: bool) -> Result<(Plan, Vec<Paragraph>), Error> {
    snap.validate()?;
    if over_limits(snap, &config.limits) {
        return Ok((Plan::nothing(Outcome::LimitExceeded, config.mode), Vec::new()));
    }
    let f = features::measure(snap);
    let mut page = Page::new(snap, &f);
    let root = article::find_root(&page);
    page.root = root;
    let title_node = article::find_title(snap, &f, root);

    let mut ops = classify::clutter(&page, config.mode);
    let n = snap.nodes.len();
    let mut hidden = mask(&ops, &f, n);

    if config.mode == Mode::Focus {
        if let Some(r) = root {
            let keep = focus_keep(&page, r, title_node, &hidden);
            ops.extend(focus_ops(&page, r, title_node, &keep, &hidden));
            ops.sort_by_key(|op| op.node);
            hidden = mask(&ops, &f, n);
        }
    }

    // Repeats among what is still shown.
    let visible: Vec<bool> = (0..n).map(|i| !hidden[i] && !f.page_hidden[i]).collect();
    ops.extend(dedup::repeats(&page, &visible));
    ops.sort_by_key(|op| op.node);
    // Focus mode hides whole regions that may hold clutter named before: keep the outermost.
    let mut covered_to = 0;
    ops.retain(|op| {
        let inside = op.node < covered_to;
        covered_to = covered_to.max(f.end[op.node as usize]);
        !inside
    });

    let title = title_text(snap, &f, title_node);
    let plan = Plan {
        schema: SCHEMA_VERSION,
        outcome: if root.is_some() { Outcome::Article } else { Outcome::NoArticle },
        mode: config.mode,
        title,
        title_node,
        article: root,
        ops,
    };
    let paragraphs = if read { visible_paragraphs(&page, &plan) } else { Vec::new() };
    Ok((plan, paragraphs))
}

fn over_limits(snap: &Snapshot, limits: &Limits) -> bool {
    snap.nodes.len() > limits.max_nodes
        || snap.nodes.iter().map(|n| n.text.len()).sum::<usize>() > limits.max_text_bytes
}

/// Hidden per node, from ops on subtree roots.
fn mask(ops: &[Op], f: &Features, n: usize) -> Vec<bool> {
    let mut hidden = vec![false; n];
    for op in ops {
        let start = op.node as usize;
        let end = (f.end[start] as usize).min(n);
        hidden[start..end].iter_mut().for_each(|h| *h = true);
    }
    hidden
}

/// Focus mode keeps the headline and what sits between it and the body, when that is short.
fn focus_keep(page: &Page, root: NodeId, title: Option<NodeId>, hidden: &[bool]) -> Vec<NodeId> {
    let Some(t) = title else { return Vec::new() };
    let f = page.f;
    if f.contains(root, t) {
        return Vec::new();
    }
    let mut keep = vec![t];
    if t < root {
        let between: usize = (f.end[t as usize]..root)
            .filter(|&i| page.snap.nodes[i as usize].is_text() && !hidden[i as usize] && !f.page_hidden[i as usize])
            .map(|i| page.snap.nodes[i as usize].text.len())
            .sum();
        if between <= MAX_HEADER_BYTES {
            // Every node between headline and body that is not an ancestor of the body.
            keep.extend((f.end[t as usize]..root).filter(|&i| !f.contains(i, root)));
        }
    }
    keep
}

/// Hides everything outside the body and the kept header, and furniture inside the body.
fn focus_ops(page: &Page, root: NodeId, title: Option<NodeId>, keep: &[NodeId], hidden: &[bool]) -> Vec<Op> {
    let f = page.f;
    let n = page.snap.nodes.len();
    // Nodes on the path to something kept must stay (their other children go).
    let mut on_path = vec![false; n];
    let mut kept = vec![false; n];
    for &k in keep.iter().chain(std::iter::once(&root)) {
        kept[k as usize] = true;
        let mut p = page.snap.nodes[k as usize].parent;
        while let Some(pp) = p {
            if on_path[pp as usize] {
                break;
            }
            on_path[pp as usize] = true;
            p = page.snap.nodes[pp as usize].parent;
        }
    }
    let mut ops = Vec::new();
    let mut i = 0usize;
    while i < n {
        if hidden[i] || f.page_hidden[i] {
            i = f.end[i] as usize;
            continue;
        }
        if kept[i] {
            if i == root as usize {
                ops.extend(body_trim(page, root, title, hidden));
            } else if title != Some(i as NodeId) {
                // Header between headline and body: all of it is before the first paragraph.
                let r = root as usize;
                ops.extend(trim(page, i..f.end[i] as usize, r, r, r, title, hidden));
            }
            i = f.end[i] as usize;
            continue;
        }
        if on_path[i] {
            i += 1;
            continue;
        }
        // Text nodes are left alone: a front end can only hide elements.
        if !page.snap.nodes[i].is_text() {
            ops.push(Op { node: i as NodeId, reason: Reason::Outside, rule: "outside_article".into() });
        }
        i = f.end[i] as usize;
    }
    ops
}

/// Focus mode, inside the body: furniture anywhere, and what has no prose before the first
/// paragraph (bylines, dates, photo credits) or after the last (tags, reprint links).
fn body_trim(page: &Page, root: NodeId, title: Option<NodeId>, hidden: &[bool]) -> Vec<Op> {
    let f = page.f;
    let shown = |j: usize| !hidden[j] && !f.page_hidden[j];
    let range = root as usize + 1..f.end[root as usize] as usize;
    // A paragraph of the body, not a long caption.
    let paragraph = |b: usize| f.prose[b] > 0 && f.is_prose(b as NodeId) && shown(b) && !in_caption(page, b as NodeId, root);
    let first = range.clone().find(|&b| paragraph(b));
    let last = range.clone().rev().find(|&b| paragraph(b));
    let (Some(first), Some(last)) = (first, last) else { return Vec::new() };
    // The lead picture sits before the first long paragraph (a dateline may come first).
    let lead = range.clone().find(|&b| paragraph(b) && f.block_chars[b] as usize >= LONG_PARAGRAPH_CHARS).unwrap_or(first);
    trim(page, range, first, last, lead, title, hidden)
}

/// Focus mode's trims in `range`: furniture anywhere; captions and photo credits from the block
/// `lead` on (the lead picture keeps its caption, like the headline block it belongs to:
/// seed-004; aeb-dev's truth has no captions: keeping the lead ones costs 0.005 visible F1); text
/// without prose before the block `first` or after the block `last`.
fn trim(page: &Page, range: std::ops::Range<usize>, first: usize, last: usize, lead: usize, title: Option<NodeId>, hidden: &[bool]) -> Vec<Op> {
    let f = page.f;
    let nodes = &page.snap.nodes;
    let shown = |j: usize| !hidden[j] && !f.page_hidden[j];
    let mut ops = Vec::new();
    let mut j = range.start;
    while j < range.end {
        if !shown(j) || nodes[j].is_text() {
            j = if nodes[j].is_text() { j + 1 } else { f.end[j] as usize };
            continue;
        }
        let jn = j as NodeId;
        if title.is_some_and(|t| f.contains(jn, t)) {
            j += 1;
            continue;
        }
        let before = (f.end[j] as usize) <= first;
        let after = j >= f.end[last] as usize;
        let rule = if classify::is_article_furniture(page, jn) {
            Some((Reason::Chrome, "article_furniture"))
        } else if is_caption_text(page, jn) && j >= lead {
            Some((Reason::Chrome, "figure_caption"))
        } else if f.chars[j] > 0 && f.prose[j] == 0 && f.media[j] == 0 && nodes[j].tag != "figure" {
            if before {
                Some((Reason::Chrome, "before_first_paragraph"))
            } else if after && f.chars[j] <= MAX_TRAILING_META_CHARS {
                Some((Reason::Chrome, "after_last_paragraph"))
            } else {
                None
            }
        } else {
            None
        };
        if let Some((reason, rule)) = rule {
            ops.push(Op { node: jn, reason, rule: rule.into() });
            j = f.end[j] as usize;
            continue;
        }
        j += 1;
    }
    ops
}

/// `n` or an ancestor below `root` is a figure, caption or credit.
fn in_caption(page: &Page, n: NodeId, root: NodeId) -> bool {
    let mut a = Some(n);
    while let Some(x) = a.filter(|&x| x > root) {
        if page.names[x as usize].caption {
            return true;
        }
        a = page.snap.nodes[x as usize].parent;
    }
    false
}

/// A figure's caption or credit: named so, no picture in it, not the article's prose. (The
/// figure itself stays, with its picture.)
fn is_caption_text(page: &Page, n: NodeId) -> bool {
    let (f, nu) = (page.f, n as usize);
    let node = &page.snap.nodes[nu];
    f.chars[nu] > 0
        && f.media[nu] == 0
        && node.tag != "figure"
        && page.names[nu].caption
        && !page.holds_article(n)
}

fn title_text(snap: &Snapshot, f: &Features, title_node: Option<NodeId>) -> String {
    if let Some(t) = title_node {
        let s = text::subtree_text(snap, f, t, |_| false);
        if !s.is_empty() {
            return s.replace('\n', " ");
        }
    }
    if !snap.og_title.is_empty() {
        snap.og_title.clone()
    } else {
        snap.title.clone()
    }
}

/// What a reader still sees of the page once the plan is applied.
pub fn visible_text(snap: &Snapshot, plan: &Plan) -> String {
    let f = features::measure(snap);
    let hidden = mask(&plan.ops, &f, snap.nodes.len());
    text::subtree_text(snap, &f, 0, |i| hidden[i as usize])
}

/// The article body's text, as `lede extract` prints it: the headline, the standfirst and the
/// lead picture's caption (which focus mode still shows) and all captions are left out.
pub fn article_text(snap: &Snapshot, plan: &Plan) -> String {
    let f = features::measure(snap);
    let mut hidden = mask(&plan.ops, &f, snap.nodes.len());
    if let Some(t) = plan.title_node {
        let t = t as usize;
        hidden[t..f.end[t] as usize].iter_mut().for_each(|h| *h = true);
    }
    let root = plan.article.unwrap_or(0);
    text::subtree_text(snap, &f, root, |i| hidden[i as usize] || classify::tokens::is_caption(&snap.nodes[i as usize]))
}

/// One paragraph of the article body as a reader sees it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Paragraph {
    /// The block element holding it.
    pub node: NodeId,
    pub text: String,
}

/// The article's prose paragraphs that the plan leaves visible, in order (for fingerprints:
/// what the reader actually read): the body's, after those of its header — the short stretch
/// between headline and body that focus mode keeps too (standfirst, dateline, lead caption),
/// which often carries the story's date and place.
pub fn article_paragraphs(snap: &Snapshot, plan: &Plan) -> Vec<Paragraph> {
    let f = features::measure(snap);
    visible_paragraphs(&Page::new(snap, &f), plan)
}

/// [`article_paragraphs`] of a page measured already.
fn visible_paragraphs(page: &Page, plan: &Plan) -> Vec<Paragraph> {
    let f = page.f;
    let hidden = mask(&plan.ops, f, page.snap.nodes.len());
    let Some(root) = plan.article else { return Vec::new() };
    let header = focus_keep(page, root, plan.title_node, &hidden);
    let header_blocks = header.into_iter().filter(|&b| Some(b) != plan.title_node);
    header_blocks
        .chain(root..f.end[root as usize])
        .filter(|&b| f.is_prose(b) && !hidden[b as usize] && !f.page_hidden[b as usize])
        .map(|b| Paragraph { node: b, text: page.block_text(b as usize).trim().to_string() })
        .collect()
}
