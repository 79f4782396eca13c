// lede.engine: runs the core. In the page when the browser allows wasm there (initSync on the
// embedded bytes: the fastest start), otherwise in the background: Chromium refuses to compile
// wasm in a content script on a page whose CSP lacks 'wasm-unsafe-eval' (platform notes).
//
// The boundary is one call per analysis, JSON strings both ways (`analyseJson`): faster than
// walking a big object through serde-wasm-bindgen, and the same strings cross `sendMessage`.
'use strict';
var lede = globalThis.lede || (globalThis.lede = {});

lede.engine = (() => {
  const api = globalThis.browser ?? globalThis.chrome;

  /** 'page' | 'background' | null (not started). */
  let where = null;
  let bindings = null;
  let initMs = null;
  /** The in-page instance trapped: stop calling it, and use the background from now on. */
  let dead = false;

  function decodeBase64(b64) {
    if (typeof Uint8Array.fromBase64 === 'function') return Uint8Array.fromBase64(b64);
    const bin = atob(b64);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return bytes;
  }

  /** Starts the in-page instance, or settles on the background. Idempotent. */
  function start() {
    if (where) return where;
    const t0 = performance.now();
    try {
      const b = lede.wasmFactory();
      b.initSync({ module: decodeBase64(lede.wasmBase64) });
      bindings = b;
      where = 'page';
    } catch (e) {
      // CompileError on CSP pages in Chromium: expected, not logged.
      if (!(e instanceof WebAssembly.CompileError)) console.error('lede: wasm init', location.href, e);
      where = 'background';
    }
    initMs = performance.now() - t0;
    return where;
  }

  async function viaBackground(snapshotJson, configJson) {
    const reply = await api.runtime.sendMessage({ type: lede.messages.ANALYSE, snapshotJson, configJson });
    if (!reply) throw new Error('lede: no reply from the background');
    if (reply.error) throw new Error(reply.error);
    return reply.planJson;
  }

  /** Analyses a snapshot (JSON); resolves to the plan (JSON). */
  async function analyse(snapshotJson, configJson) {
    start();
    if (where === 'page' && !dead) {
      try {
        return bindings.analyseJson(snapshotJson, configJson);
      } catch (e) {
        if (e instanceof WebAssembly.RuntimeError) {
          // A trap: this instance is dead (style.md section 6).
          dead = true;
          where = 'background';
        }
        throw e;
      }
    }
    return viaBackground(snapshotJson, configJson);
  }

  return Object.freeze({
    start,
    analyse,
    get where() { return where; },
    get initMs() { return initMs; },
  });
})();
