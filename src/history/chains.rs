//! A multimap from `u32` keys to `u32` items, as singly linked chains in flat arrays: no
//! allocation per key, O(1) insert. Items are small integers (slots), so the caller keeps
//! per-item data in parallel vectors or computes it from the item. Keys fall into a power-of-two number of buckets, so a
//! bucket's chain may hold other keys' items: the caller checks.

/// Items are stored plus one, so that 0 (a fresh allocation's zero) is the end of a chain: the
/// tables of a load are allocated zeroed, which costs nothing (fresh wasm memory is zero), where
/// filling them with a sentinel was a pass over every bucket.
const NONE: u32 = 0;

/// Items a bulk fill hands to one call of its inner loop. In wasm, V8 runs a function's first
/// calls in its baseline compiler and tiers up a hot function between calls (never in the
/// middle of a loop): a load's hot loops run in calls of this many items, so that all but the
/// first few run optimised.
pub const CHUNK: usize = 4096;

/// How keys map to buckets.
#[derive(Debug, Clone, Copy)]
pub enum Keys {
    /// Keys of this many bits, spread evenly already: a bucket is the key's top bits, so keys
    /// that share their top bits (one MinHash band) share a region of the table, and inserting
    /// them together stays in cache.
    Dense(u32),
    /// Any `u32`: hashed.
    Hashed,
}

/// Room left for items added after a table is built in one go (a load): without it the first
/// add after a load copies every table (~15 ms at 300k paragraphs).
pub fn headroom(items: usize) -> usize {
    items / 16 + 256
}

/// `len` zeros with room for `room` more, allocated zeroed (no pass over them).
/// (`T::default()` must be all zero bytes: u32, [u8; N]…)
pub fn zeroed<T: Clone + Default>(len: usize, room: usize) -> Vec<T> {
    let mut v = vec![T::default(); len + room];
    v.truncate(len);
    v
}

/// Whether a table counts the items of each bucket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counts {
    /// Kept beside the bucket's head, for [`Chains::len_of`] (a lookup orders keys by it).
    Kept,
    /// Not kept: half the buckets' memory, which a load touches fresh (a lookup that caps a
    /// key's items walks its chain instead).
    None,
}

#[derive(Debug, Clone)]
pub struct Chains {
    keys: Keys,
    /// Words per bucket: its first (most recent) item + 1 (0: none), then, with
    /// [`Counts::Kept`], its number of items (to skip buckets too common to be evidence); side
    /// by side, so an insert touches one cache line at random.
    width: usize,
    buckets: Vec<u32>,
    /// The next (older) item of the same bucket + 1 (0: none), per item.
    next: Vec<u32>,
    /// 32 − log2(buckets).
    shift: u32,
}

impl Chains {
    /// A table of about `items` buckets (a power of two, from 256 up to `max_buckets`).
    pub fn new(keys: Keys, counts: Counts, items: usize, max_buckets: usize) -> Self {
        let n = items.next_power_of_two().clamp(256, max_buckets.next_power_of_two().max(256));
        let width = if counts == Counts::Kept { 2 } else { 1 };
        Chains { keys, width, buckets: vec![NONE; width * n], next: Vec::new(), shift: 32 - n.trailing_zeros() }
    }

    #[inline]
    fn bucket(&self, key: u32) -> usize {
        self.width * bucket_of(self.keys, self.shift, key)
    }

    /// Makes room for items up to `items - 1`, to insert them in any order.
    pub fn reserve_items(&mut self, items: usize) {
        if items > self.next.len() {
            self.grow(items - self.next.len());
        }
    }

    /// `n` more items (their links zero), with headroom.
    fn grow(&mut self, n: usize) {
        let len = self.next.len() + n;
        if self.next.is_empty() {
            self.next = zeroed(len, headroom(len));
        } else {
            self.next.reserve_exact(n + headroom(len));
            self.next.resize(len, NONE);
        }
    }

    /// Puts the next items (`items()`, `items() + 1`, …) under the keys of `column`, 2 bytes a
    /// key, big-endian (a persisted MinHash band): a table built in one pass.
    pub fn push_be16(&mut self, column: &[u8]) {
        let (first, n) = (self.next.len(), column.len() / 2);
        self.grow(n);
        let (keys, shift) = (self.keys, self.shift);
        for (c, part) in column.chunks(2 * CHUNK).enumerate() {
            let at = first + c * CHUNK;
            let next = &mut self.next[at..];
            match self.width {
                1 => fill_be16::<1>(&mut self.buckets, next, part, at as u32, keys, shift),
                _ => fill_be16::<2>(&mut self.buckets, next, part, at as u32, keys, shift),
            }
        }
    }

