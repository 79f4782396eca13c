//! The browser's own serialisation of `<body>` (`document.body.outerHTML`) → [`Snapshot`], and
//! where each node is in the live DOM.
//!
//! Why: the content script's DOM walk (`snapshotter.js`) makes a JS wrapper and several binding
//! calls per node; serialising is one native call, about 3× cheaper in the page.
//!
//! The input is not any HTML but the output of the HTML fragment serialisation algorithm, a
//! canonical form: every element but a void one has its end tag, attribute values are in double
//! quotes, and text escapes only `& < > "` and U+00A0. So a small scanner reads it, and the tree
//! it gives is the DOM's as it stands. (An HTML parser would rebuild by its own rules what a
//! script built, a `<p>` in a `<p>` say, and the elements would no longer line up.) The rules of
//! `snapshot.rs` apply as in the other front ends; Lede's own `data-lede-*` attributes are left
//! out, as `snapshotter.js` leaves them.
//!
//! Locating. Elements are numbered in document order as `body.getElementsByTagName('*')` numbers
//! them: `<body>` 0, then its descendants from 1, the elements inside left-out subtrees (an
//! `<svg>`'s) included and a `<template>`'s contents excluded (they are not in the DOM tree).
//! [`Markup::places`] gives each snapshot node's element. The front end checks
//! [`Markup::elements`] against the DOM's count: when they differ the serialisation did not
//! round-trip (a script gave a void element children, say), and it walks the DOM instead.

use std::borrow::Cow;

use crate::error::Error;
use crate::snapshot::{ascii_lower, fold_space, folded, style_hides, Node, NodeId, Snapshot, SCHEMA_VERSION, SKIPPED_TAGS};

/// A [`Markup::places`] entry: the node is a text node, and the number is its parent's.
pub const PLACE_TEXT: u32 = 1 << 31;
/// With [`PLACE_TEXT`]: the text is its parent's only content (every other child is blank
/// text), so hiding the parent hides just that text.
pub const PLACE_SOLE: u32 = 1 << 30;
/// The bits of a place that hold the element's number.
pub const PLACE_ELEMENT: u32 = PLACE_SOLE - 1;

/// How the serialiser writes an element of the HTML namespace.
#[derive(PartialEq)]
enum Form {
    /// Start tag, children, end tag.
    Children,
    /// No end tag and no content.
    Void,
    /// Its text as it is, unescaped, up to its end tag (`noscript` too, when the page runs
    /// scripts).
    RawText,
}

fn form(tag: &str) -> Form {
    match tag {
        "area" | "base" | "basefont" | "bgsound" | "br" | "col" | "embed" | "frame" | "hr" | "img" | "input"
        | "keygen" | "link" | "meta" | "param" | "source" | "track" | "wbr" => Form::Void,
        "script" | "style" | "xmp" | "iframe" | "noembed" | "noframes" | "plaintext" => Form::RawText,
        _ => Form::Children,
    }
}

/// SVG and MathML elements whose children are HTML again.
const HTML_INSIDE_FOREIGN: &[&str] = &["foreignobject", "desc", "title", "mi", "mo", "mn", "ms", "mtext", "annotation-xml"];

/// A page read from its serialisation.
#[derive(Debug)]
pub struct Markup<'a> {
    pub snapshot: Snapshot<'a>,
    /// Elements read, `<body>` included: the DOM's `body.getElementsByTagName('*').length + 1`.
    pub elements: u32,
    /// Per snapshot node: its element's number, or for a text node its parent's with
    /// [`PLACE_TEXT`] (and [`PLACE_SOLE`]).
    pub places: Vec<u32>,
    /// The numbers of the elements [`Watch`] picked out, in document order.
    pub watched: Vec<u32>,
}

