// A static server for the www/ demo on 127.0.0.1 (no dependencies; Node 18+).
//
//   node scripts/serve-www.mjs [PORT]     PORT 0 or none: a free port. Prints the address.
//
// Serves only files under www/ (GET and HEAD), with their content type (application/wasm for
// the core, so the page can stream-compile it) and `cache-control: no-store`. The page's CSP is
// its own <meta http-equiv>, so the demo is as strict on any static host. Imported by
// tests/e2e/www.test.mjs (startWwwServer).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const WWW = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../www');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

function send(res, status, body, type = 'text/plain; charset=utf-8') {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(body);
}

function handle(req, res) {
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'method not allowed');
  let rel;
  try {
    rel = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
  } catch {
    return send(res, 400, 'bad path');
  }
  if (rel.endsWith('/')) rel += 'index.html';
  const file = path.resolve(WWW, `.${rel}`);
  if (!file.startsWith(WWW + path.sep)) return send(res, 404, 'not found');
  fs.readFile(file, (err, body) => {
    if (err) return send(res, 404, 'not found');
    const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
    res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
}

/** Starts the server on 127.0.0.1 (`port` 0: a free one). */
export async function startWwwServer(port = 0) {
  const server = http.createServer(handle);
  server.keepAliveTimeout = 1000;
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const actual = server.address().port;
  return {
    port: actual,
    origin: `http://127.0.0.1:${actual}`,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (!fs.existsSync(path.join(WWW, 'pkg/lede_demo_bg.wasm'))) {
    console.error('serve-www: www/pkg is missing: run scripts/build-www.sh first');
    process.exit(1);
  }
  const srv = await startWwwServer(Number(process.argv[2] ?? process.env.PORT ?? 0));
  console.log(`Lede demo: ${srv.origin}/  (Ctrl-C to stop)`);
}
