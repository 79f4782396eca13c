//! Class, id and data-* names split into tokens and matched against the vocabularies.

use super::vocab::CLASS_VOCABS;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::plan::Reason;
use crate::text::contains;

/// A fast hash for the short keys of per-page caches, eight bytes at a step (the Fx hash of
/// rustc). std's SipHash is built for hostile keys; a page can only slow its own analysis,
/// which is bounded anyway.
#[derive(Default)]
pub struct Fnv(u64);

impl Fnv {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7cc1_b727_220a_95);
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().unwrap_or_default()));
        }
        // The last 0–7 bytes as one word, read four, two and one at a time (no copy call).
        let mut rest = chunks.remainder();
        let (mut last, mut shift) = (0u64, 0);
        if let Some((four, r)) = rest.split_first_chunk::<4>() {
            last = u32::from_le_bytes(*four) as u64;
            (rest, shift) = (r, 32);
        }
        if let Some((two, r)) = rest.split_first_chunk::<2>() {
            last |= (u16::from_le_bytes(*two) as u64) << shift;
            (rest, shift) = (r, shift + 16);
        }
        if let Some(&one) = rest.first() {
            last |= (one as u64) << shift;
        }
        self.add(last ^ (bytes.len() as u64) << 56);
    }
    /// `str`'s hash ends with a 0xff byte: one step, not a second `write`.
    fn write_u8(&mut self, byte: u8) {
        self.add(byte as u64);
    }
}
use crate::snapshot::Node;

/// Class/id tokens that name the article body (a bonus when choosing the article root).
const ARTICLE_WORDS: &[&str] = &["article", "story", "post", "entry", "articlebody"];
const ARTICLE_STEMS: &[&str] = &[
    "article-body", "articlebody", "article__body", "article-content", "articlecontent", "story-body",
    "storybody", "post-content", "postcontent", "entry-content", "post-body", "postbody", "article-text",
    "articletext", "story-content", "news-text", "td-post-content", "field-body",
];
/// Tokens that say a candidate root is not the article even when it holds prose.
const NEGATIVE_STEMS: &[&str] = &["comment", "sidebar", "related", "footer", "teaser", "promo", "widget", "disqus", "recommend"];

/// An element's names, split once: each lower-cased token with its sub-words.
struct Tokens(Vec<(String, Vec<String>)>);

impl Tokens {
    /// Class and id tokens, plus data-* attribute names.
    fn of(node: &Node) -> Tokens {
        let originals = node.class.split_ascii_whitespace().chain(node.id.split_ascii_whitespace()).chain(node.data.split_ascii_whitespace());
        Tokens(originals.map(|t| (t.to_ascii_lowercase(), sub_words(t))).collect())
    }

    fn matches(&self, words: &[&str], stems: &[&str]) -> bool {
        self.0.iter().any(|(token, subs)| {
            stems.iter().any(|s| contains(token, s)) || subs.iter().any(|w| words.contains(&w.as_str()))
        })
    }
}

/// Every vocabulary in one table: a word → the bits of the groups naming it, and stems sorted
/// by their first two bytes. Built once; one pass over a token then tests all groups.
struct Matcher {
    words: HashMap<&'static [u8], u32, BuildHasherDefault<Fnv>>,
    /// The words' first two bytes and length: most sub-words need no map lookup.
    word_filter: KeyFilter,
    /// (first two bytes, stem, bits), sorted: the stems that can start at a position are one run.
    stems: Vec<(u16, &'static [u8], u32)>,
    /// The stems' first three bytes: rules out nearly every position of a token before the
    /// run of stems is looked for.
    stem_filter: KeyFilter,
}

/// A set of 4,096 bits over hashed keys: "certainly not" or "maybe", before a real lookup.
struct KeyFilter(Box<[u64; 64]>);

impl KeyFilter {
    fn new() -> Self {
        KeyFilter(Box::new([0; 64]))
    }

    fn bit(key: u32) -> usize {
        (key.wrapping_mul(0x9e37_79b1) >> 20) as usize
    }

    fn insert(&mut self, key: u32) {
        let b = Self::bit(key);
        self.0[b >> 6] |= 1 << (b & 63);
    }

