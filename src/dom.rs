//! The www/ demo's front end: a live `Document` (the demo frame's) → [`Snapshot`] → [`Plan`] →
//! `data-lede-*` marks, all in wasm with web-sys. Built only with the `demo` feature
//! (`scripts/build-www.sh`); the extension keeps its JS front end and never carries this file.
//!
//! # Exports (named apart from `src/wasm.rs`'s `version`, `schema`, `analyse`, `analyseJson`)
//!
//! - `demoClean(doc, view)`: takes a snapshot, analyses it in the view's mode, marks the hidden
//!   elements, and returns a [`CleanReport`] (counts per reason, timings, snapshot size, plan).
//! - `demoReset(doc)`: removes every mark, the stylesheet and the view: the DOM as it was.
//! - `demoSnapshot(doc)`: the snapshot as JSON (parity checks against `src/html.rs`).
//! - `DemoHistory`: the repeated-reports demo, a reading history kept in the page's memory only.
//!
//! # The snapshot: the rules of `src/snapshot.rs`, mirrored from `src/html.rs`
//!
//! Same walk as `html::build` (explicit stack, children pushed in reverse), same helpers
//! (`fold_space`, `Node::element`, `SKIPPED_TAGS`), attributes by local name, first one wins. Two
//! deliberate differences, both as the extension's `snapshotter.js`: `data-lede-*` attribute
//! names are not listed in `data` (a snapshot taken after marking equals the one before), and
//! strings crossing from JS are made well-formed (a lone surrogate becomes U+FFFD).
//!
//! The frame is sandboxed without `allow-scripts`, so its parser runs with scripting disabled,
//! where html5ever assumes it enabled: `<noscript>` content is parsed as markup. In `<body>` that
//! changes nothing (noscript is skipped); a `<noscript>` in `<head>` holding body content (a
//! tracking pixel `<img>`) ends the head early in the frame. And a `srcdoc` document is never
//! in quirks mode (`<p><table>` closes the `p`). The seed samples have neither.
//!
//! # Marks (see `www/frame.css`)
//!
//! `data-lede-hidden="<reason>"` and `data-lede-rule` on each hidden element; `data-lede-mode` on
//! `<html>` picks the view; one `<style data-lede-style>` in `<head>`. An op on a text node marks
//! its parent when the text is the parent's only content, else it is skipped (as the
//! extension's `applier.js`). Frame nodes belong to another JS realm, so nothing here uses
//! checked casts (`instanceof` fails across realms): node types are read from `nodeType`.

use std::sync::Once;

use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, Node as DomNode};

use crate::fingerprint;
use crate::history::{EarlierReport, History, HistoryConfig, Lookup, MatchKind, ReadRecord};
use crate::snapshot::{fold_space, Node, NodeId, Snapshot, SCHEMA_VERSION, SKIPPED_TAGS};
use crate::{analyse, article_paragraphs, Config, Mode, Paragraph, Plan, Reason};

/// `Node.nodeType` values.
const ELEMENT_NODE: u16 = 1;
const TEXT_NODE: u16 = 3;
const COMMENT_NODE: u16 = 8;

/// Lede's own attributes: left out of the snapshot's `data`.
const LEDE_DATA: &str = "data-lede-";
const HIDDEN: &str = "data-lede-hidden";
const RULE: &str = "data-lede-rule";
const MODE: &str = "data-lede-mode";
const FOLD: &str = "data-lede-fold";
const STYLE: &str = "data-lede-style";
const READ: &str = "data-lede-read";
const READ_IN: &str = "data-lede-read-in";
const READ_WHOLE: &str = "data-lede-read-whole";
const BANNER: &str = "data-lede-banner";
const LINE: &str = "data-lede-line";

/// The frame's stylesheet (one file, so it can be edited as CSS).
const FRAME_CSS: &str = include_str!("../www/frame.css");

/// Sites named in a paragraph's "read in …" label; more are counted ("and 2 more").
const MAX_LABEL_SITES: usize = 3;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = performance, js_name = now)]
    fn performance_now() -> f64;
    #[wasm_bindgen(js_namespace = console, js_name = error)]
    fn console_error(message: &str);
}

static PANIC_HOOK: Once = Once::new();

/// Reports a panic on the console once, before the trap that follows it (the page then treats
/// the instance as dead).
fn install_panic_hook() {
    PANIC_HOOK.call_once(|| {
        std::panic::set_hook(Box::new(|info| console_error(&format!("lede demo: wasm panic: {info}"))));
    });
}

