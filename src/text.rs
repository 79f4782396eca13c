//! Text as a reader sees it: block elements on their own lines, hidden parts left out.

use crate::features::Features;
use crate::snapshot::{NodeId, Snapshot};

/// The visible text of the subtree of `root`, one line per block; `hidden(n)` skips a subtree.
pub fn subtree_text(
    snap: &Snapshot,
    f: &Features,
    root: NodeId,
    hidden: impl Fn(NodeId) -> bool,
) -> String {
    let mut out = String::new();
    let mut last_block: Option<NodeId> = None;
    let end = f.end[root as usize];
    let mut i = root;
    while i < end {
        let iu = i as usize;
        if f.page_hidden[iu] || hidden(i) {
            i = f.end[iu];
            continue;
        }
        let node = &snap.nodes[iu];
        if node.is_text() {
            let b = f.block_of[iu];
            if last_block.is_some_and(|l| l != b) {
                out.push('\n');
            }
            last_block = Some(b);
            if needs_script_space(out.chars().last(), node.text.chars().next()) {
                out.push(' ');
            }
            out.push_str(&node.text);
        } else if node.tag == "br" {
            out.push('\n');
        }
        i += 1;
    }
    tidy_lines(&out)
}

/// Japanese and Chinese set Latin words in their text with a space around them; where an
/// element boundary (a link, say) stands for that space, plain text needs it back, or the
/// words run together: `ソフト<a>KeePass</a>の` → `ソフト KeePass の`.
fn needs_script_space(before: Option<char>, after: Option<char>) -> bool {
    match (before, after) {
        (Some(a), Some(b)) => (is_cjk(a) && b.is_ascii_alphanumeric()) || (a.is_ascii_alphanumeric() && is_cjk(b)),
        _ => false,
    }
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{ac00}'..='\u{d7af}')
}

/// Trims every line, drops empty ones.
pub fn tidy_lines(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for line in s.lines() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(line);
    }
    out
}

/// A word character in the sense of the Unicode regex `\w`.
/// `haystack.contains(needle)` for short texts (class names, labels, a box's few words): a plain
/// scan, without the searcher `str::contains` sets up for each call (costly in wasm).
pub fn contains(haystack: &str, needle: &str) -> bool {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    let Some((&first, rest)) = n.split_first() else { return true };
    if n.len() > h.len() {
        return false;
    }
    (0..=h.len() - n.len()).any(|i| h[i] == first && h[i + 1..i + n.len()].iter().zip(rest).all(|(a, b)| a == b))
}

pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        // Most text is ASCII: no Unicode table lookup for it.
        return c.is_ascii_alphanumeric() || c == '_';
    }
    c.is_alphanumeric() || matches!(c, '\u{0300}'..='\u{036f}')
}

/// Lower-case words (`\w+` runs).
pub fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !is_word_char(c)).filter(|w| !w.is_empty()).map(|w| w.to_lowercase()).collect()
}

/// Dice overlap of two word lists, 0–1.
pub fn overlap(a: &[String], b: &[String]) -> f32 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let common = a.iter().filter(|w| b.contains(w)).count().min(b.iter().filter(|w| a.contains(w)).count());
    2.0 * common as f32 / (a.len() + b.len()) as f32
}

/// Lower case, words only, single spaces: the key under which two texts count as the same.
pub fn normalise(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    normalise_into(s, &mut out);
    out
}

/// [`normalise`] into a buffer the caller reuses (cleared first).
pub fn normalise_into(s: &str, out: &mut String) {
    out.clear();
    if s.is_ascii() {
        normalise_ascii_into(s, out);
        return;
    }
    // A separator since the last word: the next word starts after a space.
    let mut gap = false;
    for c in s.chars() {
        if !is_word_char(c) {
            gap = true;
            continue;
        }
        if gap && !out.is_empty() {
            out.push(' ');
        }
        gap = false;
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
}

/// [`normalise_into`] for ASCII text (most of it): whole words copied and lower-cased in
/// place, not pushed char by char.
fn normalise_ascii_into(s: &str, out: &mut String) {
    let bytes = s.as_bytes();
    let is_word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let mut i = 0;
    while i < bytes.len() {
        if !is_word(bytes[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && is_word(bytes[i]) {
            i += 1;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        let at = out.len();
        out.push_str(&s[start..i]);
        out[at..].make_ascii_lowercase();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalise_keeps_words_lower_cased_one_space_apart() {
        // The plain definition: `\w+` runs, each character lower-cased, joined by spaces.
        let by_words = |s: &str| {
            let words = s.split(|c: char| !is_word_char(c)).filter(|w| !w.is_empty());
            words.map(|w| w.chars().flat_map(char::to_lowercase).collect::<String>()).collect::<Vec<_>>().join(" ")
        };
        for s in ["", "  ", "Most Popular", "--Read  also:", "ΣΟΦΟΣ λόγος", "İstanbul, Feb. 27", "a_b-c", "e\u{301}té", "日本語 テキスト!"] {
            assert_eq!(normalise(s), by_words(s), "{s:?}");
        }
    }
}
