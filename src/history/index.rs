//! The articles of a history in flat arrays, and the lookup tables over them.
//!
//! Each stored paragraph is a *slot* (exact hash, MinHash, report), each quotation a quote slot
//! (words, paragraph, report). The tables map keys to slots: exact hash → paragraphs, MinHash
//! band → paragraphs, word pair → quotations, salient term → reports. They are rebuilt from the
//! arrays on load and whenever they outgrow their buckets, so only the arrays are persisted.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

use super::chains::{Chains, Counts, Keys, CHUNK};
use super::{ReadRecord, ReportId, MAX_FACTS, MAX_QUOTES, MAX_QUOTE_WORDS};
use crate::fingerprint::{hash_bytes, mix, NearSig, NEAR_LANES, STORY_TERMS};

/// MinHash bands: two lanes (16 bits) each; two near duplicates with 6 of 16 lanes equal share a
/// band most of the time (recall measured in `fingerprint`).
pub const BANDS: usize = NEAR_LANES / 2;

/// Table sizes beyond which more buckets do not help: exact, band and term keys have 16 bits;
/// word pairs are hashed: 2^18 buckets hold the ~0.9M stored pairs of 300k paragraphs at ~3.4
/// a bucket with the same lookups as 2^19 (the bench's digest) in half the memory, which a load
/// touches fresh and at random; at 2^17 lookups change and slow (the buckets' counts order the
/// pairs rarest first).
const MAX_EXACT_BUCKETS: usize = 1 << 16;
const MAX_BAND_BUCKETS: usize = 1 << 16;
const MAX_PAIR_BUCKETS: usize = 1 << 18;
const MAX_TERM_BUCKETS: usize = 1 << 16;

/// One article as stored: what `to_bytes` writes and `from_bytes` reads.
#[derive(Default)]
pub struct StoredArticle {
    pub id: ReportId,
    pub url: String,
    pub site: String,
    pub title: String,
    pub read_at_ms: f64,
    /// Paragraphs the reader saw (short ones included): the denominator of "in its lead".
    pub n_paragraphs: u32,
    /// Matchable paragraphs: exact hash (16 bits) and MinHash.
    pub paras: Vec<(u16, NearSig)>,
    /// Quotations: paragraph index (capped at 255), number of words, and all their words.
    pub quote_paras: Vec<u8>,
    pub quote_lens: Vec<u8>,
    pub quote_words: Vec<u16>,
    /// Sorted 16-bit salient terms.
    pub terms: Vec<u16>,
    /// Sorted fact keys.
    pub facts: Vec<u32>,
}

impl StoredArticle {
    pub fn from_record(id: ReportId, r: ReadRecord) -> Self {
        let fp = r.fingerprint;
        let paras = fp.paragraphs.iter().filter(|p| p.is_matchable()).map(|p| (exact16(p.exact), p.near)).collect();
        let (mut quote_paras, mut quote_lens, mut quote_words) = (Vec::new(), Vec::new(), Vec::new());
        for q in fp.quotes.iter().take(MAX_QUOTES) {
            let words = stored_quote(&q.words);
            quote_paras.push(q.paragraph.min(255) as u8);
            quote_lens.push(words.len() as u8);
            quote_words.extend(words);
        }
        StoredArticle {
            id,
            url: r.url,
            site: r.site,
            title: r.title,
            read_at_ms: r.read_at_ms,
            n_paragraphs: fp.paragraphs.len() as u32,
            paras,
            quote_paras,
            quote_lens,
            quote_words,
            terms: terms16(&fp.story.terms[..fp.story.terms.len().min(STORY_TERMS)]),
            facts: fp.story.facts.iter().take(MAX_FACTS).copied().collect(),
        }
    }

