//! Text as a reader sees it: block elements on their own lines, hidden parts left out.

use crate::features::Features;
use crate::snapshot::{NodeId, Snapshot};

/// The visible text of the subtree of `root`, one line per block; `hidden(n)` skips a subtree.
pub fn subtree_text(
    snap: &Snapshot,
    f: &Features,
    root: NodeId,
    hidden: impl Fn(NodeId) -> bool,
    _block_text: &[String],
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
            out.push_str(&node.text);
        } else if node.tag == "br" {
            out.push('\n');
        }
        i += 1;
    }
    tidy_lines(&out)
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
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || matches!(c, '\u{0300}'..='\u{036f}')
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
    for w in s.split(|c: char| !is_word_char(c)).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in w.chars() {
            out.extend(c.to_lowercase());
        }
    }
    out
}
