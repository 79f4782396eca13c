//! The page as the core sees it: a flat list of nodes in document order.
//!
//! Any front end can build one: `html.rs` from HTML with html5ever, `markup.rs` from the
//! browser's serialisation of the live DOM, the extension's `snapshotter.js` by walking the live
//! DOM (`packed.rs`). All follow the same rules, so that one page gives one snapshot whichever
//! built it:
//! - node 0 is `<body>`; every other node names its parent, which comes before it;
//! - `script`, `style`, `noscript`, `template`, `svg`, `iframe` and comments are left out;
//! - text nodes keep their text with runs of white space folded to one space;
//! - `hidden` is read from attributes only (`hidden`, or an inline style with `display:none` or
//!   `visibility:hidden`), never from computed style, so both agree. (`aria-hidden` text is still
//!   on screen, so it does not count.)

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::error::Error;

/// Version of the snapshot and plan formats; front ends send it, the core checks it.
pub const SCHEMA_VERSION: u32 = 1;

/// Index of a node in [`Snapshot::nodes`].
pub type NodeId = u32;

/// A page, flattened. Its nodes' strings borrow from what the page came in when they can
/// (`packed::decode`: one allocation per page instead of one per string).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Snapshot<'a> {
    pub schema: u32,
    /// `document.title`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    /// `<meta property="og:title">` when the page has one: the headline without the site name.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub og_title: String,
    pub nodes: Vec<Node<'a>>,
}

/// One element or text node.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Node<'a> {
    /// The parent's index; `None` only for node 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<NodeId>,
    /// Lower-case tag name; empty for a text node.
    #[serde(default, skip_serializing_if = "str::is_empty")]
    pub tag: Cow<'a, str>,
    /// A text node's text, white space folded.
    #[serde(default, skip_serializing_if = "str::is_empty")]
    pub text: Cow<'a, str>,
    #[serde(default, skip_serializing_if = "str::is_empty")]
    pub id: Cow<'a, str>,
    #[serde(default, skip_serializing_if = "str::is_empty")]
    pub class: Cow<'a, str>,
    #[serde(default, skip_serializing_if = "str::is_empty")]
    pub role: Cow<'a, str>,
    #[serde(default, skip_serializing_if = "str::is_empty")]
    pub itemprop: Cow<'a, str>,
    /// The `aria-label` value.
    #[serde(default, skip_serializing_if = "str::is_empty")]
    pub label: Cow<'a, str>,
    /// Names of the `data-*` attributes, space-separated, without the `data-` prefix.
    #[serde(default, skip_serializing_if = "str::is_empty")]
    pub data: Cow<'a, str>,
    /// Hidden by the page itself (see the module docs).
    #[serde(default, skip_serializing_if = "is_false")]
    pub hidden: bool,
    /// An `<a>` with an `href`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub href: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl Node<'_> {
    pub fn is_text(&self) -> bool {
        self.tag.is_empty()
    }

    /// An element, by the rules in the module docs, from its lower-case tag, a reader of its
    /// attributes and the names of all of them (html.rs, dom.rs; packed.rs and markup.rs apply
    /// the same rules in their own single pass, borrowing their strings).
    pub fn element<'a>(
        parent: Option<NodeId>,
        tag: String,
        attr: impl Fn(&str) -> Option<&'a str>,
        names: impl Iterator<Item = &'a str>,
    ) -> Node<'static> {
        let get = |n: &str| Cow::Owned(attr(n).unwrap_or("").to_string());
        Node {
            parent,
            href: tag == "a" && attr("href").is_some(),
            hidden: attr("hidden").is_some() || attr("style").is_some_and(style_hides),
            data: names.filter_map(|n| n.strip_prefix("data-")).collect::<Vec<_>>().join(" ").into(),
            id: get("id"),
            class: get("class"),
            role: get("role"),
            itemprop: get("itemprop"),
            label: get("aria-label"),
            tag: tag.into(),
            text: Cow::default(),
        }
    }
}

