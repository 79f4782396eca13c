//! The wasm edge: the only file that names `JsValue`.
//!
//! One call per analysis crosses the boundary: a [`Snapshot`] in, a [`Plan`] out, both plain
//! data that also survives `postMessage` to and from the extension's background. Two shapes of
//! the same call are exported:
//!
//! - `analyseJson(snapshotJson, configJson)`: JSON strings both ways. The extension uses this
//!   one: `JSON.stringify` plus `serde_json` is several times faster than walking a big object
//!   through serde-wasm-bindgen, which calls back into JS for every field (measured by
//!   `tests/e2e/bench.mjs`, see the README).
//! - `analyse(snapshot, config)`: JS objects both ways, via serde-wasm-bindgen with
//!   `Serializer::json_compatible()` (plain objects, no `Map`).
//!
//! Errors become JS exceptions (`Result<_, JsError>`). A panic is reported once on the console;
//! with `panic = "abort"` it then traps, and the caller treats this instance as dead.

use std::sync::Once;

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::{Config, Snapshot, SCHEMA_VERSION};

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

/// Analyses a snapshot given as a JS object; returns the plan as a plain JS object.
#[wasm_bindgen]
pub fn analyse(snapshot: JsValue, config: JsValue) -> Result<JsValue, JsError> {
    install_panic_hook();
    let snap: Snapshot = serde_wasm_bindgen::from_value(snapshot)?;
    let config: Config =
        if config.is_undefined() || config.is_null() { Config::default() } else { serde_wasm_bindgen::from_value(config)? };
    let plan = crate::analyse(&snap, &config)?;
    Ok(plan.serialize(&serde_wasm_bindgen::Serializer::json_compatible())?)
}

/// Analyses a snapshot given as JSON; returns the plan as JSON. Config JSON: `{"mode":"clean"}`
/// or `{"mode":"focus"}`; an empty string means the defaults.
#[wasm_bindgen(js_name = analyseJson)]
pub fn analyse_json(snapshot_json: &str, config_json: &str) -> Result<String, JsError> {
    install_panic_hook();
    let snap = Snapshot::from_json(snapshot_json)?;
    let config: Config = if config_json.trim().is_empty() { Config::default() } else { serde_json::from_str(config_json)? };
    let plan = crate::analyse(&snap, &config)?;
    Ok(serde_json::to_string(&plan)?)
}
