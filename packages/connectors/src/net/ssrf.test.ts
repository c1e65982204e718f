import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConnectors } from '../connectors';
import { loopbackPolicy, startRecordingServer } from '../testing/servers';
import type { RecordingServer } from '../testing/servers';
import { createAddressPolicy } from './address-policy';
import { createHttpClient } from './http-client';
import { NetError } from './net-error';
import type { Lookup } from './resolve';
import { systemLookup } from './resolve';

/**
 * security.md §1: every vector is refused before a connection is made. Listeners on 127.0.0.1 and ::1 at the
 * port every vector names must see zero connections. Names resolve through a table standing in for DNS, so
 * the address check itself is what refuses them (not a resolver that happens to be offline).
 */

const DNS: Record<string, string[]> = {
  localhost: ['127.0.0.1', '::1'],
  'localhost.': ['127.0.0.1', '::1'],
  'metadata.google.internal': ['169.254.169.254'],
  '127.0.0.1.nip.io': ['127.0.0.1'],
  'mixed.example.com': ['8.8.8.8', '10.0.0.1'],
  'mixed-v6.example.com': ['2001:4860:4860::8888', 'fd12::1'],
  'v6-loopback.example.com': ['::1'],
  'mapped.example.com': ['::ffff:127.0.0.1'],
  'zero.example.com': ['0.0.0.0'],
  'cgnat.example.com': ['100.64.1.1'],
  'nat64.example.com': ['64:ff9b::a9fe:a9fe'],
};
let lookups = 0;
const tableLookup: Lookup = async (hostname) => {
  lookups++;
  const answers = DNS[hostname.toLowerCase()];
  if (answers === undefined) throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
  return answers.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
};

let v4: RecordingServer;
let v6: RecordingServer | undefined;
let P = 0;

beforeAll(async () => {
  v4 = await startRecordingServer();
  P = v4.port;
  try {
    v6 = await startRecordingServer({ host: '::1', port: P });
  } catch {
    v6 = undefined; // no IPv6 loopback on this machine: the v4 listener still guards every IPv4 form.
  }
});
afterAll(async () => {
  await v4.close();
  await v6?.close();
});

