import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '@flange/simulators';
import type { Simulator } from '@flange/simulators';
import { createConnectors } from '../connectors';
import { expectFailure } from '../testing/outcome';
import { loopbackPolicy, startRecordingServer } from '../testing/servers';
import type { RecordingServer } from '../testing/servers';
import { createAddressPolicy } from './address-policy';
import { createHttpClient } from './http-client';
import type { NetError } from './net-error';
import type { Lookup } from './resolve';

const ALLOW = ['127.0.0.1/32'];

/** A server that redirects as told: /r/<status>?to=<url>, /chain/<n>, /echo (headers back as JSON). */
async function startRedirector(): Promise<RecordingServer> {
  return startRecordingServer({
    handler(req, res) {
      const u = new URL(req.url ?? '/', 'http://x');
      const r = /^\/r\/(\d{3})$/.exec(u.pathname);
      if (r) {
        res.writeHead(Number(r[1]), { location: u.searchParams.get('to') ?? '/' }).end();
        return;
      }
      const chain = /^\/chain\/(\d+)$/.exec(u.pathname);
      if (chain) {
        const n = Number(chain[1]);
        res
          .writeHead(n === 0 ? 200 : 302, n === 0 ? {} : { location: `/chain/${n - 1}` })
          .end(n === 0 ? 'end' : '');
        return;
      }
      if (u.pathname === '/echo') {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ method: req.method, headers: req.headers }));
        return;
      }
      if (u.pathname === '/big') {
        res.end(Buffer.alloc(2_000_000, 97));
        return;
      }
      if (u.pathname === '/hang') return; // never answers
      res.end('ok');
    },
  });
}

describe('DNS pinning and rebinding', () => {
  let good: RecordingServer;
  let evil: RecordingServer;
  beforeAll(async () => {
    good = await startRecordingServer();
    // Same port on another loopback address: what a rebinding answer would point at.
    evil = await startRecordingServer({ host: '127.0.0.2', port: good.port });
  });
  afterAll(async () => {
    await good.close();
    await evil.close();
  });

  it('does one lookup per connection, connects to the checked address, and refuses the rebound answer', async () => {
    const answers = ['127.0.0.1', '127.0.0.2'];
    let calls = 0;
    const lookup: Lookup = async () => [{ address: answers[Math.min(calls++, 1)]!, family: 4 }];
    const connected: string[] = [];
    const opts = {
      policy: loopbackPolicy(),
      addressPolicy: createAddressPolicy(ALLOW),
      lookup,
      onConnected: (i: { address: string }) => connected.push(i.address),
    };

    const first = createHttpClient(opts);
    const res = await first.request({ method: 'GET', url: `http://rebind.test:${good.port}/` });
    expect(res.status).toBe(200);
    await first.close();
    expect(calls).toBe(1);
    expect(connected).toEqual(['127.0.0.1']);

    const second = createHttpClient(opts);
    await expect(
      second.request({ method: 'GET', url: `http://rebind.test:${good.port}/` }),
    ).rejects.toMatchObject({ kind: 'address_blocked' });
    await second.close();
    expect(calls).toBe(2);
    expect(connected).toEqual(['127.0.0.1']);
    expect(good.requests.length).toBe(1);
    expect(evil.connections).toBe(0);
  });

  it('a pipeline whose name rebinds after the resolve step is stopped before any credential is sent', async () => {
    let calls = 0;
    const lookup: Lookup = async () => [{ address: calls++ === 0 ? '127.0.0.1' : '127.0.0.2', family: 4 }];
    const connectors = createConnectors({ policy: loopbackPolicy({ allowedNetworks: ALLOW }), lookup });
    const out = await connectors.validate(
      {
        systemId: 'ibm-maximo',
        authMethod: 'api_key',
        values: { instance_url: `http://rebind.test:${good.port}`, api_key: 'maximo-good-key' },
      },
      () => undefined,
    );
    expect(expectFailure(out).code).toBe('URL_NOT_ALLOWED');
    expect(evil.connections).toBe(0);
  });

  it('a DNS failure is "no server", never a connection', async () => {
    const lookup: Lookup = async () => {
      throw Object.assign(new Error('x'), { code: 'ENOTFOUND' });
    };
    const c = createHttpClient({
      policy: loopbackPolicy(),
      addressPolicy: createAddressPolicy(ALLOW),
      lookup,
    });
    await expect(c.request({ method: 'GET', url: 'http://nowhere.test/' })).rejects.toMatchObject({
      kind: 'dns_failed',
    });
    await c.close();
  });
});

