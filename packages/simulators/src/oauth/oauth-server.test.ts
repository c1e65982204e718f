import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../framework/simulator';
import type { Simulator } from '../framework/simulator';
import { call, form } from '../support/test-fetch';
import { createOAuthServer } from './oauth-server';
import type { OAuthServer } from './oauth-server';

let sim: Simulator;
let oauth: OAuthServer;
beforeAll(async () => {
  oauth = createOAuthServer({
    issuer: 'https://idp.test',
    clients: [
      {
        clientId: 'svc',
        clientSecret: 's3cret',
        grants: ['client_credentials'],
        scopes: ['read', 'write'],
        subject: 'svc-sp',
      },
      { clientId: 'app', clientSecret: 'app-secret', grants: ['password'], subject: 'app' },
      {
        clientId: 'expired',
        clientSecret: 's3cret',
        grants: ['client_credentials'],
        subject: 'x',
        reject: {
          status: 401,
          error: 'invalid_client',
          description: 'secret expired',
          reason: 'secret_expired',
        },
      },
    ],
    users: [
      { username: 'alice', password: 'pw', subject: 'user-1', claims: { name: 'Alice' } },
      {
        username: 'locked',
        password: 'pw',
        subject: 'user-2',
        reject: { status: 400, error: 'invalid_grant', description: 'locked', reason: 'locked' },
      },
    ],
    accessTokenLifetimeSeconds: 60,
  });
  const app = express();
  app.post('/token', express.urlencoded({ extended: false }), oauth.tokenHandler);
  sim = await startSimulator({ name: 'oauth', handler: app });
});
afterAll(() => sim.close());

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

describe('the shared OAuth 2.0 token endpoint', () => {
  it('issues a verifiable RS256 JWT for client credentials with client auth in the body or as Basic', async () => {
    const body = await call(
      `${sim.url}/token`,
      form({ grant_type: 'client_credentials', client_id: 'svc', client_secret: 's3cret', scope: 'read' }),
    );
    expect(body.status).toBe(200);
    expect(body.json).toMatchObject({ token_type: 'Bearer', scope: 'read' });
    expect(body.headers.get('cache-control')).toBe('no-store');
    const claims = oauth.verify(body.json.access_token);
    expect(claims).toMatchObject({ iss: 'https://idp.test', sub: 'svc-sp', client_id: 'svc', scope: 'read' });
    const viaBasic = await call(`${sim.url}/token`, {
      ...form({ grant_type: 'client_credentials' }),
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic('svc', 's3cret') },
    });
    expect(viaBasic.status).toBe(200);
    expect(oauth.issued).toBeGreaterThanOrEqual(2);
  });

  it('runs the password grant and carries the user claims', async () => {
    const r = await call(
      `${sim.url}/token`,
      form({
        grant_type: 'password',
        username: 'alice',
        password: 'pw',
        client_id: 'app',
        client_secret: 'app-secret',
      }),
    );
    expect(r.status).toBe(200);
    expect(r.json.refresh_token).toBeTruthy();
    expect(oauth.verify(r.json.access_token)).toMatchObject({ sub: 'user-1', name: 'Alice' });
  });

  it.each([
    [
      'wrong secret',
      { grant_type: 'client_credentials', client_id: 'svc', client_secret: 'nope' },
      400,
      'invalid_client',
    ],
    [
      'unknown client',
      { grant_type: 'client_credentials', client_id: 'who', client_secret: 'x' },
      400,
      'invalid_client',
    ],
    [
      'scope not granted',
      { grant_type: 'client_credentials', client_id: 'svc', client_secret: 's3cret', scope: 'admin' },
      400,
      'invalid_scope',
    ],
    [
      'grant not allowed for the client',
      {
        grant_type: 'password',
        client_id: 'svc',
        client_secret: 's3cret',
        username: 'alice',
        password: 'pw',
      },
      400,
      'unauthorized_client',
    ],
    [
      'unsupported grant',
      { grant_type: 'magic', client_id: 'svc', client_secret: 's3cret' },
      400,
      'unsupported_grant_type',
    ],
    [
      'wrong user password',
      {
        grant_type: 'password',
        client_id: 'app',
        client_secret: 'app-secret',
        username: 'alice',
        password: 'no',
      },
      400,
      'invalid_grant',
    ],
    [
      'client rejected by data (expired secret)',
      { grant_type: 'client_credentials', client_id: 'expired', client_secret: 's3cret' },
      401,
      'invalid_client',
    ],
    [
      'user rejected by data (locked)',
      {
        grant_type: 'password',
        client_id: 'app',
        client_secret: 'app-secret',
        username: 'locked',
        password: 'pw',
      },
      400,
      'invalid_grant',
    ],
  ])('%s → %i %s (RFC 6749 §5.2)', async (_n, values, status, error) => {
    const r = await call(`${sim.url}/token`, form(values as Record<string, string>));
    expect(r.status).toBe(status);
    expect(r.json.error).toBe(error);
  });

  it('answers 401 with a Basic challenge when a Basic-authenticated client is wrong', async () => {
    const r = await call(`${sim.url}/token`, {
      ...form({ grant_type: 'client_credentials' }),
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic('svc', 'nope') },
    });
    expect(r.status).toBe(401);
    expect(r.headers.get('www-authenticate')).toContain('Basic');
  });

  it('refuses tampered, foreign and garbage tokens', async () => {
    const r = await call(
      `${sim.url}/token`,
      form({ grant_type: 'client_credentials', client_id: 'svc', client_secret: 's3cret' }),
    );
    const token: string = r.json.access_token;
    const [h, p, s] = token.split('.');
    const forged = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(p!, 'base64url').toString()), sub: 'admin' }),
    ).toString('base64url');
    expect(oauth.verify(`${h}.${forged}.${s}`)).toBeNull();
    expect(oauth.verify('not-a-jwt')).toBeNull();
    const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    expect(oauth.verify(`${none}.${p}.${s}`)).toBeNull();
    const other = createOAuthServer({ issuer: 'https://idp.test', clients: [] });
    expect(other.verify(token)).toBeNull();
  }, 30_000);
});
