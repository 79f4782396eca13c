# Shortcuts; the scripts are the real entry points.
.PHONY: run test bench bench-browser bench-history

# Build the CLI and the wasm core (and the extension, via scripts/build.sh).
run:
	scripts/run.sh

# Every test: cargo tests (fixtures, aeb-dev gate, hostile input, wasm build) and browser e2e.
test:
	scripts/test.sh

# Lede against the other extractors on aeb-dev, and ms per page.
bench:
	cargo bench --bench aeb

# In-page cost per page in headless Chromium and Firefox, next to Readability.js.
bench-browser:
	tests/e2e/bench.sh

# The reading history: a 10k-article index loaded cold in both browsers' backgrounds, lookups.
bench-history:
	tests/e2e/bench-history.sh
