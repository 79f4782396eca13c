//! One lookup: the page's paragraphs, quotations and terms against the index, then each earlier
//! report judged same story, same thread, or neither.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use super::chains::Chains;
use super::index::{band_key, exact16, pair_key, report_of, terms16, text, Index, BANDS};
use super::*;
use crate::fingerprint::{equal_lanes, shared_sorted, NEAR_LANES, NEAR_MIN_EQUAL_LANES};

/// Hashes small integer keys (slots, report indices) fast; they come from the index, not from
/// the page, so SipHash's protection against chosen keys buys nothing here.
#[derive(Default)]
struct IntHasher(u64);

impl Hasher for IntHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u32(b as u32);
        }
    }

    fn write_u32(&mut self, n: u32) {
        self.0 = (self.0.rotate_left(5) ^ n as u64).wrapping_mul(0x517c_c1b7_2722_0a95);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type IntMap<V> = HashMap<u32, V, BuildHasherDefault<IntHasher>>;
type IntSet = HashSet<u32, BuildHasherDefault<IntHasher>>;

/// A page quotation read in a report.
struct QuoteRead {
    /// Index in the fingerprint's quotes.
    quote: u32,
    /// Matched with at least [`QUOTE_MIN_PAIRS_UNRELATED`] word pairs.
    is_long: bool,
    /// In the leads of both articles.
    in_leads: bool,
}

/// Evidence gathered against one earlier report.
#[derive(Default)]
struct Evidence {
    /// Page paragraph → strongest kind read in this report.
    paragraphs: IntMap<MatchKind>,
    /// Page paragraphs read in it whole (exact or near).
    shared_paragraphs: u32,
    /// Page quotations read in it.
    quotes: Vec<QuoteRead>,
    /// Some shared paragraph lies in the leads of both articles.
    in_leads: bool,
    /// Salient terms in common.
    terms: u32,
}

pub(super) struct Matcher<'a> {
    config: &'a HistoryConfig,
    ix: &'a Index,
    page: &'a ReadRecord,
    /// An earlier read of the page's URL, left out.
    self_report: Option<u32>,
    oldest_ms: f64,
    evidence: IntMap<Evidence>,
    /// Page paragraphs that are their site's boilerplate.
    boilerplate: IntSet,
}

impl<'a> Matcher<'a> {
    pub(super) fn new(h: &'a History, page: &'a ReadRecord) -> Self {
        Matcher {
            config: &h.config,
            ix: &h.index,
            page,
            self_report: h.index.by_url.get(page.url.as_bytes(), &h.index.reports),
            oldest_ms: page.read_at_ms - h.config.retention_days * MS_PER_DAY,
            evidence: IntMap::default(),
            boilerplate: IntSet::default(),
        }
    }

    pub(super) fn run(mut self) -> Lookup {
        self.match_paragraphs();
        self.match_quotes();
        self.count_terms();
        self.judge()
    }

    /// A report that may be named: alive, within retention, not this page.
    fn is_usable(&self, r: u32) -> bool {
        let Some(rep) = self.ix.reports.get(r as usize) else { return false };
        rep.is_alive && rep.read_at_ms >= self.oldest_ms && Some(r) != self.self_report
    }

    fn is_page_lead(&self, index: u32) -> bool {
        (index as f32) < STORY_LEAD_SHARE * self.page.fingerprint.paragraphs.len() as f32
    }

