// lede.main: wiring. At document_start: the early stylesheet and the settings. At DOM ready:
// snapshot → analyse → apply, within the time budget. Then the watcher's batches, the per-site
// switch (storage), the keyboard toggle and the popup's requests (messages).
//
//   document_start ─ applier.insertEarlyStyle, settings.load
//   DOM ready ────── snapshotter.take → engine.analyse → applier.apply + markEarly → report
//   content added ── watcher batch → the same, applying only new hides
//   toggle off ───── watcher.stop, applier.undo (the DOM is as it was)
'use strict';
var lede = globalThis.lede || (globalThis.lede = {});

lede.main = (() => {
  const api = globalThis.browser ?? globalThis.chrome;
  const M = lede.messages;
  const host = location.host;

  let settings = null;
  /** Bumped by every turn on/off, so a run that finishes after it is dropped. */
  let generation = 0;
  const status = {
    host,
    state: 'loading',
    siteOff: false,
    mode: 'clean',
    engine: null,
    outcome: null,
    counts: {},
    total: 0,
    showHidden: false,
    timings: null,
    batches: 0,
    error: null,
  };

  function report() {
    const { byReason, total } = lede.applier.counts();
    status.counts = byReason;
    status.total = total;
    status.showHidden = lede.applier.showHidden;
    status.engine = lede.engine.where;
    api.runtime.sendMessage({ type: M.STATUS, status }).catch(() => {});
    return status;
  }

  function whenReady(fn) {
    if (document.readyState === 'loading') {
      document.addEventListener('DOMContentLoaded', fn, { once: true });
    } else {
      fn();
    }
  }

  /**
   * One analysis of the whole page. Returns { tooBig } or { plan, timings }; applies the plan
   * unless the deadline passed. `generation` guards against a toggle while it waits.
   */
  async function analyseAndApply(deadline, gen) {
    const t0 = performance.now();
    const { snapshot, targets, tooBig } = lede.snapshotter.take(deadline);
    if (tooBig) return { tooBig: true };
    const snapshotJson = JSON.stringify(snapshot);
    const t1 = performance.now();
    const planJson = await lede.engine.analyse(snapshotJson, JSON.stringify({ mode: status.mode }));
    const plan = JSON.parse(planJson);
    const t2 = performance.now();
    if (gen !== generation) return { stale: true };
    if (t2 > deadline) return { tooBig: true };
    lede.applier.apply(plan, targets);
    lede.applier.markEarly();
    const t3 = performance.now();
    return { plan, timings: { snapshot: t1 - t0, analyse: t2 - t1, apply: t3 - t2, nodes: snapshot.nodes.length } };
  }

  async function turnOn() {
    const gen = ++generation;
    const tReady = performance.now();
    status.state = 'loading';
    status.error = null;
    status.mode = lede.settings.modeFor(settings, host);
    lede.applier.insertEarlyStyle();
    try {
      lede.engine.start();
      const r = await analyseAndApply(tReady + settings.timeBudgetMs, gen);
      if (r.stale) return;
      if (r.tooBig) {
        // Too big to finish in the budget: the page stays as it is (but for the early hides).
        lede.applier.markEarly();
        status.state = 'too-big';
        report();
        return;
      }
      status.outcome = r.plan.outcome;
      status.timings = { ...r.timings, total: performance.now() - tReady, init: lede.engine.initMs };
      status.state = 'on';
      lede.watcher.start(onBatch);
      report();
    } catch (e) {
      fail(e, 'analysis', gen);
    }
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
    lede.applier.undo();
    status.state = 'error';
    status.error = String(e?.message ?? e);
    report();
  }

  function turnOff() {
    generation++;
    lede.watcher.stop();
    lede.applier.undo();
    status.state = 'off';
    status.outcome = null;
    status.batches = 0;
    report();
  }

  function toggle() {
    if (status.state === 'off' || status.state === 'error') whenReady(turnOn);
    else turnOff();
  }

  function onSettings(next) {
    const wasOn = settings && lede.settings.isSiteOn(settings, host);
    const oldMode = settings && lede.settings.modeFor(settings, host);
    settings = next;
    const on = lede.settings.isSiteOn(settings, host);
    status.siteOff = !on;
    if (!on && status.state !== 'off') turnOff();
    else if (on && !wasOn) whenReady(turnOn);
    else if (on && oldMode !== lede.settings.modeFor(settings, host) && status.state !== 'off') {
      // A new mode can show what the old one hid: start again from the untouched page.
      lede.watcher.stop();
      lede.applier.undo();
      whenReady(turnOn);
    }
  }

  function onMessage(msg, _sender, sendResponse) {
    try {
      switch (msg?.type) {
        case M.GET_STATUS:
          sendResponse(report());
          return;
        case M.TOGGLE:
          toggle();
          sendResponse(report());
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
        whenReady(turnOn);
      },
      (e) => fail(e, 'settings', generation),
    );
  }

  boot();
  return Object.freeze({ status, toggle });
})();
