//! The article-extraction-benchmark metric (shared/bench/aeb-dev/README.md): 4-word shingles
//! counted as multisets, precision and recall per page, averaged.

use std::collections::HashMap;

use crate::text::is_word_char;

/// Per-page counts of shared, extra and missing shingles.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct PageScore {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl PageScore {
    pub fn precision(&self) -> f64 {
        if self.fp == 0 && self.fn_ == 0 {
            1.0
        } else if self.tp + self.fp == 0 {
            0.0
        } else {
            self.tp as f64 / (self.tp + self.fp) as f64
        }
    }
    pub fn recall(&self) -> f64 {
        if self.fp == 0 && self.fn_ == 0 {
            1.0
        } else if self.tp + self.fn_ == 0 {
            0.0
        } else {
            self.tp as f64 / (self.tp + self.fn_) as f64
        }
    }
}

/// The `\w+` tokens of a text.
pub fn tokens(text: &str) -> Vec<&str> {
    text.split(|c: char| !is_word_char(c)).filter(|t| !t.is_empty()).collect()
}

fn shingle_counts(text: &str) -> HashMap<Vec<&str>, usize> {
    let toks = tokens(text);
    let mut counts = HashMap::new();
    if toks.is_empty() {
        return counts;
    }
    if toks.len() < 4 {
        *counts.entry(toks).or_insert(0) += 1;
        return counts;
    }
    for w in toks.windows(4) {
        *counts.entry(w.to_vec()).or_insert(0) += 1;
    }
    counts
}

/// Scores one predicted text against the truth.
pub fn score(predicted: &str, truth: &str) -> PageScore {
    let p = shingle_counts(predicted);
    let t = shingle_counts(truth);
    let np: usize = p.values().sum();
    let nt: usize = t.values().sum();
    let tp: usize = p.iter().map(|(k, c)| (*c).min(*t.get(k).unwrap_or(&0))).sum();
    PageScore { tp, fp: np - tp, fn_: nt - tp }
}

/// Averages over pages, as the benchmark does.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Summary {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub pages: usize,
}

pub fn summarise(scores: &[PageScore]) -> Summary {
    let mean = |xs: Vec<f64>| if xs.is_empty() { 0.0 } else { xs.iter().sum::<f64>() / xs.len() as f64 };
    let precision = mean(scores.iter().filter(|s| s.tp + s.fp > 0).map(|s| s.precision()).collect());
    let recall = mean(scores.iter().filter(|s| s.tp + s.fn_ > 0).map(|s| s.recall()).collect());
    let f1 = if precision + recall == 0.0 { 0.0 } else { 2.0 * precision * recall / (precision + recall) };
    Summary { precision, recall, f1, pages: scores.len() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_texts_score_one() {
        let s = score("one two three four five", "one two three four five");
        assert_eq!((s.tp, s.fp, s.fn_), (2, 0, 0));
        assert_eq!(s.precision(), 1.0);
    }

    #[test]
    fn extra_and_missing_shingles() {
        let s = score("a b c d e f", "a b c d");
        assert_eq!((s.tp, s.fp, s.fn_), (1, 2, 0));
        let s = score("", "a b c d");
        assert_eq!((s.tp, s.fp, s.fn_), (0, 0, 1));
        assert_eq!(s.recall(), 0.0);
    }

    #[test]
    fn short_text_is_one_shingle() {
        let s = score("Hello, world", "hello world");
        assert_eq!((s.tp, s.fp, s.fn_), (0, 1, 1));
    }
}
