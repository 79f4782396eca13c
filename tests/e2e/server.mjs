// A tiny HTTP server on 127.0.0.1 for the e2e tests and the benchmark. Routes:
//   /fixtures/<case>/page.html       tests/fixtures/<case>/page.html
//   /csp-script/fixtures/<case>/...  the same, with `Content-Security-Policy: script-src 'self'`
//   /csp-none/fixtures/<case>/...    the same, with `Content-Security-Policy: default-src 'none'`
//   /aeb/<id>.html                   shared/bench/aeb-dev/html/<id>.html.gz, decompressed
//   /pages/<name>.html               tests/e2e/pages/<name>.html (pages written for these tests)
// Anything else is a 404. Each fixture's `img/…` files do not exist: 404 too. Every request's
// path is listed in `requests` (the network tests look for their probes there).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(HERE, '../..');
export const FIXTURES = path.join(ROOT, 'tests/fixtures');
export const AEB = path.resolve(ROOT, process.env.LEDE_AEB_DIR ?? '../shared/bench/aeb-dev');
const PAGES = path.join(HERE, 'pages');

export const CSP = {
  'csp-script': "script-src 'self'",
  'csp-none': "default-src 'none'",
};

const SAFE_NAME = /^[A-Za-z0-9._-]+$/;

function send(res, status, body, headers = {}) {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(body);
}

function handle(requests, req, res) {
  const url = new URL(req.url, 'http://127.0.0.1');
  requests.push(url.pathname);
  const parts = url.pathname.split('/').filter(Boolean);
  const headers = {};
  if (CSP[parts[0]]) headers['content-security-policy'] = CSP[parts.shift()];
  if (!parts.every((p) => SAFE_NAME.test(p))) return send(res, 400, 'bad path');
  try {
    if (parts[0] === 'fixtures' && parts.length === 3 && parts[2] === 'page.html') {
      return send(res, 200, fs.readFileSync(path.join(FIXTURES, parts[1], 'page.html')), headers);
    }
    if (parts[0] === 'aeb' && parts.length === 2 && parts[1].endsWith('.html')) {
      const gz = fs.readFileSync(path.join(AEB, 'html', `${parts[1]}.gz`));
      return send(res, 200, zlib.gunzipSync(gz), headers);
    }
    if (parts[0] === 'pages' && parts.length === 2) {
      return send(res, 200, fs.readFileSync(path.join(PAGES, parts[1])), headers);
    }
  } catch {
    // fall through: not found
  }
  return send(res, 404, 'not found', headers);
}

/** Starts the server on a free port of 127.0.0.1. */
export async function startServer() {
  const requests = [];
  const server = http.createServer((req, res) => handle(requests, req, res));
  server.keepAliveTimeout = 1000;
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}
