//! Names the clutter: walks the page top-down and hides the highest element each rule in
//! [`rules::RULES`] matches, never the article itself.

pub mod rules;
pub mod tokens;
pub mod vocab;

use crate::config::{Mode, MAX_BLOCK_LINK_DENSITY, MAX_PROSE_SHARE_IN_CLUTTER, MAX_TITLE_CHARS};
use crate::features::{is_heading_tag, Features};
use crate::plan::{Op, Reason};
use crate::snapshot::{NodeId, Snapshot};
use crate::text::{contains, normalise_into};
use vocab::*;

/// Labels ("Advertisement · Scroll to continue", "XS SM MD LG") are at most this long (chars).
const MAX_LABEL_CHARS: u32 = 40;
/// Largest text (chars) the whole-text rules read; the labels and stubs they look for are short.
const MAX_SMALL_TEXT_CHARS: u32 = 120;
/// Largest subtree (nodes) the whole-text rules walk, so a huge empty wrapper costs nothing.
const MAX_SMALL_TEXT_NODES: u32 = 400;
/// A cookie banner is short; a long block that mentions cookies is a privacy policy.
/// It also asks for something: a paragraph about cookies (the food) does not.
const MAX_COOKIE_BANNER_CHARS: u32 = 800;
/// A copyright line is short.
const MAX_COPYRIGHT_CHARS: u32 = 300;
/// A disclaimer titled as such may be a paragraph or two.
const MAX_DISCLAIMER_CHARS: u32 = 2000;
/// A promo or newsletter box titled as such holds a sentence and a form, not an article.
const MAX_PROMO_CHARS: u32 = 1500;
/// Text besides the network names a share bar may carry ("Share this article:").
const MAX_SHARE_LABEL_CHARS: u32 = 30;
/// Words besides timers and player messages a dead player may show: its video's title.
const MAX_PLAYER_TITLE_WORDS: usize = 16;
/// A newsletter box: a short block with a form that asks for an e-mail address.
const MAX_NEWSLETTER_CHARS: u32 = 600;
/// A donation or subscription appeal is a few sentences.
const MAX_APPEAL_CHARS: u32 = 1000;
/// Link density from which a block titled "Related…" is taken to be a list of links (0–1).
const MIN_LINK_LIST_DENSITY: f32 = 0.25;

/// Everything the rules read, computed once per page.
pub struct Page<'a> {
    pub snap: &'a Snapshot<'a>,
    pub f: &'a Features,
    /// Each block's own inline text (see [`Page::block_text`]): all of them in one string, block
    /// after block, and where each starts (one past the end: where the next starts).
    block_texts: String,
    block_starts: Vec<usize>,
    /// First visible, non-blank text node of each subtree.
    pub first_text: Vec<Option<NodeId>>,
    pub root: Option<NodeId>,
    /// What each element's class, id and data-* names say, read once.
    pub names: Vec<tokens::Names>,
    /// What each short block's text says as a heading that may title a block (`TITLE_*`
    /// bits; 0 for a block too long or without text), read once per block.
    titles: Vec<u8>,
    /// What the text in each subtree mentions (`MENTIONS_*` bits): cheap gates for the rules
    /// that read text.
    mentions: Vec<u8>,
}