/** [label, url]; `${P}` is the listener's port. */
const vectors = (): [string, string][] => [
  // Schemes
  ['file scheme', 'file:///etc/passwd'],
  ['gopher scheme', `gopher://127.0.0.1:${P}/_GET`],
  ['dict scheme', `dict://127.0.0.1:${P}/info`],
  ['ftp scheme', `ftp://127.0.0.1:${P}/`],
  ['data scheme', 'data:text/plain,hello'],
  ['ws scheme', `ws://127.0.0.1:${P}/`],
  ['javascript scheme', 'javascript:alert(1)'],
  // Loopback in every encoding
  ['127.0.0.1', `http://127.0.0.1:${P}/`],
  ['127.1', `http://127.1:${P}/`],
  ['octal 0177.0.0.1', `http://0177.0.0.1:${P}/`],
  ['hex 0x7f.1', `http://0x7f.1:${P}/`],
  ['hex 0x7f000001', `http://0x7f000001:${P}/`],
  ['decimal 2130706433', `http://2130706433:${P}/`],
  ['octal 017700000001', `http://017700000001:${P}/`],
  ['0', `http://0:${P}/`],
  ['0.0.0.0', `http://0.0.0.0:${P}/`],
  ['LOCALHOST', `http://LOCALHOST:${P}/`],
  ['localhost.', `http://localhost.:${P}/`],
  ['[::1]', `http://[::1]:${P}/`],
  ['[0:0:0:0:0:0:0:1]', `http://[0:0:0:0:0:0:0:1]:${P}/`],
  ['[::]', `http://[::]:${P}/`],
  ['[::ffff:127.0.0.1]', `http://[::ffff:127.0.0.1]:${P}/`],
  ['[::ffff:7f00:1]', `http://[::ffff:7f00:1]:${P}/`],
  ['percent-encoded %31%32%37.0.0.1', `http://%31%32%37.0.0.1:${P}/`],
  ['enclosed digits ①②⑦.0.0.1', `http://①②⑦.0.0.1:${P}/`],
  ['https loopback', `https://127.0.0.1:${P}/`],
  ['127.255.255.254', `http://127.255.255.254:${P}/`],
  // Cloud metadata
  ['169.254.169.254', 'http://169.254.169.254/latest/meta-data/'],
  ['169.254.169.254.', 'http://169.254.169.254./latest/meta-data/'],
  ['[::ffff:a9fe:a9fe]', 'http://[::ffff:a9fe:a9fe]/'],
  ['[::ffff:169.254.169.254]', 'http://[::ffff:169.254.169.254]/'],
  ['[fd00:ec2::254]', 'http://[fd00:ec2::254]/'],
  ['169.254.170.2 (ECS)', 'http://169.254.170.2/v2/credentials'],
  ['metadata.google.internal', 'http://metadata.google.internal/computeMetadata/v1/'],
  ['100.100.100.200 (Alibaba)', 'http://100.100.100.200/latest/meta-data/'],
  // Private and special ranges
  ['10.0.0.1', 'http://10.0.0.1/'],
  ['172.31.255.255', 'http://172.31.255.255/'],
  ['172.16.0.1', 'http://172.16.0.1/'],
  ['192.168.0.1', 'http://192.168.0.1/'],
  ['100.64.0.1 (CGNAT)', 'http://100.64.0.1/'],
  ['198.18.0.1 (benchmarking)', 'http://198.18.0.1/'],
  ['192.0.2.1 (documentation)', 'http://192.0.2.1/'],
  ['224.0.0.1 (multicast)', 'http://224.0.0.1/'],
  ['240.0.0.1 (reserved)', 'http://240.0.0.1/'],
  ['255.255.255.255 (broadcast)', 'http://255.255.255.255/'],
  ['[fc00::1] (ULA)', 'http://[fc00::1]/'],
  ['[fe80::1] (link-local)', 'http://[fe80::1]/'],
  ['[ff02::1] (multicast)', 'http://[ff02::1]/'],
  ['[64:ff9b::7f00:1] (NAT64)', 'http://[64:ff9b::7f00:1]/'],
  ['[2002:7f00:1::] (6to4)', 'http://[2002:7f00:1::]/'],
  ['[2001::1] (Teredo)', 'http://[2001::1]/'],
  ['[::ffff:0:7f00:1] (SIIT)', 'http://[::ffff:0:7f00:1]/'],
  ['[2001:db8::1] (documentation)', 'http://[2001:db8::1]/'],
  // Names whose answers are refused
  ['127.0.0.1.nip.io', `http://127.0.0.1.nip.io:${P}/`],
  ['a name answering [8.8.8.8, 10.0.0.1]', 'http://mixed.example.com/'],
  ['a name answering [public v6, ULA]', 'http://mixed-v6.example.com/'],
  ['a name answering ::1', `http://v6-loopback.example.com:${P}/`],
  ['a name answering ::ffff:127.0.0.1', `http://mapped.example.com:${P}/`],
  ['a name answering 0.0.0.0', `http://zero.example.com:${P}/`],
  ['a name answering CGNAT', 'http://cgnat.example.com/'],
  ['a name answering NAT64 metadata', 'http://nat64.example.com/'],
  ['a name that does not resolve', 'http://does-not-exist.example.com/'],
  // Parser tricks
  ['userinfo allowed.com@127.0.0.1', `http://allowed.com@127.0.0.1:${P}/`],
  ['userinfo user:pass@public host', 'http://user:pass@example.com/'],
  ['fragment 127.0.0.1#@allowed.com', `http://127.0.0.1:${P}#@allowed.com/`],
  ['backslash 127.0.0.1\\@allowed.com', `http://127.0.0.1:${P}\\@allowed.com/`],
  ['CRLF in the path', `http://127.0.0.1:${P}/%0d%0aHost:%20allowed.com`],
  ['raw CRLF and tab', `http://127.0.0.1:${P}/\r\n\tX`],
  ['bad port 22', 'http://example.com:22/'],
  ['bad port 25', 'http://example.com:25/'],
  ['not a URL', 'http//127.0.0.1'],
];

