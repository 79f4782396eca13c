//! The persisted form of a [`History`]: compact, versioned, checksummed bytes.
//!
//! ```text
//! header    magic "LEDEHIST" · version u16 · reserved u16 (0) · body length u32 · checksum u64
//! body      next id · sites (count, strings) · reports (count, then each:)
//! report    id · read_at_ms f64 · site index · url · title · paragraphs in the article
//!           · stored paragraphs (count) · quotes (count)
//!           · terms (count u8, u16 each) · facts (count u8, u32 each)
//! columns   (P stored paragraphs of all reports, Q quotes, W quoted words, in report order)
//!           exact hashes P × u16
//!           MinHash, band-major: for each of the 8 bands, P × its 2 lanes
//!           quotes Q × (paragraph u8 · words u8) · quoted words W × u16
//! ```
//!
//! Integers are little-endian; counts, ids and lengths are LEB128 varints; strings are a length
//! and UTF-8. The checksum is [`checksum`] of the body. Only the data is stored (18 bytes a
//! paragraph, ~31 with its article's share): the lookup tables are rebuilt on load. The columns
//! make that cheap: a paragraph column is one copy, and each MinHash band's table is built from
//! its own contiguous column (version 1 interleaved them per article).
//!
//! [`History`]: super::History

use super::chains::{headroom, zeroed, CHUNK};
use super::index::{Index, Report, BANDS};
use super::HistoryError;
use crate::fingerprint::{hash_bytes, mix, NearSig, NEAR_LANES};

pub const MAGIC: &[u8; 8] = b"LEDEHIST";
/// Bumped on any change of the layout; an older reader refuses a newer file. 2: columns, and
/// [`checksum`] instead of FNV-1a (8 bytes a step instead of one).
pub const FORMAT_VERSION: u16 = 2;
pub const HEADER_BYTES: usize = 8 + 2 + 2 + 4 + 8;
/// A stored paragraph: exact hash and MinHash.
const PARA_BYTES: usize = 2 + NEAR_LANES;

/// The body's checksum: four independent lanes over 8-byte words (each step a bijection of the
/// lane's state, so any one changed word changes the result), the tail and the length folded
/// in. ~10x faster than byte-wise FNV-1a on a 9 MB history, natively and in wasm.
pub fn checksum(bytes: &[u8]) -> u64 {
    let mut lanes: [u64; 4] = [0x243f_6a88_85a3_08d3, 0x1319_8a2e_0370_7344, 0xa409_3822_299f_31d0, 0x082e_fa98_ec4e_6c89];
    let words = bytes.len() / 32 * 32;
    // Blocks of 2^16 bytes: a hot loop in calls of its own (see `chains::CHUNK`).
    for block in bytes[..words].chunks(1 << 16) {
        checksum_block(&mut lanes, block);
    }
    let mut h = hash_bytes(&bytes[words..]) ^ mix(bytes.len() as u64);
    for lane in lanes {
        h = mix(h ^ lane);
    }
    h
}

#[inline(never)]
fn checksum_block(lanes: &mut [u64; 4], block: &[u8]) {
    let [mut a, mut b, mut c, mut d] = *lanes;
    for w in block.chunks_exact(32) {
        a = checksum_step(a, &w[0..8]);
        b = checksum_step(b, &w[8..16]);
        c = checksum_step(c, &w[16..24]);
        d = checksum_step(d, &w[24..32]);
    }
    *lanes = [a, b, c, d];
}

/// One lane's step over 8 bytes (always inlined: at opt-level "s" a closure here was a call per
/// 8 bytes, most of the checksum's time in wasm).
#[inline(always)]
fn checksum_step(lane: u64, word: &[u8]) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let w = u64::from_le_bytes([word[0], word[1], word[2], word[3], word[4], word[5], word[6], word[7]]);
    (lane ^ w).wrapping_mul(K).rotate_left(29)
}

