// lede.snapshotter: the live DOM → what the core reads; the only code that reads the page. Two
// forms, and a map back from the core's node ids to the page:
// - `takeMarkup()`: `<body>`'s own serialisation (`outerHTML`, one native call: ~3× cheaper than
//   the walk) and the DOM's element count; the core reads it (src/markup.rs) and numbers the
//   elements as `getElementsByTagName('*')` does. Tried first.
// - `take()`: a walk of the DOM into a packed Snapshot (src/packed.rs, src/snapshot.rs), used when
//   the serialisation does not round-trip (the core's element count differs from the DOM's) or
//   the page's elements moved before the plan came back (the element numbers no longer hold).
// - `targetOf(snap, ids)`: node id → the element to mark (see there).
//
// The walk's rules, below, are the core's (src/snapshot.rs) and src/markup.rs follows them too.
//
// The walk: 32-bit words (`nums`) and one string (`strs`), built with
// array pushes — no object per node, no JSON — because this runs cold on every page load.
//
// MUST MIRROR src/html.rs and the rules in src/snapshot.rs, so one page gives one snapshot
// whichever front end built it:
// - node 0 is <body> (the first `body` child of <html>); every other node names its parent,
//   which comes before it (document order, pre-order);
// - elements named in SKIPPED_TAGS are left out with their subtrees, and so are comments and
//   every node that is neither an element nor text;
// - a text node goes as it is (the core folds its white space); an empty one is left out;
// - `hidden` comes from the `hidden` attribute, and `style` goes to the core, which reads it;
// - `data` lists the names of the `data-*` attributes, in attribute order, without `data-`;
// - `href` is an <a> with an `href` attribute;
// - `title` is the text of each <title> child of <head>, trimmed and folded; `og_title` the
//   `content` of each <meta> child of <head> whose `property` (or, without one, `name`) is
//   `og:title`.
// One deliberate difference: Lede's own `data-lede-*` attributes are not listed in `data`, so a
// snapshot taken after Lede marked the page equals the one taken before.
// Strings are made well-formed on their way into wasm (TextEncoder: a lone surrogate becomes
// U+FFFD, as UTF-8 input would give).
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
  const asciiLower = (s) => s.replace(ASCII_UPPER, (m) => m.toLowerCase());

  /** Must mirror src/packed.rs. */
  const SEPARATOR = '\0';
  const SEPARATORS = /\0/g;
  /** Node 0's parent word (ignored). */
  const NO_PARENT = 0;
  const HAS_ID = 1 << 16;
  const HAS_CLASS = 1 << 17;
  const HAS_ROLE = 1 << 18;
  const HAS_ITEMPROP = 1 << 19;
  const HAS_LABEL = 1 << 20;
  const HAS_DATA = 1 << 21;
  const HAS_STYLE = 1 << 22;
  const IS_HIDDEN = 1 << 23;
  const HAS_HREF = 1 << 24;
  const MAX_TAGS = 0xffff;

  function childElement(parent, tag) {
    if (!parent) return null;
    for (let c = parent.firstElementChild; c; c = c.nextElementSibling) {
      if (c.localName === tag) return c;
    }
    return null;
  }

  /** What `read_head` (src/html.rs) reads of <head>: its own <title>s, and its <meta>s whose
   *  `property`, or without one `name`, is og:title. One native query: news pages put a
   *  hundred and more elements in <head>, and a walk pays a binding call for each. */
  const HEAD_NAMES = ':scope > title, :scope > meta[property="og:title"], :scope > meta[name="og:title"]:not([property])';

  /** Must mirror `read_head` in src/html.rs. Returns [title, og_title]. */
  function readHead(head) {
    let title = '';
    let ogTitle = '';
    if (!head) return [title, ogTitle];
    for (const c of head.querySelectorAll(HEAD_NAMES)) {
      if (c.localName === 'title') {
        let raw = '';
        for (let t = c.firstChild; t; t = t.nextSibling) if (t.nodeType === 3) raw += t.data;
        title += fold(trim(raw));
      } else {
        ogTitle += fold(trim(c.getAttribute('content') ?? ''));
      }
    }
    return [title, ogTitle];
  }

  /**
   * Takes a snapshot of the page. Returns `{ nums, strs, targets, nodes, tooBig }`: the packed
   * snapshot, its node count, and `targets[id]`, the DOM node of snapshot node `id` (the
   * applier's map back to the page). When the clock passes `deadline` (a `performance.now()`
   * value) it stops and returns `{ tooBig: true }`.
   */
  function take(deadline = Infinity) {
    const html = document.documentElement;
    const strs = readHead(childElement(html, 'head'));
    const nums = [SCHEMA, 0];
    const targets = [];
    /** Tag name as the DOM gives it → index + 1 in the snapshot's tag table; -1: skipped. */
    const tags = new Map();
    let tagCount = 0;

    /** Appends element `el` (parent `parent`); returns false when its tag is skipped. */
    function element(el, parent) {
      const name = el.localName;
      let code = tags.get(name);
      let newName = null;
      if (code === undefined) {
        const lower = asciiLower(name);
        if (SKIPPED_TAGS.has(lower)) code = -1;
        else if (tagCount >= MAX_TAGS) throw new Error('lede: more distinct tags than a snapshot holds');
        else {
          code = ++tagCount;
          newName = lower;
        }
        tags.set(name, code);
      }
      if (code < 0) return false;
      if (newName !== null) strs.push(newName);
      const names = el.getAttributeNames();
      let head = code;
      if (names.length > 0) {
        let id = '', cls = '', role = '', itemprop = '', label = '', data = '', style = '';
        for (let i = 0; i < names.length; i++) {
          const n = names[i];
          switch (n) {
            case 'id': id = el.getAttribute(n); break;
            case 'class': cls = el.getAttribute(n); break;
            case 'role': role = el.getAttribute(n); break;
            case 'itemprop': itemprop = el.getAttribute(n); break;
            case 'aria-label': label = el.getAttribute(n); break;
            case 'style': style = el.getAttribute(n); break;
            case 'hidden': head |= IS_HIDDEN; break;
            case 'href': head |= HAS_HREF; break;
            default:
              if (n.startsWith('data-') && !n.startsWith(LEDE_DATA)) data = data ? `${data} ${n.slice(5)}` : n.slice(5);
          }
        }
        if (id) { head |= HAS_ID; strs.push(id); }
        if (cls) { head |= HAS_CLASS; strs.push(cls); }
        if (role) { head |= HAS_ROLE; strs.push(role); }
        if (itemprop) { head |= HAS_ITEMPROP; strs.push(itemprop); }
        if (label) { head |= HAS_LABEL; strs.push(label); }
        if (data) { head |= HAS_DATA; strs.push(data); }
        if (style) { head |= HAS_STYLE; strs.push(style); }
      }
      nums.push(head >>> 0, parent);
      targets.push(el);
      return true;
    }

    const body = childElement(html, 'body');
    if (!body) {
      strs.push('body');
      nums.push(1, NO_PARENT);
      targets.push(null);
    } else {
      element(body, NO_PARENT);
      // Pre-order walk without recursion: `stack` holds the open elements and their parents' ids.
      const stack = [];
      let parentId = 0;
      let child = body.firstChild;
      let sinceClock = 0;
      for (;;) {
        if (child === null) {
          if (stack.length === 0) break;
          const open = stack.pop();
          parentId = stack.pop();
          child = open.nextSibling;
          continue;
        }
        if (++sinceClock >= CLOCK_EVERY_NODES) {
          sinceClock = 0;
          if (performance.now() > deadline) return { tooBig: true };
        }
        const type = child.nodeType;
        if (type === 3) {
          const text = child.data;
          if (text) {
            nums.push(0, parentId);
            strs.push(text);
            targets.push(child);
          }
          child = child.nextSibling;
        } else if (type === 1) {
          const id = targets.length;
          if (element(child, parentId)) {
            stack.push(parentId, child);
            parentId = id;
            child = child.firstChild;
          } else {
            child = child.nextSibling;
          }
        } else {
          child = child.nextSibling;
        }
      }
    }
    nums[1] = targets.length;
    let joined = strs.join(SEPARATOR);
    // A U+0000 inside a string (only a script can put one in the DOM) would shift the fields.
    if (joined.match(SEPARATORS).length !== strs.length - 1) {
      joined = strs.map((x) => x.replaceAll(SEPARATOR, '\uFFFD')).join(SEPARATOR);
    }
    return { nums, strs: joined, targets, nodes: targets.length, tooBig: false };
  }

  /** PLACE_* of src/markup.rs: a node's element number, or its parent's for a text node. */
  const PLACE_TEXT = 1 << 31;
  const PLACE_SOLE = 1 << 30;
  const PLACE_ELEMENT = PLACE_SOLE - 1;
  /** Above this many elements the walk is used, which looks at the clock as it goes:
   *  serialising cannot be stopped halfway. (The core refuses pages far bigger anyway.) */
  const MAX_MARKUP_ELEMENTS = 30000;

  /** A `<script>` or `<style>` whose text is this long (UTF-16 units) or longer goes into the
   *  markup empty ("hollow"): the core skips their content (SKIPPED_TAGS in src/snapshot.rs),
   *  and on some pages they are most of the bytes (a 370 KB JSON state blob in a 476 KB
   *  `<body>`), which the serialiser, the encoder and the core's reader each went through. */
  const HOLLOW_MIN_CHARS = 16384;
  /** Below this much hollow text in all, `body.outerHTML` alone: writing the elements on the
   *  way to the long ones costs up to ~0.5 ms a page in Chromium, which ~40,000 characters
   *  left out win back (aeb-dev, in the page: snapshot + analysis, each page's best of three). */
  const HOLLOW_MIN_TOTAL_CHARS = 40960;
  const XHTML = 'http://www.w3.org/1999/xhtml';
  const ESCAPE = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\u00a0': '&nbsp;' };
  const escapeText = (s) => (/[&<>\u00a0]/.test(s) ? s.replace(/[&<>\u00a0]/g, (c) => ESCAPE[c]) : s);
  const escapeValue = (s) => (/[&<>"\u00a0]/.test(s) ? s.replace(/[&<>"\u00a0]/g, (c) => ESCAPE[c]) : s);

  /** An element's start tag as the serialiser writes it (escapes as the core's reader decodes
   *  them; built from its attributes: cloning would run a custom element's constructor). */
  function startTag(el) {
    let tag = `<${el.localName}`;
    for (const a of el.attributes) tag += ` ${a.name}="${escapeValue(a.value)}"`;
    return `${tag}>`;
  }

  /**
   * `{ html, hollow }`: `body.outerHTML`, with the text of long scripts and styles left out
   * (HOLLOW_MIN_CHARS; `hollow` counts the characters left out):
   * the elements on the way to them are written here (start tag, children, end tag), every
   * other subtree by its own `outerHTML`. Same elements in the same order, so the core's
   * element numbers hold; only HTML elements outside `<svg>`/`<math>` are hollowed, where the
   * serialiser's rules are the plain ones written here.
   */
  function serialise(body) {
    const long = new Set();
    let total = 0;
    for (const tag of ['script', 'style']) {
      for (const el of body.getElementsByTagName(tag)) {
        let chars = 0;
        for (let c = el.firstChild; c; c = c.nextSibling) chars += c.nodeType === 3 ? c.length : 0;
        if (chars >= HOLLOW_MIN_CHARS && el.namespaceURI === XHTML && el.firstElementChild === null && !el.closest('svg, math')) {
          long.add(el);
          total += chars;
        }
      }
    }
    if (total < HOLLOW_MIN_TOTAL_CHARS) return { html: body.outerHTML, hollow: 0 };
    const onPath = new Set([body]);
    for (const el of long) {
      for (let p = el.parentElement; p && !onPath.has(p); p = p.parentElement) onPath.add(p);
    }
    const parts = [];
    // (Recursive along the paths only; a page nested too deep for it gets the plain serialisation.)
    const write = (el) => {
      if (long.has(el)) {
        parts.push(startTag(el), `</${el.localName}>`);
      } else if (!onPath.has(el)) {
        parts.push(el.outerHTML);
      } else {
        parts.push(startTag(el));
        for (let c = el.firstChild; c; c = c.nextSibling) {
          const type = c.nodeType;
          if (type === 1) write(c);
          else if (type === 3) parts.push(escapeText(c.data));
          else if (type === 8) parts.push(`<!--${c.data}-->`);
        }
        parts.push(`</${el.localName}>`);
      }
    };
    try {
      write(body);
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      return { html: body.outerHTML, hollow: 0 };
    }
    return { html: parts.join(''), hollow: total };
  }

  /**
   * The page as its serialised `<body>` (`serialise`): `{ markup: { html, title, ogTitle, elements,
   * noscriptMarkup }, body, all, moved }` for the core's `analyseMarkup`, or null where the walk
   * must do (no `<body>` child of `<html>`, or a page too big). `all`: the live list of body's
   * elements the core's numbers index; `moved`: watches for elements added or removed until the
   * plan is applied (see `moved()`).
   */
  function takeMarkup() {
    const html = document.documentElement;
    const body = childElement(html, 'body');
    if (!body) return null;
    const all = body.getElementsByTagName('*');
    if (all.length > MAX_MARKUP_ELEMENTS) return null;
    const [title, ogTitle] = readHead(childElement(html, 'head'));
    const moved = new MutationObserver(() => {});
    moved.observe(body, { childList: true, subtree: true });
    const { html: serialised, hollow } = serialise(body);
    const markup = {
      html: serialised,
      title,
      ogTitle,
      elements: all.length + 1,
      // Without scripts a <noscript> holds elements; with them, text (serialised raw).
      noscriptMarkup: holdsElements(body.getElementsByTagName('noscript')),
    };
    return { markup, body, all, moved, hollow, places: null, tooBig: false };
  }

  /** Some element of `list` has an element child. (`querySelector('noscript > *')` matches
   *  its selector against every element: 0.12 ms a page on aeb-dev in Chromium, mean; the
   *  tag's list 0.085 ms.) */
  function holdsElements(list) {
    for (const el of list) if (el.firstElementChild !== null) return true;
    return false;
  }

  /** True when elements were added to or removed from the page since `takeMarkup`: the core's
   *  element numbers no longer hold. Stops the watch. */
  function moved(snap) {
    if (!snap.moved) return false;
    const records = snap.moved.takeRecords();
    snap.moved.disconnect();
    snap.moved = null;
    const element = (n) => n.nodeType === Node.ELEMENT_NODE;
    return records.some((r) => Array.prototype.some.call(r.addedNodes, element) || Array.prototype.some.call(r.removedNodes, element));
  }

  /** The element that stands for a text node: its parent when the text is the parent's only
   *  content (every other child is blank text or a comment), so hiding the parent hides just
   *  that text; otherwise null. */
  function textStandIn(text) {
    const parent = text.parentElement;
    if (!parent) return null;
    for (let c = parent.firstChild; c; c = c.nextSibling) {
      if (c === text || c.nodeType === Node.COMMENT_NODE) continue;
      if (c.nodeType === Node.TEXT_NODE && trim(fold(c.data)) === '') continue;
      return null;
    }
    return parent;
  }

  /**
   * `target(id)` for an analysed snapshot: the page element for snapshot node `id`, or for a
   * text node the element that stands for it (`textStandIn`; text cannot carry an attribute), or
   * null. A markup snapshot knows its nodes by number (`snap.places`, the core's `takePlaces`)
   * in a live list that any later change to the page shifts: its elements are found here, at
   * once, for the node ids that will be asked for (`ids`), and only those answer.
   */
  function targetOf(snap, ids) {
    if (!snap.markup) {
      return (id) => {
        const n = snap.targets[id];
        return n && n.nodeType === Node.TEXT_NODE ? textStandIn(n) : (n ?? null);
      };
    }
    const { places } = snap;
    const found = new Map();
    // In document order: the live list then steps forward instead of starting over.
    for (const id of [...ids].sort((a, b) => a - b)) {
      const p = places[id];
      if (p === undefined || ((p & PLACE_TEXT) !== 0 && (p & PLACE_SOLE) === 0)) continue;
      found.set(id, elementAt(snap, p & PLACE_ELEMENT));
    }
    return (id) => found.get(id) ?? null;
  }

  /** The element a markup snapshot's element number stands for (`<body>` 0, then
   *  `body.getElementsByTagName('*')[n - 1]`), or null. */
  function elementAt(snap, n) {
    return n === 0 ? snap.body : (snap.all[n - 1] ?? null);
  }

  /** The elements of a markup snapshot's element `numbers` (the core's, as `places` holds
   *  them), in order; null for a walked snapshot or without numbers. */
  function elementsAt(snap, numbers) {
    if (!snap.markup || !numbers) return null;
    return Array.from(numbers, (n) => elementAt(snap, n)).filter(Boolean);
  }

  return Object.freeze({ SCHEMA, take, takeMarkup, moved, targetOf, elementsAt, fold });
})();
