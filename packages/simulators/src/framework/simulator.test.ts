import https from 'node:https';
import { afterEach, describe, expect, it } from 'vitest';
import { fingerprintOf } from './certificates';
import { startSimulator } from './simulator';
import type { Simulator } from './simulator';

let sims: Simulator[] = [];
afterEach(async () => {
  await Promise.all(sims.map((s) => s.close()));
  sims = [];
});
async function start(opts: Partial<Parameters<typeof startSimulator>[0]> = {}) {
  const s = await startSimulator({ name: 't', handler: (_q, r) => r.end('hello'), ...opts });
  sims.push(s);
  return s;
}

describe('startSimulator', () => {
  it('listens on 127.0.0.1 port 0 and logs each request', async () => {
    const s = await start();
    expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${s.url}/a/b?x=1`, { headers: { 'x-test': 'yes' } });
    expect(await res.text()).toBe('hello');
    expect(s.hits()).toBe(1);
    expect(s.requests[0]).toMatchObject({ method: 'GET', path: '/a/b', query: '?x=1' });
    expect(s.requests[0]!.headers['x-test']).toBe('yes');
    expect(s.hits((r) => r.path === '/nope')).toBe(0);
    s.clearLog();
    expect(s.hits()).toBe(0);
  });

  it('down: connections are reset and no request is read', async () => {
    const s = await start();
    s.setMode('down');
    await expect(fetch(s.url)).rejects.toThrow('fetch failed');
    expect(s.connections).toBeGreaterThanOrEqual(1);
    expect(s.hits()).toBe(0);
    s.setMode('normal');
    expect((await fetch(s.url)).status).toBe(200);
  });

  it('slow: answers after the delay', async () => {
    const s = await start();
    s.setMode('slow', { slowMs: 150 });
    const t = Date.now();
    await fetch(s.url);
    expect(Date.now() - t).toBeGreaterThanOrEqual(140);
    expect(s.mode).toBe('slow');
  });

  it('serves a self-signed certificate generated at start', async () => {
    const s = await start({ tls: 'self-signed' });
    expect(s.url).toMatch(/^https:/);
    expect(s.certificate?.sha256).toMatch(/^[0-9A-F]{2}(:[0-9A-F]{2}){31}$/);
    expect(fingerprintOf(s.certificate!.cert)).toBe(s.certificate!.sha256);
    // Untrusted by default…
    await expect(fetch(s.url)).rejects.toThrow('fetch failed');
    // …and served as generated.
    const seen = await new Promise<string>((resolve, reject) => {
      https
        .get(s.url, { rejectUnauthorized: false }, (res) => {
          resolve((res.socket as import('node:tls').TLSSocket).getPeerCertificate().fingerprint256);
          res.resume();
        })
        .on('error', reject);
    });
    expect(seen).toBe(s.certificate!.sha256);
  });

  it('serves a leaf from a private CA that verifies against that CA', async () => {
    const s = await start({ tls: 'private-ca' });
    expect(s.certificate?.ca).toBeDefined();
    const status = await new Promise<number>((resolve, reject) => {
      https
        .get(`https://localhost:${s.port}/`, { ca: s.certificate!.ca! }, (res) => {
          resolve(res.statusCode ?? 0);
          res.resume();
        })
        .on('error', reject);
    });
    expect(status).toBe(200);
  });

  it('takes a fixed port when asked', async () => {
    const first = await start();
    const port = first.port;
    await first.close();
    sims = [];
    const again = await start({ port });
    expect(again.port).toBe(port);
  });
});