/// `src` (little-endian `u16`s) into `dst`, in chunks (see `chains::CHUNK`).
fn le16_into(dst: &mut [u16], src: &[u8]) {
    for (d, s) in dst.chunks_mut(CHUNK).zip(src.chunks(2 * CHUNK)) {
        le16_chunk(d, s);
    }
}

#[inline(never)]
fn le16_chunk(dst: &mut [u16], src: &[u8]) {
    for (d, s) in dst.iter_mut().zip(src.chunks_exact(2)) {
        *d = u16::from_le_bytes([s[0], s[1]]);
    }
}

/// The signatures of `near` from the band-major columns `bands` (2 bytes a paragraph each).
fn transpose_bands(near: &mut [NearSig], bands: &[u8]) {
    let p = near.len();
    for (c, sigs) in near.chunks_mut(CHUNK).enumerate() {
        let at = 2 * c * CHUNK;
        for b in 0..BANDS {
            let column = &bands[2 * b * p + at..2 * b * p + at + 2 * sigs.len()];
            band_into(sigs, column, b);
        }
    }
}

#[inline(never)]
fn band_into(sigs: &mut [NearSig], column: &[u8], b: usize) {
    for (sig, lanes) in sigs.iter_mut().zip(column.chunks_exact(2)) {
        sig[2 * b] = lanes[0];
        sig[2 * b + 1] = lanes[1];
    }
}