    /// Bytes it takes in `to_bytes`, at most (its site's name is counted as if not shared).
    fn encoded_bytes(&self) -> usize {
        use super::store::{string_bytes, varint_bytes};
        varint_bytes(self.id as u64)
            + 8
            + varint_bytes(u32::MAX as u64)
            + string_bytes(&self.site)
            + string_bytes(&self.url)
            + string_bytes(&self.title)
            + varint_bytes(self.n_paragraphs as u64)
            + varint_bytes(self.paras.len() as u64)
            + self.paras.len() * (2 + NEAR_LANES)
            + varint_bytes(self.quote_lens.len() as u64)
            + 2 * self.quote_lens.len()
            + 2 * self.quote_words.len()
            + 2
            + 2 * self.terms.len()
            + 4 * self.facts.len()
    }
}

/// The stored exact hash: 16 bits are enough, because an exact match also needs all 16 MinHash
/// lanes equal (a collision can only call a near-identical paragraph exact).
pub fn exact16(exact: u32) -> u16 {
    (exact ^ (exact >> 16)) as u16
}

/// Stored terms: 16 bits each (two articles' 24 terms collide by chance 24 × 24 / 65536 ≈ 1 %
/// of the time, one term in a count of 5–7), sorted, distinct.
pub fn terms16(terms: &[u32]) -> Vec<u16> {
    let mut t: Vec<u16> = terms.iter().map(|&t| (t >> 16) as u16).collect();
    t.sort_unstable();
    t.dedup();
    t
}

/// A quotation's words as stored: all of a short one; of a long one the first and last
/// `MAX_QUOTE_WORDS / 2` (others often quote a statement's end: "… at the initiative of the
/// American negotiators").
pub fn stored_quote(words: &[u16]) -> Vec<u16> {
    if words.len() <= MAX_QUOTE_WORDS {
        return words.to_vec();
    }
    let half = MAX_QUOTE_WORDS / 2;
    words[..half].iter().chain(&words[words.len() - half..]).copied().collect()
}

/// A paragraph's key in band `band`: its two lanes.
pub fn band_key(near: &NearSig, band: usize) -> u32 {
    (near[2 * band] as u32) << 8 | near[2 * band + 1] as u32
}

pub fn pair_key(a: u16, b: u16) -> u32 {
    (a as u32) << 16 | b as u32
}

/// A report in the index; its paragraphs and quotes are slot ranges of the flat arrays.
#[derive(Debug, Clone)]
pub struct Report {
    pub id: ReportId,
    /// URL and title: UTF-8 as stored, checked only when a lookup names the report (a load
    /// validating the 20k strings of 10k reports was ~10 % of its time in wasm).
    pub url: Box<[u8]>,
    pub site: u32,
    pub title: Box<[u8]>,
    pub read_at_ms: f64,
    pub n_paragraphs: u32,
    pub paras: Range<u32>,
    pub quotes: Range<u32>,
    /// Sorted.
    pub terms: Vec<u16>,
    /// Sorted.
    pub facts: Vec<u32>,
    pub bytes: u32,
    pub is_alive: bool,
}

#[derive(Debug, Clone)]
pub struct Index {
    pub next_id: ReportId,
    /// In insertion (id) order; removed ones stay, not alive, until the next compaction.
    pub reports: Vec<Report>,
    pub by_url: UrlMap,
    pub sites: Vec<String>,
    pub site_ids: HashMap<String, u32>,
    // Paragraph slots.
    pub para_exact: Vec<u16>,
    pub para_near: Vec<NearSig>,
    // Quote slots; quote `q`'s words are `words[quote_start[q]..quote_start[q + 1]]`.
    pub quote_start: Vec<u32>,
    pub quote_para: Vec<u8>,
    pub words: Vec<u16>,
    pub tables: Tables,
    pub live_reports: usize,
    pub live_paras: usize,
    pub dead_paras: usize,
    pub live_bytes: usize,
}

