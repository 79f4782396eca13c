//! The fixture table (`tests/fixtures/*/`, see its README): each page with its expectations.
//!
//! One test per fixture directory. A test checks everything about its page and reports every
//! failure at once (fixture, string, expected and actual reason, rule id, node path), then fails:
//! the report is what heuristics are tuned against.
//!
//! Checks, per fixture:
//! - `keep`: visible (`lede::visible_text`) in clean mode and in focus mode;
//! - `title`: visible in focus mode;
//! - `hide`: in clean mode, a text node holding the string is hidden by an op whose reason
//!   (`Reason::as_str`) is the expected one. When the string is in several places ("Home" in
//!   the menu and in the breadcrumbs) one of them must be; a string split over several text
//!   nodes is looked for in the smallest elements holding it;
//! - `once`: occurs exactly once in the clean-mode visible text;
//! - `article_starts` (optional): the focus-mode `article_text` starts with it;
//! - round trip: Snapshot → JSON → `Snapshot::from_json` → `analyse` gives the same plan, and the
//!   plan survives its own JSON round trip, in both modes.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use lede::{analyse, article_text, html, visible_text, Config, Mode, NodeId, Op, Plan, Reason, Snapshot};

macro_rules! fixtures {
    ($($name:ident => $dir:literal),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                run_fixture($dir);
            }
        )*
        /// Fixture directories that have a test above.
        const LISTED: &[&str] = &[$($dir),*];
    };
}

// A new fixture directory needs a line here (`every_fixture_dir_has_a_test` says so).
fixtures! {
    seed_000 => "seed-000",
    seed_001 => "seed-001",
    seed_002 => "seed-002",
    seed_003 => "seed-003",
    seed_004 => "seed-004",
}

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

