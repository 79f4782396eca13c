// The two ways a page reaches the core (extension/content/snapshotter.js): its serialised
// <body> (the default) and the DOM walk. On every seed fixture page, in both browsers and on a
// strict-CSP page (the background path in Chromium), both give the same plan and hide the same
// elements with the same reasons; a page whose serialisation does not round-trip is walked, and
// cleaned all the same.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { BROWSERS, launch, openPage, setSettings, clearSettings, tabMessage } from './browsers.mjs';
import { fixtures } from './expect.mjs';

/** What Lede did to a page: the plan, and each marked element (its index among all) with its reason. */
async function outcome(b, url) {
  const { page, tabId, status } = await openPage(b, url);
  try {
    const { plan } = await tabMessage(b, tabId, { type: 'get-plan' });
    const marks = await page.evaluate(() => {
      const all = [...document.getElementsByTagName('*')];
      return [...document.querySelectorAll('[data-lede-hidden]')].map((e) => `${all.indexOf(e)} ${e.localName} ${e.getAttribute('data-lede-hidden')}`);
    });
    return { status, plan, marks };
  } finally {
    await page.close();
  }
}

/** What Lede did to the page at `url` from its serialised <body> (the default), then with the
 *  walk; both forms asserted used. */
async function bothForms(b, url) {
  await clearSettings(b);
  const markup = await outcome(b, url);
  await setSettings(b, { snapshotForm: 'walk' });
  const walk = await outcome(b, url);
  assert.equal(markup.status.state, 'on');
  assert.equal(markup.status.timings.walked, false, 'the serialised <body> was used');
  assert.equal(walk.status.timings.walked, true, 'the walk was used');
  return { markup, walk };
}

for (const name of BROWSERS) {
  describe(`snapshot forms in ${name}`, () => {
    let srv;
    let b;
    before(async () => {
      srv = await startServer();
      b = await launch(name);
    });
    after(async () => {
      await b?.close();
      await srv?.close();
    });

    const pages = [...fixtures().map(({ name: fx }) => `/fixtures/${fx}/page.html`), '/csp-script/fixtures/seed-001/page.html'];
    for (const p of pages) {
      test(`${p}: the serialised <body> and the walk give the same plan and marks`, async () => {
        const { markup, walk } = await bothForms(b, `${srv.origin}${p}`);
        assert.deepEqual(markup.plan, walk.plan);
        assert.ok(markup.marks.length > 0, 'something is hidden');
        assert.deepEqual(markup.marks, walk.marks);
      });
    }

    test('what the early stylesheet hides by selector is marked with its reason, from the serialised <body> and the walk alike', async () => {
      const { markup, walk } = await bothForms(b, `${srv.origin}/pages/early.html`);
      const early = (marks) => marks.filter((m) => / (ad|cookie)$/.test(m)).map((m) => m.replace(/^\d+ /, ''));
      // <head>'s <style id="cookie-banner-css"> is marked as ever (the query covers what lies
      // beside <body>); then every kind of early selector: an id, a class, a tag, an id prefix
      // (on an <iframe>, which the snapshot leaves out), a substring of a class, an id inside
      // an <svg>. The name in a data-* attribute marks nothing.
      assert.deepEqual(early(markup.marks), [
        'style cookie', 'div cookie', 'ins ad', 'amp-ad ad', 'iframe ad', 'section cookie', 'g ad',
      ]);
      assert.deepEqual(markup.marks, walk.marks);
    });

    test('long scripts and styles go to the core empty, and the plan and marks are the walk\'s', async () => {
      const { markup, walk } = await bothForms(b, `${srv.origin}/pages/hollow.html`);
      // The state blob, the style and the analytics script (~18,000 to ~25,000 characters
      // each); not the short scripts, nor the one inside <svg>.
      assert.ok(markup.status.timings.hollow > 60000, `characters left out: ${markup.status.timings.hollow}`);
      assert.deepEqual(markup.plan, walk.plan);
      assert.ok(markup.marks.some((m) => m.endsWith('aside link-list')), `the "most popular" list is hidden: ${markup.marks.join('; ')}`);
      assert.deepEqual(markup.marks, walk.marks);
    });

    test('a hostile DOM (2,000 levels, lone surrogates, U+0000, odd names, a comment holding "-->"): Lede settles, the page lives', async () => {
      await clearSettings(b);
      const { page, status } = await openPage(b, `${srv.origin}/pages/hostile-dom.html`);
      try {
        assert.ok(['on', 'too-big'].includes(status.state), `state ${status.state} (${status.error ?? ''})`);
        const alive = await page.evaluate(() => document.getElementById('first').checkVisibility());
        assert.equal(alive, true, 'the article stays visible');
      } finally {
        await page.close();
      }
    });

    test('a page whose serialisation does not round-trip is walked, and cleaned', async () => {
      await clearSettings(b);
      const { status, marks } = await outcome(b, `${srv.origin}/pages/no-round-trip.html`);
      assert.equal(status.state, 'on');
      assert.equal(status.timings.walked, true, 'the walk took over');
      assert.ok(marks.some((m) => m.endsWith('aside link-list')), `the "most popular" list is hidden: ${marks.join('; ')}`);
    });
  });
}
