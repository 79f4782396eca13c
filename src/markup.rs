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

use crate::error::Error;
use crate::snapshot::{fold_space, Node, NodeId, Snapshot, SCHEMA_VERSION, SKIPPED_TAGS};

/// A [`Markup::places`] entry: the node is a text node, and the number is its parent's.
pub const PLACE_TEXT: u32 = 1 << 31;
/// With [`PLACE_TEXT`]: the text is its parent's only content (every other child is blank
/// text), so hiding the parent hides just that text.
pub const PLACE_SOLE: u32 = 1 << 30;
/// The bits of a place that hold the element's number.
pub const PLACE_ELEMENT: u32 = PLACE_SOLE - 1;

/// Elements without an end tag or content (HTML namespace).
const VOID_TAGS: &[&str] = &[
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input",
    "keygen", "link", "meta", "param", "source", "track", "wbr",
];
/// Elements whose text the serialiser writes as it is, unescaped, up to their end tag (HTML
/// namespace); `noscript` too when the page runs scripts.
const RAW_TEXT_TAGS: &[&str] = &["script", "style", "xmp", "iframe", "noembed", "noframes", "plaintext"];
/// SVG and MathML elements whose children are HTML again.
const HTML_INSIDE_FOREIGN: &[&str] = &["foreignobject", "desc", "title", "mi", "mo", "mn", "ms", "mtext", "annotation-xml"];

