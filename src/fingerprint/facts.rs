//! Names and dates: the salient terms of a story and the dated facts of a paragraph.
//!
//! A *name* is a capitalised word (three letters or more) that does not start a sentence:
//! "Istanbul", "Zakharova", "Lavrov", "TASS". A *date* is a day of a month, in words
//! ("Feb. 27", "27 February", "27 de febrero", "27. Februar", "27 февраля") or digits
//! ("2025-02-27", "27.02.2025"). A *fact key* is a date and a name close together ("in
//! Istanbul on February 27"): two reports that state the same dated fact share its key, however
//! the sentence around it is worded or translated.

use std::borrow::Cow;
use std::sync::OnceLock;

use super::{hash_str, is_word, mix, FastMap, FastSet};

/// A date as `month * 32 + day` (month 1–12, day 1–31).
pub type DateAtom = u16;

/// A date and a name at most this many words apart make a fact key: "met on Feb. 27 and April 10
/// in Istanbul" (5 words) is one fact; a clause away (> 12 words) is usually another.
pub const FACT_WINDOW_WORDS: usize = 12;

/// A name counts only from this many letters: "U.S." and "RT" are too short to tell stories apart.
const MIN_NAME_CHARS: usize = 3;

/// Below this many names and dates, an article's terms are topped up with long words.
pub const MIN_NAMED_TERMS: usize = 8;

/// Words shorter than this (chars) never top up the terms ("consultations", not "because").
const MIN_SALIENT_WORD_CHARS: usize = 7;

/// Salience per occurrence: a date says more than a name, and the title more than the body.
const NAME_WEIGHT: u32 = 2;
const DATE_WEIGHT: u32 = 3;
const TITLE_BONUS: u32 = 3;

/// Month names (lower case) and numbers, for the languages of the news Lede meets most.
const MONTHS: &[(&str, u8)] = &[
    // English, with abbreviations
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
    // German
    ("januar", 1),
    ("jänner", 1),
    ("februar", 2),
    ("märz", 3),
    ("mai", 5),
    ("juni", 6),
    ("juli", 7),
    ("oktober", 10),
    ("dezember", 12),
    // French
    ("janvier", 1),
    ("février", 2),
    ("mars", 3),
    ("avril", 4),
    ("juin", 6),
    ("juillet", 7),
    ("août", 8),
    ("septembre", 9),
    ("octobre", 10),
    ("novembre", 11),
    ("décembre", 12),
    // Spanish
    ("enero", 1),
    ("febrero", 2),
    ("marzo", 3),
    ("abril", 4),
    ("mayo", 5),
    ("junio", 6),
    ("julio", 7),
    ("agosto", 8),
    ("septiembre", 9),
    ("setiembre", 9),
    ("octubre", 10),
    ("noviembre", 11),
    ("diciembre", 12),
    // Italian
    ("gennaio", 1),
    ("febbraio", 2),
    ("aprile", 4),
    ("maggio", 5),
    ("giugno", 6),
    ("luglio", 7),
    ("settembre", 9),
    ("ottobre", 10),
    ("dicembre", 12),
    // Portuguese
    ("janeiro", 1),
    ("fevereiro", 2),
    ("março", 3),
    ("maio", 5),
    ("junho", 6),
    ("julho", 7),
    ("setembro", 9),
    ("outubro", 10),
    ("dezembro", 12),
    // Dutch
    ("januari", 1),
    ("februari", 2),
    ("maart", 3),
    ("mei", 5),
    ("augustus", 8),
    // Russian (genitive, as in dates)
    ("января", 1),
    ("февраля", 2),
    ("марта", 3),
    ("апреля", 4),
    ("мая", 5),
    ("июня", 6),
    ("июля", 7),
    ("августа", 8),
    ("сентября", 9),
    ("октября", 10),
    ("ноября", 11),
    ("декабря", 12),
];

