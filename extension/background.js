// Lede's background: the wasm host for pages where the content script may not run wasm
// (Chromium, on pages whose CSP lacks 'wasm-unsafe-eval'), the reading history (repeated
// reports: a wasm `LedeHistory` in memory, persisted in storage.local as base64 of its
// `toBytes`), the toolbar badge, and the keyboard commands. A service worker in Chromium (stopped after ~30 s idle: it keeps nothing it cannot
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
  /** The live instance, or null when there is none yet or it trapped. */
  let bindings = null;

  function engine() {
    if (bindings) return bindings;
    module ??= new WebAssembly.Module(lede.decodeBase64(lede.wasmBase64));
    const b = lede.wasmFactory();
    b.initSync({ module });
    bindings = b;
    return b;
  }

  function analyse(msg) {
    try {
      const t0 = performance.now();
      const planJson = engine().analysePacked(msg.nums, msg.strs, msg.configJson);
      return { planJson, ms: performance.now() - t0 };
    } catch (e) {
      // After a trap the instance is dead: the next request builds a fresh one.
      if (e instanceof WebAssembly.RuntimeError) {
        bindings = null;
        history = null;
      }
      return { error: String(e?.message ?? e) };
    }
  }

  // --- Reading history -------------------------------------------------------------------

  /** storage.local key of the persisted history: base64 of `LedeHistory.toBytes()`. */
  const HISTORY_KEY = 'history';
  /** The history's settings (src/history.rs HistoryConfig): 90 days' retention (the default),
   *  and a size cap of 6 MiB of bytes, 8 MiB as base64, within chrome.storage.local's 10 MiB
   *  quota next to the settings (the core's default cap, 8 MiB, is for the raw bytes). */
  const HISTORY_CONFIG = JSON.stringify({ max_bytes: 6 << 20 });
  /** The history in memory (a wasm object of `bindings`), or null until loaded. */
  let history = null;
  /** How long the last load from storage took, ms (reported with the count). */
  let loadMs = null;
  /** Serialises every history operation (load, add, clear, save): one at a time. */
  let queue = Promise.resolve();

  function encodeBase64(bytes) {
    if (typeof bytes.toBase64 === 'function') return bytes.toBase64();
    let s = '';
    const CHUNK = 0x8000;
    for (let i = 0; i < bytes.length; i += CHUNK) s += String.fromCharCode.apply(null, bytes.subarray(i, i + CHUNK));
    return btoa(s);
  }

  /** The history, loaded from storage on first use (a service-worker start). Storage that does
   *  not hold a history (corrupted, another format) starts an empty one. */
  async function loadHistory() {
    if (history && bindings) return history;
    history = null;
    const t0 = performance.now();
    const { [HISTORY_KEY]: b64 } = await api.storage.local.get(HISTORY_KEY);
    const e = engine();
    let h = null;
    if (typeof b64 === 'string' && b64.length > 0) {
      try {
        h = e.LedeHistory.fromBytes(lede.decodeBase64(b64), HISTORY_CONFIG);
      } catch (err) {
        if (err instanceof WebAssembly.RuntimeError) throw err;
        console.warn('lede: stored history unreadable, starting empty:', String(err?.message ?? err));
      }
    }
    h ??= new e.LedeHistory(HISTORY_CONFIG);
    h.expire(Date.now());
    history = h;
    loadMs = performance.now() - t0;
    return h;
  }

  async function saveHistory(h) {
    if (h.count() === 0) await api.storage.local.remove(HISTORY_KEY);
    else await api.storage.local.set({ [HISTORY_KEY]: encodeBase64(h.toBytes()) });
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
        return withHistory((h) => ({ lookupJson: h.lookupJson(JSON.stringify({ ...msg.page, readAtMs: Date.now() })) }));
      case M.HISTORY_ADD:
        // Never from a private (incognito) window.
        if (sender.tab?.incognito) return Promise.resolve({ recorded: false });
        return withHistory(async (h) => {
          h.addJson(JSON.stringify({ ...msg.page, readAtMs: Date.now() }));
          await saveHistory(h);
          return { recorded: true, count: h.count() };
        });
      case M.HISTORY_COUNT:
        return withHistory((h) => ({ count: h.count(), loadMs }));
      case M.HISTORY_CLEAR:
        return withHistory(async (h) => {
          h.clear();
          await saveHistory(h);
          return { count: h.count() };
        });
      case M.READ:
        try {
          return Promise.resolve({ readJson: engine().readPacked(msg.nums, msg.strs, msg.planJson) });
        } catch (e) {
          if (e instanceof WebAssembly.RuntimeError) {
            bindings = null;
            history = null;
          }
          return Promise.resolve({ error: String(e?.message ?? e) });
        }
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
