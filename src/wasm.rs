//! The wasm edge: the only file that names `JsValue`.
//!
//! One call per analysis crosses the boundary: a [`Snapshot`] in, a [`Plan`] out, both plain
//! data that also survives `postMessage` to and from the extension's background.
//!
//! The extension's content scripts use the packed snapshot (`crate::packed`: 32-bit words and
//! one string, built by `snapshotter.js` without an object per node):
//!
//! - `analysePacked(nums, strs, configJson)`: the plan as JSON;
//! - `takeRead()`: the article's fingerprint input (title, visible article paragraphs with their
//!   node ids, for the repeated reports) of the page the last `analysePacked` analysed, read in
//!   the same pass; once (undefined after);
//! - `readPacked(nums, strs, planJson)`: the same input for a snapshot and a plan given;
//! - `markupInput(capacity)` then `analyseMarkup(length, title, ogTitle, elements,
//!   noscriptMarkup, watchNames, configJson)`: the plan for a page given as its serialised
//!   `<body>` (`crate::markup`), which the content script reads first (one native call instead
//!   of a walk) and encodes straight into the core's memory; `takePlaces()`: its nodes' DOM
//!   elements; `takeWatched()`: the elements holding one of `watchNames`.
//!
//! With the cargo feature `full` (the background's wasm and the demo's; not the content
//! scripts', which stays small to start fast):
//!
//! - `analyseJson(snapshotJson, configJson)` / `readJson(snapshotJson, planJson)`: the same
//!   with a JSON snapshot;
//! - `analyse(snapshot, config)`: JS objects both ways, via serde-wasm-bindgen with
//!   `Serializer::json_compatible()` (plain objects, no `Map`);
//! - `LedeHistory`: the reading history the background holds: `new`, `fromBytes` / `toBytes`
//!   (the persisted form), `addJson`, `lookupJson`, `clear`, `expire`, `count`. Pages are
//!   fingerprinted here, from their title and paragraph texts.
//!
//! Errors become JS exceptions (`Result<_, JsError>`). A panic is reported once on the console;
//! with `panic = "abort"` it then traps, and the caller treats this instance as dead.

use std::cell::RefCell;
use std::sync::Once;

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::{Config, Plan, Snapshot, SCHEMA_VERSION};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = console, js_name = error)]
    fn console_error(message: &str);
}

static PANIC_HOOK: Once = Once::new();

/// Reports a panic on the console once, before the trap that follows it.
fn install_panic_hook() {
    PANIC_HOOK.call_once(|| {
        std::panic::set_hook(Box::new(|info| console_error(&format!("lede: wasm panic: {info}"))));
    });
}

/// The crate version and the snapshot schema it reads, as `"0.1.0 schema 1"`.
#[wasm_bindgen]
pub fn version() -> String {
    format!("{} schema {}", env!("CARGO_PKG_VERSION"), SCHEMA_VERSION)
}

/// The snapshot schema this core reads; front ends put it in `Snapshot.schema`.
#[wasm_bindgen]
pub fn schema() -> u32 {
    SCHEMA_VERSION
}

/// Config JSON: `{"mode":"clean"}` or `{"mode":"focus"}`; an empty string means the defaults.
fn config_of(config_json: &str) -> Result<Config, JsError> {
    Ok(if config_json.trim().is_empty() { Config::default() } else { serde_json::from_str(config_json)? })
}

thread_local! {
    /// The title and article paragraphs of the last `analysePacked`, until `takeRead`.
    static LAST_READ: RefCell<Option<(String, Vec<crate::Paragraph>)>> = const { RefCell::new(None) };
}

/// Analyses a packed snapshot (`crate::packed`); returns the plan as JSON, and keeps the
/// article's paragraphs for `takeRead`.
#[wasm_bindgen(js_name = analysePacked)]
pub fn analyse_packed(nums: &[u32], strs: &str, config_json: &str) -> Result<String, JsError> {
    install_panic_hook();
    LAST_READ.with(|r| r.borrow_mut().take());
    let snap = crate::packed::decode(nums, strs)?;
    let (plan, paragraphs) = crate::analyse_and_read(&snap, &config_of(config_json)?)?;
    let json = serde_json::to_string(&plan)?;
    LAST_READ.with(|r| *r.borrow_mut() = Some((plan.title, paragraphs)));
    Ok(json)
}

