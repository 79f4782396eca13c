//! The packed snapshot: how the extension's content script hands a page to the core when it walks
//! the DOM (where the page's serialisation does not do, see `markup.rs`).
//!
//! A [`Snapshot`] as JSON costs the content script an object per node and a `JSON.stringify`,
//! and the core a JSON parse: on a big page that was most of the in-page time. The packed form
//! is two values that JS builds with array pushes and one `join`, and that cross into wasm with
//! one copy each (and through `sendMessage` as they are):
//!
//! - `nums`, 32-bit words: `[schema, node count]`, then two words per node, `[head, parent]`
//!   (node 0's `parent` is ignored);
//! - `strs`, strings joined by U+0000: the page title, the `og:title`, then each node's strings
//!   in node order.
//!
//! `head` is a node's tag and which strings follow it: bits 0–15 are the tag's index + 1 in the
//! page's tag table (0: a text node, whose one string is its raw text); an index one past the
//! table's end introduces a new tag, whose lower-case name is the node's first string. The
//! flags say which attribute strings follow, in this order: `id`, `class`, `role`, `itemprop`,
//! `aria-label`, the `data-*` names (space-separated, without `data-`), `style`. `hidden` and
//! an `<a>`'s `href` are bare flags.
//!
//! The core does what the JSON snapshot's front ends did in JS: it folds white space and reads
//! `style` (`snapshot::style_hides`), so there is one copy of those rules. Strings arrive
//! well-formed (wasm-bindgen's `TextEncoder` turns a lone surrogate into U+FFFD). A string that
//! holds U+0000 itself (only a script can put one in the DOM) shifts the fields: the decoder
//! finds the count wrong and says so, and the front end sends the page again with those
//! characters replaced.

use std::borrow::Cow;

use crate::error::Error;
use crate::snapshot::{ascii_lower, folded, style_hides, Node, NodeId, Snapshot, SCHEMA_VERSION};

/// Separates the strings of `strs`.
pub const SEPARATOR: char = '\0';
/// The parent word of node 0 (ignored).
pub const NO_PARENT: u32 = 0;
/// Bits of `head` holding the tag's index + 1.
pub const TAG_MASK: u32 = 0xffff;
pub const HAS_ID: u32 = 1 << 16;
pub const HAS_CLASS: u32 = 1 << 17;
pub const HAS_ROLE: u32 = 1 << 18;
pub const HAS_ITEMPROP: u32 = 1 << 19;
pub const HAS_LABEL: u32 = 1 << 20;
pub const HAS_DATA: u32 = 1 << 21;
pub const HAS_STYLE: u32 = 1 << 22;
pub const IS_HIDDEN: u32 = 1 << 23;
pub const HAS_HREF: u32 = 1 << 24;
/// Words before the nodes.
const HEADER_WORDS: usize = 2;

fn bad(node: usize, why: &'static str) -> Error {
    Error::InvalidSnapshot { node: node as NodeId, why }
}

/// Reads a packed snapshot (see the module docs) and checks it like [`Snapshot::from_json`].
/// The nodes' strings borrow from `strs` (but a text with white space to fold, a tag not in
/// lower case).
pub fn decode<'a>(nums: &[u32], strs: &'a str) -> Result<Snapshot<'a>, Error> {
    let (&schema, &count) = match nums {
        [s, c, ..] => (s, c),
        _ => return Err(bad(0, "packed snapshot: no header")),
    };
    if schema != SCHEMA_VERSION {
        return Err(Error::SchemaMismatch { got: schema, want: SCHEMA_VERSION });
    }
    let count = count as usize;
    if nums.len() != HEADER_WORDS + 2 * count {
        return Err(bad(0, "packed snapshot: word count does not match the node count"));
    }
    let mut strings = Fields(Some(strs));
    let mut next = |i: usize| strings.next().ok_or_else(|| bad(i, "packed snapshot: too few strings"));
    let title = folded(next(0)?.trim()).into_owned();
    let og_title = folded(next(0)?.trim()).into_owned();
    let mut tags: Vec<Cow<str>> = Vec::new();
    let mut nodes = Vec::with_capacity(count);
    for (i, w) in nums[HEADER_WORDS..].chunks_exact(2).enumerate() {
        let (head, parent) = (w[0], w[1]);
        let parent = (i != 0).then_some(parent);
        let tag_index = (head & TAG_MASK) as usize;
        if tag_index == 0 {
            nodes.push(Node { parent, text: folded(next(i)?), ..Node::default() });
            continue;
        }
        if tag_index == tags.len() + 1 {
            tags.push(ascii_lower(next(i)?));
        }
        let tag = tags.get(tag_index - 1).ok_or_else(|| bad(i, "packed snapshot: unknown tag"))?.clone();
        let mut field = |flag: u32| -> Result<Cow<str>, Error> {
            Ok(if head & flag != 0 { next(i)?.into() } else { Cow::default() })
        };
        let (id, class, role, itemprop, label, data) =
            (field(HAS_ID)?, field(HAS_CLASS)?, field(HAS_ROLE)?, field(HAS_ITEMPROP)?, field(HAS_LABEL)?, field(HAS_DATA)?);
        let style_hidden = head & HAS_STYLE != 0 && style_hides(next(i)?);
        nodes.push(Node {
            parent,
            href: head & HAS_HREF != 0 && tag == "a",
            hidden: head & IS_HIDDEN != 0 || style_hidden,
            tag,
            id,
            class,
            role,
            itemprop,
            label,
            data,
            text: Cow::default(),
        });
    }
    if strings.next().is_some() {
        return Err(bad(count, "packed snapshot: more strings than its nodes hold"));
    }
    let snap = Snapshot { schema, title, og_title, nodes };
    snap.validate()?;
    Ok(snap)
}