    /// [`Chains::push_be16`] of keys given as `u16`.
    pub fn push_u16(&mut self, column: &[u16]) {
        let (first, n) = (self.next.len(), column.len());
        self.grow(n);
        let (keys, shift) = (self.keys, self.shift);
        for (c, part) in column.chunks(CHUNK).enumerate() {
            let at = first + c * CHUNK;
            let next = &mut self.next[at..];
            match self.width {
                1 => fill_u16::<1>(&mut self.buckets, next, part, at as u32, keys, shift),
                _ => fill_u16::<2>(&mut self.buckets, next, part, at as u32, keys, shift),
            }
        }
    }

    /// Puts `item` under `key` (items may come in any order; each once).
    #[inline(always)]
    pub fn insert(&mut self, key: u32, item: u32) {
        let i = item as usize;
        if i >= self.next.len() {
            self.next.resize(i + 1, NONE);
        }
        let b = self.bucket(key);
        self.next[i] = self.buckets[b];
        self.buckets[b] = item + 1;
        if self.width == 2 {
            self.buckets[b + 1] += 1;
        }
    }

    /// Items in `key`'s bucket (a superset of `key`'s items), most recently inserted first.
    pub fn get(&self, key: u32) -> ChainIter<'_> {
        ChainIter { next: &self.next, at: self.buckets[self.bucket(key)] }
    }

    /// Items in `key`'s bucket (a table with [`Counts::Kept`]; else 0).
    pub fn len_of(&self, key: u32) -> usize {
        debug_assert_eq!(self.width, 2, "len_of on a table without counts");
        self.buckets.get(self.bucket(key) + 1).map_or(0, |&n| n as usize)
    }

    pub fn items(&self) -> usize {
        self.next.len()
    }

    pub fn buckets(&self) -> usize {
        self.buckets.len() / self.width
    }

    pub fn memory_bytes(&self) -> usize {
        self.buckets.capacity() * 4 + self.next.capacity() * 4
    }
}

#[inline(always)]
fn bucket_of(keys: Keys, shift: u32, key: u32) -> usize {
    let spread = match keys {
        Keys::Dense(bits) => key << (32 - bits.clamp(1, 32)),
        Keys::Hashed => key.wrapping_mul(0x9e37_79b1),
    };
    (spread >> shift) as usize
}

/// One chunk of [`Chains::push_be16`]: items `first`, `first + 1`, … into buckets of `W`
/// words (not inlined: see [`CHUNK`]).
#[inline(never)]
fn fill_be16<const W: usize>(buckets: &mut [u32], next: &mut [u32], keys: &[u8], first: u32, k: Keys, shift: u32) {
    for ((link, key), item) in next.iter_mut().zip(keys.chunks_exact(2)).zip(first + 1..) {
        push_item::<W>(buckets, link, bucket_of(k, shift, (key[0] as u32) << 8 | key[1] as u32), item);
    }
}

/// One chunk of [`Chains::push_u16`].
#[inline(never)]
fn fill_u16<const W: usize>(buckets: &mut [u32], next: &mut [u32], keys: &[u16], first: u32, k: Keys, shift: u32) {
    for ((link, &key), item) in next.iter_mut().zip(keys).zip(first + 1..) {
        push_item::<W>(buckets, link, bucket_of(k, shift, key as u32), item);
    }
}

/// Item (+ 1) `item` at the head of bucket `b`, its link `link` set to the old head.
#[inline(always)]
fn push_item<const W: usize>(buckets: &mut [u32], link: &mut u32, b: usize, item: u32) {
    let bucket = &mut buckets[W * b..W * b + W];
    *link = bucket[0];
    bucket[0] = item;
    if W == 2 {
        bucket[1] += 1;
    }
}

pub struct ChainIter<'a> {
    next: &'a [u32],
    at: u32,
}

impl Iterator for ChainIter<'_> {
    type Item = u32;

    fn next(&mut self) -> Option<u32> {
        if self.at == NONE {
            return None;
        }
        let item = self.at - 1;
        self.at = self.next.get(item as usize).copied().unwrap_or(NONE);
        Some(item)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_come_back_under_their_key_newest_first() {
        for keys in [Keys::Hashed, Keys::Dense(16)] {
            let mut c = Chains::new(keys, Counts::Kept, 0, 1 << 16);
            c.insert(1, 0);
            c.insert(1, 1);
            c.insert(40_000, 2);
            assert!(c.get(1).collect::<Vec<_>>().starts_with(&[1, 0]));
            assert!(c.get(40_000).any(|i| i == 2));
            assert_eq!(c.len_of(1), 2);
            assert_eq!(c.buckets(), 256);
        }
    }

    #[test]
    fn items_may_be_inserted_out_of_order() {
        let mut c = Chains::new(Keys::Dense(8), Counts::None, 4, 256);
        c.insert(7, 3);
        c.insert(7, 0);
        assert_eq!(c.get(7).collect::<Vec<_>>(), [0, 3]);
        assert_eq!(c.items(), 4);
    }
}