impl<'a> Page<'a> {
    pub fn new(snap: &'a Snapshot, f: &'a Features) -> Self {
        let n = snap.nodes.len();
        let (block_texts, block_starts) = block_texts(snap, f);
        let block_text = |b: usize| block_texts.get(block_starts[b]..block_starts[b + 1]).unwrap_or("");
        let mut first_text = vec![None; n];
        for i in (0..n).rev() {
            if snap.nodes[i].is_text() && f.chars[i] > 0 {
                first_text[i] = Some(i as NodeId);
            }
            if let (Some(p), Some(t)) = (snap.nodes[i].parent, first_text[i]) {
                first_text[p as usize] = Some(t);
            }
        }
        let names = tokens::Names::read_all(snap);
        let mut normal = String::new();
        let titles = (0..n)
            .map(|b| {
                let chars = f.block_chars[b] as usize;
                if !(f.is_block[b] && chars > 0 && chars <= MAX_TITLE_CHARS) {
                    return 0;
                }
                normalise_into(block_text(b), &mut normal);
                title_bits(&normal)
            })
            .collect();
        let mut mentions: Vec<u8> = snap.nodes.iter().map(|node| if node.is_text() { mentions_of(&node.text) } else { 0 }).collect();
        for i in (1..n).rev() {
            if let Some(p) = snap.nodes[i].parent {
                mentions[p as usize] |= mentions[i];
            }
        }
        Page { snap, f, block_texts, block_starts, first_text, root: None, names, titles, mentions }
    }

    /// A block's own inline text: its visible text nodes that no nested block holds, joined.
    pub fn block_text(&self, b: usize) -> &str {
        self.block_texts.get(self.block_starts[b]..self.block_starts[b + 1]).unwrap_or("")
    }

    fn is_root_or_ancestor(&self, n: NodeId) -> bool {
        self.root.is_some_and(|r| self.f.contains(n, r))
    }


    /// Article prose inside `n` is too much to hide it.
    pub(crate) fn holds_article(&self, n: NodeId) -> bool {
        match self.root {
            Some(r) if self.f.contains(r, n) => {
                self.f.prose[n as usize] as f32 > MAX_PROSE_SHARE_IN_CLUTTER * self.f.prose[r as usize] as f32
            }
            _ => false,
        }
    }

    /// The whole visible text of a short subtree, words only, lower case; `None` when long.
    fn small_text(&self, n: NodeId, max_chars: u32) -> Option<String> {
        let (f, nu) = (self.f, n as usize);
        if f.chars[nu] > max_chars || f.end[nu] - n > MAX_SMALL_TEXT_NODES.max(max_chars) {
            return None;
        }
        // The words of every visible text node, one space between them, in one buffer, sized up
        // front for ASCII text (`chars` counts the non-space chars; a space at most after each).
        let mut text = String::with_capacity(2 * f.chars[nu] as usize);
        for i in n..f.end[nu] {
            let node = &self.snap.nodes[i as usize];
            if node.is_text() && !f.page_hidden[i as usize] {
                push_words(&node.text, &mut text);
            }
        }
        // `str::to_lowercase` reads the context of a Greek capital sigma; ASCII needs none.
        if text.is_ascii() {
            text.make_ascii_lowercase();
            Some(text)
        } else {
            Some(text.to_lowercase())
        }
    }

    /// The first block in `n`, when it is short enough to be a heading, with what its text
    /// says (`TITLE_*` bits).
    fn title_of(&self, n: NodeId) -> Option<(NodeId, u8)> {
        let t = self.first_text[n as usize]?;
        let b = self.f.block_of[t as usize];
        if !self.f.contains(n, b) && b != n {
            // The first text sits in an inline run directly under n: n is the block.
            return None;
        }
        if self.f.block_chars[b as usize] as usize > MAX_TITLE_CHARS {
            return None;
        }
        let title = self.titles[b as usize];
        (title & TITLE_SHORT != 0).then_some((b, title))
    }

    fn next_sibling(&self, n: NodeId) -> Option<NodeId> {
        let parent = self.snap.nodes[n as usize].parent?;
        let next = self.f.end[n as usize];
        (next < self.f.end[parent as usize]).then_some(next)
    }
}

