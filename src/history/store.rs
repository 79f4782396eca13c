//! The persisted form of a [`History`]: compact, versioned, checksummed bytes.
//!
//! ```text
//! header  magic "LEDEHIST" · version u16 · reserved u16 (0) · body length u32 · FNV-1a 64 of body u64
//! body    next id · sites (count, strings) · reports (count, then each:)
//! report  id · read_at_ms f64 · site index · url · title · paragraphs in the article
//!         · stored paragraphs (count, each exact u16 + MinHash 16 bytes = 18 bytes)
//!         · quotes (count, each paragraph u8 · words u8 · words × u16)
//!         · terms (count u8, u16 each) · facts (count u8, u32 each)
//! ```
//!
//! Integers are little-endian; counts, ids and lengths are LEB128 varints; strings are a length
//! and UTF-8. Only the data is stored: the lookup tables are rebuilt on load.

use super::index::{Index, StoredArticle};
use super::HistoryError;
use crate::fingerprint::{hash_bytes, NearSig, NEAR_LANES};

pub const MAGIC: &[u8; 8] = b"LEDEHIST";
/// Bumped on any change of the layout; an older reader refuses a newer file.
pub const FORMAT_VERSION: u16 = 1;
pub const HEADER_BYTES: usize = 8 + 2 + 2 + 4 + 8;
/// A stored paragraph: exact hash and MinHash.
const PARA_BYTES: usize = 2 + NEAR_LANES;

pub fn encode(h: &Index) -> Vec<u8> {
    let mut body = Vec::with_capacity(h.live_bytes);
    // Only the sites still referenced, renumbered.
    let mut site_map: Vec<Option<u32>> = vec![None; h.sites.len()];
    let mut sites: Vec<&str> = Vec::new();
    for r in h.alive_reports() {
        let s = &mut site_map[r.site as usize];
        if s.is_none() {
            *s = Some(sites.len() as u32);
            sites.push(&h.sites[r.site as usize]);
        }
    }
    varint(&mut body, h.next_id as u64);
    varint(&mut body, sites.len() as u64);
    for s in &sites {
        string(&mut body, s);
    }
    varint(&mut body, h.alive_reports().count() as u64);
    for r in h.alive_reports() {
        varint(&mut body, r.id as u64);
        body.extend_from_slice(&r.read_at_ms.to_le_bytes());
        varint(&mut body, site_map[r.site as usize].unwrap_or(0) as u64);
        string(&mut body, &r.url);
        string(&mut body, &r.title);
        varint(&mut body, r.n_paragraphs as u64);
        varint(&mut body, r.paras.len() as u64);
        for slot in r.paras.clone() {
            body.extend_from_slice(&h.para_exact[slot as usize].to_le_bytes());
            body.extend_from_slice(&h.para_near[slot as usize]);
        }
        varint(&mut body, r.quotes.len() as u64);
        for q in r.quotes.clone() {
            let words = h.quote_words(q);
            body.push(h.quote_para[q as usize]);
            body.push(words.len() as u8);
            for w in words {
                body.extend_from_slice(&w.to_le_bytes());
            }
        }
        body.push(r.terms.len() as u8);
        for t in &r.terms {
            body.extend_from_slice(&t.to_le_bytes());
        }
        body.push(r.facts.len() as u8);
        for f in &r.facts {
            body.extend_from_slice(&f.to_le_bytes());
        }
    }
    let mut out = Vec::with_capacity(HEADER_BYTES + body.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out.extend_from_slice(&(body.len() as u32).to_le_bytes());
    out.extend_from_slice(&hash_bytes(&body).to_le_bytes());
    out.extend_from_slice(&body);
    out
}

pub fn decode(bytes: &[u8]) -> Result<Index, HistoryError> {
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
    if hash_bytes(body) != sum {
        return Err(HistoryError::Checksum);
    }
    let mut r = Reader { bytes: body, at: 0 };
    let next_id = r.varint_u32()?;
    let n_sites = r.count(1)?;
    let mut sites = Vec::with_capacity(n_sites);
    for _ in 0..n_sites {
        sites.push(r.string()?);
    }
    let n_reports = r.count(8)?;
    let mut index = Index::default();
    // One article at a time, through one buffer.
    let mut a = StoredArticle::default();
    let mut last_id: Option<u32> = None;
    for _ in 0..n_reports {
        a.id = r.varint_u32()?;
        if last_id.is_some_and(|l| a.id <= l) || a.id >= next_id {
            return Err(HistoryError::Corrupt("report ids out of order"));
        }
        last_id = Some(a.id);
        a.read_at_ms = f64::from_le_bytes(r.array()?);
        let site = sites.get(r.varint_u32()? as usize).ok_or(HistoryError::Corrupt("site index"))?;
        a.site.clear();
        a.site.push_str(site);
        a.url = r.string()?;
        a.title = r.string()?;
        a.n_paragraphs = r.varint_u32()?;
        let n_paras = r.count(PARA_BYTES)?;
        a.paras.clear();
        a.paras.extend(r.take(n_paras * PARA_BYTES)?.chunks_exact(PARA_BYTES).map(|c| {
            let mut near: NearSig = [0; NEAR_LANES];
            near.copy_from_slice(&c[2..]);
            (u16::from_le_bytes([c[0], c[1]]), near)
        }));
        let n_quotes = r.count(2)?;
        a.quote_paras.clear();
        a.quote_lens.clear();
        a.quote_words.clear();
        for _ in 0..n_quotes {
            a.quote_paras.push(r.byte()?);
            let n = r.byte()?;
            a.quote_lens.push(n);
            a.quote_words.extend(r.take(2 * n as usize)?.chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])));
        }
        let n = r.byte()? as usize;
        a.terms = r.take(2 * n)?.chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
        let n = r.byte()? as usize;
        a.facts = r.take(4 * n)?.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect();
        index.append(&mut a);
    }
    if r.at != body.len() {
        return Err(HistoryError::Corrupt("bytes after the last report"));
    }
    index.shrink_to_fit();
    index.build_tables();
    index.next_id = next_id;
    Ok(index)
}

fn varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push(v as u8 | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn string(out: &mut Vec<u8>, s: &str) {
    varint(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
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

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Result<&[u8], HistoryError> {
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
}
