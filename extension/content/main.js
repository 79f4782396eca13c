// lede.main: wiring. At document_start: the early stylesheet and the settings. At DOM ready:
// snapshot → analyse → apply, within the time budget. Then the watcher's batches, the per-site
// switch (storage), the keyboard toggle and the popup's requests (messages).
//
//   document_start ─ applier.insertEarlyStyle, settings.load
//   DOM ready ────── snapshotter.takeMarkup (or .take) → engine.analyse → applier.apply + markEarly → report
//   content added ── watcher batch → the same, applying only new hides
//   then ─────────── engine.read → background lookup → annotator.show (repeated reports);
//                    after `readAfterSeconds` on the page: background add (the page is read)
//   toggle off ───── watcher.stop, annotator.hide, applier.undo (the DOM is as it was)
'use strict';
var lede = globalThis.lede || (globalThis.lede = {});

lede.main = (() => {
  const api = globalThis.browser ?? globalThis.chrome;
  const M = lede.messages;
  const host = location.host;

  let settings = null;
  /** ms from the first content script to this one: evaluating Lede's scripts (with the wasm
   *  bytes) at document_start. */
  const scriptsMs = performance.now() - (lede.loadedAt ?? performance.now());
  /** The plan of the first analysis, as the core returned it (for get-plan). */
  let firstPlan = null;
  /** Bumped by every turn on/off, so a run that finishes after it is dropped. */
  let generation = 0;
  const status = {
    host,
    url: location.href,
    state: 'loading',
    siteOff: false,
    mode: 'clean',
    engine: null,
    outcome: null,
    counts: {},
    total: 0,
    showHidden: false,
    timings: null,
    /** The article's paragraphs read for the history: { ms, kept: taken from the analysis }. */
    read: null,
    batches: 0,
    error: null,
  };

  /** The status, brought up to date. */
  function current() {
    const { byReason, total } = lede.applier.counts();
    status.counts = byReason;
    status.total = total;
    status.showHidden = lede.applier.showHidden;
    status.engine = lede.engine.where;
    return status;
  }

  /** Tells the background (badge) and an open popup that the page's state changed. */
  function report() {
    api.runtime.sendMessage({ type: M.STATUS, status: current() }).catch(() => {});
    return status;
  }

  /** How often to look at `readyState` besides listening for DOMContentLoaded, ms: a page that
   *  calls `document.open()` drops every listener, ours included. */
  const READY_POLL_MS = 100;

  /** Runs `fn` once, at DOM ready. */
  function whenReady(fn) {
    if (document.readyState !== 'loading') {
      fn();
      return;
    }
    let done = false;
    const once = () => {
      if (done || document.readyState === 'loading') return;
      done = true;
      clearInterval(poll);
      fn();
    };
    const poll = setInterval(once, READY_POLL_MS);
    document.addEventListener('DOMContentLoaded', once, { once: true });
  }

  /**
   * One analysis of the whole page. Returns { tooBig } or { plan, timings }; applies the plan
   * unless the deadline passed. `generation` guards against a toggle while it waits.
   *
   * The page goes to the core as its serialised <body> (snapshotter.takeMarkup). The DOM walk
   * takes over when that does not round-trip (the core's element count differs from the DOM's)
   * or when the page's elements moved before the plan came back (the core's element numbers no
   * longer hold): the walk's snapshot holds the nodes themselves.
   */
  async function analyseAndApply(deadline, gen) {
    const t0 = performance.now();
    let snap = (settings.snapshotForm !== 'walk' && lede.snapshotter.takeMarkup()) || lede.snapshotter.take(deadline);
    if (snap.tooBig) return { tooBig: true };
    const t1 = performance.now();
    // The module compiles while the page loads; the snapshot above overlapped the rest.
    await lede.engine.start();
    const t2 = performance.now();
    const configJson = JSON.stringify({ mode: status.mode });
    let planJson = null;
    if (snap.markup) {
      // A markup the core refuses (it did not round-trip) leaves the page to the walk.
      planJson = await lede.engine.analyse(snap, configJson, lede.applier.EARLY_NAMES).catch(() => null);
      // (`moved` also ends the watch on the page.)
      if (lede.snapshotter.moved(snap) || planJson === null) {
        snap = lede.snapshotter.take(deadline);
        if (snap.tooBig) return { tooBig: true };
      }
    }
    const walked = !snap.markup;
    if (walked) planJson = await lede.engine.analyse(snap, configJson);
    const plan = JSON.parse(planJson);
    const t3 = performance.now();
    if (gen !== generation) return { stale: true };
    if (t3 > deadline) return { tooBig: true };
    // The elements of the plan's nodes and of the article's paragraphs (annotations), found
    // before anything changes the page.
    const paragraphs = lede.engine.readOf(snap)?.paragraphs.map((p) => p.node) ?? [];
    const target = lede.snapshotter.targetOf(snap, [...plan.ops.map((op) => op.node), ...paragraphs]);
    const watched = lede.snapshotter.elementsAt(snap, snap.watched);
    lede.applier.apply(plan, target);
    lede.applier.markEarly(watched, snap.body);
    const t4 = performance.now();
    return {
      plan,
      snap,
      planJson,
      target,
      timings: { snapshot: t1 - t0, wait: t2 - t1, analyse: t3 - t2, apply: t4 - t3, nodes: snap.places?.length ?? snap.nodes, walked, hollow: snap.hollow ?? 0 },
    };
  }

  async function turnOn() {
    const gen = ++generation;
    const tReady = performance.now();
    status.state = 'loading';
    status.error = null;
    status.mode = lede.settings.modeFor(settings, host);
    lede.applier.insertEarlyStyle();
    try {
      const r = await analyseAndApply(tReady + settings.timeBudgetMs, gen);
      if (r.stale) return;
      if (r.tooBig) {
        // Too big to finish in the budget: the page stays as it is. (The early stylesheet's
        // hides by selector, in place since document_start, stay; the toggle removes them.)
        status.state = 'too-big';
        report();
        return;
      }
      firstPlan = r.plan;
      status.outcome = r.plan.outcome;
      status.timings = {
        ...r.timings,
        total: performance.now() - tReady,
        init: lede.engine.initMs,
        core: lede.engine.coreMs,
        scripts: scriptsMs,
      };
      if (lede.engine.where === 'background') status.timings.background = lede.engine.backgroundMs;
      status.state = 'on';
      lede.watcher.start(onBatch);
      report();
      readPage(r, gen).catch((e) => console.error('lede: repeated reports', location.href, e));
    } catch (e) {
      fail(e, 'analysis', gen);
    }
  }

  // --- Repeated reports ------------------------------------------------------------------

  /** The page as the history knows it, its lookup and where its paragraphs are; null until read. */
  let reading = null;
  /** The dwell timer (the page counts as read when it fires). */
  let dwellTimer = null;
  const history = { looked: false, recorded: false };

  /** The site a page belongs to: its canonical URL's host (a report syndicated or mirrored
   *  belongs to its outlet), else this host; without `www.`. */
  function siteOf() {
    const c = document.querySelector('link[rel~="canonical" i][href], meta[property="og:url" i][content]');
    let h = location.hostname;
    try {
      const u = c && new URL(c.getAttribute('href') ?? c.getAttribute('content'), location.href);
      if (u && /^https?:$/.test(u.protocol) && u.hostname) h = u.hostname;
    } catch {
      // A broken canonical URL: this host.
    }
    return h.replace(/^www\./, '');
  }

  async function readPage(r, gen) {
    const t0 = performance.now();
    const read = await lede.engine.read(r.snap, r.planJson);
    if (gen !== generation) return;
    status.read = { ms: performance.now() - t0, kept: lede.engine.readKept };
    if (read.paragraphs.length === 0) return;
    const page = { url: location.href, site: siteOf(), title: read.title, paragraphs: read.paragraphs.map((p) => p.text) };
    const reply = await api.runtime.sendMessage({ type: M.HISTORY_LOOKUP, page });
    if (gen !== generation) return;
    if (!reply || reply.error) throw new Error(reply?.error ?? 'no reply from the background');
    reading = { page, read, target: r.target, lookup: JSON.parse(reply.lookupJson) };
    history.looked = true;
    annotate();
    armDwell(gen);
  }

  function armDwell(gen) {
    clearTimeout(dwellTimer);
    const ms = Math.max(0, Number(settings.readAfterSeconds) || 0) * 1000;
    dwellTimer = setTimeout(() => {
      if (gen !== generation || !reading) return;
      if (document.visibilityState === 'hidden') {
        // Not read while hidden: count again from when the reader comes back.
        document.addEventListener('visibilitychange', () => armDwell(gen), { once: true });
        return;
      }
      api.runtime.sendMessage({ type: M.HISTORY_ADD, page: reading.page }).then((reply) => {
        if (reply?.error) throw new Error(reply.error);
        history.recorded = Boolean(reply?.recorded);
      }).catch((e) => console.error('lede: history add', e));
    }, ms);
  }

  function annotate() {
    if (!reading || !settings.annotations || status.state !== 'on') {
      lede.annotator.hide();
      return;
    }
    lede.annotator.show(reading.lookup, reading.read, reading.target, {
      fold: Boolean(settings.foldRead),
      onFold: (on) => lede.settings.save({ foldRead: on }),
    });
  }

  async function onBatch() {
    if (status.state !== 'on') return;
    const gen = generation;
    try {
      const r = await analyseAndApply(performance.now() + settings.timeBudgetMs, gen);
      if (r.stale || r.tooBig) return; // a late batch over budget is dropped; the page stays
      status.batches++;
      report();
    } catch (e) {
      fail(e, 'batch', gen);
    }
  }

  /** Logs once with the page and stage, and leaves the page as it was. */
  function fail(e, stage, gen) {
    if (gen !== generation) return;
    console.error(`lede: ${stage} failed on ${location.href}:`, e);
    lede.watcher.stop();
    lede.annotator.hide();
    lede.applier.undo();
    status.state = 'error';
    status.error = String(e?.message ?? e);
    report();
  }

  function turnOff() {
    generation++;
    clearTimeout(dwellTimer);
    reading = null;
    lede.annotator.hide();
    lede.watcher.stop();
    lede.applier.undo();
    status.state = 'off';
    status.outcome = null;
    status.batches = 0;
    firstPlan = null;
    report();
  }

  function toggle() {
    if (status.state === 'off' || status.state === 'error') whenReady(turnOn);
    else turnOff();
  }

  function onSettings(next) {
    if (!settings) return; // boot has not read them yet; it will read these
    const wasOn = settings && lede.settings.isSiteOn(settings, host);
    const oldMode = settings && lede.settings.modeFor(settings, host);
    const oldNotes = [settings.annotations, settings.foldRead];
    settings = next;
    if (oldNotes[0] !== next.annotations || oldNotes[1] !== next.foldRead) annotate();
    const on = lede.settings.isSiteOn(settings, host);
    status.siteOff = !on;
    if (!on && status.state !== 'off') turnOff();
    else if (on && !wasOn) whenReady(turnOn);
    else if (on && oldMode !== lede.settings.modeFor(settings, host) && status.state !== 'off') {
      // A new mode can show what the old one hid: start again from the untouched page.
      generation++;
      clearTimeout(dwellTimer);
      reading = null;
      lede.annotator.hide();
      lede.watcher.stop();
      lede.applier.undo();
      whenReady(turnOn);
    }
  }

  function onMessage(msg, _sender, sendResponse) {
    try {
      switch (msg?.type) {
        case M.GET_STATUS:
          sendResponse(current());
          return;
        case M.GET_PLAN:
          sendResponse({ plan: firstPlan });
          return;
        case M.TOGGLE:
          toggle();
          sendResponse(report());
          return;
        case M.GET_ANNOTATIONS:
          sendResponse({ ...lede.annotator.state(), ...history });
          return;
        case M.SHOW_HIDDEN:
          lede.applier.setShowHidden(Boolean(msg.on));
          sendResponse(report());
          return;
        default:
      }
    } catch (e) {
      console.error('lede: message', msg?.type, e);
    }
  }

  function boot() {
    lede.applier.insertEarlyStyle();
    // Compile now, before the settings arrive (reading storage takes a few ms; a page served
    // fast reaches DOM ready soon after): on a site where Lede is off, the module is not used.
    lede.engine.prepare();
    api.runtime.onMessage.addListener(onMessage);
    lede.settings.onChanged(onSettings);
    lede.settings.load().then(
      (s) => {
        settings = s;
        status.mode = lede.settings.modeFor(s, host);
        if (!lede.settings.isSiteOn(s, host)) {
          status.siteOff = true;
          lede.applier.removeEarlyStyle();
          status.state = 'off';
          report();
          return;
        }
        // Start the instance as soon as the module is compiled: if that is before DOM ready,
        // the analysis there does not wait for it.
        lede.engine.prepare().then(() => lede.engine.start()).catch((e) => console.error('lede: wasm start', e));
        whenReady(turnOn);
      },
      (e) => fail(e, 'settings', generation),
    );
  }

  boot();
  return Object.freeze({ status, toggle });
})();
