// lede.annotator: the repeated-report annotations on the page (issue 5): a banner at the top of
// the article (the earlier reports of the same story, the earlier coverage of the thread, how
// many paragraphs are new) and a mark before each paragraph read before (where it was read),
// with an option to fold the paragraphs read.
//
// Privacy: the page must not learn what else the reader read. Every annotation lives in a
// CLOSED shadow root whose host is a bare `<span>`: no text, no attribute, nothing derived from
// the history in the light DOM. (Not a custom element such as `<lede-note>`: a page that defines
// that name first gets our closed root through `attachInternals().shadowRoot`, since a shadow
// root attached to a defined custom element is "available to element internals".) (a page script that walks the DOM, the shadow roots
// it can reach and every attribute finds no title or site of the history). What a page can see:
// that notes exist, where they are (which paragraphs were read), and, when folding is on, which
// paragraphs are folded (their `style`).
//
// `hide()` removes every host and puts back every `style` attribute it changed: the DOM is then
// exactly as before `show()`.
'use strict';
var lede = globalThis.lede || (globalThis.lede = {});

lede.annotator = (() => {
  const api = globalThis.browser ?? globalThis.chrome;
  const HOST_TAG = 'span';
  /** Every host made here (the watcher ignores them). */
  const own = new WeakSet();
  /** The banner's box (for tests, through the extension's messages only). */
  let bannerBox = null;
  /** Sites named in one mark at the most (then "and N more" would be noise: the banner lists all). */
  const MAX_MARK_SITES = 3;

  /** Hosts inserted, in order. */
  let hosts = [];
  /** Folded paragraphs: [element, the `style` attribute before (null: none)]. */
  let folded = [];
  let bannerShown = false;
  /** Marks of paragraphs read whole (foldable), and their kinds, for `state`. */
  let whole = 0;
  let kinds = [];

  const t = (key, subs) => api.i18n.getMessage(key, subs) || key;

  const CSS = `
    :host { all: initial; display: block; }
    .banner { font: 14px/1.4 system-ui, sans-serif; color: #1d2b3a; background: #eef4fb;
      border: 1px solid #9cb6d3; border-radius: 6px; padding: 10px 12px; margin: 0 0 1em; }
    .banner h2 { font-size: 15px; margin: 0 0 6px; }
    .banner h3 { font-size: 13px; margin: 8px 0 4px; color: #3b4c5e; }
    .banner ul { margin: 0; padding-left: 18px; }
    .banner li { margin: 2px 0; }
    .site { font-weight: 600; }
    .when { color: #5b6b7b; }
    .new { margin: 6px 0 0; }
    button { font: inherit; font-size: 12px; margin-top: 6px; cursor: pointer; }
    .mark { font: 12px/1.3 system-ui, sans-serif; color: #6b4e00; background: #fff6d9;
      border-left: 3px solid #e0b100; padding: 1px 6px; margin: 0.5em 0 2px; }
    .mark.folded { cursor: pointer; text-decoration: underline dotted; }
    @media (prefers-color-scheme: dark) {
      .banner { color: #e4ecf5; background: #1c2733; border-color: #3d556f; }
      .banner h3, .when { color: #a9b8c7; }
      .mark { color: #f3dc9a; background: #2f2a17; }
    }`;

  function when(ms) {
    try {
      return new Date(ms).toLocaleString(api.i18n.getUILanguage(), { dateStyle: 'medium', timeStyle: 'short' });
    } catch {
      return new Date(ms).toLocaleString();
    }
  }

  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }

  /** A `<lede-note>` host and its closed shadow root (with the stylesheet). */
  function makeHost() {
    const host = document.createElement(HOST_TAG);
    const root = host.attachShadow({ mode: 'closed' });
    root.append(el('style', CSS));
    own.add(host);
    hosts.push(host);
    return { host, root };
  }

  function reportList(reports) {
    const ul = el('ul');
    for (const r of reports) {
      const li = el('li');
      const a = el('a', r.title || r.url);
      a.href = r.url;
      a.target = '_blank';
      a.rel = 'noopener noreferrer';
      li.append(el('span', r.site, 'site'), ' — ', a, ' — ', el('span', t('annReadOn', [when(r.read_at_ms)]), 'when'));
      ul.append(li);
    }
    return ul;
  }

  function fold(p) {
    folded.push([p, p.getAttribute('style')]);
    p.style.setProperty('display', 'none', 'important');
  }

  function unfold(p) {
    const i = folded.findIndex(([e]) => e === p);
    if (i < 0) return;
    const [, style] = folded[i];
    if (style === null) p.removeAttribute('style');
    else p.setAttribute('style', style);
    folded.splice(i, 1);
  }

  /**
   * Annotates the page. `lookup`: the history's Lookup (src/history.rs); `read`: the core's
   * `readJson` result (title, paragraphs with snapshot node ids); `target(node)`: their elements
   * (`snapshotter.targetOf`);
   * `opts.fold`: fold the paragraphs read; `opts.onFold(on)`: the banner's fold button.
   */
  function show(lookup, read, target, opts = {}) {
    hide();
    const reports = new Map();
    for (const r of [...lookup.same_story, ...lookup.same_thread, ...lookup.elsewhere]) reports.set(r.id, r);
    const paraEl = (i) => {
      const p = read.paragraphs[i];
      const e = p && target(p.node);
      return e && e.nodeType === Node.ELEMENT_NODE && e.isConnected ? e : null;
    };

    // Marks beside the paragraphs read before.
    let anyRead = false;
    for (const m of lookup.paragraphs) {
      const p = paraEl(m.index);
      if (!p) continue;
      const sites = [];
      for (const id of m.reports) {
        const s = reports.get(id)?.site;
        if (s && !sites.includes(s)) sites.push(s);
      }
      const where = sites.slice(0, MAX_MARK_SITES).join(', ') + (sites.length > MAX_MARK_SITES ? ', …' : '');
      const key = { exact: 'annMarkExact', near: 'annMarkNear', quote: 'annMarkQuote', fact: 'annMarkFact' }[m.kind] ?? 'annMarkExact';
      kinds.push(m.kind);
      const { host, root } = makeHost();
      const mark = el('div', t(key, [where]), 'mark');
      root.append(mark);
      p.before(host);
      if (m.is_read) {
        anyRead = true;
        whole++;
        if (opts.fold) {
          fold(p);
          mark.textContent = t('annFolded', [where]);
          mark.classList.add('folded');
          mark.addEventListener('click', () => {
            unfold(p);
            mark.textContent = t(key, [where]);
            mark.classList.remove('folded');
          }, { once: true });
        }
      }
    }

    // The banner, before the first paragraph of the article.
    const first = paraEl(0);
    const worth = lookup.same_story.length > 0 || lookup.same_thread.length > 0 || lookup.paragraphs.length > 0;
    if (first && worth) {
      const { host, root } = makeHost();
      const box = el('div', undefined, 'banner');
      box.setAttribute('role', 'note');
      const n = lookup.same_story.length;
      if (n > 0) {
        box.append(el('h2', n === 1 ? t('annRepeatedOne') : t('annRepeated', [String(n)])));
        box.append(reportList(lookup.same_story));
      }
      if (lookup.same_thread.length > 0) {
        box.append(el(n > 0 ? 'h3' : 'h2', t('annThread')));
        box.append(reportList(lookup.same_thread));
      }
      if (lookup.elsewhere.length > 0 && lookup.paragraphs.length > 0) {
        box.append(el('h3', t('annElsewhere')));
        box.append(reportList(lookup.elsewhere));
      }
      if (lookup.total_paragraphs > 0) {
        box.append(el('p', t('annNew', [String(lookup.new_paragraphs), String(lookup.total_paragraphs)]), 'new'));
      }
      if (anyRead && opts.onFold) {
        const b = el('button', opts.fold ? t('annUnfold') : t('annFold'));
        b.type = 'button';
        b.addEventListener('click', () => opts.onFold(!opts.fold));
        box.append(b);
      }
      root.append(box);
      // Before the first paragraph's mark, when it has one.
      const before = hosts.find((h) => h.nextElementSibling === first) ?? first;
      before.before(host);
      bannerShown = true;
      bannerBox = box;
    }
  }

  /** Removes every annotation: the DOM is as it was before `show`. */
  function hide() {
    for (const [p] of [...folded]) unfold(p);
    folded = [];
    for (const h of hosts) h.remove();
    hosts = [];
    bannerShown = false;
    bannerBox = null;
    whole = 0;
    kinds = [];
  }

  /** What is shown (tests read it through the extension's messages; the page cannot). */
  function state() {
    return {
      shown: hosts.length > 0,
      banner: bannerShown,
      bannerText: bannerBox?.textContent ?? '',
      marks: hosts.length - (bannerShown ? 1 : 0),
      folded: folded.length,
      whole,
      kinds,
    };
  }

  /** A node made here. */
  const owns = (node) => own.has(node);

  return Object.freeze({ show, hide, state, owns });
})();