/// Month words that are also common words or abbreviations: a month only when capitalised
/// ("May 5", not "may 5"; "Mar. 3", not "mar 3" = Spanish "sea").
const MONTHS_NEEDING_CAPITAL: &[&str] =
    &["may", "march", "mars", "mar", "jan", "feb", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"];

/// Capitalised words that are not names: weekdays, and the titles and offices that come before
/// names in any political story ("Foreign Minister Sergei Lavrov"), which would make every two
/// political stories look related.
const NOT_NAMES: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "montag",
    "dienstag",
    "mittwoch",
    "donnerstag",
    "freitag",
    "samstag",
    "sonntag",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "president",
    "minister",
    "ministry",
    "prime",
    "foreign",
    "secretary",
    "state",
    "states",
    "department",
    "deputy",
    "assistant",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "ambassador",
    "chairman",
    "chief",
    "general",
    "governor",
    "senator",
    "rep",
    "sen",
    "gov",
    "mr",
    "mrs",
    "ms",
    "dr",
    "the",
    "news",
];

fn is_not_name(lower: &str) -> bool {
    static SET: OnceLock<FastSet<&str>> = OnceLock::new();
    SET.get_or_init(|| NOT_NAMES.iter().copied().collect()).contains(lower)
}

/// Words after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "gen", "col", "lt", "rep", "sen", "gov", "prof", "no", "vs", "inc",
    "co", "corp", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];

/// A word of the original text, with what fingerprints need to know about it.
pub(super) struct Word<'a> {
    /// Borrowed from the text when it is lower case already (most words are).
    lower: Cow<'a, str>,
    is_capitalised: bool,
    starts_sentence: bool,
    /// The separator before it (punctuation and spaces).
    sep: &'a str,
    /// See [`is_name`]; decided once, as the word is read.
    is_name: bool,
    /// `hash_str(lower)`: for fact keys, and to rule words out of [`Names`] cheaply.
    hash: u64,
}

impl<'a> Word<'a> {
    /// The word `word` of a text after the separator `sep`, given the words before it.
    fn new(before: &[Word], sep: &'a str, word: &'a str) -> Self {
        let starts_sentence = before.last().is_none_or(|prev| {
            let (has_stop, opens) = sep_kind(sep);
            let ends_sentence =
                has_stop && !(prev.lower.chars().count() == 1 || ABBREVIATIONS.contains(&&*prev.lower));
            ends_sentence || opens
        });
        let lower = if !word.is_ascii() {
            Cow::Owned(word.to_lowercase())
        } else if word.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(word.to_ascii_lowercase())
        } else {
            Cow::Borrowed(word)
        };
        let is_capitalised = word.chars().next().is_some_and(char::is_uppercase);
        let hash = hash_str(&lower);
        let mut w = Word { lower, is_capitalised, starts_sentence, sep, is_name: false, hash };
        w.is_name = is_name(&w);
        w
    }
}

/// Whether a separator has a full stop ('.', '!', '?'), and whether it opens a clause or a
/// quote, in one pass over it (most separators are one space).
fn sep_kind(sep: &str) -> (bool, bool) {
    let (mut has_stop, mut opens) = (false, false);
    for c in sep.chars() {
        match c {
            '.' | '!' | '?' => has_stop = true,
            ':' | ';' | '“' | '„' | '«' | '"' | '‘' | '\'' | '(' | '「' => opens = true,
            _ => {}
        }
    }
    (has_stop, opens)
}

/// The words of a text.
pub(super) fn words(text: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    words_into(text, &mut out);
    out
}

/// Appends the words of a text to `out` (the words already there are another text's).
fn words_into<'a>(text: &'a str, out: &mut Vec<Word<'a>>) {
    let first = out.len();
    // Where the separator before the next word starts, and where that word starts.
    let mut sep_start = 0;
    let mut word_start = None;
    for (i, c) in text.char_indices() {
        if is_word(c) {
            word_start.get_or_insert(i);
        } else if let Some(start) = word_start.take() {
            let w = Word::new(&out[first..], &text[sep_start..start], &text[start..i]);
            out.push(w);
            sep_start = i;
        }
    }
    if let Some(start) = word_start {
        let w = Word::new(&out[first..], &text[sep_start..start], &text[start..]);
        out.push(w);
    }
}

/// The words of an article's paragraphs, in one list.
pub(super) struct Body<'a> {
    words: Vec<Word<'a>>,
    /// Where each paragraph's words end in `words`.
    ends: Vec<usize>,
}

impl<'a> Body<'a> {
    pub(super) fn read(paragraphs: &'a [String]) -> Self {
        // Room for a word every 5 bytes (English averages ~6 with its space): the list is
        // not copied as it grows.
        let bytes: usize = paragraphs.iter().map(String::len).sum();
        let mut words = Vec::with_capacity(bytes / 5);
        let ends = paragraphs
            .iter()
            .map(|p| {
                words_into(p, &mut words);
                words.len()
            })
            .collect();
        Body { words, ends }
    }

