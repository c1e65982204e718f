// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import type { HandoffView } from '@flange/protocol';
import { FLOW_TIMINGS } from '../flange-connect';
import { renderFlow } from '../test/render';
import { connection, maximo, session, steps } from '../test/fixtures';
import { HANDOFF_LINK } from '../test/stand-in-api';

const adminToken = `flp_${'a'.repeat(40)}`;
const completed = (id: string): HandoffView => ({
  id,
  status: 'completed',
  created_at: '2029-12-31T23:00:00.000Z',
  expires_at: '2030-01-01T00:00:00.000Z',
  opened_at: '2029-12-31T23:01:00.000Z',
  attempt: {
    id: 'att_admin',
    system_id: 'ibm_maximo',
    auth_method: 'api_key',
    status: 'succeeded',
    events: [...steps(5), { type: 'succeeded', public_token: adminToken, connection }],
    values: {},
  },
});

beforeEach(() => {
  FLOW_TIMINGS.handoffPollMs = 30;
});
afterEach(() => {
  FLOW_TIMINGS.handoffPollMs = 3000;
});

describe('hand-off', () => {
  it('gives the end user a link for their admin, follows the admin, and tells the host on success', async () => {
    const handoffs = { list: [] as HandoffView[] };
    const r = renderFlow({ handoffs });
    await r.user.click(await screen.findByRole('button', { name: 'IBM Maximo' }));
    await r.user.type(await screen.findByLabelText('Instance URL'), 'https://maximo.example.com');
    await r.user.type(screen.getByLabelText('API key'), 'SECRET-CANARY-77');
    await r.user.click(screen.getByRole('button', { name: 'I don’t have these credentials' }));

    const heading = await screen.findByRole('heading', { name: 'Ask your IT admin to finish' });
    await waitFor(() => expect(document.activeElement).toBe(heading));
    const link = (await screen.findByLabelText('Link for your IT admin')) as HTMLInputElement;
    expect(link.value).toBe(HANDOFF_LINK);
    expect(link.readOnly).toBe(true);
    const post = r.requests.find((q) => q.method === 'POST' && q.path === '/v1/connect/handoffs');
    expect(post?.body).toEqual({
      resume: {
        system_id: 'ibm_maximo',
        auth_method: 'api_key',
        values: { instance_url: 'https://maximo.example.com' },
      },
    });
    await r.user.click(screen.getByRole('button', { name: 'Copy the link' }));
    // user-event's clipboard stands in for the browser's.
    expect(await navigator.clipboard.readText()).toBe(HANDOFF_LINK);
    await screen.findByText('Link copied.');
    const mail = screen.getByRole('link', { name: 'Email it' }).getAttribute('href') ?? '';
    expect(mail.startsWith('mailto:?subject=')).toBe(true);
    expect(decodeURIComponent(mail)).toContain(HANDOFF_LINK);
    await screen.findByText('Waiting for your IT admin to open the link…');

    handoffs.list = [{ ...handoffs.list[0]!, status: 'opened', opened_at: '2029-12-31T23:01:00.000Z' }];
    await screen.findByText('Your IT admin opened the link.');
    handoffs.list = [completed(handoffs.list[0]!.id)];
    await screen.findByText('Your IT admin connected IBM Maximo.');
    expect(r.onSuccess).toHaveBeenCalledTimes(1);
    expect(r.onSuccess).toHaveBeenCalledWith({ publicToken: adminToken, connection });
    const events = r.onEvent.mock.calls.map((c) => c[0]);
    expect(events).toContain('HANDOFF');
    expect(events.at(-1)).toBe('SUCCESS');
    // Neither the link (its secret) nor a credential is in any event or in storage.
    const seen =
      JSON.stringify(r.onEvent.mock.calls) +
      JSON.stringify({ ...localStorage }) +
      JSON.stringify({ ...sessionStorage });
    expect(seen).not.toMatch(/flh_|SECRET-CANARY/);
  });

  it('lets the end user go back and type the credentials after all, while the link stays watched', async () => {
    const handoffs = { list: [] as HandoffView[] };
    const r = renderFlow({ handoffs });
    await r.user.click(await screen.findByRole('button', { name: 'IBM Maximo' }));
    await r.user.click(await screen.findByRole('button', { name: 'I don’t have these credentials' }));
    await screen.findByLabelText('Link for your IT admin');
    await r.user.click(screen.getByRole('button', { name: 'Enter the credentials myself' }));
    await screen.findByRole('heading', { name: 'Connect IBM Maximo' });
    handoffs.list = [completed(handoffs.list[0]!.id)];
    await screen.findByText('Your IT admin connected IBM Maximo.');
    expect(r.onSuccess).toHaveBeenCalledTimes(1);
  });

  it('on the admin’s page: starts on the sender’s form, names who asked, and offers no further hand-off', async () => {
    const r = renderFlow(
      {
        session: { ...session, end_user: { id: 'u1', name: 'Dana Field' } },
        attempts: [[...steps(5), { type: 'succeeded', public_token: adminToken, connection }]],
      },
      {
        handoff: {
          resume: {
            system_id: 'ibm_maximo',
            auth_method: 'api_key',
            values: { instance_url: 'https://maximo.example.com' },
          },
        },
      },
    );
    await screen.findByRole('heading', { name: 'Connect IBM Maximo' });
    expect(screen.getByText('Dana Field asked you to connect IBM Maximo for Acme Reliability.')).toBeTruthy();
    expect((screen.getByLabelText('Instance URL') as HTMLInputElement).value).toBe(
      'https://maximo.example.com',
    );
    expect(screen.queryByRole('button', { name: 'I don’t have these credentials' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Back/ })).toBeNull();
    await r.user.type(screen.getByLabelText('API key'), 'good-key-123456');
    await r.user.click(screen.getByRole('button', { name: 'Connect' }));
    await screen.findByText(
      'Thank you. Dana Field and Acme Reliability can use the connection now. You can close this page.',
    );
    expect(maximo.id).toBe('ibm_maximo');
  });
});
