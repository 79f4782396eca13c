//! Writes each page's `<body>` serialisation (as `document.body.outerHTML` gives it) with its
//! head strings and element count as JSON, one file per page, for benchmarking the markup front
//! end in wasm: `markup_dump PAGES_DIR OUT_DIR`.
fn main() {
    let mut args = std::env::args().skip(1);
    let (dir, out) = (args.next().expect("pages dir"), args.next().expect("out dir"));
    std::fs::create_dir_all(&out).expect("out dir");
    for e in std::fs::read_dir(dir).expect("dir") {
        let path = e.expect("entry").path();
        let bytes = lede::html::read_page(&path).expect("read");
        let Some((html, head, elements)) = lede::html::body_markup(&bytes).expect("parse") else { continue };
        let name = path.file_name().unwrap().to_string_lossy().replace(".html.gz", ".json");
        let json = serde_json::json!({ "html": html, "title": head.title, "ogTitle": head.og_title, "elements": elements });
        std::fs::write(std::path::Path::new(&out).join(name), json.to_string()).expect("write");
    }
}