    /// Each paragraph's words.
    pub(super) fn paragraphs(&self) -> impl Iterator<Item = &[Word<'a>]> + '_ {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts.zip(&self.ends).map(|(start, &end)| &self.words[start..end])
    }
}

fn month(lower: &str, is_capitalised: bool) -> Option<u8> {
    static BY_NAME: OnceLock<FastMap<&str, u8>> = OnceLock::new();
    let m = *BY_NAME.get_or_init(|| MONTHS.iter().copied().collect()).get(lower)?;
    (is_capitalised || !MONTHS_NEEDING_CAPITAL.contains(&lower)).then_some(m)
}

/// "27", "27th", "1st", "1er" → 27, 1, 1.
fn day(lower: &str) -> Option<u8> {
    // Most words: not a number at all.
    if !lower.as_bytes().first().is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let (digits, suffix) = lower.split_at(lower.bytes().take_while(u8::is_ascii_digit).count());
    if digits.is_empty() || digits.len() > 2 || !matches!(suffix, "" | "st" | "nd" | "rd" | "th" | "er" | "e") {
        return None;
    }
    digits.parse::<u8>().ok().filter(|d| (1..=31).contains(d))
}

fn number(lower: &str, max: u32) -> Option<u32> {
    (lower.len() <= 4 && lower.chars().all(|c| c.is_ascii_digit()))
        .then(|| lower.parse().ok())
        .flatten()
        .filter(|&n| n <= max)
}

/// The dates in a word list, each with the index of its first word.
fn dates(ws: &[Word]) -> Vec<(usize, DateAtom)> {
    let month_of = |w: &Word| month(&w.lower, w.is_capitalised);
    let mut out = Vec::new();
    let atom = |m: u8, d: u8| m as u16 * 32 + d as u16;
    let mut i = 0;
    while i < ws.len() {
        let w = &ws[i];
        let next = ws.get(i + 1);
        // "February 27", "Feb. 27th". The day first: it is cheaper to rule out than a month
        // (a hash lookup), and a month is never a day, so the order changes nothing.
        if let Some(d) = next.and_then(|n| day(&n.lower)) {
            if let Some(m) = month_of(w) {
                out.push((i, atom(m, d)));
                i += 2;
                continue;
            }
        }
        if let Some(d) = day(&w.lower) {
            // "27 February", "27 de febrero", "27th of February"
            let gap = next.is_some_and(|n| matches!(&*n.lower, "de" | "of")) as usize;
            if let Some(m) = ws.get(i + 1 + gap).and_then(month_of) {
                out.push((i, atom(m, d)));
                i += 2 + gap;
                continue;
            }
            // "27.02.2025"
            if let (Some(mw), Some(y)) = (next, ws.get(i + 2)) {
                if mw.sep == "." && y.sep == "." && y.lower.len() == 4 && number(&y.lower, 2100).is_some() {
                    if let Some(m) = number(&mw.lower, 12).filter(|&m| m >= 1) {
                        out.push((i, atom(m as u8, d)));
                        i += 3;
                        continue;
                    }
                }
            }
        }
        // "2025-02-27"
        if w.lower.len() == 4 && number(&w.lower, 2100).is_some() {
            if let (Some(mw), Some(dw)) = (next, ws.get(i + 2)) {
                if mw.sep == "-" && dw.sep == "-" {
                    if let (Some(m), Some(d)) = (number(&mw.lower, 12).filter(|&m| m >= 1), day(&dw.lower)) {
                        out.push((i, atom(m as u8, d)));
                        i += 3;
                        continue;
                    }
                }
            }
        }
        i += 1;
    }
    out
}

/// A capitalised word mid-sentence, not a number, a month, a weekday or a title (see the module docs).
fn is_name(w: &Word) -> bool {
    w.is_capitalised
        && !w.starts_sentence
        && w.lower.chars().count() >= MIN_NAME_CHARS
        && !w.lower.chars().next().is_some_and(|c| c.is_ascii_digit())
        && month(&w.lower, true).is_none()
        && !is_not_name(&w.lower)
}

/// The names of an article: words capitalised mid-sentence in at least half of their
/// mid-sentence uses ("Istanbul", not "The" of "The Associated Press" nor "HAVE" of a shouted quote).
fn names_of<'w>(body: &'w Body) -> Names<'w> {
    // Only words named at least once can qualify: count the uses of those alone.
    let mut candidates = Names::default();
    let mut uses: FastMap<&str, (u32, u32)> = FastMap::default();
    for w in body.words.iter().filter(|w| w.is_name) {
        candidates.insert(w);
        uses.insert(&w.lower, (0, 0));
    }
    for w in body.words.iter().filter(|w| !w.starts_sentence && candidates.may_contain(w)) {
        if let Some(e) = uses.get_mut(&*w.lower) {
            e.0 += w.is_name as u32;
            e.1 += 1;
        }
    }
    let mut names = Names::default();
    for (w, (named, all)) in uses {
        if 2 * named >= all {
            names.bloom.insert(hash_str(w));
            names.set.insert(w);
        }
    }
    names
}

