// lede.engine: runs the core. In the page when the browser allows wasm there (the embedded
// bytes, compiled while the page loads, instantiated with initSync at DOM ready), otherwise in
// the background: Chromium refuses to compile wasm in a content script on a page whose CSP
// lacks 'wasm-unsafe-eval' (platform notes).
//
// The boundary is one call per analysis: the page in (`analyseMarkup`: its serialised <body> as
// one string; or `analysePacked`: the walk's array of numbers and one string), the plan out as
// JSON. The same values cross `sendMessage` to the background.
'use strict';
var lede = globalThis.lede || (globalThis.lede = {});

lede.engine = (() => {
  const api = globalThis.browser ?? globalThis.chrome;

  /** 'page' | 'background' | null (not started). */
  let where = null;
  let bindings = null;
  /** The in-page instance's memory (the markup is encoded straight into it). */
  let memory = null;
  /** Main-thread ms spent starting the in-page instance: decoding the bytes, instantiating. */
  let initMs = null;
  let decodeMs = 0;
  /** The background compile: resolves to the module, or null where the page forbids wasm. */
  let compiling = null;
  /** The module once compiled; `refused` once the page's CSP said no. */
  let compiled = null;
  let refused = false;
  let bytes = null;
  let syncMs = 0;
  /**
   * Compile on the main thread at DOM ready when the background compile is not done yet (a
   * page that loads fast)? V8 (Chromium) compiles wasm functions lazily, on first call, so a
   * synchronous compile costs ~2 ms there and beats waiting for the background compile (bench:
   * total median 30 → 23 ms). SpiderMonkey (Firefox) compiles every function up front, ~15–20
   * ms on the main thread: there it is cheaper to wait (~5 ms median).
   */
  const SYNC_COMPILE_WHEN_NOT_READY = !navigator.userAgent.includes('Firefox/');
  /** The in-page instance trapped: stop calling it, and use the background from now on. */
  let dead = false;

  /**
   * Starts compiling the core (called at document_start once the site is known to be on): the
   * browser compiles on its own threads while the page loads. Resolves to the module, or null
   * when the page's CSP forbids wasm here (Chromium).
   */
  function prepare() {
    if (compiling) return compiling;
    const t0 = performance.now();
    try {
      bytes = lede.decodeBase64(lede.wasmBase64);
    } catch (e) {
      console.error('lede: wasm bytes', e);
      compiling = Promise.resolve(null);
      return compiling;
    }
    decodeMs = performance.now() - t0;
    compiling = WebAssembly.compile(bytes).then((m) => {
      compiled = m;
      return m;
    }, (e) => {
      // CompileError on CSP pages in Chromium: expected, not logged.
      if (!(e instanceof WebAssembly.CompileError)) console.error('lede: wasm compile', location.href, e);
      refused = true;
      return null;
    });
    return compiling;
  }

  /**
   * Starts the in-page instance, or settles on the background. Idempotent. When DOM ready
   * comes before the background compile is done, Chromium compiles here instead (see
   * SYNC_COMPILE_WHEN_NOT_READY); Firefox waits for it.
   */
  async function start() {
    if (where) return where;
    prepare();
    if (!compiled && !refused && bytes && SYNC_COMPILE_WHEN_NOT_READY) {
      const t0 = performance.now();
      try {
        compiled = new WebAssembly.Module(bytes);
      } catch (e) {
        if (!(e instanceof WebAssembly.CompileError)) console.error('lede: wasm compile', location.href, e);
        refused = true;
      }
      syncMs = performance.now() - t0;
    }
    const module = compiled ?? (refused ? null : await compiling);
    if (where) return where;
    const t0 = performance.now();
    if (module) {
      try {
        const b = lede.wasmFactory();
        memory = b.initSync({ module }).memory;
        bindings = b;
        where = 'page';
      } catch (e) {
        console.error('lede: wasm init', location.href, e);
        where = 'background';
      }
    } else {
      where = 'background';
    }
    initMs = decodeMs + syncMs + (performance.now() - t0);
    bytes = null;
    return where;
  }

  /** The core's own time in the background for the last analysis there, ms. */
  let backgroundMs = null;
  /** The last analysis's wasm call alone, wherever it ran, ms (without encoding the page into
   *  its memory and the messages around it). */
  let coreMs = null;

  /** Sends `msg` to the background; resolves to its reply, or throws its error. */
  async function ask(msg) {
    const reply = await api.runtime.sendMessage(msg);
    if (!reply) throw new Error('lede: no reply from the background');
    if (reply.error) throw new Error(reply.error);
    return reply;
  }

  /**
   * Runs `call(bindings)` in the page when the core runs here, else `elsewhere()`. A trap
   * kills this instance (style.md section 6): from then on the background serves.
   */
  async function run(call, elsewhere) {
    await start();
    if (where === 'page' && !dead) {
      try {
        return call(bindings);
      } catch (e) {
        if (e instanceof WebAssembly.RuntimeError) {
          dead = true;
          where = 'background';
        }
        throw e;
      }
    }
    return elsewhere();
  }

  /** The snapshot this instance last analysed: the core keeps its article paragraphs for
   *  `read` (`takeRead`), read in the same pass. */
  let lastAnalysed = null;
  /** The last `read` took the paragraphs the analysis kept (no second pass over the page). */
  let readKept = false;

  /**
   * Analyses a snapshot: `snapshotter.takeMarkup`'s (sets `snap.places`, the nodes' elements;
   * `snap.watched`, the elements holding one of `watchNames`; and `snap.readJson`, what `read`
   * gives) or `take`'s (packed). Resolves to the plan (JSON). Throws when the markup did not
   * round-trip.
   */
  function analyse(snap, configJson, watchNames = '') {
    return run((b) => {
      lastAnalysed = null;
      let planJson;
      if (snap.markup) {
        // The paragraphs are taken now too: the content script finds their elements before
        // the page changes.
        const r = lede.analyseMarkup(b, memory, snap.markup, watchNames, configJson);
        planJson = r.planJson;
        coreMs = r.coreMs;
        Object.assign(snap, { places: r.places, watched: r.watched, readJson: r.readJson });
      } else {
        const t0 = performance.now();
        planJson = b.analysePacked(snap.nums, snap.strs, configJson);
        coreMs = performance.now() - t0;
      }
      lastAnalysed = snap;
      return planJson;
    }, async () => {
      const page = snap.markup ? { markup: snap.markup, watchNames } : { nums: snap.nums, strs: snap.strs };
      const reply = await ask({ type: lede.messages.ANALYSE, ...page, configJson });
      backgroundMs = reply.ms;
      coreMs = reply.coreMs ?? reply.ms;
      if (snap.markup) {
        snap.places = reply.places;
        snap.watched = reply.watched;
        snap.readJson = reply.readJson;
      }
      return reply.planJson;
    });
  }

  /** The article's fingerprint input for an analysed snapshot and its plan (JSON): `{ title,
   *  paragraphs: [{ node, text }] }`, parsed once (`readOf`). A markup snapshot brought it
   *  from its analysis (`snap.readJson`); a walked one takes the paragraphs the analysis kept
   *  (`takeRead`), else the page is measured again (`readPacked`). */
  async function read(snap, planJson) {
    if (snap.readJson) {
      readKept = true;
      return readOf(snap);
    }
    return JSON.parse(await run((b) => {
      const kept = lastAnalysed === snap ? b.takeRead() : undefined;
      lastAnalysed = null;
      readKept = kept !== undefined;
      return kept ?? b.readPacked(snap.nums, snap.strs, planJson);
    }, async () => {
      readKept = false;
      return (await ask({ type: lede.messages.READ, nums: snap.nums, strs: snap.strs, planJson })).readJson;
    }));
  }

  /** A markup snapshot's `readJson`, parsed (once: the content script wants its paragraphs'
   *  nodes at once, the rest later); null without one. */
  function readOf(snap) {
    if (!snap.readJson) return null;
    snap.read ??= JSON.parse(snap.readJson);
    return snap.read;
  }

  return Object.freeze({
    prepare,
    start,
    analyse,
    read,
    readOf,
    get where() { return where; },
    get initMs() { return initMs; },
    get readKept() { return readKept; },
    get backgroundMs() { return backgroundMs; },
    get coreMs() { return coreMs; },
  });
})();
