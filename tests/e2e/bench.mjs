// In-browser benchmark (printed figures, not a timed test): on the aeb-dev pages in headless
// Chromium and Firefox, what Lede costs in the page, with Readability.js timed in the same
// pages in the same run.
//
//   tests/e2e/bench.sh                  (run by `make bench-browser`; installs and builds first)
//   node tests/e2e/bench.mjs            (when everything is built)
//   LEDE_BROWSERS=chromium LEDE_AEB_LIMIT=30 node tests/e2e/bench.mjs
//   LEDE_BENCH_DUMP=/tmp/b node tests/e2e/bench.mjs   (also writes each page's figures to /tmp/b.<browser>.json)
//   LEDE_BENCH_RUNS=3 node tests/e2e/bench.mjs         (each page 3 times: its median figures)
//
// Each page runs twice: as Lede runs by default (the page's serialised <body> goes to the core)
// and with the DOM walk (setting `snapshotForm: 'walk'`), for the comparison.
//
// Per page, from Lede's own status (content/main.js): snapshot (the serialised <body>, or the
// walk's packed snapshot), analyse (the page encoded into the core's memory, the core, the plan
// parsed; `core` is the wasm call alone), apply (marks), total (DOM ready → plan applied), init (wasm start
// on the main thread: base64 decode + instantiate; compiling runs off the main thread while
// the page loads), wait (the snapshot was ready before the compiled module) and scripts
// (evaluating the content scripts, wasm bytes included). Readability:
// `new Readability(document.cloneNode(true)).parse()` in the page, timed there. Then: the
// background round trip on pages with a strict CSP (the analysis runs in the background in
// Chromium), and the wasm boundary on the biggest pages (the packed snapshot's crossing and
// decoding against the whole call, warm).
// The pages run without their own scripts and offline (see aeb.mjs).
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { startServer } from './server.mjs';
import { BROWSERS, launch, tabIdOf, settled, clearSettings, setSettings, controlPage } from './browsers.mjs';
import { hasAeb, aebIds, aebTab } from './aeb.mjs';

const require = createRequire(import.meta.url);
const READABILITY = fs.readFileSync(require.resolve('@mozilla/readability/Readability.js'), 'utf8');
const SNAPSHOTTER = fs.readFileSync(path.join(path.dirname(new URL(import.meta.url).pathname), '../../extension/content/snapshotter.js'), 'utf8');
/** Pages with a strict CSP for the background round trip. Arbitrary: enough for a median. */
const CSP_PAGES = 30;
/** The biggest pages, for the boundary comparison. */
const BOUNDARY_PAGES = 10;
/** Runs of each boundary call per page; the median is kept. */
const BOUNDARY_RUNS = 7;

function quantile(xs, q) {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}
const med = (xs) => quantile(xs, 0.5);
const p90 = (xs) => quantile(xs, 0.9);
const f = (x) => (Number.isFinite(x) ? x.toFixed(2).padStart(7) : '    n/a');

/** Loads of each page with the serialised <body> (the default form), Readability.js timed
 *  after each: on a busy machine one load's figures swing with what else runs, so with more
 *  than one a page's figures are its medians over them (the same for Lede and Readability.js). */
const RUNS = Math.max(1, Number(process.env.LEDE_BENCH_RUNS ?? 1));

/** Per numeric field, the median of `runs` (the lower middle for an even count); the rest from the first. */
function medianOf(runs) {
  const out = { ...runs[0] };
  for (const [k, v] of Object.entries(out)) {
    if (typeof v === 'number') out[k] = quantile(runs.map((x) => x[k]), 0.5 - 1e-9);
  }
  return out;
}

/** Loads a page and waits for Lede; a page that does not load in time counts as 'failed'. */
async function ledeRun(b, tab, url) {
  try {
    await tab.goto(url);
    const tabId = await tabIdOf(b, url);
    return await settled(b, tabId);
  } catch (e) {
    console.error(`bench: ${url}: ${e.message.split('\n')[0]}`);
    return { state: 'failed' };
  }
}

