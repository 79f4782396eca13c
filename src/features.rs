//! Numbers per node: how much text, how much of it is links, how much is prose. No decisions.
//!
//! Parents come before children in a snapshot, so every measure is one pass down (inherited
//! facts) and one pass up (sums): linear, no recursion, whatever the depth.

use crate::config::{LONG_PARAGRAPH_CHARS, MAX_PARAGRAPH_LINK_DENSITY, MAX_SENTENCE_LINK_DENSITY, MIN_PARAGRAPH_CHARS};
use crate::snapshot::{NodeId, Snapshot};

/// How far up from a paragraph its unit (the wrapper it alone fills) is looked for.
const TEASER_UNIT_LEVELS: usize = 4;
/// Link text (chars) outside the paragraph that makes its unit a teaser: a linked headline.
const TEASER_MIN_LINK_CHARS: u32 = 15;
/// A teaser's summary is a sentence or two; a longer paragraph is an article, even alone.
const TEASER_MAX_CHARS: u32 = 320;
/// Nodes read before a paragraph when looking for its headline link.
const TEASER_MAX_NODES_BEFORE: usize = 200;
/// Blocks that open with a linked headline and go on with a cut-off summary, side by side under
/// one parent, from this many on, are a list of teasers (`<li><a>Headline</a> <span>Summary…</span>`),
/// not paragraphs, when they are also at least half of the parent's sentence blocks. (A
/// listicle's items also open with linked headlines, but their sentences end: aeb-dev fde930b0.)
const TEASER_LIST_MIN_ITEMS: u32 = 3;

/// Elements that start a new line of text: the unit a reader sees as one paragraph.
pub fn is_block_tag(tag: &str) -> bool {
    matches!(
        tag,
        "address" | "article" | "aside" | "blockquote" | "body" | "caption" | "dd" | "details" | "dialog"
            | "div" | "dl" | "dt" | "fieldset" | "figcaption" | "figure" | "footer" | "form" | "h1" | "h2"
            | "h3" | "h4" | "h5" | "h6" | "header" | "hgroup" | "hr" | "li" | "main" | "menu" | "nav"
            | "ol" | "p" | "pre" | "section" | "summary" | "table" | "tbody" | "td" | "tfoot" | "th"
            | "thead" | "tr" | "ul" | "legend" | "center"
    )
}

