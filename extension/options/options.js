// Options: the default mode, the sites where Lede stays off, and the reading history (its size,
// the dwell time before a page counts as read, clear history). Every change is saved at once.
'use strict';
(() => {
  const api = globalThis.browser ?? globalThis.chrome;
  const $ = (id) => document.getElementById(id);
  const t = (key) => api.i18n.getMessage(key) || key;

  /** What a reader may paste: a URL or a host; keeps the host (with its port). */
  function hostOf(input) {
    const s = input.trim();
    if (!s) return '';
    try {
      return new URL(s.includes('://') ? s : `http://${s}`).host;
    } catch {
      return '';
    }
  }

  function localise() {
    for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
    document.documentElement.lang = api.i18n.getUILanguage();
  }

  function saved() {
    $('saved').textContent = t('optionsSaved');
  }

  function render(settings) {
    $('default-clean').checked = settings.defaultMode === 'clean';
    $('default-focus').checked = settings.defaultMode === 'focus';
    const list = $('off-sites');
    list.replaceChildren();
    for (const host of settings.offSites) {
      const li = document.createElement('li');
      const name = document.createElement('span');
      name.textContent = host;
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.textContent = t('optionsRemove');
      remove.setAttribute('aria-label', `${t('optionsRemove')} ${host}`);
      remove.addEventListener('click', async () => {
        await lede.settings.setSiteOn(host, true);
        saved();
      });
      li.append(name, remove);
      list.append(li);
    }
    if (settings.offSites.length === 0) {
      const li = document.createElement('li');
      li.className = 'empty';
      li.textContent = t('optionsNoOffSites');
      list.append(li);
    }
  }

  async function renderHistory() {
    const reply = await api.runtime.sendMessage({ type: lede.messages.HISTORY_COUNT });
    const count = reply?.count ?? 0;
    $('history-count').textContent = api.i18n.getMessage('optionsHistoryCount', [String(count)]) || String(count);
    $('history-count').dataset.count = String(count);
  }

  async function main() {
    localise();
    for (const radio of document.querySelectorAll('input[name=default-mode]')) {
      radio.addEventListener('change', async (e) => {
        if (!e.target.checked) return;
        await lede.settings.save({ defaultMode: e.target.value });
        saved();
      });
    }
    $('add-form').addEventListener('submit', async (e) => {
      e.preventDefault();
      const host = hostOf($('add-site').value);
      if (!host) return;
      await lede.settings.setSiteOn(host, false);
      $('add-site').value = '';
      saved();
    });
    $('read-after').addEventListener('change', async (e) => {
      const v = Number(e.target.value);
      if (!Number.isFinite(v) || v < 0) return;
      await lede.settings.save({ readAfterSeconds: v });
      saved();
    });
    $('clear-history').addEventListener('click', async () => {
      await api.runtime.sendMessage({ type: lede.messages.HISTORY_CLEAR });
      await renderHistory();
      saved();
    });
    api.storage.onChanged.addListener(() => {
      lede.settings.load().then(render);
      renderHistory().catch(() => {});
    });
    const settings = await lede.settings.load();
    render(settings);
    $('read-after').value = String(settings.readAfterSeconds);
    await renderHistory().catch((e) => console.error('lede: history count', e));
    document.body.dataset.ready = 'true';
  }

  main().catch((e) => console.error('lede: options', e));
})();
