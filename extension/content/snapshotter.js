// lede.snapshotter: the live DOM → a Snapshot (src/snapshot.rs); the only code that reads the page.
//
// MUST MIRROR src/html.rs and the rules in src/snapshot.rs, so one page gives one snapshot
// whichever front end built it:
// - node 0 is <body> (the first `body` child of <html>); every other node names its parent,
//   which comes before it (document order, pre-order);
// - elements named in SKIPPED_TAGS are left out with their subtrees, and so are comments and
//   every node that is neither an element nor text;
// - a text node's text has each run of white space (Rust's `char::is_whitespace`) folded to one
//   space; a text node that folds to "" is left out (one that folds to " " stays);
// - `hidden` comes from attributes only: `hidden`, or a `style` that, with white space removed
//   and ASCII lower-cased, contains `display:none` or `visibility:hidden`;
// - `data` lists the names of the `data-*` attributes, in attribute order, without `data-`;
// - `href` is an <a> with an `href` attribute;
// - `title` is the text of each <title> child of <head>, trimmed and folded; `og_title` the
//   `content` of each <meta> child of <head> whose `property` (or, without one, `name`) is
//   `og:title`.
// One deliberate difference: Lede's own `data-lede-*` attributes are not listed in `data`, so a
// snapshot taken after Lede marked the page equals the one taken before.
// Strings are made well-formed (a lone surrogate becomes U+FFFD, as UTF-8 input would give).
'use strict';
var lede = globalThis.lede || (globalThis.lede = {});