pub fn is_heading_tag(tag: &str) -> bool {
    matches!(tag, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// Sentence punctuation in the scripts news is written in.
fn is_sentence_punct(c: char) -> bool {
    matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | '。' | '，' | '、' | '！' | '？' | '،' | '؛' | '؟' | '।' | '॥' | '։' | '።')
}

/// Non-space characters and sentence punctuation marks of a text, in one pass.
fn count_text(text: &str) -> (u32, u32) {
    let (mut chars, mut punct) = (0, 0);
    if text.is_ascii() {
        // Most text nodes: bytes are characters, no UTF-8 decoding.
        for &b in text.as_bytes() {
            // `char::is_whitespace` counts the vertical tab too; `u8::is_ascii_whitespace` does not.
            chars += !(b.is_ascii_whitespace() || b == 0x0b) as u32;
            punct += matches!(b, b'.' | b',' | b';' | b':' | b'!' | b'?') as u32;
        }
    } else {
        for c in text.chars() {
            chars += !c.is_whitespace() as u32;
            punct += is_sentence_punct(c) as u32;
        }
    }
    (chars, punct)
}

pub struct Features {
    /// One past the last node of each subtree: the subtree of `n` is `n..end[n]`.
    pub end: Vec<NodeId>,
    /// Hidden by the page itself, or inside such an element.
    pub page_hidden: Vec<bool>,
    /// Inside an `<a href>`.
    pub in_link: Vec<bool>,
    pub is_block: Vec<bool>,
    /// The nearest block ancestor-or-self of each node: the paragraph its text belongs to.
    pub block_of: Vec<NodeId>,
    /// Visible non-space characters in the subtree.
    pub chars: Vec<u32>,
    /// Of those, characters inside links.
    pub link_chars: Vec<u32>,
    /// Characters of prose blocks (see [`Features::is_prose`]) in the subtree.
    pub prose: Vec<u32>,
    /// Characters of sentence text outside links in the subtree: the article-likeness that the
    /// root search maximises. Counts a list item that starts with a linked headline, unlike `prose`.
    pub sentences: Vec<u32>,
    /// For a block: characters of its own inline text (not of nested blocks).
    pub block_chars: Vec<u32>,
    pub block_link_chars: Vec<u32>,
    pub block_punct: Vec<u32>,
    /// Headings in the subtree whose text is mostly not a link: section titles, unlike the
    /// linked headlines of teasers.
    pub plain_headings: Vec<u32>,
    /// Heading elements in the subtree.
    pub headings: Vec<u32>,
    /// Forms in the subtree.
    pub forms: Vec<u32>,
    /// Images, pictures and videos in the subtree.
    pub media: Vec<u32>,
    /// Number of `<a href>` in the subtree.
    pub links: Vec<u32>,
}

impl Features {
    pub fn link_density(&self, n: NodeId) -> f32 {
        ratio(self.link_chars[n as usize], self.chars[n as usize])
    }

    /// Is `d` inside the subtree of `n` (or `n` itself)?
    pub fn contains(&self, n: NodeId, d: NodeId) -> bool {
        d >= n && d < self.end[n as usize]
    }

    /// A block of text a reader would call a paragraph: long enough, not mostly links, and
    /// punctuated like sentences (or long).
    pub fn is_prose(&self, b: NodeId) -> bool {
        let b = b as usize;
        let chars = self.block_chars[b] as usize;
        self.is_block[b]
            && chars >= MIN_PARAGRAPH_CHARS
            && ratio(self.block_link_chars[b], self.block_chars[b]) <= MAX_PARAGRAPH_LINK_DENSITY
            && (self.block_punct[b] > 0 || chars >= LONG_PARAGRAPH_CHARS)
    }
}

impl Features {
    /// A block of sentences, links allowed: its non-link text counts towards the article.
    pub fn is_sentences(&self, b: NodeId) -> bool {
        let b = b as usize;
        let chars = self.block_chars[b] as usize;
        self.is_block[b]
            && chars >= MIN_PARAGRAPH_CHARS
            && ratio(self.block_link_chars[b], self.block_chars[b]) <= MAX_SENTENCE_LINK_DENSITY
            && (self.block_punct[b] > 0 || chars >= LONG_PARAGRAPH_CHARS)
    }
}

pub fn ratio(a: u32, b: u32) -> f32 {
    if b == 0 {
        0.0
    } else {
        a as f32 / b as f32
    }
}

pub fn measure(snap: &Snapshot) -> Features {
    let n = snap.nodes.len();
    let mut f = Features {
        end: (1..=n as NodeId).collect(),
        page_hidden: vec![false; n],
        in_link: vec![false; n],
        is_block: vec![false; n],
        block_of: vec![0; n],
        chars: vec![0; n],
        link_chars: vec![0; n],
        prose: vec![0; n],
        sentences: vec![0; n],
        block_chars: vec![0; n],
        block_link_chars: vec![0; n],
        block_punct: vec![0; n],
        plain_headings: vec![0; n],
        headings: vec![0; n],
        links: vec![0; n],
        media: vec![0; n],
        forms: vec![0; n],
    };

    // Down: inherited facts.
    for (i, node) in snap.nodes.iter().enumerate() {
        let parent = node.parent.map(|p| p as usize);
        let (hidden, link, block) = match parent {
            Some(p) => (f.page_hidden[p], f.in_link[p], f.block_of[p]),
            None => (false, false, 0),
        };
        f.page_hidden[i] = hidden || node.hidden;
        f.in_link[i] = link || node.href;
        f.is_block[i] = !node.is_text() && is_block_tag(&node.tag);
        f.block_of[i] = if f.is_block[i] || parent.is_none() { i as NodeId } else { block };
        if node.is_text() && !f.page_hidden[i] {
            let (chars, punct) = count_text(&node.text);
            f.chars[i] = chars;
            let b = f.block_of[i] as usize;
            f.block_chars[b] += chars;
            f.block_punct[b] += punct;
            if f.in_link[i] {
                f.link_chars[i] = chars;
                f.block_link_chars[b] += chars;
            }
        }
        if node.href && !f.page_hidden[i] {
            f.links[i] = 1;
        }
        if node.tag == "form" {
            f.forms[i] = 1;
        }
        if matches!(&*node.tag, "img" | "picture" | "video" | "audio") {
            f.media[i] = 1;
        }
        if is_heading_tag(&node.tag) {
            f.headings[i] = 1;
        }
    }
    // Sentence blocks per subtree, to find each block's unit (below).
    let mut blocks = vec![0u32; n];
    // Per block: does its own text start inside a link (1) or outside (2)? Does it end with an
    // ellipsis (a summary cut off)?
    let mut first_linked = vec![0u8; n];
    let mut cut_off = vec![false; n];
    for (i, node) in snap.nodes.iter().enumerate() {
        if node.is_text() && f.chars[i] > 0 {
            let b = f.block_of[i] as usize;
            if first_linked[b] == 0 {
                first_linked[b] = if f.in_link[i] { 1 } else { 2 };
            }
            let t = node.text.trim_end();
            cut_off[b] = t.ends_with('…') || t.ends_with("...");
        }
    }
    for i in 0..n {
        if f.is_sentences(i as NodeId) && !f.page_hidden[i] {
            blocks[i] = 1;
        }
    }

    // Up: sums and subtree ends.
    for i in (1..n).rev() {
        // All of i's subtree has been summed by now.
        if f.headings[i] > 0 && is_heading_tag(&snap.nodes[i].tag) && f.link_chars[i] * 2 < f.chars[i] {
            f.plain_headings[i] += 1;
        }
        let Some(p) = snap.nodes[i].parent else { continue };
        let p = p as usize;
        f.end[p] = f.end[p].max(f.end[i]);
        f.chars[p] += f.chars[i];
        f.link_chars[p] += f.link_chars[i];
        f.headings[p] += f.headings[i];
        f.plain_headings[p] += f.plain_headings[i];
        f.links[p] += f.links[i];
        f.media[p] += f.media[i];
        f.forms[p] += f.forms[i];
        blocks[p] += blocks[i];
    }

    // Headline-led blocks and sentence blocks per parent, for teaser lists.
    let headline_led = |i: usize| {
        first_linked[i] == 1
            && cut_off[i]
            && f.block_link_chars[i] >= TEASER_MIN_LINK_CHARS
            && f.block_chars[i] - f.block_link_chars[i] >= MIN_PARAGRAPH_CHARS as u32
            && f.block_chars[i] <= TEASER_MAX_CHARS
    };
    let mut led_children = vec![0u32; n];
    let mut sentence_children = vec![0u32; n];
    for i in 1..n {
        if f.is_block[i] && !f.page_hidden[i] && f.is_sentences(i as NodeId) {
            let p = snap.nodes[i].parent.unwrap_or(0) as usize;
            sentence_children[p] += 1;
            if headline_led(i) {
                led_children[p] += 1;
            }
        }
    }

    // Prose and sentences, teasers excepted, summed up.
    for i in 0..n {
        if blocks[i] == 0 || !f.is_block[i] || f.page_hidden[i] || !f.is_sentences(i as NodeId) {
            continue;
        }
        let p = snap.nodes[i].parent.unwrap_or(0) as usize;
        let in_teaser_list = headline_led(i) && led_children[p] >= TEASER_LIST_MIN_ITEMS && 2 * led_children[p] >= sentence_children[p];
        // A teaser of another story is left out of `prose` and `sentences`.
        if in_teaser_list || is_teaser(snap, &f, &blocks, i) {
            continue;
        }
        f.sentences[i] = f.block_chars[i] - f.block_link_chars[i];
        if f.is_prose(i as NodeId) {
            f.prose[i] = f.block_chars[i];
        }
    }
    for i in (1..n).rev() {
        let Some(p) = snap.nodes[i].parent else { continue };
        let p = p as usize;
        f.prose[p] += f.prose[i];
        f.sentences[p] += f.sentences[i];
    }
    f
}

/// A teaser's summary: the only paragraph of a small unit that also holds a link elsewhere
/// (the linked headline of another story). An article's paragraphs share their container
/// with each other, so their unit is the paragraph itself.
fn is_teaser(snap: &Snapshot, f: &Features, blocks: &[u32], b: usize) -> bool {
    let mut unit = b;
    for _ in 0..TEASER_UNIT_LEVELS {
        match snap.nodes[unit].parent {
            Some(p) if blocks[p as usize] == 1 && p != 0 => unit = p as usize,
            _ => break,
        }
    }
    if unit == b || f.block_chars[b] > TEASER_MAX_CHARS {
        return false;
    }
    // Link text before the paragraph, inside its unit: the headline it summarises.
    let headline: u32 = (unit..b)
        .take(TEASER_MAX_NODES_BEFORE)
        .filter(|&i| snap.nodes[i].is_text() && f.in_link[i])
        .map(|i| f.chars[i])
        .sum();
    headline >= TEASER_MIN_LINK_CHARS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_counts_match_the_char_definitions() {
        for t in ["", " a b\tc\n", "Hello, world. Yes!", "\u{b}x\u{c}", "日本語。テスト、", "é à;", "a\u{a0}b", "?!:;,."] {
            let chars = t.chars().filter(|c| !c.is_whitespace()).count() as u32;
            let punct = t.chars().filter(|&c| is_sentence_punct(c)).count() as u32;
            assert_eq!(count_text(t), (chars, punct), "{t:?}");
        }
    }
}
