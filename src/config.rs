//! Every threshold of the analysis, named, with why it has its value, and the run-time options.
//!
//! Evidence: "gate" means the aeb-dev run of `cargo bench --bench aeb` (F1, clean-mode recall);
//! "seed-NNN" names the fixture in `tests/fixtures/` that a value exists for.

use serde::{Deserialize, Serialize};

/// Characters (non-space) a text block needs to count as article prose. Below it are labels,
/// buttons, bylines. Gate: 25 keeps short one-sentence paragraphs of wire copy.
pub const MIN_PARAGRAPH_CHARS: usize = 25;
/// A prose block with more link text than this share is a teaser, not a paragraph (0–1 ratio).
pub const MAX_PARAGRAPH_LINK_DENSITY: f32 = 0.4;
/// Beyond this link density a block is navigation even when punctuated; below it, its non-link
/// text still speaks for the article around it (lists whose items start with a linked headline).
pub const MAX_SENTENCE_LINK_DENSITY: f32 = 0.75;
/// A block this long counts as prose even without sentence punctuation (languages without it,
/// punctuation-free captions).
pub const LONG_PARAGRAPH_CHARS: usize = 80;
/// How much a character of non-prose text costs a candidate article root, against one of prose.
/// 0.5 lets a root carry half as much clutter as prose before its parent wins. Gate.
pub const CLUTTER_WEIGHT: f32 = 0.5;
/// Score bonus (share of its prose) for a node that names itself the article
/// (`<article>`, `itemprop=articleBody`, class tokens like `article-body`).
pub const ARTICLE_HINT_BONUS: f32 = 0.25;
/// Score factor for a node whose class/id says comments, sidebar or related links.
pub const NEGATIVE_HINT_FACTOR: f32 = 0.3;
/// A clutter container inside the article is hidden only while the article prose in it stays
/// below this share of the article's prose: a "share" class on the body wrapper must not hide it,
/// a titled donation appeal or disclaimer at its foot may go. Gate: 0.15 → 0.35, +0.0008 F1.
pub const MAX_PROSE_SHARE_IN_CLUTTER: f32 = 0.35;
/// A heading that titles a clutter block ("Most popular stories") is at most this many chars.
pub const MAX_TITLE_CHARS: usize = 60;
/// Blocks shorter than this (chars) are not checked for repeats: "Share", "0", "Read more".
pub const MIN_DUPLICATE_CHARS: usize = 20;
/// A run of repeated blocks is hidden only when it starts at most this many blocks after the
/// end of what it repeats (an ad label or a caption may sit between). seed-000 prints its body
/// twice in a row; aeb-dev's meal plans and product lists repeat lines far apart, as content.
pub const MAX_DUPLICATE_GAP_BLOCKS: usize = 3;
/// Near-duplicates: share of 4-word shingles two paragraphs must have in common (Jaccard).
/// 0.8 catches a reworded word or two in a 30-word paragraph; different paragraphs of one
/// story share well under 0.2.
pub const NEAR_DUPLICATE_JACCARD: f32 = 0.8;
/// Paragraphs shorter than this (words) are only matched exactly.
pub const NEAR_DUPLICATE_MIN_WORDS: usize = 12;
/// Link density above which a block inside the article is navigation, not text (focus mode).
pub const MAX_BLOCK_LINK_DENSITY: f32 = 0.6;
/// The title node: a heading whose words overlap the page title this much (0–1).
pub const MIN_TITLE_OVERLAP: f32 = 0.6;

/// Which clutter is hidden.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// Hide clutter; keep the site's header, navigation and everything else.
    #[default]
    Clean,
    /// Hide all but the article: headline, standfirst, body and its pictures (bylines, dates and
    /// captions go, except the lead picture's caption).
    Focus,
}

/// Limits that protect the reader's browser from pathological pages. When one is hit the plan
/// says `limit_exceeded` and hides nothing.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct Limits {
    /// Nodes in a snapshot. Default 300,000: the biggest aeb-dev page has about 20,000.
    pub max_nodes: usize,
    /// Text in a snapshot, bytes. Default 20 MB.
    pub max_text_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { max_nodes: 300_000, max_text_bytes: 20 << 20 }
    }
}

/// Options of one analysis.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct Config {
    pub mode: Mode,
    pub limits: Limits,
}

impl Config {
    pub fn new() -> Self {
        Self::default()
    }
    pub fn with_mode(mut self, mode: Mode) -> Self {
        self.mode = mode;
        self
    }
}