/// The alive reports `keep` accepts, as bytes.
pub fn encode(h: &Index, keep: impl Fn(&Report) -> bool) -> Vec<u8> {
    let reports: Vec<&Report> = h.alive_reports().filter(|r| keep(r)).collect();
    let mut body = Vec::with_capacity(reports.iter().map(|r| r.bytes as usize).sum());
    // Only the sites still referenced, renumbered.
    let mut site_map: Vec<Option<u32>> = vec![None; h.sites.len()];
    let mut sites: Vec<&str> = Vec::new();
    for r in &reports {
        let s = &mut site_map[r.site as usize];
        if s.is_none() {
            *s = Some(sites.len() as u32);
            sites.push(&h.sites[r.site as usize]);
        }
    }
    varint(&mut body, h.next_id as u64);
    varint(&mut body, sites.len() as u64);
    for s in &sites {
        string(&mut body, s.as_bytes());
    }
    varint(&mut body, reports.len() as u64);
    for r in &reports {
        varint(&mut body, r.id as u64);
        body.extend_from_slice(&r.read_at_ms.to_le_bytes());
        varint(&mut body, site_map[r.site as usize].unwrap_or(0) as u64);
        string(&mut body, &r.url);
        string(&mut body, &r.title);
        varint(&mut body, r.n_paragraphs as u64);
        varint(&mut body, r.paras.len() as u64);
        varint(&mut body, r.quotes.len() as u64);
        body.push(r.terms.len() as u8);
        for t in &r.terms {
            body.extend_from_slice(&t.to_le_bytes());
        }
        body.push(r.facts.len() as u8);
        for f in &r.facts {
            body.extend_from_slice(&f.to_le_bytes());
        }
    }
    for r in &reports {
        for slot in r.paras.clone() {
            body.extend_from_slice(&h.para_exact[slot as usize].to_le_bytes());
        }
    }
    for b in 0..BANDS {
        for r in &reports {
            for slot in r.paras.clone() {
                body.extend_from_slice(&h.para_near[slot as usize][2 * b..2 * b + 2]);
            }
        }
    }
    for r in &reports {
        for q in r.quotes.clone() {
            body.push(h.quote_para[q as usize]);
            body.push(h.quote_words(q).len() as u8);
        }
    }
    for r in &reports {
        for q in r.quotes.clone() {
            for w in h.quote_words(q) {
                body.extend_from_slice(&w.to_le_bytes());
            }
        }
    }
    let mut out = Vec::with_capacity(HEADER_BYTES + body.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out.extend_from_slice(&(body.len() as u32).to_le_bytes());
    out.extend_from_slice(&checksum(&body).to_le_bytes());
    out.extend_from_slice(&body);
    out
}

/// Reads persisted bytes; with `tables`, builds the lookup tables too (an index to look up in,
/// not one only read from).
/// A load's allocations come to about this many times the body's bytes, besides the bytes
/// themselves (`memory_bytes`: 35 MB for 9.2 MB at 300k paragraphs, a quarter of it in the
/// memory of the bytes when they are freed half way: see [`decode_owned`]).
const LOAD_HEAP_PER_BYTE: usize = 3;

/// Grows the heap by `bytes` in one go. In wasm the allocator grows memory as it runs out, and
/// each `memory.grow` costs V8 ~0.5 ms (it renews the memory's buffer): a load's dozens of
/// grows were ~10 % of it. The block is freed at once and the load's allocations reuse it.
fn reserve_heap(bytes: usize) {
    if cfg!(target_arch = "wasm32") {
        drop(Vec::<u8>::with_capacity(bytes));
    }
}

/// Reads persisted bytes: the index's arrays, and with `tables` its lookup tables.
pub fn decode(bytes: &[u8], tables: bool) -> Result<Index, HistoryError> {
    let (mut index, bands) = decode_arrays(bytes)?;
    if tables {
        index.build_paragraph_tables(Some(&bytes[bands]));
        index.build_quote_tables();
    }
    Ok(index)
}

/// [`decode`] with the tables, of bytes it frees half way: once the paragraph tables are built
/// from their band columns, the word-pair and term tables take the bytes' memory (in wasm,
/// memory touched the first time costs ~0.8 ms a MB: this is ~9 MB less at 300k paragraphs).
pub fn decode_owned(bytes: Vec<u8>) -> Result<Index, HistoryError> {
    let (mut index, bands) = decode_arrays(&bytes)?;
    index.build_paragraph_tables(Some(&bytes[bands]));
    drop(bytes);
    index.build_quote_tables();
    Ok(index)
}

/// The index's arrays, without tables, and where the band columns lie in `bytes`.
fn decode_arrays(bytes: &[u8]) -> Result<(Index, std::ops::Range<usize>), HistoryError> {
    if bytes.len() < HEADER_BYTES {
        return Err(HistoryError::Truncated);
    }
    if &bytes[..8] != MAGIC {
        return Err(HistoryError::NotHistory);
    }
    let mut head = Reader { bytes: &bytes[8..HEADER_BYTES], at: 0 };
    let version = u16::from_le_bytes(head.array()?);
    if version != FORMAT_VERSION {
        return Err(HistoryError::Version { got: version, want: FORMAT_VERSION });
    }
    if head.array::<2>()? != [0, 0] {
        return Err(HistoryError::Corrupt("reserved header bytes"));
    }
    let len = u32::from_le_bytes(head.array()?) as usize;
    let sum = u64::from_le_bytes(head.array()?);
    let body = &bytes[HEADER_BYTES..];
    if body.len() != len {
        return Err(HistoryError::Truncated);
    }
    if checksum(body) != sum {
        return Err(HistoryError::Checksum);
    }
    reserve_heap(LOAD_HEAP_PER_BYTE * body.len());
    let mut r = Reader { bytes: body, at: 0 };
    let next_id = r.varint_u32()?;
    let n_sites = r.count(1)?;
    let mut index = Index::default();
    for _ in 0..n_sites {
        let site = r.string()?;
        if index.site_ids.insert(site.clone(), index.sites.len() as u32).is_some() {
            return Err(HistoryError::Corrupt("a site twice"));
        }
        index.sites.push(site);
    }
    // Report records; their paragraphs and quotes are slot ranges of the columns after them.
    let n_reports = r.count(16)?;
    index.reports.reserve_exact(n_reports + headroom(n_reports));
    index.by_url.reserve(n_reports + headroom(n_reports));
    let mut at = ReportsRead { next_id, last_id: None, paras: 0, quotes: 0 };
    for first in (0..n_reports).step_by(REPORT_CHUNK) {
        read_reports(&mut r, &mut index, &mut at, first..n_reports.min(first + REPORT_CHUNK))?;
    }
    let (n_paras, n_quotes) = (at.paras, at.quotes);
    let (p, q) = (n_paras as usize, n_quotes as usize);
    if p > (body.len() - r.at) / PARA_BYTES || q > (body.len() - r.at - p * PARA_BYTES) / 2 {
        return Err(HistoryError::Truncated);
    }
    // Room for the adds after the load (see `headroom`).
    let room = headroom(p);
    index.para_exact = zeroed(p, room);
    le16_into(&mut index.para_exact, r.take(2 * p)?);
    let bands_at = HEADER_BYTES + r.at;
    let bands = r.take(2 * BANDS * p)?;
    index.para_near = zeroed(p, room);
    transpose_bands(&mut index.para_near, bands);
    let quote_heads = r.take(2 * q)?;
    let room = headroom(q);
    index.quote_para = Vec::with_capacity(q + room);
    index.quote_para.extend(quote_heads.iter().step_by(2));
    index.quote_start = Vec::with_capacity(q + 1 + room);
    index.quote_start.push(0);
    let mut words = 0u32;
    for &n in quote_heads.iter().skip(1).step_by(2) {
        words += n as u32;
        index.quote_start.push(words);
    }
    for rep in index.reports.iter_mut() {
        let w = index.quote_start[rep.quotes.end as usize] - index.quote_start[rep.quotes.start as usize];
        rep.bytes += 2 * w;
    }
    index.words = zeroed(words as usize, headroom(words as usize));
    le16_into(&mut index.words, r.take(2 * words as usize)?);
    if r.at != body.len() {
        return Err(HistoryError::Corrupt("bytes after the last report"));
    }
    index.live_reports = n_reports;
    index.live_paras = p;
    index.live_bytes = index.reports.iter().map(|r| r.bytes as usize).sum();
    index.next_id = next_id;
    Ok((index, bands_at..bands_at + bands.len()))
}

/// Report records are read in calls of this many: V8 runs a call's loop in the code the call
/// started with (see `chains::CHUNK`), and one call over 10k records ran in baseline code,
/// ~14 ms of a cold load in node.
const REPORT_CHUNK: usize = 64;

/// Where the reading of report records is.
struct ReportsRead {
    next_id: u32,
    last_id: Option<u32>,
    /// Paragraph and quote slots of the reports read so far.
    paras: u32,
    quotes: u32,
}

/// Reads the records of reports `reports` into `index`.
#[inline(never)]
fn read_reports(
    r: &mut Reader,
    index: &mut Index,
    at: &mut ReportsRead,
    reports: std::ops::Range<usize>,
) -> Result<(), HistoryError> {
    for i in reports {
        let start = r.at;
        let id = r.varint_u32()?;
        if at.last_id.is_some_and(|l| id <= l) || id >= at.next_id {
            return Err(HistoryError::Corrupt("report ids out of order"));
        }
        at.last_id = Some(id);
        let read_at_ms = f64::from_le_bytes(r.array()?);
        let site_at = r.at;
        let site = r.varint_u32()?;
        let site_name = index.sites.get(site as usize).ok_or(HistoryError::Corrupt("site index"))?;
        let site_varint = r.at - site_at;
        let url: Box<[u8]> = r.text()?.into();
        let title: Box<[u8]> = r.text()?.into();
        let n_paragraphs = r.varint_u32()?;
        let paras = r.count(PARA_BYTES)? as u32;
        let quotes = r.count(2)? as u32;
        let n = r.byte()? as usize;
        let terms: Vec<u16> = r.take(2 * n)?.chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
        let n = r.byte()? as usize;
        let facts: Vec<u32> =
            r.take(4 * n)?.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect();
        let para_range = at.paras..at.paras.checked_add(paras).ok_or(HistoryError::Corrupt("too many paragraphs"))?;
        let quote_range = at.quotes..at.quotes.checked_add(quotes).ok_or(HistoryError::Corrupt("too many quotes"))?;
        (at.paras, at.quotes) = (para_range.end, quote_range.end);
        // What `encoded_bytes` counts (the words of its quotes are added below).
        let bytes = r.at - start - site_varint + varint_bytes(u32::MAX as u64) + string_bytes(site_name);
        let bytes = bytes + paras as usize * PARA_BYTES + 2 * quotes as usize;
        index.by_url.insert(&url, i as u32);
        index.reports.push(Report {
            id,
            url,
            site,
            title,
            read_at_ms,
            n_paragraphs,
            paras: para_range,
            quotes: quote_range,
            terms,
            facts,
            bytes: bytes as u32,
            is_alive: true,
        });
    }
    Ok(())
}

fn varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push(v as u8 | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn string(out: &mut Vec<u8>, s: &[u8]) {
    varint(out, s.len() as u64);
    out.extend_from_slice(s);
}

/// Bytes a string takes.
pub fn string_bytes(s: &str) -> usize {
    varint_bytes(s.len() as u64) + s.len()
}

pub fn varint_bytes(v: u64) -> usize {
    (64 - v.max(1).leading_zeros() as usize).div_ceil(7)
}

/// A bounds-checked cursor: every read is a `Result`, never a panic.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], HistoryError> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.bytes.len()).ok_or(HistoryError::Truncated)?;
        let s = &self.bytes[self.at..end];
        self.at = end;
        Ok(s)
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], HistoryError> {
        let mut a = [0u8; N];
        a.copy_from_slice(self.take(N)?);
        Ok(a)
    }

    fn byte(&mut self) -> Result<u8, HistoryError> {
        Ok(self.take(1)?[0])
    }

    fn varint(&mut self) -> Result<u64, HistoryError> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            v |= ((b & 0x7f) as u64) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(HistoryError::Corrupt("varint too long"))
    }

    fn varint_u32(&mut self) -> Result<u32, HistoryError> {
        u32::try_from(self.varint()?).map_err(|_| HistoryError::Corrupt("number out of range"))
    }

    /// A count of items of at least `min_item_bytes` each: no more than the bytes left can hold,
    /// so a corrupted count cannot make us allocate gigabytes.
    fn count(&mut self, min_item_bytes: usize) -> Result<usize, HistoryError> {
        let n = self.varint()?;
        let left = (self.bytes.len() - self.at) as u64;
        if min_item_bytes > 0 && n > left / min_item_bytes as u64 {
            return Err(HistoryError::Corrupt("count larger than the data"));
        }
        usize::try_from(n).map_err(|_| HistoryError::Corrupt("count out of range"))
    }

    /// A string's bytes, not checked (see `Report::url`).
    fn text(&mut self) -> Result<&'a [u8], HistoryError> {
        let n = self.count(1)?;
        self.take(n)
    }

    fn string(&mut self) -> Result<String, HistoryError> {
        let n = self.count(1)?;
        let s = self.take(n)?;
        String::from_utf8(s.to_vec()).map_err(|_| HistoryError::Corrupt("string is not UTF-8"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_round_trip() {
        for v in [0u64, 1, 127, 128, 300, u32::MAX as u64, u64::MAX] {
            let mut out = Vec::new();
            varint(&mut out, v);
            assert_eq!(out.len(), varint_bytes(v));
            assert_eq!(Reader { bytes: &out, at: 0 }.varint().ok(), Some(v));
        }
    }

    #[test]
    fn checksum_sees_every_word_and_the_length() {
        let bytes: Vec<u8> = (0..200u32).map(|i| (i * 7) as u8).collect();
        let sum = checksum(&bytes);
        for i in 0..bytes.len() {
            let mut b = bytes.clone();
            b[i] ^= 1;
            assert_ne!(checksum(&b), sum, "byte {i}");
        }
        assert_ne!(checksum(&bytes[..199]), sum);
        assert_ne!(checksum(&[0; 64]), checksum(&[0; 65]));
    }
}