async function readabilityMs(page) {
  return page.evaluate((src) => {
    if (!window.__Readability) window.__Readability = (0, eval)(`${src}\n;Readability`);
    const t0 = performance.now();
    new window.__Readability(document.cloneNode(true)).parse();
    return performance.now() - t0;
  }, READABILITY);
}

async function benchBrowser(name, srv) {
  const b = await launch(name, { pageScripts: false });
  try {
    await clearSettings(b);
    const tab = await aebTab(b);
    const ids = aebIds();
    const rows = [];
    const states = {};
    // Each page twice, in turn first: with the serialised <body> (the default) and with the
    // DOM walk, for the comparison (setting `snapshotForm`).
    const walkRows = [];
    let turn = 0;
    for (const id of ids) {
      if (process.env.LEDE_BENCH_VERBOSE) console.error(name, id);
      const forms = turn++ % 2 ? ['walk', 'markup'] : ['markup', 'walk'];
      for (const form of forms) {
        await setSettings(b, { snapshotForm: form });
        const s = await ledeRun(b, tab, `${srv.origin}/aeb/${id}.html`);
        if (form === 'walk') {
          if (s.state === 'on') walkRows.push({ id, ...s.timings });
          continue;
        }
        states[s.state] = (states[s.state] ?? 0) + 1;
        if (s.state === 'failed') continue;
        const runs = [{ ...s.timings, readability: await readabilityMs(tab.page), state: s.state }];
        // Again, for LEDE_BENCH_RUNS: each figure is the page's median over its runs.
        for (let k = 1; k < RUNS; k++) {
          const again = await ledeRun(b, tab, `${srv.origin}/aeb/${id}.html?run=${k}`);
          if (again.state === 'failed') continue;
          runs.push({ ...again.timings, readability: await readabilityMs(tab.page), state: again.state });
        }
        if (runs.every((x) => x.state === 'on')) rows.push({ id, ...medianOf(runs), engine: s.engine });
      }
    }
    await setSettings(b, { snapshotForm: 'markup' });

    // Strict CSP: the background path in Chromium, the page in Firefox.
    const csp = [];
    for (const id of ids.slice(0, CSP_PAGES)) {
      const s = await ledeRun(b, tab, `${srv.origin}/csp-script/aeb/${id}.html`);
      const plain = rows.find((r) => r.id === id);
      if (s.state === 'on' && plain) csp.push({ engine: s.engine, analyse: s.timings.analyse, core: s.timings.background ?? s.timings.analyse, inPage: plain.analyse });
    }

    // The boundary: the packed snapshots of the biggest pages, analysed again and again in an
    // extension page (warm code): the whole call, and the crossing alone (copy in + decode; a
    // config the core refuses after decoding).
    const biggest = [...rows].sort((a, b2) => b2.nodes - a.nodes).slice(0, BOUNDARY_PAGES);
    const snapshots = [];
    for (const { id } of biggest) {
      await tab.goto(`${srv.origin}/aeb/${id}.html`);
      snapshots.push(await tab.page.evaluate((src) => {
        const holder = {};
        new Function('globalThis', `${src}`)(holder);
        const s = holder.lede.snapshotter.take();
        return { nums: s.nums, strs: s.strs, nodes: s.nodes };
      }, SNAPSHOTTER));
    }
    const control = await controlPage(b);
    const boundary = await control.evaluate(async (snaps, runs, urls) => {
      for (const u of urls) {
        await new Promise((resolve, reject) => {
          const el = document.createElement('script');
          el.src = u;
          el.onload = resolve;
          el.onerror = reject;
          document.head.append(el);
        });
      }
      const w = lede.wasmFactory();
      w.initSync({ module: new WebAssembly.Module(Uint8Array.fromBase64(lede.wasmBase64)) });
      const cfg = JSON.stringify({ mode: 'clean' });
      const median = (fn) => {
        fn();
        const t = [];
        for (let i = 0; i < runs; i++) {
          const t0 = performance.now();
          fn();
          t.push(performance.now() - t0);
        }
        return t.sort((a, b) => a - b)[runs >> 1];
      };
      const quiet = (fn) => () => { try { fn(); } catch { /* refused, as intended */ } };
      return snaps.map((s) => ({
        nodes: s.nodes,
        call: median(() => JSON.parse(w.analysePacked(s.nums, s.strs, cfg))),
        crossing: median(quiet(() => w.analysePacked(s.nums, s.strs, '{'))),
      }));
    }, snapshots, BOUNDARY_RUNS, [b.extUrl('pkg/lede-bytes.js'), b.extUrl('pkg/lede.js')]);
    return { name, rows, walkRows, states, csp, boundary };
  } finally {
    await b.close();
  }
}