impl Snapshot<'_> {
    /// An empty page: just a `<body>`.
    pub fn empty() -> Snapshot<'static> {
        Snapshot {
            schema: SCHEMA_VERSION,
            nodes: vec![Node { tag: "body".into(), ..Node::default() }],
            ..Snapshot::default()
        }
    }

    /// Parses the JSON a front end sent.
    pub fn from_json(json: &str) -> Result<Snapshot<'static>, Error> {
        let snap: Snapshot =
            serde_json::from_str(json).map_err(|e| Error::InvalidJson(e.to_string()))?;
        snap.validate()?;
        Ok(snap)
    }

    /// Checks what the analysis relies on: the schema, a root, parents before children.
    pub fn validate(&self) -> Result<(), Error> {
        if self.schema != SCHEMA_VERSION {
            return Err(Error::SchemaMismatch { got: self.schema, want: SCHEMA_VERSION });
        }
        if self.nodes.is_empty() {
            return Err(Error::InvalidSnapshot { node: 0, why: "no nodes" });
        }
        for (i, n) in self.nodes.iter().enumerate() {
            match n.parent {
                None if i != 0 => {
                    return Err(Error::InvalidSnapshot { node: i as NodeId, why: "no parent" })
                }
                Some(_) if i == 0 => {
                    return Err(Error::InvalidSnapshot { node: 0, why: "the root has a parent" })
                }
                Some(p) if p as usize >= i => {
                    return Err(Error::InvalidSnapshot {
                        node: i as NodeId,
                        why: "parent does not come before its child",
                    })
                }
                Some(p) if self.nodes[p as usize].is_text() => {
                    return Err(Error::InvalidSnapshot { node: i as NodeId, why: "parent is a text node" })
                }
                _ => {}
            }
        }
        Ok(())
    }
}

/// Folds runs of white space to one space, as a browser renders them (front ends call this).
pub fn fold_space(s: &str, out: &mut String) {
    if is_folded(s) {
        // Most texts: one copy, not a push per char.
        out.push_str(s);
        return;
    }
    let mut in_space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            out.push(c);
            in_space = false;
        }
    }
}

/// `s` with its runs of white space folded ([`fold_space`]); borrowed when there are none.
pub fn folded(s: &str) -> Cow<'_, str> {
    if is_folded(s) {
        return Cow::Borrowed(s);
    }
    // White space only (the line breaks and indentation between tags): one space, and
    // nothing allocated. ASCII's `char::is_whitespace` is `u8::is_ascii_whitespace` and the
    // vertical tab.
    if s.bytes().all(|b| b.is_ascii_whitespace() || b == 0x0b) {
        return Cow::Borrowed(" ");
    }
    let mut out = String::with_capacity(s.len());
    fold_space(s, &mut out);
    Cow::Owned(out)
}

/// A tag name in ASCII lower case, borrowed when it is already (front ends give it as the
/// DOM or the markup spells it).
pub fn ascii_lower(tag: &str) -> Cow<'_, str> {
    if tag.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(tag.to_ascii_lowercase())
    } else {
        Cow::Borrowed(tag)
    }
}

/// No white space in `s` but single ASCII spaces: folding changes nothing.
fn is_folded(s: &str) -> bool {
    let mut after_space = false;
    s.chars().all(|c| {
        let folded = if c == ' ' { !after_space } else { !c.is_whitespace() };
        after_space = c == ' ';
        folded
    })
}

/// Tags whose content a front end leaves out of the snapshot.
pub const SKIPPED_TAGS: &[&str] =
    &["script", "style", "noscript", "template", "svg", "iframe", "object", "head", "link", "meta"];

/// True when an inline `style` attribute hides the element.
pub fn style_hides(style: &str) -> bool {
    let s: String = style.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
    s.contains("display:none") || s.contains("visibility:hidden")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_space_folds_every_run_and_only_runs() {
        for (raw, folded) in [
            ("", ""),
            (" ", " "),
            ("a b", "a b"),
            (" a b ", " a b "),
            ("a  b", "a b"),
            ("a\tb", "a b"),
            ("\n a \r\n", " a "),
            ("a\u{a0}b", "a b"),
            ("a \u{3000}b", "a b"),
            ("it’s «ok»", "it’s «ok»"),
        ] {
            let mut out = String::from("x");
            fold_space(raw, &mut out);
            assert_eq!(out, format!("x{folded}"), "{raw:?}");
            assert_eq!(super::folded(raw), folded, "{raw:?}");
        }
        // White space only, ASCII or not, folds to one space.
        for raw in ["\n    ", "\t", "\u{b}\u{c}\r\n", "\n\u{a0}\n", "  "] {
            assert_eq!(super::folded(raw), " ", "{raw:?}");
        }
    }
}