/// A set of words, with a Bloom filter in front: most words of an article are no name, and the
/// filter turns them away by the hash they carry, without hashing them into the set.
#[derive(Default)]
struct Names<'w> {
    bloom: Bloom,
    set: FastSet<&'w str>,
}

impl<'w> Names<'w> {
    fn insert(&mut self, w: &'w Word) {
        self.bloom.insert(w.hash);
        self.set.insert(&w.lower);
    }

    fn may_contain(&self, w: &Word) -> bool {
        self.bloom.may_contain(w.hash)
    }

    fn contains(&self, w: &Word) -> bool {
        self.bloom.may_contain(w.hash) && self.set.contains(&*w.lower)
    }
}

/// A 256-bit Bloom filter with one bit per word hash: with an article's few dozen names, ~90 %
/// of other words are ruled out.
#[derive(Default)]
struct Bloom([u64; 4]);

impl Bloom {
    fn bit(hash: u64) -> (usize, u64) {
        let h = mix(hash);
        ((h >> 62) as usize, 1 << (h & 63))
    }

    fn insert(&mut self, hash: u64) {
        let (i, bit) = Bloom::bit(hash);
        self.0[i] |= bit;
    }

    fn may_contain(&self, hash: u64) -> bool {
        let (i, bit) = Bloom::bit(hash);
        self.0[i] & bit != 0
    }
}

fn hash32(s: &str) -> u32 {
    (mix(hash_str(s)) >> 32) as u32
}

fn date_name(d: DateAtom) -> String {
    format!("date:{}-{}", d / 32, d % 32)
}

fn date_term(d: DateAtom) -> u32 {
    hash32(&date_name(d))
}

/// The fact keys of a paragraph: every (date, name) pair at most [`FACT_WINDOW_WORDS`] apart,
/// hashed, sorted, distinct.
pub fn fact_keys(text: &str) -> Vec<u32> {
    fact_keys_in(&words(text))
}

