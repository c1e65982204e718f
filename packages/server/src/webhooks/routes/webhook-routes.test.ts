import {
  WebhookDeliveryList,
  WebhookDeliveryView,
  WebhookEndpointList,
  WebhookEndpointView,
  WebhookEndpointWithSecret,
} from '@flange/protocol';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLifecycleServer, type LifecycleServer } from '../../lifecycle/test-setup';
import { call, connect, expectProblem } from '../../testing/harness';

let s: LifecycleServer;
beforeAll(async () => {
  s = await startLifecycleServer();
}, 60_000);
afterAll(() => s.close());

const api = (method: string, path: string, body?: unknown, token = s.t.testKey) =>
  call(s.t.url, method, path, { token, ...(body !== undefined ? { body } : {}) });

describe('webhook endpoint routes', { timeout: 60_000 }, () => {
  it('create → get → list → roll → delete, the secret shown only by create and roll', async () => {
    const created = await api('POST', '/v1/webhook-endpoints', {
      url: s.receiver.url,
      events: ['connection.revoked'],
      description: 'ops',
    });
    expect(created.status).toBe(201);
    const e = WebhookEndpointWithSecret.parse(created.json);
    expect(e).toMatchObject({ environment: 'test', events: ['connection.revoked'], status: 'enabled' });

    const got = await api('GET', `/v1/webhook-endpoints/${e.id}`);
    expect(WebhookEndpointView.parse(got.json).id).toBe(e.id);
    expect(got.text).not.toContain(e.secret);
    const list = await api('GET', '/v1/webhook-endpoints?limit=10');
    expect(WebhookEndpointList.parse(list.json).data.map((x) => x.id)).toContain(e.id);
    expect(list.text).not.toContain('whsec_');

    const rolled = await api('POST', `/v1/webhook-endpoints/${e.id}/roll-secret`, {
      expires_in_seconds: 600,
    });
    expect(rolled.status).toBe(200);
    const r = WebhookEndpointWithSecret.parse(rolled.json);
    expect(r.secret).not.toBe(e.secret);
    expect(r.previous_secret_expires_at).not.toBeNull();
    expect((await api('POST', `/v1/webhook-endpoints/${e.id}/roll-secret`)).status).toBe(200);

    const del = await api('DELETE', `/v1/webhook-endpoints/${e.id}`);
    expect(del.status).toBe(204);
    expect(del.text).toBe('');
    expectProblem(await api('GET', `/v1/webhook-endpoints/${e.id}`), 'NOT_FOUND', 404);
    expectProblem(await api('DELETE', `/v1/webhook-endpoints/${e.id}`), 'NOT_FOUND', 404);
  });

  it('refuses bad bodies with a problem naming the field, writing nothing', async () => {
    const before = (await s.t.db.query('SELECT 1 FROM webhook_endpoints')).rows.length;
    const cases: [unknown, string][] = [
      [{}, 'url'],
      [{ url: 42 }, 'url'],
      [{ url: 'ftp://example.com/x' }, 'url'],
      [{ url: 'https://user:pw@example.com/x' }, 'url'],
      [{ url: 'javascript:alert(1)' }, 'url'],
      [{ url: 'https://example.com', events: ['connection.exploded'] }, 'events.0'],
      [{ url: 'https://example.com', events: [] }, 'events'],
      [{ url: 'https://example.com', secret: 'whsec_mine' }, 'secret'],
      [{ url: 'https://example.com', description: 'x'.repeat(501) }, 'description'],
    ];
    for (const [body, param] of cases) {
      const p = expectProblem(await api('POST', '/v1/webhook-endpoints', body), 'INVALID_REQUEST', 400);
      expect({ body, param: p.param }).toEqual({ body, param });
    }
    expectProblem(await api('POST', '/v1/webhook-endpoints', []), 'INVALID_REQUEST', 400);
    expectProblem(
      await call(s.t.url, 'POST', '/v1/webhook-endpoints', {
        token: s.t.testKey,
        raw: 'url=https://x',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
      'UNSUPPORTED_MEDIA_TYPE',
      415,
    );
    expect((await s.t.db.query('SELECT 1 FROM webhook_endpoints')).rows.length).toBe(before);
  });

  it('refuses webhook URLs that break the SSRF rules', async () => {
    for (const url of [
      'http://10.0.0.1/hook',
      'http://169.254.169.254/latest/meta-data',
      'http://[::1]:8080/x',
      'http://0x7f.1:9/x',
      'http://192.168.0.1/x',
      'http://127.0.0.1:22/x',
    ]) {
      const p = expectProblem(await api('POST', '/v1/webhook-endpoints', { url }), 'URL_NOT_ALLOWED', 422);
      expect(p.param).toBe('url');
    }
  });

  it('keeps environments and token kinds apart', async () => {
    const e = WebhookEndpointWithSecret.parse(
      (await api('POST', '/v1/webhook-endpoints', { url: s.receiver.url })).json,
    );
    expectProblem(
      await api('GET', `/v1/webhook-endpoints/${e.id}`, undefined, s.t.liveKey),
      'NOT_FOUND',
      404,
    );
    expect(
      WebhookEndpointList.parse((await api('GET', '/v1/webhook-endpoints', undefined, s.t.liveKey)).json)
        .data,
    ).toEqual([]);
    const c = await connect(s.t);
    expectProblem(
      await api('GET', '/v1/webhook-endpoints', undefined, c.accessToken),
      'WRONG_TOKEN_KIND',
      401,
    );
    expectProblem(await call(s.t.url, 'GET', '/v1/webhook-endpoints'), 'UNAUTHORIZED', 401);
    expectProblem(await api('GET', '/v1/webhook-endpoints?limit=0'), 'INVALID_REQUEST', 400);
    expectProblem(await api('GET', '/v1/webhook-endpoints?cursor=forged'), 'INVALID_REQUEST', 400);
    expectProblem(await api('GET', '/v1/webhook-endpoints?foo=1'), 'INVALID_REQUEST', 400);
    expectProblem(await api('PUT', '/v1/webhook-endpoints'), 'METHOD_NOT_ALLOWED', 405);
    expectProblem(
      await api('POST', `/v1/webhook-endpoints/${e.id}/roll-secret`, { expires_in_seconds: 8 * 86400 }),
      'INVALID_REQUEST',
      400,
    );
  });
});

describe('webhook delivery routes', { timeout: 60_000 }, () => {
  it('lists deliveries with attempts, retries one by hand under the same webhook-id', async () => {
    const e = WebhookEndpointWithSecret.parse(
      (await api('POST', '/v1/webhook-endpoints', { url: s.receiver.url })).json,
    );
    s.receiver.respond((_req, res) => res.writeHead(503).end());
    const c = await connect(s.t);
    await s.lifecycle.webhooks.dispatcher.runOnce();

    const list = WebhookDeliveryList.parse(
      (await api('GET', `/v1/webhook-deliveries?endpoint_id=${e.id}`)).json,
    );
    expect(list.data).toHaveLength(1);
    const d = list.data[0]!;
    expect(d).toMatchObject({ event_type: 'connection.created', status: 'pending', attempt_count: 1 });
    expect(d.attempts[0]).toMatchObject({ status_code: 503, error_class: 'http_status', outcome: 'failed' });
    expect(WebhookDeliveryView.parse((await api('GET', `/v1/webhook-deliveries/${d.id}`)).json).id).toBe(
      d.id,
    );

    s.receiver.respond((_req, res) => res.writeHead(200).end());
    const retried = await api('POST', `/v1/webhook-deliveries/${d.id}/retry`);
    expect(retried.status).toBe(202);
    await s.deliver();
    const after = WebhookDeliveryView.parse((await api('GET', `/v1/webhook-deliveries/${d.id}`)).json);
    expect(after).toMatchObject({ status: 'succeeded', attempt_count: 2 });
    expect(after.attempts[1]).toMatchObject({ manual: true, status_code: 200 });
    const ids = s.receiver.requests
      .filter((r) => r.body.includes(c.connectionId))
      .map((r) => r.headers['webhook-id']);
    expect(new Set(ids)).toEqual(new Set([d.event_id]));

    const filtered = WebhookDeliveryList.parse(
      (await api('GET', '/v1/webhook-deliveries?status=failed')).json,
    );
    expect(filtered.data.every((x) => x.status === 'failed')).toBe(true);
  });

  it('refuses bad queries, unknown ids and other environments', async () => {
    expectProblem(await api('GET', '/v1/webhook-deliveries?status=lost'), 'INVALID_REQUEST', 400);
    expectProblem(await api('GET', '/v1/webhook-deliveries?limit=101'), 'INVALID_REQUEST', 400);
    expectProblem(await api('GET', '/v1/webhook-deliveries/whd_nope'), 'NOT_FOUND', 404);
    expectProblem(await api('POST', '/v1/webhook-deliveries/whd_nope/retry'), 'NOT_FOUND', 404);
    // The previous test left deliveries behind.
    const d = WebhookDeliveryList.parse((await api('GET', '/v1/webhook-deliveries')).json).data[0]!;
    expect(d).toBeDefined();
    expectProblem(
      await api('POST', `/v1/webhook-deliveries/${d.id}/retry`, undefined, s.t.liveKey),
      'NOT_FOUND',
      404,
    );
    expectProblem(
      await api('POST', `/v1/webhook-deliveries/${d.id}/retry`, { now: true }),
      'INVALID_REQUEST',
      400,
    );
  });
});

describe('webhook delivery pages', { timeout: 60_000 }, () => {
  it('pages newest first with limit and cursor → next_cursor, without gaps or repeats', async () => {
    // The earlier tests left deliveries behind (all made at the same clock time: the id breaks the tie).
    const all = WebhookDeliveryList.parse((await api('GET', '/v1/webhook-deliveries?limit=100')).json);
    expect(all.data.length).toBeGreaterThanOrEqual(2);
    expect(all.next_cursor).toBeNull();
    const ids: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const q: string = cursor ? `?limit=1&cursor=${encodeURIComponent(cursor)}` : '?limit=1';
      const page = WebhookDeliveryList.parse((await api('GET', `/v1/webhook-deliveries${q}`)).json);
      expect(page.data).toHaveLength(1);
      ids.push(...page.data.map((d) => d.id));
      cursor = page.next_cursor;
      pages++;
    } while (cursor !== null && pages < 50);
    expect(ids).toEqual(all.data.map((d) => d.id));
    expectProblem(await api('GET', '/v1/webhook-deliveries?cursor=forged'), 'INVALID_REQUEST', 400);
  });
});

describe('PATCH /v1/webhook-endpoints/:id', { timeout: 60_000 }, () => {
  const patch = (id: string, body: unknown, token = s.t.testKey) =>
    api('PATCH', `/v1/webhook-endpoints/${id}`, body, token);

  it('re-enables an endpoint a 410 disabled; deliveries flow again, signed with its secret', async () => {
    // Endpoints of earlier tests share the receiver: take them out of the way first.
    for (const old of WebhookEndpointList.parse((await api('GET', '/v1/webhook-endpoints')).json).data)
      await api('DELETE', `/v1/webhook-endpoints/${old.id}`);
    const e = WebhookEndpointWithSecret.parse(
      (await api('POST', '/v1/webhook-endpoints', { url: s.receiver.url })).json,
    );
    s.receiver.respond((_req, res) => res.writeHead(410).end());
    const c = await connect(s.t);
    await s.deliver();
    const gone = WebhookEndpointView.parse((await api('GET', `/v1/webhook-endpoints/${e.id}`)).json);
    expect(gone).toMatchObject({ status: 'disabled', disabled_reason: 'gone' });
    const failed = WebhookDeliveryList.parse(
      (await api('GET', `/v1/webhook-deliveries?endpoint_id=${e.id}`)).json,
    ).data[0]!;
    expect(failed).toMatchObject({ event_type: 'connection.created', status: 'failed' });

    s.receiver.respond((_req, res) => res.writeHead(200).end());
    const enabled = await patch(e.id, { status: 'enabled' });
    expect(enabled.status).toBe(200);
    expect(WebhookEndpointView.parse(enabled.json)).toMatchObject({
      id: e.id,
      status: 'enabled',
      disabled_reason: null,
      url: e.url,
      events: ['*'],
    });
    expect(enabled.text).not.toContain('whsec_');

    // The event lost to the 410 can be sent again by hand, and new events are queued and delivered.
    const from = s.receiver.requests.length;
    expect((await api('POST', `/v1/webhook-deliveries/${failed.id}/retry`)).status).toBe(202);
    expect((await api('DELETE', `/v1/connections/${c.connectionId}`)).status).toBe(200);
    await s.deliver();
    const events = s.receiver.requests
      .slice(from)
      .map((r) => new Webhook(e.secret).verify(r.body, r.headers) as { type: string; id: string });
    expect(events.map((x) => x.type).sort()).toEqual(['connection.created', 'connection.revoked']);
    expect(events.find((x) => x.type === 'connection.created')?.id).toBe(failed.event_id);
  });

  it('disables by hand (pending deliveries cancelled, nothing queued while off) and changes the other fields', async () => {
    const e = WebhookEndpointWithSecret.parse(
      (await api('POST', '/v1/webhook-endpoints', { url: s.receiver.url, description: 'ops' })).json,
    );
    s.receiver.respond((_req, res) => res.writeHead(503).end());
    await connect(s.t);
    await s.lifecycle.webhooks.dispatcher.runOnce();
    const off = WebhookEndpointView.parse((await patch(e.id, { status: 'disabled' })).json);
    expect(off).toMatchObject({ status: 'disabled', disabled_reason: 'disabled_by_host' });
    const deliveries = async () =>
      WebhookDeliveryList.parse((await api('GET', `/v1/webhook-deliveries?endpoint_id=${e.id}`)).json).data;
    expect((await deliveries()).map((d) => d.status)).toEqual(['cancelled']);
    await connect(s.t);
    expect(await deliveries()).toHaveLength(1);
    // Disabling again keeps the first reason.
    expect(WebhookEndpointView.parse((await patch(e.id, { status: 'disabled' })).json).disabled_reason).toBe(
      'disabled_by_host',
    );

    const other = `${s.receiver.url}/v2`;
    const changed = WebhookEndpointView.parse(
      (
        await patch(e.id, {
          url: other,
          events: ['connection.revoked', 'connection.revoked'],
          description: null,
          status: 'enabled',
        })
      ).json,
    );
    expect(changed).toMatchObject({
      url: other,
      events: ['connection.revoked'],
      description: null,
      status: 'enabled',
      disabled_reason: null,
    });
    const star = WebhookEndpointView.parse((await patch(e.id, { events: ['connection.created', '*'] })).json);
    expect(star).toMatchObject({ events: ['*'], url: other, status: 'enabled' });
    s.receiver.respond((_req, res) => res.writeHead(200).end());
  });

  it('refuses bad bodies, unsafe URLs, unknown ids, other environments and other tokens, changing nothing', async () => {
    const e = WebhookEndpointWithSecret.parse(
      (await api('POST', '/v1/webhook-endpoints', { url: s.receiver.url })).json,
    );
    const cases: [unknown, string][] = [
      [{}, '(body)'],
      [{ status: 'paused' }, 'status'],
      [{ disabled: false }, 'disabled'],
      [{ url: 'ftp://example.com/x' }, 'url'],
      [{ url: 'https://user:pw@example.com/x' }, 'url'],
      [{ events: [] }, 'events'],
      [{ events: ['connection.exploded'] }, 'events.0'],
      [{ description: 'x'.repeat(501) }, 'description'],
      [{ status: 'enabled', secret: 'whsec_mine' }, 'secret'],
    ];
    for (const [body, param] of cases) {
      const p = expectProblem(await patch(e.id, body), 'INVALID_REQUEST', 400);
      expect({ body, param: p.param }).toEqual({ body, param });
    }
    expectProblem(await patch(e.id, [{ status: 'enabled' }]), 'INVALID_REQUEST', 400);
    expectProblem(
      await call(s.t.url, 'PATCH', `/v1/webhook-endpoints/${e.id}`, { token: s.t.testKey }),
      'INVALID_REQUEST',
      400,
    );
    expectProblem(
      await call(s.t.url, 'PATCH', `/v1/webhook-endpoints/${e.id}`, {
        token: s.t.testKey,
        raw: 'status=enabled',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
      'UNSUPPORTED_MEDIA_TYPE',
      415,
    );
    const ssrf = expectProblem(
      await patch(e.id, { url: 'http://169.254.169.254/x' }),
      'URL_NOT_ALLOWED',
      422,
    );
    expect(ssrf.param).toBe('url');
    expectProblem(await patch('whe_nope', { status: 'enabled' }), 'NOT_FOUND', 404);
    expectProblem(await patch(e.id, { status: 'disabled' }, s.t.liveKey), 'NOT_FOUND', 404);
    const c = await connect(s.t);
    expectProblem(await patch(e.id, { status: 'disabled' }, c.accessToken), 'WRONG_TOKEN_KIND', 401);
    expectProblem(
      await call(s.t.url, 'PATCH', `/v1/webhook-endpoints/${e.id}`, { body: { status: 'disabled' } }),
      'UNAUTHORIZED',
      401,
    );
    expectProblem(
      await api('PATCH', '/v1/webhook-endpoints', { status: 'enabled' }),
      'METHOD_NOT_ALLOWED',
      405,
    );
    await api('DELETE', `/v1/webhook-endpoints/${e.id}`);
    expectProblem(await patch(e.id, { status: 'enabled' }), 'NOT_FOUND', 404);
    const { rows } = await s.t.db.query<{ url: string; status: string }>(
      'SELECT url, status FROM webhook_endpoints WHERE id = $1',
      [e.id],
    );
    expect(rows[0]).toEqual({ url: s.receiver.url, status: 'enabled' });
  });
});