describe('redirects', () => {
  let a: RecordingServer;
  let b: RecordingServer;
  let blockedListener: RecordingServer;
  let client: ReturnType<typeof createHttpClient>;
  beforeAll(async () => {
    a = await startRedirector();
    b = await startRedirector();
    blockedListener = await startRecordingServer({ host: '127.0.0.2' });
    const lookup: Lookup = async (h) => [
      { address: h === 'rebinder.test' ? '127.0.0.2' : '127.0.0.1', family: 4 },
    ];
    client = createHttpClient({
      policy: loopbackPolicy(),
      addressPolicy: createAddressPolicy(ALLOW),
      lookup,
    });
  });
  afterAll(async () => {
    await client.close();
    await a.close();
    await b.close();
    await blockedListener.close();
  });

  it('are not followed by default: the 3xx comes back as is', async () => {
    const res = await client.request({
      method: 'GET',
      url: `${a.url}/r/302?to=${encodeURIComponent(`${b.url}/echo`)}`,
    });
    expect(res.status).toBe(302);
    expect(b.requests.length).toBe(0);
  });

  const targets = () => [
    ['10.0.0.1', 'http://10.0.0.1/'],
    ['metadata', 'http://169.254.169.254/latest/meta-data/'],
    ['127.0.0.2 (not allowlisted)', `${blockedListener.url}/`],
    ['[::1]', `http://[::1]:${blockedListener.port}/`],
    ['a rebinding host', `http://rebinder.test:${blockedListener.port}/`],
    ['file:', 'file:///etc/passwd'],
    ['gopher:', `gopher://127.0.0.1:${a.port}/`],
    ['userinfo', `http://user:pw@127.0.0.1:${a.port}/`],
  ];
  for (const status of [301, 302, 303, 307, 308]) {
    it(`${status} to each refused target is refused when following`, async () => {
      for (const [, to] of targets()) {
        const err = await client
          .request({
            method: 'GET',
            url: `${a.url}/r/${status}?to=${encodeURIComponent(to!)}`,
            maxRedirects: 3,
          })
          .then(
            () => null,
            (e: NetError) => e,
          );
        // Refused at the hop (scheme, userinfo) or at its connection (address): never followed.
        expect(['redirect_refused', 'address_blocked']).toContain(err?.kind);
      }
      expect(blockedListener.connections).toBe(0);
    });
  }

  it('a chain of 3 hops is followed; 4 hops is refused', async () => {
    const ok = await client.request({ method: 'GET', url: `${a.url}/chain/3`, maxRedirects: 3 });
    expect(ok.status).toBe(200);
    expect(ok.text()).toBe('end');
    await expect(
      client.request({ method: 'GET', url: `${a.url}/chain/4`, maxRedirects: 3 }),
    ).rejects.toMatchObject({ kind: 'redirect_refused' });
    // More than 3 is capped at 3.
    await expect(
      client.request({ method: 'GET', url: `${a.url}/chain/4`, maxRedirects: 10 }),
    ).rejects.toMatchObject({ kind: 'redirect_refused' });
  });

  it('strips credentials across origins and keeps them on the same origin', async () => {
    const headers = {
      authorization: 'Bearer secret-token',
      cookie: 'JSESSIONID=abc',
      apikey: 'k-123',
      accept: 'application/json',
    };
    const cross = await client.request({
      method: 'GET',
      url: `${a.url}/r/302?to=${encodeURIComponent(`${b.url}/echo`)}`,
      headers,
      maxRedirects: 1,
    });
    const seen = (cross.json() as { headers: Record<string, string> }).headers;
    expect(seen['authorization']).toBeUndefined();
    expect(seen['cookie']).toBeUndefined();
    expect(seen['apikey']).toBeUndefined();
    expect(seen['accept']).toBe('application/json');
    const same = await client.request({
      method: 'GET',
      url: `${a.url}/r/307?to=/echo`,
      headers,
      maxRedirects: 1,
    });
    expect((same.json() as { headers: Record<string, string> }).headers['apikey']).toBe('k-123');
  });

  it('303 turns a POST into a GET without its body', async () => {
    const res = await client.request({
      method: 'POST',
      url: `${a.url}/r/303?to=/echo`,
      body: 'x=1',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      maxRedirects: 1,
    });
    expect((res.json() as { method: string }).method).toBe('GET');
  });
});

describe('https → http downgrade on redirect', () => {
  let tlsSim: Simulator;
  let plain: RecordingServer;
  beforeAll(async () => {
    plain = await startRecordingServer();
    tlsSim = await startSimulator({
      name: 'redirector',
      tls: 'private-ca',
      handler: (_req, res) => {
        res.writeHead(302, { location: `${plain.url}/` }).end();
      },
    });
  });
  afterAll(async () => {
    await tlsSim.close();
    await plain.close();
  });

  it('is refused', async () => {
    const c = createHttpClient({
      policy: loopbackPolicy(),
      addressPolicy: createAddressPolicy(ALLOW),
      lookup: async () => [{ address: '127.0.0.1', family: 4 }],
      ca: [tlsSim.certificate!.ca!],
    });
    await expect(
      c.request({ method: 'GET', url: `https://localhost:${tlsSim.port}/`, maxRedirects: 3 }),
    ).rejects.toMatchObject({ kind: 'redirect_refused', reason: 'DOWNGRADE' });
    expect(plain.connections).toBe(0);
    await c.close();
  });
});

