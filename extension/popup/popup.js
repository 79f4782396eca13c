// The popup: Lede on/off for this site (remembered), mode, "show hidden", annotations, and what
// was hidden here per reason. It reads the page's state from the content script (get-status)
// and stays current with the content script's status reports. Settings go to storage; the
// content script follows them. For tests, `?tab=<id>` names the page's tab.
'use strict';
(() => {
  const api = globalThis.browser ?? globalThis.chrome;
  const M = lede.messages;
  const $ = (id) => document.getElementById(id);
  const t = (key, subs) => api.i18n.getMessage(key, subs) || key;

  let tabId = null;
  let status = null;

  function localise() {
    for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
    for (const el of document.querySelectorAll('[data-i18n-title]')) el.title = t(el.dataset.i18nTitle);
    document.documentElement.lang = api.i18n.getUILanguage();
  }

  async function findTab() {
    const asked = new URLSearchParams(location.search).get('tab');
    if (asked) return Number(asked);
    const [tab] = await api.tabs.query({ active: true, currentWindow: true });
    return tab?.id ?? null;
  }

  function statusText(s) {
    if (!s) return t('popupStatusUnavailable');
    switch (s.state) {
      case 'on': return s.total > 0 ? t('popupStatusOn', [String(s.total)]) : t('popupNothingHidden');
      case 'loading': return t('popupStatusLoading');
      case 'off': return s.siteOff ? t('popupStatusSiteOff') : t('popupStatusOff');
      case 'too-big': return t('popupStatusTooBig');
      default: return t('popupStatusError');
    }
  }

  function render(settings) {
    const s = status;
    $('status').textContent = statusText(s);
    $('status').dataset.state = s?.state ?? 'unavailable';
    $('host').textContent = s?.host ?? '';
    $('controls').hidden = !s;
    $('toggle-page').hidden = !s || s.siteOff;
    if (!s) return;
    $('site-on').checked = !s.siteOff;
    const mode = lede.settings.modeFor(settings, s.host);
    $('mode-clean').checked = mode === 'clean';
    $('mode-focus').checked = mode === 'focus';
    $('show-hidden').checked = s.showHidden;
    $('show-hidden').disabled = s.state !== 'on';
    $('annotations').checked = settings.annotations;
    $('toggle-page').textContent = s.state === 'off' || s.state === 'error' ? t('popupTogglePageOn') : t('popupTogglePage');

    const list = $('counts');
    list.replaceChildren();
    const reasons = Object.keys(s.counts ?? {}).sort((a, b) => s.counts[b] - s.counts[a] || a.localeCompare(b));
    for (const reason of reasons) {
      const li = document.createElement('li');
      li.dataset.reason = reason;
      const name = document.createElement('span');
      name.className = 'reason';
      name.textContent = t(`reason_${reason.replace(/-/g, '_')}`);
      const count = document.createElement('span');
      count.className = 'count';
      count.textContent = String(s.counts[reason]);
      li.append(name, count);
      list.append(li);
    }
    if (reasons.length === 0) {
      const li = document.createElement('li');
      li.className = 'empty';
      li.textContent = t('popupNothingHidden');
      list.append(li);
    }
    if (s.engine === 'background' && s.state === 'on') {
      $('status').title = t('popupEngineBackground');
    }
  }

  async function refresh() {
    try {
      status = tabId === null ? null : await api.tabs.sendMessage(tabId, { type: M.GET_STATUS });
    } catch {
      status = null; // no content script on this tab
    }
    render(await lede.settings.load());
  }

  async function send(type, extra = {}) {
    status = await api.tabs.sendMessage(tabId, { type, ...extra });
    render(await lede.settings.load());
  }

  function wire() {
    $('site-on').addEventListener('change', (e) => lede.settings.setSiteOn(status.host, e.target.checked));
    for (const radio of document.querySelectorAll('input[name=mode]')) {
      radio.addEventListener('change', (e) => {
        if (e.target.checked) lede.settings.setSiteMode(status.host, e.target.value);
      });
    }
    $('show-hidden').addEventListener('change', (e) => send(M.SHOW_HIDDEN, { on: e.target.checked }));
    $('annotations').addEventListener('change', (e) => lede.settings.save({ annotations: e.target.checked }));
    $('toggle-page').addEventListener('click', () => send(M.TOGGLE));
    $('options').addEventListener('click', () => api.runtime.openOptionsPage());
    // The content script reports every change of the page's state; settings changes too.
    api.runtime.onMessage.addListener((msg, sender) => {
      if (msg?.type === M.STATUS && sender.tab?.id === tabId) {
        status = msg.status;
        lede.settings.load().then(render);
      }
    });
    api.storage.onChanged.addListener(() => refresh());
  }

  async function main() {
    localise();
    wire();
    tabId = await findTab();
    await refresh();
    document.body.dataset.ready = 'true';
  }

  main().catch((e) => console.error('lede: popup', e));
})();