thread_local! {
    /// The element places (`crate::markup::Markup::places`) of the last `analyseMarkup`, and
    /// the elements its watch picked out (`Markup::watched`).
    static LAST_PLACES: RefCell<Vec<u32>> = const { RefCell::new(Vec::new()) };
    static LAST_WATCHED: RefCell<Vec<u32>> = const { RefCell::new(Vec::new()) };
    /// Where the front end writes the next `analyseMarkup`'s markup (`markupInput`).
    static MARKUP_INPUT: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// Makes room for `capacity` bytes of markup and returns where they go in this instance's
/// memory: the front end encodes the page's serialised `<body>` there with
/// `TextEncoder.encodeInto` (one native call, no copy in between; wasm-bindgen's own string
/// passing copies ASCII a character at a time in JS), then calls `analyseMarkup` with the
/// number of bytes written. The pointer holds until the next call into this instance.
#[wasm_bindgen(js_name = markupInput)]
pub fn markup_input(capacity: usize) -> *mut u8 {
    MARKUP_INPUT.with(|input| {
        let mut input = input.borrow_mut();
        input.clear();
        input.reserve_exact(capacity);
        input.as_mut_ptr()
    })
}

/// Analyses the page whose serialised `<body>` (`crate::markup`) the front end wrote at
/// `markupInput`, `length` bytes of UTF-8: the plan as JSON, as `analysePacked`; keeps the
/// paragraphs for `takeRead` and the nodes' element places for `takePlaces`. `elements`: the
/// DOM's count (`body.getElementsByTagName('*').length + 1`); when the markup holds another
/// number it did not round-trip, and this throws (the front end then walks the DOM).
/// `watch_names`: names (white-space separated) whose elements `takeWatched` lists
/// (`crate::markup::Watch`).
#[wasm_bindgen(js_name = analyseMarkup)]
pub fn analyse_markup(
    length: usize,
    title: &str,
    og_title: &str,
    elements: u32,
    noscript_markup: bool,
    watch_names: &str,
    config_json: &str,
) -> Result<String, JsError> {
    install_panic_hook();
    let input = MARKUP_INPUT.with(|input| {
        let mut input = input.borrow_mut();
        if length > input.capacity() {
            return Err(JsError::new(&format!("markup: {length} bytes, room for {}", input.capacity())));
        }
        // SAFETY: `markupInput` reserved this room and the front end wrote `length` bytes
        // there; every byte of wasm memory holds a value, and the bytes are checked as UTF-8
        // below before they are read as text.
        unsafe { input.set_len(length) };
        Ok(std::mem::take(&mut *input))
    })?;
    LAST_READ.with(|r| r.borrow_mut().take());
    LAST_PLACES.with(|p| p.borrow_mut().clear());
    LAST_WATCHED.with(|w| w.borrow_mut().clear());
    let html = std::str::from_utf8(&input)?;
    let watch = crate::markup::Watch::new(watch_names);
    let markup = crate::markup::read_watching(html, title, og_title, noscript_markup, &watch)?;
    if markup.elements != elements {
        return Err(JsError::new(&format!(
            "markup: {} elements read, {elements} in the DOM",
            markup.elements
        )));
    }
    let (plan, paragraphs) = crate::analyse_and_read(&markup.snapshot, &config_of(config_json)?)?;
    let json = serde_json::to_string(&plan)?;
    LAST_READ.with(|r| *r.borrow_mut() = Some((plan.title, paragraphs)));
    LAST_PLACES.with(|p| *p.borrow_mut() = markup.places);
    LAST_WATCHED.with(|w| *w.borrow_mut() = markup.watched);
    Ok(json)
}

/// The element numbers (as `takePlaces` numbers them) of the last `analyseMarkup`'s elements
/// whose tag, id or class holds one of its `watchNames`, in document order. Once: empty after.
#[wasm_bindgen(js_name = takeWatched)]
pub fn take_watched() -> Vec<u32> {
    LAST_WATCHED.with(|w| std::mem::take(&mut *w.borrow_mut()))
}

/// The element places of the last `analyseMarkup`'s nodes, by node id: an element's number
/// (`<body>` 0, then `body.getElementsByTagName('*')[n - 1]`), or for a text node its parent's
/// with bit 31 set, and bit 30 when the text is the parent's only content. Once: empty after.
#[wasm_bindgen(js_name = takePlaces)]
pub fn take_places() -> Vec<u32> {
    LAST_PLACES.with(|p| std::mem::take(&mut *p.borrow_mut()))
}

/// What `readPacked` gives for the page and plan of the last `analysePacked` (JSON), without
/// decoding and measuring the page again; once: undefined after, and after a failed analysis.
#[wasm_bindgen(js_name = takeRead)]
pub fn take_read() -> Result<Option<String>, JsError> {
    let Some((title, paragraphs)) = LAST_READ.with(|r| r.borrow_mut().take()) else { return Ok(None) };
    Ok(Some(serde_json::to_string(&ArticleRead { title: &title, paragraphs })?))
}

/// The fingerprint input of a page given packed (see `readJson`).
#[wasm_bindgen(js_name = readPacked)]
pub fn read_packed(nums: &[u32], strs: &str, plan_json: &str) -> Result<String, JsError> {
    install_panic_hook();
    read(&crate::packed::decode(nums, strs)?, plan_json)
}

fn read(snap: &Snapshot, plan_json: &str) -> Result<String, JsError> {
    let plan: Plan = serde_json::from_str(plan_json)?;
    let paragraphs = crate::article_paragraphs(snap, &plan);
    Ok(serde_json::to_string(&ArticleRead { title: &plan.title, paragraphs })?)
}

/// Analyses a snapshot given as a JS object; returns the plan as a plain JS object.
#[cfg(feature = "full")]
#[wasm_bindgen]
pub fn analyse(snapshot: JsValue, config: JsValue) -> Result<JsValue, JsError> {
    install_panic_hook();
    let snap: Snapshot = serde_wasm_bindgen::from_value(snapshot)?;
    let config: Config =
        if config.is_undefined() || config.is_null() { Config::default() } else { serde_wasm_bindgen::from_value(config)? };
    let plan = crate::analyse(&snap, &config)?;
    Ok(plan.serialize(&serde_wasm_bindgen::Serializer::json_compatible())?)
}

/// Analyses a snapshot given as JSON; returns the plan as JSON.
#[cfg(feature = "full")]
#[wasm_bindgen(js_name = analyseJson)]
pub fn analyse_json(snapshot_json: &str, config_json: &str) -> Result<String, JsError> {
    install_panic_hook();
    let snap = Snapshot::from_json(snapshot_json)?;
    let plan = crate::analyse(&snap, &config_of(config_json)?)?;
    Ok(serde_json::to_string(&plan)?)
}

// ---------------------------------------------------------------------------------------------
// Repeated reports: the article as read, and the reading history (the extension's background).

/// What `readJson` returns: the fingerprint input of a page, as the reader sees it.
#[derive(Serialize)]
struct ArticleRead<'a> {
    title: &'a str,
    /// The article's visible prose paragraphs, in order: `node` is the snapshot's node id (the
    /// content script's `targets[node]`), `text` what is fingerprinted.
    paragraphs: Vec<crate::Paragraph>,
}