    /// Exact and near duplicates of each paragraph, less the boilerplate of sites.
    fn match_paragraphs(&mut self) {
        let ix = self.ix;
        let page_site = ix.site_ids.get(&self.page.site).copied();
        let min_articles = self.config.boilerplate_min_articles.max(2);
        // Buffers reused from paragraph to paragraph (a lookup's allocations were a visible
        // share of it in wasm).
        let mut slots: Vec<u32> = Vec::new();
        // (report, kind, the stored paragraph is in its article's lead)
        let mut found: Vec<(u32, MatchKind, bool)> = Vec::new();
        let mut site_reports: Vec<(u32, u32)> = Vec::new();
        let mut boiler_sites: Vec<u32> = Vec::new();
        for (i, p) in self.page.fingerprint.paragraphs.iter().enumerate() {
            if !p.is_matchable() {
                continue;
            }
            let exact = exact16(p.exact);
            let same = |&s: &u32| ix.para_exact.get(s as usize) == Some(&exact);
            slots.clear();
            slots.extend(ix.tables.exact.get(exact as u32).filter(same).take(MAX_DUPLICATES));
            for b in 0..BANDS {
                // One walk of the chain: a key with too many items is dropped again.
                let at = slots.len();
                slots.extend(ix.tables.bands[b].get(band_key(&p.near, b)).take(MAX_BAND_POSTINGS + 1));
                if slots.len() - at > MAX_BAND_POSTINGS {
                    slots.truncate(at);
                }
            }
            slots.sort_unstable();
            slots.dedup();
            found.clear();
            for &s in &slots {
                // The signature first: most candidates share a band by chance.
                let Some(near) = ix.para_near.get(s as usize) else { continue };
                let lanes = equal_lanes(&p.near, near);
                let kind = if lanes == NEAR_LANES && ix.para_exact[s as usize] == exact {
                    MatchKind::Exact
                } else if lanes >= NEAR_MIN_EQUAL_LANES {
                    MatchKind::Near
                } else {
                    continue;
                };
                let r = ix.report_of_slot(s);
                if !self.is_usable(r) {
                    continue;
                }
                let rep = &ix.reports[r as usize];
                let rank = s.saturating_sub(rep.paras.start);
                found.push((r, kind, (rank as f32) < STORY_LEAD_SHARE * rep.paras.len() as f32));
            }
            if found.is_empty() {
                continue;
            }
            // Boilerplate: enough articles of one site carry it (the page counts for its site).
            site_reports.clear();
            site_reports.extend(found.iter().map(|&(r, _, _)| (ix.reports[r as usize].site, r)));
            site_reports.sort_unstable();
            site_reports.dedup();
            // A site's articles that carry it: its run in the sorted list.
            boiler_sites.clear();
            for run in site_reports.chunk_by(|a, b| a.0 == b.0) {
                let site = run[0].0;
                if run.len() + (Some(site) == page_site) as usize >= min_articles {
                    boiler_sites.push(site);
                }
            }
            if page_site.is_some_and(|s| boiler_sites.contains(&s)) {
                self.boilerplate.insert(i as u32);
                continue;
            }
            for &(r, kind, is_stored_lead) in &found {
                if boiler_sites.contains(&ix.reports[r as usize].site) {
                    continue;
                }
                let in_leads = is_stored_lead && self.is_page_lead(i as u32);
                let e = self.evidence.entry(r).or_default();
                let k = e.paragraphs.entry(i as u32).or_insert(kind);
                *k = (*k).min(kind);
                e.in_leads |= in_leads;
            }
        }
        for e in self.evidence.values_mut() {
            e.shared_paragraphs = e.paragraphs.len() as u32;
        }
    }

    /// Quotations read before, found through their rarer word pairs.
    fn match_quotes(&mut self) {
        let ix = self.ix;
        for (qi, q) in self.page.fingerprint.quotes.iter().enumerate() {
            if self.boilerplate.contains(&q.paragraph) || q.words.len() < 2 {
                continue;
            }
            let words = &q.words[..q.words.len().min(MAX_PAGE_QUOTE_WORDS)];
            let shape = QuoteShape::of(words);
            let mut hits: IntMap<u32> = IntMap::default();
            for key in rarest_first(&ix.tables.pairs, &shape.pairs, PAIR_BUDGET) {
                for item in ix.tables.pairs.get(key) {
                    *hits.entry(ix.quote_of(item)).or_default() += 1;
                }
            }
            for (s, n) in hits {
                if n < MIN_RARE_HITS {
                    continue;
                }
                let r = ix.report_of_quote(s);
                if !self.is_usable(r) {
                    continue;
                }
                let Some(pairs) = shape.matches(&QuoteShape::of(ix.quote_words(s))) else { continue };
                let rep = &ix.reports[r as usize];
                let is_stored_lead = (ix.quote_para[s as usize] as f32) < STORY_LEAD_SHARE * rep.n_paragraphs as f32;
                let in_leads = is_stored_lead && self.is_page_lead(q.paragraph);
                let is_long = pairs >= QUOTE_MIN_PAIRS_UNRELATED;
                // One entry per page quotation and report, the best of its matches there.
                let e = self.evidence.entry(r).or_default();
                match e.quotes.iter_mut().find(|read| read.quote == qi as u32) {
                    Some(read) => {
                        read.is_long |= is_long;
                        read.in_leads |= in_leads;
                    }
                    None => e.quotes.push(QuoteRead { quote: qi as u32, is_long, in_leads }),
                }
            }
        }
    }