    fn may_contain(&self, key: u32) -> bool {
        let b = Self::bit(key);
        self.0[b >> 6] & (1 << (b & 63)) != 0
    }
}

/// A word's filter key: its first two bytes and its length (words have two bytes or more).
fn word_key(w: &[u8]) -> u32 {
    w[0] as u32 | (w[1] as u32) << 8 | (w.len() as u32) << 16
}

/// A stem's filter key: its first three bytes (stems have three or more).
fn stem_key(s: &[u8]) -> u32 {
    s[0] as u32 | (s[1] as u32) << 8 | (s[2] as u32) << 16
}

impl Matcher {
    /// Bits of every vocabulary one class/id token matches: its sub-words (see [`sub_words`])
    /// as whole words, and stems anywhere in it. `lower` is scratch space, so that reading a
    /// token allocates nothing.
    fn token_mask(&self, token: &str, lower: &mut Vec<u8>) -> u32 {
        lower.clear();
        lower.extend(token.bytes().map(|b| b.to_ascii_lowercase()));
        let mut mask = 0;
        let mut word = |range: std::ops::Range<usize>| {
            let w = &lower[range];
            if w.len() >= 2 && self.word_filter.may_contain(word_key(w)) {
                mask |= self.words.get(w).copied().unwrap_or(0);
            }
        };
        // The sub-words, as byte ranges: what `sub_words` splits, without building strings.
        let mut start = None;
        let mut prev_lower = false;
        for (i, &c) in token.as_bytes().iter().enumerate() {
            if !c.is_ascii_alphanumeric() {
                if let Some(s) = start.take() {
                    word(s..i);
                }
                prev_lower = false;
                continue;
            }
            if c.is_ascii_uppercase() && prev_lower {
                if let Some(s) = start.replace(i) {
                    word(s..i);
                }
            }
            start.get_or_insert(i);
            prev_lower = c.is_ascii_lowercase();
        }
        if let Some(s) = start {
            word(s..lower.len());
        }
        for i in 0..lower.len().saturating_sub(2) {
            if !self.stem_filter.may_contain(stem_key(&lower[i..])) {
                continue;
            }
            let pair = u16::from_be_bytes([lower[i], lower[i + 1]]);
            let from = self.stems.partition_point(|s| s.0 < pair);
            for (_, stem, bits) in self.stems[from..].iter().take_while(|s| s.0 == pair) {
                if mask & bits != *bits && lower[i..].starts_with(stem) {
                    mask |= bits;
                }
            }
        }
        mask
    }
}

const ARTICLE_BIT: u32 = 1 << 30;
const OVERLAY_BIT: u32 = 1 << 28;
/// Class/id words of boxes laid over the page (cookie settings, sign-in, galleries): never the article.
const OVERLAY_WORDS: &[&str] = &["modal", "popup", "overlay", "lightbox", "dialog"];
const NEGATIVE_BIT: u32 = 1 << 29;
const CAPTION_BIT: u32 = 1 << 27;

fn matcher() -> &'static Matcher {
    static MATCHER: std::sync::OnceLock<Matcher> = std::sync::OnceLock::new();
    MATCHER.get_or_init(|| {
        let mut m = Matcher { words: Default::default(), word_filter: KeyFilter::new(), stems: Vec::new(), stem_filter: KeyFilter::new() };
        let groups = CLASS_VOCABS
            .iter()
            .enumerate()
            .map(|(i, v)| (1u32 << i, v.words, v.stems))
            .chain([
                (ARTICLE_BIT, ARTICLE_WORDS, ARTICLE_STEMS),
                (NEGATIVE_BIT, &[][..], NEGATIVE_STEMS),
                (OVERLAY_BIT, OVERLAY_WORDS, &[][..]),
                (CAPTION_BIT, CAPTION_WORDS, CAPTION_STEMS),
            ]);
        for (bit, words, stems) in groups {
            // Words have two bytes or more and stems three or more (a test checks): the
            // filters' keys cover them.
            for w in words {
                *m.words.entry(w.as_bytes()).or_default() |= bit;
                m.word_filter.insert(word_key(w.as_bytes()));
            }
            for s in stems {
                let bytes = s.as_bytes();
                m.stem_filter.insert(stem_key(bytes));
                match m.stems.iter_mut().find(|(_, b, _)| *b == bytes) {
                    Some((_, _, bits)) => *bits |= bit,
                    None => m.stems.push((u16::from_be_bytes([bytes[0], bytes[1]]), bytes, bit)),
                }
            }
        }
        m.stems.sort_unstable();
        m
    })
}

