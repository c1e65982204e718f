// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { renderFlow } from './test/render';
import { FINGERPRINT, badKey, maximo, session, steps, succeeded, tlsUntrusted } from './test/fixtures';

const URL_LABEL = 'Instance URL';

async function openMaximo(r: ReturnType<typeof renderFlow>) {
  await r.user.click(await screen.findByRole('button', { name: 'IBM Maximo' }));
  await screen.findByRole('heading', { name: 'Connect IBM Maximo' });
}

describe('FlangeConnect: form', () => {
  it('generates the form from the field spec and switches auth methods', async () => {
    const r = renderFlow();
    await openMaximo(r);
    expect(screen.getByLabelText(URL_LABEL)).toBeTruthy();
    expect(screen.getByLabelText('API key').getAttribute('type')).toBe('password');
    await r.user.click(screen.getByRole('radio', { name: 'User name and password (Maximo 7.6)' }));
    expect(await screen.findByLabelText('User name')).toBeTruthy();
    expect(screen.queryByLabelText('API key')).toBeNull();
  });

  it('validates as the user types and never submits what the browser can judge', async () => {
    const r = renderFlow();
    await openMaximo(r);
    const url = screen.getByLabelText(URL_LABEL);
    await r.user.type(url, 'ftp://maximo.example.com');
    await r.user.tab();
    expect(url.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText(/must start with https:\/\//)).toBeTruthy();
    await r.user.clear(url);
    await r.user.type(url, 'https://maximo.example.com');
    expect(url.getAttribute('aria-invalid')).toBe('false');
    await r.user.click(screen.getByRole('button', { name: 'Connect' }));
    expect(screen.getByText('API key is required.')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByLabelText('API key'));
    await r.user.type(screen.getByLabelText('API key'), 'short');
    expect(screen.getByText('API key is at least 8 characters.')).toBeTruthy();
    expect(r.requests.some((q) => q.path === '/v1/connect/attempts')).toBe(false);
  });

  it('shows the normalized base URL of a pasted browser address and probes it', async () => {
    const r = renderFlow();
    await openMaximo(r);
    const url = screen.getByLabelText(URL_LABEL);
    url.focus();
    await r.user.paste('https://maximo.example.com/maximo/oslc/os/mxwo?lean=1#top');
    expect(screen.getByText('We will use https://maximo.example.com')).toBeTruthy();
    await screen.findByText('This is IBM Maximo 7.6.1.3.', {}, { timeout: 3000 });
    const probes = r.requests.filter((q) => q.path === '/v1/connect/probe');
    expect(probes.map((q) => q.body)).toEqual([
      { system_id: 'ibm_maximo', url: 'https://maximo.example.com' },
    ]);
    expect(r.onEvent).toHaveBeenCalledWith(
      'PROBE',
      expect.objectContaining({ product: 'match', version: '7.6.1.3' }),
    );
  });

  it('says when another product answers at the address', async () => {
    const r = renderFlow({
      probe: (u) => ({
        normalized_url: u,
        reachable: true,
        tls: 'trusted',
        product: 'mismatch',
        message: 'x',
      }),
    });
    await openMaximo(r);
    await r.user.type(screen.getByLabelText(URL_LABEL), 'https://sap.example.com');
    const status = await screen.findByText(
      'This address answers, but it is not IBM Maximo.',
      {},
      { timeout: 3000 },
    );
    expect(status.getAttribute('role')).toBe('status');
  });

  it('shows the guide beside the form and a per-field help link into it', async () => {
    const r = renderFlow();
    await openMaximo(r);
    const guide = screen.getByRole('complementary', { name: 'Create a Maximo API key' });
    expect(within(guide).getByRole('link', { name: 'Open the documentation' })).toBeTruthy();
    await r.user.click(screen.getByRole('button', { name: 'Where do I find this?' }));
    expect(document.activeElement?.textContent).toMatch(/API keys and choose Add/);
  });

  it('fills the sandbox demo credentials in the test environment', async () => {
    const r = renderFlow();
    await openMaximo(r);
    await r.user.click(screen.getByRole('button', { name: 'Use these demo credentials' }));
    expect((screen.getByLabelText(URL_LABEL) as HTMLInputElement).value).toBe('http://127.0.0.1:4101');
    expect((screen.getByLabelText('API key') as HTMLInputElement).value).toBe('good-key-123456');
  });

  it('lists each sandbox value once, the address included when the credentials repeat it', async () => {
    const sandbox = maximo.sandbox;
    if (!sandbox) throw new Error('fixture without sandbox');
    const r = renderFlow({
      systems: {
        [maximo.id]: {
          ...maximo,
          sandbox: {
            ...sandbox,
            credentials: { api_key: { instance_url: sandbox.instance_url, api_key: 'good-key-123456' } },
          },
        },
      },
    });
    await openMaximo(r);
    const panel = screen.getByRole('region', { name: 'Test environment' });
    const terms = within(panel)
      .getAllByRole('term')
      .map((el) => el.textContent);
    expect(terms).toEqual([URL_LABEL, 'API key']);
  });

  it('hides the sandbox hints in the live environment', async () => {
    const r = renderFlow({ session: { ...session, environment: 'live' } });
    await openMaximo(r);
    expect(screen.queryByRole('button', { name: 'Use these demo credentials' })).toBeNull();
  });
});

describe('FlangeConnect: landmarks and headings', () => {
  it('is a region named by its title inside the host page, with step headings at level 2', async () => {
    renderFlow();
    const region = await screen.findByRole('region', { name: 'Connect your system' });
    expect(within(region).getByRole('heading', { level: 2 }).textContent).toBe(
      'Which system does your company use?',
    );
    // The host page owns its main landmark and its h1.
    expect(screen.queryByRole('main')).toBeNull();
    expect(screen.queryByRole('heading', { level: 1 })).toBeNull();
  });

  it('puts step headings at the level the host sets, and section headings one below', async () => {
    const r = renderFlow({}, { headingLevel: 3 });
    expect(
      (await screen.findByRole('heading', { name: 'Which system does your company use?' })).tagName,
    ).toBe('H3');
    await r.user.click(await screen.findByRole('button', { name: 'IBM Maximo' }));
    expect((await screen.findByRole('heading', { name: 'Connect IBM Maximo' })).tagName).toBe('H3');
    expect(screen.getByRole('heading', { name: 'Test environment' }).tagName).toBe('H4');
    expect(screen.queryByRole('heading', { level: 2 })).toBeNull();
  });
});

describe('FlangeConnect: validation and outcome', () => {
  async function submit(r: ReturnType<typeof renderFlow>, key = 'good-key-123456') {
    await openMaximo(r);
    await r.user.type(screen.getByLabelText(URL_LABEL), 'https://maximo.example.com');
    await r.user.type(screen.getByLabelText('API key'), key);
    await r.user.click(screen.getByRole('button', { name: 'Connect' }));
  }

  it('connects: live steps, then the success screen; onSuccess exactly once under StrictMode', async () => {
    const r = renderFlow({ attempts: [[...steps(5), succeeded]] });
    await submit(r);
    await screen.findByRole('heading', { name: 'Connected' });
    expect(screen.getByText('IBM Maximo is connected.')).toBeTruthy();
    expect(screen.getByText('Integration Admin (MXINTADM)')).toBeTruthy();
    expect(
      within(screen.getByRole('list', { name: 'Data we could read' })).getByText('Work orders'),
    ).toBeTruthy();
    expect(r.onSuccess).toHaveBeenCalledTimes(1);
    expect(r.onSuccess.mock.calls[0]?.[0].publicToken).toMatch(/^flp_/);
    const names = r.onEvent.mock.calls.map((c) => c[0]);
    expect(names.filter((n) => n === 'OPEN')).toHaveLength(1);
    expect(names.filter((n) => n === 'SUCCESS')).toHaveLength(1);
    const attempt = r.requests.find((q) => q.path === '/v1/connect/attempts');
    expect(attempt?.body).toEqual({
      system_id: 'ibm_maximo',
      auth_method: 'api_key',
      values: { instance_url: 'https://maximo.example.com', api_key: 'good-key-123456' },
    });
    for (const q of r.requests) {
      expect(q.headers.get('authorization')).toMatch(/^Bearer fls_/);
      expect(q.path).not.toContain('fls_');
    }
    expect(JSON.stringify(r.onEvent.mock.calls)).not.toContain('good-key');
  });

  it('shows a fixable failure; try again keeps the URL, clears the key, highlights and focuses it', async () => {
    const r = renderFlow({
      attempts: [
        [...steps(4), badKey],
        [...steps(5), succeeded],
      ],
    });
    await submit(r, 'wrong-key-000000');
    await screen.findByRole('heading', { name: 'We couldn’t connect' });
    expect(screen.getByText('Maximo rejected this API key. It may have been revoked.')).toBeTruthy();
    expect(screen.getByText('Error reported by the system: BMXAA9549E')).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Create a new API key' })).toBeTruthy();
    const list = screen.getByRole('list', { name: 'Validation steps' });
    expect(
      within(list)
        .getByText(/Sign in/)
        .closest('li')
        ?.getAttribute('data-status'),
    ).toBe('pending');
    expect(r.onEvent).toHaveBeenCalledWith('ERROR', {
      error_code: 'INVALID_CREDENTIALS',
      step: 'authenticate',
    });

    await r.user.click(screen.getByRole('button', { name: 'Try again' }));
    const key = await screen.findByLabelText('API key');
    expect((key as HTMLInputElement).value).toBe('');
    expect(key.getAttribute('aria-invalid')).toBe('true');
    await waitFor(() => expect(document.activeElement).toBe(key));
    expect(screen.getByText('Maximo rejected this API key. It may have been revoked.')).toBeTruthy();
    expect((screen.getByLabelText(URL_LABEL) as HTMLInputElement).value).toBe('https://maximo.example.com');

    await r.user.type(key, 'good-key-123456');
    expect(key.getAttribute('aria-invalid')).toBe('false');
    await r.user.click(screen.getByRole('button', { name: 'Connect' }));
    await screen.findByRole('heading', { name: 'Connected' });
  });

  it('offers to trust a self-signed certificate and resubmits with its fingerprint', async () => {
    const r = renderFlow({
      attempts: [
        [...steps(2), tlsUntrusted],
        [...steps(5), succeeded],
      ],
    });
    await submit(r);
    await screen.findByText(FINGERPRINT);
    await r.user.click(screen.getByRole('button', { name: 'Trust this certificate and retry' }));
    await screen.findByRole('heading', { name: 'Connected' });
    const posts = r.requests.filter((q) => q.path === '/v1/connect/attempts');
    expect(posts[1]?.body).toMatchObject({
      trust_certificate_sha256: FINGERPRINT,
      values: { api_key: 'good-key-123456' },
    });
  });

  it('announces step progress in a live region', async () => {
    const r = renderFlow({ attempts: [[...steps(5), badKey]] });
    await submit(r);
    await screen.findByRole('heading', { name: 'We couldn’t connect' });
    // The validating view announced before the failure replaced it; the checklist kept the timings.
    const list = screen.getByRole('list', { name: 'Validation steps' });
    expect(within(list).getByText('50 ms')).toBeTruthy();
  });
});

describe('FlangeConnect: session and host integration', () => {
  it('shows an expired session without retrying it', async () => {
    const r = renderFlow({ session: { status: 401, code: 'SESSION_EXPIRED' } });
    await screen.findByRole('heading', { name: 'This session has ended' });
    // StrictMode's resubscribe cancels the first request in development; what matters is no retry.
    expect(r.requests.filter((q) => q.path === '/v1/connect/session' && !q.signal?.aborted)).toHaveLength(1);
  });

  it('calls onExit from the close button with the screen it left', async () => {
    const r = renderFlow();
    await r.user.click(await screen.findByRole('button', { name: 'Close' }));
    expect(r.onEvent).toHaveBeenCalledWith('EXIT', expect.objectContaining({ status: 'user_closed' }));
    expect(r.onExit).toHaveBeenCalledWith(
      null,
      expect.objectContaining({ status: 'user_closed', screen: 'catalog' }),
    );
  });

  it('reconnects with the system and instance prefilled, asking only credentials, and warns on another instance', async () => {
    const r = renderFlow({
      session: {
        ...session,
        systems: ['ibm_maximo'],
        reconnect: {
          connection_id: 'conn_1',
          system_id: 'ibm_maximo',
          auth_method: 'api_key',
          instance_url: 'https://maximo.example.com',
        },
      },
    });
    await screen.findByRole('heading', { name: 'Reconnect IBM Maximo' });
    await screen.findByText('https://maximo.example.com');
    // Only the credential is a field to fill; the address is shown, with a way to change it.
    expect(screen.queryByLabelText(URL_LABEL)).toBeNull();
    expect(screen.getByLabelText('API key')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Back/ })).toBeNull();
    expect(screen.getByText('Step 1 of 3: Details')).toBeTruthy();
    await r.user.click(screen.getByRole('button', { name: 'Change the address' }));
    const url = screen.getByLabelText(URL_LABEL) as HTMLInputElement;
    await waitFor(() => expect(document.activeElement).toBe(url));
    await r.user.clear(url);
    await r.user.type(url, 'https://other.example.com');
    expect(screen.getByText(/not the address of your current connection/)).toBeTruthy();
    await r.user.type(screen.getByLabelText('API key'), 'good-key-123456');
    await r.user.click(screen.getByRole('button', { name: 'Connect' }));
    await waitFor(() => expect(r.requests.some((q) => q.path === '/v1/connect/attempts')).toBe(true));
    expect(r.requests.find((q) => q.path === '/v1/connect/attempts')?.body).toMatchObject({
      system_id: 'ibm_maximo',
      auth_method: 'api_key',
      values: { instance_url: 'https://other.example.com', api_key: 'good-key-123456' },
    });
  });

  it('speaks German from the session locale or the prop', async () => {
    renderFlow({ session: { ...session, locale: 'de' } });
    expect(await screen.findByLabelText('Systeme suchen')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Welches System nutzt Ihr Unternehmen?' })).toBeTruthy();
    expect(document.querySelector('[lang="de"]')).toBeTruthy();
  });

  it('themes through CSS variables on a scoped root and injects its stylesheet once, with the nonce', async () => {
    renderFlow({}, { theme: { mode: 'dark', primary_color: '#ffcc00', radius_px: 4 }, cspNonce: 'n0nce' });
    await screen.findByLabelText('Search systems');
    const root = document.querySelector('.flange-root') as HTMLElement;
    expect(root.dataset['theme']).toBe('dark');
    expect(root.style.getPropertyValue('--fl-primary')).toBe('#ffcc00');
    expect(root.style.getPropertyValue('--fl-on-primary')).toBe('#0f172a');
    expect(root.style.getPropertyValue('--fl-radius')).toBe('4px');
    const styles = document.querySelectorAll('style#flange-connect-styles');
    expect(styles).toHaveLength(1);
    expect((styles[0] as HTMLStyleElement).nonce).toBe('n0nce');
  });

  it('after a reload, tells the host of a success it missed, once, and never again', async () => {
    const reloaded = {
      session: { ...session, last_attempt_id: 'att_7' },
      attemptStates: {
        att_7: {
          id: 'att_7',
          system_id: maximo.id,
          auth_method: 'api_key',
          status: 'succeeded' as const,
          events: [...steps(5), succeeded],
          values: { instance_url: 'https://maximo.example.com' },
        },
      },
    };
    const first = renderFlow(reloaded);
    await screen.findByRole('heading', { name: 'Connected' });
    await waitFor(() => expect(first.onSuccess).toHaveBeenCalledTimes(1));
    first.unmount();
    const second = renderFlow(reloaded);
    await screen.findByRole('heading', { name: 'Connected' });
    expect(second.onSuccess).not.toHaveBeenCalled();
  });

  it('returns to the failure after a reload, with the typed non-secret values kept for try again', async () => {
    const r = renderFlow({
      session: { ...session, last_attempt_id: 'att_8' },
      attemptStates: {
        att_8: {
          id: 'att_8',
          system_id: maximo.id,
          auth_method: 'api_key',
          status: 'failed',
          events: [...steps(4), badKey],
          values: { instance_url: 'https://maximo.example.com' },
        },
      },
    });
    await screen.findByRole('heading', { name: 'We couldn’t connect' });
    await r.user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(((await screen.findByLabelText(URL_LABEL)) as HTMLInputElement).value).toBe(
      'https://maximo.example.com',
    );
  });

  it('falls back to the catalog when the last attempt is gone', async () => {
    const r = renderFlow({ session: { ...session, last_attempt_id: 'att_gone' } });
    expect(await screen.findByLabelText('Search systems')).toBeTruthy();
    expect(r.requests.some((q) => q.path === '/v1/connect/attempts/att_gone')).toBe(true);
  });
});