/// Names to look for while reading ([`read_watching`]): every element whose tag is one, or whose
/// id or class holds one, in any ASCII case, is listed in [`Markup::watched`]. Elements of left-out
/// subtrees count (an `<iframe>`'s id), as the DOM's selectors see them.
///
/// Why: the content script's early stylesheet hides elements by selectors (an id prefix, a
/// class) that each need one of a few names; at DOM ready it marks what they hide. Matching
/// those selectors against every element of the page costs ~0.5 ms in Chromium; here the names
/// cost a glance at each element the reader already holds, and the page confirms the few
/// elements found with the selectors themselves.
#[derive(Debug, Default)]
pub struct Watch {
    /// Lower case, four bytes or more.
    names: Vec<Vec<u8>>,
    /// The shortest name's length less three: a value is looked at every `stride` bytes only,
    /// and any name in it holds the four bytes from one of those places.
    stride: usize,
    /// The four bytes ([`quad`]) from each of a name's first `stride` bytes, hashed into a set
    /// of 65,536 bits: nearly every place in a value holds none, and one lookup says so.
    quads: Vec<u64>,
}

impl Watch {
    /// The names in `names`, separated by white space (names of fewer than four bytes are left
    /// out).
    pub fn new(names: &str) -> Watch {
        let names: Vec<Vec<u8>> =
            names.split_ascii_whitespace().filter(|n| n.len() >= 4).map(|n| n.to_ascii_lowercase().into_bytes()).collect();
        let stride = names.iter().map(|n| n.len() - 3).min().unwrap_or(1);
        let mut quads = vec![0u64; if names.is_empty() { 0 } else { 1 << 10 }];
        for n in &names {
            for j in 0..stride {
                let q = quad([n[j], n[j + 1], n[j + 2], n[j + 3]]);
                quads[q >> 6] |= 1 << (q & 63);
            }
        }
        Watch { names, stride, quads }
    }

    fn holds_name(&self, value: &str) -> bool {
        let v = value.as_bytes();
        let mut k = 0;
        while k + 4 <= v.len() {
            let q = quad([v[k], v[k + 1], v[k + 2], v[k + 3]]);
            // A name through k starts at most `stride - 1` bytes before it.
            if self.quads[q >> 6] & (1 << (q & 63)) != 0 && (k.saturating_sub(self.stride - 1)..=k).any(|at| self.holds_at(v, at)) {
                return true;
            }
            k += self.stride;
        }
        false
    }

    fn holds_at(&self, v: &[u8], at: usize) -> bool {
        let first = v[at].to_ascii_lowercase();
        self.names.iter().any(|n| n[0] == first && v.len() - at >= n.len() && v[at..at + n.len()].eq_ignore_ascii_case(n))
    }

    fn picks(&self, tag: &str, attrs: &[(&str, &str)]) -> bool {
        !self.names.is_empty()
            && (self.names.iter().any(|n| tag.as_bytes().eq_ignore_ascii_case(n))
                || attrs.iter().any(|&(n, v)| (n == "id" || n == "class") && self.holds_name(v)))
    }
}

/// Four bytes, the same in any ASCII case (OR 0x20 lower-cases letters; other bytes may
/// collide, which only costs a closer look), hashed to 16 bits.
fn quad(b: [u8; 4]) -> usize {
    let x = u32::from_le_bytes(b) | 0x2020_2020;
    (x.wrapping_mul(0x9e37_79b1) >> 16) as usize
}

/// An element open in the serialisation.
struct Open<'a> {
    name: &'a str,
    /// Its snapshot node; `None` inside a left-out subtree.
    node: Option<NodeId>,
    /// In the HTML namespace (not inside `<svg>` / `<math>`, or inside one of their HTML
    /// islands).
    html: bool,
    /// Inside a `<template>`: not in the DOM tree, so not numbered.
    template: bool,
}

/// Bytes of markup per snapshot node, to size the node list up front. On aeb-dev's pages: 30
/// to 550, 80 at the median, and less once the front end leaves long scripts out (snapshotter.js
/// `serialise`). A low guess means a growth, which copies the list (~110 bytes a node in wasm)
/// into memory touched for the first time (page faults cost ~3 µs each in the browser here); a
/// high one costs only address space, since room never written is never touched.
const MARKUP_BYTES_PER_NODE: usize = 24;

fn bad(why: &'static str) -> Error {
    Error::InvalidSnapshot { node: 0, why }
}

/// Reads `body_html`, the serialisation of `<body>`, with the page's `title` and `og_title`
/// (as `snapshotter.js` reads them from `<head>`). `noscript_markup`: the page's `<noscript>`
/// elements hold elements (it runs without scripts), so they are not raw text.
pub fn read<'a>(body_html: &'a str, title: &str, og_title: &str, noscript_markup: bool) -> Result<Markup<'a>, Error> {
    read_watching(body_html, title, og_title, noscript_markup, &Watch::default())
}