/// The lookup tables.
#[derive(Debug, Clone)]
pub struct Tables {
    /// Exact hash → paragraph slot.
    pub exact: Chains,
    /// Per band, band key → paragraph slot.
    pub bands: Vec<Chains>,
    /// Word pair → the position of its first word in `Index::words` (its quote: see
    /// [`Index::quote_of`]).
    pub pairs: Chains,
    /// Salient term → item `report * STORY_TERMS + rank`.
    pub terms: Chains,
}

/// The word pairs of a quote whose words start at `first` in `Index::words`.
#[inline(always)]
fn add_quote(pairs: &mut Chains, first: u32, words: &[u16]) {
    for (i, w) in words.windows(2).enumerate().take(MAX_QUOTE_WORDS) {
        pairs.insert(pair_key(w[0], w[1]), first + i as u32);
    }
}

#[inline(always)]
fn add_terms_of(table: &mut Chains, report: u32, terms: &[u16]) {
    for (i, &t) in terms.iter().enumerate().take(STORY_TERMS) {
        table.insert(t as u32, report * STORY_TERMS as u32 + i as u32);
    }
}

/// The word pairs of quotes `quotes` (a chunk of a table build: see [`CHUNK`]).
#[inline(never)]
fn add_quotes(pairs: &mut Chains, words: &[u16], quote_start: &[u32], quotes: Range<u32>) {
    for q in quotes {
        let (first, end) = (quote_start[q as usize], quote_start[q as usize + 1]);
        add_quote(pairs, first, &words[first as usize..end as usize]);
    }
}

/// The terms of `reports`, the first being report `first` (a chunk of a table build).
#[inline(never)]
fn add_terms(table: &mut Chains, reports: &[Report], first: usize) {
    for (i, r) in reports.iter().enumerate() {
        add_terms_of(table, (first + i) as u32, &r.terms);
    }
}

/// URL → report index, keyed by the URL's 64-bit [`hash_bytes`]: no copy of each URL as a key
/// (one allocation a report fewer for a load). Two URLs of one hash (~1e-11 at 10k URLs) would
/// only keep the newer findable by URL.
#[derive(Debug, Clone, Default)]
pub struct UrlMap(HashMap<u64, u32, BuildHasherDefault<KeyHasher>>);

impl UrlMap {
    pub fn reserve(&mut self, n: usize) {
        self.0.reserve(n);
    }

    pub fn insert(&mut self, url: &[u8], report: u32) {
        self.0.insert(hash_bytes(url), report);
    }

    /// The report of `url` in `reports`, checked against its stored URL.
    pub fn get(&self, url: &[u8], reports: &[Report]) -> Option<u32> {
        let r = *self.0.get(&hash_bytes(url))?;
        (reports.get(r as usize)?.url.as_ref() == url).then_some(r)
    }

    /// Forgets `url` when it names `report`.
    pub fn remove(&mut self, url: &[u8], report: u32) {
        let key = hash_bytes(url);
        if self.0.get(&key) == Some(&report) {
            self.0.remove(&key);
        }
    }

    pub fn memory_bytes(&self) -> usize {
        self.0.capacity() * (std::mem::size_of::<(u64, u32)>() + 1)
    }
}

/// Hashes keys that are hashes already: one multiply to spread them over the table.
#[derive(Default)]
pub struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = mix(self.0 ^ b as u64);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// Stored text (UTF-8 when written by `encode`) as a string.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The report of a `terms` item.
pub fn report_of(item: u32) -> u32 {
    item / STORY_TERMS as u32
}

impl Tables {
    fn sized(paras: usize, pairs: usize, terms: usize) -> Self {
        Tables {
            exact: Self::exact_table(paras),
            bands: (0..BANDS).map(|_| Self::band_table(paras)).collect(),
            pairs: Self::pair_table(pairs),
            terms: Self::term_table(terms),
        }
    }

    // Each table's keys, bucket counts (kept where a lookup orders keys by them) and most
    // buckets, for about `items` items.
    fn exact_table(items: usize) -> Chains {
        Chains::new(Keys::Dense(16), Counts::None, items, MAX_EXACT_BUCKETS)
    }

