//! Fingerprints of text: pure functions, the same on every platform (no random seeds), so a
//! hash computed in the extension matches one computed by the CLI.
//!
//! # Brief overview
//!
//! [`article`] turns what a reader read (a title and the body's paragraphs) into an
//! [`ArticleFingerprint`], the plain data that `history` stores and matches:
//!
//! - per paragraph a [`ParaPrint`]: an exact hash of its words and a near-duplicate
//!   signature ([`NearSig`], a 16-byte MinHash over 3-word shingles);
//! - the quotations ([`QuotePrint`], see `quotes`), whatever the quote marks;
//! - a [`StorySig`]: the article's salient terms and its dated facts (see `facts`).
//!
//! # Why MinHash and not SimHash (measured)
//!
//! On the 2,504 paragraphs of ≥ 8 words of the 131 aeb-dev pages and the five seeds
//! (3.0 M pairs from different articles), with paragraphs perturbed by replacing 1 / 2 / 3
//! random words, cutting 20 %, inserting 20 %, or cutting 10 % and replacing a word:
//!
//! | signature, 3-word shingles              | found: 1w / 2w / 3w / cut / insert / cut+1w | other hits |
//! |------------------------------------------|----------------------------------------------|------------|
//! | SimHash 64 bits, Hamming ≤ 6             | 32 / 12 / 5 / 5 / 8 / 5 %                    | 0          |
//! | SimHash 64 bits, Hamming ≤ 14 (no index) | 90 / 70 / 52 / 75 / 83 / 65 %                | 19         |
//! | MinHash 16 × 8 bits, a band + ≥ 6 equal  | 98 / 90 / 79 / 97 / 98 / 92 %                | 10         |
//! | MinHash 8 × 16 bits, ≥ 3 equal           | 97 / 90 / 83 / 96 / 98 / 92 %                | 17         |
//!
//! ("other hits": pairs of different articles that match, identical paragraphs left out.)
//!
//! SimHash only separates near-identical paragraphs (a reworded word already moves ~8 of 64
//! bits); MinHash keeps 90 % of two-word edits. With 4-word shingles recall drops 5–10 points,
//! with 2-word shingles unrelated date lines ("published 11:11 pm EST Nov 19, 2019") start to
//! match. The 10 cross-article hits at the chosen threshold are all real repeats (wire quotes,
//! press-release "About …" paragraphs, two pages of one site).

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use serde::{Deserialize, Serialize};

use crate::text::is_word_char;

mod facts;
mod quotes;

pub use facts::{fact_keys, ranked_terms, salient_terms, DateAtom, FACT_WINDOW_WORDS, MIN_NAMED_TERMS};
pub use quotes::{quotations, MIN_QUOTE_WORDS, QUOTE_MARKS};

/// Words per shingle. Four is the benchmark metric's unit and robust to a reworded word.
pub const SHINGLE_WORDS: usize = 4;

/// Words per shingle of the near-duplicate signature: 3 keeps 90 % of paragraphs with two
/// reworded words (4 keeps 84 %) while unrelated pairs stay apart (see the module docs).
pub const NEAR_SHINGLE_WORDS: usize = 3;

/// MinHash lanes of a [`NearSig`], one byte each (b-bit MinHash, b = 8).
pub const NEAR_LANES: usize = 16;

/// Lanes that must agree for two paragraphs to be near duplicates: 6 of 16 estimates a
/// Jaccard similarity of shingles ≥ ~0.37. At 5, unrelated date lines matched on aeb-dev.
pub const NEAR_MIN_EQUAL_LANES: usize = 6;

/// Paragraphs with fewer words (with a letter) are never matched: "Read more", bylines and date
/// lines ("Updated 5:27 am CST, Wednesday, November 20, 2019") repeat across unrelated pages
/// without being news.
pub const MIN_PARAGRAPH_WORDS: usize = 8;

/// Terms kept in a [`StorySig`]: enough for a story's names, places and dates, few enough that
/// an article costs ~50 bytes of terms.
pub const STORY_TERMS: usize = 24;

/// Fact keys kept per article in its [`StorySig`].
pub const STORY_FACTS: usize = 24;

/// 64-bit FNV-1a: small, stable, good enough for text keys.
pub fn hash_str(s: &str) -> u64 {
    hash_bytes(s.as_bytes())
}

