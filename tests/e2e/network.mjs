// Checking that no request leaves 127.0.0.1. Pages: every request a page makes is seen
// (puppeteer request events, in Chromium over CDP and in Firefox over WebDriver BiDi); with
// `block`, requests to anywhere else are aborted before they leave (the aeb-dev pages name
// remote images and scripts) and navigations away from the page answered 204 (stay). The
// extension: in Chromium its service worker's requests are watched over CDP.
const LOCAL_HOSTS = new Set(['127.0.0.1']);
const LOCAL_SCHEMES = new Set(['data:', 'blob:', 'chrome-extension:', 'moz-extension:', 'about:']);

export function isLocal(url) {
  try {
    const u = new URL(url);
    return LOCAL_SCHEMES.has(u.protocol) || LOCAL_HOSTS.has(u.hostname);
  } catch {
    return false;
  }
}

/**
 * Records the page's requests that would leave the machine in `remote` (an array it returns).
 * With `block: true`, intercepts: remote requests are aborted, and a main-frame navigation to
 * another URL than `allowNavigation(url)` accepts is answered 204 so the page stays.
 */
export async function watchPage(page, { block = false, allowNavigation = () => true } = {}) {
  const remote = [];
  if (block) await page.setRequestInterception(true);
  page.on('request', (req) => {
    const url = req.url();
    const local = isLocal(url);
    if (!local) remote.push(url);
    if (!block) return;
    if (req.isInterceptResolutionHandled?.()) return;
    if (!local) {
      req.abort('blockedbyclient').catch(() => {});
    } else if (req.isNavigationRequest() && req.frame() === page.mainFrame() && !allowNavigation(url)) {
      req.respond({ status: 204, body: '' }).catch(() => {});
    } else {
      req.continue().catch(() => {});
    }
  });
  return remote;
}

/**
 * Chromium: records every request of the extension's service worker that would leave the
 * machine, across restarts of the worker. Returns the array it fills; Firefox returns null (its
 * event page is not exposed to WebDriver BiDi).
 */
export async function watchExtension(b) {
  if (b.name !== 'chromium') return null;
  const remote = [];
  const seen = new WeakSet();
  const attach = async (t) => {
    if (seen.has(t) || t.type() !== 'service_worker' || !t.url().startsWith('chrome-extension://')) return;
    seen.add(t);
    try {
      const cdp = await t.createCDPSession();
      cdp.on('Network.requestWillBeSent', (e) => {
        if (!isLocal(e.request.url)) remote.push(e.request.url);
      });
      await cdp.send('Network.enable');
    } catch {
      // the worker stopped meanwhile; its successor is attached when it starts
    }
  };
  b.browser.on('targetcreated', attach);
  await b.browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().startsWith('chrome-extension://'), { timeout: 10000 });
  await Promise.all(b.browser.targets().map(attach));
  return remote;
}

/**
 * Tries to send requests from the extension's background (Chromium: its service worker;
 * Firefox: its event page, reached with runtime.getBackgroundPage from an extension page) to
 * `origin`: fetch, and an image where the context has a document. The extension's CSP
 * (`connect-src 'none'`, `default-src 'self'`) must refuse them before they leave. Returns
 * what the background saw: { fetch: 'refused' | 'sent', image: 'refused' | 'sent' | 'n/a' }.
 */
export async function probeBackground(b, origin, control) {
  const probe = async (o, viaBackgroundPage) => {
    const out = { fetch: 'sent', image: 'n/a' };
    // Firefox: the event page's own functions, so its CSP applies.
    const g = viaBackgroundPage ? await globalThis.browser.runtime.getBackgroundPage() : globalThis;
    try {
      await g.fetch(`${o}/probe-fetch`, { cache: 'no-store' });
    } catch {
      out.fetch = 'refused';
    }
    if (g.document) {
      out.image = await new Promise((resolve) => {
        const img = new g.Image();
        img.onload = () => resolve('sent');
        img.onerror = () => resolve('refused');
        img.src = `${o}/probe-image.png`;
      });
    }
    return out;
  };
  if (b.name === 'chromium') {
    const target = await b.browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().startsWith('chrome-extension://'));
    const worker = await target.worker();
    return worker.evaluate(probe, origin, false);
  }
  return control.evaluate(probe, origin, true);
}
