import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ServerResponse } from 'node:http';
import type { AttemptEvent } from '@flange/protocol';
import { createApiClient } from '../api/api-client';
import { createFlowStore } from './flow-store';
import type { FlowStore } from './flow-store';
import type { KeyValueStorage } from './persistence';
import {
  SESSION_TOKEN,
  failedBadKey,
  memoryStorage,
  session,
  sse,
  stepEvents,
  succeeded,
} from '../test/fixtures';
import { problem, sendJson, startTestServer } from '../test/test-server';
import type { TestServer } from '../test/test-server';

let server: TestServer | null = null;
let store: FlowStore | null = null;
afterEach(async () => {
  store?.dispose();
  store = null;
  await server?.close();
  server = null;
});

const tlsFailure: AttemptEvent = {
  type: 'failed',
  error: {
    code: 'TLS_UNTRUSTED',
    step: 'tls',
    display_message: 'The certificate is self-signed.',
    certificate: {
      sha256: Array.from({ length: 32 }, () => 'AB').join(':'),
      subject: 'CN=maximo',
      issuer: 'CN=maximo',
      valid_from: '2024-01-01',
      valid_to: '2034-01-01',
      self_signed: true,
    },
    retryable: false,
  },
};

/** A contract-speaking stand-in for the Flange API: each attempt plays the next scripted outcome. */
async function apiServer(outcomes: AttemptEvent[][], extra?: (url: string, res: ServerResponse) => boolean) {
  let n = 0;
  server = await startTestServer((req, res): void => {
    const url = req.url ?? '';
    if (extra?.(url, res)) return;
    if (req.method === 'POST' && url === '/v1/connect/attempts') {
      n += 1;
      sendJson(res, 201, { attempt_id: `att_${n}`, events_url: `/v1/connect/attempts/att_${n}/events` });
      return;
    }
    const m = /^\/v1\/connect\/attempts\/att_(\d+)\/events$/.exec(url);
    if (m) {
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      res.end(sse(outcomes[Number(m[1]) - 1] ?? []));
      return;
    }
    sendJson(res, 404, problem('NOT_FOUND', 404));
  });
  const client = createApiClient({ baseUrl: server.baseUrl, sessionToken: SESSION_TOKEN });
  return { server, client };
}

const input = { values: { url: 'https://maximo.example.com', api_key: 'wrong' }, secretKeys: ['api_key'] };

