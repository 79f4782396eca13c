//! Blocks the page repeats: the first showing stays, later ones are hidden, exact repeats
//! first, then near ones (a reworded word or two).

use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::config::{MAX_DUPLICATE_GAP_BLOCKS, MIN_DUPLICATE_CHARS, NEAR_DUPLICATE_JACCARD, NEAR_DUPLICATE_MIN_WORDS};
use crate::fingerprint::SHINGLE_WORDS;
use crate::plan::{Op, Reason};
use crate::snapshot::NodeId;
use crate::classify::Page;
use crate::text::is_word_char;

/// Characters (not spaces) per word of a typical text, to size the shingle index.
const CHARS_PER_WORD: usize = 6;

/// Repeats among the blocks `visible` lets through (those not yet hidden, in the scope of the
/// mode), as hide ops: a container whose visible text is all repeats is hidden whole.
pub fn repeats(page: &Page, visible: &[bool]) -> Vec<Op> {
    let (snap, f) = (page.snap, page.f);
    let n = snap.nodes.len();
    let mut dup: Vec<Option<&'static str>> = vec![None; n];
    let mut original: Vec<usize> = vec![0; n];
    // The maps sized up front for every candidate block and about a shingle per word: growing
    // step by step moves every key so far.
    let candidate = |b: usize| f.is_block[b] && visible[b] && f.block_chars[b] as usize >= MIN_DUPLICATE_CHARS;
    let (blocks, chars) = (0..n).filter(|&b| candidate(b)).fold((0, 0), |(k, c), b| (k + 1, c + f.block_chars[b] as usize));
    let mut seen_exact: HashMap<u64, usize, Hashed> = HashMap::with_capacity_and_hasher(blocks, Hashed::default());
    let mut kept_blocks: Vec<usize> = Vec::new();
    let mut index = ShingleIndex { first: HashMap::with_capacity_and_hasher(chars / CHARS_PER_WORD, Hashed::default()), ..Default::default() };
    let mut kept_sizes: Vec<usize> = Vec::new();
    let mut words = Vec::new();
    let mut sh = Vec::new();

    // Blocks some of whose own text is hidden (a caption span hidden inside a shown wrapper):
    // their text is what is still shown, or a later copy of the hidden part would go too.
    let mut partial = vec![false; n];
    for (i, node) in snap.nodes.iter().enumerate() {
        let b = f.block_of[i] as usize;
        if node.is_text() && !f.page_hidden[i] && !visible[i] && visible[b] {
            partial[b] = true;
        }
    }
    let mut shown_text = String::new();
    for b in 0..n {
        if !candidate(b) {
            continue;
        }
        let text = if partial[b] {
            shown_text.clear();
            for i in b..f.end[b] as usize {
                if visible[i] && f.block_of[i] as usize == b && snap.nodes[i].is_text() {
                    shown_text.push_str(&snap.nodes[i].text);
                }
            }
            shown_text.as_str()
        } else {
            page.block_text(b)
        };
        word_hashes(text, &mut words);
        if words.is_empty() {
            continue;
        }
        let key = words.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, w| mix(h, *w));
        if let Some(&o) = seen_exact.get(&key) {
            dup[b] = Some("repeated_exact");
            original[b] = o;
            continue;
        }
        seen_exact.insert(key, b);
        if words.len() < NEAR_DUPLICATE_MIN_WORDS {
            continue;
        }
        shingles_of(&words, &mut sh);
        let mut shared: HashMap<u32, usize, Hashed> = HashMap::default();
        for &s in &sh {
            index.for_each(s, |k| *shared.entry(k).or_default() += 1);
        }
        let near = shared.iter().find(|(&k, &common)| {
            let union = sh.len() + kept_sizes[k as usize] - common;
            common as f32 >= NEAR_DUPLICATE_JACCARD * union as f32
        });
        if let Some((&k, _)) = near {
            dup[b] = Some("repeated_near");
            original[b] = kept_blocks[k as usize];
            continue;
        }
        let k = kept_sizes.len() as u32;
        kept_sizes.push(sh.len());
        kept_blocks.push(b);
        for &s in &sh {
            index.add(s, k);
        }
    }

    keep_adjacent_runs(page, visible, &original, &mut dup);

    // Visible characters per subtree that are not repeats: a container with none left and
    // some repeats is hidden whole.
    let mut fresh = vec![0u32; n];
    let mut repeated = vec![0u32; n];
    for b in 0..n {
        if visible[b] && f.is_block[b] {
            if dup[b].is_some() {
                repeated[b] = f.block_chars[b];
            } else {
                fresh[b] = f.block_chars[b];
            }
        }
    }
    for i in (1..n).rev() {
        if let Some(p) = snap.nodes[i].parent {
            if visible[i] {
                fresh[p as usize] += fresh[i];
                repeated[p as usize] += repeated[i];
            }
        }
    }
    let mut ops = Vec::new();
    let mut i = 1;
    while i < n {
        if visible[i] && !snap.nodes[i].is_text() && repeated[i] > 0 && fresh[i] == 0 {
            let rule = first_rule(&dup, i as NodeId, f.end[i]).unwrap_or("repeated_exact");
            ops.push(Op { node: i as NodeId, reason: Reason::Duplicate, rule: rule.into() });
            i = f.end[i] as usize;
            continue;
        }
        i += 1;
    }
    ops
}

