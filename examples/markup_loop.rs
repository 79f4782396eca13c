//! Reads every dumped page REPS times, for `perf`: `markup_loop DIR` with `markup_dump`'s
//! output (`lede::markup::read`), or with PACKED=1 a folder of packed snapshots as JSON
//! (`{nums, strs}`, `lede::packed::decode`).
fn main() {
    let dir = std::env::args().nth(1).expect("dir");
    let pages: Vec<serde_json::Value> = std::fs::read_dir(dir).expect("dir")
        .map(|e| serde_json::from_str(&std::fs::read_to_string(e.expect("entry").path()).expect("read")).expect("json"))
        .collect();
    let packed = std::env::var("PACKED").is_ok();
    let nums: Vec<Vec<u32>> = if packed {
        pages.iter().map(|p| p["nums"].as_array().unwrap().iter().map(|n| n.as_u64().unwrap() as u32).collect()).collect()
    } else { Vec::new() };
    let reps: usize = std::env::var("REPS").ok().and_then(|v| v.parse().ok()).unwrap_or(5);
    for _ in 0..reps {
        for (i, p) in pages.iter().enumerate() {
            if packed {
                std::hint::black_box(lede::packed::decode(&nums[i], p["strs"].as_str().unwrap()).ok());
            } else {
                let m = lede::markup::read(p["html"].as_str().unwrap(), p["title"].as_str().unwrap(), p["ogTitle"].as_str().unwrap(), false);
                std::hint::black_box(m.ok());
            }
        }
    }
}