// ---------------------------------------------------------------------------------------------
// Views

/// What the demo frame shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum View {
    Original,
    Clean,
    Focus,
    ShowHidden,
}

impl View {
    fn parse(s: &str) -> Result<View, JsError> {
        match s {
            "original" => Ok(View::Original),
            "clean" => Ok(View::Clean),
            "focus" => Ok(View::Focus),
            "show-hidden" => Ok(View::ShowHidden),
            _ => Err(JsError::new(&format!("lede: unknown view {s:?} (original, clean, focus, show-hidden)"))),
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            View::Original => "original",
            View::Clean => "clean",
            View::Focus => "focus",
            View::ShowHidden => "show-hidden",
        }
    }

    /// The analysis behind the view: focus has its own plan; the others show the clean one.
    fn mode(self) -> Mode {
        if self == View::Focus {
            Mode::Focus
        } else {
            Mode::Clean
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Snapshot

/// A snapshot and, by node id, the DOM node each snapshot node came from.
struct Taken {
    snap: Snapshot<'static>,
    targets: Vec<DomNode>,
}

/// The first child element of `parent` whose local name is `tag` (as `html::child_element`).
fn child_element(parent: &DomNode, tag: &str) -> Option<Element> {
    let mut child = parent.first_child();
    while let Some(c) = child {
        if c.node_type() == ELEMENT_NODE && c.unchecked_ref::<Element>().local_name() == tag {
            return Some(c.unchecked_into());
        }
        child = c.next_sibling();
    }
    None
}

/// An element's attributes as (local name, value), in order.
fn attributes(el: &Element) -> Vec<(String, String)> {
    let map = el.attributes();
    (0..map.length()).filter_map(|i| map.item(i)).map(|a| (a.local_name(), a.value())).collect()
}

/// The first attribute with this local name (as `html::attr`).
fn attr<'a>(attrs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    attrs.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
}

/// Takes the snapshot of `doc` (see the module docs): `html::build`, line for line.
fn take(doc: &Document) -> Taken {
    let mut snap = Snapshot { schema: SCHEMA_VERSION, ..Snapshot::default() };
    let mut targets = Vec::new();
    let Some(html) = child_element(doc, "html") else { return Taken { snap: Snapshot::empty(), targets } };
    if let Some(head) = child_element(&html, "head") {
        read_head(&head, &mut snap);
    }
    let Some(body) = child_element(&html, "body") else {
        return Taken { snap: Snapshot { nodes: Snapshot::empty().nodes, ..snap }, targets };
    };

    // (node, parent id) pairs; children pushed in reverse so they pop in document order.
    let mut stack: Vec<(DomNode, Option<NodeId>)> = vec![(body.into(), None)];
    let mut children: Vec<DomNode> = Vec::new();
    while let Some((node, parent)) = stack.pop() {
        match node.node_type() {
            TEXT_NODE => {
                let Some(p) = parent else { continue };
                let mut text = String::new();
                fold_space(&node.node_value().unwrap_or_default(), &mut text);
                if text.is_empty() {
                    continue;
                }
                snap.nodes.push(Node { parent: Some(p), text: text.into(), ..Node::default() });
                targets.push(node);
            }
            ELEMENT_NODE => {
                let el: &Element = node.unchecked_ref();
                let tag = el.local_name().to_ascii_lowercase();
                if SKIPPED_TAGS.contains(&tag.as_str()) {
                    continue;
                }
                let attrs = attributes(el);
                let id = snap.nodes.len() as NodeId;
                // Lede's own marks are not the page's.
                let names = attrs.iter().map(|(n, _)| n.as_str()).filter(|n| !n.starts_with(LEDE_DATA));
                snap.nodes.push(Node::element(parent, tag, |n| attr(&attrs, n), names));
                children.clear();
                let mut child = node.first_child();
                while let Some(c) = child {
                    child = c.next_sibling();
                    children.push(c);
                }
                for c in children.drain(..).rev() {
                    stack.push((c, Some(id)));
                }
                targets.push(node);
            }
            _ => {}
        }
    }
    Taken { snap, targets }
}

/// `document.title` and `og:title`, as `html::read_head`.
fn read_head(head: &Element, snap: &mut Snapshot) {
    let mut child = head.first_child();
    while let Some(c) = child {
        child = c.next_sibling();
        if c.node_type() != ELEMENT_NODE {
            continue;
        }
        let el: &Element = c.unchecked_ref();
        match el.local_name().as_str() {
            "title" => {
                let mut raw = String::new();
                let mut t = c.first_child();
                while let Some(tn) = t {
                    if tn.node_type() == TEXT_NODE {
                        raw.push_str(&tn.node_value().unwrap_or_default());
                    }
                    t = tn.next_sibling();
                }
                fold_space(raw.trim(), &mut snap.title);
            }
            "meta" => {
                let attrs = attributes(el);
                if attr(&attrs, "property").or(attr(&attrs, "name")) == Some("og:title") {
                    fold_space(attr(&attrs, "content").unwrap_or("").trim(), &mut snap.og_title);
                }
            }
            _ => {}
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Marks

fn select(doc: &Document, selector: &str) -> Vec<Element> {
    let Ok(list) = doc.query_selector_all(selector) else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.item(i)).map(JsCast::unchecked_into).collect()
}

/// Removes the hidden marks.
fn clear_hidden(doc: &Document) {
    for el in select(doc, &format!("[{HIDDEN}], [{RULE}]")) {
        let _ = el.remove_attribute(HIDDEN);
        let _ = el.remove_attribute(RULE);
    }
}

/// Removes the repeated-report marks and the banner.
fn clear_annotations(doc: &Document) {
    for el in select(doc, &format!("[{READ}], [{READ_IN}], [{READ_WHOLE}]")) {
        let _ = el.remove_attribute(READ);
        let _ = el.remove_attribute(READ_IN);
        let _ = el.remove_attribute(READ_WHOLE);
    }
    for el in select(doc, &format!("[{BANNER}]")) {
        el.remove();
    }
}

/// Adds the frame stylesheet once, in `<head>` (left out of snapshots) or, without one, `<html>`.
fn ensure_style(doc: &Document) -> Result<(), JsValue> {
    if !select(doc, &format!("style[{STYLE}]")).is_empty() {
        return Ok(());
    }
    let Some(root) = doc.document_element() else { return Ok(()) };
    let style = doc.create_element("style")?;
    style.set_attribute(STYLE, "")?;
    style.set_text_content(Some(FRAME_CSS));
    let into = child_element(&root, "head").unwrap_or(root);
    into.append_child(&style)?;
    Ok(())
}

/// The element standing for an op on a text node: its parent, when the text is the parent's
/// only content (other children blank text or comments); else none (as `applier.js`).
fn text_stand_in(text: &DomNode) -> Option<Element> {
    let parent = text.parent_element()?;
    let mut child = parent.first_child();
    while let Some(c) = child {
        child = c.next_sibling();
        if c.is_same_node(Some(text)) || c.node_type() == COMMENT_NODE {
            continue;
        }
        if c.node_type() == TEXT_NODE {
            let mut folded = String::new();
            fold_space(&c.node_value().unwrap_or_default(), &mut folded);
            if folded.trim().is_empty() {
                continue;
            }
        }
        return None;
    }
    Some(parent)
}

/// How `apply` went.
#[derive(Default)]
struct Applied {
    marked: usize,
    /// Ops on text nodes with siblings: nothing to put the mark on.
    skipped_text: usize,
    /// Ops inside an element already marked (focus mode hides a block that holds clutter
    /// hidden by rule; the plan lists both).
    nested: usize,
}

/// Marks the plan's hidden nodes.
fn apply(plan: &Plan, targets: &[DomNode]) -> Applied {
    let mut done = Applied::default();
    let body = targets.first();
    for op in &plan.ops {
        if op.node == 0 {
            continue;
        }
        let Some(node) = targets.get(op.node as usize) else { continue };
        let el: Element = if node.node_type() == TEXT_NODE {
            match text_stand_in(node) {
                Some(el) => el,
                None => {
                    done.skipped_text += 1;
                    continue;
                }
            }
        } else {
            node.clone().unchecked_into()
        };
        if body.is_some_and(|b| el.is_same_node(Some(b))) || el.parent_element().is_none() {
            continue; // <body> or <html>: never hidden whole
        }
        if matches!(el.closest(&format!("[{HIDDEN}]")), Ok(Some(_))) {
            done.nested += 1; // already hidden, itself or by an ancestor
            continue;
        }
        if el.set_attribute(HIDDEN, op.reason.as_str()).is_ok() {
            let _ = el.set_attribute(RULE, &op.rule);
            done.marked += 1;
        }
    }
    done
}

// ---------------------------------------------------------------------------------------------
// demoClean, demoReset, demoSnapshot

/// Hidden elements of one reason.
#[derive(Serialize)]
struct Count {
    reason: Reason,
    count: usize,
}

/// Milliseconds (`performance.now()` differences).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Timings {
    snapshot_ms: f64,
    analyse_ms: f64,
    apply_ms: f64,
}

#[derive(Serialize)]
struct SnapshotSize {
    nodes: usize,
    /// Of the snapshot as JSON: what a front end would send to the core.
    bytes: usize,
}

/// What `demoClean` returns (as a plain JS object).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CleanReport<'a> {
    view: &'static str,
    /// Per reason, in `Reason::ALL` order, only reasons with hidden elements.
    counts: Vec<Count>,
    /// Ops in the plan.
    hidden: usize,
    /// Elements marked (ops on text nodes stand for their parent, or are skipped).
    marked: usize,
    skipped_text_ops: usize,
    /// Ops inside an element already marked.
    nested_ops: usize,
    timings: Timings,
    snapshot: SnapshotSize,
    plan: &'a Plan,
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    Ok(value.serialize(&serde_wasm_bindgen::Serializer::json_compatible())?)
}

/// Cleans the demo frame's document in place for `view` (`original`, `clean`, `focus` or
/// `show-hidden`): removes earlier marks and annotations, takes a snapshot, analyses it, marks
/// the plan's hidden elements, and shows the view. Returns the counts, timings, snapshot size
/// and the plan.
#[wasm_bindgen(js_name = demoClean)]
pub fn demo_clean(doc: &Document, view: &str) -> Result<JsValue, JsError> {
    install_panic_hook();
    let view = View::parse(view)?;
    clear_hidden(doc);
    clear_annotations(doc);

    let t0 = performance_now();
    let taken = take(doc);
    let t1 = performance_now();
    let plan = analyse(&taken.snap, &Config::new().with_mode(view.mode()))?;
    let t2 = performance_now();
    let applied = apply(&plan, &taken.targets);
    ensure_style(doc).map_err(|_| JsError::new("lede: cannot add the demo stylesheet"))?;
    if let Some(root) = doc.document_element() {
        let _ = root.set_attribute(MODE, view.as_str());
    }
    let t3 = performance_now();

    let bytes = serde_json::to_string(&taken.snap).map(|s| s.len()).unwrap_or(0);
    to_js(&CleanReport {
        view: view.as_str(),
        counts: plan.counts().into_iter().map(|(reason, count)| Count { reason, count }).collect(),
        hidden: plan.ops.len(),
        marked: applied.marked,
        skipped_text_ops: applied.skipped_text,
        nested_ops: applied.nested,
        timings: Timings { snapshot_ms: t1 - t0, analyse_ms: t2 - t1, apply_ms: t3 - t2 },
        snapshot: SnapshotSize { nodes: taken.snap.nodes.len(), bytes },
        plan: &plan,
    })
}

/// Removes every trace of the demo from the document: marks, annotations, the stylesheet, the
/// view and fold switches. The DOM then serialises exactly as before `demoClean`.
#[wasm_bindgen(js_name = demoReset)]
pub fn demo_reset(doc: &Document) {
    clear_hidden(doc);
    clear_annotations(doc);
    for el in select(doc, &format!("style[{STYLE}]")) {
        el.remove();
    }
    if let Some(root) = doc.document_element() {
        let _ = root.remove_attribute(MODE);
        let _ = root.remove_attribute(FOLD);
    }
}

/// The snapshot of the document as JSON (what `lede`'s html front end gives for the same HTML).
#[wasm_bindgen(js_name = demoSnapshot)]
pub fn demo_snapshot(doc: &Document) -> Result<String, JsError> {
    install_panic_hook();
    clear_annotations(doc);
    Ok(serde_json::to_string(&take(doc).snap)?)
}

// ---------------------------------------------------------------------------------------------
// Repeated reports

/// The repeated-reports demo: a reading history that lives in this object (in the page's
/// memory) and nowhere else. Articles are fingerprinted as the extension does: the focus plan's
/// visible body paragraphs and its title.
#[wasm_bindgen]
pub struct DemoHistory {
    history: History,
}

/// What `DemoHistory.read` returns.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReadReport {
    /// The headline the page was fingerprinted with.
    title: String,
    /// Article paragraphs fingerprinted.
    paragraphs: usize,
    /// Paragraphs marked as read before.
    marked: usize,
    /// A banner was added at the top of the article.
    banner: bool,
    /// The page's id in the history, when recorded.
    recorded: Option<u32>,
    /// Articles in the history now.
    reads: usize,
    lookup: Lookup,
}

#[wasm_bindgen]
impl DemoHistory {
    #[wasm_bindgen(constructor)]
    #[allow(clippy::new_without_default)]
    pub fn new() -> DemoHistory {
        install_panic_hook();
        DemoHistory { history: History::new(HistoryConfig::default()) }
    }