/// [`read`], listing the elements `watch` picks out in [`Markup::watched`].
pub fn read_watching<'a>(
    body_html: &'a str,
    title: &str,
    og_title: &str,
    noscript_markup: bool,
    watch: &Watch,
) -> Result<Markup<'a>, Error> {
    let nodes = body_html.len() / MARKUP_BYTES_PER_NODE;
    let mut r = Reader {
        src: body_html,
        at: 0,
        noscript_markup,
        watch,
        watched: Vec::new(),
        snap: Snapshot { schema: SCHEMA_VERSION, nodes: Vec::with_capacity(nodes), ..Snapshot::default() },
        places: Vec::with_capacity(nodes),
        content: Vec::with_capacity(nodes),
        elements: 0,
    };
    fold_space(title.trim(), &mut r.snap.title);
    fold_space(og_title.trim(), &mut r.snap.og_title);
    r.read_body()?;
    let Reader { snap, mut places, content, elements, watched, .. } = r;
    for (i, n) in snap.nodes.iter().enumerate() {
        if let (true, Some(p)) = (n.is_text(), n.parent) {
            if content[p as usize] == u32::from(!is_blank(&n.text)) {
                places[i] |= PLACE_SOLE;
            }
        }
    }
    Ok(Markup { snapshot: snap, elements, places, watched })
}

/// A folded text that shows nothing.
fn is_blank(folded: &str) -> bool {
    folded == " "
}

struct Reader<'a, 'w> {
    src: &'a str,
    at: usize,
    noscript_markup: bool,
    watch: &'w Watch,
    watched: Vec<u32>,
    snap: Snapshot<'a>,
    places: Vec<u32>,
    /// Per snapshot node: its children that are elements (left-out ones included) or non-blank
    /// text, for [`PLACE_SOLE`].
    content: Vec<u32>,
    elements: u32,
}

