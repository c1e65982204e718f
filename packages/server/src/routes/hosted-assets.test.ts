import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, expectProblem, startTestServer } from '../testing/harness';
import type { TestServer } from '../testing/harness';
import { ASSET_CACHE_CONTROL, acceptedEncodings } from './hosted-assets';

const JS = Buffer.from(`console.log(${JSON.stringify('the hosted flow '.repeat(200))});\n`);
const CSS = Buffer.from('body{margin:0}\n');

let dist: string;
let t: TestServer;
beforeAll(async () => {
  dist = mkdtempSync(path.join(os.tmpdir(), 'flange-hosted-assets-'));
  const assets = path.join(dist, 'assets');
  mkdirSync(assets);
  writeFileSync(path.join(dist, 'index.html'), '<html><head></head><body></body></html>');
  writeFileSync(path.join(assets, 'index-abc123.js'), JS);
  writeFileSync(path.join(assets, 'index-abc123.js.br'), brotliCompressSync(JS));
  writeFileSync(path.join(assets, 'index-abc123.js.gz'), gzipSync(JS));
  // A file the build left uncompressed (a variant would not have been smaller).
  writeFileSync(path.join(assets, 'index-abc123.css'), CSS);
  t = await startTestServer({ config: { hostedDist: dist } });
});
afterAll(async () => {
  await t.close();
  rmSync(dist, { recursive: true, force: true });
});

/** Raw bytes and headers: fetch would decode the body and choose its own Accept-Encoding. */
function raw(
  pathname: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(`${t.url}${pathname}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('GET /connect/assets/* (hosted flow assets)', () => {
  it('sends the brotli file to a browser that accepts it, with the asset type and long caching', async () => {
    const r = await raw('/connect/assets/index-abc123.js', { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(r.status).toBe(200);
    expect(r.headers['content-encoding']).toBe('br');
    expect(r.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(r.headers.vary).toMatch(/accept-encoding/i);
    expect(r.headers['cache-control']).toBe(ASSET_CACHE_CONTROL);
    expect(Number(r.headers['content-length'])).toBe(r.body.length);
    expect(r.body.length).toBeLessThan(JS.length);
    expect(brotliDecompressSync(r.body).equals(JS)).toBe(true);
    // The asset keeps the API's lockdown CSP (it is never a document).
    expect(r.headers['content-security-policy']).toContain("default-src 'none'");
  });

  it('sends gzip when brotli is not accepted, and the file itself when neither is', async () => {
    const g = await raw('/connect/assets/index-abc123.js', { 'accept-encoding': 'gzip, br;q=0' });
    expect(g.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(g.body).equals(JS)).toBe(true);
    expect(g.headers['content-type']).toBe('text/javascript; charset=utf-8');

    for (const accept of [undefined, 'identity', 'br;q=0, gzip;q=0', 'deflate']) {
      const r = await raw(
        '/connect/assets/index-abc123.js',
        accept === undefined ? {} : { 'accept-encoding': accept },
      );
      expect(r.status).toBe(200);
      expect(r.headers['content-encoding']).toBeUndefined();
      expect(r.body.equals(JS)).toBe(true);
      expect(r.headers.vary).toMatch(/accept-encoding/i);
      expect(r.headers['cache-control']).toBe(ASSET_CACHE_CONTROL);
    }
  });

  it('sends the file itself when the build wrote no smaller variant', async () => {
    const r = await raw('/connect/assets/index-abc123.css', { 'accept-encoding': 'br, gzip' });
    expect(r.status).toBe(200);
    expect(r.headers['content-encoding']).toBeUndefined();
    expect(r.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(r.body.equals(CSS)).toBe(true);
    expect(r.headers['cache-control']).toBe(ASSET_CACHE_CONTROL);
  });

  it('answers HEAD like GET without a body', async () => {
    const r = await raw('/connect/assets/index-abc123.js', { 'accept-encoding': 'br' }, 'HEAD');
    expect(r.status).toBe(200);
    expect(r.headers['content-encoding']).toBe('br');
    expect(r.body.length).toBe(0);
  });

  it('404s unknown files, the variants by their own name, folders and traversal as problems', async () => {
    for (const p of [
      '/connect/assets/nope.js',
      '/connect/assets/index-abc123.js.br',
      '/connect/assets/index-abc123.js.gz',
      '/connect/assets/',
      '/connect/assets/..%2Findex.html',
      '/connect/assets/%2e%2e/index.html',
      '/connect/index.html',
    ]) {
      expectProblem(await call(t.url, 'GET', p, { headers: { 'accept-encoding': 'br' } }), 'NOT_FOUND', 404);
    }
    // Only GET and HEAD reach the files.
    expectProblem(await call(t.url, 'POST', '/connect/assets/index-abc123.js'), 'NOT_FOUND', 404);
  });
});

describe('acceptedEncodings', () => {
  it('reads q-values, wildcards and odd spacing', () => {
    expect([...acceptedEncodings('gzip, deflate, br, zstd')].sort()).toEqual(['br', 'gzip']);
    expect([...acceptedEncodings('BR ; q=0.5')]).toEqual(['br']);
    expect([...acceptedEncodings('*')].sort()).toEqual(['br', 'gzip']);
    expect([...acceptedEncodings('*, br;q=0')]).toEqual(['gzip']);
    expect([...acceptedEncodings('gzip;q=0, br;q=nonsense')]).toEqual([]);
    expect([...acceptedEncodings('')]).toEqual([]);
    expect([...acceptedEncodings(undefined)]).toEqual([]);
    expect([...acceptedEncodings('identity')]).toEqual([]);
  });
});
