//! The markup front end (`lede::markup`, what the extension reads from `document.body.outerHTML`)
//! gives the same snapshot as html5ever's walk (`lede::html::parse`) on every aeb-dev page, and
//! numbers the elements as the DOM does. The serialisation here is html5ever's, which follows the
//! same algorithm as the browsers'; the browser tests compare the browsers' plans with the native
//! ones (tests/e2e/aeb.test.mjs).

mod common;

#[test]
fn markup_reads_the_same_snapshot_as_html5ever_on_every_aeb_page() {
    let dir = common::aeb_dir().join("html");
    let mut pages = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let bytes = lede::html::read_page(&path).unwrap();
        let walked = lede::html::parse(&bytes).unwrap();
        let (html, head, elements) = lede::html::body_markup(&bytes).unwrap().expect("a body");
        let m = lede::markup::read(&html, &head.title, &head.og_title, false)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(m.elements, elements, "{}: elements numbered", path.display());
        assert_eq!(m.snapshot, walked, "{}: snapshot", path.display());
        assert_eq!(m.places.len(), walked.nodes.len());
        pages += 1;
    }
    assert_eq!(pages, 131);
}
