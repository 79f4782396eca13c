// Lede's settings: defaults in one place, read and written in the extension's own storage
// (`storage.local`), shared by content scripts, background, popup and options.
'use strict';
var lede = globalThis.lede || (globalThis.lede = {});

lede.settings = (() => {
  const api = globalThis.browser ?? globalThis.chrome;

  /** Every setting and its default. */
  const DEFAULTS = Object.freeze({
    /** 'clean' (hide clutter) or 'focus' (only the article), for sites without their own. */
    defaultMode: 'clean',
    /** Hosts where Lede stays off (`location.host`, e.g. `example.com` or `127.0.0.1:8080`). */
    offSites: [],
    /** Per-host mode chosen in the popup: { [host]: 'clean' | 'focus' }. */
    siteModes: {},
    /** Annotations of repeated reports (popup switch, keyboard command `toggle-annotations`). */
    annotations: true,
    /** Fold the paragraphs already read (annotations on). */
    foldRead: false,
    /** A page counts as read after the reader stayed on it this long, s. 5 is a guess at "more
     *  than a glance"; the e2e tests lower it. */
    readAfterSeconds: 5,
    /** From DOM ready to plan applied, ms: a page that takes longer is left as it is, and the
     *  popup says so. 1500 is arbitrary: past it the reader has started reading, and hiding
     *  things then would move the text under their eyes. The e2e tests lower it to test the path. */
    timeBudgetMs: 1500,
    /** How the page reaches the core: 'markup' (its serialised <body>, the DOM walk where that
     *  does not hold) or 'walk' (always the walk). Not in the UI: the benchmark and the tests
     *  set it to compare and to cover both. */
    snapshotForm: 'markup',
  });

  const MODES = ['clean', 'focus'];

  async function load() {
    const stored = await api.storage.local.get(Object.keys(DEFAULTS));
    return { ...DEFAULTS, ...stored };
  }

  async function save(changes) {
    await api.storage.local.set(changes);
  }

  function isSiteOn(settings, host) {
    return !settings.offSites.includes(host);
  }

  function modeFor(settings, host) {
    const m = settings.siteModes[host] ?? settings.defaultMode;
    return MODES.includes(m) ? m : DEFAULTS.defaultMode;
  }

  async function setSiteOn(host, on) {
    const s = await load();
    const offSites = s.offSites.filter((h) => h !== host);
    if (!on) offSites.push(host);
    await save({ offSites });
  }

  async function setSiteMode(host, mode) {
    const s = await load();
    await save({ siteModes: { ...s.siteModes, [host]: mode } });
  }

  /** Calls `listener(settings)` whenever a setting changes. */
  function onChanged(listener) {
    api.storage.onChanged.addListener((changes, area) => {
      if (area !== 'local') return;
      if (!Object.keys(changes).some((k) => k in DEFAULTS)) return;
      load().then((settings) => {
        try {
          listener(settings);
        } catch (e) {
          console.error('lede: settings listener', e);
        }
      }, (e) => console.error('lede: settings', e));
    });
  }

  return Object.freeze({ DEFAULTS, MODES, load, save, isSiteOn, modeFor, setSiteOn, setSiteMode, onChanged });
})();
