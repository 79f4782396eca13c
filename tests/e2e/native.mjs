// The native core on the same pages: `lede clean PATH --format json` (target/release/lede,
// built by run.sh), for the parity checks: one page, one snapshot, one plan, whichever front
// end built the snapshot (src/html.rs natively, content/snapshotter.js in the browser).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './server.mjs';

export const LEDE_BIN = process.env.LEDE_BIN ?? path.join(process.env.CARGO_TARGET_DIR ? path.resolve(ROOT, process.env.CARGO_TARGET_DIR) : path.join(ROOT, 'target'), 'release/lede');

export const hasNative = () => fs.existsSync(LEDE_BIN);

/** The native plan of an HTML file (a path, or `-` with `input`). */
export function nativePlan(file, mode = 'clean', input = undefined) {
  const out = execFileSync(LEDE_BIN, ['clean', file, '--mode', mode, '--format', 'json'], { input, maxBuffer: 64 << 20 });
  return JSON.parse(out.toString('utf8'));
}

/** What parity compares: the outcome, the article, the headline and every op. */
export function planKey(plan) {
  return {
    outcome: plan.outcome,
    article: plan.article ?? null,
    title_node: plan.title_node ?? null,
    ops: plan.ops.map((op) => `${op.node} ${op.reason} ${op.rule}`),
  };
}
