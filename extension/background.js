// Lede's background: the wasm host for pages where the content script may not run wasm
// (Chromium, on pages whose CSP lacks 'wasm-unsafe-eval'), the toolbar badge, and the keyboard
// command. A service worker in Chromium (stopped after ~30 s idle: it keeps nothing it cannot
// rebuild in milliseconds), an event page in Firefox (manifest `background.scripts`).
'use strict';
if (typeof importScripts === 'function' && !globalThis.lede?.wasmFactory) {
  importScripts('messages.js', 'settings.js', 'pkg/lede-bytes.js', 'pkg/lede.js');
}

(() => {
  const api = globalThis.browser ?? globalThis.chrome;
  const M = lede.messages;
  const BADGE_COLOR = '#555';

  /** The compiled module (kept: instantiating it again after a trap takes ~1 ms). */
  let module = null;
  /** The live instance, or null when there is none yet or it trapped. */
  let bindings = null;

  function decodeBase64(b64) {
    if (typeof Uint8Array.fromBase64 === 'function') return Uint8Array.fromBase64(b64);
    const bin = atob(b64);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return bytes;
  }

  function engine() {
    if (bindings) return bindings;
    module ??= new WebAssembly.Module(decodeBase64(lede.wasmBase64));
    const b = lede.wasmFactory();
    b.initSync({ module });
    bindings = b;
    return b;
  }

  function analyse(msg) {
    try {
      const t0 = performance.now();
      const planJson = engine().analyseJson(msg.snapshotJson, msg.configJson);
      return { planJson, ms: performance.now() - t0 };
    } catch (e) {
      // After a trap the instance is dead: the next request builds a fresh one.
      if (e instanceof WebAssembly.RuntimeError) bindings = null;
      return { error: String(e?.message ?? e) };
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
      default:
    }
  });

  api.commands.onCommand.addListener(async (command, tab) => {
    if (command !== 'toggle-page') return;
    try {
      const id = tab?.id ?? (await api.tabs.query({ active: true, currentWindow: true }))[0]?.id;
      if (id !== undefined) await api.tabs.sendMessage(id, { type: M.TOGGLE });
    } catch (e) {
      console.error('lede: toggle command', e);
    }
  });
})();