/// Keeps a repeat only when the page shows it right after what it repeats: a run of repeated
/// blocks that starts within MAX_DUPLICATE_GAP_BLOCKS of the end of its original (a body printed
/// twice, a title shown twice in a row). Lines a page repeats far apart are content: a meal
/// plan's days, the bullet lists of two products.
fn keep_adjacent_runs(page: &Page, visible: &[bool], original: &[usize], dup: &mut [Option<&'static str>]) {
    let f = page.f;
    let blocks: Vec<usize> = (0..dup.len())
        .filter(|&b| f.is_block[b] && visible[b] && f.block_chars[b] > 0)
        .collect();
    // Each block's place in `blocks`.
    let mut position = vec![None; dup.len()];
    for (i, &b) in blocks.iter().enumerate() {
        position[b] = Some(i);
    }
    let mut start = 0;
    while start < blocks.len() {
        if dup[blocks[start]].is_none() {
            start += 1;
            continue;
        }
        let mut end = start;
        while end < blocks.len() && dup[blocks[end]].is_some() {
            end += 1;
        }
        let last_original = position[original[blocks[end - 1]]].unwrap_or(0);
        let adjacent = last_original < start && start - last_original <= MAX_DUPLICATE_GAP_BLOCKS + 1;
        if !adjacent {
            for &b in &blocks[start..end] {
                dup[b] = None;
            }
        }
        start = end;
    }
}

/// Shingle → the kept paragraphs (indices into `kept_blocks`) that have it, in the order they
/// were added. Most shingles are in one paragraph only: the first sits in the map itself, and
/// only a shingle that recurs gets a list for the rest.
#[derive(Default)]
struct ShingleIndex {
    first: HashMap<u64, u32, Hashed>,
    more: HashMap<u64, Vec<u32>, Hashed>,
}

impl ShingleIndex {
    fn add(&mut self, shingle: u64, k: u32) {
        match self.first.entry(shingle) {
            Entry::Vacant(e) => {
                e.insert(k);
            }
            Entry::Occupied(_) => self.more.entry(shingle).or_default().push(k),
        }
    }

    fn for_each(&self, shingle: u64, mut f: impl FnMut(u32)) {
        let Some(&k) = self.first.get(&shingle) else { return };
        f(k);
        if let Some(more) = self.more.get(&shingle) {
            more.iter().for_each(|&k| f(k));
        }
    }
}

/// Keys that are hashes already need no hashing.
type Hashed = BuildHasherDefault<Identity>;

#[derive(Default)]
struct Identity(u64);

impl Hasher for Identity {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 << 8) ^ *b as u64;
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
    fn write_u32(&mut self, n: u32) {
        self.0 = (n as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

fn mix(h: u64, w: u64) -> u64 {
    (h ^ w).wrapping_mul(0x0000_0100_0000_01b3).rotate_left(17)
}

/// One hash per lower-cased word (`\w+` run) of the text, without building strings.
fn word_hashes(text: &str, out: &mut Vec<u64>) {
    out.clear();
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    let mut in_word = false;
    for c in text.chars() {
        if is_word_char(c) {
            if c.is_ascii() {
                h = (h ^ c.to_ascii_lowercase() as u64).wrapping_mul(0x0000_0100_0000_01b3);
            } else {
                for lc in c.to_lowercase() {
                    h = (h ^ lc as u64).wrapping_mul(0x0000_0100_0000_01b3);
                }
            }
            in_word = true;
        } else if in_word {
            out.push(h);
            h = 0xcbf2_9ce4_8422_2325;
            in_word = false;
        }
    }
    if in_word {
        out.push(h);
    }
}

/// Distinct 4-word shingles of a word-hash sequence, sorted, into `out` (cleared first).
fn shingles_of(words: &[u64], out: &mut Vec<u64>) {
    out.clear();
    out.extend(words.windows(SHINGLE_WORDS).map(|w| w.iter().fold(0, |h, x| mix(h, *x))));
    out.sort_unstable();
    out.dedup();
}

fn first_rule(dup: &[Option<&'static str>], from: NodeId, to: NodeId) -> Option<&'static str> {
    (from..to).find_map(|i| dup[i as usize])
}
