import type { IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StepEvent } from '@flange/protocol';
import { createConnectors } from '../connectors';
import { contractPolicy } from '../testing';
import { expectSuccess } from '../testing/outcome';
import { startRecordingServer } from '../testing/servers';
import type { RecordingServer } from '../testing/servers';
import { defineConnector } from './definition';
import type { ConnectorDefinition } from './definition';
import { render, TemplateError } from './template';

/** A small product with a JSON login, a token header, a 200-with-error login failure and OAuth. */
let server: RecordingServer;
const sessions = new Set<string>();
let logouts = 0;

function body(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let s = '';
    req.on('data', (c) => (s += c));
    req.on('end', () => resolve(s));
  });
}

beforeAll(async () => {
  server = await startRecordingServer({
    async handler(req, res) {
      const json = (status: number, b: unknown) =>
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(b));
      const url = new URL(req.url ?? '/', 'http://x');
      const text = await body(req);
      if (url.pathname === '/api/login') {
        const b = JSON.parse(text || '{}') as { user?: string; pass?: string };
        if (b.pass === 'good') {
          const token = `tok-${Math.random().toString(36).slice(2)}`;
          sessions.add(token);
          return json(200, { Success: true, Token: token });
        }
        if (b.user === 'seatless') return json(200, { Success: false, Code: 'LIC_LIMIT' });
        return json(200, { Success: false, Code: 'BAD_LOGIN' });
      }
      if (url.pathname === '/api/logout') {
        if (sessions.delete(String(req.headers['x-session']))) logouts++;
        return json(200, {});
      }
      if (url.pathname === '/oauth/token') {
        const form = new URLSearchParams(text);
        const auth = Buffer.from(
          String(req.headers['authorization'] ?? '').replace(/^Basic /, ''),
          'base64',
        ).toString();
        if (form.get('grant_type') !== 'client_credentials')
          return json(400, { error: 'unsupported_grant_type' });
        if (auth !== 'cid:csecret') return json(401, { error: 'invalid_client' });
        return json(200, { access_token: 'at-123456', token_type: 'Bearer', expires_in: 3600 });
      }
      const token = req.headers['x-session'];
      const bearer = req.headers['authorization'];
      if (url.pathname === '/api/me') {
        if (bearer === 'Bearer at-123456') return json(200, { name: 'svc-app', tenant: 'acme' });
        if (typeof token === 'string' && sessions.has(token))
          return json(200, { name: 'jdoe', company: 'Acme' });
        return json(401, {});
      }
      if (url.pathname === '/api/orders') return json(200, { items: [{ id: 1 }] });
      if (url.pathname === '/api/assets') return json(403, { code: 'NO_RIGHT' });
      json(404, {});
    },
  });
});
afterAll(() => server.close());

const sessionProduct = defineConnector({
  id: 'test-session',
  product: 'Test ERP',
  summary: {
    id: 'test-session',
    name: 'Test ERP',
    vendor: 'Test',
    category: 'erp',
    deployment: ['on_prem'],
    aliases: [],
    availability: 'available',
    popularity: 1,
    logo: { monogram: 'T', background: '#000000', foreground: '#ffffff' },
  },
  entities: [
    {
      id: 'orders',
      label: 'Orders',
      request: { path: '/api/orders' },
      success: { json: 'items', isArray: true },
    },
    { id: 'assets', label: 'Assets', request: { path: '/api/assets' }, required: false },
  ],
  authMethods: [
    {
      id: 'password',
      label: 'User and password',
      fields: [
        { key: 'instance_url', label: 'URL', kind: 'url', required: true },
        { key: 'username', label: 'User', kind: 'text', required: true },
        { key: 'password', label: 'Password', kind: 'secret', required: true },
      ],
      auth: {
        type: 'session',
        login: {
          method: 'POST',
          path: '/api/login',
          body: { json: { user: '{username}', pass: '{password}' } },
        },
        success: { json: 'Success', equals: true },
        token: { json: 'Token' },
        apply: { headers: { 'x-session': '{session_token}' } },
      },
      authenticate: {
        request: { path: '/api/me' },
        account: { user: { json: 'name' }, company: { json: 'company' } },
      },
      logout: { method: 'POST', path: '/api/logout' },
      principal: 'username',
      failures: [
        {
          when: { json: 'Code', equals: 'LIC_LIMIT' },
          code: 'LICENSE_LIMIT',
          message: 'All {product} API seats are in use.',
          upstream_code: { json: 'Code' },
        },
        {
          when: { json: 'Code', equals: 'BAD_LOGIN' },
          code: 'INVALID_CREDENTIALS',
          message: '{product} rejected the user or password.',
          param: 'password',
          upstream_code: { json: 'Code' },
        },
      ],
    },
    {
      id: 'oauth',
      label: 'OAuth client',
      fields: [
        { key: 'instance_url', label: 'URL', kind: 'url', required: true },
        { key: 'client_id', label: 'Client ID', kind: 'text', required: true },
        { key: 'client_secret', label: 'Client secret', kind: 'secret', required: true },
      ],
      auth: {
        type: 'oauth2_client_credentials',
        tokenUrl: '{instance_url}/oauth/token',
        clientId: '{client_id}',
        clientSecret: '{client_secret}',
        scope: 'read',
      },
      authenticate: {
        request: { path: '/api/me' },
        account: { user: { json: 'name' }, tenant: { json: 'tenant' } },
      },
    },
  ],
}) satisfies ConnectorDefinition;

