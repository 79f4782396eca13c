// The popup and options pages, and turning Lede off and on, in Chromium and Firefox:
// - toggling off (popup button, site switch, or the keyboard command's message) restores the
//   page's DOM exactly: the serialised DOM equals the one Lede never touched;
// - "show hidden" brings hidden items back outlined, labelled with their reason;
// - the popup lists the hidden items per reason, and the toolbar badge shows the total;
// - per-site off is remembered across a reload; the mode switch re-cleans the page;
// - a page over the time budget is left as it is, and the popup says so;
// - the popup works from the keyboard alone; the options page stores the off list and mode.
import { describe, test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startServer, ROOT } from './server.mjs';
import {
  BROWSERS, launch, openPage, openExtensionPage, clearSettings, setSettings, statusOf, tabMessage, settled, waitFor, controlPage,
} from './browsers.mjs';
import { watchPage } from './network.mjs';

const FIXTURE = 'seed-000';
const MESSAGES = JSON.parse(fs.readFileSync(path.join(ROOT, 'extension/_locales/en/messages.json'), 'utf8'));
const msg = (key, ...subs) => MESSAGES[key].message.replace(/\$([A-Z_]+)\$/g, (_, name) => {
  const ph = MESSAGES[key].placeholders[name.toLowerCase()] ?? MESSAGES[key].placeholders[name];
  return subs[Number(ph.content.slice(1)) - 1];
});

/** The page as a string: doctype and root element, every attribute and node. */
const serialise = (page) => page.evaluate(() => `${document.doctype ? new XMLSerializer().serializeToString(document.doctype) : ''}\n${document.documentElement.outerHTML}`);
const ledeTraces = (page) => page.evaluate(() => document.querySelectorAll('[data-lede-hidden], [data-lede-label], [data-lede-show], style[data-lede-early]').length);

