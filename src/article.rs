//! Where the article is: the element that holds the most prose for the least clutter, and the
//! headline.

use crate::classify::tokens::{has_article_hint, has_negative_hint};
use crate::config::{ARTICLE_HINT_BONUS, CLUTTER_WEIGHT, MIN_TITLE_OVERLAP, NEGATIVE_HINT_FACTOR};
use crate::features::Features;
use crate::snapshot::{NodeId, Snapshot};
use crate::text;

/// Prose (chars) a page needs before it is said to have an article at all.
pub const MIN_ARTICLE_PROSE_CHARS: u32 = 150;

/// The node maximising prose − CLUTTER_WEIGHT × other text, with the hints applied.
pub fn find_root(snap: &Snapshot, f: &Features) -> Option<NodeId> {
    let best = candidates(snap, f).into_iter().max_by(|a, b| a.0.total_cmp(&b.0));
    let (_, root) = best?;
    (f.sentences[root as usize] >= MIN_ARTICLE_PROSE_CHARS).then_some(root)
}

/// Every element holding prose, with its score (for `find_root`, and for explaining it).
pub fn candidates(snap: &Snapshot, f: &Features) -> Vec<(f32, NodeId)> {
    let mut out = Vec::new();
    for (i, node) in snap.nodes.iter().enumerate() {
        if node.is_text() || f.page_hidden[i] || f.sentences[i] == 0 {
            continue;
        }
        let prose = f.sentences[i] as f32;
        let other = (f.chars[i] - f.sentences[i].min(f.chars[i])) as f32;
        let cw: f32 = std::env::var("LEDE_CW").ok().and_then(|v| v.parse().ok()).unwrap_or(CLUTTER_WEIGHT);
        let mut score = prose - cw * other;
        if has_article_hint(node) {
            score += ARTICLE_HINT_BONUS * prose;
        }
        if score > 0.0 && has_negative_hint(node) {
            score *= NEGATIVE_HINT_FACTOR;
        }
        out.push((score, i as NodeId));
    }
    out
}

/// The headline element: the heading whose words best match the page's title, preferring
/// `<h1>`, then the one nearest before the article.
pub fn find_title(snap: &Snapshot, f: &Features, root: Option<NodeId>, block_text: &[String]) -> Option<NodeId> {
    let page_title = if snap.og_title.is_empty() { &snap.title } else { &snap.og_title };
    let title_words = text::words(page_title);
    let mut best: Option<(f32, NodeId)> = None;
    for (i, node) in snap.nodes.iter().enumerate() {
        let level = match node.tag.as_str() {
            "h1" => 3.0,
            "h2" => 2.0,
            "h3" => 1.0,
            _ => continue,
        };
        if f.page_hidden[i] || f.chars[i] == 0 {
            continue;
        }
        let heading = text::subtree_text(snap, f, i as NodeId, |_| false, block_text);
        let words = text::words(&heading);
        let overlap = if title_words.is_empty() { 0.0 } else { text::overlap(&words, &title_words) };
        if overlap < MIN_TITLE_OVERLAP && !(title_words.is_empty() && level == 3.0) {
            continue;
        }
        // Before the article (or at its top) beats after it: related teasers repeat titles too.
        let placed = match root {
            Some(r) if (i as NodeId) < f.end[r as usize] => 1.0,
            _ => 0.0,
        };
        let score = overlap * 10.0 + level + placed;
        if best.is_none_or(|(s, _)| score > s) {
            best = Some((score, i as NodeId));
        }
    }
    best.map(|(_, n)| n)
}