    /// Forgets every article read.
    pub fn clear(&mut self) {
        self.history.clear();
    }

    /// Articles remembered.
    pub fn count(&self) -> usize {
        self.history.len()
    }

    /// Looks the page in `doc` up in the history and annotates it (a banner at the top of the
    /// article, a mark on each paragraph read before); with `record`, then remembers it as read
    /// at `now_ms`. An earlier read of the same `url` never counts as a repeat.
    pub fn read(&mut self, doc: &Document, url: &str, site: &str, now_ms: f64, record: bool) -> Result<JsValue, JsError> {
        clear_annotations(doc);
        let taken = take(doc);
        let plan = analyse(&taken.snap, &Config::new().with_mode(Mode::Focus))?;
        let paragraphs = article_paragraphs(&taken.snap, &plan);
        let texts: Vec<String> = paragraphs.iter().map(|p| p.text.clone()).collect();
        let page = ReadRecord {
            url: url.to_string(),
            site: site.to_string(),
            title: plan.title.clone(),
            read_at_ms: now_ms,
            fingerprint: fingerprint::article(&plan.title, &texts),
        };
        let lookup = self.history.lookup(&page);
        let marked = mark_read(&lookup, &paragraphs, &taken.targets);
        let banner = add_banner(doc, &lookup, &plan, &taken.targets, now_ms).unwrap_or(false);
        // The marks are styled by the frame stylesheet: make sure it is there.
        let _ = ensure_style(doc);
        let recorded = if record { Some(self.history.add(page)) } else { None };
        to_js(&ReadReport {
            title: plan.title.clone(),
            paragraphs: texts.len(),
            marked,
            banner,
            recorded,
            reads: self.history.len(),
            lookup,
        })
    }
}

fn kind_str(kind: MatchKind) -> &'static str {
    match kind {
        MatchKind::Exact => "exact",
        MatchKind::Near => "near",
        MatchKind::Quote => "quote",
        MatchKind::Fact => "fact",
    }
}

