// lede.watcher: watches the page for content added after the first analysis (lazy ads,
// teasers, infinite scroll) and notifies in batches.
//
// The MutationObserver callback only notes that something arrived; the work runs later in a
// frame-scheduled batch (uBlock: "Do not handle added node directly from within mutation
// observer"). Batches are spaced out: never closer than MIN_BATCH_INTERVAL_MS, nor than
// BATCH_COST_FACTOR times what the last batch cost, so a page that changes all the time (a
// ticker, a clock) cannot keep the reader's CPU busy.
'use strict';
var lede = globalThis.lede || (globalThis.lede = {});

lede.watcher = (() => {
  /** Shortest time between two batches, ms. Arbitrary: long enough to gather a lazy-loaded
   *  block's pieces into one batch, short enough that an ad is gone before it is noticed. */
  const MIN_BATCH_INTERVAL_MS = 100;
  /** A batch that cost t ms waits at least t × this before the next (at most 1/8 of the time). */
  const BATCH_COST_FACTOR = 8;
  /** When the page has no animation frame for this long (a background tab), run anyway, ms. */
  const FRAME_FALLBACK_MS = 250;
  /** Added nodes that cannot carry visible text: they never start a batch. */
  const INERT_TAGS = new Set(['SCRIPT', 'STYLE', 'LINK', 'META', 'NOSCRIPT', 'TEMPLATE', 'IFRAME', 'BR', 'IMG']);
  /** Text that is only white space. */
  const BLANK = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$/;

  let observer = null;
  let listener = null;
  let pending = false;
  let scheduled = false;
  let running = false;
  let lastEnd = 0;
  let nextGap = MIN_BATCH_INTERVAL_MS;

  function matters(node) {
    if (lede.annotator?.owns(node)) return false; // Lede's own annotations
    if (node.nodeType === Node.ELEMENT_NODE) return !INERT_TAGS.has(node.nodeName.toUpperCase());
    if (node.nodeType === Node.TEXT_NODE) return !BLANK.test(node.data);
    return false;
  }

  function onMutations(mutations) {
    if (pending) return;
    for (const m of mutations) {
      for (const n of m.addedNodes) {
        if (matters(n)) {
          pending = true;
          schedule();
          return;
        }
      }
    }
  }

  function schedule() {
    if (scheduled || !listener) return;
    scheduled = true;
    const wait = Math.max(0, lastEnd + nextGap - performance.now());
    setTimeout(() => {
      let done = false;
      const go = () => {
        if (done) return;
        done = true;
        run();
      };
      requestAnimationFrame(go);
      setTimeout(go, FRAME_FALLBACK_MS);
    }, wait);
  }

  async function run() {
    scheduled = false;
    if (!pending || !listener || running) return;
    pending = false;
    running = true;
    const t0 = performance.now();
    try {
      await listener();
    } catch (e) {
      console.error('lede: watcher batch', location.href, e);
    } finally {
      running = false;
      lastEnd = performance.now();
      nextGap = Math.max(MIN_BATCH_INTERVAL_MS, (lastEnd - t0) * BATCH_COST_FACTOR);
      if (pending) schedule();
    }
  }

  /** Calls `onBatch()` (which may return a promise) after content is added to the page. */
  function start(onBatch) {
    stop();
    listener = onBatch;
    observer = new MutationObserver(onMutations);
    observer.observe(document.documentElement, { childList: true, subtree: true });
  }

  function stop() {
    if (observer) observer.disconnect();
    observer = null;
    listener = null;
    pending = false;
  }

  return Object.freeze({ start, stop });
})();