#[test]
fn every_fixture_dir_has_a_test() {
    let mut missing = Vec::new();
    let mut dirs = 0;
    for entry in std::fs::read_dir(fixtures_dir()).expect("tests/fixtures is readable") {
        let path = entry.expect("directory entry").path();
        if !(path.join("page.html").is_file() && path.join("expect.toml").is_file()) {
            continue;
        }
        dirs += 1;
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !LISTED.contains(&name.as_str()) {
            missing.push(name);
        }
    }
    assert!(dirs > 0, "no fixtures found in {}", fixtures_dir().display());
    assert!(
        missing.is_empty(),
        "fixture directories without a test: {missing:?}; add them to the fixtures! list in tests/fixtures.rs"
    );
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    title: String,
    #[serde(default)]
    keep: Vec<String>,
    #[serde(default)]
    hide: Vec<Hide>,
    #[serde(default)]
    once: Vec<String>,
    #[serde(default)]
    article_starts: Option<String>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Hide {
    text: String,
    reason: String,
}

/// The plan reason an expectation names. Fixtures use the kebab-case reason names; the style
/// guide's snake_case rule-style names are mapped too.
fn reason_named(name: &str) -> Option<Reason> {
    let kebab = match name {
        "link_farm" => "link-list",
        "player_remnant" => "media-remnant",
        "repeated" => "duplicate",
        other => return Reason::ALL.iter().copied().find(|r| r.as_str() == other.replace('_', "-")),
    };
    Reason::ALL.iter().copied().find(|r| r.as_str() == kebab)
}

/// White space folded to single spaces, trimmed: how strings are compared.
fn fold(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn count(haystack: &str, needle: &str) -> usize {
    if needle.is_empty() {
        return 0;
    }
    haystack.match_indices(needle).count()
}

/// One analysed mode of a page, with the lookups the checks need.
struct Run<'a> {
    snap: &'a Snapshot<'a>,
    plan: Plan,
    /// Folded `visible_text`.
    visible: String,
    /// The op hiding each node's subtree root, by node.
    op_at: HashMap<NodeId, usize>,
}

impl<'a> Run<'a> {
    fn new(snap: &'a Snapshot, plan: Plan) -> Self {
        let visible = fold(&visible_text(snap, &plan));
        let op_at = plan.ops.iter().enumerate().map(|(i, op)| (op.node, i)).collect();
        Run { snap, plan, visible, op_at }
    }

    /// The op that hides `n` (on `n` or an ancestor).
    fn hiding_op(&self, n: NodeId) -> Option<&Op> {
        let mut cur = Some(n);
        while let Some(c) = cur {
            if let Some(&i) = self.op_at.get(&c) {
                return Some(&self.plan.ops[i]);
            }
            cur = self.snap.nodes.get(c as usize).and_then(|node| node.parent);
        }
        None
    }

    /// How a node fares: "visible", "hidden as REASON by rule RULE (at PATH)", "page-hidden".
    fn status(&self, n: NodeId) -> String {
        if let Some(op) = self.hiding_op(n) {
            let at = if op.node == n { String::new() } else { format!(" at {}", node_path(self.snap, op.node)) };
            return format!("hidden as {} by rule {}{at}", op.reason.as_str(), op.rule);
        }
        if page_hidden(self.snap, n) {
            return "hidden by the page itself (no op)".into();
        }
        "visible".into()
    }
}

fn page_hidden(snap: &Snapshot, n: NodeId) -> bool {
    let mut cur = Some(n);
    while let Some(c) = cur {
        let Some(node) = snap.nodes.get(c as usize) else { return false };
        if node.hidden {
            return true;
        }
        cur = node.parent;
    }
    false
}

/// A CSS-like path to a node: `body > main > div.share-bar:nth-child(3)`.
fn node_path(snap: &Snapshot, n: NodeId) -> String {
    let mut parts = Vec::new();
    let mut cur = Some(n);
    while let Some(c) = cur {
        let node = &snap.nodes[c as usize];
        let mut part = if node.is_text() { "#text".to_string() } else { node.tag.to_string() };
        if !node.id.is_empty() {
            let _ = write!(part, "#{}", node.id);
        } else if let Some(cls) = node.class.split_whitespace().next() {
            let _ = write!(part, ".{cls}");
        }
        if let Some(p) = node.parent {
            if !node.is_text() {
                let siblings: Vec<usize> = (p as usize + 1..snap.nodes.len())
                    .filter(|&i| snap.nodes[i].parent == Some(p) && !snap.nodes[i].is_text())
                    .collect();
                if siblings.len() > 1 {
                    let k = siblings.iter().position(|&i| i == c as usize).unwrap_or(0) + 1;
                    let _ = write!(part, ":nth-child({k})");
                }
            }
        }
        parts.push(part);
        cur = node.parent;
    }
    parts.reverse();
    // The last few steps say where; the whole path from body is too long to read.
    const SHOWN: usize = 5;
    if parts.len() > SHOWN {
        format!("… > {}", parts[parts.len() - SHOWN..].join(" > "))
    } else {
        parts.join(" > ")
    }
}

/// The nodes whose text holds `needle`: text nodes holding it whole, or else the smallest
/// elements whose (folded) text holds it, for a string that runs over several text nodes.
fn nodes_holding(snap: &Snapshot, needle: &str) -> Vec<NodeId> {
    let needle = fold(needle);
    let texts: Vec<NodeId> = (0..snap.nodes.len())
        .filter(|&i| snap.nodes[i].is_text() && fold(&snap.nodes[i].text).contains(&needle))
        .map(|i| i as NodeId)
        .collect();
    if !texts.is_empty() {
        return texts;
    }
    // Subtree texts, joined without and with a space between text nodes.
    let n = snap.nodes.len();
    let mut tight = vec![String::new(); n];
    let mut spaced = vec![String::new(); n];
    for i in 0..n {
        if !snap.nodes[i].is_text() {
            continue;
        }
        let mut cur = snap.nodes[i].parent;
        while let Some(p) = cur {
            tight[p as usize].push_str(&snap.nodes[i].text);
            spaced[p as usize].push(' ');
            spaced[p as usize].push_str(&snap.nodes[i].text);
            cur = snap.nodes[p as usize].parent;
        }
    }
    let holds: Vec<bool> =
        (0..n).map(|i| fold(&tight[i]).contains(&needle) || fold(&spaced[i]).contains(&needle)).collect();
    let mut child_holds = vec![false; n];
    for i in 0..n {
        if holds[i] {
            if let Some(p) = snap.nodes[i].parent {
                child_holds[p as usize] = true;
            }
        }
    }
    (0..n).filter(|&i| holds[i] && !child_holds[i]).map(|i| i as NodeId).collect()
}

fn snippet(s: &str) -> String {
    let s = fold(s);
    if s.chars().count() > 70 {
        format!("{}…", s.chars().take(70).collect::<String>())
    } else {
        s
    }
}

/// Where the string is in the page and how each place fares, for a failure message.
fn whereabouts(run: &Run, needle: &str) -> String {
    let nodes = nodes_holding(run.snap, needle);
    if nodes.is_empty() {
        return "\n      not in the page's text at all (check the fixture)".into();
    }
    let mut out = String::new();
    for n in nodes {
        let _ = write!(out, "\n      {} → {}", node_path(run.snap, n), run.status(n));
    }
    out
}

fn mode_name(m: Mode) -> &'static str {
    match m {
        Mode::Clean => "clean",
        Mode::Focus => "focus",
    }
}