/// Appends the words of `text` to `out`, one space before each (but at the start of `out`).
fn push_words(text: &str, out: &mut String) {
    let mut push = |w: &str| {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    };
    if !text.is_ascii() {
        text.split_whitespace().for_each(push);
        return;
    }
    // Most text: split by bytes, no UTF-8 decoding. ASCII's `char::is_whitespace` is
    // `u8::is_ascii_whitespace` and the vertical tab.
    let (bytes, mut i) = (text.as_bytes(), 0);
    let is_space = |b: u8| b.is_ascii_whitespace() || b == 0x0b;
    while i < bytes.len() {
        if is_space(bytes[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && !is_space(bytes[i]) {
            i += 1;
        }
        push(&text[start..i]);
    }
}

/// Every block's own text in one string, block after block (a counting sort of the visible
/// text nodes by their block: one allocation, not one per block), and where each block's starts.
fn block_texts(snap: &Snapshot, f: &Features) -> (String, Vec<usize>) {
    let n = snap.nodes.len();
    let visible_text = |i: usize| snap.nodes[i].is_text() && !f.page_hidden[i];
    let mut starts = vec![0usize; n + 1];
    for i in (0..n).filter(|&i| visible_text(i)) {
        starts[f.block_of[i] as usize + 1] += snap.nodes[i].text.len();
    }
    for b in 0..n {
        starts[b + 1] += starts[b];
    }
    // Each block's bytes go where its next text node belongs.
    let mut bytes = vec![0u8; starts[n]];
    let mut next = starts.clone();
    for i in (0..n).filter(|&i| visible_text(i)) {
        let (b, text) = (f.block_of[i] as usize, snap.nodes[i].text.as_bytes());
        let at = next[b];
        bytes[at..at + text.len()].copy_from_slice(text);
        next[b] += text.len();
    }
    // Whole strings joined at their boundaries: valid UTF-8, checked once.
    (String::from_utf8(bytes).unwrap_or_default(), starts)
}

/// A short block with text: it may title the block it opens.
const TITLE_SHORT: u8 = 1;
/// Its text, digits left out, is a comments title ("Comments (12)").
const TITLE_COMMENTS: u8 = 2;
/// It starts with a link-list title ("Most popular").
const TITLE_LINK_LIST: u8 = 4;
const TITLE_PROMO: u8 = 8;
const TITLE_NEWSLETTER: u8 = 16;

/// What a short block's normalised text says as a title (`TITLE_*` bits).
fn title_bits(title: &str) -> u8 {
    let no_digits = if title.bytes().any(|b| b.is_ascii_digit()) {
        std::borrow::Cow::Owned(title.chars().filter(|c| !c.is_ascii_digit()).collect::<String>())
    } else {
        std::borrow::Cow::Borrowed(title)
    };
    let mut bits = TITLE_SHORT;
    if equals_any(no_digits.trim(), COMMENTS_TITLES) {
        bits |= TITLE_COMMENTS;
    }
    // Only the phrases that start with the title's first byte can start it.
    let Some(first) = title.as_bytes().first() else { return bits };
    let phrases = title_phrases();
    let from = phrases.partition_point(|(p, _)| p.as_bytes().first() < Some(first));
    for (p, bit) in phrases[from..].iter().take_while(|(p, _)| p.as_bytes().first() == Some(first)) {
        if bits & bit == 0 && starts_with_phrase(title, p) {
            bits |= bit;
        }
    }
    bits
}

/// The phrases that title a block as clutter, each with its `TITLE_*` bit, sorted (built once).
fn title_phrases() -> &'static [(&'static str, u8)] {
    static PHRASES: std::sync::OnceLock<Vec<(&'static str, u8)>> = std::sync::OnceLock::new();
    PHRASES.get_or_init(|| {
        let groups = [(LINK_LIST_TITLES, TITLE_LINK_LIST), (PROMO_TITLES, TITLE_PROMO), (NEWSLETTER_TITLES, TITLE_NEWSLETTER)];
        let mut phrases: Vec<_> = groups.iter().flat_map(|&(list, bit)| list.iter().map(move |&p| (p, bit))).collect();
        phrases.sort_unstable();
        phrases
    })
}

const MENTIONS_COOKIE: u8 = 1;
const MENTIONS_PLAYER: u8 = 2;
const MENTIONS_LEGAL: u8 = 4;

/// Which text rules a text node could feed, in one pass over its bytes.
fn mentions_of(text: &str) -> u8 {
    const NEEDLES: &[(&[u8], u8)] = &[
        (b"cookie", MENTIONS_COOKIE),
        (b"wait", MENTIONS_PLAYER),
        (b"load", MENTIONS_PLAYER),
        (b"media", MENTIONS_PLAYER),
        (b"video", MENTIONS_PLAYER),
        (b"browser", MENTIONS_PLAYER),
        (b"audio", MENTIONS_PLAYER),
        (b"copyright", MENTIONS_LEGAL),
        (b"rights reserved", MENTIONS_LEGAL),
        (b"disclaimer", MENTIONS_LEGAL),
        ("©".as_bytes(), MENTIONS_LEGAL),
    ];
    /// The bytes a needle starts with, either case: one table lookup rules out most positions
    /// of a page's text (this runs over all of it).
    const STARTS: [bool; 256] = {
        let mut set = [false; 256];
        let mut i = 0;
        while i < NEEDLES.len() {
            let b = NEEDLES[i].0[0];
            set[b as usize] = true;
            set[b.to_ascii_uppercase() as usize] = true;
            i += 1;
        }
        set
    };
    /// The needles' first two bytes (lower case), as a bit set over byte pairs: one lookup
    /// rules out most of the positions left.
    static PAIRS: std::sync::OnceLock<Box<[u64; 1024]>> = std::sync::OnceLock::new();
    let pairs = PAIRS.get_or_init(|| {
        let mut set = Box::new([0u64; 1024]);
        for (needle, _) in NEEDLES {
            let k = (needle[0] as usize) << 8 | needle[1] as usize;
            set[k >> 6] |= 1 << (k & 63);
        }
        set
    });
    let t = text.as_bytes();
    let mut m = if t.contains(&b':') { MENTIONS_PLAYER } else { 0 };
    let Some(last) = t.len().checked_sub(1) else { return m };
    let mut from = 0;
    // Each position where a needle may start (a tight search loop between them).
    while let Some(p) = t[from..last].iter().position(|&c| STARTS[c as usize]) {
        let i = from + p;
        from = i + 1;
        let (a, b) = (t[i].to_ascii_lowercase(), t[i + 1].to_ascii_lowercase());
        let k = (a as usize) << 8 | b as usize;
        if pairs[k >> 6] & (1 << (k & 63)) == 0 {
            continue;
        }
        for (needle, bit) in NEEDLES {
            if m & bit == 0 && needle[1] == b && t.len() - i >= needle.len() && t[i..i + needle.len()].eq_ignore_ascii_case(needle) {
                m |= bit;
            }
        }
    }
    m
}

fn starts_with_any(text: &str, phrases: &[&str]) -> bool {
    // The first byte first: most phrases differ there.
    let Some(&first) = text.as_bytes().first() else { return phrases.contains(&"") };
    phrases.iter().any(|p| p.as_bytes().first() == Some(&first) && starts_with_phrase(text, p))
}

/// `text` starts with `phrase` as whole words (an ASCII phrase may not run on into a word).
fn starts_with_phrase(text: &str, phrase: &str) -> bool {
    text.starts_with(phrase) && text[phrase.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric() || !phrase.is_ascii())
}

fn equals_any(text: &str, phrases: &[&str]) -> bool {
    phrases.contains(&text)
}

/// `0:00`, `02:52`, `1:02:52`.
fn is_timer(token: &str) -> bool {
    let parts: Vec<&str> = token.split(':').collect();
    parts.len() >= 2
        && parts.len() <= 3
        && parts.iter().all(|p| !p.is_empty() && p.len() <= 2 && p.chars().all(|c| c.is_ascii_digit()))
}

/// Only player timers and player messages, or both of them with a few words (the video's
/// title) beside.
fn is_player_remnant(text: &str) -> bool {
    if !text.contains(':') && !MEDIA_PHRASES.iter().any(|p| contains(text, p)) {
        return false;
    }
    let mut rest = text.to_string();
    for p in MEDIA_PHRASES {
        if contains(&rest, p) {
            rest = rest.replace(p, " ");
        }
    }
    let tokens: Vec<&str> = rest.split_whitespace().filter(|t| *t != "/" && *t != "|").collect();
    let removed_phrase = text != rest;
    let timers = tokens.iter().filter(|t| is_timer(t)).count();
    let words = tokens.len() - timers;
    (removed_phrase || timers > 0) && (words == 0 || (removed_phrase && timers > 0 && words <= MAX_PLAYER_TITLE_WORDS))
}

fn is_breakpoint_labels(text: &str) -> bool {
    text.split_whitespace().all(|t| BREAKPOINT_LABELS.contains(&t)) && text.split_whitespace().nth(2).is_some()
}

/// The reason and rule id that hide `n`, if one does.
fn match_rules(page: &Page, n: NodeId) -> Option<(Reason, &'static str)> {
    let (snap, f) = (page.snap, page.f);
    let nu = n as usize;
    let node = &snap.nodes[nu];
    // An inline element inside a paragraph is part of the sentence, whatever its class says.
    if !f.is_block[nu] && f.is_prose(f.block_of[nu]) {
        return None;
    }
    if let Some(reason) = page.names[nu].reason {
        return Some((reason, "class_vocab"));
    }
    if let Some(reason) = tokens::label_reason(node) {
        return Some((reason, "aria_label"));
    }
    // A wrapper's only child has the wrapper's text: the rules below said no to it already.
    let same_as_parent = node.parent.is_some_and(|p| f.chars[p as usize] == f.chars[nu] && !page.is_root_or_ancestor(p));
    let chars = f.chars[nu];
    let reads_text = !same_as_parent
        && chars > 0
        && (chars <= MAX_LABEL_CHARS || (chars <= MAX_SMALL_TEXT_CHARS && page.mentions[nu] & MENTIONS_PLAYER != 0));
    if let Some(text) = reads_text.then(|| page.small_text(n, MAX_SMALL_TEXT_CHARS)).flatten() {
        let label = text.trim_end_matches([':', '.', ' ']);
        if equals_any(label, AD_LABELS) {
            return Some((Reason::Ad, "ad_label"));
        }
        // Every player message names one of the MENTIONS_PLAYER needles, and a timer has a ':'.
        if page.mentions[nu] & MENTIONS_PLAYER != 0 && is_player_remnant(&text) {
            return Some((Reason::MediaRemnant, "player_remnant"));
        }
        if is_breakpoint_labels(&text) {
            return Some((Reason::MediaRemnant, "breakpoint_labels"));
        }
    }
    if !same_as_parent && chars <= MAX_SMALL_TEXT_CHARS && is_share_bar(page, n) {
        return Some((Reason::Social, "share_links"));
    }
    if f.chars[nu] <= MAX_COOKIE_BANNER_CHARS && page.mentions[nu] & MENTIONS_COOKIE != 0 && !same_as_parent {
        if let Some(text) = page.small_text(n, MAX_COOKIE_BANNER_CHARS) {
            if text.contains("cookie") && COOKIE_BANNER_WORDS.iter().any(|w| text.contains(w)) {
                return Some((Reason::Cookie, "cookie_banner"));
            }
        }
    }
    if f.is_block[nu] && page.mentions[nu] & MENTIONS_LEGAL != 0 {
        let first = page.first_text[nu].map(|t| normalise_start(page.block_text(f.block_of[t as usize] as usize)));
        if let Some(first) = &first {
            if f.chars[nu] <= MAX_DISCLAIMER_CHARS && starts_with_any(first, DISCLAIMER_TITLES) {
                return Some((Reason::Disclaimer, "disclaimer_title"));
            }
            let short = f.chars[nu] <= MAX_COPYRIGHT_CHARS;
            if short && (first.contains('©') || first.contains("all rights reserved") || first.contains("copyright")) {
                return Some((Reason::Disclaimer, "copyright_line"));
            }
        }
    }
    if f.is_block[nu] {
        if let Some(reason) = titled_block(page, n) {
            return Some((reason, "titled_block"));
        }
        if is_newsletter_form(page, n) {
            return Some((Reason::Newsletter, "newsletter_form"));
        }
        if is_appeal(page, n) {
            return Some((Reason::Promo, "appeal_box"));
        }
    }
    None
}

/// Lower case and single spaces, punctuation kept (for ©).
fn normalise_start(s: &str) -> String {
    s.split_whitespace().take(12).collect::<Vec<_>>().join(" ").to_lowercase()
}

/// A block whose heading names clutter, with content that agrees.
pub fn titled_block(page: &Page, n: NodeId) -> Option<Reason> {
    let f = page.f;
    let nu = n as usize;
    // One titled unit: a wrapper holding several titled sections is not named by the first.
    if f.plain_headings[nu] > 1 {
        return None;
    }
    let (b, title) = page.title_of(n)?;
    let bare = f.chars[nu] == f.block_chars[b as usize];
    if title & TITLE_COMMENTS != 0 {
        return Some(Reason::Comments);
    }
    if (heading_named_link_list(page, b) || title & TITLE_LINK_LIST != 0) && (bare || f.links[nu] >= 2 || f.headings[nu] >= 3) {
        return Some(Reason::LinkList);
    }
    if f.chars[nu] <= MAX_PROMO_CHARS {
        if title & TITLE_PROMO != 0 {
            return Some(Reason::Promo);
        }
        if title & TITLE_NEWSLETTER != 0 {
            return Some(Reason::Newsletter);
        }
    }
    None
}

/// A heading whose class names a list of links to other stories (`<h3 class="relatedpoststitle">`).
fn heading_named_link_list(page: &Page, b: NodeId) -> bool {
    is_heading_tag(&page.snap.nodes[b as usize].tag) && page.names[b as usize].reason == Some(Reason::LinkList)
}

/// A block that opens with a heading whose class names a list of other stories, and holds
/// links: the list, even when each of its posts is an `<article>` with a paragraph of prose
/// (aeb-dev b3c19dd5: "Você pode gostar..." over six posts, three times the article's prose).
pub fn titled_by_class_as_link_list(page: &Page, n: NodeId) -> bool {
    let f = page.f;
    let nu = n as usize;
    f.plain_headings[nu] <= 1
        && f.links[nu] >= 2
        && page.title_of(n).is_some_and(|(b, _)| b != n && heading_named_link_list(page, b))
}

/// A short titled block with a form whose fields or text ask for an e-mail address.
fn is_newsletter_form(page: &Page, n: NodeId) -> bool {
    let (snap, f) = (page.snap, page.f);
    let nu = n as usize;
    if f.chars[nu] > MAX_NEWSLETTER_CHARS || f.plain_headings[nu] > 1 || f.prose[nu] > MAX_NEWSLETTER_CHARS / 2 {
        return false;
    }
    if f.forms[nu] == 0 || f.end[nu] - n > MAX_SMALL_TEXT_NODES {
        return false;
    }
    let range = n..f.end[nu];
    let asks_mail = |s: &str| {
        let s = s.to_lowercase();
        NEWSLETTER_FORM_WORDS.iter().any(|w| s.contains(w))
    };
    range.clone().any(|i| asks_mail(&snap.nodes[i as usize].label))
        || page.small_text(n, MAX_NEWSLETTER_CHARS).is_some_and(|t| asks_mail(&t))
}

/// A short titled box that asks the reader for money or a subscription and links to where
/// to give it ("A message from …: please support us … Continue").
fn is_appeal(page: &Page, n: NodeId) -> bool {
    let f = page.f;
    let nu = n as usize;
    if f.chars[nu] > MAX_APPEAL_CHARS || f.plain_headings[nu] != 1 || f.links[nu] == 0 || page.title_of(n).is_none() {
        return false;
    }
    page.small_text(n, MAX_APPEAL_CHARS).is_some_and(|t| APPEAL_PHRASES.iter().any(|p| t.contains(p)))
}

/// Two or more links, each named for a social network (by text or aria-label), little else.
fn is_share_bar(page: &Page, n: NodeId) -> bool {
    let (snap, f) = (page.snap, page.f);
    let nu = n as usize;
    if f.links[nu] < 2 || f.chars[nu] - f.link_chars[nu] > MAX_SHARE_LABEL_CHARS || f.end[nu] - n > MAX_SMALL_TEXT_NODES {
        return false;
    }
    let mut i = n;
    while i < f.end[nu] {
        let node = &snap.nodes[i as usize];
        if node.href && !f.page_hidden[i as usize] {
            let Some(text) = page.small_text(i, 40) else { return false };
            let label = node.label.to_lowercase();
            // The whole text is a network's name, or one of its words is a name longer than two letters.
            let named = |s: &str| {
                let s = s.trim();
                SOCIAL_NETWORKS.contains(&s) || s.split(|c: char| !c.is_alphanumeric()).any(|w| w.len() > 2 && SOCIAL_NETWORKS.contains(&w))
            };
            if !(named(&text) || named(&label) || (text.is_empty() && label.is_empty())) {
                return false;
            }
            i = f.end[i as usize];
            continue;
        }
        i += 1;
    }
    true
}

/// Hides what follows a bare clutter title ("Most popular stories" as a heading, its list as
/// the next sibling), up to the next section.
fn titled_siblings(page: &Page, n: NodeId, reason: Reason, ops: &mut Vec<Op>) -> NodeId {
    let f = page.f;
    let mut last = f.end[n as usize];
    let mut cur = page.next_sibling(n);
    while let Some(s) = cur {
        let su = s as usize;
        if page.is_root_or_ancestor(s) || page.holds_article(s) || f.page_hidden[su] {
            break;
        }
        let first_linked = page.first_text[su].is_some_and(|t| f.in_link[t as usize]);
        let starts_new_section = f.plain_headings[su] > 0 && !first_linked;
        if page.snap.nodes[su].is_text() && f.chars[su] == 0 {
            cur = page.next_sibling(s);
            continue;
        }
        let fits = match reason {
            Reason::LinkList => f.link_density(s) >= MIN_LINK_LIST_DENSITY || (f.headings[su] > 0 && first_linked),
            _ => f.chars[su] <= MAX_SMALL_TEXT_CHARS && f.prose[su] == 0,
        };
        if starts_new_section || !fits {
            break;
        }
        ops.push(Op { node: s, reason, rule: "titled_siblings".into() });
        last = f.end[su];
        cur = page.next_sibling(s);
    }
    last
}

/// Every clutter element of the page, highest first, none inside another.
pub fn clutter(page: &Page, mode: Mode) -> Vec<Op> {
    let (snap, f) = (page.snap, page.f);
    let mut ops = Vec::new();
    let mut i: NodeId = 1;
    let n = snap.nodes.len() as NodeId;
    while i < n {
        let iu = i as usize;
        if snap.nodes[iu].is_text() || f.page_hidden[iu] || page.is_root_or_ancestor(i) {
            i += 1;
            continue;
        }
        if let Some((reason, rule)) = match_rules(page, i) {
            let bare_title = rule == "titled_block"
                && page.title_of(i).is_some_and(|(b, _)| f.chars[iu] == f.block_chars[b as usize]);
            // Clean mode reads the article's own flow with more care: a copyright line or a
            // "Read also:" link between its paragraphs is known by its words alone, so it
            // stays until focus mode (aeb-dev: AP credit lines, inline cross-references).
            let words_only = rule == "copyright_line"
                || (bare_title && reason == Reason::LinkList && f.link_density(i) < MIN_LINK_LIST_DENSITY);
            let in_article = page.root.is_some_and(|r| f.contains(r, i));
            if mode == Mode::Clean && in_article && words_only {
                i = f.end[iu];
                continue;
            }
            if !page.holds_article(i) {
                ops.push(Op { node: i, reason, rule: rule.into() });
                i = if bare_title { titled_siblings(page, i, reason, &mut ops) } else { f.end[iu] };
                continue;
            }
        }
        i += 1;
    }
    ops
}

/// Focus mode, inside the article: navigation, forms, asides, the article's own footer (its
/// sources, author box, tags; aeb-dev +0.0007 visible F1, four pages, none worse) and link-heavy
/// blocks.
pub fn is_article_furniture(page: &Page, n: NodeId) -> bool {
    let f = page.f;
    let nu = n as usize;
    let node = &page.snap.nodes[nu];
    if f.chars[nu] == 0 || page.holds_article(n) {
        return false;
    }
    matches!(&*node.tag, "nav" | "aside" | "form" | "button" | "select" | "menu" | "footer")
        || matches!(&*node.role, "navigation" | "complementary" | "contentinfo")
        || (f.is_block[nu] && f.prose[nu] == 0 && f.link_density(n) > MAX_BLOCK_LINK_DENSITY && f.links[nu] >= 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pushed_words_match_split_whitespace() {
        for t in ["", "  ", "a", " Share  this\tarticle:\n", "x\u{b}y\u{c}z\r", "café  au\u{a0}lait", "a b"] {
            let mut out = String::from("pre");
            push_words(t, &mut out);
            let want = std::iter::once("pre").chain(t.split_whitespace()).collect::<Vec<_>>().join(" ");
            assert_eq!(out, want, "{t:?}");
        }
    }

    #[test]
    fn media_phrases_are_longest_first() {
        assert!(MEDIA_PHRASES.windows(2).all(|w| w[0].len() >= w[1].len()));
    }

    #[test]
    fn title_bits_match_each_phrase_list() {
        let groups = [(LINK_LIST_TITLES, TITLE_LINK_LIST), (PROMO_TITLES, TITLE_PROMO), (NEWSLETTER_TITLES, TITLE_NEWSLETTER)];
        let titles = ["most popular", "most popularity", "related stories", "sign up for our newsletter", "newsletter", "popular", "", "x", "相关新闻", "comments 12", "subscribe now"];
        for t in titles {
            let want = groups.iter().filter(|(list, _)| starts_with_any(t, list)).fold(TITLE_SHORT, |a, (_, bit)| a | bit);
            assert_eq!(title_bits(t) & !TITLE_COMMENTS, want, "{t:?}");
        }
        assert_eq!(title_bits("comments 12") & TITLE_COMMENTS, TITLE_COMMENTS);
    }

    #[test]
    fn mentions() {
        assert_eq!(mentions_of("We use Cookies"), MENTIONS_COOKIE);
        assert_eq!(mentions_of("© 2024 All Rights Reserved"), MENTIONS_LEGAL);
        assert_eq!(mentions_of("Loading"), MENTIONS_PLAYER);
        assert_eq!(mentions_of("at 10:30"), MENTIONS_PLAYER);
        assert_eq!(mentions_of("c"), 0);
        assert_eq!(mentions_of(""), 0);
        assert_eq!(mentions_of("a plain sentence"), 0);
    }

    #[test]
    fn player_remnants() {
        assert!(is_player_remnant("0:00 0:02:52 0:00"));
        assert!(is_player_remnant("please wait no media source currently available 0:00 0:02:52 0:00"));
        assert!(is_player_remnant("on moscow streets, russians welcome thaw please wait no media source currently available 0:00 0:02:52 0:00"));
        assert!(!is_player_remnant("share"));
        assert!(!is_player_remnant("the meeting is at 10:30 in istanbul, officials said"));
    }
}
