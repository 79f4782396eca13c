// Every message `type` that crosses between Lede's parts, and its fields, in one file that both
// sides load (content scripts, background, popup, options). Messages are plain objects
// `{ type, ... }` and survive structured clone and JSON alike.
'use strict';
var lede = globalThis.lede || (globalThis.lede = {});

lede.messages = Object.freeze({
  // content → background. { type, snapshotJson: string, configJson: string }
  //   → { planJson: string } | { error: string }
  // The page's CSP forbids wasm in the content script (Chromium): the background analyses.
  ANALYSE: 'analyse',

  // content → background. { type, status: Status } → { tabId }
  // After every change of the page's state: the background sets the toolbar badge.
  STATUS: 'status',

  // popup → content. { type } → Status
  GET_STATUS: 'get-status',

  // background (keyboard command) or popup → content. { type } → Status
  // Turns Lede off on this page, or back on (not remembered; the site switch is in storage).
  TOGGLE: 'toggle',

  // popup → content. { type, on: boolean } → Status
  // Hidden elements come back, outlined and labelled with their reason.
  SHOW_HIDDEN: 'show-hidden',
});

// Status, as the content script reports it:
// {
//   host: string,              location.host
//   state: 'loading' | 'on' | 'off' | 'too-big' | 'error',
//   siteOff: boolean,          the site is on the options' off list
//   mode: 'clean' | 'focus',
//   engine: 'page' | 'background' | null,
//   outcome: 'article' | 'no_article' | 'limit_exceeded' | null,
//   counts: { [reason]: number },  hidden items per reason (kebab-case reasons of src/plan.rs)
//   total: number,
//   showHidden: boolean,
//   timings: { snapshot, analyse, apply, total, init } in ms (the first analysis),
//   batches: number,           later analyses of added content
//   error: string | null,
// }