impl<'a> Reader<'a, '_> {
    fn rest(&self) -> &'a [u8] {
        &self.src.as_bytes()[self.at..]
    }

    /// Index in `src` of the next `b` (ASCII), from `at`.
    fn find(&self, b: u8) -> Option<usize> {
        memchr::memchr(b, self.rest()).map(|i| self.at + i)
    }

    fn read_body(&mut self) -> Result<(), Error> {
        let mut stack: Vec<Open<'a>> = Vec::new();
        let mut attrs: Vec<(&'a str, &'a str)> = Vec::new();
        loop {
            let lt = self.find(b'<').unwrap_or(self.src.len());
            if lt > self.at {
                if let Some(open) = stack.last() {
                    self.push_text(open.node, &self.src[self.at..lt], true);
                }
                self.at = lt;
            }
            let rest = self.rest();
            match rest {
                [] => break,
                [b'<', b'/', ..] => {
                    let end = self.find(b'>').ok_or_else(|| bad("markup: unterminated end tag"))?;
                    let name = &self.src[self.at + 2..end];
                    let open = stack.pop().ok_or_else(|| bad("markup: end tag without a start tag"))?;
                    if !open.name.eq_ignore_ascii_case(name) {
                        return Err(bad("markup: end tag does not match"));
                    }
                    self.at = end + 1;
                    if stack.is_empty() {
                        break; // </body>
                    }
                }
                [b'<', b'!', b'-', b'-', ..] => {
                    let end = self.src[self.at + 4..].find("-->").ok_or_else(|| bad("markup: unterminated comment"))?;
                    self.at += 4 + end + 3;
                }
                [b'<', b'!' | b'?', ..] => {
                    let end = self.find(b'>').ok_or_else(|| bad("markup: unterminated declaration"))?;
                    self.at = end + 1;
                }
                _ => {
                    self.at += 1;
                    let name = self.take_name();
                    if name.is_empty() {
                        return Err(bad("markup: a '<' that starts no tag"));
                    }
                    let self_closed = self.attributes(&mut attrs)?;
                    if let Some(open) = self.start_tag(name, &attrs, stack.last(), self_closed)? {
                        stack.push(open);
                    }
                    if stack.is_empty() {
                        return Err(bad("markup: does not start with <body>"));
                    }
                }
            }
        }
        if !stack.is_empty() {
            return Err(bad("markup: ends inside an element"));
        }
        Ok(())
    }

    /// Numbers an element and adds its snapshot node; returns it as open unless it is void or
    /// closed itself (its raw text, if any, read).
    fn start_tag(
        &mut self,
        name: &'a str,
        attrs: &[(&'a str, &'a str)],
        parent: Option<&Open<'a>>,
        self_closed: bool,
    ) -> Result<Option<Open<'a>>, Error> {
        let tag = ascii_lower(name);
        if parent.is_none() && tag != "body" {
            return Err(bad("markup: does not start with <body>"));
        }
        let html = match parent {
            None => true,
            Some(p) if p.html => tag != "svg" && tag != "math",
            Some(p) => HTML_INSIDE_FOREIGN.iter().any(|t| p.name.eq_ignore_ascii_case(t)),
        };
        let template = parent.is_some_and(|p| p.template || (p.html && p.name.eq_ignore_ascii_case("template")));
        let number = self.elements;
        if !template {
            self.elements += 1;
            if self.watch.picks(&tag, attrs) {
                self.watched.push(number);
            }
        }
        let parent_node = parent.map(|p| p.node);
        let node = match parent_node {
            Some(None) => None, // inside a left-out subtree
            _ if SKIPPED_TAGS.contains(&tag.as_ref()) => {
                if let Some(Some(p)) = parent_node {
                    self.content[p as usize] += 1;
                }
                None
            }
            _ => Some(self.push_element(parent_node.flatten(), tag.clone(), attrs, number)),
        };
        let open = Open { name, node, html, template };
        let form = if html { form(&tag) } else { Form::Children };
        if self_closed || form == Form::Void {
            return Ok(None);
        }
        if form == Form::RawText || (html && tag == "noscript" && !self.noscript_markup) {
            let end = self.find_end_tag(name).ok_or_else(|| bad("markup: raw text without its end tag"))?;
            self.push_text(node, &self.src[self.at..end], false);
            self.at = end;
        }
        Ok(Some(open))
    }

    /// Adds an element's node, by the rules `Node::element` states for every front end (one
    /// pass over the attributes here; values borrowed from the markup unless escaped).
    fn push_element(&mut self, parent: Option<NodeId>, tag: Cow<'a, str>, attrs: &[(&'a str, &'a str)], number: u32) -> NodeId {
        let id = self.snap.nodes.len() as NodeId;
        if let Some(p) = parent {
            self.content[p as usize] += 1;
        }
        let value = |v: &'a str| -> Cow<'a, str> { if has_reference(v) { unescape(v).into() } else { v.into() } };
        let mut node = Node { parent, ..Node::default() };
        let mut has_href = false;
        let mut data: Cow<'a, str> = Cow::default();
        for &(n, v) in attrs {
            match n {
                "id" => node.id = value(v),
                "class" => node.class = value(v),
                "role" => node.role = value(v),
                "itemprop" => node.itemprop = value(v),
                "aria-label" => node.label = value(v),
                "hidden" => node.hidden = true,
                "style" => node.hidden |= style_hides(&value(v)),
                "href" => has_href = true,
                _ => {
                    if let Some(name) = n.strip_prefix("data-").filter(|_| !n.starts_with(LEDE_DATA)) {
                        data = if data.is_empty() { name.into() } else { format!("{data} {name}").into() };
                    }
                }
            }
        }
        node.href = has_href && tag == "a";
        node.data = data;
        node.tag = tag;
        self.snap.nodes.push(node);
        self.places.push(number);
        self.content.push(0);
        id
    }

    /// Adds a text node under `parent` (when it is in the snapshot); `escaped`: decode the
    /// serialiser's escapes.
    fn push_text(&mut self, parent: Option<NodeId>, raw: &'a str, escaped: bool) {
        let Some(parent) = parent else { return };
        // Borrowed from the markup unless there is something to decode or fold.
        let text: Cow<'a, str> = if escaped && has_reference(raw) {
            let mut t = String::new();
            fold_space(&unescape(raw), &mut t);
            t.into()
        } else {
            folded(raw)
        };
        if text.is_empty() {
            return;
        }
        if !is_blank(&text) {
            self.content[parent as usize] += 1;
        }
        self.places.push(self.places[parent as usize] | PLACE_TEXT);
        self.content.push(0);
        self.snap.nodes.push(Node { parent: Some(parent), text, ..Node::default() });
    }

    /// A tag or attribute name: up to white space, `/`, `=` or `>`.
    fn take_name(&mut self) -> &'a str {
        let n = self.rest().iter().position(|&b| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'=' | b'>'));
        let end = n.map_or(self.src.len(), |n| self.at + n);
        let name = &self.src[self.at..end];
        self.at = end;
        name
    }

    fn skip_space(&mut self) {
        let n = self.rest().iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(self.rest().len());
        self.at += n;
    }

    /// Reads a start tag's attributes (values as they are, escaped) up to and past its `>`.
    /// Returns whether the tag closed itself (`/>`, an XML serialisation's empty element).
    fn attributes(&mut self, out: &mut Vec<(&'a str, &'a str)>) -> Result<bool, Error> {
        out.clear();
        loop {
            self.skip_space();
            match self.rest() {
                [b'>', ..] => {
                    self.at += 1;
                    return Ok(false);
                }
                [b'/', b'>', ..] => {
                    self.at += 2;
                    return Ok(true);
                }
                [] => return Err(bad("markup: unterminated start tag")),
                [b'/', ..] => {
                    self.at += 1;
                    continue;
                }
                _ => {}
            }
            let name = self.take_name();
            let mut value = "";
            if self.rest().first() == Some(&b'=') {
                self.at += 1;
                match self.rest().first() {
                    Some(&q @ (b'"' | b'\'')) => {
                        self.at += 1;
                        // Values can be long (srcset, style, JSON): memchr.
                        let end = memchr::memchr(q, self.rest())
                            .map(|i| self.at + i)
                            .ok_or_else(|| bad("markup: unterminated attribute value"))?;
                        value = &self.src[self.at..end];
                        self.at = end + 1;
                    }
                    _ => {
                        let n = self.rest().iter().position(|&b| b.is_ascii_whitespace() || b == b'>');
                        let end = n.map_or(self.src.len(), |n| self.at + n);
                        value = &self.src[self.at..end];
                        self.at = end;
                    }
                }
            }
            out.push((name, value));
        }
    }

    /// Where `</name` (any case) starts, from `at`.
    fn find_end_tag(&self, name: &str) -> Option<usize> {
        let bytes = self.src.as_bytes();
        let mut from = self.at;
        loop {
            let i = from + memchr::memchr(b'<', &bytes[from..])?;
            let after = &bytes[i + 1..];
            if after.first() == Some(&b'/')
                && after.len() > name.len()
                && after[1..=name.len()].eq_ignore_ascii_case(name.as_bytes())
            {
                return Some(i);
            }
            from = i + 1;
        }
    }
}

