// The article-extraction-benchmark metric (shared/bench/aeb-dev/README.md), as src/metric.rs
// computes it (must mirror it): tokens are `\w+` runs (Rust: alphanumeric, `_`, U+0300–U+036F);
// a text's shingles are its runs of 4 tokens, as a multiset (1–3 tokens: one shingle of all).
const WORD = /[\p{Alphabetic}\p{N}_\u0300-\u036f]+/gu;

export const tokens = (text) => text.match(WORD) ?? [];

function shingles(text) {
  const toks = tokens(text);
  const counts = new Map();
  if (toks.length === 0) return counts;
  const add = (k) => counts.set(k, (counts.get(k) ?? 0) + 1);
  if (toks.length < 4) add(toks.join('\u0001'));
  else for (let i = 0; i + 4 <= toks.length; i++) add(toks.slice(i, i + 4).join('\u0001'));
  return counts;
}

const total = (m) => [...m.values()].reduce((a, b) => a + b, 0);

/** { tp, fp, fn } of a predicted text against the truth. */
export function score(predicted, truth) {
  const p = shingles(predicted);
  const t = shingles(truth);
  let tp = 0;
  for (const [k, c] of p) tp += Math.min(c, t.get(k) ?? 0);
  return { tp, fp: total(p) - tp, fn: total(t) - tp };
}

export function precision(s) {
  if (s.fp === 0 && s.fn === 0) return 1;
  if (s.tp + s.fp === 0) return 0;
  return s.tp / (s.tp + s.fp);
}

export function recall(s) {
  if (s.fp === 0 && s.fn === 0) return 1;
  if (s.tp + s.fn === 0) return 0;
  return s.tp / (s.tp + s.fn);
}

/** Means over pages, as the benchmark averages them. */
export function summarise(scores) {
  const mean = (xs) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
  const p = mean(scores.filter((s) => s.tp + s.fp > 0).map(precision));
  const r = mean(scores.filter((s) => s.tp + s.fn > 0).map(recall));
  return { precision: p, recall: r, f1: p + r === 0 ? 0 : (2 * p * r) / (p + r), pages: scores.length };
}
