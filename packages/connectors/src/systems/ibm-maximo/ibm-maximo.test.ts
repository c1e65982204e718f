import { createHash } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startMaximoSimulator } from '@flange/simulators';
import type { MaximoSimulator } from '@flange/simulators';
import type { StepEvent } from '@flange/protocol';
import type { NetworkPolicy } from '../../api';
import { createConnectors } from '../../connectors';
import { contractPolicy, expectFailure, expectSuccess } from '../../testing';
import { startRecordingServer } from '../../testing/servers';

const localhostLookup = async () => [{ address: '127.0.0.1', family: 4 as const }];

function connectorsFor(policy: Partial<NetworkPolicy> = {}, ca?: string[]) {
  return createConnectors({ policy: contractPolicy(policy), lookup: localhostLookup, ...(ca ? { ca } : {}) });
}

async function validate(
  c: ReturnType<typeof connectorsFor>,
  authMethod: string,
  values: Record<string, string>,
  trusted?: string,
) {
  const events: StepEvent[] = [];
  const out = await c.validate(
    { systemId: 'ibm-maximo', authMethod, values, ...(trusted ? { trustedCertificateSha256: trusted } : {}) },
    (e) => events.push(e),
  );
  return { out, events };
}

describe('IBM Maximo over self-signed TLS', () => {
  let sim: MaximoSimulator;
  beforeAll(async () => {
    sim = await startMaximoSimulator({ tls: 'self-signed' });
  });
  afterAll(() => sim.close());
  afterEach(() => sim.clearLog());
  const url = () => `https://localhost:${sim.port}`;

  it('stops at tls with the certificate to review, before any request', async () => {
    const { out, events } = await validate(connectorsFor(), 'api_key', {
      instance_url: url(),
      api_key: 'maximo-good-key',
    });
    const error = expectFailure(out);
    expect(error.code).toBe('TLS_UNTRUSTED');
    expect(error.step).toBe('tls');
    expect(error.certificate?.sha256).toBe(sim.certificate!.sha256);
    expect(error.certificate?.self_signed).toBe(true);
    expect(error.certificate?.subject).toContain('CN=localhost');
    expect(events.map((e) => `${e.step}:${e.status}`)).toEqual([
      'resolve:running',
      'resolve:succeeded',
      'connect:running',
      'connect:succeeded',
      'tls:running',
      'tls:failed',
    ]);
    expect(sim.requests.length).toBe(0);
  });

  it('succeeds when the user trusts exactly that certificate, and reports the pin', async () => {
    const { out } = await validate(
      connectorsFor(),
      'maxauth',
      { instance_url: url(), username: 'maxadmin', password: 'pass_good' },
      sim.certificate!.sha256,
    );
    expect(expectSuccess(out).pinnedCertificateSha256).toBe(sim.certificate!.sha256);
  });

  it('refuses another pin, and sends nothing', async () => {
    const other = Array.from({ length: 32 }, () => 'AB').join(':');
    const { out } = await validate(
      connectorsFor(),
      'api_key',
      { instance_url: url(), api_key: 'maximo-good-key' },
      other,
    );
    expect(!out.ok && out.error.code).toBe('TLS_UNTRUSTED');
    expect(sim.requests.length).toBe(0);
  });

  it('probe says it is Maximo, with an untrusted certificate', async () => {
    const r = await connectorsFor().probe('ibm-maximo', url());
    expect(r).toMatchObject({
      reachable: true,
      tls: 'untrusted',
      product: 'match',
      product_name: 'IBM Maximo',
      code: 'TLS_UNTRUSTED',
    });
    expect(r.certificate?.sha256).toBe(sim.certificate!.sha256);
    // The look was unauthenticated.
    expect(
      sim.requests.every((q) => q.headers['apikey'] === undefined && q.headers['maxauth'] === undefined),
    ).toBe(true);
  });
});

describe('IBM Maximo behind a private CA', () => {
  let sim: MaximoSimulator;
  let wrongName: MaximoSimulator;
  beforeAll(async () => {
    sim = await startMaximoSimulator({ tls: 'private-ca' });
    wrongName = await startMaximoSimulator({
      tls: {
        issuer: 'private-ca',
        commonName: 'maximo.internal',
        altNames: { dns: ['maximo.internal'], ip: [] },
      },
    });
  });
  afterAll(async () => {
    await sim.close();
    await wrongName.close();
  });

  it('is untrusted (not self-signed) without the CA, trusted with it', async () => {
    const values = { instance_url: `https://localhost:${sim.port}`, api_key: 'maximo-good-key' };
    const untrusted = await validate(connectorsFor(), 'api_key', values);
    expect(!untrusted.out.ok && untrusted.out.error.certificate?.self_signed).toBe(false);
    const trusted = await validate(connectorsFor({}, [sim.certificate!.ca!]), 'api_key', values);
    expect(expectSuccess(trusted.out).pinnedCertificateSha256).toBeUndefined();
  });

  it('a certificate for another host name is untrusted even from a trusted CA; a pin accepts it', async () => {
    const values = { instance_url: `https://localhost:${wrongName.port}`, api_key: 'maximo-good-key' };
    const c = connectorsFor({}, [wrongName.certificate!.ca!]);
    const refused = await validate(c, 'api_key', values);
    expect(!refused.out.ok && refused.out.error.code).toBe('TLS_UNTRUSTED');
    const pinned = await validate(c, 'api_key', values, wrongName.certificate!.sha256);
    expect(pinned.out.ok).toBe(true);
  });
});

