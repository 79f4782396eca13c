//! Prints the ancestors of the first text node containing a string: `cargo run --example path PAGE TEXT`.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let bytes = lede::html::read_page(std::path::Path::new(&args[1])).expect("read");
    let snap = lede::html::parse(&bytes).expect("parse");
    let f = lede::features::measure(&snap);
    let Some(t) = snap.nodes.iter().position(|n| n.text.contains(&args[2])) else { return println!("not found") };
    let mut cur = Some(t as u32);
    while let Some(n) = cur {
        let node = &snap.nodes[n as usize];
        let nu = n as usize;
        println!("#{n} <{} id={:?} class={:?}> hidden={} prose={} chars={} links={} block_chars={} is_prose={}", node.tag, node.id, node.class, f.page_hidden[nu], f.prose[nu], f.chars[nu], f.link_chars[nu], f.block_chars[nu], f.is_prose(n));
        cur = node.parent;
    }
}
