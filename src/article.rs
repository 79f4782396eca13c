//! Where the article is: the element that holds the most prose for the least clutter, and the
//! headline.

use crate::classify::{titled_block, titled_by_class_as_link_list, Page};
use crate::plan::Reason;
use crate::config::{ARTICLE_HINT_BONUS, CLUTTER_WEIGHT, MIN_TITLE_OVERLAP, NEGATIVE_HINT_FACTOR};
use crate::features::Features;
use crate::snapshot::{NodeId, Snapshot};
use crate::text;

/// Prose (chars) a page needs before it is said to have an article at all.
pub const MIN_ARTICLE_PROSE_CHARS: u32 = 150;

/// A box named as laid over the page (modal, dialog, popup) holds at most this share of the
/// page's text; one holding more is the page's canvas: Drupal wraps every page in
/// `dialog-off-canvas-main-canvas` (aeb-dev dc7ccccc, 833caf3b had no article at all).
pub const MAX_OVERLAY_SHARE: f32 = 0.5;

/// The node maximising prose − CLUTTER_WEIGHT × other text, with the hints applied.
pub fn find_root(page: &Page) -> Option<NodeId> {
    let f = page.f;
    let best = candidates(page).into_iter().max_by(|a, b| a.0.total_cmp(&b.0));
    let (_, root) = best?;
    (f.sentences[root as usize] >= MIN_ARTICLE_PROSE_CHARS).then_some(root)
}

/// Every element holding prose, with its score (for `find_root`, and for explaining it).
pub fn candidates(page: &Page) -> Vec<(f32, NodeId)> {
    let (snap, f) = (page.snap, page.f);
    let sentences = sentences_outside_clutter(page);
    let mut out = Vec::new();
    for (i, node) in snap.nodes.iter().enumerate() {
        if node.is_text() || f.page_hidden[i] || sentences[i] == 0 {
            continue;
        }
        let prose = sentences[i] as f32;
        let other = (f.chars[i] - sentences[i].min(f.chars[i])) as f32;
        let mut score = prose - CLUTTER_WEIGHT * other;
        if page.names[i].article {
            score += ARTICLE_HINT_BONUS * prose;
        }
        if score > 0.0 && page.names[i].negative {
            score *= NEGATIVE_HINT_FACTOR;
        }
        out.push((score, i as NodeId));
    }
    out
}

/// Sentence text per subtree, leaving out what sits in blocks named as comments, as page
/// chrome (print-only headers and footers, author boxes, breadcrumbs: never the story; gate
/// +0.0012 visible F1, ef2b3f26, f8ff621a, 9ebb3af6) or overlays
/// (a cookie-settings modal full of policy prose), in figures and captions (a lead photo's
/// long caption above the body must not pull the root up to a wrapper that also holds the
/// byline; gate +0.0012 F1, fixture focus-caption), or titled as comments or related links: a comment thread below a short post is not the article,
/// however long, nor are teasers that print whole stories under "Related Articles" (seed-002). (Blocks named for ads or
/// related links are not left out: wrappers like `m-advertisement-off-canvas` hold whole
/// pages. Gate: comments +0.004 F1; ads and related links with a size guard, no change.)
fn sentences_outside_clutter(page: &Page) -> Vec<u32> {
    let (snap, f) = (page.snap, page.f);
    let n = snap.nodes.len();
    let mut in_clutter = vec![false; n];
    let mut out = vec![0u32; n];
    for (i, node) in snap.nodes.iter().enumerate() {
        let inherited = node.parent.is_some_and(|p| in_clutter[p as usize]);
        in_clutter[i] = inherited
            || (i > 0
                && !node.is_text()
                && !page.names[i].article
                && (matches!(page.names[i].reason, Some(Reason::Comments | Reason::Chrome))
                    || is_landmark_furniture(node)
                    || (page.names[i].overlay && (f.chars[i] as f32) <= MAX_OVERLAY_SHARE * f.chars[0] as f32)
                    || page.names[i].caption
                    || matches!(titled_block(page, i as NodeId), Some(Reason::Comments | Reason::LinkList)))
                || (i > 0 && !node.is_text() && titled_by_class_as_link_list(page, i as NodeId)));
        if f.is_block[i] && !in_clutter[i] {
            // own sentences only: children add theirs below
            out[i] = own_sentences(f, i);
        }
    }
    for i in (1..n).rev() {
        if let Some(p) = snap.nodes[i].parent {
            out[p as usize] += out[i];
        }
    }
    out
}

/// Page furniture by tag or role: footers, navigation, asides. Their prose (legal notes,
/// teasers) says nothing about where the article is. Gate: +0.00x F1.
fn is_landmark_furniture(node: &crate::snapshot::Node) -> bool {
    matches!(&*node.tag, "footer" | "nav" | "aside")
        || matches!(&*node.role, "contentinfo" | "navigation" | "complementary")
}

/// A block's own sentence text (its subtree total minus its children's).
fn own_sentences(f: &Features, b: usize) -> u32 {
    if f.sentences[b] > 0 && f.is_sentences(b as NodeId) {
        f.block_chars[b] - f.block_link_chars[b]
    } else {
        0
    }
}

/// The headline element: the heading whose words best match the page's title, preferring
/// `<h1>`, then the one nearest before the article.
pub fn find_title(snap: &Snapshot, f: &Features, root: Option<NodeId>) -> Option<NodeId> {
    let page_title = if snap.og_title.is_empty() { &snap.title } else { &snap.og_title };
    let title_words = text::words(page_title);
    let mut best: Option<(f32, NodeId)> = None;
    for (i, node) in snap.nodes.iter().enumerate() {
        let level = match &*node.tag {
            "h1" => 3.0,
            "h2" => 2.0,
            "h3" => 1.0,
            _ => continue,
        };
        if f.page_hidden[i] || f.chars[i] == 0 {
            continue;
        }
        let heading = text::subtree_text(snap, f, i as NodeId, |_| false);
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