/// Lede's own marks: not the page's attributes.
const LEDE_DATA: &str = "data-lede-";

/// Whether `s` holds a `&`, which may start a character reference for [`unescape`] to decode
/// (without one, the text is borrowed as it is).
fn has_reference(s: &str) -> bool {
    memchr::memchr(b'&', s.as_bytes()).is_some()
}

/// The serialiser's escapes decoded: the five named ones and numeric ones (an XML
/// serialisation's). Anything else stays as it is.
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let semi = rest.bytes().take(12).position(|b| b == b';');
        let decoded = semi.and_then(|j| match &rest[1..j] {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "nbsp" => Some('\u{a0}'),
            "apos" => Some('\''),
            e => e
                .strip_prefix('#')
                .and_then(|n| match n.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok(),
                    None => n.parse().ok(),
                })
                .and_then(char::from_u32),
        });
        match (decoded, semi) {
            (Some(c), Some(j)) => {
                out.push(c);
                rest = &rest[j + 1..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(m: &Markup) -> Vec<String> {
        m.snapshot.nodes.iter().map(|n| if n.is_text() { format!("'{}'", n.text) } else { n.tag.to_string() }).collect()
    }

    #[test]
    fn reads_elements_text_and_attributes() {
        let m = read(
            r#"<body class="x"><div id="a" data-k="1" data-lede-hidden="ad" hidden=""><p>Fish &amp; chips&nbsp;&lt;3</p><a href="/x" aria-label="say &quot;hi&quot;">l</a></div></body>"#,
            " Title ", "og", false,
        )
        .unwrap();
        assert_eq!(tags(&m), ["body", "div", "p", "'Fish & chips <3'", "a", "'l'"]);
        let div = &m.snapshot.nodes[1];
        assert_eq!((&*div.id, &*div.data, div.hidden), ("a", "k", true));
        assert_eq!(m.snapshot.nodes[4].label, "say \"hi\"");
        assert!(m.snapshot.nodes[4].href);
        assert_eq!(m.snapshot.title, "Title");
        assert_eq!(m.elements, 4);
        assert_eq!(m.places[..3], [0, 1, 2]);
        assert_eq!(m.places[3], 2 | PLACE_TEXT | PLACE_SOLE);
    }

    #[test]
    fn numbers_left_out_elements_but_not_template_contents() {
        // svg and its path are numbered (1, 2); the template's <b> is not; <i> is 4.
        let m = read("<body><svg><path></path></svg><template><b>t</b></template><i>x</i></body>", "", "", false).unwrap();
        assert_eq!(tags(&m), ["body", "i", "'x'"]);
        assert_eq!(m.places[1], 4);
        assert_eq!(m.elements, 5);
    }

    #[test]
    fn raw_text_void_and_foreign_elements() {
        let html = "<body><script>if (a<b) x = '</p>';</script><br><img src=\"a\"><p>one<br>two</p>\
                    <svg><style>a</style><title>t</title></svg><xmp><b>shown</b></xmp></body>";
        let m = read(html, "", "", false).unwrap();
        assert_eq!(tags(&m), ["body", "br", "img", "p", "'one'", "br", "'two'", "xmp", "'<b>shown</b>'"]);
        // body script br img p br svg style title xmp
        assert_eq!(m.elements, 10);
        // The text beside a <br> is not its parent's only content.
        assert_eq!(m.places[4] & PLACE_SOLE, 0);
    }

    #[test]
    fn watches_for_names_in_tags_ids_and_classes() {
        let watch = Watch::new("div-gpt-ad cookie-banner amp-ad CybotCookiebotDialog");
        let html = "<body><div id=\"div-gpt-ad-1\"></div><p class=\"a Cookie-Banner-x\">t</p>\
                    <template><div id=\"div-gpt-ad-2\"></div></template><amp-ad></amp-ad>\
                    <iframe id=\"x-cybotcookiebotdialog\"></iframe><svg><g class=\"cookie-banner\"></g></svg>\
                    <div data-x=\"cookie-banner\" title=\"div-gpt-ad\"></div><i class=\"cookie\">banner</i></body>";
        let m = read_watching(html, "", "", false, &watch).unwrap();
        // body 0, div 1, p 2, template 3 (its div not numbered), amp-ad 4, iframe 5, svg 6, g 7,
        // div 8, i 9: names in other attributes or in text do not count.
        assert_eq!(m.watched, [1, 2, 4, 5, 7]);
        assert_eq!(read(html, "", "", false).unwrap().watched, Vec::<u32>::new());
    }

    #[test]
    fn noscript_as_raw_text_or_markup() {
        let raw = read("<body><noscript><img src=\"x\"></noscript><p>a</p></body>", "", "", false).unwrap();
        assert_eq!(raw.elements, 3);
        let markup = read("<body><noscript><img src=\"x\"></noscript><p>a</p></body>", "", "", true).unwrap();
        assert_eq!(markup.elements, 4);
        assert_eq!(tags(&markup), tags(&raw));
    }

    #[test]
    fn refuses_what_is_not_a_serialisation() {
        for bad in ["<div></div>", "<body><p></body>", "<body><p>", "<body><p></i></p></body>", "<body><p a=\"x></p></body>"] {
            assert!(read(bad, "", "", false).is_err(), "{bad}");
        }
    }

    #[test]
    fn reads_an_xml_serialisation() {
        let m = read(r#"<body xmlns="http://www.w3.org/1999/xhtml"><p>a<br />b</p><div/></body>"#, "", "", false).unwrap();
        assert_eq!(tags(&m), ["body", "p", "'a'", "br", "'b'", "div"]);
    }
}
