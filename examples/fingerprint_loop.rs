//! Fingerprints the article of every page given (HTML files or folders of them) REPS times
//! (default 5), as the extension's history lookup does: the focus plan's title and visible
//! article paragraphs go to `fingerprint::article`. For `perf stat -e instructions`:
//! instructions per article = (instr(REPS=5) − instr(REPS=0)) / (5 × pages).
//! `STATS=1` prints the input's size. With `DUMP=<dir>`, writes each page's fingerprint (Debug) to `<dir>/<page>.txt`.
use std::path::PathBuf;

fn pages(args: impl Iterator<Item = String>) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for a in args {
        let p = PathBuf::from(a);
        if p.is_dir() {
            let mut files: Vec<PathBuf> = std::fs::read_dir(&p).expect("dir").map(|e| e.expect("entry").path()).collect();
            files.sort();
            out.extend(files);
        } else {
            out.push(p);
        }
    }
    out
}

fn main() {
    let inputs: Vec<(String, String, Vec<String>)> = pages(std::env::args().skip(1))
        .into_iter()
        .map(|path| {
            let bytes = lede::html::read_page(&path).expect("read");
            let snap = lede::html::parse(&bytes).expect("parse");
            let plan = lede::analyse(&snap, &lede::Config::new().with_mode(lede::Mode::Focus)).expect("analyse");
            let paragraphs = lede::article_paragraphs(&snap, &plan).into_iter().map(|p| p.text).collect();
            let name = path.to_string_lossy().replace('/', "_");
            (name, plan.title, paragraphs)
        })
        .collect();
    if let Ok(dir) = std::env::var("DUMP") {
        std::fs::create_dir_all(&dir).expect("dump dir");
        for (name, title, paragraphs) in &inputs {
            let fp = lede::fingerprint::article(title, paragraphs);
            std::fs::write(format!("{dir}/{name}.txt"), format!("{fp:#?}\n{}\n", serde_json::to_string(&fp).expect("json")))
                .expect("write");
        }
    }
    if std::env::var("STATS").is_ok() {
        let bytes: usize = inputs.iter().map(|(_, t, ps)| t.len() + ps.iter().map(String::len).sum::<usize>()).sum();
        let paragraphs: usize = inputs.iter().map(|(_, _, ps)| ps.len()).sum();
        let ascii: usize = inputs.iter().flat_map(|(_, _, ps)| ps).map(|p| p.bytes().filter(u8::is_ascii).count()).sum();
        eprintln!("{} articles, {paragraphs} paragraphs, {bytes} bytes ({ascii} ASCII in paragraphs)", inputs.len());
    }
    let reps: usize = std::env::var("REPS").ok().and_then(|v| v.parse().ok()).unwrap_or(5);
    for _ in 0..reps {
        for (_, title, paragraphs) in &inputs {
            std::hint::black_box(lede::fingerprint::article(std::hint::black_box(title), std::hint::black_box(paragraphs)));
        }
    }
}
