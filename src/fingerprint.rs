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
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= *b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

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
    let mut out: Vec<String> = Vec::new();
    let mut word = String::new();
    // The separator run before the current word was a single apostrophe.
    let mut after_apostrophe = false;
    let mut sep_len = 0usize;
    let mut sep_apostrophe = false;
    let flush = |word: &mut String, out: &mut Vec<String>, after_apostrophe: bool| {
        if word.is_empty() {
            return;
        }
        let w = std::mem::take(word);
        if after_apostrophe && !out.is_empty() {
            if let Some(last) = out.last_mut() {
                match w.as_str() {
                    "t" if last == "won" => {
                        *last = "will".into();
                        out.push("not".into());
                    }
                    "t" if last == "can" => out.push("not".into()),
                    "t" if last.ends_with('n') => {
                        last.pop();
                        out.push("not".into());
                    }
                    "re" => out.push("are".into()),
                    "ll" => out.push("will".into()),
                    "ve" => out.push("have".into()),
                    "m" => out.push("am".into()),
                    "s" | "d" => {} // is / has / possessive; had / would: dropped
                    _ => out.push(w),
                }
                return;
            }
        }
        out.push(w);
    };
    for c in text.chars() {
        if is_unspaced_script(c) {
            flush(&mut word, &mut out, after_apostrophe);
            out.push(c.to_string());
            sep_len = 0;
            sep_apostrophe = false;
            after_apostrophe = false;
        } else if is_word_char(c) {
            if word.is_empty() {
                after_apostrophe = sep_len == 1 && sep_apostrophe;
            }
            word.extend(c.to_lowercase());
            sep_len = 0;
            sep_apostrophe = false;
        } else {
            flush(&mut word, &mut out, after_apostrophe);
            after_apostrophe = false;
            sep_len += 1;
            sep_apostrophe = is_apostrophe(c);
        }
    }
    flush(&mut word, &mut out, after_apostrophe);
    out
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
    let shingles: Vec<u64> = if hashes.len() < NEAR_SHINGLE_WORDS {
        vec![hashes.iter().fold(0u64, |h, &t| mix(h.rotate_left(23) ^ t))]
    } else {
        hashes.windows(NEAR_SHINGLE_WORDS).map(|w| w.iter().fold(0u64, |h, &t| mix(h.rotate_left(23) ^ t))).collect()
    };
    let mut sig = [0u8; NEAR_LANES];
    for (i, lane) in sig.iter_mut().enumerate() {
        let seed = LANE_SEED.wrapping_mul(i as u64 + 1);
        let min = shingles.iter().map(|&s| mix(s ^ seed)).min().unwrap_or(0);
        *lane = min as u8;
    }
    sig
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
    let toks = tokens(text);
    let h = hash_str(&toks.join(" "));
    ParaPrint {
        exact: (h ^ (h >> 32)) as u32,
        near: near_sig(&toks),
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
    let body: Vec<Vec<facts::Word>> = paragraphs.iter().map(|p| facts::words(p)).collect();
    let prints: Vec<ParaPrint> =
        paragraphs.iter().zip(&body).map(|(p, ws)| paragraph_with_facts(p, facts::fact_keys_in(ws))).collect();
    let mut quotes = Vec::new();
    for (i, p) in paragraphs.iter().enumerate() {
        for q in quotations(p) {
            quotes.push(quote(i as u32, &q));
        }
    }
    let mut facts: Vec<u32> = Vec::new();
    let mut seen_fact = std::collections::HashSet::new();
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
