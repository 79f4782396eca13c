//! Prints the element tree of a page with text measures, down to subtrees of at least MIN chars:
//! `cargo run --release --example outline PAGE [MIN] [MAXDEPTH]`.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let bytes = lede::html::read_page(std::path::Path::new(&args[1])).expect("read");
    let min: u32 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(200);
    let maxd: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(30);
    let snap = lede::html::parse(&bytes).expect("parse");
    let f = lede::features::measure(&snap);
    let page = lede::classify::Page::new(&snap, &f);
    let root = lede::article::find_root(&page);
    let mut depth = vec![0usize; snap.nodes.len()];
    for (i, node) in snap.nodes.iter().enumerate() {
        if let Some(p) = node.parent { depth[i] = depth[p as usize] + 1; }
        if node.is_text() || f.chars[i] < min || f.page_hidden[i] || depth[i] > maxd { continue; }
        let t: String = page.block_text(i).split_whitespace().collect::<Vec<_>>().join(" ");
        println!("{}{}#{i} <{} id={:?} class={:.40?}> chars={} links={} prose={} sent={} {}", "  ".repeat(depth[i]), if Some(i as u32) == root { "ROOT " } else { "" },
            node.tag, node.id, node.class, f.chars[i], f.link_chars[i], f.prose[i], f.sentences[i], t.chars().take(80).collect::<String>());
    }
}
