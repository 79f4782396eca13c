//! Native front end: HTML bytes → [`Snapshot`], with html5ever.
//!
//! Follows the rules in `snapshot.rs` exactly as the extension's `snapshotter.js` does.

use html5ever::tendril::TendrilSink;
use html5ever::{parse_document, ParseOpts};
use html5ever::serialize::{serialize, SerializeOpts};
use markup5ever_rcdom::{Handle, NodeData, RcDom, SerializableHandle};

use crate::plan::Plan;

use crate::error::Error;
use crate::snapshot::{fold_space, Node, NodeId, Snapshot, SCHEMA_VERSION, SKIPPED_TAGS};

/// A page file's bytes as HTML: gunzipped when they start with gzip's magic bytes
/// (`.html.gz`), as they are otherwise.
pub fn read_page(path: &std::path::Path) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let raw = std::fs::read(path).map_err(|e| format!("lede: cannot read {}: {e}", path.display()))?;
    if !raw.starts_with(&[0x1f, 0x8b]) {
        return Ok(raw);
    }
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(raw.as_slice())
        .read_to_end(&mut out)
        .map_err(|e| format!("lede: {} is not valid gzip: {e}", path.display()))?;
    Ok(out)
}

/// How many leading bytes are checked for binary content.
const BINARY_SNIFF_BYTES: usize = 4096;

/// Parses a page. Bytes that are not UTF-8 are replaced (U+FFFD), as a browser would show them;
/// bytes that are plainly binary (NUL bytes near the start) are refused.
pub fn parse(bytes: &[u8]) -> Result<Snapshot<'static>, Error> {
    Ok(build(&parse_dom(bytes)?.document, &mut Vec::new()))
}

fn parse_dom(bytes: &[u8]) -> Result<RcDom, Error> {
    let head = &bytes[..bytes.len().min(BINARY_SNIFF_BYTES)];
    if head.contains(&0) {
        return Err(Error::NotHtml("binary data (NUL bytes)".into()));
    }
    let text = String::from_utf8_lossy(bytes);
    Ok(parse_document(RcDom::default(), ParseOpts::default()).one(text.as_ref()))
}

/// The page with the plan's hidden elements removed, serialised back to HTML.
pub fn without_hidden(bytes: &[u8], plan: &Plan) -> Result<String, Error> {
    let dom = parse_dom(bytes)?;
    let mut handles = Vec::new();
    build(&dom.document, &mut handles);
    for op in &plan.ops {
        let Some(handle) = handles.get(op.node as usize) else { continue };
        let parent = handle.parent.take();
        if let Some(parent) = parent.as_ref().and_then(|w| w.upgrade()) {
            parent.children.borrow_mut().retain(|c| !std::rc::Rc::ptr_eq(c, handle));
        }
    }
    let mut out = Vec::new();
    let document: SerializableHandle = dom.document.clone().into();
    serialize(&mut out, &document, SerializeOpts::default()).map_err(|e| Error::NotHtml(e.to_string()))?;
    Ok(String::from_utf8_lossy(&out).into_owned())
}

fn attr<'a>(attrs: &'a [html5ever::Attribute], name: &str) -> Option<&'a str> {
    attrs.iter().find(|a| &*a.name.local == name).map(|a| &*a.value)
}

/// Walks the DOM in document order with an explicit stack (pages can be 10,000 levels deep).
/// `handles` receives each snapshot node's DOM node, by id.
fn build(document: &Handle, handles: &mut Vec<Handle>) -> Snapshot<'static> {
    let mut snap = Snapshot { schema: SCHEMA_VERSION, ..Snapshot::default() };
    let Some(html) = child_element(document, "html") else { return Snapshot::empty() };
    if let Some(head) = child_element(&html, "head") {
        read_head(&head, &mut snap);
    }
    let Some(body) = child_element(&html, "body") else { return Snapshot { nodes: Snapshot::empty().nodes, ..snap } };

    // (node, parent id) pairs; children pushed in reverse so they pop in document order.
    let mut stack: Vec<(Handle, Option<NodeId>)> = vec![(body, None)];
    while let Some((handle, parent)) = stack.pop() {
        match &handle.data {
            NodeData::Text { contents } => {
                let Some(p) = parent else { continue };
                let mut text = String::new();
                fold_space(&contents.borrow(), &mut text);
                if text.is_empty() {
                    continue;
                }
                snap.nodes.push(Node { parent: Some(p), text: text.into(), ..Node::default() });
                handles.push(handle.clone());
            }
            NodeData::Element { name, attrs, .. } => {
                let tag = name.local.to_ascii_lowercase().to_string();
                if SKIPPED_TAGS.contains(&tag.as_str()) {
                    continue;
                }
                let attrs = attrs.borrow();
                let id = snap.nodes.len() as NodeId;
                let names = attrs.iter().map(|a| &*a.name.local);
                snap.nodes.push(Node::element(parent, tag, |n| attr(&attrs, n), names));
                drop(attrs);
                handles.push(handle.clone());
                let children = handle.children.borrow();
                for child in children.iter().rev() {
                    stack.push((child.clone(), Some(id)));
                }
            }
            _ => {}
        }
    }
    snap
}

fn child_element(node: &Handle, tag: &str) -> Option<Handle> {
    node.children
        .borrow()
        .iter()
        .find(|c| matches!(&c.data, NodeData::Element { name, .. } if &*name.local == tag))
        .cloned()
}

fn read_head(head: &Handle, snap: &mut Snapshot) {
    for child in head.children.borrow().iter() {
        let NodeData::Element { name, attrs, .. } = &child.data else { continue };
        match &*name.local {
            "title" => {
                let mut raw = String::new();
                for t in child.children.borrow().iter() {
                    if let NodeData::Text { contents } = &t.data {
                        raw.push_str(&contents.borrow());
                    }
                }
                fold_space(raw.trim(), &mut snap.title);
            }
            "meta" => {
                let attrs = attrs.borrow();
                if attr(&attrs, "property").or(attr(&attrs, "name")) == Some("og:title") {
                    fold_space(attr(&attrs, "content").unwrap_or("").trim(), &mut snap.og_title);
                }
            }
            _ => {}
        }
    }
}

/// The page's `<body>` serialised as a browser's `document.body.outerHTML` gives it (the input
/// of [`crate::markup::read`]), with its title, `og:title` and its number of elements, `<body>`
/// included (what the browser front end counts with `getElementsByTagName`). For tests and
/// benchmarks of that front end without a browser. `None` when the page has no `<body>`.
pub fn body_markup(bytes: &[u8]) -> Result<Option<(String, Snapshot<'static>, u32)>, Error> {
    use html5ever::serialize::TraversalScope;
    let dom = parse_dom(bytes)?;
    let Some(html) = child_element(&dom.document, "html") else { return Ok(None) };
    let Some(body) = child_element(&html, "body") else { return Ok(None) };
    let mut head = Snapshot::default();
    if let Some(h) = child_element(&html, "head") {
        read_head(&h, &mut head);
    }
    let mut out = Vec::new();
    let handle: SerializableHandle = body.clone().into();
    let opts = SerializeOpts { traversal_scope: TraversalScope::IncludeNode, ..SerializeOpts::default() };
    serialize(&mut out, &handle, opts).map_err(|e| Error::NotHtml(e.to_string()))?;
    let mut elements = 0;
    let mut stack = vec![body];
    while let Some(h) = stack.pop() {
        if matches!(h.data, NodeData::Element { .. }) {
            elements += 1;
            stack.extend(h.children.borrow().iter().cloned());
        }
    }
    Ok(Some((String::from_utf8_lossy(&out).into_owned(), head, elements)))
}