    fn band_table(items: usize) -> Chains {
        Chains::new(Keys::Dense(16), Counts::None, items, MAX_BAND_BUCKETS)
    }

    fn pair_table(items: usize) -> Chains {
        Chains::new(Keys::Hashed, Counts::Kept, items, MAX_PAIR_BUCKETS)
    }

    fn term_table(items: usize) -> Chains {
        Chains::new(Keys::Dense(16), Counts::Kept, items, MAX_TERM_BUCKETS)
    }

    fn add_paragraph(&mut self, slot: u32, exact: u16, near: &NearSig) {
        self.exact.insert(exact as u32, slot);
        for (b, band) in self.bands.iter_mut().enumerate() {
            band.insert(band_key(near, b), slot);
        }
    }

    fn add_quote(&mut self, first: u32, words: &[u16]) {
        add_quote(&mut self.pairs, first, words);
    }

    fn add_terms(&mut self, report: u32, terms: &[u16]) {
        add_terms_of(&mut self.terms, report, terms);
    }

    /// A table holds twice the items it has buckets for, and may grow.
    fn is_crowded(&self) -> bool {
        let crowded = |c: &Chains, max: usize| c.items() > 2 * c.buckets() && c.buckets() < max;
        crowded(&self.exact, MAX_EXACT_BUCKETS)
            || crowded(&self.bands[0], MAX_BAND_BUCKETS)
            || crowded(&self.pairs, MAX_PAIR_BUCKETS)
            || crowded(&self.terms, MAX_TERM_BUCKETS)
    }

    fn memory_bytes(&self) -> usize {
        self.exact.memory_bytes()
            + self.bands.iter().map(Chains::memory_bytes).sum::<usize>()
            + self.pairs.memory_bytes()
            + self.terms.memory_bytes()
    }
}

impl Default for Index {
    fn default() -> Self {
        Index::with_capacity(0, 0)
    }
}

impl Index {
    /// An empty index with room for `paras` paragraphs and `words` quoted words (its tables
    /// are built by [`Index::build_tables`] or grow as articles are pushed).
    pub fn with_capacity(paras: usize, words: usize) -> Self {
        Index {
            next_id: 0,
            reports: Vec::new(),
            by_url: UrlMap::default(),
            sites: Vec::new(),
            site_ids: HashMap::new(),
            para_exact: Vec::with_capacity(paras),
            para_near: Vec::with_capacity(paras),
            quote_start: vec![0],
            quote_para: Vec::new(),
            words: Vec::with_capacity(words),
            tables: Tables::sized(0, 0, 0),
            live_reports: 0,
            live_paras: 0,
            dead_paras: 0,
            live_bytes: 0,
        }
    }

    pub fn alive_reports(&self) -> impl Iterator<Item = &Report> {
        self.reports.iter().filter(|r| r.is_alive)
    }

    /// The report of paragraph slot `s` (reports hold consecutive slot ranges, in order; a
    /// search, where a column of owners was 1.2 MB for a load to fill at 300k paragraphs).
    pub fn report_of_slot(&self, s: u32) -> u32 {
        self.reports.partition_point(|r| r.paras.end <= s) as u32
    }

    /// The report of quote slot `q`.
    pub fn report_of_quote(&self, q: u32) -> u32 {
        self.reports.partition_point(|r| r.quotes.end <= q) as u32
    }

    /// The quote slot of a `pairs` item (the quote its word position falls in).
    pub fn quote_of(&self, item: u32) -> u32 {
        self.quote_start.partition_point(|&start| start <= item).saturating_sub(1) as u32
    }

    pub fn quote_words(&self, q: u32) -> &[u16] {
        let q = q as usize;
        &self.words[self.quote_start[q] as usize..self.quote_start[q + 1] as usize]
    }

