// The Lede demo page: loads the core (www/pkg, built by scripts/build-www.sh), shows a page in
// the sandboxed frame and lets src/dom.rs clean it in place; this file only wires the controls
// and fills the side panel.
//
// Components, each with one job:
// - core:    the wasm module (demoClean, demoReset, DemoHistory); dead after a trap;
// - source:  where the page comes from (a sample, a local file, pasted HTML) → HTML text;
// - frame:   HTML → the frame's document (srcdoc; the frame has no allow-scripts);
// - panel:   a demoClean report → counts per reason, timings; read reports → the reads list;
// - repeats: the demo reading history (DemoHistory, in this tab's memory only).
//
// Untrusted text (page titles, sites, hidden text) only ever goes into textContent.
// For the tests: window.ledeDemo exposes the state; <body data-ready="true"> once the core and
// the sample list are loaded, data-busy="true" while a page is being shown.
import init, { demoClean, demoReset, demoSnapshot, DemoHistory, version } from './pkg/lede_demo.js';

/** Reading order of the seed samples: the story thread's order of events (Feb 27 meeting,
 *  April 10 round announced, then three reports of the June cancellation), as tests/repeats.rs. */
const READING_ORDER = ['seed-004', 'seed-003', 'seed-001', 'seed-002', 'seed-000'];
/** Pause between two pages of "read in a row" (ms), so each can be seen. Arbitrary. */
const READ_STEP_MS = 500;
/** Characters of a hidden element's text shown in the panel list. */
const EXCERPT_CHARS = 90;
/** Hidden elements listed per reason in the panel (the rest are counted). */
const MAX_LISTED = 12;

/** Panel labels per reason (the extension's English strings, extension/_locales/en). */
const REASON_LABELS = {
  ad: 'Ad',
  'link-list': 'Link list',
  promo: 'Promotion',
  newsletter: 'Newsletter sign-up',
  disclaimer: 'Disclaimer',
  comments: 'Comments',
  social: 'Share and follow',
  cookie: 'Cookie banner',
  'media-remnant': 'Media player remnant',
  chrome: 'Site furniture',
  duplicate: 'Repeated',
  outside: 'Not the article',
};

const OUTCOMES = {
  article: 'Article found.',
  no_article: 'No article found on this page: only clutter known by rule is hidden.',
  limit_exceeded: 'This page is over Lede\'s size limits: nothing is hidden.',
};

const $ = (id) => document.getElementById(id);
const el = (tag, props = {}, ...children) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'dataset') Object.assign(e.dataset, v);
    else e[k] = v;
  }
  e.append(...children);
  return e;
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
// Timers are coarse (0.1 ms in Chromium, 1 ms in Firefox): a zero reads as "under 1 ms".
const ms = (v) => (v < 0.05 ? '< 1 ms' : `${v.toFixed(1)} ms`);
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const fold = (s) => s.replace(/\s+/g, ' ').trim();

const state = {
  view: 'clean',
  /** What the frame shows: { kind: 'sample' | 'file' | 'paste', name, url, site }. */
  source: null,
  doc: null,
  report: null,
  lastRead: null,
  /** Reads of this tab, in order: { name, site, title, verdict }. */
  reads: [],
  history: null,
  samples: [],
  dead: false,
  loadMs: 0,
  errors: [],
  /** Links and forms in the frame do nothing (the tests turn this off to try the sandbox and
   *  the CSP on their own). */
  inertLinks: true,
};

// --- core ------------------------------------------------------------------------------------

/** Runs a core call; on failure reports it once and, after a trap, retires the core. */
function core(stage, fn) {
  if (state.dead) return null;
  try {
    return fn();
  } catch (e) {
    const message = `${stage}: ${e?.message ?? e}`;
    state.errors.push(message);
    console.error(`lede demo: ${message}`);
    // A wasm trap (a panic aborts) leaves the instance unusable: stop calling it.
    if (e instanceof WebAssembly.RuntimeError) {
      state.dead = true;
      showError(`The Lede core stopped (${message}). Reload the page to start again.`);
      for (const c of document.querySelectorAll('button, input, select, fieldset')) c.disabled = true;
    } else {
      showError(message);
    }
    return null;
  }
}

