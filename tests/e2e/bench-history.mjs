// Browser benchmark of the reading history at full size (issue 5: "load of that index (10k
// articles / 300k paragraphs) ≤ 100 ms in the background"), printed figures, not a test.
//
//   tests/e2e/bench-history.sh          (writes the history with cargo bench first)
//   LEDE_HISTORY_DIR=dir node tests/e2e/bench-history.mjs
//
// The history is the one `cargo bench --bench history` synthesises from the aeb-dev pages and
// the seeds (LEDE_HISTORY_OUT=dir writes dir/history.bin and dir/queries.json). Per browser:
// it is stored as the extension stores it (the background's IndexedDB: the saved history, and
// LOG records appended as adds append them), then the background is made to load it cold —
// Chromium: every service worker stopped (CDP ServiceWorker.stopAllWorkers), Firefox: the
// extension reloaded (runtime.reload) — RUNS times; the background measures its own load
// (HISTORY_COUNT's `loadMs`: from the first history message to the history ready — the wasm
// start, the storage read beside it, fromBytes, the log replayed — and its parts). Then lookups of the bench's pages, as the content script sends
// them, timed by the background (HISTORY_LOOKUP's `ms`: the core's lookupJson: the page's JSON
// read, its fingerprint, the lookup, the result as JSON), and the same calls against an empty
// history in an extension page (all but the lookup).
import fs from 'node:fs';
import path from 'node:path';
import { BROWSERS, launch, openExtensionPage, sleep, waitFor } from './browsers.mjs';

const DIR = process.env.LEDE_HISTORY_DIR ?? '/tmp/lede-history-bench';
const RUNS = Number(process.env.LEDE_HISTORY_RUNS ?? 7);
/** Records in the log at each load (0: the saved history alone). */
const LOG = Number(process.env.LEDE_HISTORY_LOG ?? 0);
const LOOKUPS = 40;
/** How the saved history is stored: 'blob' (as the extension saves it) or 'array' (a
 *  Uint8Array, as versions before saved it, still read). */
const STORE = process.env.LEDE_HISTORY_STORE ?? 'blob';

const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p90 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(0.9 * xs.length))];
const f = (x) => x.toFixed(1);