/// A page read from its serialisation.
#[derive(Debug)]
pub struct Markup {
    pub snapshot: Snapshot,
    /// Elements read, `<body>` included: the DOM's `body.getElementsByTagName('*').length + 1`.
    pub elements: u32,
    /// Per snapshot node: its element's number, or for a text node its parent's with
    /// [`PLACE_TEXT`] (and [`PLACE_SOLE`]).
    pub places: Vec<u32>,
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

fn bad(why: &'static str) -> Error {
    Error::InvalidSnapshot { node: 0, why }
}

/// Reads `body_html`, the serialisation of `<body>`, with the page's `title` and `og_title`
/// (as `snapshotter.js` reads them from `<head>`). `noscript_markup`: the page's `<noscript>`
/// elements hold elements (it runs without scripts), so they are not raw text.
pub fn read(body_html: &str, title: &str, og_title: &str, noscript_markup: bool) -> Result<Markup, Error> {
    let mut snap = Snapshot { schema: SCHEMA_VERSION, ..Snapshot::default() };
    fold_space(title.trim(), &mut snap.title);
    fold_space(og_title.trim(), &mut snap.og_title);
    let mut places: Vec<u32> = Vec::new();
    // Per snapshot node: children that are elements (left-out ones included) or non-blank text.
    let mut content: Vec<u32> = Vec::new();
    let mut stack: Vec<Open> = Vec::new();
    let mut elements: u32 = 0;
    let mut attrs: Vec<(&str, String)> = Vec::new();
    let mut s = Scanner { src: body_html, at: 0 };

    loop {
        // Text up to the next tag.
        let text_end = s.src[s.at..].find('<').map_or(s.src.len(), |i| s.at + i);
        if text_end > s.at {
            if let Some(open) = stack.last() {
                push_text(&mut snap, &mut places, &mut content, open, &s.src[s.at..text_end], true);
            }
            s.at = text_end;
        }
        if s.at >= s.src.len() {
            break;
        }
        let rest = &s.src[s.at..];
        if rest.starts_with("</") {
            let end = rest.find('>').ok_or_else(|| bad("markup: unterminated end tag"))?;
            let name = &rest[2..end];
            let open = stack.pop().ok_or_else(|| bad("markup: end tag without a start tag"))?;
            if !open.name.eq_ignore_ascii_case(name) {
                return Err(bad("markup: end tag does not match"));
            }
            s.at += end + 1;
            if stack.is_empty() {
                break; // </body>
            }
        } else if rest.starts_with("<!--") {
            let end = rest[4..].find("-->").ok_or_else(|| bad("markup: unterminated comment"))?;
            s.at += 4 + end + 3;
        } else if rest.starts_with("<!") || rest.starts_with("<?") {
            let end = rest.find('>').ok_or_else(|| bad("markup: unterminated declaration"))?;
            s.at += end + 1;
        } else {
            s.at += 1;
            let name = s.take_while(|c| !(c.is_ascii_whitespace() || c == '/' || c == '>'));
            if name.is_empty() {
                return Err(bad("markup: a '<' that starts no tag"));
            }
            let self_closed = s.attributes(&mut attrs)?;
            let tag = name.to_ascii_lowercase();
            if stack.is_empty() && tag != "body" {
                return Err(bad("markup: does not start with <body>"));
            }
            let parent = stack.last();
            let html = match parent {
                None => true,
                Some(p) if p.html => tag != "svg" && tag != "math",
                Some(p) => HTML_INSIDE_FOREIGN.contains(&p.name.to_ascii_lowercase().as_str()),
            };
            let template = parent.is_some_and(|p| p.template || (p.html && p.name.eq_ignore_ascii_case("template")));
            let number = elements;
            if !template {
                elements += 1;
            }
            // Its snapshot node, unless it or an ancestor is left out.
            let parent_node = parent.map(|p| p.node);
            let node = match parent_node {
                Some(None) => None,
                _ if SKIPPED_TAGS.contains(&tag.as_str()) => {
                    if let Some(Some(p)) = parent_node {
                        content[p as usize] += 1;
                    }
                    None
                }
                _ => {
                    let id = snap.nodes.len() as NodeId;
                    let parent_id = parent_node.flatten();
                    if let Some(p) = parent_id {
                        content[p as usize] += 1;
                    }
                    let names = attrs.iter().map(|(n, _)| *n).filter(|n| !n.starts_with(LEDE_DATA));
                    let attr = |n: &str| attrs.iter().find(|(k, _)| *k == n).map(|(_, v)| v.as_str());
                    snap.nodes.push(Node::element(parent_id, tag.clone(), attr, names));
                    places.push(number);
                    content.push(0);
                    Some(id)
                }
            };
            let open = Open { name, node, html, template };
            let raw = html && (RAW_TEXT_TAGS.contains(&tag.as_str()) || (tag == "noscript" && !noscript_markup));
            if self_closed || (html && VOID_TAGS.contains(&tag.as_str())) {
                continue;
            }
            if raw {
                let end = find_end_tag(&s.src[s.at..], name).ok_or_else(|| bad("markup: raw text without its end tag"))?;
                push_text(&mut snap, &mut places, &mut content, &open, &s.src[s.at..s.at + end], false);
                s.at += end;
            }
            stack.push(open);
        }
    }
    if !stack.is_empty() {
        return Err(bad("markup: ends inside an element"));
    }
    for (i, n) in snap.nodes.iter().enumerate() {
        if let (true, Some(p)) = (n.is_text(), n.parent) {
            let own = u32::from(!n.text.trim().is_empty());
            if content[p as usize] - own == 0 {
                places[i] |= PLACE_SOLE;
            }
        }
    }
    Ok(Markup { snapshot: snap, elements, places })
}

/// Lede's own marks: not the page's attributes.
const LEDE_DATA: &str = "data-lede-";

/// Adds a text node under `open` (when it is in the snapshot); `escaped`: decode the
/// serialiser's escapes.
fn push_text(snap: &mut Snapshot, places: &mut Vec<u32>, content: &mut Vec<u32>, open: &Open, raw: &str, escaped: bool) {
    let Some(parent) = open.node else { return };
    let mut text = String::new();
    if escaped && raw.contains('&') {
        fold_space(&unescape(raw), &mut text);
    } else {
        fold_space(raw, &mut text);
    }
    if text.is_empty() {
        return;
    }
    if !text.trim().is_empty() {
        content[parent as usize] += 1;
    }
    places.push(places[parent as usize] | PLACE_TEXT);
    content.push(0);
    snap.nodes.push(Node { parent: Some(parent), text, ..Node::default() });
}

/// Where `</name` (any case) starts in `s`.
fn find_end_tag(s: &str, name: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = s[from..].find("</") {
        let at = from + i;
        let after = &s[at + 2..];
        if after.len() >= name.len() && after.is_char_boundary(name.len()) && after[..name.len()].eq_ignore_ascii_case(name) {
            return Some(at);
        }
        from = at + 2;
    }
    None
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
            e => e.strip_prefix('#').and_then(|n| match n.strip_prefix(['x', 'X']) {
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

struct Scanner<'a> {
    src: &'a str,
    at: usize,
}

impl<'a> Scanner<'a> {
    fn take_while(&mut self, keep: impl Fn(char) -> bool) -> &'a str {
        let rest = &self.src[self.at..];
        let end = rest.find(|c: char| !keep(c)).unwrap_or(rest.len());
        self.at += end;
        &rest[..end]
    }

    /// Reads a start tag's attributes up to and past its `>`, into `out` (values unescaped).
    /// Returns whether the tag closed itself (`/>`, an XML serialisation's empty element).
    fn attributes(&mut self, out: &mut Vec<(&'a str, String)>) -> Result<bool, Error> {
        out.clear();
        loop {
            self.take_while(|c| c.is_ascii_whitespace());
            let rest = &self.src[self.at..];
            if rest.starts_with('>') {
                self.at += 1;
                return Ok(false);
            }
            if rest.starts_with("/>") {
                self.at += 2;
                return Ok(true);
            }
            if rest.is_empty() {
                return Err(bad("markup: unterminated start tag"));
            }
            let name = self.take_while(|c| !(c.is_ascii_whitespace() || c == '=' || c == '>' || c == '/'));
            if name.is_empty() {
                self.at += 1; // a stray '/'
                continue;
            }
            let mut value = String::new();
            if self.src[self.at..].starts_with('=') {
                self.at += 1;
                let rest = &self.src[self.at..];
                let quote = rest.chars().next().filter(|&q| q == '"' || q == '\'');
                let raw = match quote {
                    Some(q) => {
                        let end = rest[1..].find(q).ok_or_else(|| bad("markup: unterminated attribute value"))?;
                        self.at += end + 2;
                        &rest[1..end + 1]
                    }
                    None => self.take_while(|c| !(c.is_ascii_whitespace() || c == '>')),
                };
                value = if raw.contains('&') { unescape(raw) } else { raw.to_string() };
            }
            out.push((name, value));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(m: &Markup) -> Vec<String> {
        m.snapshot.nodes.iter().map(|n| if n.is_text() { format!("'{}'", n.text) } else { n.tag.clone() }).collect()
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
        assert_eq!((div.id.as_str(), div.data.as_str(), div.hidden), ("a", "k", true));
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