function showError(text) {
  const box = $('error');
  box.textContent = text;
  box.hidden = !text;
}

// --- source ----------------------------------------------------------------------------------

async function loadSamples() {
  const names = await (await fetch('samples/index.json')).json();
  const parser = new DOMParser(); // inert: a parsed document runs no script and loads nothing
  state.samples = await Promise.all(names.map(async (name) => {
    const html = await (await fetch(`samples/${name}.html`)).text();
    const d = parser.parseFromString(html, 'text/html');
    return { name, html, ...pageMeta(d) };
  }));
  const select = $('sample');
  select.replaceChildren(el('option', { value: '', textContent: 'Choose a sample…' }),
    ...state.samples.map((s) => el('option', { value: s.name, textContent: `${s.siteName || s.name}: ${s.title}` })));
  select.disabled = false;
}

/** URL, site and title of a page, from its head (og:url, og:site_name, <title>). */
function pageMeta(d) {
  const meta = (p) => d.querySelector(`meta[property="${p}"], meta[name="${p}"]`)?.getAttribute('content')?.trim() ?? '';
  const url = meta('og:url');
  let site = '';
  try {
    site = new URL(url).hostname.replace(/^www\./, '');
  } catch { /* no usable og:url */ }
  return { url, site, siteName: meta('og:site_name'), title: fold(d.title || meta('og:title') || '') };
}

async function fileText(file) {
  if (/\.gz$/i.test(file.name)) {
    const stream = file.stream().pipeThrough(new DecompressionStream('gzip'));
    return new Response(stream).text();
  }
  return file.text();
}

let pasteCount = 0;

// --- frame -----------------------------------------------------------------------------------

/** Puts `html` in the frame and resolves with its document once loaded. Links and forms in
 *  it stay inert, so the frame keeps showing the page (the listeners are this page's: the frame
 *  itself runs no script). */
function render(html) {
  const frame = $('frame');
  return new Promise((resolve) => {
    frame.addEventListener('load', () => {
      const doc = frame.contentDocument;
      const stay = (e) => {
        if (!state.inertLinks) return;
        if (e.type === 'submit' || e.target.closest?.('a[href], area[href]')) e.preventDefault();
      };
      doc.addEventListener('click', stay, true);
      doc.addEventListener('submit', stay, true);
      resolve(doc);
    }, { once: true });
    frame.srcdoc = html;
  });
}

/** Shows a page: renders it, cleans it in the current view, looks it up in the demo history. */
async function show(html, source, { record = $('remember').checked } = {}) {
  if (state.dead) return;
  document.body.dataset.busy = 'true';
  try {
    showError('');
    state.source = source;
    $('source-name').textContent = source.label;
    const doc = await render(html);
    state.doc = doc;
    // The page's own URL and site, for the history, from what the frame parsed.
    const meta = pageMeta(doc);
    source.url ||= meta.url;
    source.site ||= meta.site || meta.siteName;
    clean();
    readPage(record);
    $('views').disabled = false;
  } finally {
    document.body.dataset.busy = 'false';
  }
}

/** Cleans the frame's document for the current view and re-applies the history marks. */
function clean() {
  if (!state.doc) return;
  const report = core('clean', () => demoClean(state.doc, state.view));
  if (!report) return;
  state.report = report;
  renderCounts(report);
  renderTimings(report);
  state.doc.documentElement.toggleAttribute('data-lede-fold', $('fold').checked);
}

// --- repeats ---------------------------------------------------------------------------------

/** Looks the frame's page up in the demo history (marks what was read before); with `record`,
 *  remembers it too. */
