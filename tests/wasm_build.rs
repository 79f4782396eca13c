//! The core must build for the browser: `cargo build --lib --release --target
//! wasm32-unknown-unknown`, in its own target folder (`target/wasm-check`) so it neither waits for
//! nor disturbs the test build. scripts/test.sh installs the target; without it this test fails.

use std::path::Path;
use std::process::Command;

const TARGET: &str = "wasm32-unknown-unknown";

#[test]
fn core_builds_for_wasm32() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let mut cmd = Command::new(&cargo);
    // The product's own release profile, whatever scripts/test.sh set for the tests.
    for (k, _) in std::env::vars().filter(|(k, _)| k.starts_with("CARGO_PROFILE_")) {
        cmd.env_remove(k);
    }
    let out = cmd
        .current_dir(root)
        .args(["build", "--lib", "--release", "--target", TARGET])
        .env("CARGO_TARGET_DIR", root.join("target/wasm-check"))
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_BUILD_TARGET")
        .output()
        .unwrap_or_else(|e| panic!("cannot run {cargo}: {e}"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    if !out.status.success() {
        let missing_target = stderr.contains("target may not be installed")
            || stderr.contains("can't find crate for `core`")
            || stderr.contains("can't find crate for `std`");
        let hint = if missing_target {
            format!("\nThe {TARGET} target is not installed: `rustup target add {TARGET}` (scripts/test.sh does it).")
        } else {
            String::new()
        };
        panic!("cargo build --lib --release --target {TARGET} failed ({}):{hint}\n{stderr}", out.status);
    }
    let wasm = root.join("target/wasm-check").join(TARGET).join("release/lede.wasm");
    let size = std::fs::metadata(&wasm).map(|m| m.len()).unwrap_or_else(|e| panic!("{}: {e}", wasm.display()));
    println!("{}: {size} bytes", wasm.display());
}