/** Runs in an extension page: the background's database, written as the extension writes it. */
async function store(chunks, logRecords, asBlob) {
  const bin = atob(chunks.join(''));
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  await (globalThis.browser ?? chrome).storage.local.remove('history');
  const db = await new Promise((resolve, reject) => {
    const open = indexedDB.open('lede-history', 1);
    open.onupgradeneeded = () => {
      open.result.createObjectStore('main');
      open.result.createObjectStore('log', { autoIncrement: true });
    };
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  await new Promise((resolve, reject) => {
    const tx = db.transaction(['main', 'log'], 'readwrite');
    tx.objectStore('main').put(asBlob ? new Blob([bytes]) : bytes, 'main');
    tx.objectStore('log').clear();
    for (let i = 0; i < logRecords; i++) tx.objectStore('log').add(bytes); // replayed: the same articles again
    tx.oncomplete = resolve;
    tx.onerror = () => reject(tx.error);
  });
  db.close();
  return bytes.length;
}

const send = (page, msg) => page.evaluate((m) => (globalThis.browser ?? chrome).runtime.sendMessage(m), msg);

async function coldLoad(b, page) {
  if (b.name === 'chromium') {
    const cdp = await page.createCDPSession();
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await cdp.detach();
    await sleep(200);
    return { page, info: await send(page, { type: 'history-count' }) };
  }
  // Firefox: reload the extension (its event page starts again); extension pages close.
  await page.evaluate(() => setTimeout(() => browser.runtime.reload(), 0));
  await sleep(1500);
  const fresh = await waitFor(async () => {
    try {
      return await openExtensionPage(b, 'options/options.html');
    } catch {
      return null;
    }
  }, { timeout: 30000, what: 'extension back' });
  await page.close().catch(() => {});
  return { page: fresh, info: await send(fresh, { type: 'history-count' }) };
}

async function benchBrowser(name, bytes, queries) {
  const b = await launch(name);
  try {
    let page = await openExtensionPage(b, 'options/options.html');
    const b64 = bytes.toString('base64');
    const chunks = [];
    for (let i = 0; i < b64.length; i += 1 << 20) chunks.push(b64.slice(i, i + (1 << 20)));
    const stored = await page.evaluate(store, chunks, 0, STORE === 'blob');
    if (LOG > 0) console.error('bench-history: LEDE_HISTORY_LOG is not supported with one history file; ignored');
    const loads = [];
    let count = 0;
    for (let i = 0; i < RUNS; i++) {
      const r = await coldLoad(b, page);
      page = r.page;
      count = r.info.count;
      loads.push({ ms: r.info.loadMs, ...r.info.load });
    }
    const pick = (k) => loads.map((l) => l[k]);
    const lookups = [];
    let repeats = 0;
    for (const q of queries.slice(0, LOOKUPS)) {
      const { isRepeat, ...p } = q;
      const r = await send(page, { type: 'history-lookup', page: p });
      if (r.error) throw new Error(r.error);
      lookups.push(r.ms);
      if (isRepeat && JSON.parse(r.lookupJson).same_story.length > 0) repeats++;
    }
    // The same calls against an empty history, in an extension page with the background's wasm:
    // what lookupJson costs besides the lookup (the page's JSON and fingerprint).
    const alone = await page.evaluate(async (pages) => {
      for (const src of ['/pkg/full/lede-bytes.js', '/pkg/full/lede.js']) {
        await new Promise((resolve, reject) => {
          const s = Object.assign(document.createElement('script'), { src });
          s.onload = resolve;
          s.onerror = () => reject(new Error(`cannot load ${src}`));
          document.head.append(s);
        });
      }
      const b = lede.wasmFactory();
      b.initSync({ module: new WebAssembly.Module(lede.decodeBase64(lede.wasmBase64)) });
      const h = new b.LedeHistory('');
      const ms = [];
      for (let round = 0; round < 2; round++) {
        for (const p of pages) {
          const t0 = performance.now();
          h.lookupJson(JSON.stringify({ ...p, readAtMs: Date.now() }));
          if (round === 1) ms.push(performance.now() - t0);
        }
      }
      return ms;
    }, queries.slice(0, LOOKUPS).map(({ isRepeat, ...p }) => p));
    console.log(`${name}: ${count} articles stored (${stored} bytes in IndexedDB, as ${STORE === 'blob' ? 'a Blob' : 'a Uint8Array'}); cold load median ${f(med(pick('ms')))} ms `
      + `(best ${f(Math.min(...pick('ms')))}, worst ${f(Math.max(...pick('ms')))} of ${RUNS}), from the first history message to the history ready: `
      + `wasm started at ${f(med(pick('engineMs')))} ms, storage read beside it by ${f(med(pick('readMs')))} ms (the database's answer at ${f(med(pick('getMs')))}), `
      + `then fromBytes ${f(med(pick('parseMs')))} ms, log ${f(med(pick('replayMs')))} ms (target: load ≤ 100 ms)`);
    console.log(`${name}: lookupJson median ${f(med(lookups))} ms, p90 ${f(p90(lookups))} ms over ${lookups.length} pages (the first includes warming up: ${f(lookups[0])} ms); repeats found ${repeats} of ${queries.slice(0, LOOKUPS).filter((q) => q.isRepeat).length}`);
    console.log(`${name}: of which the page's JSON and fingerprint (the same calls, empty history): median ${f(med(alone))} ms, p90 ${f(p90(alone))} ms; `
      + `the lookup itself ≈ ${f(med(lookups) - med(alone))} ms median (target ≤ 1 ms)`);
  } finally {
    await b.close();
  }
}

const bytes = fs.readFileSync(path.join(DIR, 'history.bin'));
const queries = JSON.parse(fs.readFileSync(path.join(DIR, 'queries.json'), 'utf8'));
for (const name of BROWSERS) await benchBrowser(name, bytes, queries);