fn earlier_reports(lookup: &Lookup) -> impl Iterator<Item = &EarlierReport> {
    lookup.same_story.iter().chain(&lookup.same_thread).chain(&lookup.elsewhere)
}

/// Marks each paragraph read before with how and where. Returns the number marked.
fn mark_read(lookup: &Lookup, paragraphs: &[Paragraph], targets: &[DomNode]) -> usize {
    let mut marked = 0;
    for m in &lookup.paragraphs {
        let Some(p) = paragraphs.get(m.index as usize) else { continue };
        let Some(node) = targets.get(p.node as usize) else { continue };
        if node.node_type() != ELEMENT_NODE {
            continue;
        }
        let el: &Element = node.unchecked_ref();
        let mut sites: Vec<&str> = Vec::new();
        for id in &m.reports {
            if let Some(r) = earlier_reports(lookup).find(|r| r.id == *id) {
                if !sites.contains(&r.site.as_str()) {
                    sites.push(&r.site);
                }
            }
        }
        let how = match m.kind {
            MatchKind::Exact => "Read before",
            MatchKind::Near => "Nearly the same, read before",
            MatchKind::Quote => "Quote read before",
            MatchKind::Fact => "Fact read before",
        };
        let mut label = how.to_string();
        if !sites.is_empty() {
            label.push_str(" in ");
            label.push_str(&sites[..sites.len().min(MAX_LABEL_SITES)].join(", "));
            if sites.len() > MAX_LABEL_SITES {
                label.push_str(&format!(" and {} more", sites.len() - MAX_LABEL_SITES));
            }
        }
        let _ = el.set_attribute(READ, kind_str(m.kind));
        let _ = el.set_attribute(READ_IN, &label);
        if m.is_read {
            let _ = el.set_attribute(READ_WHOLE, "");
        }
        marked += 1;
    }
    marked
}