/// The fingerprint input of a page: the plan's title and the article paragraphs that the plan
/// leaves visible (`article_paragraphs`), as JSON `{"title", "paragraphs": [{"node", "text"}]}`.
/// The content script sends the title and texts to the background (`LedeHistory`).
#[cfg(feature = "full")]
#[wasm_bindgen(js_name = readJson)]
pub fn read_json(snapshot_json: &str, plan_json: &str) -> Result<String, JsError> {
    install_panic_hook();
    read(&Snapshot::from_json(snapshot_json)?, plan_json)
}

/// A page as the background receives it: fingerprinted here from its title and paragraphs.
#[cfg(feature = "full")]
#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct PageIn {
    url: String,
    site: String,
    title: String,
    read_at_ms: f64,
    paragraphs: Vec<String>,
}


#[cfg(feature = "full")]
fn history_config(config_json: &str) -> Result<crate::history::HistoryConfig, JsError> {
    Ok(if config_json.trim().is_empty() { Default::default() } else { serde_json::from_str(config_json)? })
}

/// The reading history, held by the background (see `crate::history`). Pages cross as JSON
/// `{"url", "site", "title", "readAtMs", "paragraphs": [string]}`; the lookup comes back as JSON
/// (`history::Lookup`). Config JSON: `{"retention_days", "max_bytes", "boilerplate_min_articles"}`
/// (any subset; empty string: the defaults).
#[cfg(feature = "full")]
#[wasm_bindgen(js_name = LedeHistory)]
pub struct LedeHistory {
    inner: crate::history::History,
    /// The last page fingerprinted (title, paragraphs) and its fingerprint: the add that follows
    /// a lookup after the reader's dwell is of the same text, and fingerprinting it again cost
    /// as much as the lookup.
    last_print: RefCell<Option<(String, Vec<String>, crate::fingerprint::ArticleFingerprint)>>,
}

