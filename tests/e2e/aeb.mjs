// The aeb-dev pages (shared/bench/aeb-dev): ids, ground truth, and loading one in a tab with
// nothing leaving the machine: remote requests are aborted, and navigations away from the page
// answered 204 so the page stays.
//
// The pages run WITHOUT their own scripts (Chromium: `page.setJavaScriptEnabled(false)`; Lede's
// content scripts still run). Offline, their scripts only break them: some redirect, one
// `document.open()`s itself empty. Without them the DOM is the page as served, which is what
// the ground truth and the native gate read. (With scripting off, <noscript> content is
// parsed and shown; the snapshot leaves it out, as html5ever does.)
import fs from 'node:fs';
import path from 'node:path';
import { AEB } from './server.mjs';
import { watchPage } from './network.mjs';

export const hasAeb = () => fs.existsSync(path.join(AEB, 'ground-truth.json'));

/** Page ids, sorted; LEDE_AEB_LIMIT=n keeps the first n (for a quick run). */
export function aebIds() {
  const ids = fs.readdirSync(path.join(AEB, 'html')).filter((f) => f.endsWith('.html.gz')).map((f) => f.slice(0, -'.html.gz'.length)).sort();
  const limit = Number(process.env.LEDE_AEB_LIMIT ?? 0);
  return limit > 0 ? ids.slice(0, limit) : ids;
}

export function groundTruth() {
  return JSON.parse(fs.readFileSync(path.join(AEB, 'ground-truth.json'), 'utf8'));
}

export const aebFile = (id) => path.join(AEB, 'html', `${id}.html.gz`);

/** A tab for aeb-dev pages: remote requests aborted (and listed in the returned array). */
export async function aebTab(b) {
  const page = await b.browser.newPage();
  if (b.name === 'chromium') await page.setJavaScriptEnabled(false);
  let current = null;
  const remote = await watchPage(page, { block: true, allowNavigation: (url) => url === current });
  return {
    page,
    remote,
    /** Navigates to `url` (waits for DOM ready). */
    async goto(url, timeout = 20000) {
      current = url;
      await page.goto(url, { waitUntil: 'domcontentloaded', timeout });
    },
  };
}
