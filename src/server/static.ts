// The dashboard's static files (web/dist). Unknown non-API paths fall back to index.html so the
// single-page app can route (/requests/<id> is the link in every pending answer). Without a build,
// a placeholder page says how to get one.
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { ServerResponse } from 'node:http';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

// The dashboard loads everything from this server and is never framed: a framed Approve button
// could be clicked through a decoy page (clickjacking), and nothing may reach another origin.
const PAGE_HEADERS = {
  'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

const PLACEHOLDER = `<!doctype html><html><head><meta charset="utf-8"><title>Countersign</title></head>
<body><h1>Countersign</h1><p>The server is running. The dashboard is not built: run <code>npm run build</code>
in <code>web/</code>, or use the CLI (<code>countersign requests</code>, <code>countersign approve</code>).</p>
<p>API: <a href="/healthz">/healthz</a>, <code>/v1/...</code> (see docs/http-api.md).</p></body></html>`;

export async function serveStatic(res: ServerResponse, dir: string | undefined, pathname: string, head: boolean): Promise<void> {
  if (dir) {
    // normalize + prefix check: "/../" can never step outside the dashboard directory.
    let decoded = '/';
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      // a malformed escape gets the app's index page, never a file
    }
    const rel = normalize(decoded).replace(/^([/\\])+/, '');
    const file = join(dir, rel);
    const inside = file === dir || file.startsWith(dir.endsWith(sep) ? dir : dir + sep);
    for (const candidate of inside && rel ? [file, join(dir, 'index.html')] : [join(dir, 'index.html')]) {
      try {
        const st = await stat(candidate);
        if (!st.isFile()) continue;
        const body = await readFile(candidate);
        const immutable = candidate.includes(`${sep}assets${sep}`);
        res.writeHead(200, {
          'content-type': TYPES[extname(candidate)] ?? 'application/octet-stream',
          'content-length': body.length,
          'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
          'x-content-type-options': 'nosniff',
          ...(extname(candidate) === '.html' ? PAGE_HEADERS : {}),
        });
        res.end(head ? undefined : body);
        return;
      } catch {
        // try the next candidate
      }
    }
  }
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache', ...PAGE_HEADERS });
  res.end(head ? undefined : PLACEHOLDER);
}
