import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HandoffView } from '@flange/protocol';
import { createApiClient } from '../api/api-client';
import { createFlowStore } from './flow-store';
import type { FlowStore } from './flow-store';
import { SESSION_TOKEN, connection, memoryStorage, session, stepEvents } from '../test/fixtures';
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

const LINK = `https://flange.test/connect#flh_${'s'.repeat(43)}`;
const adminToken = `flp_${'a'.repeat(40)}`;
const adminSuccess = { type: 'succeeded' as const, public_token: adminToken, connection };

const view = (patch: Partial<HandoffView>): HandoffView => ({
  id: 'ho_1',
  status: 'pending',
  created_at: '2029-12-31T23:00:00.000Z',
  expires_at: session.expires_at,
  opened_at: null,
  attempt: null,
  ...patch,
});

/** A stand-in API whose hand-off list the test moves along, as the admin would. */
async function handoffApi(initial: HandoffView[] = []) {
  const state = { list: initial, createStatus: 201 };
  server = await startTestServer((req, res) => {
    if (req.url === '/v1/connect/handoffs' && req.method === 'POST') {
      if (state.createStatus !== 201)
        return sendJson(res, state.createStatus, problem('TOO_MANY_ATTEMPTS', 429));
      state.list = [view({})];
      return sendJson(res, 201, { id: 'ho_1', url: LINK, expires_at: session.expires_at });
    }
    if (req.url === '/v1/connect/handoffs') return sendJson(res, 200, { data: state.list });
    sendJson(res, 404, problem('NOT_FOUND', 404));
  });
  const client = createApiClient({ baseUrl: server.baseUrl, sessionToken: SESSION_TOKEN });
  return { state, client, server };
}

const lists = () =>
  server?.requests.filter((r) => r.method === 'GET' && r.url === '/v1/connect/handoffs').length ?? 0;

