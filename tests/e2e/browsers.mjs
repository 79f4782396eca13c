// Launching Debian's Chromium and Firefox ESR with the built extension, per
// shared/docs/platform-notes.md, and talking to the extension from a test.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import puppeteer from 'puppeteer-core';
import { ROOT } from './server.mjs';

export const EXTENSION = path.join(ROOT, 'extension');
export const CHROMIUM = process.env.LEDE_CHROMIUM ?? '/usr/lib/chromium/chromium';
export const FIREFOX = process.env.LEDE_FIREFOX ?? '/usr/bin/firefox-esr';
const MANIFEST = JSON.parse(fs.readFileSync(path.join(EXTENSION, 'manifest.json'), 'utf8'));
export const GECKO_ID = MANIFEST.browser_specific_settings.gecko.id;

/** Which browsers to run: LEDE_BROWSERS=chromium,firefox (default both). */
export const BROWSERS = (process.env.LEDE_BROWSERS ?? 'chromium,firefox').split(',').map((s) => s.trim()).filter(Boolean);

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls `fn` until it returns a truthy value; throws after `timeout` ms. */
export async function waitFor(fn, { timeout = 10000, every = 25, what = 'condition' } = {}) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what} (last: ${last?.message ?? JSON.stringify(last)})`);
    await sleep(every);
  }
}

/**
 * A browser profile that outlives one launch (history across a restart): `launch(name,
 * { profile })` uses it and leaves it in place; `profile.remove()` deletes it.
 */
export function makeProfile(name) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `lede-${name}-profile-`));
  return { dir, uuid: crypto.randomUUID(), remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

async function launchChromium({ profile = null } = {}) {
  if (!fs.existsSync(path.join(EXTENSION, 'pkg/lede-bytes.js'))) throw new Error('extension/pkg missing: run scripts/build.sh');
  const userDataDir = profile?.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'lede-chromium-'));
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    userDataDir,
    enableExtensions: true,
    pipe: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const extId = await browser.installExtension(EXTENSION);
  return {
    name: 'chromium',
    browser,
    extUrl: (p) => `chrome-extension://${extId}/${p}`,
    async close() {
      await browser.close().catch(() => {});
      if (!profile) fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

async function launchFirefox({ prefs = {}, profile = null } = {}) {
  const uuid = profile?.uuid ?? crypto.randomUUID();
  // A kept profile: the temporary add-on is uninstalled at shutdown and installed again at the
  // next launch; its storage (storage.local: settings, history) and moz-extension UUID stay.
  const keep = profile
    ? { 'extensions.webextensions.keepStorageOnUninstall': true, 'extensions.webextensions.keepUuidOnUninstall': true }
    : {};
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    args: ['--remote-allow-system-access'],
    ...(profile ? { userDataDir: profile.dir } : {}),
    extraPrefsFirefox: { 'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: uuid }), ...keep, ...prefs },
  });
  await browser.installExtension(EXTENSION);
  return {
    name: 'firefox',
    browser,
    extUrl: (p) => `moz-extension://${uuid}/${p}`,
    async close() {
      await browser.close().catch(() => {});
    },
  };
}

/**
 * Launches `name` ('chromium' | 'firefox') with the extension installed. `pageScripts: false`
 * turns the pages' own scripts off in Firefox (pref `javascript.enabled`; Lede's content
 * scripts still run); in Chromium it is set per page (`page.setJavaScriptEnabled(false)`).
 */
export function launch(name, { pageScripts = true, profile = null } = {}) {
  if (name === 'chromium') return launchChromium({ profile });
  if (name === 'firefox') return launchFirefox({ prefs: pageScripts ? {} : { 'javascript.enabled': false }, profile });
  throw new Error(`unknown browser ${name}`);
}

/**
 * Opens an extension page in a new tab. In Firefox `goto` on a moz-extension:// page never
 * resolves (platform notes): start it, then poll the ready state.
 */
export async function openExtensionPage(b, relPath) {
  const page = await b.browser.newPage();
  const url = b.extUrl(relPath);
  if (b.name === 'firefox') {
    page.goto(url).catch(() => {});
    await waitFor(async () => (await page.evaluate(() => location.href + ' ' + document.readyState)) === `${url} complete`,
      { what: `extension page ${relPath}` });
  } else {
    await page.goto(url);
  }
  await waitFor(() => page.evaluate(() => document.body?.dataset.ready === 'true'), { what: `${relPath} ready` });
  return page;
}

/** The extension page tests talk to the content scripts through (messages as the popup sends). */
export async function controlPage(b) {
  if (!b.control || b.control.isClosed()) b.control = await openExtensionPage(b, 'options/options.html');
  return b.control;
}

/** Sends a message to the content script of the tab showing `url`; returns its reply. */
export async function tabMessage(b, tabId, msg) {
  const control = await controlPage(b);
  return control.evaluate((id, m) => (globalThis.browser ?? chrome).tabs.sendMessage(id, m), tabId, msg);
}

/** The id of the tab whose content script started on `url`. */
export async function tabIdOf(b, url) {
  const control = await controlPage(b);
  return waitFor(() => control.evaluate(async (u) => {
    const api = globalThis.browser ?? chrome;
    for (const tab of await api.tabs.query({})) {
      try {
        const s = await api.tabs.sendMessage(tab.id, { type: 'get-status' });
        if (s?.url === u) return tab.id;
      } catch { /* no content script there */ }
    }
    return null;
  }, url), { what: `tab of ${url}` });
}

/** Content script status of a tab. */
export function statusOf(b, tabId) {
  return tabMessage(b, tabId, { type: 'get-status' });
}

const SETTLED = new Set(['on', 'off', 'too-big', 'error']);

/** Waits until Lede finished with the tab (on, off, too big, or failed); returns the status. */
export function settled(b, tabId, { timeout = 15000 } = {}) {
  return waitFor(async () => {
    const s = await statusOf(b, tabId);
    return s && SETTLED.has(s.state) ? s : null;
  }, { timeout, what: 'Lede to settle' });
}

/** Opens `url` in a new tab, waits for Lede to settle; returns { page, tabId, status }. */
export async function openPage(b, url, { page = null, timeout = 15000 } = {}) {
  await controlPage(b);
  page ??= await b.browser.newPage();
  await page.bringToFront();
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout });
  const tabId = await tabIdOf(b, url);
  const status = await settled(b, tabId, { timeout });
  return { page, tabId, status };
}

/** Settings in the extension's storage (as the popup and options write them). */
export async function setSettings(b, changes) {
  const control = await controlPage(b);
  await control.evaluate((c) => (globalThis.browser ?? chrome).storage.local.set(c), changes);
}

export async function clearSettings(b) {
  const control = await controlPage(b);
  await control.evaluate(() => (globalThis.browser ?? chrome).storage.local.clear());
}
