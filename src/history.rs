//! Reading history: what the reader read before, and what a new report repeats of it.
//!
//! # Brief overview
//!
//! The principal type is [`History`]: an index of the articles read, each a [`ReadRecord`]
//! (URL, site, title, time read, and the [`ArticleFingerprint`] of what was on screen).
//! [`History::lookup`] takes the page being read (also a [`ReadRecord`], its time being now) and
//! returns a [`Lookup`]:
//!
//! - the earlier reports of the **same story** (the same event: they share quotations or
//!   paragraphs, in the leads of both), the earlier coverage of the **same thread** (the same
//!   names and dates, another event), and any other report a paragraph was read in;
//! - per paragraph, a [`ParagraphMatch`]: how it was read before ([`MatchKind`]: the same
//!   paragraph, nearly the same, the same quotation maybe in another translation, or the same
//!   dated fact in a report of the story or thread) and in which reports;
//! - how many of the paragraphs are new.
//!
//! Everything is plain data in and out (serde), with no clock and no storage: the caller passes
//! the time (`read_at_ms`) and keeps [`History::to_bytes`] in its own storage. The extension's
//! flow: at page load `lookup` (annotate); after the reader stayed a few seconds `add`, and
//! append its `record_bytes` to a log; now and then save `to_bytes` and empty the log; on a
//! service-worker start `from_bytes`, then `add_bytes` of each logged record.
//!
//! Boilerplate is not news. A paragraph is a site's boilerplate when
//! [`HistoryConfig::boilerplate_min_articles`] articles of the site carry it, or when the site
//! carries it on an article about something else (no same thread): such matches are dropped and
//! the paragraph listed in [`Lookup::boilerplate`].
//!
//! # Thresholds (measured on the five seeds and the 131 aeb-dev pages; see `tests/repeats.rs`)
//!
//! - Quotations match when ≥ 70 % of the shorter one's words and ≥ 40 % of its word pairs are in
//!   the other, and ≥ 4 word pairs are shared. The seeds' three translations of Zakharova's
//!   "pause" quote pass (70 % / 44 % / 4 for the farthest pair). Of the 592 aeb-dev quotations,
//!   the pairs that pass are the same quotation in two reports of one story, but for one: the
//!   same Trump line said on Nov 6 and Nov 8. Reports of another thread need ≥
//!   [`QUOTE_MIN_PAIRS_UNRELATED`] shared pairs (a common phrase is not a quotation).
//! - Same thread: ≥ 7 of 24 salient terms (names, dates) shared, or ≥ 5 and a dated fact. The
//!   seeds' seven thread pairs share 7–12; 26 aeb-dev pairs pass, nearly all real follow-ups
//!   (impeachment hearings, Stadia, Hong Kong, the plague in China).
//! - Same story: ≥ 2 shared quotations or paragraphs, one of them in the first half of both
//!   articles (a wire story's news is in its lead; a press release's "About …" paragraph at its
//!   end), and ≥ 3 shared terms. Term overlap alone does not separate story from thread: seed
//!   story pairs share 5–11 terms, thread pairs 7–12. On aeb-dev read in sequence, 5 story
//!   matches, all real (the same news from two outlets), none false.
//!
//! # Size and speed (`benches/history.rs`: 10k articles, 297k stored paragraphs)
//!
//! 30.8 bytes per stored paragraph persisted (18 for the paragraph, the rest its article's URL,
//! title, terms, facts and quotations). A load rebuilds the lookup tables from the persisted
//! columns; in wasm its cost is as much memory as work: memory touched the first time costs V8
//! ~0.8 ms a MB, and each `memory.grow` ~0.5 ms. So a load grows the heap once, keeps no
//! per-slot owner columns (a search over the reports finds a slot's report), keeps bucket
//! counts only where a lookup orders keys by them, and frees the persisted bytes half way for
//! the later tables to reuse ([`History::from_owned_bytes`]): ~33 MB in all, ~38 MB of wasm
//! memory with the bytes. Its hot loops are non-inlined calls over chunks (`chains::CHUNK`): V8
//! tiers a function up between calls, never in the middle of a loop. Measured in node (wasm
//! `fromBytes`, fresh instance) ~50 ms, natively 40–50 ms; a lookup 0.35–0.5 ms median natively
//! (`examples/lookup_loop`: ~0.7M instructions; fingerprinting the page costs far more).
//! [`History::record_bytes`] is one article alone (~0.9 KB) for an append log next to the saved
//! history; [`History::add_bytes`] replays it (~0.05 ms an article).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::fingerprint::ArticleFingerprint;