function readPage(record) {
  if (!state.doc || !state.history) return;
  if (!record && state.history.count() === 0) return;
  const s = state.source;
  const url = s.url || `demo:${s.kind}:${s.name}`;
  const site = s.site || 'pasted page';
  const result = core('read', () => state.history.read(state.doc, url, site, Date.now(), record));
  if (!result) return;
  state.lastRead = result;
  if (record) {
    const verdict = verdictOf(result.lookup);
    const entry = { name: s.name, site, title: result.title || s.label, verdict };
    const i = state.reads.findIndex((r) => r.name === s.name && r.site === site);
    if (i >= 0) state.reads.splice(i, 1);
    state.reads.push(entry);
  }
  renderReads(result);
}

function verdictOf(l) {
  const n = (a) => a.length;
  if (n(l.same_story)) return `repeated report: same story as ${n(l.same_story)} earlier`;
  if (n(l.same_thread)) return `same thread as ${n(l.same_thread)} earlier, a new event`;
  if (n(l.elsewhere) || n(l.paragraphs)) return 'shares some paragraphs or quotes';
  return 'new to you';
}

/** Reads the samples in READING_ORDER, starting from an empty demo history, so the first has no
 *  marks and each later one is marked against those before it. */
async function readInARow() {
  const order = READING_ORDER.filter((n) => state.samples.some((s) => s.name === n));
  document.body.dataset.reading = 'true';
  $('read-row').disabled = true;
  try {
    clearHistory();
    for (const [i, name] of order.entries()) {
      $('history-status').textContent = `Reading ${i + 1} of ${order.length}…`;
      $('sample').value = name;
      await showSample(name, { record: true });
      if (state.dead) return;
      if (i < order.length - 1) await sleep(READ_STEP_MS);
    }
  } finally {
    $('read-row').disabled = state.dead;
    document.body.dataset.reading = 'false';
  }
}

function clearHistory() {
  if (!state.history) return;
  core('clear', () => state.history.clear());
  state.reads = [];
  state.lastRead = null;
  // The marks of the page on screen came from the history: clean it again without them.
  clean();
  renderReads(null);
}

// --- panel -----------------------------------------------------------------------------------

