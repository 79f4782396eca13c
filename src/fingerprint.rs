//! Fingerprints of text: pure functions, the same on every platform (no random seeds), so a
//! hash computed in the extension matches one computed by the CLI.

/// Words per shingle. Four is the benchmark metric's unit and robust to a reworded word.
pub const SHINGLE_WORDS: usize = 4;

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
}