mod chains;
mod index;
mod lookup;
mod store;

use index::{Index, StoredArticle};
pub use store::{checksum, FORMAT_VERSION, MAGIC};

/// Identifies a report in a history; stable across `to_bytes` / `from_bytes`.
pub type ReportId = u32;

const MS_PER_DAY: f64 = 86_400_000.0;

/// How long a read article is remembered by default.
pub const DEFAULT_RETENTION_DAYS: f64 = 90.0;

/// Default size cap of the persisted history (bytes of `to_bytes`): 8 MiB stays within
/// `chrome.storage.local`'s 10 MiB quota, and holds ~270k paragraphs (~9k articles).
pub const DEFAULT_MAX_BYTES: usize = 8 << 20;

/// A paragraph that this many articles of one site carry is that site's boilerplate. Three,
/// not two: an outlet's update of a story at a new URL repeats its paragraphs once, and that is
/// a repeat the reader should see.
pub const DEFAULT_BOILERPLATE_MIN_ARTICLES: usize = 3;

/// Quotations: the share of the shorter one's words found in the other (see the module docs).
pub const QUOTE_MIN_WORD_SHARE: f32 = 0.7;
/// Quotations: the share of the shorter one's word pairs found in the other.
pub const QUOTE_MIN_PAIR_SHARE: f32 = 0.4;
/// Quotations: word pairs shared at the least (4: "at the initiative of American negotiators"
/// inside a longer translation of the statement).
pub const QUOTE_MIN_PAIRS: usize = 4;
/// Quotations in reports of another thread: a run this long is a repeat whatever the topic;
/// shorter ones ("I don't know what to think about it") are common phrases.
pub const QUOTE_MIN_PAIRS_UNRELATED: usize = 8;
/// Words of a quotation stored (2 bytes each): a longer one keeps its first and last halves.
pub const MAX_QUOTE_WORDS: usize = 24;
/// Words of the page's quotation compared (the rest of a very long one adds little).
pub const MAX_PAGE_QUOTE_WORDS: usize = 64;
/// Quotations stored per article (the first ones).
pub const MAX_QUOTES: usize = 16;
/// Fact keys stored per article.
pub const MAX_FACTS: usize = 16;
/// A MinHash band key that more stored paragraphs share than this is too common to look for
/// candidates with (a band key is ~5 paragraphs at 300k); a near duplicate shares other bands.
const MAX_BAND_POSTINGS: usize = 64;
/// Word pairs and terms are looked up rarest first, until this many stored items have been seen
/// (per quotation; per page): the rarest keys are the telling ones ("of the", or a name in a
/// tenth of the history, tell nothing), and the budget bounds a lookup's work.
const PAIR_BUDGET: usize = 128;
const TERM_BUDGET: usize = 512;
/// Stored duplicates of one paragraph examined (the most recent): enough to tell boilerplate.
const MAX_DUPLICATES: usize = 256;
/// A stored quotation or report is examined only when it shares this many rare keys (word pairs,
/// terms) with the page.
const MIN_RARE_HITS: u32 = 2;

/// Same thread: salient terms (of [`crate::fingerprint::STORY_TERMS`]) shared at the least.
pub const THREAD_MIN_TERMS: usize = 7;
/// Same thread: terms shared at the least when a dated fact is shared too.
pub const THREAD_MIN_TERMS_WITH_FACT: usize = 5;
/// Same story: terms shared at the least, whatever the shared text (a sanity floor).
pub const STORY_MIN_TERMS: usize = 3;
/// Same story: shared text counts as the news when it sits in this leading share of both articles.
pub const STORY_LEAD_SHARE: f32 = 0.5;
/// Same story: shared paragraphs and quotations needed. Two, because one quotation can be a line
/// said again at another event (the aeb-dev Trump line above) and one paragraph a press
/// release's boilerplate.
pub const STORY_MIN_SHARED: usize = 2;
/// A paragraph counts as read when quotations read before cover this share of its words.
pub const QUOTE_READ_SHARE: f32 = 0.5;

