// All aeb-dev pages in Chromium with the extension: in clean mode the article stays visible
// (recall of the ground truth's shingles in `document.body.innerText` ≥ MIN_MEAN_RECALL on
// average, no page below MIN_PAGE_RECALL, except where the page itself shows less with Lede
// off: there, of what it shows, Lede must keep MIN_PAGE_RECALL); in focus mode the visible text scores
// F1 ≥ MIN_FOCUS_F1 against the ground truth (src/metric.rs's metric, in metric.mjs).
// Pages run with their own scripts, offline: every remote request is aborted before it leaves.
// Also printed, not asserted: on how many pages the in-browser plan equals the native plan
// (page scripts change some pages' DOM, so those legitimately differ).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import zlib from 'node:zlib';
import { startServer } from './server.mjs';
import { launch, settled, tabIdOf, setSettings, clearSettings, statusOf, tabMessage, waitFor } from './browsers.mjs';
import { hasAeb, aebIds, groundTruth, aebTab, aebFile } from './aeb.mjs';
import { score, recall, summarise } from './metric.mjs';
import { watchExtension } from './network.mjs';
import { hasNative, LEDE_BIN, planKey } from './native.mjs';

/** Clean mode must keep the article: mean recall over pages (issue 3). */
const MIN_MEAN_RECALL = 0.99;
/** ... and no single page below this recall. */
const MIN_PAGE_RECALL = 0.9;
/**
 * Focus mode shows the article and little else: F1 of the visible text. Issue 3 asks 0.95;
 * measured 0.9529 (was 0.943, 0.925; native `examples/focus.rs` gives 0.954): the headline
 * (0.0096 F1), the standfirst (0.003) and the lead picture's caption (0.005), which focus mode
 * keeps for the reader, count against precision (the extracted body alone scores 0.971).
 * Bylines, dates and the other captions are hidden. This floor is a ratchet a little below the
 * measured level.
 */
const MIN_FOCUS_F1 = 0.951;

const visibleText = (page) => page.evaluate(() => document.body?.innerText ?? '');

async function waitState(b, tabId, want) {
  return waitFor(async () => {
    const s = await statusOf(b, tabId);
    return s.state === want ? s : null;
  }, { what: `state ${want}` });
}