/// [`fact_keys`] of a text's words.
pub(super) fn fact_keys_in(ws: &[Word]) -> Vec<u32> {
    let ds = dates(ws);
    if ds.is_empty() {
        return Vec::new();
    }
    let mut keys = Vec::new();
    for (i, w) in ws.iter().enumerate() {
        if !w.is_name {
            continue;
        }
        // The dates within the window (they are in word order).
        let first = ds.partition_point(|&(p, _)| p + FACT_WINDOW_WORDS < i);
        for &(_, d) in ds[first..].iter().take_while(|&&(p, _)| p <= i + FACT_WINDOW_WORDS) {
            keys.push((mix(date_term(d) as u64 ^ w.hash) >> 32) as u32);
        }
    }
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// The `n` most salient terms of an article, as sorted 32-bit hashes (see [`ranked_terms`]).
pub fn salient_terms(title: &str, paragraphs: &[String], n: usize) -> Vec<u32> {
    salient_terms_in(&words(title), &Body::read(paragraphs), n)
}

/// [`salient_terms`] of the title's and paragraphs' words.
pub(super) fn salient_terms_in(title: &[Word], body: &Body, n: usize) -> Vec<u32> {
    let mut terms: Vec<u32> = ranked_terms_in(title, body).into_iter().take(n).map(|(t, _)| hash32(&t)).collect();
    terms.sort_unstable();
    terms.dedup();
    terms
}

/// An article's terms with their salience, most salient first: its names (a word capitalised
/// mid-sentence counts wherever it appears) and its dates ("date:2-27"), per occurrence and
/// more in the title. An article with fewer than [`MIN_NAMED_TERMS`] of them (a script without
/// capitals, say) is topped up with its most frequent long words.
///
/// Names only, because long words ("diplomatic", "president") make unrelated political stories
/// look alike: on the seeds and aeb-dev, names and dates alone raised the shared terms of the
/// seeds' same-thread pairs (min 5 → 7 of 24) while unrelated aeb-dev pairs stayed ≤ 6.
pub fn ranked_terms(title: &str, paragraphs: &[String]) -> Vec<(String, u32)> {
    ranked_terms_in(&words(title), &Body::read(paragraphs)).into_iter().map(|(t, n)| (t.into_owned(), n)).collect()
}

/// [`ranked_terms`] of the title's and paragraphs' words; names borrow from the words.
fn ranked_terms_in<'w>(title_words: &'w [Word], body: &'w Body) -> Vec<(Cow<'w, str>, u32)> {
    // The title's words, then each paragraph's, with the title's bonus.
    let texts = || std::iter::once((title_words, TITLE_BONUS)).chain(body.paragraphs().map(|ws| (ws, 0)));
    let names = names_of(body);
    let mut named: FastMap<&str, u32> = FastMap::default();
    let mut dated: FastMap<DateAtom, u32> = FastMap::default();
    for (ws, bonus) in texts() {
        for w in ws.iter().filter(|w| names.contains(w)) {
            *named.entry(&w.lower).or_default() += NAME_WEIGHT + bonus;
        }
        for (_, d) in dates(ws) {
            *dated.entry(d).or_default() += DATE_WEIGHT + bonus;
        }
    }
    let rank = |mut v: Vec<(Cow<'w, str>, u32)>| {
        v.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        v
    };
    // Dates are named "date:2-27": never a word, so never the same term as a name.
    let mut ranked = rank(
        named
            .into_iter()
            .map(|(t, n)| (Cow::Borrowed(t), n))
            .chain(dated.into_iter().map(|(d, n)| (Cow::Owned(date_name(d)), n)))
            .collect(),
    );
    if ranked.len() < MIN_NAMED_TERMS {
        // Only now the long words: most articles have names and dates enough.
        let mut plain: FastMap<&str, u32> = FastMap::default();
        for (ws, bonus) in texts() {
            for w in ws {
                if !names.contains(w)
                    && w.lower.chars().count() >= MIN_SALIENT_WORD_CHARS
                    && !w.lower.chars().any(|c| c.is_ascii_digit())
                {
                    *plain.entry(&w.lower).or_default() += 1 + bonus;
                }
            }
        }
        ranked.extend(rank(plain.into_iter().map(|(t, n)| (Cow::Borrowed(t), n)).collect()));
    }
    ranked
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates_of(s: &str) -> Vec<DateAtom> {
        dates(&words(s)).into_iter().map(|(_, d)| d).collect()
    }

    #[test]
    fn dates_in_words_and_digits() {
        let feb27 = 2 * 32 + 27;
        for s in [
            "on Feb. 27 in",
            "on February 27th",
            "le 27 février",
            "el 27 de febrero",
            "am 27. Februar",
            "27 февраля",
            "on 2025-02-27",
            "am 27.02.2025",
        ] {
            assert_eq!(dates_of(s), [feb27], "{s}");
        }
        assert!(dates_of("you may 5 times").is_empty());
        assert_eq!(dates_of("on Feb. 27 and April 10"), [feb27, 4 * 32 + 10]);
    }

    #[test]
    fn names_skip_sentence_starts_and_weekdays() {
        let ws = words("Officials met Thursday in Istanbul. Both sides, said Maria Zakharova, hope.");
        let names: Vec<&str> = ws.iter().filter(|w| is_name(w)).map(|w| &*w.lower).collect();
        assert_eq!(names, ["istanbul", "maria", "zakharova"]);
    }

    #[test]
    fn the_same_dated_fact_in_other_words_shares_a_key() {
        let a = fact_keys("The dialogue sessions previously convened in Istanbul on February 27 and April 10.");
        let b = fact_keys("Officials from both countries previously met on Feb. 27 and April 10 in Istanbul.");
        let c = fact_keys("Officials met on March 3 in Istanbul.");
        assert_eq!(super::super::shared_sorted(&a, &b), 2);
        assert_eq!(super::super::shared_sorted(&a, &c), 0);
    }
}
