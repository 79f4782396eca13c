//! Garbage in: the core and the CLI must answer with an error or a plan, never panic, hang or
//! blow the stack. The big pages here want `cargo test --release` (scripts/test.sh).

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use lede::{analyse, html, visible_text, Config, Error, Limits, Mode, Node, Outcome, Snapshot, SCHEMA_VERSION};

fn both_modes(snap: &Snapshot) -> Vec<lede::Plan> {
    [Mode::Clean, Mode::Focus]
        .into_iter()
        .map(|m| analyse(snap, &Config::new().with_mode(m)).unwrap_or_else(|e| panic!("analyse ({m:?}): {e}")))
        .collect()
}

/// Parses and analyses in both modes; returns the clean-mode visible text.
fn survives(bytes: &[u8]) -> String {
    let snap = html::parse(bytes).unwrap_or_else(|e| panic!("html::parse: {e}"));
    let plans = both_modes(&snap);
    for p in &plans {
        let _ = lede::article_text(&snap, p);
        let _ = lede::article_paragraphs(&snap, p);
    }
    visible_text(&snap, &plans[0])
}

fn article_page(body: &str) -> String {
    format!(
        "<!doctype html><html><head><title>Test page</title></head><body>\
         <header><nav><a href=/>Home</a> <a href=/world>World</a></nav></header>\
         <main><article><h1>A headline for the test page</h1>{body}</article></main>\
         <footer><p>© 2025 Test Outlet. All rights reserved.</p></footer></body></html>"
    )
}

fn paragraph(i: usize) -> String {
    format!(
        "<p>Paragraph {i} of the story says what officials told reporters on Monday, and why it matters to the \
         readers who follow the talks, with a quote: “we hope it will not be long,” she said.</p>"
    )
}

// ---- html front end ----------------------------------------------------------------------

#[test]
fn binary_bytes_are_refused_with_a_clear_error() {
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    bytes.extend((0..2000u32).map(|i| (i * 7 % 256) as u8));
    let err = html::parse(&bytes).expect_err("binary data must not parse as a page");
    assert!(matches!(err, Error::NotHtml(_)), "want Error::NotHtml, got {err:?}");
    let msg = err.to_string();
    assert!(msg.starts_with("lede:") && msg.contains("binary"), "unclear message: {msg}");
    // A NUL byte early in otherwise textual HTML is binary too.
    assert!(matches!(html::parse(b"<p>hello\0world</p>"), Err(Error::NotHtml(_))));
}

#[test]
fn empty_input_gives_an_empty_plan() {
    for bytes in [&b""[..], b"   \n\t ", b"<!doctype html>", b"<html></html>", b"<body></body>", b"<<<>>>&&&;;"] {
        let snap = html::parse(bytes).unwrap_or_else(|e| panic!("{bytes:?}: {e}"));
        assert!(!snap.nodes.is_empty(), "{bytes:?}: a snapshot always has its body");
        for plan in both_modes(&snap) {
            assert_ne!(plan.outcome, Outcome::LimitExceeded, "{bytes:?}");
        }
    }
    let snap = html::parse(b"").unwrap();
    let plan = analyse(&snap, &Config::new()).unwrap();
    assert_eq!(plan.outcome, Outcome::NoArticle);
    assert!(plan.ops.is_empty());
    assert_eq!(visible_text(&snap, &plan), "");
}

#[test]
fn ten_thousand_nested_divs() {
    let depth = 10_000;
    let mut page = String::from("<!doctype html><html><body>");
    page.push_str(&"<div>".repeat(depth));
    page.push_str(&paragraph(1));
    page.push_str(&paragraph(2));
    page.push_str(&"</div>".repeat(depth));
    page.push_str("</body></html>");
    let text = survives(page.as_bytes());
    assert!(text.contains("Paragraph 1 of the story"), "the deep text is lost: {text:?}");
    // Other nestings that tree builders treat specially.
    for tag in ["span", "b", "li", "table", "blockquote"] {
        let page = format!("<{tag}>", tag = tag).repeat(depth) + "deep text";
        survives(page.as_bytes());
    }
}