    /// Salient terms shared with the reports that share text or rarer terms with the page.
    fn count_terms(&mut self) {
        let ix = self.ix;
        let terms = terms16(&self.page.fingerprint.story.terms);
        let keys: Vec<u32> = terms.iter().map(|&t| t as u32).collect();
        let mut hits: IntMap<u32> = IntMap::default();
        for t in rarest_first(&ix.tables.terms, &keys, TERM_BUDGET) {
            for item in ix.tables.terms.get(t) {
                *hits.entry(report_of(item)).or_default() += 1;
            }
        }
        let candidates = hits.into_iter().filter(|&(_, n)| n >= MIN_RARE_HITS).map(|(r, _)| r);
        let with_text: Vec<u32> = self.evidence.keys().copied().collect();
        for r in candidates.chain(with_text) {
            if !self.is_usable(r) {
                continue;
            }
            let n = shared_sorted(&terms, &ix.reports[r as usize].terms) as u32;
            if n as usize >= THREAD_MIN_TERMS_WITH_FACT || self.evidence.contains_key(&r) {
                self.evidence.entry(r).or_default().terms = n;
            }
        }
    }

    /// Same story, same thread or elsewhere, per report; then the marks per paragraph.
    fn judge(self) -> Lookup {
        let ix = self.ix;
        let fp = &self.page.fingerprint;
        let page_site = ix.site_ids.get(&self.page.site).copied();
        let (mut story, mut thread, mut elsewhere) = (Vec::new(), Vec::new(), Vec::new());
        // Page paragraph → (kind, report).
        let mut marks: IntMap<Vec<(MatchKind, u32)>> = IntMap::default();
        let mut quotes_read = IntSet::default();
        // Page paragraphs matched only in the site's articles on other topics.
        let mut site_text = IntSet::default();
        for (r, mut e) in self.evidence {
            let rep = &ix.reports[r as usize];
            let facts = shared_sorted(&fp.story.facts, &rep.facts);
            let terms = e.terms as usize;
            let is_thread = terms >= THREAD_MIN_TERMS || (terms >= THREAD_MIN_TERMS_WITH_FACT && facts > 0);
            if Some(rep.site) == page_site && !is_thread {
                // Text a site repeats on articles about other things is its boilerplate.
                site_text.extend(e.paragraphs.keys().copied());
                site_text.extend(e.quotes.iter().map(|read| fp.quotes[read.quote as usize].paragraph));
                continue;
            }
            // Short quotations count only within a thread.
            e.quotes.retain(|read| read.is_long || is_thread);
            for &QuoteRead { quote: qi, in_leads, .. } in &e.quotes {
                let k = e.paragraphs.entry(fp.quotes[qi as usize].paragraph).or_insert(MatchKind::Quote);
                *k = (*k).min(MatchKind::Quote);
                e.in_leads |= in_leads;
                quotes_read.insert(qi);
            }
            let shared = e.shared_paragraphs as usize + e.quotes.len();
            let is_story = terms >= STORY_MIN_TERMS && e.in_leads && shared >= STORY_MIN_SHARED;
            if is_story || is_thread {
                for (i, p) in fp.paragraphs.iter().enumerate() {
                    let i = i as u32;
                    if !self.boilerplate.contains(&i) && shared_sorted(&p.facts, &rep.facts) > 0 {
                        e.paragraphs.entry(i).or_insert(MatchKind::Fact);
                    }
                }
            }
            if e.paragraphs.is_empty() && !is_thread {
                continue;
            }
            for (&i, &kind) in &e.paragraphs {
                marks.entry(i).or_default().push((kind, r));
            }
            let report = EarlierReport {
                id: rep.id,
                url: text(&rep.url),
                site: ix.sites[rep.site as usize].clone(),
                title: text(&rep.title),
                read_at_ms: rep.read_at_ms,
                shared_paragraphs: e.shared_paragraphs,
                shared_quotes: e.quotes.len() as u32,
                shared_facts: facts as u32,
                shared_terms: e.terms,
            };
            match (is_story, is_thread) {
                (true, _) => story.push(report),
                (false, true) => thread.push(report),
                _ => elsewhere.push(report),
            }
        }
        let recent_first =
            |a: &EarlierReport, b: &EarlierReport| b.read_at_ms.total_cmp(&a.read_at_ms).then(b.id.cmp(&a.id));
        for list in [&mut story, &mut thread, &mut elsewhere] {
            list.sort_by(recent_first);
        }
        // Words of each paragraph inside quotations read before, for `is_read`.
        let mut quoted_words: IntMap<u32> = IntMap::default();
        for &qi in &quotes_read {
            let q = &fp.quotes[qi as usize];
            *quoted_words.entry(q.paragraph).or_default() += q.words.len() as u32;
        }
        let mut boilerplate: Vec<u32> =
            self.boilerplate.into_iter().chain(site_text.into_iter().filter(|i| !marks.contains_key(i))).collect();
        boilerplate.sort_unstable();
        boilerplate.dedup();
        let mut paragraphs: Vec<ParagraphMatch> = marks
            .into_iter()
            .map(|(index, mut m)| {
                m.sort_by(|a, b| {
                    let (ra, rb) = (&ix.reports[a.1 as usize], &ix.reports[b.1 as usize]);
                    a.0.cmp(&b.0).then(rb.read_at_ms.total_cmp(&ra.read_at_ms)).then(b.1.cmp(&a.1))
                });
                let kind = m[0].0;
                let words = fp.paragraphs.get(index as usize).map_or(0, |p| p.words);
                let quoted = quoted_words.get(&index).copied().unwrap_or(0);
                let is_read = matches!(kind, MatchKind::Exact | MatchKind::Near)
                    || (kind == MatchKind::Quote && quoted as f32 >= QUOTE_READ_SHARE * words as f32);
                let reports = m.into_iter().map(|(_, r)| ix.reports[r as usize].id).collect();
                ParagraphMatch { index, kind, is_read, reports }
            })
            .collect();
        paragraphs.sort_by_key(|p| p.index);
        let total = fp.paragraphs.len().saturating_sub(boilerplate.len()) as u32;
        let read = paragraphs.iter().filter(|p| p.is_read).count() as u32;
        Lookup {
            same_story: story,
            same_thread: thread,
            elsewhere,
            paragraphs,
            boilerplate,
            new_paragraphs: total.saturating_sub(read),
            total_paragraphs: total,
        }
    }
}