pub fn hash_bytes(bytes: &[u8]) -> u64 {
    fnv_extend(FNV_OFFSET, bytes)
}

/// FNV-1a's starting state.
const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// FNV-1a of `bytes` continued from the state `h`: hashing "a b" in two pieces gives the same.
fn fnv_extend(mut h: u64, bytes: &[u8]) -> u64 {
    for b in bytes {
        h ^= *b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// The hasher of the fingerprint's own maps and sets: FNV-1a, then [`mix`]. std's default,
/// SipHash, guards against chosen collisions, which cost a reader nothing here, and was a fifth
/// of the time of a fingerprint.
#[derive(Clone, Copy)]
pub(crate) struct FastHasher(u64);

impl Default for FastHasher {
    fn default() -> Self {
        FastHasher(FNV_OFFSET)
    }
}

impl Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        self.0 = fnv_extend(self.0, bytes);
    }

    fn finish(&self) -> u64 {
        mix(self.0)
    }
}

pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;
pub(crate) type FastSet<K> = HashSet<K, BuildHasherDefault<FastHasher>>;

/// A 64-bit finaliser (MurmurHash3's fmix64): spreads every input bit over the output.
pub fn mix(mut x: u64) -> u64 {
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    x ^ (x >> 33)
}

/// Distinct hashes of the runs of [`SHINGLE_WORDS`] words of a normalised text (words joined by
/// single spaces); a shorter text gives one shingle of all its words.
pub fn shingles(normalised: &str) -> Vec<u64> {
    let words: Vec<&str> = normalised.split(' ').filter(|w| !w.is_empty()).collect();
    if words.is_empty() {
        return Vec::new();
    }
    let mut out: Vec<u64> = if words.len() < SHINGLE_WORDS {
        vec![hash_str(&words.join(" "))]
    } else {
        words.windows(SHINGLE_WORDS).map(|w| hash_str(&w.join(" "))).collect()
    };
    out.sort_unstable();
    out.dedup();
    out
}

/// Ideographs and kana: scripts written without spaces, where one character is the word-like unit.
fn is_unspaced_script(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30ff      // hiragana, katakana
        | 0x3400..=0x4dbf    // CJK extension A
        | 0x4e00..=0x9fff    // CJK unified ideographs
        | 0xf900..=0xfaff    // CJK compatibility ideographs
        | 0x20000..=0x2a6df) // CJK extension B
}

/// Apostrophes that join a contraction ("won't", "won’t").
fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

/// Lower-case tokens of a text for fingerprints: `\w+` words, each ideograph or kana its own
/// token, and English contractions spelt out ("won’t" → "will not", "they're" → "they are",
/// "Russia's" → "russia"), so that two translations of a quote agree where they can.
pub fn tokens(text: &str) -> Vec<String> {
    let mut buf = Tokens::default();
    buf.read(text);
    buf.iter().map(str::to_string).collect()
}

/// `is_word_char`, with the common cases decided without Unicode tables: ASCII, accented
/// Latin and Cyrillic letters, and the general punctuation (curly quotes, dashes). A test
/// checks that it agrees with `is_word_char` on every char.
#[inline]
pub(crate) fn is_word(c: char) -> bool {
    match c {
        '\0'..='\x7f' => c.is_ascii_alphanumeric() || c == '_',
        'À'..='ÿ' => c != '×' && c != '÷',
        'А'..='я' => true,
        '\u{2000}'..='\u{206f}' => false,
        _ => is_word_char(c),
    }
}

/// The [`tokens`] of a text in one buffer, reused from text to text: a fingerprint reads
/// thousands of words, and a `String` each was most of its allocations.
#[derive(Default)]
struct Tokens {
    /// The tokens, back to back.
    text: String,
    /// Where each token ends in `text` (a token may be empty: "n't" → "", "not").
    ends: Vec<usize>,
}

impl Tokens {
    fn len(&self) -> usize {
        self.ends.len()
    }

    fn start(&self, i: usize) -> usize {
        if i == 0 {
            0
        } else {
            self.ends[i - 1]
        }
    }

    fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.len()).map(|i| &self.text[self.start(i)..self.ends[i]])
    }

    /// `hash_str(&tokens.join(" "))`, without the joined string.
    fn joined_hash(&self) -> u64 {
        let mut h = FNV_OFFSET;
        for (i, t) in self.iter().enumerate() {
            if i > 0 {
                h = fnv_extend(h, b" ");
            }
            h = fnv_extend(h, t.as_bytes());
        }
        h
    }

    /// Where the word being read starts (it runs to the end of `text`).
    fn pending_start(&self) -> usize {
        self.ends.last().copied().unwrap_or(0)
    }

    fn push(&mut self, token: &str) {
        self.text.push_str(token);
        self.ends.push(self.text.len());
    }

    /// Replaces the pending word with `token`.
    fn replace_pending(&mut self, token: &str) {
        self.text.truncate(self.pending_start());
        self.push(token);
    }

    /// Ends the pending word, if any; after a lone apostrophe it may complete a contraction
    /// with the token before it.
    fn flush(&mut self, after_apostrophe: bool) {
        let start = self.pending_start();
        if self.text.len() == start {
            return;
        }
        if after_apostrophe && !self.ends.is_empty() {
            let last = &self.text[self.start(self.len() - 1)..start];
            match &self.text[start..] {
                "t" if last == "won" => {
                    let last_start = self.start(self.len() - 1);
                    self.text.truncate(last_start);
                    self.ends.pop();
                    self.push("will");
                    self.push("not");
                }
                "t" if last == "can" => self.replace_pending("not"),
                "t" if last.ends_with('n') => {
                    // Drop the n of "didn": "did", "not".
                    self.text.truncate(start);
                    self.text.pop();
                    if let Some(e) = self.ends.last_mut() {
                        *e = self.text.len();
                    }
                    self.push("not");
                }
                "re" => self.replace_pending("are"),
                "ll" => self.replace_pending("will"),
                "ve" => self.replace_pending("have"),
                "m" => self.replace_pending("am"),
                "s" | "d" => self.text.truncate(start), // is / has / possessive; had / would: dropped
                _ => self.ends.push(self.text.len()),
            }
            return;
        }
        self.ends.push(self.text.len());
    }

    /// Replaces the contents with the tokens of `text`.
    fn read(&mut self, text: &str) {
        self.text.clear();
        self.ends.clear();
        // The separator run before the current word was a single apostrophe.
        let mut after_apostrophe = false;
        let mut sep_len = 0usize;
        let mut sep_apostrophe = false;
        // A word is pending (being read).
        let mut in_word = false;
        for c in text.chars() {
            if !c.is_ascii() && is_unspaced_script(c) {
                self.flush(after_apostrophe);
                self.text.push(c);
                self.ends.push(self.text.len());
                in_word = false;
                sep_len = 0;
                sep_apostrophe = false;
                after_apostrophe = false;
            } else if is_word(c) {
                if !in_word {
                    after_apostrophe = sep_len == 1 && sep_apostrophe;
                    in_word = true;
                }
                if c.is_ascii() {
                    self.text.push(c.to_ascii_lowercase());
                } else {
                    self.text.extend(c.to_lowercase());
                }
                sep_len = 0;
                sep_apostrophe = false;
            } else {
                if in_word {
                    self.flush(after_apostrophe);
                    in_word = false;
                }
                after_apostrophe = false;
                sep_len += 1;
                sep_apostrophe = is_apostrophe(c);
            }
        }
        self.flush(after_apostrophe);
    }
}

/// 64-bit hash of a token.
fn token_hash(t: &str) -> u64 {
    mix(hash_str(t))
}

/// A near-duplicate signature: [`NEAR_LANES`] one-byte MinHash values over the
/// [`NEAR_SHINGLE_WORDS`]-word shingles of a paragraph's tokens.
pub type NearSig = [u8; NEAR_LANES];

/// The MinHash lanes' seeds: lane `i` hashes a shingle as `mix(shingle ^ LANE_SEED * (i + 1))`.
const LANE_SEED: u64 = 0x9e37_79b9_7f4a_7c15;

/// The near-duplicate signature of a token list.
pub fn near_sig(tokens: &[String]) -> NearSig {
    let hashes: Vec<u64> = tokens.iter().map(|t| token_hash(t)).collect();
    near_sig_of_hashes(&hashes)
}