async function run(authMethod: string, values: Record<string, string>) {
  const events: StepEvent[] = [];
  const c = createConnectors({ policy: contractPolicy(), definitions: [sessionProduct] });
  const out = await c.validate({ systemId: 'test-session', authMethod, values }, (e) => events.push(e));
  return { out, events, c };
}

describe('engine: login-for-session', () => {
  it('logs in, carries the token, reads entities (an optional forbidden one is reported), logs out', async () => {
    const before = logouts;
    const { out, events } = await run('password', {
      instance_url: server.url,
      username: 'jdoe',
      password: 'good',
    });
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.account).toEqual({ user: 'jdoe', company: 'Acme' });
    expect(out.entities).toEqual([
      { id: 'orders', label: 'Orders', ok: true },
      { id: 'assets', label: 'Assets', ok: false },
    ]);
    expect(logouts - before).toBe(1);
    expect(sessions.size).toBe(0);
    expect(events.filter((e) => e.status !== 'running').map((e) => `${e.step}:${e.status}`)).toEqual([
      'resolve:succeeded',
      'connect:succeeded',
      'tls:skipped',
      'authenticate:succeeded',
      'authorize:succeeded',
      'logout:succeeded',
    ]);
    const token = server.requests.find((q) => q.url === '/api/me')?.headers['x-session'];
    expect(JSON.stringify(events)).not.toContain(String(token));
  });

  it('a 200 with Success:false is a failure, classified by the product signal', async () => {
    const bad = await run('password', { instance_url: server.url, username: 'jdoe', password: 'nope' });
    expect(!bad.out.ok && bad.out.error).toMatchObject({
      code: 'INVALID_CREDENTIALS',
      param: 'password',
      upstream_code: 'BAD_LOGIN',
      step: 'authenticate',
    });
    const seats = await run('password', { instance_url: server.url, username: 'seatless', password: 'nope' });
    expect(!seats.out.ok && seats.out.error).toMatchObject({
      code: 'LICENSE_LIMIT',
      upstream_code: 'LIC_LIMIT',
    });
    // No session was opened, so no logout is attempted.
    expect(seats.events.find((e) => e.step === 'logout')?.status).toBe('skipped');
  });
});

describe('engine: OAuth2 client credentials', () => {
  it('gets a token with Basic client auth and calls with the bearer', async () => {
    const { out } = await run('oauth', {
      instance_url: server.url,
      client_id: 'cid',
      client_secret: 'csecret',
    });
    expect(expectSuccess(out).account).toEqual({ user: 'svc-app', tenant: 'acme' });
    const tokenCall = server.requests.filter((q) => q.url === '/oauth/token').at(-1);
    expect(tokenCall?.headers['content-type']).toBe('application/x-www-form-urlencoded');
  });

  it('invalid_client points at the secret field', async () => {
    const { out } = await run('oauth', {
      instance_url: server.url,
      client_id: 'cid',
      client_secret: 'wrong-secret',
    });
    expect(!out.ok && out.error).toMatchObject({
      code: 'INVALID_CREDENTIALS',
      param: 'client_secret',
      upstream_code: 'invalid_client',
    });
  });
});

describe('templates', () => {
  it('fills values with filters and refuses unknown names', () => {
    expect(render('{a}:{b|base64}|{c|urlencode}|{{x}}', { a: 'A', b: 'u:p', c: 'a b&c' })).toBe(
      `A:${Buffer.from('u:p').toString('base64')}|a%20b%26c|{x}`,
    );
    expect(render('<p>{v|xml}</p>', { v: '<&>' })).toBe('<p>&lt;&amp;&gt;</p>');
    expect(() => render('{missing}', {})).toThrow(TemplateError);
    expect(() => render('{a|nope}', { a: 'x' })).toThrow(TemplateError);
  });
});

describe('defineConnector', () => {
  it('catches structural mistakes at load time', () => {
    const base = sessionProduct.authMethods[0]!;
    expect(() => defineConnector({ ...sessionProduct, authMethods: [base, base] })).toThrow(/duplicate/);
    expect(() =>
      defineConnector({ ...sessionProduct, authMethods: [{ ...base, principal: 'nope' }] }),
    ).toThrow(/principal/);
    expect(() =>
      defineConnector({ ...sessionProduct, authMethods: [{ ...base, auth: { type: 'custom' } }] }),
    ).toThrow(/hooks.authenticate/);
  });
});