#[test]
fn deep_page_through_the_cli_html_output() {
    // `--format html` serialises the DOM back: a deep tree must not overflow its stack.
    let depth = 10_000;
    let page = format!("<!doctype html><html><body>{}{}{}</body></html>", "<div>".repeat(depth), paragraph(1), "</div>".repeat(depth));
    let path = temp_file("deep.html", page.as_bytes());
    for format in ["text", "json", "html"] {
        let out = lede(&["clean", path.to_str().unwrap(), "--format", format]);
        assert!(out.status.success(), "lede clean --format {format} on a 10,000-deep page: {} {}", out.status, String::from_utf8_lossy(&out.stderr));
    }
}

#[test]
fn invalid_utf8_is_replaced() {
    let page = article_page("<p>caf\u{e9} then bad bytes: XX\u{1} and more words in this sentence of the article.</p>");
    let mut bytes = page.into_bytes();
    // Turn "XX" into two invalid bytes, and add a truncated multi-byte sequence at the end.
    let at = bytes.windows(2).position(|w| w == b"XX").unwrap();
    bytes[at] = 0xff;
    bytes[at + 1] = 0xfe;
    bytes.extend_from_slice(&[0xe2, 0x82]);
    let text = survives(&bytes);
    assert!(text.contains('\u{fffd}'), "invalid bytes should show as U+FFFD: {text:?}");
    // Latin-1 page, no declaration at all.
    let latin1: Vec<u8> = b"<p>Caf\xe9 cr\xe8me br\xfbl\xe9e \xa9 2025</p>".to_vec();
    survives(&latin1);
}

#[test]
fn odd_unicode() {
    let odd = [
        "\u{fffd}\u{fffd}\u{fffd} replacement characters in a row, then words to make it a sentence.",
        "\u{200f}\u{202e}right-to-left override\u{202c} and marks \u{200e}\u{061c} in Arabic: \u{0645}\u{0631}\u{062d}\u{0628}\u{0627}.",
        "Combining marks: e\u{301}\u{302}\u{303}\u{304}\u{305}\u{306}\u{307}\u{308} z\u{336}\u{337}\u{338}a\u{34f}l\u{489}g\u{20dd}o, and a long stack: a",
        "Emoji ZWJ: 👩‍👩‍👧‍👦 🏳️‍🌈 👨🏿‍🚀 🇺🇳 and keycaps 1️⃣ #️⃣, skin tones 👍🏽.",
        "Zero widths\u{200b}\u{200c}\u{200d}\u{2060}\u{feff} and spaces\u{a0}\u{2009}\u{3000}ideographic, 日本語の文章です。",
        "Private use \u{e000}\u{f8ff} and noncharacters \u{fdd0}\u{fffe}\u{ffff} \u{10ffff}.",
        "Control chars \u{1}\u{7}\u{1b}[31m escape codes \u{85} next line \u{2028} line sep \u{2029} para sep.",
    ];
    let mut body = String::new();
    for (i, s) in odd.iter().enumerate() {
        body.push_str(&format!("<p>{s}</p>"));
        body.push_str(&paragraph(i));
    }
    body.push_str(&format!("<p>{}</p>", "a\u{301}".repeat(5000)));
    let page = format!("\u{feff}{}", article_page(&body));
    let text = survives(page.as_bytes());
    assert!(text.contains("👩‍👩‍👧‍👦"), "emoji ZWJ sequence lost");
    assert!(text.contains("\u{202e}right-to-left override"), "RTL override lost");
    // The metric too.
    let s = lede::metric::score(&text, odd.concat().as_str());
    assert!(s.tp > 0);

    // The same strings straight into a snapshot (a front end could send them), plus a NUL.
    let mut snap = Snapshot::empty();
    snap.title = odd[3].into();
    for (i, s) in odd.iter().chain(["nul \0 inside"].iter()).enumerate() {
        snap.nodes.push(Node { parent: Some(0), tag: "p".into(), class: s.to_string().into(), ..Node::default() });
        let p = (snap.nodes.len() - 1) as u32;
        snap.nodes.push(Node { parent: Some(p), text: s.to_string().into(), ..Node::default() });
        snap.nodes.push(Node { parent: Some(p), text: format!(" {}", paragraph(i)).into(), ..Node::default() });
    }
    let json = serde_json::to_string(&snap).unwrap();
    let back = Snapshot::from_json(&json).expect("odd strings survive JSON");
    assert_eq!(back, snap);
    both_modes(&back);
}