    fn site_id(&mut self, site: &str) -> u32 {
        if let Some(&id) = self.site_ids.get(site) {
            return id;
        }
        let id = self.sites.len() as u32;
        self.sites.push(site.to_string());
        self.site_ids.insert(site.to_string(), id);
        id
    }

    /// Report `i` as an article to add elsewhere (its strings and lists copied).
    pub fn article(&self, i: usize) -> StoredArticle {
        let r = &self.reports[i];
        StoredArticle {
            id: r.id,
            url: text(&r.url),
            site: self.sites[r.site as usize].clone(),
            title: text(&r.title),
            read_at_ms: r.read_at_ms,
            n_paragraphs: r.n_paragraphs,
            paras: r.paras.clone().map(|s| (self.para_exact[s as usize], self.para_near[s as usize])).collect(),
            quote_paras: r.quotes.clone().map(|q| self.quote_para[q as usize]).collect(),
            quote_lens: r.quotes.clone().map(|q| self.quote_words(q).len() as u8).collect(),
            quote_words: r.quotes.clone().flat_map(|q| self.quote_words(q).iter().copied()).collect(),
            terms: r.terms.clone(),
            facts: r.facts.clone(),
        }
    }

    /// Appends an article and indexes it.
    pub fn push(&mut self, mut a: StoredArticle) {
        let r = self.append(&mut a);
        let rep = &self.reports[r];
        let (paras, quotes, terms) = (rep.paras.clone(), rep.quotes.clone(), rep.terms.clone());
        for slot in paras {
            self.tables.add_paragraph(slot, self.para_exact[slot as usize], &self.para_near[slot as usize]);
        }
        for q in quotes {
            let (first, end) = (self.quote_start[q as usize], self.quote_start[q as usize + 1]);
            self.tables.add_quote(first, &self.words[first as usize..end as usize]);
        }
        self.tables.add_terms(r as u32, &terms);
        if self.tables.is_crowded() {
            self.build_tables();
        }
    }

    /// Appends an article to the arrays, not to the tables (taking its strings and lists, copying
    /// its paragraphs and quotes); returns its report index.
    pub fn append(&mut self, a: &mut StoredArticle) -> usize {
        let bytes = a.encoded_bytes() as u32;
        let r = self.reports.len() as u32;
        let para_start = self.para_exact.len() as u32;
        for (exact, near) in &a.paras {
            self.para_exact.push(*exact);
            self.para_near.push(*near);
        }
        let quote_start = self.quote_para.len() as u32;
        let mut at = 0;
        for (&para, &len) in a.quote_paras.iter().zip(&a.quote_lens) {
            let words = a.quote_words.get(at..at + len as usize).unwrap_or(&[]);
            at += len as usize;
            self.quote_para.push(para);
            self.words.extend_from_slice(words);
            self.quote_start.push(self.words.len() as u32);
        }
        let site = self.site_id(&a.site);
        self.by_url.insert(a.url.as_bytes(), r);
        self.live_reports += 1;
        self.live_paras += a.paras.len();
        self.live_bytes += bytes as usize;
        self.next_id = self.next_id.max(a.id.saturating_add(1));
        self.reports.push(Report {
            id: a.id,
            url: std::mem::take(&mut a.url).into_bytes().into_boxed_slice(),
            site,
            title: std::mem::take(&mut a.title).into_bytes().into_boxed_slice(),
            read_at_ms: a.read_at_ms,
            n_paragraphs: a.n_paragraphs,
            paras: para_start..self.para_exact.len() as u32,
            quotes: quote_start..self.quote_para.len() as u32,
            terms: std::mem::take(&mut a.terms),
            facts: std::mem::take(&mut a.facts),
            bytes,
            is_alive: true,
        });
        r as usize
    }

    /// (Re)builds the tables from the arrays, with room to double.
    pub fn build_tables(&mut self) {
        self.build_paragraph_tables(None);
        self.build_quote_tables();
    }