describe('SSRF vectors (guarded client)', () => {
  const client = createHttpClient({
    policy: loopbackPolicy(),
    addressPolicy: createAddressPolicy([]),
    lookup: tableLookup,
  });
  afterAll(() => client.close());

  it('has at least 60 vectors', () => {
    expect(vectors().length).toBeGreaterThanOrEqual(60);
  });

  it.each(vectors())('refuses %s', async (_label, url) => {
    const err = await client.request({ method: 'GET', url }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(NetError);
    expect(['url_invalid', 'userinfo', 'address_blocked', 'dns_failed', 'port_not_allowed']).toContain(
      (err as NetError).kind,
    );
    // Nothing from the outside world is in the message.
    expect((err as NetError).message).not.toMatch(/ECONN|EHOST|127\.0|::1|getaddrinfo/);
  });

  it('refuses plain http when the policy requires https', async () => {
    const strict = createHttpClient({
      policy: loopbackPolicy({ allowHttp: false }),
      addressPolicy: createAddressPolicy([]),
      lookup: tableLookup,
    });
    await expect(strict.request({ method: 'GET', url: 'http://example.com/' })).rejects.toMatchObject({
      kind: 'http_not_allowed',
    });
    await strict.close();
  });

  it('the real resolver refuses localhost too', async () => {
    const real = createHttpClient({
      policy: loopbackPolicy(),
      addressPolicy: createAddressPolicy([]),
      lookup: systemLookup,
    });
    await expect(real.request({ method: 'GET', url: `http://localhost:${P}/` })).rejects.toMatchObject({
      kind: 'address_blocked',
    });
    await real.close();
  });
});

describe('SSRF vectors through the connector pipeline', () => {
  const connectors = createConnectors({ policy: loopbackPolicy(), lookup: tableLookup });
  const httpVectors = () => vectors().filter(([, u]) => /^https?:/i.test(u));

  it.each(httpVectors())('validate refuses %s at resolve', async (_label, url) => {
    const events: string[] = [];
    const out = await connectors.validate(
      {
        systemId: 'ibm-maximo',
        authMethod: 'api_key',
        values: { instance_url: url, api_key: 'maximo-good-key' },
      },
      (e) => events.push(`${e.step}:${e.status}`),
    );
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(['URL_NOT_ALLOWED', 'INSTANCE_UNREACHABLE', 'INVALID_REQUEST']).toContain(out.error.code);
    expect(out.error.step).toBe('resolve');
    expect(events.some((e) => e.startsWith('connect'))).toBe(false);
  });

  it.each(httpVectors())('probe refuses %s', async (_label, url) => {
    const r = await connectors.probe('ibm-maximo', url);
    expect(r.reachable).toBe(false);
    expect(['URL_NOT_ALLOWED', 'INSTANCE_UNREACHABLE']).toContain(r.code);
  });
});

describe('blocked targets look the same whatever is listening', () => {
  it('open, closed and filtered ports give one identical answer', async () => {
    const connectors = createConnectors({ policy: loopbackPolicy(), lookup: tableLookup });
    const closed = await startRecordingServer();
    const closedPort = closed.port;
    await closed.close();
    const results = await Promise.all(
      [`http://127.0.0.1:${P}`, `http://127.0.0.1:${closedPort}`, 'http://10.255.255.1:81'].map((u) =>
        connectors.probe('ibm-maximo', u),
      ),
    );
    const shapes = results.map((r) => ({
      reachable: r.reachable,
      code: r.code,
      message: r.message,
      tls: r.tls,
    }));
    expect(shapes[0]).toEqual(shapes[1]);
    expect(shapes[1]).toEqual(shapes[2]);
    expect(shapes[0]!.code).toBe('URL_NOT_ALLOWED');
  });
});

describe('the listeners', () => {
  it('recorded zero connections from every vector above', () => {
    expect(lookups).toBeGreaterThan(0);
    expect(v4.connections).toBe(0);
    expect(v6?.connections ?? 0).toBe(0);
  });
});