/// [`near_sig`] of the tokens' [`token_hash`]es.
fn near_sig_of_hashes(hashes: &[u64]) -> NearSig {
    let shingle = |w: &[u64]| w.iter().fold(0u64, |h, &t| mix(h.rotate_left(23) ^ t));
    let mut min = [u64::MAX; NEAR_LANES];
    let mut add = |s: u64| {
        for (i, m) in min.iter_mut().enumerate() {
            *m = (*m).min(mix(s ^ LANE_SEED.wrapping_mul(i as u64 + 1)));
        }
    };
    if hashes.len() < NEAR_SHINGLE_WORDS {
        add(shingle(hashes));
    } else {
        hashes.windows(NEAR_SHINGLE_WORDS).for_each(|w| add(shingle(w)));
    }
    min.map(|m| m as u8)
}

/// Lanes on which two signatures agree (0–16); see [`NEAR_MIN_EQUAL_LANES`].
pub fn equal_lanes(a: &NearSig, b: &NearSig) -> usize {
    a.iter().zip(b).filter(|(x, y)| x == y).count()
}

/// One paragraph's fingerprint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParaPrint {
    /// FNV-1a of the tokens joined by spaces, folded to 32 bits: equal for texts that differ
    /// only in case, punctuation and spacing. (32 bits so that every number of a fingerprint is
    /// exact as a JavaScript number and survives `postMessage`.)
    pub exact: u32,
    /// MinHash of 3-word shingles.
    pub near: NearSig,
    /// Words with a letter (numbers and times left out); below [`MIN_PARAGRAPH_WORDS`] the
    /// paragraph is never matched.
    pub words: u32,
    /// Keys of the dated facts it states (see [`fact_keys`]), sorted.
    pub facts: Vec<u32>,
}

impl ParaPrint {
    pub fn is_matchable(&self) -> bool {
        self.words as usize >= MIN_PARAGRAPH_WORDS
    }
}

/// The fingerprint of one paragraph.
pub fn paragraph(text: &str) -> ParaPrint {
    paragraph_with_facts(text, fact_keys(text))
}

fn paragraph_with_facts(text: &str, facts: Vec<u32>) -> ParaPrint {
    let mut toks = Tokens::default();
    toks.read(text);
    print_of(&toks, &mut Vec::new(), facts)
}

/// The fingerprint of a paragraph's tokens; `hashes` is scratch space.
fn print_of(toks: &Tokens, hashes: &mut Vec<u64>, facts: Vec<u32>) -> ParaPrint {
    let h = toks.joined_hash();
    hashes.clear();
    hashes.extend(toks.iter().map(token_hash));
    ParaPrint {
        exact: (h ^ (h >> 32)) as u32,
        near: near_sig_of_hashes(hashes),
        words: toks.iter().filter(|t| t.chars().any(char::is_alphabetic)).count() as u32,
        facts,
    }
}

/// One quotation: its words' 16-bit hashes, in order (bigrams of them are its index keys).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuotePrint {
    /// Index of the paragraph it is in.
    pub paragraph: u32,
    pub words: Vec<u16>,
}

/// The 16-bit hash of a token, as quotes store it.
pub fn word16(t: &str) -> u16 {
    (token_hash(t) >> 48) as u16
}

/// The fingerprint of a quotation's text.
pub fn quote(paragraph: u32, text: &str) -> QuotePrint {
    QuotePrint { paragraph, words: tokens(text).iter().map(|t| word16(t)).collect() }
}

/// What an article is about: its salient terms and its dated facts, both as sorted hashes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StorySig {
    /// Up to [`STORY_TERMS`] 32-bit hashes of its names and dates, the title's counting more (see
    /// [`salient_terms`]).
    pub terms: Vec<u32>,
    /// Up to [`STORY_FACTS`] fact keys (date × name, see [`fact_keys`]).
    pub facts: Vec<u32>,
}

/// Everything history keeps of an article, from what the reader saw of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleFingerprint {
    pub title: String,
    /// One per input paragraph, in order (short ones included, see [`ParaPrint::is_matchable`]).
    pub paragraphs: Vec<ParaPrint>,
    pub quotes: Vec<QuotePrint>,
    pub story: StorySig,
}