describe('aeb-dev pages in chromium', { skip: !hasAeb() && 'shared/bench/aeb-dev not found' }, () => {
  let srv;
  let b;
  const clean = [];
  const focus = [];
  const states = {};
  let parity = 0;
  const parityMisses = [];
  let compared = 0;
  /** Pages the walk analysed: their serialised <body> did not round-trip. */
  const walked = [];
  let extensionRemote;
  let pageRemote;

  before(async () => {
    srv = await startServer();
    b = await launch('chromium');
    extensionRemote = await watchExtension(b);
    await clearSettings(b);
    const truth = groundTruth();
    const tab = await aebTab(b);
    pageRemote = tab.remote;
    for (const id of aebIds()) {
      const url = `${srv.origin}/aeb/${id}.html`;
      const want = truth[id]?.articleBody ?? '';
      await setSettings(b, { defaultMode: 'clean' });
      await tab.goto(url);
      const tabId = await tabIdOf(b, url);
      const s = await settled(b, tabId);
      states[s.state] = (states[s.state] ?? 0) + 1;
      if (s.timings?.walked) walked.push(id);
      const cleanText = await visibleText(tab.page);

      if (hasNative() && s.state === 'on') {
        const { plan } = await tabMessage(b, tabId, { type: 'get-plan' });
        const html = zlib.gunzipSync(fs.readFileSync(aebFile(id)));
        const native = JSON.parse(execFileSync(LEDE_BIN, ['clean', '-', '--format', 'json'], { input: html, maxBuffer: 64 << 20 }));
        compared++;
        if (JSON.stringify(planKey(plan)) === JSON.stringify(planKey(native))) parity++;
        else parityMisses.push(id);
      }

      // Lede off: the page as its own HTML and CSS show it (the toggle restores it exactly).
      await tabMessage(b, tabId, { type: 'toggle' });
      await waitState(b, tabId, 'off');
      const offText = await visibleText(tab.page);
      clean.push({ id, clean: score(cleanText, want), off: score(offText, want) });

      // Focus mode: the next turn-on reads the new default mode.
      await setSettings(b, { defaultMode: 'focus' });
      await tabMessage(b, tabId, { type: 'toggle' });
      await waitFor(async () => {
        const st = await statusOf(b, tabId);
        return st.mode === 'focus' && st.state !== 'loading' && st.state !== 'off';
      }, { what: `focus mode on ${id}` });
      focus.push({ id, ...score(await visibleText(tab.page), want) });
    }
    await tab.page.close();
  });
  after(async () => {
    await b?.close();
    await srv?.close();
  });

  test('clean mode keeps the article visible', () => {
    const rows = clean.filter((s) => s.clean.tp + s.clean.fn > 0).map((s) => ({
      id: s.id,
      r: recall(s.clean),
      // Of the truth's shingles the page itself shows (Lede off), the share Lede keeps. Page
      // CSS hides some article text (collapsed tabs, print-only copies): no extension can
      // show that, so this is what Lede answers for.
      kept: s.off.tp === 0 ? 1 : Math.min(1, s.clean.tp / s.off.tp),
      off: recall(s.off),
    }));
    const mean = (xs) => xs.reduce((a, x) => a + x, 0) / xs.length;
    const worst = (key) => [...rows].sort((a, b) => a[key] - b[key]).slice(0, 5).map((w) => `${w.id.slice(0, 10)}=${w[key].toFixed(3)}`).join(' ');
    console.log(`aeb-dev clean mode: ${rows.length} pages; recall of the truth in innerText: mean ${mean(rows.map((x) => x.r)).toFixed(4)} (Lede off: ${mean(rows.map((x) => x.off)).toFixed(4)}), worst ${worst('r')}`);
    console.log(`aeb-dev clean mode: share of the visible truth Lede keeps: mean ${mean(rows.map((x) => x.kept)).toFixed(4)}, worst ${worst('kept')}; states ${JSON.stringify(states)}`);
    console.log(`aeb-dev parity: the browser plan equals the native plan on ${parity} of ${compared} pages${parityMisses.length ? `; not on ${parityMisses.map((x) => x.slice(0, 10)).join(' ')}` : ''}`);
    const m = mean(rows.map((x) => x.r));
    assert.ok(m >= MIN_MEAN_RECALL, `mean recall ${m.toFixed(4)} < ${MIN_MEAN_RECALL}`);
    // A page whose own text (Lede off) is already below the floor is judged by what Lede keeps
    // of it: no extension can show what the page's CSS hides.
    const low = rows.filter((x) => x.r < MIN_PAGE_RECALL && (x.off >= MIN_PAGE_RECALL || x.kept < MIN_PAGE_RECALL));
    assert.deepEqual(low.map((x) => `${x.id} recall ${x.r.toFixed(3)} (Lede off ${x.off.toFixed(3)}, kept ${x.kept.toFixed(3)})`), [], `pages below recall ${MIN_PAGE_RECALL}`);
  });

  // With scripting off (as here) a page's <noscript>s hold elements, and the core must be told
  // (snapshotter.js `noscriptMarkup`) or it miscounts them and the slower walk takes over.
  test('every page goes to the core as its serialised <body>', () => {
    assert.deepEqual(walked, []);
  });

  test('the browser plan is the native plan on every page (snapshot parity)', { skip: !hasNative() && 'no native build' }, () => {
    assert.deepEqual(parityMisses, []);
  });

  test('focus mode shows the article and little else', () => {
    const s = summarise(focus);
    console.log(`aeb-dev focus mode: precision ${s.precision.toFixed(4)}, recall ${s.recall.toFixed(4)}, F1 ${s.f1.toFixed(4)} over ${s.pages} pages`);
    assert.ok(s.f1 >= MIN_FOCUS_F1, `focus F1 ${s.f1.toFixed(4)} < ${MIN_FOCUS_F1}`);
  });

  test('nothing left the machine', () => {
    // Pages ask for remote images and scripts (aborted before they leave); the extension asks
    // for nothing at all.
    assert.deepEqual(extensionRemote, []);
    console.log(`aeb-dev: ${pageRemote.length} remote requests by the pages themselves, all aborted`);
  });
});
