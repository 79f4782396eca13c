// Packaging: scripts/package.sh lints the extension (web-ext lint: no error, no warning but
// the expected BACKGROUND_SERVICE_WORKER_IGNORED) and writes the two store zips.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './server.mjs';

test('web-ext lint is clean and both zips are built', () => {
  const out = execFileSync(path.join(ROOT, 'scripts/package.sh'), { cwd: ROOT, encoding: 'utf8' });
  assert.match(out, /web-ext lint: 0 errors, 1 warnings \(BACKGROUND_SERVICE_WORKER_IGNORED\)/);
  for (const zip of ['dist/lede-chrome.zip', 'dist/lede-firefox.zip']) {
    assert.ok(fs.statSync(path.join(ROOT, zip)).size > 50_000, `${zip} is built`);
  }
});

test('every reason of the core has a locale string and a popup label', () => {
  const messages = JSON.parse(fs.readFileSync(path.join(ROOT, 'extension/_locales/en/messages.json'), 'utf8'));
  const planRs = fs.readFileSync(path.join(ROOT, 'src/plan.rs'), 'utf8');
  const reasons = [...planRs.matchAll(/Reason::\w+ => "([a-z-]+)"/g)].map((m) => m[1]);
  assert.ok(reasons.length >= 10, `reasons found in src/plan.rs: ${reasons}`);
  for (const r of reasons) assert.ok(messages[`reason_${r.replace(/-/g, '_')}`]?.message, `locale string for ${r}`);
});

test('every message key the extension uses is in _locales/en', () => {
  const messages = JSON.parse(fs.readFileSync(path.join(ROOT, 'extension/_locales/en/messages.json'), 'utf8'));
  const used = new Set();
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'pkg' && e.name !== '_locales') walk(p);
      } else if (/\.(html|js|json)$/.test(e.name)) {
        const text = fs.readFileSync(p, 'utf8');
        for (const m of text.matchAll(/data-i18n(?:-title)?="(\w+)"|__MSG_(\w+)__|\bt\('(\w+)'/g)) used.add(m[1] ?? m[2] ?? m[3]);
      }
    }
  };
  walk(path.join(ROOT, 'extension'));
  const missing = [...used].filter((k) => !messages[k]);
  assert.deepEqual(missing, []);
});