/// Splits a token at `-`, `_` and camelCase humps, lower-cased: `relatedArticles__list` →
/// related, articles, list.
fn sub_words(original: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    for c in original.chars() {
        if !c.is_ascii_alphanumeric() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            prev_lower = false;
            continue;
        }
        if c.is_ascii_uppercase() && prev_lower && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        prev_lower = c.is_ascii_lowercase();
        cur.push(c.to_ascii_lowercase());
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn matches(node: &Node, words: &[&str], stems: &[&str]) -> bool {
    Tokens::of(node).matches(words, stems)
}

/// Elements per distinct class string (or token) to size the caches for: pages repeat their
/// class names, so this many elements bring about one new string.
const DISTINCT_PER_ELEMENTS: usize = 2;

/// What an element's names say, read once per analysis.
#[derive(Debug, Clone, Copy, Default)]
pub struct Names {
    /// The first clutter vocabulary group the names match.
    pub reason: Option<Reason>,
    /// The element names itself the article.
    pub article: bool,
    /// The element names itself comments, sidebar, related links.
    pub negative: bool,
    /// A box laid over the page: a dialog, modal, popup.
    pub overlay: bool,
    /// A figure, or a caption or photo credit ([`is_caption`]).
    pub caption: bool,
}

impl Names {
    /// Every node's names; pages repeat the same class strings, so each distinct one is read once.
    pub fn read_all<'a>(snap: &'a crate::snapshot::Snapshot) -> Vec<Names> {
        // Whole class (and data) strings first: pages repeat them verbatim, so most elements
        // cost one lookup; a new string is read token by token, each token once.
        let m = matcher();
        let mut lower = Vec::new();
        // Sized up front from the element count: growing step by step rehashes every key so far.
        let elements = snap.nodes.iter().filter(|node| !node.is_text()).count();
        let mut tokens: HashMap<&str, u32, BuildHasherDefault<Fnv>> = HashMap::with_capacity_and_hasher(elements / DISTINCT_PER_ELEMENTS, Default::default());
        let mut strings: HashMap<&str, u32, BuildHasherDefault<Fnv>> = HashMap::with_capacity_and_hasher(elements / DISTINCT_PER_ELEMENTS, Default::default());
        let mut mask_of = |s: &'a str, whole: bool| -> u32 {
            let mut read = |s: &'a str| {
                s.split_ascii_whitespace()
                    .map(|t| *tokens.entry(t).or_insert_with(|| m.token_mask(t, &mut lower)))
                    .fold(0, |a, b| a | b)
            };
            match s {
                "" => 0,
                s if whole => *strings.entry(s).or_insert_with(|| read(s)),
                s => read(s),
            }
        };
        snap.nodes
            .iter()
            .map(|node| {
                if node.is_text() {
                    return Names::default();
                }
                let mask = mask_of(&node.class, true) | mask_of(&node.id, false) | mask_of(&node.data, true);
                Names::from_mask(node, mask)
            })
            .collect()
    }

    pub fn read(node: &Node) -> Names {
        if node.is_text() {
            return Names::default();
        }
        let (m, mut lower) = (matcher(), Vec::new());
        let mask = [&node.class, &node.id, &node.data]
            .iter()
            .flat_map(|s| s.split_ascii_whitespace())
            .fold(0, |mask, t| mask | m.token_mask(t, &mut lower));
        Names::from_mask(node, mask)
    }

    fn from_mask(node: &Node, mask: u32) -> Names {
        Names {
            reason: CLASS_VOCABS.iter().enumerate().find(|(i, _)| mask & (1 << i) != 0).map(|(_, v)| v.reason),
            article: is_article_tag(node) || mask & ARTICLE_BIT != 0,
            negative: is_aside(node) || mask & NEGATIVE_BIT != 0,
            overlay: node.tag == "dialog" || matches!(&*node.role, "dialog" | "alertdialog") || mask & OVERLAY_BIT != 0,
            caption: is_figure_tag(node) || mask & CAPTION_BIT != 0,
        }
    }
}