/// Fingerprints an article from its title and body paragraphs (as `article_paragraphs` gives
/// them). Paragraphs repeated within the article count once.
pub fn article(title: &str, paragraphs: &[String]) -> ArticleFingerprint {
    // Each text's words are read once, for its facts and the article's terms.
    let body = facts::Body::read(paragraphs);
    // One token buffer and hash list serve every paragraph and quotation.
    let mut toks = Tokens::default();
    let mut hashes = Vec::new();
    let prints: Vec<ParaPrint> = paragraphs
        .iter()
        .zip(body.paragraphs())
        .map(|(p, ws)| {
            toks.read(p);
            print_of(&toks, &mut hashes, facts::fact_keys_in(ws))
        })
        .collect();
    let mut quotes = Vec::new();
    for (i, p) in paragraphs.iter().enumerate() {
        quotes::for_each_candidate(p, |q| {
            toks.read(q);
            if toks.len() >= MIN_QUOTE_WORDS {
                quotes.push(QuotePrint { paragraph: i as u32, words: toks.iter().map(word16).collect() });
            }
        });
    }
    let mut facts: Vec<u32> = Vec::new();
    let mut seen_fact = FastSet::default();
    for p in &prints {
        for &k in &p.facts {
            if facts.len() < STORY_FACTS && seen_fact.insert(k) {
                facts.push(k);
            }
        }
    }
    facts.sort_unstable();
    let terms = facts::salient_terms_in(&facts::words(title), &body, STORY_TERMS);
    ArticleFingerprint { title: title.to_string(), paragraphs: prints, quotes, story: StorySig { terms, facts } }
}

/// Elements shared by two sorted lists.
pub fn shared_sorted<T: Ord>(a: &[T], b: &[T]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shingles_of_short_and_long_texts() {
        assert_eq!(shingles("").len(), 0);
        assert_eq!(shingles("one two").len(), 1);
        assert_eq!(shingles("a b c d e").len(), 2);
        assert_eq!(shingles("a b c d a b c d").len(), 4);
    }

    #[test]
    fn hash_is_stable() {
        // FNV-1a test vector.
        assert_eq!(hash_str("a"), 0xaf63dc4c8601ec8c);
    }

    #[test]
    fn tokens_spell_out_contractions_and_split_ideographs() {
        assert_eq!(tokens("They won’t last, she's sure"), ["they", "will", "not", "last", "she", "sure"]);
        assert_eq!(tokens("didn't, we're, Russia's"), ["did", "not", "we", "are", "russia"]);
        assert_eq!(tokens("'quoted' word"), ["quoted", "word"]);
        assert_eq!(tokens("Kindle書籍を"), ["kindle", "書", "籍", "を"]);
    }

    #[test]
    fn is_word_agrees_with_is_word_char() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            assert_eq!(is_word(c), is_word_char(c), "{c:?}");
        }
    }

    #[test]
    fn exact_ignores_case_and_punctuation() {
        let a = paragraph("The talks, in Istanbul, were cancelled.");
        let b = paragraph("the talks in istanbul were cancelled");
        assert_eq!(a.exact, b.exact);
        assert_eq!(a.near, b.near);
    }

    #[test]
    fn fingerprints_are_plain_json_with_safe_numbers() {
        let fp = article(
            "Talks",
            &["“We hope that the pause they took will not be too long,” Zakharova said on February 27 in Istanbul."
                .to_string()],
        );
        let json = serde_json::to_value(&fp).expect("json");
        fn numbers_are_safe(v: &serde_json::Value) -> bool {
            match v {
                serde_json::Value::Number(n) => n.as_u64().is_none_or(|n| n < 1 << 53),
                serde_json::Value::Array(a) => a.iter().all(numbers_are_safe),
                serde_json::Value::Object(o) => o.values().all(numbers_are_safe),
                _ => true,
            }
        }
        assert!(numbers_are_safe(&json));
        assert_eq!(serde_json::from_value::<ArticleFingerprint>(json).expect("back"), fp);
    }

    #[test]
    fn near_sig_survives_a_reworded_word() {
        let a = tokens("The dialogue sessions, intended to ease diplomatic tensions and resolve issues surrounding embassy functionality, previously convened in Istanbul on February 27 and April 10.");
        let b = tokens("The dialogue sessions, meant to ease diplomatic tensions and resolve issues surrounding embassy functionality, previously convened in Istanbul on February 27 and April 10.");
        let c = tokens("Trump said Wednesday that Europe, not the U.S., should be responsible for enforcing any would-be Russia-Ukraine peace deal.");
        assert!(equal_lanes(&near_sig(&a), &near_sig(&b)) >= NEAR_MIN_EQUAL_LANES);
        assert!(equal_lanes(&near_sig(&a), &near_sig(&c)) < NEAR_MIN_EQUAL_LANES);
    }
}
