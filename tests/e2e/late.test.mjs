// Content added after load: a page inserts an ad and a "most popular" list 1 s after load
// (tests/e2e/pages/late-1.html). They are hidden when they arrive, in one batch; an article
// paragraph added with them stays; nothing hidden before is ever shown again (no flicker).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { BROWSERS, launch, openPage, clearSettings, statusOf, waitFor } from './browsers.mjs';
import { watchPage } from './network.mjs';

/** Longest time from insertion to hidden, ms: a batch waits for a frame, then analyses. */
const MAX_HIDE_DELAY_MS = 1000;

for (const name of BROWSERS) {
  describe(`late content in ${name}`, () => {
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

    test('an ad and a link list added 1 s after load are hidden when they arrive', async () => {
      await clearSettings(b);
      const page = await b.browser.newPage();
      try {
        const remote = await watchPage(page);
        const { tabId, status } = await openPage(b, `${srv.origin}/pages/late-1.html`, { page });
        assert.equal(status.state, 'on');
        await page.waitForFunction(() => window.__late.inserted !== null, { timeout: 5000, polling: 50 });
        await page.waitForFunction(() => ['late-ad', 'late-popular'].every((id) => document.getElementById(id).closest('[data-lede-hidden]')), { timeout: 5000, polling: 50 })
          .catch(() => {}); // the assertions below say what is missing
        const r = await page.evaluate(() => ({
          ad: document.getElementById('late-ad').closest('[data-lede-hidden]')?.getAttribute('data-lede-hidden') ?? null,
          popular: document.getElementById('late-popular').closest('[data-lede-hidden]')?.getAttribute('data-lede-hidden') ?? null,
          adShown: document.getElementById('late-ad').checkVisibility(),
          paragraphShown: document.getElementById('late-paragraph').checkVisibility(),
          paragraphMarked: document.getElementById('late-paragraph').closest('[data-lede-hidden]') !== null,
          inserted: window.__late.inserted,
          hiddenAt: window.__late.hiddenAt,
          unhides: window.__late.unhides,
        }));
        assert.equal(r.ad, 'ad', 'the late ad is hidden as an ad');
        assert.equal(r.popular, 'link-list', 'the late "most popular" list is hidden as a link list');
        assert.equal(r.adShown, false);
        assert.equal(r.paragraphShown, true, 'the late article paragraph stays');
        assert.equal(r.paragraphMarked, false);
        const late = Object.entries(r.hiddenAt).filter(([, at]) => at >= r.inserted);
        assert.ok(late.length > 0, 'hides after the insertion were recorded');
        for (const [id, at] of late) {
          assert.ok(at - r.inserted < MAX_HIDE_DELAY_MS, `#${id} hidden ${(at - r.inserted).toFixed(0)} ms after the content arrived`);
        }
        assert.equal(r.unhides, 0, 'nothing Lede hid was shown again');
        const after = await waitFor(async () => {
          const s = await statusOf(b, tabId);
          return s.batches >= 1 ? s : null;
        }, { what: 'a batch' });
        assert.ok(after.total >= 2, `total hidden ${after.total}`);
        assert.deepEqual(remote, []);
      } finally {
        await page.close();
      }
    });
  });
}