    /// (Re)builds the exact and band tables; the band keys from `band_columns` when given (the
    /// persisted band-major MinHash: band `b`'s keys are its `b`-th column of 2 bytes a
    /// paragraph), else from the signatures. One table at a time, each from a contiguous column
    /// where it can, so that a pass streams its keys and touches one table's buckets.
    pub fn build_paragraph_tables(&mut self, band_columns: Option<&[u8]>) {
        let n = self.para_exact.len();
        let mut exact = Tables::exact_table(2 * n);
        exact.push_u16(&self.para_exact);
        let mut bands = Vec::with_capacity(BANDS);
        for b in 0..BANDS {
            let mut band = Tables::band_table(2 * n);
            match band_columns {
                Some(cols) if cols.len() == 2 * BANDS * n => band.push_be16(&cols[2 * b * n..2 * (b + 1) * n]),
                _ => {
                    let column: Vec<u8> = self.para_near.iter().flat_map(|near| [near[2 * b], near[2 * b + 1]]).collect();
                    band.push_be16(&column);
                }
            }
            bands.push(band);
        }
        (self.tables.exact, self.tables.bands) = (exact, bands);
    }

    /// (Re)builds the word-pair and term tables.
    pub fn build_quote_tables(&mut self) {
        let terms: usize = self.reports.iter().map(|r| r.terms.len()).sum();
        let mut pairs = Tables::pair_table(2 * self.words.len());
        let quotes = self.quote_para.len() as u32;
        pairs.reserve_items(self.words.len());
        for start in (0..quotes).step_by(CHUNK / 16) {
            add_quotes(&mut pairs, &self.words, &self.quote_start, start..quotes.min(start + CHUNK as u32 / 16));
        }
        self.tables.pairs = pairs;
        let mut table = Tables::term_table(2 * terms);
        table.reserve_items(self.reports.len() * STORY_TERMS);
        for (c, reports) in self.reports.chunks(CHUNK / STORY_TERMS).enumerate() {
            add_terms(&mut table, reports, c * (CHUNK / STORY_TERMS));
        }
        self.tables.terms = table;
    }

    /// Marks a report removed (its slots stay until the next compaction).
    pub fn kill(&mut self, i: usize) {
        let r = &mut self.reports[i];
        if !r.is_alive {
            return;
        }
        r.is_alive = false;
        self.live_reports -= 1;
        self.live_paras -= r.paras.len();
        self.dead_paras += r.paras.len();
        self.live_bytes -= r.bytes as usize;
        self.by_url.remove(&r.url, i as u32);
    }

    /// Rebuilds without the removed reports once they outnumber the living (so, amortised, each
    /// paragraph added is copied a bounded number of times).
    pub fn maybe_compact(&mut self) {
        let dead_reports = self.reports.len() - self.live_reports;
        if self.dead_paras > self.live_paras || dead_reports > self.live_reports + 16 {
            self.compact();
        }
    }

    fn compact(&mut self) {
        let mut fresh = Index::with_capacity(self.live_paras, self.words.len());
        for i in 0..self.reports.len() {
            if self.reports[i].is_alive {
                fresh.append(&mut self.article(i));
            }
        }
        fresh.build_tables();
        fresh.next_id = self.next_id;
        *self = fresh;
    }

    /// Estimated heap memory (bytes).
    pub fn memory_bytes(&self) -> usize {
        let per_report = std::mem::size_of::<Report>();
        let report_heap: usize = self
            .reports
            .iter()
            .map(|r| r.url.len() + r.title.len() + 2 * r.terms.capacity() + 4 * r.facts.capacity())
            .sum();
        report_heap
            + self.reports.capacity() * per_report
            + self.by_url.memory_bytes()
            + self.para_exact.capacity() * 4
            + self.para_near.capacity() * NEAR_LANES
            + self.quote_start.capacity() * 4
            + self.quote_para.capacity()
            + self.words.capacity() * 2
            + self.tables.memory_bytes()
    }
}