describe('createFlowStore', () => {
  it('runs catalog → form → validating → success and tells the host once', async () => {
    const { client } = await apiServer([[...stepEvents, succeeded]]);
    const onEvent = vi.fn<(name: string, metadata: unknown) => void>();
    const onSuccess = vi.fn<(r: { publicToken: string }) => void>();
    store = createFlowStore({ client, onEvent, onSuccess });
    expect(store.getSnapshot().screen).toBe('catalog');
    store.selectSystem('ibm_maximo', 'api_key');
    expect(store.getSnapshot()).toMatchObject({
      screen: 'form',
      systemId: 'ibm_maximo',
      authMethod: 'api_key',
    });
    await store.submit(input);
    const snap = store.getSnapshot();
    expect(snap.screen).toBe('success');
    expect(snap.steps.map((s) => [s.step, s.status])).toEqual([
      ['resolve', 'succeeded'],
      ['connect', 'succeeded'],
      ['authenticate', 'running'],
    ]);
    expect(onSuccess).toHaveBeenCalledTimes(1);
    expect(onSuccess.mock.calls[0]?.[0].publicToken).toMatch(/^flp_/);
    expect(onEvent.mock.calls.map((c) => c[0])).toEqual([
      'SELECT_SYSTEM',
      'SUBMIT_CREDENTIALS',
      'STEP',
      'STEP',
      'STEP',
      'SUCCESS',
    ]);
    expect(JSON.stringify(onEvent.mock.calls)).not.toContain('wrong');
  });

  it('fails fixably: try again keeps values, clears secrets, and focuses the field at fault', async () => {
    const { client, server: api } = await apiServer([[stepEvents[0]!, failedBadKey], [succeeded]]);
    store = createFlowStore({ client });
    store.selectSystem('ibm_maximo', 'api_key');
    store.setValues(input.values);
    await store.submit(input);
    let snap = store.getSnapshot();
    expect(snap.screen).toBe('failed');
    expect(snap.error).toMatchObject({
      code: 'INVALID_CREDENTIALS',
      param: 'api_key',
      upstream_code: 'BMXAA9549E',
    });
    expect(snap.fieldErrors).toEqual({
      api_key: { message: 'Maximo rejected the API key.', code: 'INVALID_CREDENTIALS' },
    });
    store.tryAgain();
    snap = store.getSnapshot();
    expect(snap.screen).toBe('form');
    expect(snap.values).toEqual({ url: 'https://maximo.example.com' });
    expect(snap.focusField).toBe('api_key');
    await store.submit({ values: { ...input.values, api_key: 'right' }, secretKeys: ['api_key'] });
    expect(store.getSnapshot().screen).toBe('success');
    expect(JSON.parse(api.requests.at(-2)?.body ?? '{}').values.api_key).toBe('right');
  });

  it('keeps secrets on try again when the user asks', async () => {
    const { client } = await apiServer([[failedBadKey]]);
    store = createFlowStore({ client });
    store.selectSystem('ibm_maximo', 'api_key');
    store.setValues(input.values);
    await store.submit(input);
    store.tryAgain({ keepSecrets: true });
    expect(store.getSnapshot().values).toEqual(input.values);
  });

  it('trusting a certificate resubmits the same values with its fingerprint', async () => {
    const { client, server: api } = await apiServer([[tlsFailure], [succeeded]]);
    store = createFlowStore({ client });
    store.selectSystem('ibm_maximo', 'api_key');
    await store.submit(input);
    const cert = store.getSnapshot().error?.certificate;
    expect(cert).toBeDefined();
    await store.trustCertificate(cert!.sha256);
    expect(store.getSnapshot().screen).toBe('success');
    const body = JSON.parse(api.requests.filter((r) => r.method === 'POST').at(-1)?.body ?? '{}');
    expect(body).toMatchObject({ values: input.values, trust_certificate_sha256: cert!.sha256 });
  });

  it('maps a refused attempt creation to a failure with the problem code', async () => {
    const { client } = await apiServer([], (url, res) => {
      if (url !== '/v1/connect/attempts') return false;
      res.setHeader('Retry-After', '60');
      sendJson(res, 429, problem('TOO_MANY_ATTEMPTS', 429, { display_message: 'Wait a few minutes.' }));
      return true;
    });
    store = createFlowStore({ client });
    store.selectSystem('ibm_maximo', 'api_key');
    await store.submit(input);
    expect(store.getSnapshot()).toMatchObject({
      screen: 'failed',
      error: { code: 'TOO_MANY_ATTEMPTS', display_message: 'Wait a few minutes.', retryable: true },
    });
  });

  it('sends server-side field problems back to the form with the field highlighted', async () => {
    const { client } = await apiServer([], (url, res) => {
      if (url !== '/v1/connect/attempts') return false;
      sendJson(
        res,
        400,
        problem('INVALID_REQUEST', 400, { issues: [{ path: 'values.url', message: 'Use https.' }] }),
      );
      return true;
    });
    store = createFlowStore({ client });
    store.selectSystem('ibm_maximo', 'api_key');
    await store.submit(input);
    expect(store.getSnapshot()).toMatchObject({
      screen: 'form',
      fieldErrors: { url: { message: 'Use https.', code: 'INVALID_REQUEST' } },
      focusField: 'url',
    });
  });

  it('an expired session is fatal', async () => {
    const { client } = await apiServer([], (url, res) => {
      sendJson(res, 401, problem('SESSION_EXPIRED', 401));
      return true;
    });
    store = createFlowStore({ client });
    store.selectSystem('ibm_maximo', 'api_key');
    await store.submit(input);
    expect(store.getSnapshot()).toMatchObject({ screen: 'fatal', error: { code: 'SESSION_EXPIRED' } });
  });

  it('resumes a finished attempt on reload without telling the host again', async () => {
    const { client } = await apiServer([], (url, res) => {
      if (url !== '/v1/connect/attempts/att_9') return false;
      sendJson(res, 200, {
        id: 'att_9',
        system_id: 'ibm_maximo',
        auth_method: 'api_key',
        status: 'succeeded',
        events: [...stepEvents, succeeded],
        values: { url: 'https://maximo.example.com' },
      });
      return true;
    });
    const onSuccess = vi.fn<(r: { publicToken: string }) => void>();
    store = createFlowStore({ client, onSuccess });
    await store.start({ ...session, last_attempt_id: 'att_9' });
    expect(store.getSnapshot()).toMatchObject({ screen: 'success', resumed: true, systemId: 'ibm_maximo' });
    expect(onSuccess).not.toHaveBeenCalled();
  });

  it('tells the host once of a success that finished while the page was away (storage proves it)', async () => {
    const { client } = await apiServer([], (url, res) => {
      if (url !== '/v1/connect/attempts/att_9') return false;
      sendJson(res, 200, {
        id: 'att_9',
        system_id: 'ibm_maximo',
        auth_method: 'api_key',
        status: 'succeeded',
        events: [...stepEvents, succeeded],
        values: {},
      });
      return true;
    });
    const storage = memoryStorage();
    const onSuccess = vi.fn<(r: { publicToken: string }) => void>();
    store = createFlowStore({ client, onSuccess, storage });
    await store.start({ ...session, last_attempt_id: 'att_9' });
    expect(store.getSnapshot()).toMatchObject({ screen: 'success', resumed: false });
    expect(onSuccess).toHaveBeenCalledTimes(1);
    store.dispose();
    store = createFlowStore({ client, onSuccess, storage });
    await store.start({ ...session, last_attempt_id: 'att_9' });
    expect(store.getSnapshot()).toMatchObject({ screen: 'success', resumed: true });
    expect(onSuccess).toHaveBeenCalledTimes(1);
  });

  it('never writes a secret to storage, and a new tab returns to the same form', async () => {
    const { client } = await apiServer([]);
    const storage = memoryStorage();
    store = createFlowStore({ client, storage });
    await store.start(session);
    store.selectSystem('ibm_maximo', 'api_key');
    store.setValue('url', 'https://maximo.example.com', true);
    store.setValue('username', 'maxadmin', true);
    store.setValue('api_key', 'SECRET-CANARY-1');
    store.setValues({ password: 'SECRET-CANARY-2' });
    expect([...storage.data.entries()].flat().join(' ')).not.toMatch(/SECRET-CANARY/);
    expect(JSON.parse(storage.getItem('flange:recent') ?? '[]')).toEqual(['ibm_maximo']);
    const tab = createFlowStore({ client, storage });
    await tab.start(session);
    expect(tab.getSnapshot()).toMatchObject({
      screen: 'form',
      systemId: 'ibm_maximo',
      authMethod: 'api_key',
      values: { url: 'https://maximo.example.com', username: 'maxadmin' },
      recent: ['ibm_maximo'],
    });
    tab.dispose();
  });

  it('resumes a running attempt by following its events', async () => {
    const { client } = await apiServer([], (url, res) => {
      if (url === '/v1/connect/attempts/att_5') {
        sendJson(res, 200, {
          id: 'att_5',
          system_id: 'ibm_maximo',
          auth_method: 'api_key',
          status: 'running',
          events: stepEvents.slice(0, 1),
          values: {},
        });
        return true;
      }
      if (url === '/v1/connect/attempts/att_5/events') {
        res.writeHead(200, { 'Content-Type': 'text/event-stream' });
        res.end(sse([...stepEvents, succeeded]));
        return true;
      }
      return false;
    });
    const onSuccess = vi.fn<(r: { publicToken: string }) => void>();
    store = createFlowStore({ client, onSuccess });
    await store.start({ ...session, last_attempt_id: 'att_5' });
    expect(store.getSnapshot().screen).toBe('success');
    expect(store.getSnapshot().steps).toHaveLength(3);
    expect(onSuccess).toHaveBeenCalledTimes(1);
  });

  it('persists only the values marked persistable and restores the form after a reload', async () => {
    const { client } = await apiServer([]);
    const data = new Map<string, string>();
    const storage: KeyValueStorage = {
      getItem: (k) => data.get(k) ?? null,
      setItem: (k, v) => void data.set(k, v),
      removeItem: (k) => void data.delete(k),
    };
    store = createFlowStore({ client, storage });
    await store.start(session);
    store.selectSystem('ibm_maximo', 'api_key');
    store.setValue('url', 'https://maximo.example.com', true);
    store.setValue('api_key', 'SECRET-CANARY');
    expect([...data.values()].join()).not.toContain('SECRET-CANARY');
    store.dispose();

    store = createFlowStore({ client, storage });
    await store.start(session);
    expect(store.getSnapshot()).toMatchObject({
      screen: 'form',
      systemId: 'ibm_maximo',
      values: { url: 'https://maximo.example.com' },
    });
  });

  it('keeps the position on the session too, so a browser without storage returns to the form', async () => {
    let saved: unknown = null;
    const { client, server: api } = await apiServer([], (url, res) => {
      if (url !== '/v1/connect/position') return false;
      if (api.requests.at(-1)?.method === 'POST') {
        saved = (JSON.parse(api.requests.at(-1)?.body ?? '{}') as { position: unknown }).position;
        res.writeHead(204).end();
      } else sendJson(res, 200, { position: saved });
      return true;
    });
    store = createFlowStore({ client, storage: null });
    await store.start(session);
    store.selectSystem('ibm_maximo', 'api_key');
    store.setValue('url', 'https://maximo.example.com', true);
    store.setValue('api_key', 'SECRET-CANARY-3');
    store.dispose();
    await vi.waitFor(() =>
      expect(saved).toEqual({
        system_id: 'ibm_maximo',
        auth_method: 'api_key',
        values: { url: 'https://maximo.example.com' },
      }),
    );
    expect(api.requests.map((r) => r.body).join()).not.toContain('SECRET-CANARY');

    store = createFlowStore({ client, storage: null });
    await store.start(session);
    expect(store.getSnapshot()).toMatchObject({
      screen: 'form',
      systemId: 'ibm_maximo',
      values: { url: 'https://maximo.example.com' },
    });
  });

  it('starts a reconnect session on the form of the connection system', async () => {
    const { client } = await apiServer([]);
    store = createFlowStore({ client });
    await store.start({
      ...session,
      reconnect: {
        connection_id: 'conn_1',
        system_id: 'ibm_maximo',
        auth_method: 'basic',
        instance_url: null,
      },
    });
    expect(store.getSnapshot()).toMatchObject({
      screen: 'form',
      systemId: 'ibm_maximo',
      authMethod: 'basic',
    });
  });

  it('requests a system that has no connector', async () => {
    const { client, server: api } = await apiServer([], (url, res) => {
      if (url !== '/v1/connect/system-requests') return false;
      res.writeHead(201).end();
      return true;
    });
    const onEvent = vi.fn<(name: string, metadata: unknown) => void>();
    store = createFlowStore({ client, onEvent });
    store.openRequest('Infor EAM', 'infor_eam');
    await store.submitRequest('Infor EAM', 'We run 11.7');
    expect(store.getSnapshot().screen).toBe('requested');
    expect(JSON.parse(api.requests[0]?.body ?? '')).toEqual({
      name: 'Infor EAM',
      system_id: 'infor_eam',
      note: 'We run 11.7',
    });
    expect(onEvent).toHaveBeenCalledWith('REQUEST_SYSTEM', { system_id: 'infor_eam', name: 'Infor EAM' });
  });
});