lede.snapshotter = (() => {
  /** Must mirror SCHEMA_VERSION in src/snapshot.rs. */
  const SCHEMA = 1;
  /** Must mirror SKIPPED_TAGS in src/snapshot.rs. */
  const SKIPPED_TAGS = new Set(['script', 'style', 'noscript', 'template', 'svg', 'iframe', 'object', 'head', 'link', 'meta']);
  /** Rust's `char::is_whitespace` (the Unicode White_Space property). Not JS `\s`, which adds
   *  U+FEFF and lacks U+0085. */
  const WS = '\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
  const WS_RUN = new RegExp(`[${WS}]+`, 'g');
  const WS_EDGES = new RegExp(`^[${WS}]+|[${WS}]+$`, 'g');
  const ASCII_UPPER = /[A-Z]+/g;
  /** Nodes between two looks at the clock. */
  const CLOCK_EVERY_NODES = 2048;
  const LEDE_DATA = 'data-lede-';

  const fold = (s) => s.replace(WS_RUN, ' ');
  const trim = (s) => s.replace(WS_EDGES, '');
  const wellFormed = (s) => (s.isWellFormed() ? s : s.toWellFormed());
  const asciiLower = (s) => s.replace(ASCII_UPPER, (m) => m.toLowerCase());

  /** Must mirror `style_hides` in src/snapshot.rs. */
  function styleHides(style) {
    const s = asciiLower(style.replace(WS_RUN, ''));
    return s.includes('display:none') || s.includes('visibility:hidden');
  }

  function childElement(parent, tag) {
    if (!parent) return null;
    for (let c = parent.firstElementChild; c; c = c.nextElementSibling) {
      if (c.localName === tag) return c;
    }
    return null;
  }

  /** Must mirror `read_head` in src/html.rs. */
  function readHead(head, snap) {
    if (!head) return;
    for (let c = head.firstElementChild; c; c = c.nextElementSibling) {
      if (c.localName === 'title') {
        let raw = '';
        for (let t = c.firstChild; t; t = t.nextSibling) if (t.nodeType === 3) raw += t.data;
        snap.title += fold(trim(wellFormed(raw)));
      } else if (c.localName === 'meta') {
        const key = c.hasAttribute('property') ? c.getAttribute('property') : c.getAttribute('name');
        if (key === 'og:title') snap.og_title += fold(trim(wellFormed(c.getAttribute('content') ?? '')));
      }
    }
  }

  /** One element's snapshot node. `getAttributeNames()` gives every name in one call (in
   *  Firefox each DOM call from a content script crosses a wrapper: fewer calls, less time). */
  function elementNode(el, tag, parent) {
    const node = { parent, tag };
    const names = el.getAttributeNames();
    if (names.length === 0) return node;
    let data = '';
    let hidden = false;
    for (let i = 0; i < names.length; i++) {
      const name = names[i];
      switch (name) {
        case 'id': { const v = el.getAttribute(name); if (v) node.id = wellFormed(v); break; }
        case 'class': { const v = el.getAttribute(name); if (v) node.class = wellFormed(v); break; }
        case 'role': { const v = el.getAttribute(name); if (v) node.role = wellFormed(v); break; }
        case 'itemprop': { const v = el.getAttribute(name); if (v) node.itemprop = wellFormed(v); break; }
        case 'aria-label': { const v = el.getAttribute(name); if (v) node.label = wellFormed(v); break; }
        case 'hidden': hidden = true; break;
        case 'style': if (styleHides(el.getAttribute(name))) hidden = true; break;
        case 'href': if (tag === 'a') node.href = true; break;
        default:
          if (name.startsWith('data-') && !name.startsWith(LEDE_DATA)) {
            data = data ? `${data} ${name.slice(5)}` : name.slice(5);
          }
      }
    }
    if (data) node.data = wellFormed(data);
    if (hidden) node.hidden = true;
    return node;
  }

  /**
   * Takes a snapshot of the page. Returns `{ snapshot, targets, tooBig }`: `targets[id]` is the
   * DOM node of snapshot node `id` (the applier's map back to the page). When the clock passes
   * `deadline` (a `performance.now()` value) it stops and returns `{ tooBig: true }`.
   */
  function take(deadline = Infinity) {
    const snapshot = { schema: SCHEMA, title: '', og_title: '', nodes: [] };
    const targets = [];
    const html = document.documentElement;
    readHead(childElement(html, 'head'), snapshot);
    if (!snapshot.title) delete snapshot.title;
    if (!snapshot.og_title) delete snapshot.og_title;
    const body = childElement(html, 'body');
    const nodes = snapshot.nodes;
    if (!body) {
      nodes.push({ tag: 'body' });
      targets.push(null);
      return { snapshot, targets, tooBig: false };
    }
    const root = elementNode(body, 'body', undefined);
    delete root.parent;
    nodes.push(root);
    targets.push(body);

    // Pre-order walk without recursion: `stack` holds the open elements' [parent id, element].
    const stack = [];
    let parentId = 0;
    let child = body.firstChild;
    let sinceClock = 0;
    for (;;) {
      if (child === null) {
        if (stack.length === 0) break;
        const open = stack.pop();
        parentId = open[0];
        child = open[1].nextSibling;
        continue;
      }
      if (++sinceClock >= CLOCK_EVERY_NODES) {
        sinceClock = 0;
        if (performance.now() > deadline) return { snapshot: null, targets: null, tooBig: true };
      }
      const type = child.nodeType;
      if (type === 3) {
        const text = fold(child.data);
        if (text) {
          nodes.push({ parent: parentId, text: wellFormed(text) });
          targets.push(child);
        }
        child = child.nextSibling;
      } else if (type === 1) {
        let tag = child.localName;
        if (tag !== tag.toLowerCase()) tag = asciiLower(tag);
        if (SKIPPED_TAGS.has(tag)) {
          child = child.nextSibling;
          continue;
        }
        const id = nodes.length;
        nodes.push(elementNode(child, tag, parentId));
        targets.push(child);
        stack.push([parentId, child]);
        parentId = id;
        child = child.firstChild;
      } else {
        child = child.nextSibling;
      }
    }
    return { snapshot, targets, tooBig: false };
  }

  return Object.freeze({ SCHEMA, take, fold, styleHides });
})();