/// Settings of a history.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct HistoryConfig {
    /// Articles read longer ago are forgotten.
    pub retention_days: f64,
    /// Size cap of `to_bytes` (bytes); beyond it the oldest articles go first.
    pub max_bytes: usize,
    /// See [`DEFAULT_BOILERPLATE_MIN_ARTICLES`].
    pub boilerplate_min_articles: usize,
}

impl Default for HistoryConfig {
    fn default() -> Self {
        HistoryConfig {
            retention_days: DEFAULT_RETENTION_DAYS,
            max_bytes: DEFAULT_MAX_BYTES,
            boilerplate_min_articles: DEFAULT_BOILERPLATE_MIN_ARTICLES,
        }
    }
}

/// An article as read: the input of [`History::add`] and [`History::lookup`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReadRecord {
    pub url: String,
    /// The site it belongs to (e.g. the registrable domain); boilerplate is counted per site.
    pub site: String,
    pub title: String,
    /// When it was read (ms since the epoch, as `Date.now()`); for a lookup, now.
    pub read_at_ms: f64,
    pub fingerprint: ArticleFingerprint,
}

/// How a paragraph was read before, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchKind {
    /// The same words.
    Exact,
    /// Nearly the same words (a few edited).
    Near,
    /// A quotation in it was read, maybe in another translation.
    Quote,
    /// A dated fact in it ("in Istanbul on February 27") was read in a report of the same story
    /// or thread.
    Fact,
}

/// A paragraph of the page that was read before.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ParagraphMatch {
    /// Index in the fingerprint's paragraphs.
    pub index: u32,
    /// The strongest way it was read.
    pub kind: MatchKind,
    /// The whole paragraph was read (exact or near, or quotes covering most of it): it may be
    /// folded. A quote or fact in a paragraph otherwise new leaves it open.
    pub is_read: bool,
    /// The reports it was read in, strongest match first, then most recent. Each is listed in
    /// the lookup's `same_story`, `same_thread` or `elsewhere`.
    pub reports: Vec<ReportId>,
}

/// An earlier report, as a lookup names it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EarlierReport {
    pub id: ReportId,
    pub url: String,
    pub site: String,
    pub title: String,
    pub read_at_ms: f64,
    /// Paragraphs of the page read in it (exact or near).
    pub shared_paragraphs: u32,
    /// Quotations of the page read in it.
    pub shared_quotes: u32,
    /// Dated facts (date and name, see `fingerprint::fact_keys`) in common.
    pub shared_facts: u32,
    /// Salient terms (names, dates) in common.
    pub shared_terms: u32,
}

/// What a page repeats of the history.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Lookup {
    /// Earlier reports of the same story, most recent first.
    pub same_story: Vec<EarlierReport>,
    /// Earlier coverage of the same thread (other events), most recent first.
    pub same_thread: Vec<EarlierReport>,
    /// Other reports that carried a paragraph or quotation of the page.
    pub elsewhere: Vec<EarlierReport>,
    /// Paragraphs read before, in page order.
    pub paragraphs: Vec<ParagraphMatch>,
    /// Paragraphs ignored as the site's boilerplate.
    pub boilerplate: Vec<u32>,
    /// Paragraphs not read before ("K of M paragraphs are new").
    pub new_paragraphs: u32,
    /// Paragraphs of the page, boilerplate excluded.
    pub total_paragraphs: u32,
}

impl Lookup {
    /// The page is a repeated report: the same story was read before.
    pub fn is_repeat(&self) -> bool {
        !self.same_story.is_empty()
    }
}