/// `keys` in order of how few items they have in `chains`, as many as `budget` items allow.
fn rarest_first(chains: &Chains, keys: &[u32], budget: usize) -> Vec<u32> {
    let mut by_len: Vec<(usize, u32)> = keys.iter().map(|&k| (chains.len_of(k), k)).collect();
    by_len.sort_unstable();
    let mut spent = 0;
    by_len
        .into_iter()
        .take_while(|&(n, _)| {
            spent += n;
            spent <= budget
        })
        .map(|(_, k)| k)
        .collect()
}

/// A quotation's distinct words and word pairs, sorted, for comparing.
struct QuoteShape {
    words: Vec<u32>,
    pairs: Vec<u32>,
}

impl QuoteShape {
    fn of(words: &[u16]) -> Self {
        let sorted = |mut v: Vec<u32>| {
            v.sort_unstable();
            v.dedup();
            v
        };
        QuoteShape {
            words: sorted(words.iter().map(|&w| w as u32).collect()),
            pairs: sorted(words.windows(2).map(|p| pair_key(p[0], p[1])).collect()),
        }
    }

    /// Word pairs shared with `other` when they are the same quotation (see the thresholds in
    /// the module docs), else `None`.
    fn matches(&self, other: &QuoteShape) -> Option<usize> {
        let shared_pairs = shared_sorted(&self.pairs, &other.pairs);
        let word_share =
            shared_sorted(&self.words, &other.words) as f32 / self.words.len().min(other.words.len()).max(1) as f32;
        let pair_share = shared_pairs as f32 / self.pairs.len().min(other.pairs.len()).max(1) as f32;
        (shared_pairs >= QUOTE_MIN_PAIRS && word_share >= QUOTE_MIN_WORD_SHARE && pair_share >= QUOTE_MIN_PAIR_SHARE)
            .then_some(shared_pairs)
    }
}