/// The first vocabulary group the node's names match.
pub fn class_reason(node: &Node) -> Option<Reason> {
    if node.class.is_empty() && node.id.is_empty() && node.data.is_empty() {
        return None;
    }
    Names::read(node).reason
}

/// Figures and their captions and credits.
pub fn is_caption(node: &Node) -> bool {
    is_figure_tag(node) || matches(node, CAPTION_WORDS, CAPTION_STEMS)
}

fn is_figure_tag(node: &Node) -> bool {
    matches!(&*node.tag, "figure" | "figcaption")
}

const CAPTION_WORDS: &[&str] = &["caption", "credit", "credits", "figcaption"];
const CAPTION_STEMS: &[&str] = &["caption", "photo-credit", "image-credit", "imagecredit"];

fn is_article_tag(node: &Node) -> bool {
    node.tag == "article" || node.tag == "main" || node.itemprop.eq_ignore_ascii_case("articleBody")
}

fn is_aside(node: &Node) -> bool {
    node.tag == "aside" || node.role == "complementary"
}

pub fn has_article_hint(node: &Node) -> bool {
    is_article_tag(node) || matches(node, ARTICLE_WORDS, ARTICLE_STEMS)
}

pub fn has_negative_hint(node: &Node) -> bool {
    is_aside(node) || matches(node, &[], NEGATIVE_STEMS)
}

/// What `role` and `aria-label` say.
pub fn label_reason(node: &Node) -> Option<Reason> {
    let label = node.label.to_lowercase();
    let label = label.trim();
    if !label.is_empty() {
        if label.contains("breadcrumb") || label.starts_with("skip") {
            return Some(Reason::Chrome);
        }
        if label.starts_with("advertisement") || label == "ad" || label == "ads" {
            return Some(Reason::Ad);
        }
        if label.starts_with("share") || label.starts_with("social") {
            return Some(Reason::Social);
        }
        if label.starts_with("comments") {
            return Some(Reason::Comments);
        }
        if label.contains("cookie") {
            return Some(Reason::Cookie);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(class: &str) -> Node<'_> {
        Node { tag: "div".into(), class: class.into(), ..Node::default() }
    }

    #[test]
    fn words_and_stems_are_long_enough_for_the_filters() {
        let stems = CLASS_VOCABS.iter().flat_map(|v| v.stems).chain(ARTICLE_STEMS).chain(NEGATIVE_STEMS).chain(CAPTION_STEMS);
        for s in stems {
            assert!(s.len() >= 3, "stem {s:?} is too short for the stem filter");
        }
        let words = CLASS_VOCABS.iter().flat_map(|v| v.words).chain(ARTICLE_WORDS).chain(OVERLAY_WORDS).chain(CAPTION_WORDS);
        for w in words {
            assert!(w.len() >= 2, "word {w:?} is too short for the word filter");
        }
    }

    #[test]
    fn token_masks_match_the_sub_word_split() {
        let m = matcher();
        let mut lower = Vec::new();
        for t in ["relatedArticles__list", "AdContainer", "ad-slot", "x", "", "ÄdBox", "fooBAR-baz_9q", "comment-", "aB"] {
            let by_words = sub_words(t).iter().fold(0, |a, w| a | m.words.get(w.as_bytes()).copied().unwrap_or(0));
            let lt = t.to_ascii_lowercase();
            let by_stems = m.stems.iter().map(|(_, s, b)| (s, b)).filter(|(s, _)| contains(&lt, std::str::from_utf8(s).unwrap_or(""))).fold(0, |a, (_, b)| a | b);
            assert_eq!(m.token_mask(t, &mut lower), by_words | by_stems, "{t}");
        }
    }

    #[test]
    fn words_match_whole_sub_tokens_only() {
        assert_eq!(class_reason(&node("ad-slot top")), Some(Reason::Ad));
        assert_eq!(class_reason(&node("site-header shadow")), None);
        assert_eq!(class_reason(&node("relatedArticles")), Some(Reason::LinkList));
        assert_eq!(class_reason(&node("AdContainer")), Some(Reason::Ad));
        assert_eq!(class_reason(&node("headline loaded")), None);
    }
}
