// lede.applier: Plan → data-lede-* attributes; the only code that writes to the page.
//
// Every change is one of:
// - `data-lede-hidden="<reason>"` on a hidden element (lede.css hides it);
// - `data-lede-label="<reason, in the reader's language>"` on it while "show hidden" is on;
// - `data-lede-show` on <html> while "show hidden" is on;
// - one `<style data-lede-early>` element, added at document_start: clutter known by selector,
//   hidden before first paint (EARLY_HIDES).
// `undo()` removes all of them, so the page's DOM serialises exactly as before Lede touched it.
//
// Text nodes. A plan op may name a text node (focus mode hides stray text outside the
// article). Text cannot carry an attribute, and wrapping it in an element would move a node the
// page's own scripts may hold. So: when the text is its parent element's only content (the
// parent's other children are blank text or comments), the parent is hidden instead, which
// hides exactly that text (snapshotter.targetOf); otherwise the op is skipped and counted in
// `skippedTextOps`.
'use strict';
var lede = globalThis.lede || (globalThis.lede = {});

lede.applier = (() => {
  const api = globalThis.browser ?? globalThis.chrome;
  const HIDDEN = 'data-lede-hidden';
  const LABEL = 'data-lede-label';
  const SHOW = 'data-lede-show';
  const EARLY = 'data-lede-early';

  /**
   * Clutter hidden by selector at document_start, before first paint, with its reason. Kept
   * small and conservative: only names that ad and consent libraries give their own boxes, and
   * never anything that could hold an article. At DOM ready the matches are marked with their
   * reason too, so they are counted, shown by "show hidden", and restored by the toggle.
   *
   * `names` (four bytes or more): every selector of the group matches only elements whose tag
   * is one of them, or whose id or class holds one (in any case). The core lists the elements of
   * <body> that do while it reads the page (src/markup.rs `Watch`), and only those are matched
   * against the selectors at DOM ready.
   */
  const EARLY_HIDES = Object.freeze([
    {
      reason: 'ad',
      selectors: ['[id^="div-gpt-ad"]', '[id^="google_ads_iframe"]', 'ins.adsbygoogle', 'amp-ad', 'amp-embed[type="taboola"]'],
      names: ['div-gpt-ad', 'google_ads_iframe', 'adsbygoogle', 'amp-ad', 'amp-embed'],
    },
    {
      reason: 'cookie',
      selectors: ['#onetrust-consent-sdk', '#CybotCookiebotDialog', '#didomi-host', '.qc-cmp2-container', '.fc-consent-root', '[class*="cookie-banner"]', '[id*="cookie-banner"]'],
      names: ['onetrust-consent-sdk', 'CybotCookiebotDialog', 'didomi-host', 'qc-cmp2-container', 'fc-consent-root', 'cookie-banner'],
    },
  ]);
  /** The names the core watches for (`analyseMarkup`'s `watchNames`). */
  const EARLY_NAMES = EARLY_HIDES.flatMap((g) => g.names).join(' ');

  /** Elements Lede marked, with their reason, in marking order. */
  let marked = new Map();
  let showHidden = false;
  let skippedTextOps = 0;

  function earlyCss() {
    const all = EARLY_HIDES.flatMap((g) => g.selectors).join(',\n  ');
    return `html:not([${SHOW}]) :is(\n  ${all}\n) { display: none !important; }\n`;
  }

  /** Adds the early stylesheet (at document_start, before <head> exists). */
  function insertEarlyStyle() {
    if (document.querySelector(`style[${EARLY}]`)) return;
    const style = document.createElement('style');
    style.setAttribute(EARLY, '');
    style.textContent = earlyCss();
    const into = document.head ?? document.documentElement;
    if (into) {
      into.appendChild(style);
      return;
    }
    // No root element yet: add the sheet the moment there is one.
    const wait = new MutationObserver(() => {
      if (!document.documentElement) return;
      wait.disconnect();
      document.documentElement.appendChild(style);
    });
    wait.observe(document, { childList: true });
  }

  function removeEarlyStyle() {
    for (const s of document.querySelectorAll(`style[${EARLY}]`)) s.remove();
  }

  function label(reason) {
    return api.i18n.getMessage(`reason_${reason.replace(/-/g, '_')}`) || reason;
  }

  /** `nested`: something may already be hidden around `el` (not so for the first plan's ops,
   *  which the core gives outermost only). */
  function mark(el, reason, nested = true) {
    if (el === document.body || el === document.documentElement) return false;
    if (nested && el.closest(`[${HIDDEN}]`)) return false; // already hidden, itself or by an ancestor
    el.setAttribute(HIDDEN, reason);
    if (showHidden) el.setAttribute(LABEL, label(reason));
    marked.set(el, reason);
    return true;
  }

  /**
   * Applies a plan: marks every op's node; `target(id)` gives the element for a node id
   * (`snapshotter.targetOf`), null for a text op that cannot be applied. Marks that are
   * already there stay (nothing is ever un-hidden by a later analysis, so nothing flickers).
   * Returns the number of new marks.
   */
  function apply(plan, target) {
    let added = 0;
    const first = marked.size === 0;
    for (const op of plan.ops) {
      if (op.node === 0) continue;
      const node = target(op.node);
      if (!node) {
        skippedTextOps++;
        continue;
      }
      if (mark(node, op.reason, !first)) added++;
    }
    return added;
  }

  /** Every early selector, and each group's: one walk of the page finds them all (a walk per
   *  group cost ~0.3 ms a page in Chromium), then the few found are told apart. */
  const EARLY_ALL = EARLY_HIDES.flatMap((g) => g.selectors).join(',');
  const EARLY_GROUPS = EARLY_HIDES.map((g) => ({ reason: g.reason, selector: g.selectors.join(',') }));

  /**
   * Marks what the early stylesheet hides by selector, with its reason. `watched`: when given,
   * the elements of `body` that the core found holding an early name (EARLY_NAMES), in document
   * order; then only they are matched in <body>, and what lies beside it (<head>, whatever a
   * script put next to <body>) is queried. Otherwise the whole document is queried.
   */
  function markEarly(watched = null, body = null) {
    let added = 0;
    for (const el of watched ? earlyAround(watched, body) : document.querySelectorAll(EARLY_ALL)) {
      const group = EARLY_GROUPS.find((g) => el.matches(g.selector));
      if (group && mark(el, group.reason)) added++;
    }
    return added;
  }

  /** What `document.querySelectorAll(EARLY_ALL)` finds, in document order, with `body`'s part
   *  taken from `watched` (its candidates). */
  function earlyAround(watched, body) {
    const found = [];
    for (const c of document.documentElement.children) {
      if (c === body) {
        for (const el of watched) if (el.matches(EARLY_ALL)) found.push(el);
        continue;
      }
      if (c.matches(EARLY_ALL)) found.push(c);
      found.push(...c.querySelectorAll(EARLY_ALL));
    }
    return found;
  }

  /** Hidden items per reason: { [reason]: count }, and their total. */
  function counts() {
    const byReason = {};
    let total = 0;
    for (const [el, reason] of marked) {
      if (!el.isConnected || el.getAttribute(HIDDEN) !== reason) continue;
      byReason[reason] = (byReason[reason] ?? 0) + 1;
      total++;
    }
    return { byReason, total };
  }

  /** "Show hidden": hidden elements come back outlined, labelled with their reason. */
  function setShowHidden(on) {
    showHidden = on;
    const html = document.documentElement;
    if (on) {
      html.setAttribute(SHOW, '');
      for (const [el, reason] of marked) el.setAttribute(LABEL, label(reason));
    } else {
      html.removeAttribute(SHOW);
      for (const el of marked.keys()) el.removeAttribute(LABEL);
    }
  }

  /** Removes every trace of Lede from the page. */
  function undo() {
    for (const el of marked.keys()) {
      el.removeAttribute(HIDDEN);
      el.removeAttribute(LABEL);
    }
    // Anything marked that the map lost track of (a node the page cloned, say).
    for (const el of document.querySelectorAll(`[${HIDDEN}], [${LABEL}]`)) {
      el.removeAttribute(HIDDEN);
      el.removeAttribute(LABEL);
    }
    document.documentElement.removeAttribute(SHOW);
    removeEarlyStyle();
    marked = new Map();
    showHidden = false;
    skippedTextOps = 0;
  }

  return Object.freeze({
    EARLY_HIDES,
    EARLY_NAMES,
    insertEarlyStyle,
    removeEarlyStyle,
    apply,
    markEarly,
    counts,
    setShowHidden,
    undo,
    get showHidden() { return showHidden; },
    get skippedTextOps() { return skippedTextOps; },
  });
})();