for (const name of BROWSERS) {
  describe(`popup and toggle in ${name}`, () => {
    let srv;
    let b;
    let url;
    let host;
    before(async () => {
      srv = await startServer();
      b = await launch(name);
      url = `${srv.origin}/fixtures/${FIXTURE}/page.html`;
      host = new URL(url).host;
    });
    after(async () => {
      await b?.close();
      await srv?.close();
    });
    beforeEach(async () => {
      await clearSettings(b);
    });

    async function popupFor(tabId) {
      const popup = await openExtensionPage(b, `popup/popup.html?tab=${tabId}`);
      await waitFor(() => popup.evaluate(() => document.getElementById('status').textContent !== ''), { what: 'popup status' });
      return popup;
    }

    const waitState = (tabId, want) => waitFor(async () => {
      const s = await statusOf(b, tabId);
      return s.state === want ? s : null;
    }, { what: `state ${want}` });

    test('turning off restores the DOM exactly (popup, site switch, keyboard command)', async () => {
      // The untouched page: the site is off, so Lede never writes to it.
      await setSettings(b, { offSites: [host] });
      const page = await b.browser.newPage();
      try {
        const remote = await watchPage(page);
        const { tabId, status } = await openPage(b, url, { page });
        assert.equal(status.state, 'off');
        assert.equal(await ledeTraces(page), 0);
        const untouched = await serialise(page);

        // Site switch on (popup): the page is cleaned.
        const popup = await popupFor(tabId);
        await popup.click('#site-on');
        const on = await waitState(tabId, 'on');
        assert.ok(on.total > 0, 'something is hidden');
        assert.notEqual(await serialise(page), untouched);

        // Show hidden, then the popup's "turn off on this page": every trace goes.
        await popup.click('#show-hidden');
        await waitFor(() => page.evaluate(() => document.documentElement.hasAttribute('data-lede-show')), { what: 'show hidden' });
        await popup.click('#toggle-page');
        await waitState(tabId, 'off');
        assert.equal(await serialise(page), untouched, 'DOM after the popup toggle');

        // The keyboard command's message (the background sends it): on, then off again.
        await tabMessage(b, tabId, { type: 'toggle' });
        await waitState(tabId, 'on');
        assert.ok(await ledeTraces(page) > 0);
        await tabMessage(b, tabId, { type: 'toggle' });
        await waitState(tabId, 'off');
        assert.equal(await serialise(page), untouched, 'DOM after the keyboard toggle');

        // Site switch: on, then off.
        await tabMessage(b, tabId, { type: 'toggle' });
        await waitState(tabId, 'on');
        await popup.click('#site-on');
        await waitState(tabId, 'off');
        assert.equal(await serialise(page), untouched, 'DOM after the site switch');
        assert.deepEqual(remote, []);
        await popup.close();
      } finally {
        await page.close();
      }
    });

    test('show hidden: hidden items come back outlined, labelled with their reason', async () => {
      const page = await b.browser.newPage();
      try {
        const { tabId, status } = await openPage(b, url, { page });
        assert.equal(status.state, 'on');
        const popup = await popupFor(tabId);
        assert.equal(await popup.$eval('#show-hidden', (e) => e.checked), false);
        await popup.click('#show-hidden');
        await waitFor(() => page.evaluate(() => document.documentElement.hasAttribute('data-lede-show')), { what: 'show hidden' });
        const shown = await page.evaluate(() => [...document.querySelectorAll('[data-lede-hidden]')].map((el) => ({
          reason: el.getAttribute('data-lede-hidden'),
          label: el.getAttribute('data-lede-label'),
          before: getComputedStyle(el, '::before').content,
          outline: getComputedStyle(el).outlineStyle,
          display: getComputedStyle(el).display,
        })));
        assert.ok(shown.length > 0);
        for (const s of shown) {
          const want = msg(`reason_${s.reason.replace(/-/g, '_')}`);
          assert.equal(s.label, want, `label of a ${s.reason} item`);
          // Chromium resolves attr() in the computed value; Firefox reports it as written.
          assert.ok([JSON.stringify(want), 'attr(data-lede-label)'].includes(s.before), `::before of a ${s.reason} item: ${s.before}`);
          assert.equal(s.outline, 'dashed');
          assert.notEqual(s.display, 'none', `a ${s.reason} item is shown`);
        }
        await popup.click('#show-hidden');
        await waitFor(() => page.evaluate(() => !document.documentElement.hasAttribute('data-lede-show')), { what: 'show hidden off' });
        const after = await page.evaluate(() => ({
          labels: document.querySelectorAll('[data-lede-label]').length,
          displays: [...document.querySelectorAll('[data-lede-hidden]')].map((el) => getComputedStyle(el).display),
        }));
        assert.equal(after.labels, 0);
        assert.ok(after.displays.every((d) => d === 'none'));
        await popup.close();
      } finally {
        await page.close();
      }
    });

    test('the popup lists hidden items per reason, and the badge shows the total', async () => {
      const page = await b.browser.newPage();
      try {
        const { tabId, status } = await openPage(b, url, { page });
        const popup = await popupFor(tabId);
        const rows = await popup.$$eval('#counts li[data-reason]', (lis) => lis.map((li) => [li.dataset.reason, li.querySelector('.reason').textContent, Number(li.querySelector('.count').textContent)]));
        assert.deepEqual(Object.fromEntries(rows.map(([r, , c]) => [r, c])), status.counts);
        for (const [reason, label] of rows) assert.equal(label, msg(`reason_${reason.replace(/-/g, '_')}`));
        assert.equal(await popup.$eval('#status', (e) => e.textContent), msg('popupStatusOn', String(status.total)));
        const badge = await waitFor(async () => {
          const text = await (await controlPage(b)).evaluate((id) => (globalThis.browser ?? chrome).action.getBadgeText({ tabId: id }), tabId);
          return text === String(status.total) ? text : null;
        }, { what: 'badge' });
        assert.equal(badge, String(status.total));
        await popup.close();
      } finally {
        await page.close();
      }
    });

    test('per-site off is remembered across a reload', async () => {
      const page = await b.browser.newPage();
      try {
        const { tabId } = await openPage(b, url, { page });
        const popup = await popupFor(tabId);
        assert.equal(await popup.$eval('#site-on', (e) => e.checked), true);
        await popup.click('#site-on');
        await waitState(tabId, 'off');
        await popup.close();
        await page.reload({ waitUntil: 'domcontentloaded' });
        const s = await settled(b, tabId);
        assert.equal(s.state, 'off');
        assert.equal(s.siteOff, true);
        assert.equal(await ledeTraces(page), 0);
        const again = await popupFor(tabId);
        assert.equal(await again.$eval('#site-on', (e) => e.checked), false);
        assert.equal(await again.$eval('#status', (e) => e.textContent), msg('popupStatusSiteOff'));
        await again.close();
      } finally {
        await page.close();
      }
    });

    test('the mode switch re-cleans the page in focus mode', async () => {
      const page = await b.browser.newPage();
      try {
        const { tabId, status } = await openPage(b, url, { page });
        assert.equal(status.mode, 'clean');
        const popup = await popupFor(tabId);
        await popup.click('#mode-focus');
        const s = await waitFor(async () => {
          const st = await statusOf(b, tabId);
          return st.mode === 'focus' && st.state === 'on' ? st : null;
        }, { what: 'focus mode' });
        assert.ok((s.counts.outside ?? 0) > 0, `focus mode hides what is outside the article: ${JSON.stringify(s.counts)}`);
        await popup.close();
      } finally {
        await page.close();
      }
    });

    test('a page over the time budget is left as it is, and the popup says so', async () => {
      await setSettings(b, { timeBudgetMs: 0 });
      const page = await b.browser.newPage();
      try {
        const { tabId, status } = await openPage(b, url, { page });
        assert.equal(status.state, 'too-big');
        assert.equal(await page.evaluate(() => document.querySelectorAll('[data-lede-hidden]').length), 0);
        const popup = await popupFor(tabId);
        assert.equal(await popup.$eval('#status', (e) => e.textContent), msg('popupStatusTooBig'));
        await popup.close();
      } finally {
        await page.close();
      }
    });

    test('the popup works from the keyboard alone', async () => {
      const page = await b.browser.newPage();
      try {
        const { tabId } = await openPage(b, url, { page });
        const popup = await popupFor(tabId);
        await popup.bringToFront();
        // Tab order: site switch, mode (one stop), show hidden, annotations, buttons. (Firefox
        // moves focus out of the page after the last stop, so this never wraps around.)
        const focusOn = async (id, key = 'Tab') => {
          for (let i = 0; i < 8; i++) {
            if (await popup.evaluate(() => document.activeElement?.id) === id) return;
            if (key === 'Tab') await popup.keyboard.press('Tab');
            else {
              await popup.keyboard.down('Shift');
              await popup.keyboard.press('Tab');
              await popup.keyboard.up('Shift');
            }
          }
          throw new Error(`${key} never reached #${id}`);
        };
        await focusOn('show-hidden');
        await popup.keyboard.press(' ');
        await waitFor(() => page.evaluate(() => document.documentElement.hasAttribute('data-lede-show')), { what: 'show hidden by keyboard' });
        await focusOn('site-on', 'Shift+Tab');
        await popup.keyboard.press(' ');
        await waitState(tabId, 'off');
        await popup.close();
      } finally {
        await page.close();
      }
    });

    test('the annotations switch is stored', async () => {
      const page = await b.browser.newPage();
      try {
        const { tabId } = await openPage(b, url, { page });
        const popup = await popupFor(tabId);
        assert.equal(await popup.$eval('#annotations', (e) => e.checked), true);
        await popup.click('#annotations');
        await waitFor(async () => (await popup.evaluate(() => (globalThis.browser ?? chrome).storage.local.get('annotations'))).annotations === false, { what: 'stored' });
        await popup.close();
      } finally {
        await page.close();
      }
    });

    test('options: sites where Lede stays off, and the default mode', async () => {
      const options = await openExtensionPage(b, 'options/options.html');
      await options.type('#add-site', `http://${host}/some/article`);
      await options.click('#add-form button[type=submit]');
      await waitFor(async () => (await options.evaluate(() => (globalThis.browser ?? chrome).storage.local.get('offSites'))).offSites?.includes(host), { what: 'off site stored' });
      await waitFor(() => options.$$eval('#off-sites li span', (s) => s.map((e) => e.textContent)).then((l) => l.includes(host)), { what: 'listed' });
      await options.click('#default-focus');
      await waitFor(async () => (await options.evaluate(() => (globalThis.browser ?? chrome).storage.local.get('defaultMode'))).defaultMode === 'focus', { what: 'mode stored' });
      const page = await b.browser.newPage();
      try {
        const { status } = await openPage(b, url, { page });
        assert.equal(status.state, 'off');
        assert.equal(status.mode, 'focus');
      } finally {
        await page.close();
        await options.close();
      }
    });
  });
}