#[test]
fn twenty_megabyte_page_in_linear_time() {
    fn page(bytes: usize) -> String {
        let mut body = String::with_capacity(bytes + 1000);
        let mut i = 0;
        while body.len() < bytes {
            if i % 10 == 0 {
                body.push_str(&format!("<h2>Section {i}</h2><div class=\"ad-slot\">Advertisement</div>"));
            }
            body.push_str(&paragraph(i));
            i += 1;
        }
        article_page(&body)
    }
    fn time(page: &str) -> (Duration, Outcome, usize) {
        let t = Instant::now();
        let snap = html::parse(page.as_bytes()).expect("parse");
        let plan = analyse(&snap, &Config::new().with_mode(Mode::Focus)).expect("analyse");
        (t.elapsed(), plan.outcome, snap.nodes.len())
    }
    let small = page(2 << 20);
    let big = page(20 << 20);
    let (t_small, _, _) = time(&small);
    let (t_small2, _, _) = time(&small);
    let t_small = t_small.min(t_small2);
    let (t_big, outcome, nodes) = time(&big);
    println!(
        "2 MB page: {:.0} ms; 20 MB page ({nodes} nodes, {outcome:?}): {:.0} ms; ratio {:.1} (linear: 10)",
        t_small.as_secs_f64() * 1e3,
        t_big.as_secs_f64() * 1e3,
        t_big.as_secs_f64() / t_small.as_secs_f64()
    );
    assert_eq!(outcome, Outcome::Article, "a 20 MB page is within the default limits");
    assert!(t_big < Duration::from_secs(30), "20 MB page took {t_big:?}");
    // Loose: 10× the input should cost about 10× the time; quadratic would be 100×.
    assert!(t_big.as_secs_f64() < 40.0 * t_small.as_secs_f64().max(0.01), "not linear: 2 MB {t_small:?}, 20 MB {t_big:?}");
}

#[test]
fn limits_give_limit_exceeded_not_an_error() {
    let snap = html::parse(article_page(&(0..50).map(paragraph).collect::<String>()).as_bytes()).unwrap();
    let tiny = Config { limits: Limits { max_nodes: 10, ..Limits::default() }, ..Config::default() };
    let plan = analyse(&snap, &tiny).expect("over a limit is not an error");
    assert_eq!(plan.outcome, Outcome::LimitExceeded);
    assert!(plan.ops.is_empty(), "nothing is hidden over a limit");
    let tiny = Config { limits: Limits { max_text_bytes: 100, ..Limits::default() }, ..Config::default() };
    assert_eq!(analyse(&snap, &tiny).unwrap().outcome, Outcome::LimitExceeded);
}

// ---- snapshot JSON from a front end ------------------------------------------------------

fn node_json(parent: Option<i64>, tag: &str) -> serde_json::Value {
    match parent {
        Some(p) => serde_json::json!({ "parent": p, "tag": tag }),
        None => serde_json::json!({ "tag": tag }),
    }
}

