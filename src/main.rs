//! `lede`: the core on the command line.
//!
//! ```text
//! lede clean PATH [--mode clean|focus] [--format text|json|html]
//! lede extract PATH...
//! ```

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use lede::{analyse, article_text, html, visible_text, Config, Mode};

const USAGE: &str = "usage:
  lede clean PATH [--mode clean|focus] [--format text|json|html]
      text: what a reader still sees; json: the plan with reasons; html: the page without hidden elements
  lede extract PATH...
      PATH: a file or a folder of .html / .html.gz files; prints one JSON object
      {\"<name>\": {\"articleBody\": \"...\", \"title\": \"...\"}} (focus-mode article text)
  PATH may be - for standard input.";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &[String]) -> Result<(), String> {
    match args.first().map(String::as_str) {
        Some("clean") => clean(&args[1..]),
        Some("extract") => extract(&args[1..]),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            Ok(())
        }
        Some("--version" | "-V") => {
            println!("lede {}", env!("CARGO_PKG_VERSION"));
            Ok(())
        }
        _ => Err(format!("lede: expected a command\n{USAGE}")),
    }
}

fn clean(args: &[String]) -> Result<(), String> {
    let mut path = None;
    let mut mode = Mode::Clean;
    let mut format = "text";
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--mode" => {
                mode = match it.next().map(String::as_str) {
                    Some("clean") => Mode::Clean,
                    Some("focus") => Mode::Focus,
                    other => return Err(format!("lede: --mode takes clean or focus, not {other:?}")),
                }
            }
            "--format" => {
                format = match it.next().map(String::as_str) {
                    Some(f @ ("text" | "json" | "html")) => f,
                    other => return Err(format!("lede: --format takes text, json or html, not {other:?}")),
                }
            }
            p if path.is_none() && (!p.starts_with("--") || p == "-") => path = Some(p.to_string()),
            other => return Err(format!("lede: unexpected argument {other:?}\n{USAGE}")),
        }
    }
    let path = path.ok_or_else(|| format!("lede: clean needs a PATH\n{USAGE}"))?;
    let bytes = read_page(Path::new(&path))?;
    let snap = html::parse(&bytes).map_err(|e| format!("{e} ({path})"))?;
    let plan = analyse(&snap, &Config::new().with_mode(mode)).map_err(|e| e.to_string())?;
    let out = match format {
        "json" => serde_json::to_string_pretty(&plan).map_err(|e| e.to_string())?,
        "html" => html::without_hidden(&bytes, &plan).map_err(|e| e.to_string())?,
        _ => visible_text(&snap, &plan),
    };
    println!("{out}");
    Ok(())
}

#[derive(serde::Serialize)]
struct Extracted {
    #[serde(rename = "articleBody")]
    article_body: String,
    title: String,
}

fn extract(args: &[String]) -> Result<(), String> {
    if args.is_empty() {
        return Err(format!("lede: extract needs at least one PATH\n{USAGE}"));
    }
    let mut files = Vec::new();
    for a in args {
        let p = PathBuf::from(a);
        if p.is_dir() {
            let entries = std::fs::read_dir(&p).map_err(|e| format!("lede: cannot read folder {a}: {e}"))?;
            let mut found: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| page_name(p).is_some())
                .collect();
            found.sort();
            files.extend(found);
        } else {
            files.push(p);
        }
    }
    let config = Config::new().with_mode(Mode::Focus);
    let mut out = BTreeMap::new();
    for file in files {
        let name = page_name(&file).unwrap_or_else(|| file.display().to_string());
        let bytes = read_page(&file)?;
        let snap = html::parse(&bytes).map_err(|e| format!("{e} ({})", file.display()))?;
        let plan = analyse(&snap, &config).map_err(|e| e.to_string())?;
        out.insert(name, Extracted { article_body: article_text(&snap, &plan), title: plan.title.clone() });
    }
    println!("{}", serde_json::to_string(&out).map_err(|e| e.to_string())?);
    Ok(())
}

/// `abc.html` and `abc.html.gz` are page `abc`; other files are not pages.
fn page_name(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_str()?;
    let stem = name.strip_suffix(".html.gz").or_else(|| name.strip_suffix(".htm.gz"))
        .or_else(|| name.strip_suffix(".html")).or_else(|| name.strip_suffix(".htm"))?;
    Some(stem.to_string())
}

/// Reads a page (standard input for `-`), gunzipping `.gz` files.
fn read_page(path: &Path) -> Result<Vec<u8>, String> {
    if path != Path::new("-") {
        return html::read_page(path);
    }
    let mut buf = Vec::new();
    std::io::stdin().read_to_end(&mut buf).map_err(|e| format!("lede: cannot read standard input: {e}"))?;
    Ok(buf)
}
