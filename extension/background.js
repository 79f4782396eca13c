// Lede's background: the wasm host for pages where the content script may not run wasm
// (Chromium, on pages whose CSP lacks 'wasm-unsafe-eval'), the reading history (repeated
// reports: a wasm `LedeHistory` in memory, persisted in the background's IndexedDB: its
// `toBytes` and an append log of the adds since), the toolbar badge, and the keyboard commands. A service worker in Chromium (stopped after ~30 s idle: it keeps nothing it cannot
// rebuild in milliseconds), an event page in Firefox (manifest `background.scripts`).
'use strict';
if (typeof importScripts === 'function' && !globalThis.lede?.wasmFactory) {
  importScripts('messages.js', 'settings.js', 'pkg/full/lede-bytes.js', 'pkg/full/lede.js');
}

(() => {
  const api = globalThis.browser ?? globalThis.chrome;
  const M = lede.messages;
  const BADGE_COLOR = '#555';

  /** The compiled module (kept: instantiating it again after a trap takes ~1 ms). */
  let module = null;
  /** The live instance, or null when there is none yet or it trapped; and its memory. */
  let bindings = null;
  let memory = null;

  function engine() {
    if (bindings) return bindings;
    module ??= new WebAssembly.Module(lede.decodeBase64(lede.wasmBase64));
    const b = lede.wasmFactory();
    memory = b.initSync({ module }).memory;
    bindings = b;
    return b;
  }

  /** `engine()`, its module compiled off the thread when it is not yet (a history load reads
   *  storage meanwhile: in Firefox the compile is ~20 ms, the read ~50). */
  async function engineSoon() {
    if (bindings) return bindings;
    if (!module) {
      const compiled = await WebAssembly.compile(lede.decodeBase64(lede.wasmBase64));
      module ??= compiled;
    }
    return engine();
  }

  /** The reply `call(engine())` makes, or `{ error }`. After a trap the instance is dead: the
   *  next request builds a fresh one. */
  function withEngine(call) {
    try {
      return call(engine());
    } catch (e) {
      if (e instanceof WebAssembly.RuntimeError) {
        bindings = null;
        history = null;
      }
      return { error: String(e?.message ?? e) };
    }
  }

  /** A content script's analysis (CSP pages in Chromium): a page given as its serialised
   *  <body> (`msg.markup`, see snapshotter.takeMarkup) or packed (`msg.nums`, `msg.strs`). */
  function analyse(msg) {
    return withEngine((e) => {
      const t0 = performance.now();
      if (msg.markup) {
        const r = lede.analyseMarkup(e, memory, msg.markup, msg.watchNames ?? '', msg.configJson);
        // Plain arrays: the reply crosses as JSON in Chromium.
        return { ...r, places: Array.from(r.places), watched: Array.from(r.watched), ms: performance.now() - t0 };
      }
      const planJson = e.analysePacked(msg.nums, msg.strs, msg.configJson);
      return { planJson, ms: performance.now() - t0 };
    });
  }

  /** The article's paragraphs (`readJson`) of a walked page the content script sent again (a
   *  markup page's come with its analysis). */
  function read(msg) {
    return withEngine((e) => ({ readJson: e.readPacked(msg.nums, msg.strs, msg.planJson) }));
  }

  // --- Reading history -------------------------------------------------------------------

  /** The history is kept in the background's IndexedDB (the extension's own origin; it stores
   *  bytes as they are, storage.local only JSON): store `main` holds `LedeHistory.toBytes()`
   *  as a Blob under key 'main' (a Blob is kept as a file of its own, read back as it is: as a
   *  structured-clone Uint8Array Firefox compresses the 9 MB and reading it took ~90 ms; an
   *  earlier version's Uint8Array is still read), store `log` the records (`recordBytes`) of the adds since, in order. An
   *  add appends its record (~1 KB); every LOG_MAX_RECORDS adds the whole history is saved and
   *  the log emptied, in one transaction. A load is `fromBytes(main)`, then `addBytes` of each
   *  record. */
  const DB_NAME = 'lede-history';
  const MAIN_KEY = 'main';
  const LOG_MAX_RECORDS = 128;
  /** Where history was kept before (storage.local, base64 of `toBytes`): read once, removed. */
  const LEGACY_KEY = 'history';
  /** The history's settings (src/history.rs HistoryConfig): 90 days' retention (the default),
   *  and a size cap of 6 MiB of bytes (~200k paragraphs, ~6.5k articles). */
  const HISTORY_CONFIG = JSON.stringify({ max_bytes: 6 << 20 });
  /** The history in memory (a wasm object of `bindings`), or null until loaded. */
  let history = null;
  /** The last load from storage, ms (reported with the count): `ms` in all, from the first
   *  history request to the history ready (the wasm start when there is none yet, the storage
   *  read beside it, fromBytes, the log replayed), and its parts, each from the start (`engineMs`,
   *  `getMs`: the database's answer, `readMs`: the bytes read) or on its own (`parseMs`:
   *  fromBytes, `replayMs`). */
  let loadMs = null;
  let loadParts = null;
  /** Records in the log now; the stored main bytes need rewriting (unreadable). */
  let logRecords = 0;
  let mainStale = false;
  /** Serialises every history operation (load, add, clear, save): one at a time. */
  let queue = Promise.resolve();
  let dbPromise = null;

  const request = (req) => new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });

  function openDb() {
    dbPromise ??= new Promise((resolve, reject) => {
      const req = indexedDB.open(DB_NAME, 1);
      req.onupgradeneeded = () => {
        req.result.createObjectStore('main');
        req.result.createObjectStore('log', { autoIncrement: true });
      };
      req.onsuccess = () => {
        req.result.onversionchange = () => { req.result.close(); dbPromise = null; };
        resolve(req.result);
      };
      req.onerror = () => reject(req.error);
    }).catch((e) => { dbPromise = null; throw e; });
    return dbPromise;
  }

  /** `fn(main, log)` in one transaction over both stores; its result once committed. */
  async function transact(mode, fn) {
    const tx = (await openDb()).transaction(['main', 'log'], mode);
    const done = new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onabort = tx.onerror = () => reject(tx.error ?? new Error('lede: history transaction aborted'));
    });
    const result = fn(tx.objectStore('main'), tx.objectStore('log'));
    await done;
    return result;
  }

  /** The history, loaded from storage on first use (a service-worker start). Stored bytes that
   *  are not a history (corrupted, another format) start an empty one (the log's readable
   *  records still count). */
  async function loadHistory() {
    if (history && bindings) return history;
    history = null;
    const t0 = performance.now();
    // The storage read and the wasm start overlap.
    let tEngine = t0;
    const starting = engineSoon().then((b) => { tEngine = performance.now(); return b; });
    const [e, stored] = await Promise.all([starting, readStored()]);
    let { main } = stored;
    const { log, tGot } = stored;
    if (main === undefined && log.length === 0) main = await takeLegacy();
    const tRead = performance.now();
    let h = null;
    if (main !== undefined) {
      try {
        h = e.LedeHistory.fromBytes(main, HISTORY_CONFIG);
      } catch (err) {
        if (err instanceof WebAssembly.RuntimeError) throw err;
        console.warn('lede: stored history unreadable, starting empty:', String(err?.message ?? err));
      }
      mainStale = !h;
    }
    h ??= new e.LedeHistory(HISTORY_CONFIG);
    const tParse = performance.now();
    for (const record of log) {
      try {
        h.addBytes(record);
      } catch (err) {
        if (err instanceof WebAssembly.RuntimeError) throw err;
        mainStale = true;
      }
    }
    logRecords = log.length;
    h.expire(Date.now());
    history = h;
    const t1 = performance.now();
    loadMs = t1 - t0;
    loadParts = { engineMs: tEngine - t0, getMs: tGot - t0, readMs: tRead - t0, parseMs: tParse - tRead,
      replayMs: t1 - tParse, bytes: main?.byteLength ?? 0, records: log.length };
    if (mainStale) await saveHistory(h);
    return h;
  }

  /** The stored history: `main` (bytes, or undefined) and `log` (records), and when the
   *  database answered (`tGot`: the rest is reading the Blob's file). */
  async function readStored() {
    const { main, log } = await transact('readonly', (m, l) =>
      Promise.all([request(m.get(MAIN_KEY)), request(l.getAll())]).then(([main, log]) => ({ main, log })));
    const tGot = performance.now();
    if (!(main instanceof Blob)) return { main, log, tGot };
    return { main: new Uint8Array(await blobBytes(main).catch(() => new ArrayBuffer(0))), log, tGot };
  }

  /** A Blob's bytes, by FileReader: in Firefox it read the 9 MB history in ~30 ms where
   *  `blob.arrayBuffer()` took ~45 (the same in Chromium, ~8 ms). */
  function blobBytes(blob) {
    return new Promise((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(reader.result);
      reader.onerror = () => reject(reader.error);
      reader.readAsArrayBuffer(blob);
    });
  }

  /** The history of the former storage.local key, as bytes (undefined when none); the key is
   *  removed, the next save writes it to IndexedDB. */
  async function takeLegacy() {
    const { [LEGACY_KEY]: b64 } = await api.storage.local.get(LEGACY_KEY);
    if (b64 === undefined) return undefined;
    await api.storage.local.remove(LEGACY_KEY);
    mainStale = true;
    try {
      return typeof b64 === 'string' ? lede.decodeBase64(b64) : undefined;
    } catch {
      return undefined;
    }
  }

  /** Saves the whole history and empties the log (an empty history: both emptied). */
  async function saveHistory(h) {
    const bytes = h.count() > 0 ? h.toBytes() : null;
    await transact('readwrite', (m, l) => {
      if (bytes) m.put(new Blob([bytes]), MAIN_KEY);
      else m.clear();
      l.clear();
    });
    logRecords = 0;
    mainStale = false;
  }

  /** After `addJson` gave `id`: its record appended to the log, or the whole history saved. */
  async function saveAdd(h, id) {
    const record = h.recordBytes(id);
    if (!record || mainStale || logRecords + 1 >= LOG_MAX_RECORDS) return saveHistory(h);
    await transact('readwrite', (m, l) => { l.add(record); });
    logRecords++;
  }

  /** Runs `fn(history)` after the operations before it; a trap drops the instance (and the
   *  history in memory: the next operation reloads it from storage). */
  function withHistory(fn) {
    const run = queue.then(async () => {
      try {
        return await fn(await loadHistory());
      } catch (e) {
        if (e instanceof WebAssembly.RuntimeError) {
          bindings = null;
          history = null;
        }
        return { error: String(e?.message ?? e) };
      }
    });
    queue = run.catch(() => {});
    return run;
  }

  function historyMessage(msg, sender) {
    switch (msg.type) {
      case M.HISTORY_LOOKUP:
        return withHistory((h) => {
          const t0 = performance.now();
          const lookupJson = h.lookupJson(JSON.stringify({ ...msg.page, readAtMs: Date.now() }));
          return { lookupJson, ms: performance.now() - t0 };
        });
      case M.HISTORY_ADD:
        // Never from a private (incognito) window.
        if (sender.tab?.incognito) return Promise.resolve({ recorded: false });
        return withHistory(async (h) => {
          await saveAdd(h, h.addJson(JSON.stringify({ ...msg.page, readAtMs: Date.now() })));
          return { recorded: true, count: h.count() };
        });
      case M.HISTORY_COUNT:
        return withHistory((h) => ({ count: h.count(), loadMs, load: loadParts }));
      case M.HISTORY_CLEAR:
        return withHistory(async (h) => {
          h.clear();
          await saveHistory(h);
          await api.storage.local.remove(LEGACY_KEY);
          return { count: h.count() };
        });
      case M.READ:
        return Promise.resolve(read(msg));
      default:
        return null;
    }
  }

  function setBadge(tabId, status) {
    const text = status.state === 'on' && status.total > 0 ? String(status.total) : status.state === 'too-big' ? '…' : '';
    api.action.setBadgeText({ tabId, text }).catch(() => {});
    api.action.setBadgeBackgroundColor({ tabId, color: BADGE_COLOR }).catch(() => {});
  }

  api.runtime.onMessage.addListener((msg, sender, sendResponse) => {
    switch (msg?.type) {
      case M.ANALYSE:
        sendResponse(analyse(msg));
        return;
      case M.STATUS:
        if (sender.tab?.id !== undefined) setBadge(sender.tab.id, msg.status);
        sendResponse({ tabId: sender.tab?.id });
        return;
      default: {
        const reply = historyMessage(msg, sender);
        if (!reply) return;
        reply.then(sendResponse, (e) => sendResponse({ error: String(e?.message ?? e) }));
        return true; // the reply comes later
      }
    }
  });

  api.commands.onCommand.addListener(async (command, tab) => {
    if (command === 'toggle-annotations') {
      const s = await lede.settings.load();
      await lede.settings.save({ annotations: !s.annotations });
      return;
    }
    if (command !== 'toggle-page') return;
    try {
      const id = tab?.id ?? (await api.tabs.query({ active: true, currentWindow: true }))[0]?.id;
      if (id !== undefined) await api.tabs.sendMessage(id, { type: M.TOGGLE });
    } catch (e) {
      console.error('lede: toggle command', e);
    }
  });
})();