/// Runs every check of one fixture; panics with the list of all failures.
fn run_fixture(name: &str) {
    let dir = fixtures_dir().join(name);
    let html_bytes = std::fs::read(dir.join("page.html")).unwrap_or_else(|e| panic!("{name}: page.html: {e}"));
    let toml_text =
        std::fs::read_to_string(dir.join("expect.toml")).unwrap_or_else(|e| panic!("{name}: expect.toml: {e}"));
    let expect: Expect = toml::from_str(&toml_text).unwrap_or_else(|e| panic!("{name}: expect.toml: {e}"));
    let snap = html::parse(&html_bytes).unwrap_or_else(|e| panic!("{name}: html::parse failed: {e}"));

    let mut failures: Vec<String> = Vec::new();
    let mut checks = 0usize;
    let mut runs = Vec::new();
    for mode in [Mode::Clean, Mode::Focus] {
        match analyse(&snap, &Config::new().with_mode(mode)) {
            Ok(plan) => runs.push((mode, Run::new(&snap, plan))),
            Err(e) => failures.push(format!("[{} mode] analyse failed: {e}", mode_name(mode))),
        }
    }
    let run_of = |m: Mode| runs.iter().find(|(mode, _)| *mode == m).map(|(_, r)| r);

    // keep: visible in both modes.
    for (mode, run) in &runs {
        for k in &expect.keep {
            checks += 1;
            if !run.visible.contains(&fold(k)) {
                failures.push(format!(
                    "[{} mode] keep {:?} is not visible; in the page:{}",
                    mode_name(*mode),
                    snippet(k),
                    whereabouts(run, k)
                ));
            }
        }
    }

    // title: visible in focus mode.
    if let Some(run) = run_of(Mode::Focus) {
        checks += 1;
        if !run.visible.contains(&fold(&expect.title)) {
            failures.push(format!(
                "[focus mode] title {:?} is not visible (plan.title is {:?}, title_node {:?}); in the page:{}",
                expect.title,
                run.plan.title,
                run.plan.title_node.map(|t| node_path(&snap, t)),
                whereabouts(run, &expect.title)
            ));
        }
    }

    // article_starts: the focus-mode article text starts with it.
    if let (Some(start), Some(run)) = (&expect.article_starts, run_of(Mode::Focus)) {
        checks += 1;
        let body = fold(&article_text(&snap, &run.plan));
        if !body.starts_with(&fold(start)) {
            failures.push(format!(
                "[focus mode] article should start with {:?} but starts with {:?} (article root {:?})",
                snippet(start),
                snippet(&body),
                run.plan.article.map(|a| node_path(&snap, a))
            ));
        }
    }

    // hide: hidden with the expected reason, in clean mode.
    if let Some(run) = run_of(Mode::Clean) {
        for h in &expect.hide {
            checks += 1;
            let Some(want) = reason_named(&h.reason) else {
                failures.push(format!("[clean mode] hide {:?}: unknown reason {:?} in expect.toml", h.text, h.reason));
                continue;
            };
            let nodes = nodes_holding(&snap, &h.text);
            if nodes.is_empty() {
                failures.push(format!(
                    "[clean mode] hide {:?} (expected {}): not in the page's text at all (check the fixture)",
                    h.text,
                    want.as_str()
                ));
                continue;
            }
            let ok = nodes.iter().any(|&n| run.hiding_op(n).is_some_and(|op| op.reason == want));
            if !ok {
                let actual: Vec<String> = nodes
                    .iter()
                    .map(|&n| match run.hiding_op(n) {
                        Some(op) => format!("{} (rule {})", op.reason.as_str(), op.rule),
                        None if page_hidden(&snap, n) => "page-hidden, no op".into(),
                        None => "visible".into(),
                    })
                    .collect();
                failures.push(format!(
                    "[clean mode] hide {:?}: expected reason {}, actual {}; in the page:{}",
                    snippet(&h.text),
                    want.as_str(),
                    actual.join(" / "),
                    whereabouts(run, &h.text)
                ));
            }
        }
    }

    // once: exactly one occurrence in the clean-mode visible text.
    if let Some(run) = run_of(Mode::Clean) {
        for o in &expect.once {
            checks += 1;
            let c = count(&run.visible, &fold(o));
            if c != 1 {
                failures.push(format!(
                    "[clean mode] once {:?} is visible {c} times (want 1); in the page:{}",
                    snippet(o),
                    whereabouts(run, o)
                ));
            }
        }
    }

    // Round trips: Snapshot JSON and Plan JSON.
    for (mode, run) in &runs {
        checks += 1;
        if let Err(e) = round_trip(&snap, &run.plan, *mode) {
            failures.push(format!("[{} mode] JSON round trip: {e}", mode_name(*mode)));
        }
    }

    let mut summary = format!("fixture {name}: {} of {checks} checks failed", failures.len());
    for (mode, run) in &runs {
        let mut counts = String::new();
        for (r, c) in run.plan.counts() {
            let _ = write!(counts, " {}={c}", r.as_str());
        }
        let _ = write!(
            summary,
            "\n  {} mode: outcome {:?}, article {:?}, title {:?}, ops:{counts}",
            mode_name(*mode),
            run.plan.outcome,
            run.plan.article.map(|a| node_path(&snap, a)),
            run.plan.title
        );
    }
    if !failures.is_empty() {
        let mut report = format!("{summary}\n");
        for f in &failures {
            let _ = writeln!(report, "- {name} {f}");
        }
        panic!("{report}");
    }
}