/// `strs` split at each [`SEPARATOR`], by a plain byte loop: for a page's short strings (a dozen
/// bytes on average) `str::split`'s memchr set-up cost more than the search (~5% of an analysis
/// in wasm).
struct Fields<'a>(Option<&'a str>);

impl<'a> Iterator for Fields<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let rest = self.0?;
        match rest.bytes().position(|b| b == SEPARATOR as u8) {
            Some(end) => {
                self.0 = Some(&rest[end + 1..]);
                Some(&rest[..end])
            }
            None => self.0.take(),
        }
    }
}

/// Packs a snapshot (the inverse of [`decode`] for a snapshot whose texts are folded): for tests
/// and for front ends written in Rust. `hidden` is packed as the bare flag.
pub fn encode(snap: &Snapshot) -> (Vec<u32>, String) {
    let mut nums = vec![snap.schema, snap.nodes.len() as u32];
    let mut strs: Vec<&str> = vec![&snap.title, &snap.og_title];
    let mut tags: Vec<&str> = Vec::new();
    for n in &snap.nodes {
        let parent = n.parent.unwrap_or(NO_PARENT);
        if n.is_text() {
            nums.extend([0, parent]);
            strs.push(&n.text);
            continue;
        }
        let index = match tags.iter().position(|t| *t == n.tag) {
            Some(i) => i,
            None => {
                tags.push(&n.tag);
                strs.push(&n.tag);
                tags.len() - 1
            }
        };
        let mut head = index as u32 + 1;
        for (flag, value) in [
            (HAS_ID, &n.id),
            (HAS_CLASS, &n.class),
            (HAS_ROLE, &n.role),
            (HAS_ITEMPROP, &n.itemprop),
            (HAS_LABEL, &n.label),
            (HAS_DATA, &n.data),
        ] {
            if !value.is_empty() {
                head |= flag;
                strs.push(value);
            }
        }
        if n.hidden {
            head |= IS_HIDDEN;
        }
        if n.href {
            head |= HAS_HREF;
        }
        nums.extend([head, parent]);
    }
    let sep = SEPARATOR.to_string();
    (nums, strs.join(&sep))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page() -> Snapshot<'static> {
        let el = |parent: Option<u32>, tag: &'static str| Node { parent, tag: tag.into(), ..Node::default() };
        let text = |parent: u32, t: &'static str| Node { parent: Some(parent), text: t.into(), ..Node::default() };
        Snapshot {
            schema: SCHEMA_VERSION,
            title: "A title".into(),
            og_title: String::new(),
            nodes: vec![
                el(None, "body"),
                Node { class: "story body".into(), id: "main".into(), data: "track x".into(), ..el(Some(0), "div") },
                text(1, "Hello "),
                Node { href: true, role: "link".into(), label: "More".into(), ..el(Some(1), "a") },
                text(3, "world"),
                Node { hidden: true, itemprop: "ad".into(), ..el(Some(1), "div") },
                text(0, " "),
            ],
        }
    }

    #[test]
    fn round_trips() {
        let snap = page();
        let (nums, strs) = encode(&snap);
        assert_eq!(decode(&nums, &strs).unwrap(), snap);
    }

    #[test]
    fn folds_text_and_reads_style_and_tag_case() {
        let (mut nums, _) = encode(&page());
        // Node 1 (the div) also carries a hiding style, node 2's text is raw.
        nums[HEADER_WORDS + 2] |= HAS_STYLE;
        let strs = ["T", "", "body", "DIV", "main", "story body", "track x", "Display: None", "Hello \n\t ", "a", "link", "More", "world", "ad", " \n "]
            .join("\0");
        let snap = decode(&nums, &strs).unwrap();
        assert_eq!(snap.nodes[1].tag, "div");
        assert!(snap.nodes[1].hidden);
        assert_eq!(snap.nodes[2].text, "Hello ");
        assert_eq!(snap.nodes[6].text, " ");
    }

    #[test]
    fn a_wrong_string_count_is_an_error_not_a_panic() {
        let (nums, strs) = encode(&page());
        assert!(decode(&nums, &format!("{strs}\0extra")).is_err());
        assert!(decode(&nums, "only\0two").is_err());
        assert!(decode(&nums[..5], &strs).is_err());
        assert!(decode(&[], "").is_err());
        let mut bad_tag = nums.clone();
        bad_tag[HEADER_WORDS + 2] = 9;
        assert!(decode(&bad_tag, &strs).is_err());
        let mut bad_parent = nums;
        bad_parent[HEADER_WORDS + 3] = 5;
        assert!(decode(&bad_parent, &strs).is_err());
    }
}
