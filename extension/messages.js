// Every message `type` that crosses between Lede's parts, and its fields, in one file that both
// sides load (content scripts, background, popup, options). Messages are plain objects
// `{ type, ... }` and survive structured clone and JSON alike.
'use strict';
var lede = globalThis.lede || (globalThis.lede = {});
/** When the first of Lede's scripts started (content scripts: start-up cost, see main.js). */
lede.loadedAt ??= performance.now();

/** Base64 → bytes (the embedded wasm, the stored history), for both sides. */
lede.decodeBase64 ??= (b64) => {
  if (typeof Uint8Array.fromBase64 === 'function') return Uint8Array.fromBase64(b64);
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
};

/**
 * Analyses a page's serialised <body> (`markup`, see snapshotter.takeMarkup) in a core instance
 * (`bindings`, its `memory`), for the content script and the background alike. The markup goes
 * into the instance's memory as UTF-8 where its `markupInput` made room (one native encode, no
 * copy in between; a UTF-16 unit takes at most 3 bytes). Returns `{ planJson, places, watched,
 * readJson }` (src/wasm.rs `analyseMarkup`, `takePlaces`, `takeWatched`, `takeRead`) and
 * `coreMs`, the wasm call's own time; throws when the markup did not round-trip.
 */
lede.analyseMarkup ??= ((utf8) => (bindings, memory, markup, watchNames, configJson) => {
  const room = markup.html.length * 3;
  const at = bindings.markupInput(room);
  const length = utf8.encodeInto(markup.html, new Uint8Array(memory.buffer, at, room)).written;
  const t0 = performance.now();
  const planJson = bindings.analyseMarkup(length, markup.title, markup.ogTitle, markup.elements, markup.noscriptMarkup, watchNames, configJson);
  const coreMs = performance.now() - t0;
  return { planJson, places: bindings.takePlaces(), watched: bindings.takeWatched(), readJson: bindings.takeRead(), coreMs };
})(new TextEncoder());

lede.messages = Object.freeze({
  // content → background. { type, markup, watchNames: string, configJson: string } (the page's
  //   serialised <body>, see snapshotter.takeMarkup) or { type, nums: number[], strs: string,
  //   configJson } (the packed snapshot of the DOM walk, src/packed.rs)
  //   → { planJson: string, ms: number (the core's time there); for markup also places,
  //   watched: number[] and readJson (see engine.analyse) } | { error: string }
  // The page's CSP forbids wasm in the content script (Chromium): the background analyses.
  ANALYSE: 'analyse',

  // content → background. { type, status: Status } → { tabId }
  // After every change of the page's state: the background sets the toolbar badge.
  STATUS: 'status',

  // popup → content. { type } → Status
  GET_STATUS: 'get-status',

  // popup or test → content. { type } → { plan: Plan | null }
  // The plan of the first analysis since Lede was turned on, as the core returned it.
  GET_PLAN: 'get-plan',

  // background (keyboard command) or popup → content. { type } → Status
  // Turns Lede off on this page, or back on (not remembered; the site switch is in storage).
  TOGGLE: 'toggle',

  // popup → content. { type, on: boolean } → Status
  // Hidden elements come back, outlined and labelled with their reason.
  SHOW_HIDDEN: 'show-hidden',

  // content → background. { type, nums, strs, planJson } → { readJson } | { error }
  // The article's fingerprint input (core `readPacked`: title, visible article paragraphs) when
  // the page's CSP forbids wasm in the content script.
  READ: 'read',

  // content → background. { type, page: Page }
  //   → { lookupJson: string (history::Lookup), ms: number (the lookup's time there) } | { error }
  // Page: { url, site, title, readAtMs, paragraphs: [string] }.
  HISTORY_LOOKUP: 'history-lookup',

  // content → background. { type, page: Page } → { recorded: boolean, count } | { error }
  // After the reader stayed `readAfterSeconds` on the page. Never recorded from a private window.
  HISTORY_ADD: 'history-add',

  // options or test → background. { type } → { count, loadMs (the last load from storage),
  //   load: { engineMs, getMs, readMs, parseMs, replayMs, bytes, records } (its parts) | null }
  HISTORY_COUNT: 'history-count',

  // options → background. { type } → { count: 0 }
  HISTORY_CLEAR: 'history-clear',

  // test → content. { type } → { shown: boolean, banner: boolean, marks: number, folded: number }
  GET_ANNOTATIONS: 'get-annotations',
});

// Status, as the content script reports it:
// {
//   host: string,              location.host
//   url: string,               location.href at start (tests find their tab by it)
//   state: 'loading' | 'on' | 'off' | 'too-big' | 'error',
//   siteOff: boolean,          the site is on the options' off list
//   mode: 'clean' | 'focus',
//   engine: 'page' | 'background' | null,
//   outcome: 'article' | 'no_article' | 'limit_exceeded' | null,
//   counts: { [reason]: number },  hidden items per reason (kebab-case reasons of src/plan.rs)
//   total: number,
//   showHidden: boolean,
//   timings: { snapshot, analyse, apply, total, init, wait, scripts, background? } in ms (the first
//            analysis; `wait`: the snapshot was ready before the compiled wasm module (the
//            first time, it includes `init`);
//            `scripts`: evaluating the content scripts at document_start;
//            `background`: the core's own time in the background, when it ran there),
//   batches: number,           later analyses of added content
//   error: string | null,
// }