describe('hand-off in the flow store', () => {
  it('makes a link with where the user was (no secret), then tells the host when the admin succeeds', async () => {
    const { state, client, server: api } = await handoffApi();
    const onEvent = vi.fn<(name: string, metadata: unknown) => void>();
    const onSuccess = vi.fn<(r: { publicToken: string }) => void>();
    store = createFlowStore({ client, onEvent, onSuccess, storage: memoryStorage(), handoffPollMs: 20 });
    await store.start(session);
    store.selectSystem('ibm_maximo', 'api_key');
    store.setValue('url', 'https://maximo.example.com', true);
    store.setValue('api_key', 'SECRET-CANARY');
    await store.startHandoff();
    expect(store.getSnapshot()).toMatchObject({
      screen: 'handoff',
      handoff: { status: 'pending', url: LINK },
    });
    const post = api.requests.find((r) => r.method === 'POST');
    expect(JSON.parse(post?.body ?? '')).toEqual({
      resume: {
        system_id: 'ibm_maximo',
        auth_method: 'api_key',
        values: { url: 'https://maximo.example.com' },
      },
    });
    expect(onEvent).toHaveBeenCalledWith('HANDOFF', { status: 'created', system_id: 'ibm_maximo' });

    state.list = [view({ status: 'opened', opened_at: '2029-12-31T23:01:00.000Z' })];
    await vi.waitFor(() => expect(store?.getSnapshot().handoff?.status).toBe('opened'));
    expect(onEvent).toHaveBeenCalledWith('HANDOFF', { status: 'opened' });
    // The user may go back to the form meanwhile; the link stays watched.
    store.closeHandoff();
    expect(store.getSnapshot().screen).toBe('form');

    state.list = [
      view({
        status: 'completed',
        attempt: {
          id: 'att_admin',
          system_id: 'ibm_maximo',
          auth_method: 'api_key',
          status: 'succeeded',
          events: [...stepEvents, adminSuccess],
          values: {},
        },
      }),
    ];
    await vi.waitFor(() => expect(store?.getSnapshot().screen).toBe('success'));
    expect(store.getSnapshot()).toMatchObject({ successVia: 'handoff', resumed: false });
    expect(onSuccess).toHaveBeenCalledTimes(1);
    expect(onSuccess).toHaveBeenCalledWith({ publicToken: adminToken, connection });
    const names = onEvent.mock.calls.map((c) => c[0]);
    expect(names.slice(-2)).toEqual(['HANDOFF', 'SUCCESS']);
    // No event ever carries the link, its secret or a credential.
    expect(JSON.stringify(onEvent.mock.calls)).not.toMatch(/flh_|SECRET-CANARY/);
    const before = lists();
    await new Promise((r) => setTimeout(r, 100));
    expect(lists()).toBe(before);
  });

  it('after a reload, returns to the waiting screen and tells the host once when the admin finished', async () => {
    const { state, client } = await handoffApi();
    const storage = memoryStorage();
    const first = createFlowStore({ client, storage, handoffPollMs: 20 });
    await first.start(session);
    first.selectSystem('ibm_maximo', 'api_key');
    await first.startHandoff();
    first.dispose();
    expect([...storage.data.values()].join()).not.toContain('flh_');

    const onSuccess = vi.fn<(r: { publicToken: string }) => void>();
    store = createFlowStore({ client, storage, onSuccess, handoffPollMs: 20 });
    await store.start(session);
    expect(store.getSnapshot()).toMatchObject({ screen: 'handoff', systemId: 'ibm_maximo' });
    await vi.waitFor(() => expect(store?.getSnapshot().handoff).toMatchObject({ id: 'ho_1', url: null }));
    state.list = [
      view({
        status: 'completed',
        attempt: {
          id: 'att_admin',
          system_id: 'ibm_maximo',
          auth_method: 'api_key',
          status: 'succeeded',
          events: [adminSuccess],
          values: {},
        },
      }),
    ];
    await vi.waitFor(() => expect(onSuccess).toHaveBeenCalledTimes(1));
    store.dispose();

    // A third load (a new tab) shows the success without telling the host again.
    const again = vi.fn<(r: { publicToken: string }) => void>();
    store = createFlowStore({ client, storage, onSuccess: again, handoffPollMs: 20 });
    await store.start(session);
    await vi.waitFor(() => expect(store?.getSnapshot()).toMatchObject({ screen: 'success', resumed: true }));
    expect(again).not.toHaveBeenCalled();
  });

  it('reports a refused link on the hand-off screen and stops watching when nothing is open', async () => {
    const { state, client } = await handoffApi();
    state.createStatus = 429;
    store = createFlowStore({ client, handoffPollMs: 20 });
    await store.start(session);
    await vi.waitFor(() => expect(lists()).toBe(1));
    store.selectSystem('ibm_maximo');
    await store.startHandoff();
    expect(store.getSnapshot().handoff).toMatchObject({
      status: 'failed',
      error: { code: 'TOO_MANY_ATTEMPTS' },
    });
    await new Promise((r) => setTimeout(r, 100));
    expect(lists()).toBe(1);
  });

  it('an expired session while waiting ends the flow', async () => {
    let expired = false;
    server = await startTestServer((req, res) => {
      if (req.method === 'POST')
        return sendJson(res, 201, { id: 'ho_1', url: LINK, expires_at: session.expires_at });
      if (expired) return sendJson(res, 401, problem('SESSION_EXPIRED', 401));
      sendJson(res, 200, { data: [view({})] });
    });
    const client = createApiClient({ baseUrl: server.baseUrl, sessionToken: SESSION_TOKEN });
    store = createFlowStore({ client, handoffPollMs: 20 });
    store.selectSystem('ibm_maximo');
    await store.startHandoff();
    expired = true;
    await vi.waitFor(() => expect(store?.getSnapshot().screen).toBe('fatal'));
  });

  it('opens the admin’s page on the form where the sender was', async () => {
    const { client } = await handoffApi();
    store = createFlowStore({ client });
    await store.start(session, {
      resume: {
        system_id: 'ibm_maximo',
        auth_method: 'basic',
        values: { url: 'https://maximo.example.com' },
      },
    });
    expect(store.getSnapshot()).toMatchObject({
      screen: 'form',
      systemId: 'ibm_maximo',
      authMethod: 'basic',
      values: { url: 'https://maximo.example.com' },
    });
  });
});