fn round_trip(snap: &Snapshot, plan: &Plan, mode: Mode) -> Result<(), String> {
    let json = serde_json::to_string(snap).map_err(|e| format!("serialising the snapshot: {e}"))?;
    let back = Snapshot::from_json(&json).map_err(|e| format!("Snapshot::from_json: {e}"))?;
    if &back != snap {
        let i = snap.nodes.iter().zip(&back.nodes).position(|(a, b)| a != b);
        return Err(format!("the snapshot changed (first differing node {i:?})"));
    }
    let again = analyse(&back, &Config::new().with_mode(mode)).map_err(|e| format!("analyse after round trip: {e}"))?;
    if &again != plan {
        let i = plan.ops.iter().zip(&again.ops).position(|(a, b)| a != b);
        let detail = match i {
            Some(i) => format!("first differing op #{i}: {:?} vs {:?}", plan.ops[i], again.ops[i]),
            None => format!(
                "{} ops vs {}; title {:?} vs {:?}; article {:?} vs {:?}",
                plan.ops.len(),
                again.ops.len(),
                plan.title,
                again.title,
                plan.article,
                again.article
            ),
        };
        return Err(format!("a different plan after the snapshot round trip: {detail}"));
    }
    let plan_json = serde_json::to_string(plan).map_err(|e| format!("serialising the plan: {e}"))?;
    let plan_back: Plan = serde_json::from_str(&plan_json).map_err(|e| format!("reading the plan back: {e}"))?;
    if &plan_back != plan {
        return Err("the plan changed in its own JSON round trip".into());
    }
    Ok(())
}

/// A plan's ops are in document order and none lies inside another (Plan's contract: the
/// extension and the demo count one op per hidden region).
#[test]
fn plan_ops_never_nest() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut pages = 0;
    for entry in std::fs::read_dir(&dir).expect("tests/fixtures") {
        let page = entry.expect("entry").path().join("page.html");
        if !page.exists() {
            continue;
        }
        pages += 1;
        let snap = lede::html::parse(&std::fs::read(&page).expect("page")).expect("parse");
        let f = lede::features::measure(&snap);
        for mode in [lede::Mode::Clean, lede::Mode::Focus] {
            let plan = lede::analyse(&snap, &lede::Config::new().with_mode(mode)).expect("analyse");
            for pair in plan.ops.windows(2) {
                assert!(
                    pair[1].node >= f.end[pair[0].node as usize],
                    "{} ({mode:?}): op on node {} lies inside op on node {}",
                    page.display(),
                    pair[1].node,
                    pair[0].node
                );
            }
        }
    }
    assert!(pages >= 5, "expected the seed fixtures, found {pages} pages");
}

#[test]
fn empty_ad_slots_are_hidden() {
    // seed-003 reserves 280 px for each ad slot; one of them is empty (no label, no text),
    // known only by the attribute Google's ad tag left on it. Left alone, it is a blank gap.
    let snap = html::parse(&std::fs::read(fixtures_dir().join("seed-003/page.html")).expect("read")).expect("parse");
    let slot = snap.nodes.iter().position(|n| n.id == "c-aa1").expect("the empty slot") as NodeId;
    for mode in [Mode::Clean, Mode::Focus] {
        let plan = analyse(&snap, &Config::new().with_mode(mode)).expect("analyse");
        let op = plan.ops.iter().find(|op| op.node == slot);
        assert_eq!(op.map(|op| op.reason), Some(Reason::Ad), "{mode:?}: the empty ad slot");
    }
}