describe('bounds', () => {
  let s: RecordingServer;
  beforeAll(async () => {
    s = await startRedirector();
  });
  afterAll(() => s.close());
  const client = (o: Parameters<typeof loopbackPolicy>[0] = {}) =>
    createHttpClient({
      policy: loopbackPolicy(o),
      addressPolicy: createAddressPolicy(ALLOW),
      lookup: async () => [{ address: '127.0.0.1', family: 4 }],
    });

  it('caps the body', async () => {
    const c = client({ maxBodyBytes: 1_000_000 });
    await expect(c.request({ method: 'GET', url: `${s.url}/big` })).rejects.toMatchObject({
      kind: 'too_large',
    });
    await c.close();
  });

  it('ends a call that never answers at the total timeout', async () => {
    const c = client({ totalTimeoutMs: 300 });
    const started = Date.now();
    await expect(c.request({ method: 'GET', url: `${s.url}/hang` })).rejects.toMatchObject({
      kind: 'timeout',
    });
    expect(Date.now() - started).toBeLessThan(3_000);
    await c.close();
  });

  it('a refused connection is "unreachable" without socket text', async () => {
    const closed = await startRecordingServer();
    await closed.close();
    const c = client();
    const err = await c.request({ method: 'GET', url: `${closed.url}/` }).then(
      () => null,
      (e: NetError) => e,
    );
    expect(err?.kind).toBe('unreachable');
    expect(err?.message).toBe('The server could not be reached.');
    await c.close();
  });

  it('sends a fixed cloud host to its override, still checking the address', async () => {
    const c = createHttpClient({
      policy: loopbackPolicy({ allowHttp: false, hostOverrides: { 'api.getmaintainx.com': s.url } }),
      addressPolicy: createAddressPolicy(ALLOW),
      lookup: async () => {
        throw new Error('no lookup expected for an IP override');
      },
    });
    const res = await c.request({ method: 'GET', url: 'https://api.getmaintainx.com/echo' });
    expect(res.status).toBe(200);
    const blocked = createHttpClient({
      policy: loopbackPolicy({ hostOverrides: { 'api.getmaintainx.com': 'http://10.0.0.1:8080' } }),
      addressPolicy: createAddressPolicy(ALLOW),
      lookup: async () => [],
    });
    await expect(
      blocked.request({ method: 'GET', url: 'https://api.getmaintainx.com/' }),
    ).rejects.toMatchObject({ kind: 'address_blocked' });
    await c.close();
    await blocked.close();
  });
});

describe('TLS in the client', () => {
  let tlsSim: Simulator;
  beforeAll(async () => {
    tlsSim = await startSimulator({
      name: 'tls',
      tls: 'self-signed',
      handler: (_q, r) => r.end('secret-bearing answer'),
    });
  });
  afterAll(() => tlsSim.close());
  const make = (pinSha256?: string) =>
    createHttpClient({
      policy: loopbackPolicy(),
      addressPolicy: createAddressPolicy(ALLOW),
      lookup: async () => [{ address: '127.0.0.1', family: 4 }],
      ...(pinSha256 ? { pinSha256 } : {}),
    });

  it('an untrusted certificate fails with its details before any HTTP byte is sent', async () => {
    const c = make();
    const err = await c
      .request({ method: 'GET', url: `https://localhost:${tlsSim.port}/`, headers: { apikey: 'k' } })
      .then(
        () => null,
        (e: NetError) => e,
      );
    expect(err?.kind).toBe('tls_untrusted');
    expect(tlsSim.hits()).toBe(0);
    await c.close();
  });

  it('the pinned certificate is accepted; another pin is not', async () => {
    const ok = make(tlsSim.certificate!.sha256);
    expect((await ok.request({ method: 'GET', url: `https://localhost:${tlsSim.port}/` })).text()).toBe(
      'secret-bearing answer',
    );
    await ok.close();
    const other = make(Array.from({ length: 32 }, () => '00').join(':'));
    const err = await other.request({ method: 'GET', url: `https://localhost:${tlsSim.port}/` }).then(
      () => null,
      (e: NetError) => e,
    );
    expect(err?.kind).toBe('tls_untrusted');
    expect(err?.certificate?.sha256).toBe(tlsSim.certificate!.sha256);
    expect(tlsSim.hits()).toBe(1);
    await other.close();
  });
});