describe('IBM Maximo scenarios', () => {
  let sim: MaximoSimulator;
  beforeAll(async () => {
    sim = await startMaximoSimulator({
      ipBlock: { maxFailures: 3, windowMs: 60_000, blockMs: 60_000 },
      credentialSlowMs: 5_000,
    });
  });
  afterAll(() => sim.close());
  afterEach(() => {
    sim.state.reset();
    sim.setMode('normal');
    sim.clearLog();
  });

  it('lists IBM Maximo from the catalog with both methods and the steps it runs', () => {
    const info = connectorsFor().get('ibm-maximo')!;
    expect(info.summary).toMatchObject({ id: 'ibm-maximo', name: 'IBM Maximo', availability: 'available' });
    expect(info.authMethods.map((m) => m.id)).toEqual(['api_key', 'maxauth']);
    expect(info.steps).toEqual([
      'resolve',
      'connect',
      'tls',
      'fingerprint',
      'authenticate',
      'authorize',
      'logout',
    ]);
    expect(info.entities.map((e) => e.id)).toEqual(['work_orders', 'assets', 'locations', 'inventory']);
  });

  it('repeated failures get the address blocked (BMXAA7878E); each failure was one request', async () => {
    const c = connectorsFor();
    for (let i = 0; i < 3; i++) {
      const before = sim.state.authAttempts;
      const { out } = await validate(c, 'maxauth', {
        instance_url: sim.url,
        username: 'maxadmin',
        password: `wrong-${i}`,
      });
      expect(!out.ok && out.error.code).toBe('LOGIN_FAILED');
      expect(sim.state.authAttempts - before).toBe(1);
    }
    const { out } = await validate(c, 'api_key', { instance_url: sim.url, api_key: 'maximo-good-key' });
    const error = expectFailure(out);
    expect(error.code).toBe('IP_BLOCKED');
    expect(error.retryable).toBe(false);
    expect(error.guidance?.steps.join(' ')).toContain('Manage Blocked IP Addresses');
  });

  it('admin mode refuses a correct key with the obscured failure, naming admin mode as a cause', async () => {
    sim.state.adminMode = true;
    const { out } = await validate(connectorsFor(), 'api_key', {
      instance_url: sim.url,
      api_key: 'maximo-good-key',
    });
    const error = expectFailure(out);
    expect(error.code).toBe('LOGIN_FAILED');
    expect(error.possible_causes?.join(' ')).toMatch(/admin mode/);
    expect(error.guidance?.steps.join(' ')).toMatch(/LOGINTRACKING/);
  });

  it('a slow server times out at authenticate, retryable, with exactly one sign-in request', async () => {
    const { out } = await validate(connectorsFor({ totalTimeoutMs: 400 }), 'api_key', {
      instance_url: sim.url,
      api_key: 'maximo-slow-key',
    });
    const error = expectFailure(out);
    expect(error).toMatchObject({ code: 'UPSTREAM_TIMEOUT', step: 'authenticate', retryable: true });
    expect(sim.state.authAttempts).toBe(1);
  });

  it('a server that resets connections is unreachable, never reaching sign-in', async () => {
    sim.setMode('down');
    const { out } = await validate(connectorsFor(), 'api_key', {
      instance_url: sim.url,
      api_key: 'maximo-good-key',
    });
    const error = expectFailure(out);
    expect(error).toMatchObject({ code: 'INSTANCE_UNREACHABLE', retryable: true });
    // The reset can beat the client's connect event on loopback, so it shows at connect or at the first request.
    expect(['connect', 'fingerprint']).toContain(error.step);
    expect(sim.connections).toBeLessThanOrEqual(3);
    expect(sim.state.authAttempts).toBe(0);
  });

  it('retries an idempotent look once after a dropped connection, and never retries the sign-in', async () => {
    const maximoError = JSON.stringify({
      Error: { reasonCode: 'BMXAA0021E', message: 'BMXAA0021E - x', statusCode: '401' },
    });
    const flaky = await startRecordingServer({ handler: (req) => req.socket.destroy() });
    const first = await validate(connectorsFor(), 'api_key', {
      instance_url: flaky.url,
      api_key: 'maximo-good-key',
    });
    expect(!first.out.ok && first.out.error).toMatchObject({
      code: 'INSTANCE_UNREACHABLE',
      step: 'fingerprint',
    });
    expect(flaky.requests.length).toBe(2);
    await flaky.close();

    const dropsLogin = await startRecordingServer({
      handler: (req, res) => {
        if (req.headers['apikey'] === undefined)
          res.writeHead(401, { 'content-type': 'application/json' }).end(maximoError);
        else req.socket.destroy();
      },
    });
    const second = await validate(connectorsFor(), 'api_key', {
      instance_url: dropsLogin.url,
      api_key: 'maximo-good-key',
    });
    expect(!second.out.ok && second.out.error).toMatchObject({
      code: 'INSTANCE_UNREACHABLE',
      step: 'authenticate',
    });
    expect(dropsLogin.requests.filter((q) => q.headers['apikey'] !== undefined).length).toBe(1);
    await dropsLogin.close();
  });

  it('a session is logged out even when authorize fails', async () => {
    const { out, events } = await validate(connectorsFor(), 'maxauth', {
      instance_url: sim.url,
      username: 'noperm',
      password: 'pass_good',
    });
    expect(!out.ok && out.error.code).toBe('INSUFFICIENT_PERMISSIONS');
    expect(events.filter((e) => e.step === 'logout').map((e) => e.status)).toEqual(['running', 'succeeded']);
    expect(sim.state.logouts).toBe(1);
    expect(sim.state.openSessions).toBe(0);
    // One native login for the whole attempt: later calls reuse the session cookie.
    expect(sim.state.sessionsOpened).toBe(1);
  });

  it('probe: this is IBM Maximo; an unrelated server is not; a closed port is unreachable', async () => {
    const c = connectorsFor();
    expect(await c.probe('ibm-maximo', `${sim.url}/maximo/webclient/login/login.jsp`)).toMatchObject({
      normalized_url: sim.url,
      reachable: true,
      tls: 'none',
      product: 'match',
      message: 'This is IBM Maximo.',
    });
    const other = await startRecordingServer({
      handler: (_q, r) => r.writeHead(200, { 'content-type': 'text/html' }).end('<h1>Intranet</h1>'),
    });
    expect(await c.probe('ibm-maximo', other.url)).toMatchObject({
      reachable: true,
      product: 'mismatch',
      code: 'WRONG_PRODUCT',
    });
    const { out } = await validate(c, 'api_key', { instance_url: other.url, api_key: 'maximo-good-key' });
    expect(!out.ok && out.error).toMatchObject({
      code: 'WRONG_PRODUCT',
      step: 'fingerprint',
      param: 'instance_url',
    });
    expect(other.requests.every((q) => q.headers['apikey'] === undefined)).toBe(true);
    await other.close();
    expect(await c.probe('ibm-maximo', other.url)).toMatchObject({
      reachable: false,
      code: 'INSTANCE_UNREACHABLE',
    });
  });

  it('loginIdentity counts by host and user, and by a hash of an API key', () => {
    const c = connectorsFor();
    expect(
      c.loginIdentity('ibm-maximo', 'maxauth', {
        instance_url: 'https://Maximo.Example.com/maximo/webclient',
        username: ' MaxAdmin ',
        password: 'x',
      }),
    ).toEqual({
      host: 'maximo.example.com',
      principal: 'username:maxadmin',
    });
    const id = c.loginIdentity('ibm-maximo', 'api_key', {
      instance_url: 'maximo.example.com:9443',
      api_key: 'secret-key-value',
    });
    expect(id?.host).toBe('maximo.example.com:9443');
    expect(id?.principal).toBe(
      `api_key:sha256:${createHash('sha256').update('secret-key-value').digest('hex').slice(0, 32)}`,
    );
    expect(JSON.stringify(id)).not.toContain('secret-key-value');
    expect(c.loginIdentity('ibm-maximo', 'nope', {})).toBeNull();
    expect(c.loginIdentity('ibm-maximo', 'api_key', { instance_url: 'ftp://x' })).toBeNull();
  });

  it('bad input is refused before any network call', async () => {
    const c = connectorsFor();
    const missing = await validate(c, 'api_key', { instance_url: sim.url });
    expect(!missing.out.ok && missing.out.error).toMatchObject({ code: 'INVALID_REQUEST', param: 'api_key' });
    const unknown = await validate(c, 'api_key', {
      instance_url: sim.url,
      api_key: 'maximo-good-key',
      extra: 'x',
    });
    expect(!unknown.out.ok && unknown.out.error.code).toBe('INVALID_REQUEST');
    const scheme = await validate(c, 'api_key', {
      instance_url: 'ftp://maximo.example.com',
      api_key: 'maximo-good-key',
    });
    expect(!scheme.out.ok && scheme.out.error).toMatchObject({
      code: 'INVALID_REQUEST',
      param: 'instance_url',
    });
    expect(sim.requests.length).toBe(0);
  });
});