/// "3 min ago", from two `Date.now()` values.
fn ago(now_ms: f64, then_ms: f64) -> String {
    let s = ((now_ms - then_ms) / 1000.0).max(0.0);
    if s < 60.0 {
        "just now".into()
    } else if s < 3600.0 {
        format!("{} min ago", (s / 60.0) as u64)
    } else if s < 86_400.0 {
        format!("{} h ago", (s / 3600.0) as u64)
    } else {
        format!("{} days ago", (s / 86_400.0) as u64)
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Adds the summary box at the top of the article: same story, same thread, and how many
/// paragraphs are new. Nothing when the page repeats nothing.
fn add_banner(doc: &Document, lookup: &Lookup, plan: &Plan, targets: &[DomNode], now_ms: f64) -> Result<bool, JsValue> {
    if lookup.same_story.is_empty() && lookup.same_thread.is_empty() && lookup.elsewhere.is_empty() && lookup.paragraphs.is_empty()
    {
        return Ok(false);
    }
    let banner = doc.create_element("div")?;
    let kind = if lookup.is_repeat() {
        "repeat"
    } else if !lookup.same_thread.is_empty() {
        "thread"
    } else {
        "partial"
    };
    banner.set_attribute(BANNER, kind)?;
    let line = |kind: &str, text: &str| -> Result<(), JsValue> {
        let el = doc.create_element("div")?;
        el.set_attribute(LINE, kind)?;
        el.set_text_content(Some(text));
        banner.append_child(&el)?;
        Ok(())
    };
    let items = |reports: &[EarlierReport]| -> Result<(), JsValue> {
        for r in reports {
            let title = if r.title.is_empty() { "(untitled)" } else { r.title.as_str() };
            line("item", &format!("{} \u{2014} \u{201c}{}\u{201d} \u{00b7} read {}", r.site, title, ago(now_ms, r.read_at_ms)))?;
        }
        Ok(())
    };
    if lookup.is_repeat() {
        let n = lookup.same_story.len();
        line("head", &format!("Repeated report \u{2014} you read this story in {}", plural(n, "earlier report", "earlier reports")))?;
        items(&lookup.same_story)?;
    }
    if !lookup.same_thread.is_empty() {
        line("head", "Earlier coverage of this thread (other events)")?;
        items(&lookup.same_thread)?;
    }
    if !lookup.elsewhere.is_empty() {
        line("head", "Also carried a paragraph or quote of this page")?;
        items(&lookup.elsewhere)?;
    }
    let verb = if lookup.total_paragraphs == 1 { "is" } else { "are" };
    let mut new = format!(
        "{} of {} {verb} new here",
        lookup.new_paragraphs,
        plural(lookup.total_paragraphs as usize, "paragraph", "paragraphs")
    );
    let partly = lookup.paragraphs.iter().filter(|m| !m.is_read).count();
    if partly > 0 {
        new.push_str(&format!(" ({} of them {} a quote or fact read before)", partly, if partly == 1 { "repeats" } else { "repeat" }));
    }
    line("new", &new)?;

    let (parent, before) = banner_place(plan, targets).ok_or(JsValue::NULL)?;
    parent.insert_before(&banner, before.as_ref())?;
    Ok(true)
}

/// Where the banner goes: right before the headline when the article holds it (the article
/// element itself is often the page's grid or flex row, where a first child would become a
/// column), else at the top of the article, else at the top of the body.
fn banner_place(plan: &Plan, targets: &[DomNode]) -> Option<(DomNode, Option<DomNode>)> {
    let element = |id: Option<NodeId>| id.and_then(|i| targets.get(i as usize)).filter(|n| n.node_type() == ELEMENT_NODE);
    let root = element(plan.article);
    if let Some(title) = element(plan.title_node) {
        let inside = root.is_none_or(|r| r.contains(Some(title)));
        if let (true, Some(parent)) = (inside, title.parent_node()) {
            return Some((parent, Some(title.clone())));
        }
    }
    let host = root.or(targets.first())?;
    Some((host.clone(), host.first_child()))
}