#[test]
fn bad_snapshot_json_is_an_error() {
    let ok = serde_json::json!({ "schema": SCHEMA_VERSION, "nodes": [ node_json(None, "body"), node_json(Some(0), "p"), {"parent": 1, "text": "hi"} ] });
    Snapshot::from_json(&ok.to_string()).expect("the well-formed snapshot reads");

    let cases: Vec<(&str, String)> = vec![
        ("not JSON", "{\"schema\": 1, \"nodes\": [".into()),
        ("empty string", String::new()),
        ("an array", "[1, 2, 3]".into()),
        ("null", "null".into()),
        ("no nodes field", format!("{{\"schema\": {SCHEMA_VERSION}}}")),
        ("no nodes", format!("{{\"schema\": {SCHEMA_VERSION}, \"nodes\": []}}")),
        ("wrong schema", serde_json::json!({ "schema": SCHEMA_VERSION + 1, "nodes": [node_json(None, "body")] }).to_string()),
        ("schema 0", serde_json::json!({ "schema": 0, "nodes": [node_json(None, "body")] }).to_string()),
        ("schema as string", serde_json::json!({ "schema": "1", "nodes": [node_json(None, "body")] }).to_string()),
        ("no schema", serde_json::json!({ "nodes": [node_json(None, "body")] }).to_string()),
        ("root with a parent", serde_json::json!({ "schema": 1, "nodes": [node_json(Some(0), "body")] }).to_string()),
        ("second root", serde_json::json!({ "schema": 1, "nodes": [node_json(None, "body"), node_json(None, "div")] }).to_string()),
        ("parent after child", serde_json::json!({ "schema": 1, "nodes": [node_json(None, "body"), node_json(Some(2), "div"), node_json(Some(0), "div")] }).to_string()),
        ("parent is itself", serde_json::json!({ "schema": 1, "nodes": [node_json(None, "body"), node_json(Some(1), "div")] }).to_string()),
        ("parent out of range", serde_json::json!({ "schema": 1, "nodes": [node_json(None, "body"), node_json(Some(4_000_000_000), "div")] }).to_string()),
        ("parent negative", serde_json::json!({ "schema": 1, "nodes": [node_json(None, "body"), node_json(Some(-1), "div")] }).to_string()),
        ("parent too big for u32", serde_json::json!({ "schema": 1, "nodes": [node_json(None, "body"), node_json(Some(1 << 40), "div")] }).to_string()),
        ("parent is a text node", serde_json::json!({ "schema": 1, "nodes": [node_json(None, "body"), {"parent": 0, "text": "hi"}, node_json(Some(1), "p")] }).to_string()),
        ("text as a number", serde_json::json!({ "schema": 1, "nodes": [node_json(None, "body"), {"parent": 0, "text": 5}] }).to_string()),
        ("hidden as a string", serde_json::json!({ "schema": 1, "nodes": [{"tag": "body", "hidden": "yes"}] }).to_string()),
        ("deeply nested JSON", format!("{{\"schema\": 1, \"nodes\": {}{}}}", "[".repeat(100_000), "]".repeat(100_000))),
    ];
    let mut failures = Vec::new();
    for (what, json) in &cases {
        match Snapshot::from_json(json) {
            Err(e) => {
                if !e.to_string().starts_with("lede:") {
                    failures.push(format!("{what}: message should start with \"lede:\": {e}"));
                }
            }
            Ok(_) => failures.push(format!("{what}: accepted")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(matches!(
        Snapshot::from_json(&serde_json::json!({ "schema": 99, "nodes": [node_json(None, "body")] }).to_string()),
        Err(Error::SchemaMismatch { got: 99, .. })
    ));
}

#[test]
fn bad_snapshots_built_in_code_are_an_error() {
    // analyse() validates too: a front end need not go through from_json.
    let body = Node { tag: "body".into(), ..Node::default() };
    let cases: Vec<(&str, Snapshot)> = vec![
        ("no nodes", Snapshot { schema: SCHEMA_VERSION, ..Snapshot::default() }),
        ("wrong schema", Snapshot { schema: 7, nodes: vec![body.clone()], ..Snapshot::default() }),
        (
            "parent after child",
            Snapshot {
                schema: SCHEMA_VERSION,
                nodes: vec![body.clone(), Node { parent: Some(5), tag: "p".into(), ..Node::default() }],
                ..Snapshot::default()
            },
        ),
        (
            "parent out of range",
            Snapshot {
                schema: SCHEMA_VERSION,
                nodes: vec![body.clone(), Node { parent: Some(u32::MAX), tag: "p".into(), ..Node::default() }],
                ..Snapshot::default()
            },
        ),
        (
            "orphan",
            Snapshot { schema: SCHEMA_VERSION, nodes: vec![body.clone(), Node { tag: "p".into(), ..Node::default() }], ..Snapshot::default() },
        ),
    ];
    for (what, snap) in cases {
        for mode in [Mode::Clean, Mode::Focus] {
            assert!(analyse(&snap, &Config::new().with_mode(mode)).is_err(), "{what} ({mode:?}): accepted");
        }
    }
}

#[test]
fn odd_but_valid_snapshots() {
    // Only a body; huge flat lists; a deep chain; elements with no text.
    let mut flat = Snapshot::empty();
    for i in 0..50_000u32 {
        flat.nodes.push(Node { parent: Some(0), tag: if i % 2 == 0 { "a".into() } else { "p".into() }, href: true, ..Node::default() });
    }
    let deep = chain(10_000);
    let mut text_body = Snapshot::empty();
    text_body.nodes[0].tag = "".into();
    for (what, snap) in [("empty", Snapshot::empty()), ("flat", flat), ("deep", deep)] {
        for plan in both_modes(&snap) {
            let _ = visible_text(&snap, &plan);
            let _ = lede::article_text(&snap, &plan);
            assert!(plan.ops.iter().all(|op| (op.node as usize) < snap.nodes.len()), "{what}: op on a missing node");
        }
    }
    // A root that is a text node: whatever the answer, no panic.
    for mode in [Mode::Clean, Mode::Focus] {
        let _ = analyse(&text_body, &Config::new().with_mode(mode));
    }
}

/// `depth` nested divs with a sentence at the bottom.
fn chain(depth: u32) -> Snapshot<'static> {
    let mut snap = Snapshot::empty();
    for i in 0..depth {
        snap.nodes.push(Node { parent: Some(i), tag: "div".into(), ..Node::default() });
    }
    snap.nodes.push(Node { parent: Some(depth), text: "the bottom of a very deep page, with a sentence.".into(), ..Node::default() });
    snap
}

/// Fastest of up to three analyses in both modes (fewer when one already takes a second).
fn analyse_time(snap: &Snapshot) -> Duration {
    let t = Instant::now();
    both_modes(snap);
    t.elapsed()
}

/// The fastest of five runs of each snapshot, the runs interleaved so that a burst of load on
/// a busy machine hits both sizes alike.
fn fastest_times(small: &Snapshot, big: &Snapshot) -> (Duration, Duration) {
    let (mut a, mut b) = (Duration::MAX, Duration::MAX);
    for _ in 0..5 {
        a = a.min(analyse_time(small));
        b = b.min(analyse_time(big));
        if b > Duration::from_secs(2) {
            break;
        }
    }
    (a, b)
}

#[test]
fn deep_snapshots_in_linear_time() {
    // A snapshot within the node limit (300,000) can be one long chain; 4× the depth should
    // cost about 4× the time (quadratic: 16×).
    let (small, big) = (chain(10_000), chain(40_000));
    let (t_small, t_big) = fastest_times(&small, &big);
    let ratio = t_big.as_secs_f64() / t_small.as_secs_f64().max(1e-4);
    println!("chain of 10,000: {t_small:?}; of 40,000: {t_big:?}; ratio {ratio:.1} (linear: 4, quadratic: 16)");
    // Linear costs ~150 ms at 40,000 deep here; a quadratic walk costs seconds.
    assert!(
        ratio < 9.0 || t_big < Duration::from_millis(600),
        "analyse is not linear in depth: 10,000 deep {t_small:?}, 40,000 deep {t_big:?} (ratio {ratio:.1}; linear 4, quadratic 16)"
    );
}

#[test]
fn wide_snapshots_in_linear_time() {
    let flat = |n: u32| {
        let mut snap = Snapshot::empty();
        for i in 0..n {
            let p = snap.nodes.len() as u32;
            snap.nodes.push(Node { parent: Some(0), tag: "p".into(), ..Node::default() });
            snap.nodes.push(Node { parent: Some(p), text: format!("Sentence {i} of a long flat page, with words.").into(), ..Node::default() });
        }
        snap
    };
    let (t_small, t_big) = fastest_times(&flat(10_000), &flat(40_000));
    let ratio = t_big.as_secs_f64() / t_small.as_secs_f64().max(1e-4);
    println!("10,000 paragraphs: {t_small:?}; 40,000: {t_big:?}; ratio {ratio:.1} (linear: 4, quadratic: 16)");
    assert!(
        ratio < 9.0 || t_big < Duration::from_millis(50),
        "analyse is not linear in width: 10,000 paragraphs {t_small:?}, 40,000 {t_big:?} (ratio {ratio:.1})"
    );
}

// ---- CLI ---------------------------------------------------------------------------------

fn lede(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_lede")).args(args).output().expect("running lede")
}

fn temp_file(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("lede-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn assert_fails_cleanly(out: &std::process::Output, what: &str) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{what}: exit code should be 2, was {}; stderr: {stderr}", out.status);
    assert!(stderr.starts_with("lede:"), "{what}: message should start with \"lede:\": {stderr:?}");
}

#[test]
fn cli_errors_exit_2_with_a_message() {
    let missing = "/nonexistent/lede/page.html";
    assert_fails_cleanly(&lede(&["clean", missing]), "clean on a missing file");
    assert_fails_cleanly(&lede(&["extract", missing]), "extract on a missing file");
    assert_fails_cleanly(&lede(&[]), "no command");
    assert_fails_cleanly(&lede(&["frobnicate"]), "unknown command");
    assert_fails_cleanly(&lede(&["clean"]), "clean without a path");
    assert_fails_cleanly(&lede(&["clean", missing, "--mode", "dark"]), "bad --mode");
    let binary = temp_file("binary.html", b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0");
    assert_fails_cleanly(&lede(&["clean", binary.to_str().unwrap()]), "clean on binary bytes");
    let bad_gz = temp_file("bad.html.gz", b"\x1f\x8b\x08\x00garbage");
    assert_fails_cleanly(&lede(&["clean", bad_gz.to_str().unwrap()]), "clean on broken gzip");
}

#[test]
fn cli_handles_empty_and_odd_files() {
    let empty = temp_file("empty.html", b"");
    for args in [vec!["clean", empty.to_str().unwrap()], vec!["clean", empty.to_str().unwrap(), "--format", "json"], vec!["extract", empty.to_str().unwrap()]] {
        let out = lede(&args);
        assert!(out.status.success(), "lede {args:?}: {} {}", out.status, String::from_utf8_lossy(&out.stderr));
    }
    let latin1 = temp_file("latin1.html", b"<p>Caf\xe9 \xff\xfe</p>");
    let out = lede(&["clean", latin1.to_str().unwrap()]);
    assert!(out.status.success(), "invalid UTF-8: {}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8(out.stdout).is_ok(), "the CLI prints UTF-8 whatever the input");
}

#[test]
fn bad_packed_snapshots_are_an_error() {
    // What the extension's content script sends (src/packed.rs), made wrong every way: an
    // error, never a panic.
    let (nums, strs) = lede::packed::encode(&chain(50));
    let cases: Vec<(&str, Vec<u32>, String)> = vec![
        ("no words", vec![], strs.clone()),
        ("another schema", [&[SCHEMA_VERSION + 1][..], &nums[1..]].concat(), strs.clone()),
        ("a node count too big", [&[nums[0], u32::MAX][..], &nums[2..]].concat(), strs.clone()),
        ("a missing word", nums[..nums.len() - 1].to_vec(), strs.clone()),
        ("too few strings", nums.clone(), strs.split('\0').take(3).collect::<Vec<_>>().join("\0")),
        ("too many strings", nums.clone(), format!("{strs}\0one more")),
        ("every tag bit set", nums.iter().enumerate().map(|(i, &w)| if i >= 2 && i % 2 == 0 { w | 0xffff } else { w }).collect(), strs.clone()),
        ("a parent after its child", nums.iter().enumerate().map(|(i, &w)| if i == 5 { 40 } else { w }).collect(), strs.clone()),
        ("no strings at all", nums.clone(), String::new()),
    ];
    for (what, n, s) in cases {
        assert!(lede::packed::decode(&n, &s).is_err(), "{what}: decoded");
    }
    // Every flag on every node: decodes (missing strings are an error) or not, never panics.
    let all_flags: Vec<u32> = nums.iter().enumerate().map(|(i, &w)| if i >= 2 && i % 2 == 0 && w != 0 { w | 0x01ff_0000 } else { w }).collect();
    let _ = lede::packed::decode(&all_flags, &strs);
}

#[test]
fn a_forty_thousand_deep_packed_snapshot() {
    let snap = chain(40_000);
    let (nums, strs) = lede::packed::encode(&snap);
    let back = lede::packed::decode(&nums, &strs).expect("decodes");
    assert_eq!(back, snap);
    for plan in both_modes(&back) {
        assert!(plan.ops.iter().all(|op| (op.node as usize) < back.nodes.len()));
    }
}
