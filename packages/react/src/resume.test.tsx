// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import { renderFlow } from './test/render';

const everythingStored = () =>
  [...Object.entries({ ...localStorage }), ...Object.entries({ ...sessionStorage }), document.cookie].join(
    ' ',
  );

describe('resuming without storing a credential', () => {
  it('a reload returns to the same form with the address and user name, never a secret', async () => {
    const first = renderFlow();
    await first.user.click(await screen.findByRole('button', { name: 'IBM Maximo' }));
    await first.user.click(await screen.findByRole('radio', { name: 'User name and password (Maximo 7.6)' }));
    await first.user.type(screen.getByLabelText('Instance URL'), 'https://maximo.example.com');
    await first.user.type(screen.getByLabelText('User name'), 'maxadmin');
    await first.user.type(screen.getByLabelText('Password'), 'CANARY-pass-91');
    await waitFor(() => expect(everythingStored()).toContain('maxadmin'));
    expect(everythingStored()).not.toContain('CANARY');
    first.unmount();

    // A reload, or a new tab opened on the same session: same step, same non-secret values.
    const second = renderFlow();
    await screen.findByRole('heading', { name: 'Connect IBM Maximo' });
    expect(
      (screen.getByRole('radio', { name: 'User name and password (Maximo 7.6)' }) as HTMLInputElement)
        .checked,
    ).toBe(true);
    expect((screen.getByLabelText('Instance URL') as HTMLInputElement).value).toBe(
      'https://maximo.example.com',
    );
    expect((screen.getByLabelText('User name') as HTMLInputElement).value).toBe('maxadmin');
    expect((screen.getByLabelText('Password') as HTMLInputElement).value).toBe('');
    await second.user.type(screen.getByLabelText('Password'), 'CANARY-pass-92');
    expect(everythingStored()).not.toContain('CANARY');
  });

  it('choosing another system forgets the first one’s values', async () => {
    const r = renderFlow();
    await r.user.click(await screen.findByRole('button', { name: 'IBM Maximo' }));
    await r.user.type(await screen.findByLabelText('Instance URL'), 'https://maximo.example.com');
    await r.user.click(screen.getByRole('button', { name: /Back/ }));
    await screen.findByLabelText('Search systems');
    await waitFor(() => expect(everythingStored()).not.toContain('maximo.example.com'));
  });
});