/// Why persisted bytes could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum HistoryError {
    /// Not a Lede history (wrong magic).
    NotHistory,
    /// Written by another version of the format.
    Version { got: u16, want: u16 },
    /// Shorter than its header says.
    Truncated,
    /// The body does not match its checksum.
    Checksum,
    /// Inconsistent content.
    Corrupt(&'static str),
}

impl fmt::Display for HistoryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HistoryError::NotHistory => write!(f, "lede: not a reading history"),
            HistoryError::Version { got, want } => {
                write!(f, "lede: history format {got}, this core reads format {want}")
            }
            HistoryError::Truncated => write!(f, "lede: history is truncated"),
            HistoryError::Checksum => write!(f, "lede: history checksum mismatch"),
            HistoryError::Corrupt(why) => write!(f, "lede: corrupt history: {why}"),
        }
    }
}

impl std::error::Error for HistoryError {}

/// The reading history: an index of read articles (see the module docs).
#[derive(Debug, Clone, Default)]
pub struct History {
    config: HistoryConfig,
    index: Index,
}

impl History {
    pub fn new(config: HistoryConfig) -> Self {
        History { config, index: Index::default() }
    }

    pub fn config(&self) -> &HistoryConfig {
        &self.config
    }

    /// Articles remembered.
    pub fn len(&self) -> usize {
        self.index.live_reports
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Paragraphs stored (those long enough to match).
    pub fn paragraph_count(&self) -> usize {
        self.index.live_paras
    }

    /// An upper bound of the size of `to_bytes`, kept as articles come and go (the size cap's
    /// measure).
    pub fn byte_size(&self) -> usize {
        self.index.live_bytes + store::HEADER_BYTES + 16
    }

    /// Estimated heap memory of the index (bytes).
    pub fn memory_bytes(&self) -> usize {
        self.index.memory_bytes()
    }

    /// Records an article as read and returns its id. Reading a URL again replaces its earlier
    /// record. Then forgets what is past retention (relative to `read_at_ms`) and, over the size
    /// cap, the oldest articles.
    pub fn add(&mut self, record: ReadRecord) -> ReportId {
        let id = self.index.next_id;
        self.add_stored(StoredArticle::from_record(id, record))
    }

    /// [`History::add`] of an article as stored, under its own id when that is newer than every
    /// id here, else under the next id.
    fn add_stored(&mut self, mut article: StoredArticle) -> ReportId {
        let now = article.read_at_ms;
        if let Some(old) = self.index.by_url.get(article.url.as_bytes(), &self.index.reports) {
            self.index.kill(old as usize);
        }
        article.id = article.id.max(self.index.next_id);
        let id = article.id;
        self.index.push(article);
        self.expire(now);
        self.enforce_cap();
        id
    }

    /// One article's record alone, persisted (the bytes of a history of that one article): what
    /// an append log next to the saved history keeps, so that an add writes ~1 KB, not the whole
    /// history. `None` for an id not in the history.
    pub fn record_bytes(&self, id: ReportId) -> Option<Vec<u8>> {
        let alive = self.index.alive_reports().any(|r| r.id == id);
        alive.then(|| store::encode(&self.index, |r| r.id == id))
    }

    /// Adds the articles of persisted bytes (a [`History::record_bytes`], or any
    /// [`History::to_bytes`]) in their order, as [`History::add`] added them: an append log's
    /// records replayed after [`History::from_bytes`] give the history they were logged from.
    /// Returns how many; bytes that are not a history give an error and add nothing.
    pub fn add_bytes(&mut self, bytes: &[u8]) -> Result<usize, HistoryError> {
        let log = store::decode(bytes, false)?;
        for i in 0..log.reports.len() {
            self.add_stored(log.article(i));
        }
        Ok(log.reports.len())
    }

    /// Forgets one article.
    pub fn remove(&mut self, id: ReportId) -> bool {
        match self.index.reports.binary_search_by_key(&id, |r| r.id) {
            Ok(i) if self.index.reports[i].is_alive => {
                self.index.kill(i);
                self.index.maybe_compact();
                true
            }
            _ => false,
        }
    }

    /// Forgets everything ("clear history"). Ids are not reused.
    pub fn clear(&mut self) {
        let next_id = self.index.next_id;
        self.index = Index::default();
        self.index.next_id = next_id;
    }

    /// Forgets the articles read before `now_ms` minus the retention.
    pub fn expire(&mut self, now_ms: f64) {
        let oldest = now_ms - self.config.retention_days * MS_PER_DAY;
        for i in 0..self.index.reports.len() {
            if self.index.reports[i].read_at_ms < oldest {
                self.index.kill(i);
            }
        }
        self.index.maybe_compact();
    }

    /// Over the size cap, forgets the oldest articles.
    fn enforce_cap(&mut self) {
        if self.byte_size() <= self.config.max_bytes {
            return;
        }
        let reports = &self.index.reports;
        let mut order: Vec<usize> = (0..reports.len()).filter(|&i| reports[i].is_alive).collect();
        order.sort_by(|&a, &b| reports[a].read_at_ms.total_cmp(&reports[b].read_at_ms));
        for i in order {
            if self.byte_size() <= self.config.max_bytes {
                break;
            }
            self.index.kill(i);
        }
        self.index.maybe_compact();
    }

    /// The persisted form: compact, versioned, checksummed (see `store`).
    pub fn to_bytes(&self) -> Vec<u8> {
        store::encode(&self.index, |_| true)
    }

    /// Loads a persisted history. Bytes that are not one (truncated, corrupted, another
    /// version) give an error, never a panic.
    pub fn from_bytes(bytes: &[u8], config: HistoryConfig) -> Result<History, HistoryError> {
        Ok(History { config, index: store::decode(bytes, true)? })
    }

    /// [`History::from_bytes`] of bytes it may free once it no longer needs them, so that the
    /// rest of the load reuses their memory (the wasm background's load: its bytes were copied
    /// into wasm memory for it).
    pub fn from_owned_bytes(bytes: Vec<u8>, config: HistoryConfig) -> Result<History, HistoryError> {
        Ok(History { config, index: store::decode_owned(bytes)? })
    }

    /// What the page `page` repeats of the history. `page.read_at_ms` is now: reports past
    /// retention are left out, and so is an earlier read of the same URL.
    pub fn lookup(&self, page: &ReadRecord) -> Lookup {
        lookup::Matcher::new(self, page).run()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(i: usize) -> ReadRecord {
        let words = ["harbour", "council", "vote", "ferry", "Northwind", "Eastbrook", "budget", "quay", "storm", "mayor"];
        let text = |p: usize| (0..14).map(|w| words[(i * 7 + p * 3 + w * w) % words.len()]).collect::<Vec<_>>().join(" ");
        let paragraphs: Vec<String> = (0..4).map(|p| format!("{} “{} {}”", text(p), text(p + 1), i)).collect();
        ReadRecord {
            url: format!("https://a.example/{}", i % 9),
            site: format!("s{}.example", i % 3),
            title: format!("Report {i}"),
            read_at_ms: 1.7e12 + i as f64 * 3.6e6,
            fingerprint: crate::fingerprint::article(&format!("Report {i}"), &paragraphs),
        }
    }

    #[test]
    fn a_saved_history_and_its_log_replayed_give_the_history_logged() {
        let config = HistoryConfig { max_bytes: 3_000, ..HistoryConfig::default() };
        let mut live = History::new(config);
        for i in 0..10 {
            live.add(page(i));
        }
        let saved = live.to_bytes();
        let mut log = Vec::new();
        for i in 10..30 {
            let id = live.add(page(i));
            log.push(live.record_bytes(id).expect("alive"));
        }
        let mut back = History::from_bytes(&saved, config).expect("load");
        for record in &log {
            assert_eq!(back.add_bytes(record), Ok(1));
        }
        assert_eq!(back.to_bytes(), live.to_bytes(), "replaced URLs and the size cap replay the same");
        // A corrupted record is refused and adds nothing.
        let mut bad = log[0].clone();
        let last = bad.len() - 1;
        bad[last] ^= 1;
        assert_eq!(back.add_bytes(&bad), Err(HistoryError::Checksum));
        assert_eq!(back.to_bytes(), live.to_bytes());
        assert_eq!(live.record_bytes(10_000), None);
    }
}