#[cfg(feature = "full")]
impl LedeHistory {
    fn of(inner: crate::history::History) -> Self {
        LedeHistory { inner, last_print: RefCell::new(None) }
    }

    /// A page given as JSON, fingerprinted (or its fingerprint of the last call, same text).
    fn record_of(&self, page_json: &str) -> Result<crate::history::ReadRecord, JsError> {
        let p: PageIn = serde_json::from_str(page_json)?;
        let mut last = self.last_print.borrow_mut();
        let fingerprint = match last.as_ref() {
            Some((title, paragraphs, print)) if *title == p.title && *paragraphs == p.paragraphs => print.clone(),
            _ => {
                let print = crate::fingerprint::article(&p.title, &p.paragraphs);
                *last = Some((p.title.clone(), p.paragraphs, print.clone()));
                print
            }
        };
        Ok(crate::history::ReadRecord { url: p.url, site: p.site, title: p.title, read_at_ms: p.read_at_ms, fingerprint })
    }
}

#[cfg(feature = "full")]
#[wasm_bindgen(js_class = LedeHistory)]
impl LedeHistory {
    /// An empty history.
    #[wasm_bindgen(constructor)]
    pub fn new(config_json: &str) -> Result<LedeHistory, JsError> {
        install_panic_hook();
        Ok(LedeHistory::of(crate::history::History::new(history_config(config_json)?)))
    }

    /// Loads `toBytes` output; bytes that are not a history (corrupted, another version) throw.
    #[wasm_bindgen(js_name = fromBytes)]
    pub fn from_bytes(bytes: Vec<u8>, config_json: &str) -> Result<LedeHistory, JsError> {
        install_panic_hook();
        let inner = crate::history::History::from_owned_bytes(bytes, history_config(config_json)?)
            .map_err(|e| JsError::new(&e.to_string()))?;
        Ok(LedeHistory::of(inner))
    }

    #[wasm_bindgen(js_name = toBytes)]
    pub fn to_bytes(&self) -> Vec<u8> {
        self.inner.to_bytes()
    }

    /// One article's record alone (`history::History::record_bytes`): what the background
    /// appends to its log after an add, instead of saving the whole history. Undefined for an
    /// id not in the history.
    #[wasm_bindgen(js_name = recordBytes)]
    pub fn record_bytes(&self, id: u32) -> Option<Vec<u8>> {
        self.inner.record_bytes(id)
    }

    /// Replays logged records (`recordBytes`, or any `toBytes`) as adds; returns how many.
    /// Bytes that are not a history throw and add nothing.
    #[wasm_bindgen(js_name = addBytes)]
    pub fn add_bytes(&mut self, bytes: &[u8]) -> Result<u32, JsError> {
        Ok(self.inner.add_bytes(bytes).map_err(|e| JsError::new(&e.to_string()))? as u32)
    }

    /// Records a page as read; returns its id.
    #[wasm_bindgen(js_name = addJson)]
    pub fn add_json(&mut self, page_json: &str) -> Result<u32, JsError> {
        Ok(self.inner.add(self.record_of(page_json)?))
    }

    /// What the page repeats of the history (JSON `Lookup`).
    #[wasm_bindgen(js_name = lookupJson)]
    pub fn lookup_json(&self, page_json: &str) -> Result<String, JsError> {
        Ok(serde_json::to_string(&self.inner.lookup(&self.record_of(page_json)?))?)
    }

    pub fn clear(&mut self) {
        self.inner.clear();
    }

    pub fn expire(&mut self, now_ms: f64) {
        self.inner.expire(now_ms);
    }

    /// Articles remembered.
    pub fn count(&self) -> u32 {
        self.inner.len() as u32
    }
}