function renderCounts(report) {
  $('hidden-total').textContent = `(${report.hidden})`;
  const viewNote = report.view === 'original' ? ' Shown as it is: switch to Clean to hide these.' : '';
  $('outcome').textContent = (OUTCOMES[report.plan.outcome] ?? report.plan.outcome) + viewNote;
  const list = $('counts');
  list.replaceChildren(...report.counts.map(({ reason, count }) => {
    const items = state.doc ? [...state.doc.querySelectorAll(`[data-lede-hidden="${reason}"]`)] : [];
    const rows = items.slice(0, MAX_LISTED).map((e) => {
      const text = fold(e.textContent);
      const excerpt = text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS)}…` : text || `<${e.localName}>`;
      return el('li', {}, el('code', { textContent: e.getAttribute('data-lede-rule') ?? '' }), ' ', excerpt);
    });
    if (items.length > MAX_LISTED) rows.push(el('li', { className: 'muted', textContent: `and ${items.length - MAX_LISTED} more` }));
    return el('li', { dataset: { reason, count: String(count) } },
      el('details', {},
        el('summary', {},
          el('span', { className: 'chip', dataset: { reason } }),
          el('span', { className: 'label', textContent: REASON_LABELS[reason] ?? reason }),
          el('span', { className: 'count', textContent: String(count) })),
        el('ul', { className: 'items' }, ...rows)));
  }));
  if (report.counts.length === 0) list.append(el('li', { className: 'muted', textContent: 'Nothing hidden.' }));
}

function renderTimings(report) {
  const t = report.timings;
  const rows = [
    ['Snapshot', `${report.snapshot.nodes.toLocaleString('en')} nodes, ${kb(report.snapshot.bytes)} as JSON`],
    ['Taking it', ms(t.snapshotMs)],
    ['Analysis', ms(t.analyseMs)],
    ['Marking', ms(t.applyMs)],
    ['Core start', ms(state.loadMs)],
  ];
  $('timings').replaceChildren(...rows.flatMap(([k, v]) => [el('dt', { textContent: k }), el('dd', { textContent: v })]));
}

function renderReads(result) {
  const n = state.history ? state.history.count() : 0;
  let status = n === 0 ? 'Nothing read yet.' : `${n} ${n === 1 ? 'page' : 'pages'} in the demo history.`;
  if (result && result.lookup.total_paragraphs > 0 && n > 0) {
    status += ` This page: ${result.lookup.new_paragraphs} of ${result.lookup.total_paragraphs} paragraphs new, ${result.marked} marked.`;
  }
  $('history-status').textContent = status;
  $('reads').replaceChildren(...state.reads.map((r) => el('li', {},
    el('span', { className: 'site', textContent: r.site }), ' ',
    el('span', { className: 'title', textContent: r.title }),
    el('span', { className: 'verdict', textContent: r.verdict }))));
  $('clear-history').disabled = state.dead || n === 0;
}

// --- wiring ----------------------------------------------------------------------------------

async function showSample(name, options) {
  const s = state.samples.find((x) => x.name === name);
  if (!s) return;
  await show(s.html, { kind: 'sample', name, label: `Sample ${name}: ${s.siteName}, “${s.title}”`, url: s.url, site: s.site }, options);
}

function wire() {
  $('sample').addEventListener('change', (e) => {
    if (e.target.value) showSample(e.target.value);
  });
  $('file').addEventListener('change', async (e) => {
    const file = e.target.files?.[0];
    if (!file) return;
    try {
      const html = await fileText(file);
      $('sample').value = '';
      await show(html, { kind: 'file', name: file.name, label: `File ${file.name}` });
    } catch (err) {
      showError(`Could not read ${file.name}: ${err.message}`);
    }
  });
  $('paste-go').addEventListener('click', async () => {
    const html = $('paste').value;
    if (!html.trim()) return;
    pasteCount += 1;
    $('sample').value = '';
    $('paste-box').open = false;
    await show(html, { kind: 'paste', name: `paste-${pasteCount}`, label: `Pasted HTML #${pasteCount}` });
  });
  for (const radio of document.querySelectorAll('input[name="view"]')) {
    radio.addEventListener('change', () => {
      if (!radio.checked) return;
      setView(radio.value);
    });
  }
  $('fold').addEventListener('change', (e) => state.doc?.documentElement.toggleAttribute('data-lede-fold', e.target.checked));
  $('read-row').addEventListener('click', () => readInARow());
  $('clear-history').addEventListener('click', () => clearHistory());
  // Drop a file on the page area.
  const stage = document.querySelector('.stage');
  stage.addEventListener('dragover', (e) => e.preventDefault());
  stage.addEventListener('drop', async (e) => {
    e.preventDefault();
    const file = e.dataTransfer?.files?.[0];
    if (file) await show(await fileText(file), { kind: 'file', name: file.name, label: `File ${file.name}` });
  });
}

function setView(view) {
  state.view = view;
  for (const r of document.querySelectorAll('input[name="view"]')) r.checked = r.value === view;
  clean();
  readPage(false);
}

async function main() {
  wire();
  const t0 = performance.now();
  try {
    await init({ module_or_path: new URL('./pkg/lede_demo_bg.wasm', import.meta.url) });
  } catch (e) {
    showError(`The Lede core could not start: ${e.message}`);
    throw e;
  }
  state.loadMs = performance.now() - t0;
  $('version').textContent = `Lede ${version()}`;
  state.history = new DemoHistory();
  $('read-row').disabled = false;
  renderReads(null);
  await loadSamples();
  document.body.dataset.ready = 'true';
}

window.ledeDemo = {
  state,
  show,
  showSample,
  setView,
  readInARow,
  clearHistory,
  reset: () => state.doc && demoReset(state.doc),
  snapshot: () => state.doc && JSON.parse(demoSnapshot(state.doc)),
};

main();