function report({ name, rows, walkRows, states, csp, boundary }) {
  if (process.env.LEDE_BENCH_DUMP) fs.writeFileSync(`${process.env.LEDE_BENCH_DUMP}.${name}.json`, JSON.stringify({ rows, walkRows }));
  const col = (k) => rows.map((r) => r[k]);
  console.log(`\n== ${name}: ${rows.length} pages cleaned (states ${JSON.stringify(states)}); ms per page${RUNS > 1 ? `, each the median of ${RUNS} loads` : ""}`);
  console.log(`  snapshot: the serialised <body> on ${rows.filter((r) => !r.walked).length} pages, the DOM walk on ${rows.filter((r) => r.walked).length}`);
  console.log('               median     p90');
  for (const k of ['snapshot', 'analyse', 'apply', 'total', 'init', 'wait', 'scripts', 'readability']) {
    console.log(`  ${k.padEnd(12)} ${f(med(col(k)))} ${f(p90(col(k)))}`);
  }
  const rm = med(col('readability'));
  const rp = p90(col('readability'));
  console.log(`  Lede total / Readability: median ${(med(col('total')) / rm).toFixed(3)} (goal ≤ 0.2, stretch 0.1), p90 ${(p90(col('total')) / rp).toFixed(3)} (goal ≤ 0.33)`);
  // What the front end costs with the core taken out: the ratio a core that took no time would give.
  const rest = rows.map((r) => r.total - r.core);
  console.log(`  the core alone (the wasm call) ${f(med(col('core')))} ${f(p90(col('core')))}; the total without it ${f(med(rest))} ${f(p90(rest))}, / Readability: median ${(med(rest) / rm).toFixed(3)}, p90 ${(p90(rest) / rp).toFixed(3)}`);
  const wcol = (k) => walkRows.map((r) => r[k]);
  console.log(`  the same pages with the DOM walk instead (${walkRows.length} pages): snapshot ${f(med(wcol('snapshot')))} ${f(p90(wcol('snapshot')))}, analyse ${f(med(wcol('analyse')))} ${f(p90(wcol('analyse')))}, total ${f(med(wcol('total')))} ${f(p90(wcol('total')))}`);
  const startup = rows.map((r) => r.init + r.scripts);
  console.log(`  content-script start-up (scripts at document_start + wasm init on the main thread): median ${f(med(startup))} p90 ${f(p90(startup))} ms (goal: median ≤ 10)`);
  if (csp.length) {
    const engines = [...new Set(csp.map((c) => c.engine))].join('/');
    console.log(`  strict CSP (${csp.length} pages, core in the ${engines}): analyse median ${f(med(csp.map((c) => c.analyse)))} p90 ${f(p90(csp.map((c) => c.analyse)))}, of which the core ${f(med(csp.map((c) => c.core)))}, so the round trip ${f(med(csp.map((c) => c.analyse - c.core)))}; the same pages without CSP: analyse median ${f(med(csp.map((c) => c.inPage)))}`);
  }
  if (boundary.length) {
    console.log(`  boundary on the ${boundary.length} biggest pages (${Math.min(...boundary.map((x) => x.nodes))}–${Math.max(...boundary.map((x) => x.nodes))} nodes), medians:`);
    console.log(`    warm analysePacked: whole call ${f(med(boundary.map((x) => x.call)))}, of which crossing and decoding ${f(med(boundary.map((x) => x.crossing)))}`);
  }
}

if (!hasAeb()) {
  console.error('bench: shared/bench/aeb-dev not found');
  process.exit(1);
}
const srv = await startServer();
try {
  for (const name of BROWSERS) report(await benchBrowser(name, srv));
} finally {
  await srv.close();
}
