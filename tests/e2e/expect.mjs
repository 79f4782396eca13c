// The fixture expectations (tests/fixtures/<case>/expect.toml, see its README), checked in a
// live page the way tests/fixtures.rs checks them natively:
// - keep: visible (in `document.body.innerText`);
// - title: visible in focus mode;
// - hide: a text node holding the string (or, for a string over several text nodes, the
//   smallest element holding it) is inside an element Lede marked with that reason, and is not
//   rendered;
// - once: occurs exactly once in the visible text.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'smol-toml';
import { FIXTURES } from './server.mjs';

/** Every fixture directory with an expect.toml, by name. */
export function fixtures() {
  return fs.readdirSync(FIXTURES)
    .filter((d) => fs.existsSync(path.join(FIXTURES, d, 'expect.toml')))
    .sort()
    .map((name) => ({ name, expect: parse(fs.readFileSync(path.join(FIXTURES, name, 'expect.toml'), 'utf8')) }));
}

/** White space folded to single spaces, trimmed (as tests/fixtures.rs `fold`). */
export const fold = (s) => s.split(/[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/).filter(Boolean).join(' ');

/** Runs in the page: what the checks need, for the given strings. */
function probe(hides) {
  const WS = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;
  const fold = (s) => s.split(WS).filter(Boolean).join(' ');
  const texts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {
    acceptNode: (n) => (n.parentElement.closest('script, style, noscript, template, textarea') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  for (let n = walker.nextNode(); n; n = walker.nextNode()) texts.push(n);
  function holders(needle) {
    const whole = texts.filter((t) => fold(t.data).includes(needle));
    if (whole.length) return whole;
    const els = [...document.body.querySelectorAll('*')].filter((e) => fold(e.textContent).includes(needle));
    return els.filter((e) => !els.some((o) => o !== e && e.contains(o)));
  }
  const shown = (n) => {
    const el = n.nodeType === Node.ELEMENT_NODE ? n : n.parentElement;
    return el.checkVisibility();
  };
  return {
    visible: fold(document.body.innerText),
    hides: hides.map((h) => holders(fold(h.text)).map((n) => {
      const el = n.nodeType === Node.ELEMENT_NODE ? n : n.parentElement;
      const marked = el.closest('[data-lede-hidden]');
      return { reason: marked?.getAttribute('data-lede-hidden') ?? null, shown: shown(n) };
    })),
  };
}

function count(haystack, needle) {
  let c = 0;
  for (let i = haystack.indexOf(needle); i !== -1; i = haystack.indexOf(needle, i + needle.length)) c++;
  return c;
}

/**
 * Checks a fixture in `page` in one mode; returns the failures (strings), empty when all pass.
 * Clean mode checks keep, hide and once; focus mode keep and title.
 */
export async function checkFixture(page, expect, mode) {
  const hides = mode === 'clean' ? expect.hide ?? [] : [];
  const r = await page.evaluate(probe, hides.map((h) => ({ text: String(h.text) })));
  const failures = [];
  for (const k of expect.keep ?? []) {
    if (!r.visible.includes(fold(k))) failures.push(`[${mode}] keep not visible: ${JSON.stringify(k)}`);
  }
  if (mode === 'focus' && expect.title && !r.visible.includes(fold(expect.title))) {
    failures.push(`[focus] title not visible: ${JSON.stringify(expect.title)}`);
  }
  hides.forEach((h, i) => {
    const found = r.hides[i];
    if (found.length === 0) failures.push(`[clean] hide ${JSON.stringify(h.text)}: not in the page`);
    else if (!found.some((f) => f.reason === h.reason && !f.shown)) {
      failures.push(`[clean] hide ${JSON.stringify(h.text)}: want ${h.reason}, got ${found.map((f) => `${f.reason ?? 'unmarked'}${f.shown ? ' (shown)' : ''}`).join(' / ')}`);
    }
  });
  if (mode === 'clean') {
    for (const o of expect.once ?? []) {
      const c = count(r.visible, fold(o));
      if (c !== 1) failures.push(`[clean] once ${JSON.stringify(o)}: visible ${c} times`);
    }
  }
  return failures;
}
