//! Explains the article choice on one page: `cargo run --release --example why PAGE`.
fn main() {
    let path = std::env::args().nth(1).expect("usage: why PAGE");
    let bytes = lede::html::read_page(std::path::Path::new(&path)).expect("read");
    let snap = lede::html::parse(&bytes).expect("parse");
    let f = lede::features::measure(&snap);
    let page = lede::classify::Page::new(&snap, &f);
    let mut c = lede::article::candidates(&page);
    c.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (score, n) in c.iter().take(8) {
        let node = &snap.nodes[*n as usize];
        println!(
            "{score:8.0} #{n} <{} id={:?} class={:?}> prose={} chars={} links={}",
            node.tag, node.id, node.class, f.prose[*n as usize], f.chars[*n as usize], f.link_chars[*n as usize]
        );
    }
    let mode = if std::env::var("LEDE_MODE").as_deref() == Ok("clean") { lede::Mode::Clean } else { lede::Mode::Focus };
    let plan = lede::analyse(&snap, &lede::Config::new().with_mode(mode)).expect("analyse");
    for op in &plan.ops {
        let node = &snap.nodes[op.node as usize];
        let text = lede::text::subtree_text(&snap, &f, op.node, |_| false);
        println!("hide #{} <{} class={:?}> {} {}: {:.80}", op.node, node.tag, node.class, op.reason.as_str(), op.rule, text.replace('\n', " | "));
    }
}
